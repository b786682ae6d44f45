// The mediation agreement and what follows it: a draft from the category's template, validated in place
// before any party sees it; each party confirms one exact version (online, or on paper with the scan uploaded
// for marriage, adoption and inheritance); the mediator signs, the committee seals and it is in force, with the
// 30-day judicial-confirmation notice to both parties; an oral agreement recorded; performance items marked
// done by the obligee; the return visit; the parties' satisfaction rating; closing resolved or failed with the
// other routes explained. Every case step goes through `runStep` (one transaction, audited, idempotent).
import { activeParties } from '../../domain/case/guards';
import type { AgreementContent, AgreementParty, WrittenAgreement } from '../../domain/agreement/content';
import { validateAgreement, validateOralAgreement, type AgreementIssue } from '../../domain/agreement/rules';
import { agreementTemplate, draftFromTemplate } from '../../domain/agreement/templates';
import { explainRoutes, suggestedRoutes, type OtherRoute } from '../../domain/agreement/other-routes';
import type { Case, ReturnVisit } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import { OUTCOME_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { maskResidentId } from '../../domain/personal/mask';
import { chinaDateOf } from '../../domain/shared/time';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { relationTo } from '../cases/access';
import { judicialView } from '../cases/judicial-view';
import type { CaseDoc, Outgoing } from '../cases/store';
import { asParty, asStaff, loadForCaller, runStep, type Resolve } from '../cases/steps';
import type { TCloseInput, TContentInput, TOralInput, TTemplateInput } from './schemas';
import { issuedPathFor, withoutPath } from './scan-path';
import type { AgreementStamp, AgreementStepResult, AgreementView, CloseResult, SealResult, TemplateDraft } from './agreement.types';
import type { CaseStepResult } from '../case/case.types';
import { sealedAt } from '../kernel/pii';

export type { AgreementView } from './agreement.types';

type Ctx = RequestContext<ServerDeps>;

const todayOf = (ctx: Ctx) => chinaDateOf(ctx.now.toISOString());

/** Identity numbers of the parties, sealed beside the case (the agreement itself keeps them masked). */
interface SealedId {
  partyId: string;
  idSealed: string;
}
type AgreementCaseDoc = CaseDoc & { agreementIds?: SealedId[] };

// ---------------------------------------------------------------------------------------------------------
// Validation in place, and sealing identity numbers

/** Field-level problems as the form shows them: the first message per field. */
function fieldsOf(issues: AgreementIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) if (!fields[i.field]) fields[i.field] = i.message;
  return fields;
}

function invalid(issues: AgreementIssue[]): AppError {
  const shown = issues.slice(0, 3).map((i) => i.message).join('；');
  return new AppError('AGREEMENT_INVALID', `调解协议还有${issues.length}处需要完善：${shown}${issues.length > 3 ? '等' : ''}`, fieldsOf(issues));
}

const normalId = (p: { idType: string; idNumber: string }) => (p.idType === 'resident_id' ? p.idNumber.toUpperCase() : p.idNumber);

function maskId(p: { idType: string; idNumber: string }): string {
  const n = normalId(p);
  if (p.idType === 'resident_id') return maskResidentId(n);
  return n.length <= 4 ? '*'.repeat(n.length) : `${'*'.repeat(n.length - 4)}${n.slice(-4)}`;
}

/**
 * Validates the mediator's content against the case (Art. 29, place of performance, identity numbers in full)
 * and returns it as it is kept: personal identity numbers masked with a keyed digest binding the exact number,
 * the full numbers sealed beside the case. A masked number sent back unchanged keeps the number on file.
 */
