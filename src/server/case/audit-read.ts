// The case's audit chain (责任倒查), for staff working the case and supervisors of its area: every step in
// order — who, for which organisation, when, why — and whether the keyed chain verifies against the head kept on
// the case and against the case document itself (src/server/case/case-audit.ts). Entries keep no text: the reason
// shown with a step is the case file's own (its timeline, which the chain covers). A supervisor
// (no personal data, as in case.get) gets no reasons — free text, which can name people — and parties' accounts
// only as 当事人.
import { STATUS_LABEL } from '../../domain/case/labels';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { relationTo } from './access';
import { AUDIT } from './store';
import { verifyCaseAudit, type CaseAuditEntry } from './case-audit';
import { loadForCaller } from './use-cases';
import type { AuditAnswer, AuditLine } from './case.types';

type Ctx = RequestContext<ServerDeps>;


export async function readAudit(input: { caseId: string }, ctx: Ctx): Promise<AuditAnswer> {
  const { caller, doc, dir } = await loadForCaller(ctx, input.caseId);
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'staff' && relation !== 'supervisor') throw AppError.of('FORBIDDEN');
  const _ = ctx.deps.db.command;
  const entries: CaseAuditEntry[] = [];
  for (;;) {
    const page = await queryDocs<CaseAuditEntry>(
      ctx.deps.db.collection(AUDIT).where({ caseId: input.caseId, seq: _.gt(entries.length ? entries[entries.length - 1].seq : 0) }).orderBy('seq', 'asc').limit(1000),
    );
    entries.push(...page);
    if (page.length < 1000) break;
  }
  const check = verifyCaseAudit(ctx.deps.audit, doc, entries);
  const reasons = new Map(doc.timeline.flatMap((t) => (t.seq && t.reason ? [[t.seq, t.reason] as const] : [])));
  const personal = relation === 'staff';
  const partyIds = new Set(doc.case.parties.map((p) => p.userId).filter(Boolean));
  return {
    caseNo: doc.case.caseNo,
    statusLabel: STATUS_LABEL[doc.case.status],
    verified: check.ok,
    ...(check.ok ? {} : { problem: JSON.stringify(check.problem) }),
    entries: entries.map((e) => {
      const orgId = e.actorOrgId;
      const reason = reasons.get(e.seq);
      return {
        seq: e.seq,
        at: e.at,
        type: e.type,
        actor: personal || !partyIds.has(e.actor) ? e.actor : '当事人',
        ...(typeof orgId === 'string' ? { actorOrgId: orgId } : {}),
        ...(reason && personal ? { reason } : {}),
        hash: e.hash,
      };
    }),
  };
}
