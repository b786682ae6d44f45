// The deadline sweep reads only cases whose `timerDueAt` (the domain's `nextTimerAt`) has come. Against the old
// sweep, which read every case that might have something due and let the claims sort it out, this checks that
// reading only those cases takes exactly the same actions: for random cases, random runs of the timer and
// random steps people take between them, both sweeps claim the same action keys at every run.
import fc from 'fast-check';
import { DEFAULT_CALENDAR, DEFAULT_RULES, execute, nextTimerAt, overdueActions, type Case } from '../../src/domain';
import { T0, TREE, actors, ctx, seedAccepted, seedAwaitingConsent, seedInMediation, seedPerforming, seedRegistered, seedScheduled } from './fixtures';

const timerCtx = { orgTree: TREE, calendar: DEFAULT_CALENDAR, rules: DEFAULT_RULES };
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const SEEDS: Array<() => Case> = [seedRegistered, seedAccepted, seedAwaitingConsent, seedInMediation, seedScheduled, seedPerforming];
const STATES = SEEDS.map((s) => s());

/** One case as each sweep keeps it: its state, the timer's claims, and (new sweep) the document's two fields. */
interface Kept {
  c: Case;
  claimed: Set<string>;
  dueAt: string | null;
  doneAt: string | undefined;
}

/** What one run does to a case it reads (src/server/timer/deadlines.ts): the keys it claims, and the new state. */
function sweepOne(k: Kept, now: string): string[] {
  const actions = overdueActions(k.c, now, timerCtx);
  const todo = actions.filter((a) => !k.claimed.has(a.key));
  let state = k.c;
  for (const a of todo) {
    k.claimed.add(a.key);
    if (a.kind !== 'command') continue;
    const r = execute(state, a.command, ctx(actors.system, now));
    if (r.ok) state = r.state;
  }
  const done = overdueActions(state, now, timerCtx).every((a) => k.claimed.has(a.key));
  k.c = state;
  k.doneAt = done ? now : undefined;
  k.dueAt = nextTimerAt(state, now, k.doneAt, DEFAULT_RULES);
  return todo.map((a) => a.key).sort();
}

type Op = { kind: 'sweep'; hours: number } | { kind: 'touch' | 'reschedule' | 'perform'; hours: number; shift: number };

/** A step someone takes between runs: it changes the case (or only saves it), and the save recomputes the fields. */
function personStep(c: Case, op: Exclude<Op, { kind: 'sweep' }>, nowMs: number): Case {
  const next = structuredClone(c) as Case & Record<string, any>;
  if (op.kind === 'reschedule' && next.status === 'scheduled') next.nextSession = { ...next.nextSession, at: iso(nowMs + op.shift * HOUR) };
  if (op.kind === 'perform' && next.status === 'performing') {
    const item = next.performanceItems.find((i: { doneAt?: string }) => !i.doneAt);
    if (item) item.doneAt = iso(nowMs);
  }
  return next;
}

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sweep' as const), hours: fc.integer({ min: 0, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('touch' as const, 'reschedule' as const, 'perform' as const), hours: fc.integer({ min: 0, max: 48 }), shift: fc.integer({ min: 1, max: 96 }) }) },
);

describe('the sweep over `timerDueAt <= now` acts exactly as the full scan did', () => {
  it('for random cases, runs and steps in between, both claim the same keys at every run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: STATES.length - 1 }), fc.integer({ min: -48, max: 24 * 40 }), fc.array(op, { minLength: 1, maxLength: 30 }), (which, startHours, ops) => {
        const start = STATES[which];
        let nowMs = Date.parse(T0) + startHours * HOUR;
        const old: Kept = { c: start, claimed: new Set(), dueAt: null, doneAt: undefined };
        const neu: Kept = { c: start, claimed: new Set(), dueAt: nextTimerAt(start, T0, undefined, DEFAULT_RULES), doneAt: undefined };
        for (const o of ops) {
          nowMs += o.hours * HOUR;
          const now = iso(nowMs);
          if (o.kind === 'sweep') {
            const byOld = sweepOne(old, now);
            // The new sweep reads the case only when its time has come.
            const read = neu.dueAt !== null && Date.parse(neu.dueAt) <= nowMs;
            const byNew = read ? sweepOne(neu, now) : [];
            expect(byNew).toEqual(byOld);
            expect(neu.c).toEqual(old.c);
          } else {
            old.c = personStep(old.c, o, nowMs);
            neu.c = personStep(neu.c, o, nowMs);
            neu.doneAt = undefined;
            neu.dueAt = nextTimerAt(neu.c, now, undefined, DEFAULT_RULES);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a case with nothing due has no time: a closed case whose overdue return visit was reminded is never read again', () => {
    const c = seedPerforming();
    expect(nextTimerAt(c, T0, undefined, DEFAULT_RULES)).not.toBeNull();
    // Far past everything: once a run took every action, only nothing is left for a case that cannot change by itself.
    const closed = { ...c, status: 'closed', returnVisitDueAt: iso(Date.parse(T0) + HOUR) } as unknown as Case;
    const later = iso(Date.parse(T0) + 2 * HOUR);
    expect(nextTimerAt(closed, later, undefined, DEFAULT_RULES)).toBe(iso(Date.parse(T0) + HOUR + 1));
    expect(nextTimerAt(closed, later, later, DEFAULT_RULES)).toBeNull();
  });
});
