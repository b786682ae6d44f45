// Cloud function `report`: figures, registers and documents, and information officers' reports.
import { createFunction } from '../server/kernel/function';
import { reportRoutes } from '../server/report/routes';

/** The route table (tests read it to check the API document and the role matrix cover every action). */
export const routes = reportRoutes;
export const main = createFunction('report', routes);
