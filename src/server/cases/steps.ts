// A step on an existing case as most use-cases state it (runStep): who may take it (a Resolve: asParty, asStaff,
// asResponsibleStaff), the domain command, and what else it changes (StepExtras) — one plan over the step pipeline
// (pipeline.ts). With it, what every step answers and sends: its result (stepResult) and its progress notices.
import type { CaseCommand } from '../../domain/case/commands';
import type { Case } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import { OUTCOME_LABEL, PARTY_NOTICE_LINE, STATUS_LABEL } from '../../domain/case/labels';
import { nextDeadline } from '../../domain/case/deadlines';
import type { Actor } from '../../domain/case/context';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { Insert, StepTx } from '../kernel/unit-of-work';
import { actingOrgFor, relationTo } from './access';
import { actorAt, loadCaller, loadCallers, type Caller } from './caller';
import { loadDirectory, orgName, type Directory } from './org-cache';
import { CASES, type ServerEventType, loadCaseToRead, type CaseDoc, type Outgoing, type ReadCaseDoc } from './store';
import type { CaseStepResult } from '../case/case.types';
import type { TextToCheck } from './text-screen';
import { caseStep, decide } from './pipeline';

export { domainContext, orThrow } from './pipeline';

export type Ctx = RequestContext<ServerDeps>;

export function stepResult(c: Case, dir: Directory, underReview = false): CaseStepResult {
  const due = nextDeadline(c);
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
    holder: { orgId: c.responsibleOrgId, name: orgName(dir, c.responsibleOrgId) },
    ...(due ? { next: { label: due.label, dueAt: due.dueAt } } : {}),
    urgent: c.urgent,
    emergencyNumbers: c.urgent ? c.triage.emergencyNumbers : [],
    ...(underReview ? { underReview } : {}),
  };
}

/** Progress notices: to the applicants with an account, and to the organisation a step now waits on. */
export function progressNotices(c: Case, events: CaseEvent[]): Outgoing[] {
  const out: Outgoing[] = [];
  const applicants = c.parties.filter((p) => p.role === 'applicant' && p.userId).map((p) => p.userId!);
  const phrase = STATUS_LABEL[c.status];
  for (const e of events) {
    if (['case_registered', 'case_accepted', 'case_transferred', 'transfer_accepted', 'case_designated', 'case_closed'].includes(e.type)) {
      const message = `案件${c.caseNo}：${PARTY_NOTICE_LINE[c.status]}`;
      for (const u of applicants) out.push({ touser: u, template: 'case_progress', caseId: c.caseId, phrase, message });
    }
    if (e.type === 'case_transferred' && c.status === 'transferring') {
      out.push({ touser: `org:${c.transfer.toOrgId}`, template: 'transfer_received', caseId: c.caseId, phrase: '待接收' });
    }
    if (e.type === 'mediator_assigned') {
      // The mediator a director assigns (or reassigns after a recusal) is told at once.
      const mediatorId = (e as { mediatorId: string }).mediatorId;
      out.push({ touser: mediatorId, template: 'case_assigned', caseId: c.caseId, phrase: '新分派', message: `案件${c.caseNo}：已分派给您调解，请尽快联系当事人` });
    }
    if (e.type === 'expert_added') {
      // The expert a director brings in is told at once, as a mediator is.
      const expertId = (e as { expertId: string }).expertId;
      out.push({ touser: expertId, template: 'case_assigned', caseId: c.caseId, phrase: '特邀参与', message: `案件${c.caseNo}：调委会邀请您作为特邀调解专家参与调解` });
    }
    if (e.type === 'mediator_recused') {
      // 回避: the organisation must name another mediator by the deadline; the mediator is told the case has left them.
      const mediatorId = (e as { mediatorId: string }).mediatorId;
      out.push({ touser: `org:${c.responsibleOrgId}`, template: 'deadline_alert', caseId: c.caseId, phrase: '待指派', message: `案件${c.caseNo}：当事人申请调解员回避，请另行指派调解员` });
      out.push({ touser: mediatorId, template: 'case_progress', caseId: c.caseId, phrase: '已回避', message: `案件${c.caseNo}：当事人申请您回避，本案将由调委会另行指派调解员` });
    }
    if (e.type === 'expert_recused' && (e as { partyId?: string }).partyId) {
      // A party's objection takes the expert off the case: they are told, as they were told when added.
      const expertId = (e as { expertId: string }).expertId;
      out.push({ touser: expertId, template: 'case_progress', caseId: c.caseId, phrase: '已回避', message: `案件${c.caseNo}：当事人申请您回避，您已不再参与本案调解` });
    }
    if (e.type === 'urgent_alert_raised') {
      out.push({ touser: `org:${(e as { toOrgId: string }).toOrgId}`, template: 'case_progress', caseId: c.caseId, phrase: '高风险预警', urgent: true });
    }
    // 首问负责制, follow-up duty (跟踪督办): the organisation the request first reached is told how a case it passed
    // on ended — its directors and intake staff, and the staff member who registered it.
    if (e.type === 'case_closed' && c.status === 'closed' && c.firstInquiry.orgId !== c.responsibleOrgId) {
      const message = `案件${c.caseNo}：您单位首问登记的案件已办结，结果：${OUTCOME_LABEL[c.outcome]}`;
      out.push({ touser: `org:${c.firstInquiry.orgId}`, template: 'case_progress', caseId: c.caseId, phrase: '已办结', message });
      if (c.firstInquiry.personId) out.push({ touser: c.firstInquiry.personId, template: 'case_progress', caseId: c.caseId, phrase: '已办结', message });
    }
  }
  // 回告: an outside body cannot be messaged, so the organisation holding a referred case is given the task of
  // reporting its outcome back, with the referring body's reference and the day it asked for.
  for (const e of events) {
    if (e.type === 'case_closed' && c.status === 'closed' && c.referredIn) {
      const r = c.referredIn;
      const by = r.feedbackDueOn ? `，请于${r.feedbackDueOn}前回告` : '';
      const message = `案件${c.caseNo}已办结（${OUTCOME_LABEL[c.outcome]}）：请向${r.body}回告调解结果（案号${r.reference}）${by}`;
      out.push({ touser: `org:${c.responsibleOrgId}`, template: 'deadline_alert', caseId: c.caseId, phrase: '待回告', message });
    }
  }
  // One notice per recipient and template per step.
  const seen = new Set<string>();
  return out.filter((o) => (seen.has(`${o.touser}|${o.template}`) ? false : (seen.add(`${o.touser}|${o.template}`), true)));
}

