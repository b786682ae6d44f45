// The deadline sweep: every case that may have something due, page by page, asks the domain what is due (`overdueActions`) and
// does it — commands as the system actor through `execute` and the case's save path (compare-and-set,
// audited), alerts and reminders as outbox notices (one outbox document for all of a case's in one pass). Each action's stable key is claimed by inserting a
// `timer_claims` document (id = hash of the key) in the same transaction as its effects, so running the
// timer again, or two runs overlapping, does nothing twice. The domain decides; the sweep only executes.
import { createHash } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../domain/case/context';
import type { CaseEvent } from '../../domain/case/events';
import type { Case } from '../../domain/case/model';
import { execute } from '../../domain/case/execute';
import { overdueActions, type TimerAction } from '../../domain/case/overdue';
import { getDoc, queryDocs } from '../kernel/db';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { commit, type CasWrite, type Insert } from '../kernel/unit-of-work';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { CASES, outboxInsert, retryOnLostRace, saveChange, timerFields, type CaseDoc, type Outgoing } from '../cases/store';
import { domainContext, progressNotices } from '../cases/steps';

type Ctx = RequestContext<ServerDeps>;

export const TIMER_CLAIMS = 'timer_claims';
const PAGE = 100;

export interface SweepReport {
  cases: number;
  commands: number;
  refused: number;
  notices: number;
}

export function claimIdOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

/** The people an alert or reminder goes to, as outbox recipients. */
function noticesFor(a: Exclude<TimerAction, { kind: 'command' }>, c: Case): Outgoing[] {
  const base = { caseId: c.caseId, message: a.message };
  if (a.kind === 'alert') return [{ ...base, touser: `org:${a.toOrgId}`, template: 'deadline_alert', phrase: '请督办' }];
  const kind = a.key.includes('|session|')
    ? ({ template: 'session_reminder', phrase: '调解提醒' } as const)
    : a.key.includes('|judicial|')
      ? ({ template: 'deadline_alert', phrase: '司法确认' } as const)
    : a.key.includes('|performance-due|') || a.key.endsWith('|obligor')
      ? ({ template: 'performance_reminder', phrase: '履行提醒' } as const)
      : ({ template: 'deadline_alert', phrase: '已超期' } as const);
  let touser: string | undefined;
  if (a.to.userId) touser = a.to.userId;
  else if (a.to.partyId) touser = c.parties.find((p) => p.partyId === a.to.partyId)?.userId;
  else if (a.to.orgId) touser = `org:${a.to.orgId}`;
  // A party without a WeChat account is reached by the mediator, who is reminded of the same deadline.
  return touser ? [{ ...base, touser, ...kind }] : [];
}

/** The organisation that must now decide, told at once when the timer sent a case up for designation. */
function designationNotice(before: Case, after: Case): Outgoing[] {
  if (after.status !== 'awaiting_designation' || before.status === 'awaiting_designation') return [];
  return [
    {
      touser: `org:${after.designation.designatorOrgId}`,
      caseId: after.caseId,
      template: 'deadline_alert',
      phrase: '待指定',
      message: `案件${after.caseNo}：转办逾期未获接收，请指定承办的调解组织`,
    },
  ];
}

/**
 * The cases the timer has something to do for, each found by an indexed query and read page by page (cursor on
 * _id): those whose `timerDueAt` (the domain's `nextTimerAt`, kept on the case by every save) has come, and cases
 * saved before that field existed (read once: the sweep then writes it). A case with nothing due is not read.
 */
function candidateFilters(ctx: Ctx): Array<Record<string, unknown>> {
  const _ = ctx.deps.db.command;
  return [{ timerDueAt: _.lte(ctx.now.toISOString()) }, { timerDueAt: _.exists(false) }];
}

