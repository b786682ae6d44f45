import type { CaseCommand } from './commands';
import { deadlines, type Deadline } from './deadlines';
import type { Case } from './model';
import { activeParties } from './guards';
import { parentOf, type OrgTree } from '../org/tree';
import type { WorkCalendar, Duration } from '../calendar/working-days';
import type { DeploymentRules } from '../config/rules';
import { addCalendarDays, chinaDateOf, formatChinaTime, startOfChinaDay, toMillis, toUtcIso, endOfChinaDay, type IsoInstant } from '../shared/time';

/**
 * What the timer should do about one case. Each action has a stable `key` so the timer can claim it
 * exactly once (e.g. insert a document with that id); commands run as the system actor through
 * `execute`. Messages carry the case number and no personal data or dispute text.
 */
export type TimerAction =
  | { kind: 'command'; key: string; command: CaseCommand }
  | { kind: 'alert'; key: string; toOrgId: string; deadline?: Deadline; message: string }
  | { kind: 'reminder'; key: string; to: { orgId?: string; userId?: string; partyId?: string }; message: string };

export interface TimerContext {
  orgTree: OrgTree;
  calendar: WorkCalendar;
  rules: DeploymentRules;
}

function windowStart(at: IsoInstant, before: Duration): IsoInstant {
  switch (before.unit) {
    case 'hours':
      return toUtcIso(toMillis(at) - before.amount * 3_600_000);
    case 'calendar_days':
    case 'working_days':
      // Reminders are a courtesy: counting back plain days is close enough for both.
      return startOfChinaDay(addCalendarDays(chinaDateOf(at), -before.amount));
    default: {
      const unreachable: never = before.unit;
      throw new Error(`Unknown unit ${String(unreachable)}`);
    }
  }
}

function keyOf(c: Case, d: Deadline, what: string): string {
  return [c.caseId, d.kind, d.dueAt, d.itemId ?? '', what].join('|');
}

function overdue(c: Case, d: Deadline, ctx: TimerContext): TimerAction[] {
  const actions: TimerAction[] = [];
  const msg = `案件${c.caseNo}：${d.label}已超期（期限${formatChinaTime(d.dueAt)}）`;
  const recorded = c.missedDeadlines.some((m) => m.kind === d.kind && m.dueAt === d.dueAt && m.itemId === d.itemId);
  // A closed case is only reminded of the visit it still owes: its record (and its on-time closing) stays as closed.
  if (!recorded && c.status !== 'closed') {
    actions.push({
      kind: 'command',
      key: keyOf(c, d, 'record'),
      command: { type: 'record_deadline_missed', kind: d.kind, dueAt: d.dueAt, ...(d.itemId ? { itemId: d.itemId } : {}) },
    });
  }
  const remindOwner = (): void => {
    actions.push({ kind: 'reminder', key: keyOf(c, d, 'remind'), to: { orgId: d.ownerOrgId, ...(d.ownerUserId ? { userId: d.ownerUserId } : {}) }, message: msg });
  };
  const alertAbove = (): void => {
    const above = parentOf(ctx.orgTree, d.ownerOrgId);
    if (above) actions.push({ kind: 'alert', key: keyOf(c, d, 'alert'), toOrgId: above.id, deadline: d, message: `${msg}，请督办` });
  };
  switch (d.kind) {
    case 'transfer_response':
      // No answer in time: the lowest common parent decides.
      actions.push({ kind: 'command', key: keyOf(c, d, 'escalate'), command: { type: 'escalate_overdue_transfer' } });
      remindOwner();
      break;
    case 'triage':
    case 'designation':
    case 'mediator_assignment':
    case 'mediation':
      remindOwner();
      alertAbove();
      break;
    case 'respondent_reply':
      // Silence is not consent (Art. 17): the mediator contacts the respondent or closes the case as no_reply.
      actions.push({
        kind: 'reminder',
        key: keyOf(c, d, 'remind'),
        to: { orgId: d.ownerOrgId, ...(d.ownerUserId ? { userId: d.ownerUserId } : {}) },
        message: `${msg}，请联系被申请人，或以“被申请人逾期未答复”结案`,
      });
      break;
    case 'return_visit':
      remindOwner();
      break;
    case 'performance': {
      const item = c.performanceItems?.find((i) => i.itemId === d.itemId);
      if (item) {
        actions.push({ kind: 'reminder', key: keyOf(c, d, 'obligor'), to: { partyId: item.obligorPartyId }, message: `案件${c.caseNo}：协议约定的履行期限已过，请尽快履行` });
      }
      remindOwner();
      break;
    }
    default: {
      const unreachable: never = d.kind;
      throw new Error(`Unknown deadline ${String(unreachable)}`);
    }
  }
  return actions;
}

/**
 * The reminder before the last date to apply for judicial confirmation that is due today, if any: while the case
 * is performing a written agreement not yet fully performed and nobody said the parties applied. Calendar days
 * (the last date is already past holidays); when several reminder days have passed, only the nearest is sent —
 * a missed earlier one is not worth a second message. One per active party, each with its own stable key.
 */
