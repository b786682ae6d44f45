// The `timer` function's actions. `tick` is the function's one timer trigger (cloudfunctions/timer/config.json)
// and runs the others as they fall due (./schedule.ts); each answers only calls without a caller (timers), a
// user calling them is refused.
import { z } from 'zod';
import { route, type Routes } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import { relayOutbox } from '../notify/index';
import { sweepDeadlines } from './deadlines';
import { expireOld } from './expiry';
import { jobsDue, type TimerJob } from './schedule';
import { rollUpFigures } from '../report/index';
import { numberArchives } from '../cases/archive';

const None = z.strictObject({});

type Ctx = Parameters<typeof relayOutbox>[0];

/** Overdue deadlines escalated or reported, reminders due; then the relay sends them. */
async function deadlinesThenRelay(ctx: Ctx) {
  const sweep = await sweepDeadlines(ctx);
  const relay = await relayOutbox(ctx);
  return { sweep, relay };
}

/** What each job of the tick runs. */
const JOBS: Record<TimerJob, (ctx: Ctx) => Promise<unknown>> = {
  relay: relayOutbox,
  deadlines: deadlinesThenRelay,
  expiry: expireOld,
  archives: numberArchives,
  figures: rollUpFigures,
};

export const timerRoutes: Routes<ServerDeps> = {
  /** The trigger, every 5 minutes: the jobs below that are due at the run's time, in turn. */
  tick: route({
    input: None,
    caller: 'system',
    handle: async (_i, ctx) => {
      const ran: Record<string, unknown> = {};
      for (const job of jobsDue(ctx.now)) ran[job] = await JOBS[job](ctx);
      return ran;
    },
  }),
  /** Every tick: send what the outbox holds, retrying failures with backoff. */
  relay: route({ input: None, caller: 'system', handle: (_i, ctx) => relayOutbox(ctx) }),
  /** Every 15 minutes (ticks on the quarter hour). */
  deadlines: route({ input: None, caller: 'system', handle: (_i, ctx) => deadlinesThenRelay(ctx) }),
  /** Every tick: closed cases' files given their archive numbers (卷宗号), in closing order per organisation and year. */
  archives: route({ input: None, caller: 'system', handle: (_i, ctx) => numberArchives(ctx) }),
  /** Every tick, last: the cases whose figures changed (a bounded batch, oldest first) rolled into the counters. */
  figures: route({ input: None, caller: 'system', handle: (_i, ctx) => rollUpFigures(ctx) }),
  /** Hourly: expired invitation codes, old finished notices and expired generated files removed. */
  expiry: route({ input: None, caller: 'system', handle: (_i, ctx) => expireOld(ctx) }),
};