function prepareContent(input: TContentInput, doc: CaseDoc, ctx: Ctx): { content: AgreementContent; sealed: SealedId[] } {
  const c = doc.case;
  const onFile = c.agreement?.form === 'written' ? c.agreement.content.parties : [];
  const sealedBefore = (doc as AgreementCaseDoc).agreementIds ?? [];
  const sealed: SealedId[] = [];
  const fresh = new Set<string>();
  const parties: AgreementParty[] = input.parties.map((p) => {
    const { representative, ...rest } = p;
    const base: AgreementParty = { ...rest, ...(representative ? { representative } : {}) };
    if (p.idType === 'credit_code') return { ...base, idNumber: p.idNumber.toUpperCase() };
    const kept = onFile.find((q) => q.partyId === p.partyId && q.idType === p.idType && q.idDigest && q.idNumber === p.idNumber);
    if (kept) {
      const s = sealedBefore.find((x) => x.partyId === p.partyId);
      if (s) sealed.push(s);
      return { ...base, idNumber: kept.idNumber, idDigest: kept.idDigest };
    }
    fresh.add(p.partyId);
    return { ...base, idNumber: normalId(p) };
  });
  const content: AgreementContent = {
    parties,
    facts: input.facts,
    disputedMatters: input.disputedMatters,
    responsibilities: input.responsibilities,
    terms: input.terms,
    performance: input.performance.map((i) => ({ ...i })),
  };
  const issues = validateAgreement(content, activeParties(c), todayOf(ctx));
  if (issues.length > 0) throw invalid(issues);
  const { pii } = ctx.deps;
  content.parties = parties.map((p) => {
    if (!fresh.has(p.partyId)) return p;
    sealed.push({ partyId: p.partyId, idSealed: pii.encrypt(p.idNumber, sealedAt.idNumber(c.caseId, p.partyId)) });
    return { ...p, idNumber: maskId(p), idDigest: pii.lookupHash(`${p.idType}:${p.idNumber}`) };
  });
  return { content, sealed };
}

// ---------------------------------------------------------------------------------------------------------
// Notices (case number, phrase and dates only: never names, numbers or dispute text)

const partyUsers = (c: Case, role?: 'applicant' | 'respondent') =>
  c.parties.filter((p) => p.userId && (!role || p.role === role)).map((p) => p.userId!);

