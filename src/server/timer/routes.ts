// The `timer` function's actions. Each is a timer trigger of the same name (cloudfunctions/timer/config.json)
// and answers only calls without a caller (timers); a user calling them is refused.
import { z } from 'zod';
import { route, type Routes } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import { relayOutbox } from '../notify/relay';
import { sweepDeadlines } from './deadlines';
import { expireOld } from './expiry';

const None = z.strictObject({});

export const timerRoutes: Routes<ServerDeps> = {
  /** Every 5 minutes: send what the outbox holds, retrying failures with backoff. */
  relay: route({ input: None, caller: 'system', handle: (_i, ctx) => relayOutbox(ctx) }),
  /** Every 15 minutes: overdue deadlines escalated or reported, reminders due; then the relay sends them. */
  deadlines: route({
    input: None,
    caller: 'system',
    handle: async (_i, ctx) => {
      const sweep = await sweepDeadlines(ctx);
      const relay = await relayOutbox(ctx);
      return { sweep, relay };
    },
  }),
  /** Hourly: expired invitation codes, old finished notices and expired generated files removed. */
  expiry: route({ input: None, caller: 'system', handle: (_i, ctx) => expireOld(ctx) }),
};
