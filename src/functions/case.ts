// Cloud function `case`: intake, routing under the first-inquiry rule, and case reads.
import { createFunction } from '../server/kernel/function';
import { caseRoutes } from '../server/case/routes';

export const main = createFunction('case', caseRoutes);