/**
 * As `loadForCaller`, with the case read inside a step's transaction (the pipeline's `load`); `others`: accounts
 * whose records the step needs too, read with the caller's in the same request.
 */
export async function loadForCallerIn(ctx: Ctx, tx: StepTx, caseId: string, others: string[] = []): Promise<{ caller: Caller; doc: CaseDoc; dir: Directory; users: Map<string, Caller> }> {
  const [users, doc, dir] = await Promise.all([
    others.length ? loadCallers(ctx.deps.db, [ctx.openid, ...others]) : loadCaller(ctx.deps.db, ctx.openid).then((c) => new Map([[ctx.openid, c]])),
    tx.get<CaseDoc>(CASES, caseId),
    loadDirectory(ctx.deps.db),
  ]);
  if (!doc) throw AppError.of('NOT_FOUND');
  return { caller: users.get(ctx.openid)!, doc, dir, users };
}

/** The caller, the case (as a screen reads it) and the directory, for a read. */
export async function loadForCaller(ctx: Ctx, caseId: string): Promise<{ caller: Caller; doc: ReadCaseDoc; dir: Directory }> {
  const [caller, doc, dir] = await Promise.all([loadCaller(ctx.deps.db, ctx.openid), loadCaseToRead(ctx.deps.db, caseId), loadDirectory(ctx.deps.db)]);
  if (!doc) throw AppError.of('NOT_FOUND');
  return { caller, doc, dir };
}

/** Who performs a step: the domain actor, and the party they are when acting for themselves. */
export interface Performer {
  actor: Actor;
  partyId?: string;
}

export type Resolve = (caller: Caller, doc: ReadCaseDoc, dir: Directory) => Performer;

/** Staff of an organisation the case is waiting on, holding one of `roles` there. */
export const asStaff =
  (roles: Array<'director' | 'mediator' | 'intake'>): Resolve =>
  (caller, doc, dir) => {
    const relation = relationTo(caller, doc.case, dir);
    if (!relation) throw AppError.of('NOT_FOUND');
    const orgId = actingOrgFor(caller, doc.case, dir, roles);
    if (relation !== 'staff' || !orgId) throw AppError.of('FORBIDDEN');
    return { actor: actorAt(caller, orgId) };
  };

/** Staff of the organisation answerable for the case now (a director above it is staff, but not this). */
export const asResponsibleStaff =
  (roles: Array<'director' | 'mediator' | 'intake'>, refusal: string): Resolve =>
  (caller, doc, dir) => {
    const who = asStaff(roles)(caller, doc, dir);
    if (who.actor.orgId !== doc.case.responsibleOrgId) throw new AppError('NOT_RESPONSIBLE_ORG', refusal);
    return who;
  };

