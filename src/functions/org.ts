// Cloud function `org`: the organisation directory and staff invitations.
import { createFunction } from '../server/kernel/function';
import { orgRoutes } from '../server/org/routes';

/** The route table (tests read it to check the API document and the role matrix cover every action). */
export const routes = orgRoutes;
export const main = createFunction('org', routes);
