// The case's audit chain (责任倒查), for staff working the case and supervisors of its area: every step in
// order — who, for which organisation, when, why — and whether the keyed chain verifies against the head kept on
// the case and against the case document itself (src/server/cases/case-audit.ts). Entries keep no text: the reason
// shown with a step is the case file's own (its timeline, which the chain covers), and so are the names (the
// parties on the case; staff by the name they had when they last took a step, kept on the case as `actorNames` —
// `users` is read only for staff of steps saved before that field existed). A supervisor (no personal data, as
// in case.get) gets no reasons — free text, which can name people — and no names: parties are 当事人, staff 工作人员.
// Each step's entries are one document of the `audit` collection (store.ts, `AuditStepDoc`); the read takes the
// case and all of them in one request (an aggregate on the case with a lookup into `audit`), beside the caller's.
import { PARTY_ROLE_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { SYSTEM_ACTOR } from '../../domain/case/context';
import { queryDocs } from '../kernel/db';
import { problemText } from '../kernel/audit-chain';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { relationTo } from '../cases/access';
import { loadCaller } from '../cases/caller';
import { loadDirectory, orgName } from '../cases/org-cache';
import { AUDIT, CASES, auditEntriesOf, type AuditStepDoc, type CaseDoc, type ServerEventType } from '../cases/store';
import type { JoinSpec } from '../kernel/joined-read';
import { verifyCaseAudit, type CaseAuditEntry } from '../cases/case-audit';
import { labelOf } from './view';
import type { AuditAnswer } from './case.types';

type Ctx = RequestContext<ServerDeps>;

/** Steps the timeline leaves out (reading a number is not progress) but the audit trail must name. */
const AUDIT_ONLY_LABEL: Partial<Record<ServerEventType, string>> = {
  contact_revealed: '调取当事人完整电话号码',
  content_reviewed: '审核待审文字',
  contact_erased: '应当事人要求删除电话号码',
  scan_path_issued: '发放签字件上传路径',
};

export function auditStepLabel(type: string): string {
  return AUDIT_ONLY_LABEL[type as ServerEventType] ?? labelOf(type) ?? type;
}

const AUDIT_PAGE = 1000;

/** The first page of a case's chain (its step documents) as a join (src/server/kernel/joined-read.ts), for reads that fetch it with the case. */
export const auditFirstPage = (caseId: string): JoinSpec => ({ from: AUDIT, where: { caseId }, orderBy: ['seq', 'asc'], limit: AUDIT_PAGE });

const bySeq = (a: CaseAuditEntry, b: CaseAuditEntry) => a.seq - b.seq;

/**
 * Every entry of a case's chain, in order: its step documents, a thousand a page, flattened. `firstPage`: the step
 * documents of its first page, already read with `auditFirstPage`.
 */
export async function loadAuditEntries(db: Database, caseId: string, firstPage?: AuditStepDoc[]): Promise<CaseAuditEntry[]> {
  const _ = db.command;
  const docs: AuditStepDoc[] = firstPage ? [...firstPage] : [];
  if (!firstPage || firstPage.length >= AUDIT_PAGE) {
    let after = docs.length ? Math.max(...docs.map((d) => d.lastSeq ?? d.seq)) : 0;
    for (;;) {
      const page = await queryDocs<AuditStepDoc>(db.collection(AUDIT).where({ caseId, seq: _.gt(after) }).orderBy('seq', 'asc').limit(AUDIT_PAGE));
      docs.push(...page);
      if (page.length < AUDIT_PAGE) break;
      after = Math.max(...page.map((d) => d.lastSeq ?? d.seq));
    }
  }
  return auditEntriesOf(docs).sort(bySeq);
}

/** The case document and its whole chain in one request: the case, with its step documents looked up beside it. */
export async function loadCaseWithAudit(db: Database, caseId: string): Promise<{ doc: CaseDoc | undefined; entries: CaseAuditEntry[] }> {
  const res = (await (db.collection(CASES) as unknown as { aggregate(): AggregateQuery })
    .aggregate()
    .match({ _id: caseId })
    .lookup({ from: AUDIT, localField: '_id', foreignField: 'caseId', as: 'auditSteps' })
    .limit(1)
    .end()) as { list?: Array<CaseDoc & { auditSteps?: AuditStepDoc[] }> };
  const row = res.list?.[0];
  if (!row) return { doc: undefined, entries: [] };
  const { auditSteps, ...doc } = row;
  return { doc: doc as CaseDoc, entries: auditEntriesOf(auditSteps ?? []).sort(bySeq) };
}

interface AggregateQuery {
  match(q: Record<string, unknown>): AggregateQuery;
  lookup(q: { from: string; localField: string; foreignField: string; as: string }): AggregateQuery;
  limit(n: number): AggregateQuery;
  end(): Promise<unknown>;
}

export async function readAudit(input: { caseId: string }, ctx: Ctx): Promise<AuditAnswer> {
  const { db } = ctx.deps;
  const [caller, { doc, entries }, dir] = await Promise.all([loadCaller(db, ctx.openid), loadCaseWithAudit(db, input.caseId), loadDirectory(db)]);
  if (!doc) throw AppError.of('NOT_FOUND');
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'staff' && relation !== 'supervisor') throw AppError.of('FORBIDDEN');
  const _ = db.command;
  const check = verifyCaseAudit(ctx.deps.audit, doc, entries);
  const reasons = new Map(doc.timeline.flatMap((t) => (t.seq && t.reason ? [[t.seq, t.reason] as const] : [])));
  const personal = relation === 'staff';
  const parties = new Map(doc.case.parties.flatMap((p) => (p.userId ? [[p.userId, p] as const] : [])));
  const staffNames = new Map((doc.actorNames ?? []).map((n) => [n.userId, n.name]));
  // Staff of steps saved before the case kept their names: read from their accounts.
  const unnamed = [...new Set(entries.map((e) => e.actor).filter((a) => a !== SYSTEM_ACTOR.userId && !parties.has(a) && !staffNames.has(a)))];
  if (personal && unnamed.length) {
    const users = await queryDocs<{ _id: string; name?: string }>(db.collection('users').where({ _id: _.in(unnamed) }).field({ name: true }).limit(unnamed.length));
    for (const u of users) staffNames.set(u._id, u.name ?? '');
  }
  const whoIs = (actor: string): string => {
    if (actor === SYSTEM_ACTOR.userId) return '系统';
    const party = parties.get(actor);
    if (!party) return (personal && staffNames.get(actor)) || '工作人员';
    if (!personal) return '当事人';
    const side = PARTY_ROLE_LABEL[party.role];
    return party.account === 'agent' && party.agent ? `${party.agent.name}（${side}${party.name}的委托代理人）` : `${party.name}（${side}）`;
  };
  return {
    caseNo: doc.case.caseNo,
    statusLabel: STATUS_LABEL[doc.case.status],
    verified: check.ok,
    ...(check.ok ? {} : { problem: JSON.stringify(check.problem), problemText: problemText(check.problem) }),
    entries: entries.map((e) => {
      const orgId = e.actorOrgId;
      const reason = reasons.get(e.seq);
      return {
        seq: e.seq,
        at: e.at,
        type: e.type,
        typeLabel: auditStepLabel(e.type),
        actor: personal || !parties.has(e.actor) ? e.actor : '当事人',
        who: whoIs(e.actor),
        ...(typeof orgId === 'string' ? { actorOrgId: orgId, orgName: orgName(dir, orgId) } : {}),
        ...(reason && personal ? { reason } : {}),
        hash: e.hash,
      };
    }),
  };
}
