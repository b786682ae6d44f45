// The `report` function on the wire (to be filled in: inputs inferred from ./schemas, answers, the action map).
import type { ActionMap } from '../api.types';

export interface ReportActions extends ActionMap {}
