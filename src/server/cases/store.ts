// How a case is kept: one document holding the domain's state plus what the server needs beside it —
// the version for compare-and-set, the audit chain's head, recent request ids (idempotency), sealed contact
// numbers, and denormalised fields the queries use. A command's new state, its audit entries and its
// notifications are written in one transaction: the step's audit entries as ONE document of the `audit`
// collection (`AuditStepDoc`: the chained entries in order, each as strong as ever — its own seq, prev hash and
// HMAC), and its notices on that same document (`notices` and the relay's fields, relayed notice by notice by
// src/server/notify/relay.ts). So a step costs one insert however many entries and notices it makes.
import type { Case } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import type { DeploymentRules } from '../../domain/config/rules';
import type { AuditKey } from '../kernel/audit-chain';
import { getDoc } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { Database } from '../kernel/platform';
import { commit, type CasWrite, type Change, type Delete, type Insert, type StepTx, type Update } from '../kernel/unit-of-work';
import { orgsActingOn } from './access';
import { nextDeadline } from '../../domain/case/deadlines';
import { nextTimerAt } from '../../domain/case/overdue';
import { loadDirectory } from './org-cache';
import { caseEntries, stepOfEvent, type AuditStep, type CaseAuditEntry } from './case-audit';
import { archiveOnClose } from './archive';
import { boardKey, caseFacts, registerKeys, sameFacts } from '../../domain/stats/index';
import { type ActorName, type CaseDoc, type Outgoing, type RememberedRequest, type SealedContact, type ServerEventType, type TimelineEntry } from './case-doc';


export { retryOnLostRace } from '../kernel/unit-of-work';
export { hashPayload, requestKey } from '../kernel/idempotency';
export type { ActorName, CaseDoc, ExtensionRequest, HeldText, NoticeTemplate, Outgoing, RememberedRequest, SealedContact, ServerEventType, TimelineEntry } from './case-doc';

export const CASES = 'cases';

/** What a screen leaves out of a case document: the remembered answers of recent requests, which only a step replays. */
export const READ_PROJECTION = { requests: false } as const;

/** A case document as a screen reads it (READ_PROJECTION). */
export type ReadCaseDoc = Omit<CaseDoc, keyof typeof READ_PROJECTION>;

/**
 * What a list of cases leaves out of each document: besides what every screen does, the timeline and the sealed
 * numbers — over half of a case document, which no list shows and every list would otherwise decode.
 */
export const LIST_PROJECTION = { ...READ_PROJECTION, timeline: false, contacts: false } as const;

/** A case document as a list reads it (LIST_PROJECTION). */
export type ListedCaseDoc = Omit<CaseDoc, keyof typeof LIST_PROJECTION>;

export const AUDIT = 'audit';

export const OUTBOX = 'outbox';

/** How many recent request ids a case remembers: a client retry comes within seconds, not dozens of steps later. */
const REMEMBERED_REQUESTS = 30;

/**
 * One step's audit entries, stored as one document (id `auditId(caseId, seq)`, the step's first sequence number).
 * The chain is in the entries themselves; `seq` and `lastSeq` only find the document. Documents written before this
 * layout are single entries (the entry's own fields, no `entries`): `auditEntriesOf` reads both.
 */
export interface AuditStepDoc {
  _id?: string;
  caseId: string;
  /** The first entry's sequence number. */
  seq: number;
  /** The last entry's sequence number. */
  lastSeq: number;
  entries: CaseAuditEntry[];
  /**
   * The step's notices and the relay's progress on them (`noticeFields`; the relay's `OutboxDoc` fields), present
   * when the step told anyone. They are not audit data: the chain is in `entries` alone, and the expiry timer
   * strips these fields once every notice is finished and old enough (timer/expiry.ts).
   */
  notices?: unknown[];
}

/** The entries of audit documents as stored, in the order read: step documents flattened, single entries as they are. */
export function auditEntriesOf(docs: Array<AuditStepDoc | (CaseAuditEntry & { _id?: string })>): CaseAuditEntry[] {
  return docs.flatMap((d) => {
    if (Array.isArray((d as AuditStepDoc).entries)) return (d as AuditStepDoc).entries;
    const { _id: _storedId, ...entry } = d as CaseAuditEntry & { _id?: string };
    return [entry as CaseAuditEntry];
  });
}


export function loadCaseDoc(db: Database, caseId: string): Promise<CaseDoc | undefined> {
  return getDoc<CaseDoc>(db, CASES, caseId);
}

/** The case for a screen (never for a step: a step needs `requests` to replay, and writes the document back). */
export function loadCaseToRead(db: Database, caseId: string): Promise<ReadCaseDoc | undefined> {
  return getDoc<ReadCaseDoc>(db, CASES, caseId, READ_PROJECTION);
}