export async function sweepDeadlines(ctx: Ctx): Promise<SweepReport> {
  const { db } = ctx.deps;
  const _ = db.command;
  const dir = await loadDirectory(db);
  const report: SweepReport = { cases: 0, commands: 0, refused: 0, notices: 0 };
  const seen = new Set<string>();
  for (const filter of candidateFilters(ctx)) {
    let after = '';
    for (;;) {
      const page = await queryDocs<CaseDoc>(
        db
          .collection(CASES)
          .where({ ...filter, _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(PAGE),
      );
      for (const doc of page) {
        if (seen.has(doc._id)) continue;
        seen.add(doc._id);
        report.cases += 1;
        await sweepCase(ctx, dir, doc, report);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]._id;
    }
  }
  return report;
}

/** The case document as it stands, with the sweep's bookkeeping moved forward (no step: see case-audit.ts). */
function rescheduled(doc: CaseDoc, now: string, doneAt: string | undefined, dir: Directory): CasWrite {
  const { _id, version, ...data } = doc;
  return { collection: CASES, id: _id, expectVersion: version, data: { ...data, ...timerFields(doc.case, now, doneAt, dir.settings.rules) } };
}

async function sweepCase(ctx: Ctx, dir: Directory, first: CaseDoc, report: SweepReport): Promise<void> {
  const { db } = ctx.deps;
  const _ = db.command;
  const now = ctx.now.toISOString();
  const timerCtx = { orgTree: dir.tree, calendar: dir.settings.calendar, rules: dir.settings.rules };
  let doc: CaseDoc | undefined = first;
  let pass = 0;
  await retryOnLostRace(async () => {
    // A lost race (another run, or a person acting on the case) is decided again on fresh data.
    if (pass++ > 0) doc = await getDoc<CaseDoc>(db, CASES, first._id);
    // A case is read only when its `timerDueAt` has come; the domain says what to do.
    if (!doc) return;
    const actions = overdueActions(doc.case, now, timerCtx);
    const ids = actions.map((a) => claimIdOf(a.key));
    const taken = new Set(
      ids.length ? (await queryDocs<{ _id: string }>(db.collection(TIMER_CLAIMS).where({ _id: _.in(ids) }).limit(ids.length))).map((d) => d._id) : [],
    );
    const todo = actions.filter((a) => !taken.has(claimIdOf(a.key)));
    if (!todo.length) {
      // Nothing left to do (taken before, or not yet due): the case is not read again until its next time.
      await commit(db, { writes: [rescheduled(doc, now, now, dir)], inserts: [] });
      return;
    }

    let state: Case = doc.case;
    const events: CaseEvent[] = [];
    const claims: Insert[] = [];
    const notices: Array<{ claim: string; out: Outgoing[] }> = [];
    let commands = 0;
    let refused = 0;
    for (const a of todo) {
      const claim = claimIdOf(a.key);
      let outcome = 'notified';
      if (a.kind === 'command') {
        const exec = execute(state, a.command, domainContext(SYSTEM_ACTOR, dir, ctx.now));
        if (exec.ok) {
          events.push(...exec.events);
          state = exec.state;
          outcome = 'done';
          commands += 1;
        } else {
          // The case moved on (or the rule no longer applies): claimed all the same, with the reason.
          outcome = (exec as unknown as { error: { code: string } }).error.code;
          refused += 1;
        }
      } else {
        notices.push({ claim, out: noticesFor(a, state) });
      }
      claims.push({ collection: TIMER_CLAIMS, id: claim, data: { key: a.key, caseId: state.caseId, kind: a.kind, outcome, at: now } });
    }

    if (events.length) {
      const outgoing = [...progressNotices(state, events), ...designationNotice(doc.case, state), ...notices.flatMap((n) => n.out)];
      // Done for the new state too when every action it now calls for was taken in this pass or before.
      const done = overdueActions(state, now, timerCtx).every((a) => taken.has(claimIdOf(a.key)) || claims.some((c) => c.id === claimIdOf(a.key)));
      await saveChange(ctx.deps, { before: doc, state, events, outgoing, extraInserts: claims, ...(done ? { timerDoneAt: now } : {}) });
      report.notices += outgoing.length;
    } else {
      // Only messages: no change to the case, so the claims and the notices are written on their own — the
      // notices as one outbox document, named after the first action's claim (claimed in this transaction).
      const out = notices.flatMap((n) => n.out);
      const outbox = notices.length ? outboxInsert(`t:${notices[0].claim}`, state.caseId, out, now) : [];
      await commit(db, { writes: [rescheduled(doc, now, now, dir)], inserts: [...claims, ...outbox] });
      report.notices += out.length;
    }
    report.commands += commands;
    report.refused += refused;
  });
}
