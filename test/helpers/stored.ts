// What tests read straight from the store, in the shape they reason about: a step writes its audit entries and
// its notices as ONE audit document (src/server/cases/store.ts), the deadline sweep its notices as one `outbox`
// document; these flatten them into one row per notice and one per audit entry.
import type { LocalRuntime } from '../../src/local/runtime';
import { NOTICE_COLLECTIONS, noticesOf } from '../../src/server/notify/relay';
import { auditEntriesOf } from '../../src/server/cases/store';

/**
 * Every document holding notices for the relay, wherever kept (a step's audit document, a sweep's `outbox`
 * document), with its relay fields (`status`, `attempts`, `nextAttemptAt`, claim) and `notices`.
 */
export function noticeDocs(rt: LocalRuntime): any[] {
  return NOTICE_COLLECTIONS.flatMap((c) => (rt.db.dump(c) as any[]).filter((d) => d.status !== undefined || d.touser !== undefined));
}

/**
 * Every notice waiting or sent, one row each: the notice's own fields and progress (`status`, `attempts`,
 * `nextAttemptAt`, `recipients`), `_id` its notice id (what its inbox ids are made from), `docId` the document
 * holding it and `createdAt` the step's time.
 */
export function outboxNotices(rt: LocalRuntime): any[] {
  return noticeDocs(rt).flatMap((d) => noticesOf(d).map((n) => ({ ...n, _id: n.id, docId: d._id, caseId: d.caseId, createdAt: d.createdAt })));
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

/** A booking calendar document as stored (`calendars`, src/server/booking/resources.ts), or undefined. */
export function calendarDoc(rt: LocalRuntime, id: string): any {
  return (rt.db.dump('calendars') as any[]).find((c) => c._id === id);
}

/**
 * A mediator's claimed slots wherever their calendar is: their own, or — when their own only names it
 * (`homedAt`) — their part of the organisation's calendar that holds it.
 */
export function mediatorSlots(rt: LocalRuntime, mediatorId: string): any[] {
  const own = calendarDoc(rt, `mediator:${mediatorId}`);
  if (!own?.homedAt) return own?.claimed ?? [];
  return (calendarDoc(rt, `rooms:${own.homedAt}`)?.claimed ?? []).filter((x: any) => x.mediatorId === mediatorId && !x.roomId);
}
