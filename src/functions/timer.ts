// Cloud function `timer`: the outbox relay, the deadline sweep and expiry, each fired by a timer trigger
// named after its action (cloudfunctions/timer/config.json). A trigger's event carries no action, so the
// trigger name is the action and the trigger's time is the run's "now".
// Only a real trigger runs it: the platform says what started the run (SOURCE `wx_trigger`), and anything else —
// a user, another function, an anonymous HTTP call with a made-up `Time` — is refused before any work, so
// nobody can run a sweep, or run it "as of" a moment of their choosing.
import { createDispatcher } from '../server/kernel/route';
import { serverDeps } from '../server/kernel/function';
import { callerOpenid, startedByTimerTrigger } from '../server/kernel/platform';
import { KERNEL_ERRORS } from '../server/error-codes';
import { timerRoutes } from '../server/timer/routes';

/** The route table (tests read it to check the API document and the role matrix cover every action). */
export const routes = timerRoutes;
const dispatcher = createDispatcher('timer', routes);

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time?: string;
}

function asTimerEvent(event: unknown): TimerEvent | undefined {
  const e = event as Partial<TimerEvent> | null;
  return e && typeof e === 'object' && e.Type === 'Timer' && typeof e.TriggerName === 'string' ? (e as TimerEvent) : undefined;
}

export async function main(event: unknown) {
  const timer = asTimerEvent(event);
  if (!timer || !startedByTimerTrigger()) return { ok: false as const, code: 'FORBIDDEN' as const, message: KERNEL_ERRORS.FORBIDDEN };
  const deps = serverDeps();
  const at = timer.Time ? new Date(timer.Time) : undefined;
  const now = at && !Number.isNaN(at.getTime()) ? at : deps.clock();
  return dispatcher.dispatch({ action: timer.TriggerName }, callerOpenid(), deps, now);
}
