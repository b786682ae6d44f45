import {
  DEFAULT_CALENDAR,
  DEFAULT_RULES,
  deadlines,
  execute,
  overdueActions,
  type Case,
  type TimerAction,
} from '../../src/domain';
import { T0, TREE, actors, ctx, registerCommand, run, seedAccepted, seedPerforming, seedRegistered, seedScheduled } from './fixtures';

const timerCtx = { orgTree: TREE, calendar: DEFAULT_CALENDAR, rules: DEFAULT_RULES };
const hoursAfter = (iso: string, h: number): string => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
const kinds = (actions: TimerAction[]): string[] => actions.map((a) => (a.kind === 'command' ? `command:${a.command.type}` : `${a.kind}:${'toOrgId' in a ? a.toOrgId : JSON.stringify(a.to)}`));

/** Runs the commands a timer would, as the system actor, and returns the new case. */
function runTimer(c: Case, now: string): Case {
  let state = c;
  for (const a of overdueActions(c, now, timerCtx)) {
    if (a.kind !== 'command') continue;
    const r = execute(state, a.command, ctx(actors.system, now));
    if (!r.ok) throw new Error(`${a.command.type}: ${r.error.message}`);
    state = r.state;
  }
  return state;
}

describe('what the timer does', () => {
  it('nothing before a deadline', () => {
    expect(overdueActions(seedRegistered(), hoursAfter(T0, 2), timerCtx)).toEqual([]);
  });

  it('triage overdue: records the miss against the first-inquiry organisation and person, reminds it, alerts the street', () => {
    const c = run(undefined, [[registerCommand({ source: 'walk_in' }), ctx(actors.staff('C1A'))]]);
    const now = hoursAfter(T0, 48);
    const actions = overdueActions(c, now, timerCtx);
    expect(kinds(actions)).toEqual(['command:record_deadline_missed', 'reminder:{"orgId":"C1A","userId":"C1A-intake"}', 'alert:S1']);
    const after = runTimer(c, now);
    expect(after.missedDeadlines).toEqual([expect.objectContaining({ kind: 'triage', ownerOrgId: 'C1A', ownerUserId: 'C1A-intake' })]);
    // Recorded once: the next run only reminds and alerts again (the keys let the timer send each once).
    expect(kinds(overdueActions(after, hoursAfter(now, 1), timerCtx))).toEqual(['reminder:{"orgId":"C1A","userId":"C1A-intake"}', 'alert:S1']);
  });

  it('transfer not accepted in time: goes to the lowest common parent', () => {
    const c = run(undefined, [
      [registerCommand({ source: 'walk_in', firstInquiryOrgId: 'S2' }), ctx(actors.staff('S2'))],
      [{ type: 'transfer', toOrgId: 'C1A', reason: '属地', consentToShare: true }, ctx(actors.staff('S2'))],
    ]);
    const now = hoursAfter(T0, 24 * 4);
    expect(kinds(overdueActions(c, now, timerCtx))).toEqual(['command:record_deadline_missed', 'command:escalate_overdue_transfer', 'reminder:{"orgId":"C1A"}']);
    const after = runTimer(c, now);
    expect(after).toMatchObject({ status: 'awaiting_designation', responsibleOrgId: 'S2', designation: { designatorOrgId: 'D' } });
    expect(after.missedDeadlines[0]).toMatchObject({ kind: 'transfer_response', ownerOrgId: 'C1A' });
  });

  it('mediation overdue: the mediator is reminded and the organisation above is alerted', () => {
    const c = seedAccepted();
    const now = new Date('2026-04-02T09:00:00+08:00').toISOString();
    const actions = overdueActions(c, now, timerCtx);
    expect(kinds(actions)).toContain('alert:S1');
    expect(kinds(actions)).toContain('reminder:{"orgId":"C1A","userId":"C1A-mediator-1"}');
    const alert = actions.find((a) => a.kind === 'alert');
    expect(alert && alert.message).toBe('案件TY-2026-0001：调解办结已超期（期限2026-04-01 23:59），请督办');
  });

  it('messages carry the case number but no names, phone numbers or dispute text', () => {
    const c = seedAccepted();
    for (const a of overdueActions(c, new Date('2026-04-02T09:00:00+08:00').toISOString(), timerCtx)) {
      if (a.kind === 'command') continue;
      expect(a.message).not.toMatch(/张三|李四|138|漏水/);
    }
  });

  it('reminds both parties and the mediator the day before a session, once per session', () => {
    const c = seedScheduled(); // session at 2026-03-05 10:00 China
    expect(overdueActions(c, new Date('2026-03-04T09:00:00+08:00').toISOString(), timerCtx)).toEqual([]);
    const actions = overdueActions(c, new Date('2026-03-04T11:00:00+08:00').toISOString(), timerCtx);
    expect(actions.map((a) => a.kind === 'reminder' && a.to)).toEqual([{ partyId: 'p1' }, { partyId: 'p2' }, { userId: 'C1A-mediator-1' }]);
    expect(new Set(actions.map((a) => a.key)).size).toBe(3);
  });

  it('reminds the obligor before an item is due, then reports it overdue', () => {
    const c = seedPerforming(); // item due 2026-03-20
    expect(overdueActions(c, new Date('2026-03-16T09:00:00+08:00').toISOString(), timerCtx)).toEqual([]);
    expect(kinds(overdueActions(c, new Date('2026-03-17T09:00:00+08:00').toISOString(), timerCtx))).toEqual(['reminder:{"partyId":"p2"}']);
    const late = overdueActions(c, new Date('2026-03-21T09:00:00+08:00').toISOString(), timerCtx);
    expect(kinds(late)).toEqual(['command:record_deadline_missed', 'reminder:{"partyId":"p2"}', 'reminder:{"orgId":"C1A","userId":"C1A-mediator-1"}']);
  });

  it('seed 004 (跟踪回访): a closed case owes only its return visit: once overdue its organisation is reminded (nothing recorded against the closed case), once made nothing more', () => {
    const c = run(seedRegistered(), [[{ type: 'withdraw', partyId: 'p1' }, ctx(actors.resident)]]);
    // Withdrawn on Monday 2026-03-02: the visit is due five working days later, at the end of Monday 03-09.
    expect(overdueActions(c, new Date('2026-03-09T20:00:00+08:00').toISOString(), timerCtx)).toEqual([]);
    const late = overdueActions(c, new Date('2026-03-10T09:00:00+08:00').toISOString(), timerCtx);
    expect(kinds(late)).toEqual(['reminder:{"orgId":"C1A"}']);
    expect(late[0]).toMatchObject({ message: expect.stringContaining('回访已超期') });
    const visited = run(c, [[{ type: 'record_return_visit', visit: { result: 'settled', notes: '双方已自行和解' } }, ctx(actors.staff('C1A'), new Date('2026-03-10T10:00:00+08:00').toISOString())]]);
    expect(overdueActions(visited, hoursAfter(T0, 24 * 365), timerCtx)).toEqual([]);
  });

  it('Art. 17: silence past the reply period is not consent: the mediator is reminded to contact the respondent or close the case as no reply, and nothing closes on its own', () => {
    const c = run(seedAccepted(), [[{ type: 'invite_respondent' }, ctx(actors.mediator('C1A'))]]);
    const late = overdueActions(c, new Date('2026-03-10T09:00:00+08:00').toISOString(), timerCtx);
    expect(kinds(late)).toEqual(['command:record_deadline_missed', 'reminder:{"orgId":"C1A","userId":"C1A-mediator-1"}']);
    expect(late[1]).toMatchObject({ message: expect.stringContaining('被申请人逾期未答复') });
    expect(runTimer(c, new Date('2026-03-10T09:00:00+08:00').toISOString()).status).toBe('awaiting_consent');
  });

  it('the system cannot record a deadline that has not passed, or record it twice', () => {
    const c = seedRegistered();
    const [d] = deadlines(c);
    const early = execute(c, { type: 'record_deadline_missed', kind: d.kind, dueAt: d.dueAt }, ctx(actors.system, T0));
    expect(early.ok ? 'OK' : early.error.code).toBe('DEADLINE_NOT_MISSED');
    const late = hoursAfter(T0, 72);
    const once = run(c, [[{ type: 'record_deadline_missed', kind: d.kind, dueAt: d.dueAt }, ctx(actors.system, late)]]);
    const twice = execute(once, { type: 'record_deadline_missed', kind: d.kind, dueAt: d.dueAt }, ctx(actors.system, late));
    expect(twice.ok ? 'OK' : twice.error.code).toBe('ALREADY_RECORDED');
  });
});
