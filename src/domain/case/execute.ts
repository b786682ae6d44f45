import type { CaseCommand } from './commands';
import type { DomainContext } from './context';
import { decide } from './decide';
import type { CaseEvent } from './events';
import { evolve } from './evolve';
import type { Case } from './model';
import type { DomainError } from '../shared/errors';

export type Execution = { ok: true; state: Case; events: CaseEvent[] } | { ok: false; error: DomainError };

/** `decide` then `evolve` over the events: what the use-case layer persists in one transaction. */
export function execute(state: Case | undefined, command: CaseCommand, ctx: DomainContext): Execution {
  const decision = decide(state, command, ctx);
  if (!decision.ok) return decision;
  let next = state;
  for (const event of decision.events) next = evolve(next, event);
  if (!next) throw new Error('execute: a successful decision produced no case');
  return { ok: true, state: next, events: decision.events };
}

/** Rebuilds a case from its event log (audit, repair, tests). */
export function replay(events: CaseEvent[]): Case | undefined {
  return events.reduce<Case | undefined>((c, e) => evolve(c, e), undefined);
}
