// Judicial confirmation (Art. 33): the reminders before the last date on the days the deployment sets, and a
// party saying the parties applied, once for the case, which stops them.
import { addCalendarDays } from '../../src/domain/shared/time';
import { DEFAULT_RULES, checkRulesOverride, decide, judicialConfirmationReminders, overdueActions, type Case } from '../../src/domain';
import { DEFAULT_CALENDAR } from '../../src/domain/calendar';
import { TREE, actors, ctx, run, seedPerforming } from './fixtures';

const timerCtx = { orgTree: TREE, calendar: DEFAULT_CALENDAR, rules: DEFAULT_RULES };
/** 09:00 China time on a calendar day. */
const at = (day: string) => `${day}T01:00:00.000Z`;

function performing(): Case & { status: 'performing' } {
  const c = seedPerforming();
  if (c.status !== 'performing' || c.agreement.form !== 'written' || !c.agreement.judicialConfirmationBy) throw new Error('unreachable');
  return c;
}
const lastDate = (c: Case) => (c.agreement?.form === 'written' ? c.agreement.judicialConfirmationBy! : '');
const judicial = (c: Case, now: string, days = [10, 3]) => judicialConfirmationReminders(c, now, days);

describe('reminders before the last date to apply for judicial confirmation', () => {
  it('nothing before the first reminder day; on it, one reminder per party with the last date and no names', () => {
    const c = performing();
    const by = lastDate(c);
    expect(judicial(c, at(addCalendarDays(by, -11)))).toEqual([]);
    const tenBefore = judicial(c, at(addCalendarDays(by, -10)));
    expect(tenBefore.map((a) => a.kind === 'reminder' && a.to.partyId)).toEqual(['p1', 'p2']);
    expect(tenBefore[0].message).toBe(`案件${c.caseNo}：如需申请司法确认，请于${by}前与对方共同向人民法院提出`);
    expect(tenBefore[0].message).not.toMatch(/张三|李四/);
  });

  it('counts calendar days back from the last date; each reminder day has its own key, so each is sent once', () => {
    const c = performing();
    const by = lastDate(c);
    const ten = judicial(c, at(addCalendarDays(by, -10))).map((a) => a.key);
    // The days between keep the same key: a rerun claims nothing new.
    expect(judicial(c, at(addCalendarDays(by, -5))).map((a) => a.key)).toEqual(ten);
    const three = judicial(c, at(addCalendarDays(by, -3))).map((a) => a.key);
    expect(three).toHaveLength(2);
    expect(three.some((k) => ten.includes(k))).toBe(false);
    // On the last date itself the 3-day reminder still stands; the day after, nothing.
    expect(judicial(c, at(by)).map((a) => a.key)).toEqual(three);
    expect(judicial(c, at(addCalendarDays(by, 1)))).toEqual([]);
  });

  it('the deployment chooses the days; the sweep asks for them', () => {
    const c = performing();
    const by = lastDate(c);
    expect(judicial(c, at(addCalendarDays(by, -7)), [7])).toHaveLength(2);
    expect(judicial(c, at(addCalendarDays(by, -7)), [5])).toEqual([]);
    const keys = overdueActions(c, at(addCalendarDays(by, -3)), timerCtx).map((a) => a.key).filter((k) => k.includes('|judicial|'));
    expect(keys).toEqual([`${c.caseId}|judicial|${by}|3|p1`, `${c.caseId}|judicial|${by}|3|p2`]);
  });

  it('reminder days are checked in the settings: whole days under 30, no repeats', () => {
    const ok = checkRulesOverride({ judicialConfirmationReminderDays: [15, 7, 1] }, DEFAULT_RULES);
    expect(ok.ok && ok.value.judicialConfirmationReminderDays).toEqual([15, 7, 1]);
    const problems = (days: unknown) => {
      const r = checkRulesOverride({ judicialConfirmationReminderDays: days }, DEFAULT_RULES);
      return r.ok ? '' : r.problems.join('\n');
    };
    expect(problems([30, 1.5])).toMatch(/rules\.judicialConfirmationReminderDays\.0: 提醒天数须少于 30 天[\s\S]*提醒天数须为整数/);
    expect(problems([3, 3])).toMatch(/提醒天数不能重复/);
  });

  it('stop once the agreement is fully performed', () => {
    const c = performing();
    const by = lastDate(c);
    const done = run(c, c.performanceItems.map((i) => [{ type: 'mark_item_done', itemId: i.itemId }, ctx(actors.resident)] as const) as never);
    expect(judicial(done, at(addCalendarDays(by, -3)))).toEqual([]);
  });
});

describe('a party says the parties applied', () => {
  it('is recorded once for the case, dated between the agreement taking effect and today, and stops the reminders', () => {
    const c = performing();
    const by = lastDate(c);
    const now = at(addCalendarDays(by, -5));
    const today = addCalendarDays(by, -5);
    const say = (state: Case, appliedOn: string, actor = actors.respondent, partyId = 'p2') =>
      decide(state, { type: 'record_judicial_application', partyId, appliedOn }, ctx(actor, now));
    const code = (r: ReturnType<typeof decide>) => (r.ok ? 'OK' : r.error.code);
    expect(code(say(c, addCalendarDays(today, 1)))).toBe('JUDICIAL_DATE_INVALID');
    expect(code(say(c, '2026-01-01'))).toBe('JUDICIAL_DATE_INVALID');
    expect(code(say(c, today, actors.resident))).toBe('NOT_THE_PARTY');
    const applied = run(c, [[{ type: 'record_judicial_application', partyId: 'p2', appliedOn: today }, ctx(actors.respondent, now)]]);
    expect(applied.judicialApplication).toEqual({ appliedOn: today, partyId: 'p2', at: now });
    expect(judicial(applied, at(addCalendarDays(by, -3)))).toEqual([]);
    // The application is joint: the other party cannot record a second one.
    expect(code(decide(applied, { type: 'record_judicial_application', partyId: 'p1', appliedOn: today }, ctx(actors.resident, now)))).toBe('JUDICIAL_ALREADY_APPLIED');
  });
});