export function judicialConfirmationReminders(c: Case, now: IsoInstant, reminderDays: number[]): Array<Extract<TimerAction, { kind: 'reminder' }>> {
  if (c.status !== 'performing' || c.judicialApplication) return [];
  const a = c.agreement;
  if (a.form !== 'written' || !a.judicialConfirmationBy) return [];
  if (!c.performanceItems.some((i) => !i.doneAt)) return [];
  const by = a.judicialConfirmationBy;
  const today = chinaDateOf(now);
  if (today > by) return [];
  const due = [...reminderDays].sort((x, y) => x - y).find((d) => today >= addCalendarDays(by, -d));
  if (due === undefined) return [];
  const message = `案件${c.caseNo}：如需申请司法确认，请于${by}前与对方共同向人民法院提出`;
  return activeParties(c).map((p) => ({ kind: 'reminder' as const, key: `${c.caseId}|judicial|${by}|${due}|${p.partyId}`, to: { partyId: p.partyId }, message }));
}

/**
 * Overdue deadlines with the escalation each calls for, plus reminders that have come due (the day
 * before a session, a few days before a performance item). The timer executes; it decides nothing.
 */
export function overdueActions(c: Case, now: IsoInstant, ctx: TimerContext): TimerAction[] {
  const nowMs = toMillis(now);
  const actions: TimerAction[] = [];
  for (const d of deadlines(c)) if (toMillis(d.dueAt) < nowMs) actions.push(...overdue(c, d, ctx));

  if (c.status === 'scheduled') {
    const at = c.nextSession.at;
    if (nowMs >= toMillis(windowStart(at, ctx.rules.deadlines.sessionReminder)) && nowMs < toMillis(at)) {
      const message = `案件${c.caseNo}：调解定于${formatChinaTime(at)}进行，请准时参加`;
      for (const p of c.parties) actions.push({ kind: 'reminder', key: `${c.caseId}|session|${at}|${p.partyId}`, to: { partyId: p.partyId }, message });
      if (c.mediatorId) actions.push({ kind: 'reminder', key: `${c.caseId}|session|${at}|mediator`, to: { userId: c.mediatorId }, message });
    }
  }
  if (c.status === 'performing') {
    for (const item of c.performanceItems) {
      const due = endOfChinaDay(item.dueDate);
      if (item.doneAt || nowMs > toMillis(due)) continue;
      if (nowMs >= toMillis(windowStart(due, ctx.rules.deadlines.performanceReminder))) {
        actions.push({
          kind: 'reminder',
          key: `${c.caseId}|performance-due|${item.itemId}|${item.dueDate}`,
          to: { partyId: item.obligorPartyId },
          message: `案件${c.caseNo}：协议约定的履行期限为${item.dueDate}，请按时履行`,
        });
      }
    }
    actions.push(...judicialConfirmationReminders(c, now, ctx.rules.judicialConfirmationReminderDays));
  }
  return actions;
}

/**
 * When the timer next has something to do for the case: the earliest instant at which `overdueActions` yields an
 * action the timer has not taken yet. Each source of actions opens at an instant and stays open for a while:
 * - a deadline, the moment after it falls due (for good); one already recorded as missed on an open case is
 *   done — its record, reminders and alert were all taken in the pass that recorded it;
 * - the session reminder, from its window's start until the session begins;
 * - each unperformed item's reminder, from its window's start until the end of its due date;
 * - each judicial-confirmation reminder day, from that day until the last date to apply.
 * `doneAt` is the last run of the timer that took every action due for this very state (absent after any other
 * change): what opened by then was taken then. Sources already closed at `now` never yield again. Null when
 * nothing is left (a closed case with its return visit made, or whose overdue visit was already reminded).
 */
export function nextTimerAt(c: Case, now: IsoInstant, doneAt: IsoInstant | undefined, rules: DeploymentRules): IsoInstant | null {
  const nowMs = toMillis(now);
  const doneMs = doneAt ? toMillis(doneAt) : -Infinity;
  let next = Infinity;
  const open = (at: number, until: number): void => {
    if (until > nowMs && at > doneMs && at < next) next = at;
  };
  for (const d of deadlines(c)) {
    const recorded = c.status !== 'closed' && c.missedDeadlines.some((m) => m.kind === d.kind && m.dueAt === d.dueAt && m.itemId === d.itemId);
    if (!recorded) open(toMillis(d.dueAt) + 1, Infinity);
  }
  if (c.status === 'scheduled') {
    open(toMillis(windowStart(c.nextSession.at, rules.deadlines.sessionReminder)), toMillis(c.nextSession.at));
  }
  if (c.status === 'performing') {
    for (const item of c.performanceItems) {
      if (item.doneAt) continue;
      const due = endOfChinaDay(item.dueDate);
      open(toMillis(windowStart(due, rules.deadlines.performanceReminder)), toMillis(due) + 1);
    }
    const a = c.agreement;
    if (!c.judicialApplication && a.form === 'written' && a.judicialConfirmationBy && c.performanceItems.some((i) => !i.doneAt)) {
      const until = toMillis(startOfChinaDay(addCalendarDays(a.judicialConfirmationBy, 1)));
      for (const d of rules.judicialConfirmationReminderDays) open(toMillis(startOfChinaDay(addCalendarDays(a.judicialConfirmationBy, -d))), until);
    }
  }
  return Number.isFinite(next) ? toUtcIso(next) : null;
}
