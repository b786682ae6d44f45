// Cloud function `case`: intake, routing under the first-inquiry rule, and case reads.
import { createFunction } from '../server/kernel/function';
import { caseRoutes } from '../server/case/routes';

/** The route table (tests read it to check the API document and the role matrix cover every action). */
export const routes = caseRoutes;
export const main = createFunction('case', routes);
