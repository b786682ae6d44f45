// What tests read straight from the store, in the shape they reason about: a step writes its notices as ONE
// outbox document and its audit entries as ONE audit document (src/server/cases/store.ts); these flatten them
// into one row per notice and one per audit entry.
import type { LocalRuntime } from '../../src/local/runtime';
import { noticesOf } from '../../src/server/notify/relay';
import { auditEntriesOf } from '../../src/server/cases/store';

/**
 * Every notice in the outbox, one row each: the notice's own fields and progress (`status`, `attempts`,
 * `nextAttemptAt`, `recipients`), `_id` its notice id (what its inbox ids are made from), `docId` the step's
 * outbox document and `createdAt` the step's time.
 */
export function outboxNotices(rt: LocalRuntime): any[] {
  return (rt.db.dump('outbox') as any[]).flatMap((d) => noticesOf(d).map((n) => ({ ...n, _id: n.id, docId: d._id, caseId: d.caseId, createdAt: d.createdAt })));
}

/** Every audit entry (of one case when given), in chain order, as it was chained (so it verifies as stored). */
export function auditEntries(rt: LocalRuntime, caseId?: string): any[] {
  return auditEntriesOf((rt.db.dump('audit') as any[]).filter((d) => !caseId || d.caseId === caseId)).sort((a: any, b: any) =>
    a.caseId === b.caseId ? a.seq - b.seq : String(a.caseId).localeCompare(String(b.caseId)),
  );
}

/** The stored audit document (one step's) holding entry `seq` of the case's chain. */
export function auditStepHolding(rt: LocalRuntime, caseId: string, seq: number): any {
  return (rt.db.dump('audit') as any[]).find((d) => d.caseId === caseId && auditEntriesOf([d]).some((e) => e.seq === seq));
}