/** The replay of a request this case already answered, or undefined; a reused id with another payload is refused. */
export function replayOf(doc: CaseDoc | undefined, key: string, payloadHash: string): { result: unknown } | undefined {
  const seen = doc?.requests.find((r) => r.key === key);
  if (!seen) return undefined;
  if (seen.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
  return { result: seen.result };
}

function timelineOf(e: CaseEvent): TimelineEntry {
  const r = e as CaseEvent & { reason?: unknown; toOrgId?: unknown; orgId?: unknown };
  return {
    at: e.at,
    type: e.type,
    ...(e.actor.orgId ? { actorOrgId: e.actor.orgId } : {}),
    ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
    ...(typeof r.toOrgId === 'string' ? { toOrgId: r.toOrgId } : typeof r.orgId === 'string' ? { toOrgId: r.orgId } : {}),
  };
}

function indexFields(c: Case, contactsOwner: CaseDoc | undefined) {
  return {
    actingOrgIds: orgsActingOn(c),
    partyUserIds: [...new Set(c.parties.map((p) => p.userId).filter((u): u is string => Boolean(u)))],
    responsibleOrgId: c.responsibleOrgId,
    firstInquiryOrgId: c.firstInquiry.orgId,
    status: c.status,
    mediatorId: c.mediatorId ?? null,
    expertIds: c.expertIds ?? [],
    registeredAt: c.registeredAt,
    updatedAt: c.updatedAt,
    // The domain's next deadline, kept on the document so overdue boards are one indexed query.
    nextDueAt: nextDeadline(c)?.dueAt ?? null,
    contacts: contactsOwner?.contacts ?? [],
  };
}

/**
 * Marks the case for the figures' roll-up when its facts differ from those the counters hold for it (a case never
 * counted holds none), or its place on the overview boards from the one they hold (`boardCounted`); the timer
 * rolls it up (src/server/report/figure-counters.ts). No request of its own.
 */
function figuresFields(state: Case, before: CaseDoc | undefined) {
  const dirty = !sameFacts(caseFacts(state), before?.figuresCounted ?? []) || boardKey(state) !== (before?.boardCounted ?? null);
  return { figuresDirtyAt: dirty ? (before?.figuresDirtyAt ?? state.updatedAt) : null, registerKeys: registerKeys(state) };
}

/**
 * The sweep's scheduling fields: when it next has something to do (`nextTimerAt`) and the run that last did all
 * of it. They are the timer's bookkeeping, not case data: the audit chain leaves them out (case-audit.ts), so the
 * sweep can move them forward without a step of its own.
 */
export function timerFields(c: Case, now: string, doneAt: string | undefined, rules: DeploymentRules): { timerDueAt: string | null; timerDoneAt: string | null } {
  return { timerDueAt: nextTimerAt(c, now, doneAt, rules), timerDoneAt: doneAt ?? null };
}

/**
 * A step's notices as the fields the relay works on (notify/relay.ts), kept on one document: the `status`,
 * `attempts`, `nextAttemptAt` and claim are the relay's, and each notice (id `<id>:<i>`, what its inbox entries'
 * ids are made from) keeps its own progress. Nothing when the step tells nobody.
 */
export function noticeFields(id: string, out: Outgoing[], now: string): Record<string, unknown> {
  if (!out.length) return {};
  return {
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    notices: out.map((o, i) => ({ ...o, id: `${id}:${i}`, status: 'pending', attempts: 0, nextAttemptAt: now })),
  };
}

/**
 * Notices that belong to no audited step (the deadline sweep's reminders and alerts) as one document of the
 * `outbox` collection (id `id`); a case step's notices ride on its audit document instead (`saveChange`).
 */
export function outboxInsert(id: string, caseId: string, out: Outgoing[], now: string): Insert[] {
  if (!out.length) return [];
  return [{ collection: OUTBOX, id, data: { caseId, ...noticeFields(id, out, now) } }];
}

/** The names of staff as this step leaves them: the acting person's current name added or updated. */
function actorNamesAfter(before: ActorName[] | undefined, state: Case, actor: { userId: string; name?: string } | undefined): ActorName[] | undefined {
  const name = actor?.name?.trim();
  if (!actor || !name || state.parties.some((p) => p.userId === actor.userId)) return before;
  if (before?.some((n) => n.userId === actor.userId && n.name === name)) return before;
  return [...(before ?? []).filter((n) => n.userId !== actor.userId), { userId: actor.userId, name }];
}

/**
 * Writes a command's outcome: the new state (compare-and-set on the version it was decided on), one audit
 * entry per event chained after the case's head (keyed with the audit key), the notifications, and the request
 * id — in one transaction.
 */
export async function saveChange(
  deps: { db: Database; audit: AuditKey },
  args: {
    before: CaseDoc | undefined;
    state: Case;
    events: CaseEvent[];
    /** The client request this step answers; absent for the timer's steps (no client to replay to). */
    request?: RememberedRequest;
    outgoing: Outgoing[];
    contacts?: SealedContact[];
    /** Server-side fields set at creation (intake extras, consents, content review). */
    extraFields?: Record<string, unknown>;
    extraInserts?: Insert[];
    /** Documents removed in the same transaction (released slot claims). */
    extraDeletes?: Delete[];
    /** Other documents written compare-and-set in the same transaction (rate-limit counters). */
    extraWrites?: CasWrite[];
    /** Other documents updated field by field in the same transaction, unread (a calendar given back a slot). */
    extraUpdates?: Update[];
    /**
     * Server-side steps that are not domain events (e.g. a respondent joining by invitation), audited alike;
     * `reason` is shown with the step on the timeline (the audit entry keeps only its digest, like any data).
     */
    extraAudit?: Array<{ type: ServerEventType; at: string; actor: string; actorOrgId?: string; data: Record<string, unknown>; reason?: string }>;
    /** The timeline as this step rewrote it (a redaction), in place of the one loaded; the step's own entries follow. */
    timeline?: TimelineEntry[];
    /** The deadline sweep's run that took every action due on the new state (deadlines.ts); absent for any other step. */
    timerDoneAt?: string;
    /** The transaction the step loaded the case in (unit-of-work `transact`): the change is committed there. */
    tx?: StepTx;
    /** Who took the step, with their name: a member of staff's name is kept for the audit trail (`actorNames`). */
    actor?: { userId: string; name?: string };
  },
): Promise<CaseDoc> {
  const { db } = deps;
  const { before, state, events, request } = args;
  const caseId = state.caseId;
  const extra = args.extraAudit ?? [];
  // Every save is a step in the chain, so the chain always ends at the document as it stands: a change
  // with nothing to audit would be a change nobody answers for.
  const steps: AuditStep[] = [...events.map(stepOfEvent), ...extra];
  if (!steps.length) throw new Error(`saveChange: a change to case ${caseId} with no step to audit`);
  const firstSeq = (before?.auditHead?.seq ?? 0) + 1;
  const { _id: _ignoredId, version: _ignoredVersion, auditHead: _ignoredHead, ...kept } = (before ?? {}) as Partial<CaseDoc>;
  const unchained: Omit<CaseDoc, '_id' | 'version' | 'auditHead'> = {
    ...(kept as Omit<CaseDoc, '_id' | 'version' | 'auditHead'>),
    case: state,
    requests: [...(before?.requests ?? []), ...(request ? [request] : [])].slice(-REMEMBERED_REQUESTS),
    timeline: [
      ...(args.timeline ?? before?.timeline ?? []),
      ...events.map((e, i) => ({ seq: firstSeq + i, ...timelineOf(e) })),
      ...extra.map((x, j) => ({ seq: firstSeq + events.length + j, at: x.at, type: x.type, ...(x.reason ? { reason: x.reason } : {}) })),
    ],
    ...indexFields(state, before),
    ...figuresFields(state, before),
    ...(args.contacts ? { contacts: args.contacts } : {}),
    ...(args.extraFields ?? {}),
  };
  const names = actorNamesAfter(before?.actorNames, state, args.actor);
  if (names) unchained.actorNames = names;
  // The review queue finds a case by this one field, whichever of its texts waits.
  unchained.reviewPending = unchained.contentReview?.status === 'pending' || (unchained.heldTexts ?? []).some((t) => t.status === 'pending');
  const { entries, head } = caseEntries(deps.audit, caseId, before, unchained, steps);
  // When the sweep next needs the case, computed in the step's own transaction so it cannot drift from the case.
  const { rules } = (await loadDirectory(db)).settings;
  const timer = timerFields(state, state.updatedAt, args.timerDoneAt, rules);
  const doc: Omit<CaseDoc, '_id' | 'version'> = { ...unchained, ...timer, auditHead: head };
  // The step that closes the case files it (电子卷宗, archive.ts): the record goes in this transaction, its number
  // (卷宗号) follows from the timer.
  const archive = state.status === 'closed' && before?.case.status !== 'closed' ? await archiveOnClose(db, state, unchained, head) : { writes: [], inserts: [] };
  const inserts: Insert[] = [
    // The step's notices ride on its audit document (one insert for both): the relay finds them by their status.
    { collection: AUDIT, id: auditId(caseId, firstSeq), data: { caseId, seq: firstSeq, lastSeq: head.seq, entries, ...noticeFields(`${caseId}:${head.seq}`, args.outgoing, state.updatedAt) } },
    ...(args.extraInserts ?? []),
    ...archive.inserts,
  ];
  const save = (change: Change) => (args.tx ? args.tx.commit(change) : commit(db, change));
  if (before) {
    await save({
      writes: [{ collection: CASES, id: caseId, expectVersion: before.version, data: doc }, ...(args.extraWrites ?? []), ...archive.writes],
      inserts,
      updates: args.extraUpdates,
      deletes: args.extraDeletes,
    });
  } else {
    await save({ writes: [...(args.extraWrites ?? []), ...archive.writes], inserts: [{ collection: CASES, id: caseId, data: { ...doc, version: 1 } }, ...inserts], updates: args.extraUpdates });
  }
  return { ...doc, _id: caseId, version: (before?.version ?? 0) + 1 } as CaseDoc;
}

export function auditId(caseId: string, seq: number): string {
  return `${caseId}:${String(seq).padStart(6, '0')}`;
}

/** Whether the parties agreed to their case going to another organisation (PIPL Art. 23): transfers and designations. */
export function consentToShare(doc: ReadCaseDoc): boolean {
  return Boolean((doc as CaseDoc & { consents?: { shareWithOtherOrgs?: boolean } }).consents?.shareWithOtherOrgs);
}
