import type { CaseEvent } from './events';
import type { DomainError } from '../shared/errors';

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; error: DomainError };

export const accept = (...events: CaseEvent[]): Decision => ({ ok: true, events });
export const refuse = (error: DomainError): Decision => ({ ok: false, error });