/** A party acting for themselves (optionally only applicants or only respondents). */
export const asParty =
  (role?: 'applicant' | 'respondent'): Resolve =>
  (caller, doc, dir) => {
    const party = doc.case.parties.find((p) => p.userId === caller.openid && (!role || p.role === role));
    if (!party) throw AppError.of(relationTo(caller, doc.case, dir) ? 'FORBIDDEN' : 'NOT_FOUND');
    return { actor: actorAt(caller), partyId: party.partyId };
  };

export interface StepExtras<R extends object = Record<string, never>> {
  inserts?: Insert[];
  /** Added to the answer (and remembered with it for replays). */
  result?: R;
  /**
   * What to remember for replays in place of parts of the answer, when the answer holds a secret that must not
   * rest on the case (an invitation code): the replay then goes to `onReplay`, which answers afresh.
   */
  remember?: Record<string, unknown>;
  /** Notices beside the progress notices (same transaction). */
  outgoing?: Outgoing[];
  /** Server-side fields kept on the case document beside the domain state (e.g. sealed numbers). */
  fields?: Record<string, unknown>;
  /** Server steps to audit beside the domain's events (required when the step has no domain command). */
  audit?: Array<{ type: ServerEventType; data: Record<string, unknown> }>;
}

/**
 * One step on an existing case: load caller and case, answer a replay, resolve who acts, let the domain
 * decide, save in one transaction. A lost race is decided again on the new state (which may refuse it).
 */
export async function runStep<R extends object = Record<string, never>>(
  ctx: Ctx,
  caseId: string,
  payload: unknown,
  resolve: Resolve,
  /**
   * The domain command; `null` for a step the case's state does not record (e.g. another invitation code).
   * `users`: the caller's record and those named in `options.users`, read in one request.
   */
  build: (c: Case, doc: CaseDoc, who: Performer, users: Map<string, Caller>) => CaseCommand | null,
  extras?: (state: Case, doc: CaseDoc, events: CaseEvent[]) => Promise<StepExtras<R>> | StepExtras<R>,
  /** Answers a replay from what was remembered (see `StepExtras.remember`); by default the remembered answer. */
  onReplay?: (remembered: unknown, scope: { caller: Caller; doc: CaseDoc; dir: Directory }) => Promise<CaseStepResult & R>,
  /**
   * `users`: other accounts whose records the step decides on (an expert's), read with the caller's in one request.
   * `texts`: free text from the input others will read (the content check, text-screen.ts).
   */
  options?: { users?: string[]; texts?: TextToCheck[] },
): Promise<CaseStepResult & R> {
  const out = await caseStep(ctx, {
    caseId,
    payload,
    texts: options?.texts,
    load: async (tx) => {
      const { caller, doc, dir, users } = await loadForCallerIn(ctx, tx, caseId, options?.users);
      return { doc, dir, scope: { caller, users } };
    },
    replay: onReplay ? (remembered, doc, dir, { caller }) => onReplay(remembered, { caller, doc, dir }) : undefined,
    progress: progressNotices,
    plan: async (doc, dir, { caller, users }) => {
      const who = resolve(caller, doc!, dir);
      const command = build(doc!.case, doc!, who, users);
      const { state, events } = decide(doc!.case, command ? [{ actor: who.actor, command }] : [], dir, ctx.now) as { state: Case; events: CaseEvent[] };
      const more: StepExtras<R> = extras ? await extras(state, doc!, events) : {};
      return {
        decided: { state, events },
        actorOrgId: who.actor.orgId,
        actorName: caller.name,
        audit: more.audit,
        fields: more.fields,
        inserts: more.inserts,
        notices: () => more.outgoing ?? [],
        answer: (next, underReview) => ({ ...stepResult(next, dir, underReview), ...(more.result ?? {}) }) as CaseStepResult & R,
        ...(more.remember ? { remember: (answer: CaseStepResult & R) => ({ ...answer, ...more.remember }) } : {}),
      };
    },
  });
  return out.answer;
}

export function staffStep(
  ctx: Ctx,
  caseId: string,
  payload: unknown,
  roles: Array<'director' | 'mediator' | 'intake'>,
  build: (c: Case, doc: CaseDoc) => CaseCommand,
) {
  return runStep(ctx, caseId, payload, asStaff(roles), (c, doc) => build(c, doc));
}