function agreementNotices(c: Case, events: CaseEvent[]): Outgoing[] {
  const out: Outgoing[] = [];
  const toParties = (phrase: string, message: string) => {
    for (const u of partyUsers(c)) out.push({ touser: u, template: 'case_progress', caseId: c.caseId, phrase, message });
  };
  for (const e of events) {
    if ((e.type === 'agreement_drafted' || e.type === 'agreement_revised') && c.agreement?.form === 'written') {
      const revised = e.type === 'agreement_revised' ? '已修改，此前的确认已作废，' : '';
      toParties(
        '待确认协议',
        c.agreement.paperOnly
          ? `案件${c.caseNo}：调解协议（第${e.version}版）${revised}请到调解组织当面阅读并签字`
          : `案件${c.caseNo}：调解协议（第${e.version}版）${revised}请进入小程序阅读并确认`,
      );
    }
    if (e.type === 'agreement_signed') {
      out.push({ touser: `org:${c.responsibleOrgId}`, template: 'case_progress', caseId: c.caseId, phrase: '待盖章', message: `案件${c.caseNo}：调解协议各方已确认、调解员已签名，请主任审核盖章` });
    }
    if (e.type === 'agreement_took_effect') {
      toParties(
        '协议生效',
        `案件${c.caseNo}：调解协议已生效，请按约定履行。双方可自生效之日起30日内（${e.judicialConfirmationBy}前）共同向人民法院申请司法确认`,
      );
    }
    if (e.type === 'oral_agreement_recorded') {
      toParties('协议生效', `案件${c.caseNo}：调解员已记录双方达成的口头协议`);
    }
    if (e.type === 'performance_item_done' && c.status === 'performing' && c.performanceItems.every((i) => i.doneAt) && c.mediatorId) {
      out.push({ touser: c.mediatorId, template: 'case_progress', caseId: c.caseId, phrase: '待回访', message: `案件${c.caseNo}：协议事项已全部履行，请安排回访` });
    }
    if (e.type === 'case_closed' && e.outcome === 'failed') {
      // Applicants hear of the closing from the progress notice; respondents are told here.
      for (const u of partyUsers(c, 'respondent')) {
        out.push({ touser: u, template: 'case_progress', caseId: c.caseId, phrase: '调解不成', message: `案件${c.caseNo}：调解未成，其他解决途径请进入小程序查看` });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Who acts

const MEDIATOR = asStaff(['mediator']);
const DIRECTOR = asStaff(['director']);
const CASE_STAFF = asStaff(['director', 'mediator', 'intake']);
const PARTY = asParty();

/** A party acts for themselves; otherwise the case's mediator records it for them. */
const partyOrMediator: Resolve = (caller, doc, dir) =>
  doc.case.parties.some((p) => p.userId === caller.openid) ? PARTY(caller, doc, dir) : MEDIATOR(caller, doc, dir);

// ---------------------------------------------------------------------------------------------------------
// Reads

function writtenView(a: WrittenAgreement, c: Case, me: string): Pick<AgreementView, 'version' | 'confirmations' | 'awaiting' | 'signed' | 'sealed' | 'myTurn' | 'judicialConfirmationBy'> {
  const nameOf = (id: string) => c.parties.find((p) => p.partyId === id)?.name ?? id;
  const mine = c.parties.find((p) => p.userId === me);
  const confirmedNow = (id: string) => a.confirmations.some((x) => x.partyId === id && x.hash === a.hash);
  return {
    version: a.version,
    confirmations: a.confirmations.map((x) => ({ partyId: x.partyId, name: nameOf(x.partyId), method: x.method, at: x.at, current: x.hash === a.hash, hasScan: Boolean(x.scanFileId) })),
    awaiting: activeParties(c).filter((p) => !confirmedNow(p.partyId)).map((p) => ({ partyId: p.partyId, name: nameOf(p.partyId) })),
    signed: a.mediatorSignature?.hash === a.hash,
    sealed: a.seal?.hash === a.hash,
    myTurn: Boolean(mine && c.status === 'agreement_pending' && !a.paperOnly && !confirmedNow(mine.partyId)),
    ...(a.judicialConfirmationBy ? { judicialConfirmationBy: a.judicialConfirmationBy } : {}),
  };
}

/** The agreement as a party or the staff read it: the text, its hash, who confirmed which version, performance. */
export async function getAgreement(input: { caseId: string }, ctx: Ctx): Promise<AgreementView> {
  const { caller, doc, dir } = await loadForCaller(ctx, input.caseId);
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'party' && relation !== 'staff') throw AppError.of('FORBIDDEN');
  const c = doc.case;
  const a = c.agreement;
  if (!a) throw new AppError('NO_AGREEMENT', '本案尚未起草调解协议');
  const me = caller.openid;
  const mine = c.parties.find((p) => p.userId === me);
  const nameOf = (id: string) => c.parties.find((p) => p.partyId === id)?.name ?? id;
  const items = c.status === 'performing' || c.status === 'closed' ? c.performanceItems ?? [] : a.content.performance;
  const written = a.form === 'written' ? writtenView(a, c, me) : undefined;
  const judicial = judicialView(c, dir, me);
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
    title: a.form === 'written' ? agreementTemplate(c.category, dir.settings.categories.label).title : '口头协议记录',
    form: a.form,
    hash: a.hash,
    paperOnly: a.form === 'written' ? a.paperOnly : false,
    // The digest stays on the server: the form sends the masked number back to keep the number on file.
    content: a.form === 'written' ? { ...a.content, parties: a.content.parties.map(({ idDigest: _d, ...p }) => p) } : a.content,
    confirmations: written?.confirmations ?? [],
    awaiting: written?.awaiting ?? [],
    signed: written?.signed ?? false,
    sealed: written?.sealed ?? false,
    myTurn: written?.myTurn ?? false,
    ...(written?.version !== undefined ? { version: written.version } : {}),
    ...(a.effectiveAt ? { effectiveAt: a.effectiveAt } : {}),
    ...(written?.judicialConfirmationBy ? { judicialConfirmationBy: written.judicialConfirmationBy } : {}),
    ...(judicial ? { judicial } : {}),
    ...(mine ? { myPartyId: mine.partyId } : {}),
    performance: items.map((i) => {
      const doneAt = (i as { doneAt?: string }).doneAt;
      return {
        itemId: i.itemId,
        description: i.description,
        ...(i.amountYuan !== undefined ? { amountYuan: i.amountYuan } : {}),
        method: i.method,
        place: i.place,
        dueDate: i.dueDate,
        obligor: nameOf(i.obligorPartyId),
        obligee: nameOf(i.obligeePartyId),
        done: Boolean(doneAt),
        ...(doneAt ? { doneAt } : {}),
        mayMarkDone: c.status === 'performing' && !doneAt && (mine ? mine.partyId === i.obligeePartyId : c.mediatorId === me),
      };
    }),
    ...(c.status === 'performing' ? { returnVisitDueAt: c.returnVisitDueAt } : {}),
    ...(a.form === 'oral' && a.choice ? { oralChoice: { statedBy: a.choice.statedByPartyIds.map(nameOf), statedAt: a.choice.statedAt } } : {}),
  };
}

/** A first draft from the category's template, prefilled from the case; `fields` says what is still to fill in. */
export async function templateDraft(input: TTemplateInput, ctx: Ctx): Promise<TemplateDraft> {
  const { caller, doc, dir } = await loadForCaller(ctx, input.caseId);
  MEDIATOR(caller, doc, dir);
  const c = doc.case;
  const category = input.category ?? c.category;
  const content = draftFromTemplate(c, category, {
    ...(input.facts?.trim() ? { facts: input.facts } : {}),
    ...(input.amountYuan !== undefined ? { amountYuan: input.amountYuan } : {}),
    place: input.place?.trim() || dir.orgs.get(c.responsibleOrgId)?.address || '',
    ...(input.dueDate ? { dueDate: input.dueDate } : {}),
  }, todayOf(ctx), dir.settings.categories.label);
  const t = agreementTemplate(category, dir.settings.categories.label);
  return {
    caseId: c.caseId,
    title: t.title,
    category,
    categoryLabel: dir.settings.categories.label(category),
    content,
    /** What the mediator still has to complete, by field, with Chinese messages. */
    fields: fieldsOf(validateAgreement(content, activeParties(c), todayOf(ctx))),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Steps

const summaryOf = (state: Case): { agreement?: AgreementStamp } =>
  state.agreement
    ? { agreement: { form: state.agreement.form, hash: state.agreement.hash, ...(state.agreement.form === 'written' ? { version: state.agreement.version, paperOnly: state.agreement.paperOnly } : {}) } }
    : {};

function writeStep(ctx: Ctx, input: { caseId: string; content: TContentInput; reason?: string }): Promise<AgreementStepResult> {
  let sealed: SealedId[] = [];
  return runStep(
    ctx,
    input.caseId,
    input,
    MEDIATOR,
    (_c, doc) => {
      const prepared = prepareContent(input.content, doc, ctx);
      sealed = prepared.sealed;
      return input.reason === undefined
        ? { type: 'draft_agreement', content: prepared.content }
        : { type: 'revise_agreement', content: prepared.content, reason: input.reason };
    },
    (state, _doc, events) => ({ fields: { agreementIds: sealed }, outgoing: agreementNotices(state, events), result: summaryOf(state) }),
  );
}

export const draft = (input: { caseId: string; content: TContentInput }, ctx: Ctx): Promise<AgreementStepResult> => writeStep(ctx, input);
export const revise = (input: { caseId: string; content: TContentInput; reason: string }, ctx: Ctx): Promise<AgreementStepResult> => writeStep(ctx, input);

const withNotices = (state: Case, _doc: CaseDoc, events: CaseEvent[]) => ({ outgoing: agreementNotices(state, events), result: summaryOf(state) });

/** A party confirms the exact version they read (online). */
export function confirm(input: { caseId: string; hash: string }, ctx: Ctx): Promise<AgreementStepResult> {
  return runStep(ctx, input.caseId, input, PARTY, (_c, _d, who) => ({ type: 'confirm_agreement', partyId: who.partyId!, hash: input.hash, method: 'electronic' }), withNotices);
}

/**
 * The offline path: staff record the scan of the paper a party signed (paper-only agreements; the domain
 * refuses any other), uploaded under the path `agreement.scanPath` issued for this case and party.
 */
export function uploadScan(input: { caseId: string; partyId: string; hash: string; fileId: string }, ctx: Ctx): Promise<AgreementStepResult> {
  const now = ctx.now.toISOString();
  return runStep(
    ctx,
    input.caseId,
    input,
    CASE_STAFF,
    () => ({ type: 'confirm_agreement', partyId: input.partyId, hash: input.hash, method: 'paper', scanFileId: input.fileId }),
    async (state, doc, events) => {
      const issued = issuedPathFor(doc, input.partyId, input.fileId, now);
      if (!issued) throw new AppError('SCAN_PATH_NOT_ISSUED');
      const res = (await ctx.deps.cloud.getTempFileURL({ fileList: [input.fileId] })) as { fileList?: Array<{ status?: number }> };
      if (res.fileList?.[0]?.status !== 0) throw new AppError('SCAN_NOT_FOUND', '未找到上传的扫描件，请重新上传');
      return { ...withNotices(state, doc, events), fields: { scanPaths: withoutPath(doc, issued, now) } };
    },
  );
}

export function sign(input: { caseId: string; hash: string }, ctx: Ctx): Promise<AgreementStepResult> {
  return runStep(ctx, input.caseId, input, MEDIATOR, () => ({ type: 'sign_agreement', hash: input.hash }), withNotices);
}

/** The committee's seal: the agreement takes effect, performance and the judicial-confirmation window start. */
export function seal(input: { caseId: string; hash: string }, ctx: Ctx): Promise<SealResult> {
  return runStep(ctx, input.caseId, input, DIRECTOR, () => ({ type: 'seal_agreement', hash: input.hash }), (state, doc, events) => ({
    ...withNotices(state, doc, events),
    result: {
      ...summaryOf(state),
      ...(state.agreement?.form === 'written' && state.agreement.judicialConfirmationBy
        ? { effectiveAt: state.agreement.effectiveAt, judicialConfirmationBy: state.agreement.judicialConfirmationBy }
        : {}),
    },
  }));
}

/**
 * The mediator records an oral agreement with the parties' statement that they need no written one. The domain
 * refuses it where a written agreement is required (ORAL_NOT_ALLOWED, ORAL_CHOICE_REQUIRED).
 */
export function oral(input: TOralInput, ctx: Ctx): Promise<AgreementStepResult> {
  return runStep(ctx, input.caseId, input, MEDIATOR, () => {
    const content = { terms: input.content.terms, performance: input.content.performance.map((i) => ({ ...i })) };
    // Validate here too, so the form shows each problem in place.
    const issues = validateOralAgreement(content);
    if (issues.length > 0) throw invalid(issues);
    return { type: 'record_oral_agreement', content, partiesChoseOral: input.partiesChoseOral, statedByPartyIds: input.statedByPartyIds };
  }, withNotices);
}

export function markDone(input: { caseId: string; itemId: string }, ctx: Ctx): Promise<AgreementStepResult> {
  return runStep(ctx, input.caseId, input, partyOrMediator, () => ({ type: 'mark_item_done', itemId: input.itemId }), withNotices);
}

export function returnVisit(input: { caseId: string; result: ReturnVisit['result']; satisfaction?: number; notes: string }, ctx: Ctx): Promise<AgreementStepResult> {
  const { caseId: _id, ...visit } = input;
  // The parties read the notes on their case screen and the return-visit record handed to them.
  return runStep(ctx, input.caseId, input, CASE_STAFF, () => ({ type: 'record_return_visit', visit }), withNotices, undefined, {
    texts: [{ kind: 'return_visit_notes', field: 'notes', text: input.notes }],
  });
}

export function rate(input: { caseId: string; score: number; comment?: string }, ctx: Ctx): Promise<CaseStepResult> {
  return runStep(
    ctx,
    input.caseId,
    input,
    PARTY,
    (_c, _d, who) => ({
      type: 'rate_service',
      partyId: who.partyId!,
      score: input.score,
      ...(input.comment ? { comment: input.comment } : {}),
    }),
    undefined,
    undefined,
    { texts: [{ kind: 'rating_comment', field: 'comment', text: input.comment }] },
  );
}

/**
 * A party says the parties applied jointly for judicial confirmation (Art. 33), and on which day: once for the
 * case (the application is joint). The reminders before the last date stop; the mediator is told.
 */
export function judicialApplied(input: { caseId: string; appliedOn: string }, ctx: Ctx): Promise<CaseStepResult> {
  return runStep(
    ctx,
    input.caseId,
    input,
    PARTY,
    (_c, _d, who) => ({ type: 'record_judicial_application', partyId: who.partyId!, appliedOn: input.appliedOn }),
    (state) => ({
      outgoing: [
        ...(state.mediatorId ? [state.mediatorId] : []),
        ...partyUsers(state).filter((u) => u !== ctx.openid),
      ].map((touser): Outgoing => ({ touser, template: 'case_progress', caseId: state.caseId, phrase: '已申请确认', message: `案件${state.caseNo}：当事人已于${input.appliedOn}向人民法院申请司法确认` })),
    }),
  );
}

/**
 * Close: resolved once performed and visited; failed with the other routes explained to the parties; or no_reply
 * when the respondent never answered the invitation and the reply period is over.
 */
export function close(input: TCloseInput, ctx: Ctx): Promise<CloseResult> {
  let guidance: string | undefined;
  return runStep(
    ctx,
    input.caseId,
    input,
    asStaff(['director', 'mediator']),
    (c) => {
      if (input.outcome === 'resolved' || input.outcome === 'no_reply') return { type: 'close', outcome: input.outcome, reason: input.reason };
      const routes = (input.routes as OtherRoute[] | undefined) ?? suggestedRoutes(c);
      guidance = explainRoutes(routes, c, input.note);
      return { type: 'close', outcome: 'failed', reason: input.reason, guidance };
    },
    (state, doc, events) => ({
      outgoing: agreementNotices(state, events),
      result: { outcomeLabel: state.status === 'closed' ? OUTCOME_LABEL[state.outcome] : undefined, ...(guidance ? { guidance } : {}) },
    }),
  );
}
