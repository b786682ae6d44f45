// Cloud function `agreement`: the mediation agreement, its performance, the return visit, rating and closing.
import { createFunction } from '../server/kernel/function';
import { agreementRoutes } from '../server/agreement/routes';

/** The route table (tests read it to check the API document and the role matrix cover every action). */
export const routes = agreementRoutes;
export const main = createFunction('agreement', routes);
