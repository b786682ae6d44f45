// Cloud function `user`: the caller's profile and preferences.
import { createFunction } from '../server/kernel/function';
import { userRoutes } from '../server/user/routes';

/** The route table (tests read it to check the API document and the role matrix cover every action). */
export const routes = userRoutes;
export const main = createFunction('user', routes);
