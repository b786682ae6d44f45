// The case's audit chain (责任倒查), for staff working the case and supervisors of its area: every step in
// order — who, for which organisation, when, why — and whether the keyed chain verifies against the head kept on
// the case and against the case document itself (src/server/case/case-audit.ts). Entries keep no text: the reason
// shown with a step is the case file's own (its timeline, which the chain covers), and so are the names (the
// parties on the case, staff in `users`). A supervisor (no personal data, as in case.get) gets no reasons — free
// text, which can name people — and no names: parties are 当事人, staff 工作人员.
import { PARTY_ROLE_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { SYSTEM_ACTOR } from '../../domain/case/context';
import { queryDocs } from '../kernel/db';
import { problemText } from '../kernel/audit-chain';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { relationTo } from './access';
import { orgName } from './org-cache';
import { AUDIT, type ServerEventType } from './store';
import { verifyCaseAudit, type CaseAuditEntry } from './case-audit';
import { loadForCaller } from './use-cases';
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

/** Every entry of a case's chain, in order. */
export async function loadAuditEntries(db: Database, caseId: string): Promise<CaseAuditEntry[]> {
  const _ = db.command;
  const entries: CaseAuditEntry[] = [];
  for (;;) {
    const page = await queryDocs<CaseAuditEntry>(
      db.collection(AUDIT).where({ caseId, seq: _.gt(entries.length ? entries[entries.length - 1].seq : 0) }).orderBy('seq', 'asc').limit(1000),
    );
    entries.push(...page);
    if (page.length < 1000) break;
  }
  return entries;
}

export async function readAudit(input: { caseId: string }, ctx: Ctx): Promise<AuditAnswer> {
  const { caller, doc, dir } = await loadForCaller(ctx, input.caseId);
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'staff' && relation !== 'supervisor') throw AppError.of('FORBIDDEN');
  const _ = ctx.deps.db.command;
  const entries = await loadAuditEntries(ctx.deps.db, input.caseId);
  const check = verifyCaseAudit(ctx.deps.audit, doc, entries);
  const reasons = new Map(doc.timeline.flatMap((t) => (t.seq && t.reason ? [[t.seq, t.reason] as const] : [])));
  const personal = relation === 'staff';
  const parties = new Map(doc.case.parties.flatMap((p) => (p.userId ? [[p.userId, p] as const] : [])));
  const staffIds = [...new Set(entries.map((e) => e.actor).filter((a) => a !== SYSTEM_ACTOR.userId && !parties.has(a)))];
  const staffNames = new Map(
    personal && staffIds.length
      ? (await queryDocs<{ _id: string; name?: string }>(ctx.deps.db.collection('users').where({ _id: _.in(staffIds) }).field({ name: true }).limit(staffIds.length))).map((u) => [u._id, u.name ?? ''])
      : [],
  );
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
