// The case's audit chain (责任倒查), for staff working the case and supervisors of its area: every step in
// order — who, for which organisation, when, why — and whether the hash chain verifies against the head
// kept on the case. Entries' data (which may hold personal details) is not returned, only its kind.
import { STATUS_LABEL } from '../../domain/case/labels';
import { verifyChain, type AuditEntry } from '../kernel/audit-chain';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { relationTo } from './access';
import { AUDIT } from './store';
import { loadForCaller } from './use-cases';
import type { AuditAnswer, AuditLine } from './case.types';

type Ctx = RequestContext<ServerDeps>;


export async function readAudit(input: { caseId: string }, ctx: Ctx): Promise<AuditAnswer> {
  const { caller, doc, dir } = await loadForCaller(ctx, input.caseId);
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'staff' && relation !== 'supervisor') throw AppError.of('FORBIDDEN');
  const _ = ctx.deps.db.command;
  const entries: AuditEntry[] = [];
  for (;;) {
    const page = await queryDocs<AuditEntry>(
      ctx.deps.db.collection(AUDIT).where({ caseId: input.caseId, seq: _.gt(entries.length ? entries[entries.length - 1].seq : 0) }).orderBy('seq', 'asc').limit(1000),
    );
    entries.push(...page);
    if (page.length < 1000) break;
  }
  const check = verifyChain(entries, doc.auditHead);
  return {
    caseNo: doc.case.caseNo,
    statusLabel: STATUS_LABEL[doc.case.status],
    verified: check.ok,
    ...(check.ok ? {} : { problem: JSON.stringify(check.problem) }),
    entries: entries.map((e) => {
      const orgId = (e.data as { actorOrgId?: unknown })?.actorOrgId;
      return {
        seq: e.seq,
        at: e.at,
        type: e.type,
        actor: e.actor,
        ...(typeof orgId === 'string' ? { actorOrgId: orgId } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        hash: e.hash,
      };
    }),
  };
}
