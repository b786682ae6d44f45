// How a case is kept: one document holding the domain's state plus what the server needs beside it —
// the version for compare-and-set, the audit chain's head, recent request ids (idempotency), sealed contact
// numbers, and denormalised fields the queries use. A command's new state, its audit entries and its
// notifications are written in one transaction: the step's audit entries as ONE document of the `audit`
// collection (`AuditStepDoc`: the chained entries in order, each as strong as ever — its own seq, prev hash and
// HMAC), its notices as ONE document of the `outbox` collection (`OutboxStepDoc`, relayed notice by notice by
// src/server/notify/relay.ts). So a step costs the same few requests however many entries and notices it makes.
import { createHash } from 'node:crypto';
import type { Case } from '../../domain/case/model';
import type { CaseEvent } from '../../domain/case/events';
import type { Actor } from '../../domain/case/context';
import type { DeploymentRules } from '../../domain/config/rules';
import { canonicalJson } from '../../domain/agreement/canonical-json';
import type { AuditHead, AuditKey } from '../kernel/audit-chain';
import { getDoc } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { Database } from '../kernel/platform';
import { commit, type CasWrite, type Change, type Delete, type Insert, type StepTx } from '../kernel/unit-of-work';
import { orgsActingOn } from './access';
import { nextDeadline } from '../../domain/case/deadlines';
import { nextTimerAt } from '../../domain/case/overdue';
import { loadDirectory } from './org-cache';
import { caseEntries, stepOfEvent, type AuditStep, type CaseAuditEntry } from './case-audit';
import type { HeldTextKind } from './case.types';
import { archiveOnClose } from './archive';
import { boardKey, caseFacts, registerKeys, sameFacts, type Fact } from '../../domain/stats';

export const CASES = 'cases';
export const AUDIT = 'audit';
export const OUTBOX = 'outbox';

/** How many recent request ids a case remembers: a client retry comes within seconds, not dozens of steps later. */
const REMEMBERED_REQUESTS = 30;

export interface RememberedRequest {
  key: string;
  payloadHash: string;
  result: unknown;
}

export interface SealedContact {
  partyId: string;
  mobileSealed: string;
  mobileHash: string;
}

/** One step of the case as parties and staff see it; kept on the case so a screen loads in one read. */
export interface TimelineEntry {
  /** The step's entry in the audit chain (which keeps no text: the reason shown with it is this one). */
  seq?: number;
  at: string;
  type: string;
  actorOrgId?: string;
  reason?: string;
  toOrgId?: string;
}

export interface CaseDoc {
  _id: string;
  version: number;
  case: Case;
  auditHead: AuditHead;
  requests: RememberedRequest[];
  contacts: SealedContact[];
  timeline: TimelineEntry[];
  /** Denormalised for queries (see the declared indexes). */
  partyUserIds: string[];
  responsibleOrgId: string;
  /** The responsible organisation plus any the case waits on (transfer receiver, designating parent). */
  actingOrgIds: string[];
  firstInquiryOrgId: string;
  status: Case['status'];
  mediatorId: string | null;
  /** Invited experts on the case (absent on documents saved before experts existed). */
  expertIds?: string[];
  registeredAt: string;
  updatedAt: string;
  /** When the case's next deadline falls (the domain's `nextDeadline`), null when it has none. */
  nextDueAt: string | null;
  /**
   * When the deadline sweep next has something to do for the case (the domain's `nextTimerAt`), null when never:
   * the sweep reads only cases whose time has come. Absent on documents saved before it existed.
   */
  timerDueAt?: string | null;
  /** The sweep run that took every action due for the case as it now stands; cleared by any other step. */
  timerDoneAt?: string | null;
  /** Set when the content check held the text for a person to review (never dropped). */
  contentReview?: { status: 'pending' | 'cleared' | 'redacted'; why?: string; at: string; by?: string; reviewedAt?: string; reason?: string } | null;
  /** A request to extend the mediation limit, collecting each party's consent. */
  extensionRequest?: ExtensionRequest | null;
  /** Texts other than the dispute's own that the content check held for review (held-text.ts). */
  heldTexts?: HeldText[];
  /** Denormalised for the review queue: the dispute text or any other text waits for a director. */
  reviewPending?: boolean;
  /**
   * Figures bookkeeping (src/server/report/figure-counters.ts): the facts the counters hold for this case, and
   * since when its facts differ from them (null: counted as it stands). Outside the audit chain, like the timer's.
   */
  figuresCounted?: Fact[];
  figuresDirtyAt?: string | null;
  /** Where the overview boards hold the case (domain/stats/board.ts `boardKey`); absent: on no board yet. */
  boardCounted?: string | null;
  /** `<orgId>:<YYYY-MM>` (and `<orgId>:open`) of every register the case belongs in (registerKeys). */
  registerKeys?: string[];
  /** Sealed phone numbers of the referring body's contact and of the person a case referred out was handed to. */
  referralContacts?: { referrer?: string; receiver?: string };
  /**
   * The name each member of staff who took a step on the case had when they last took one, for the audit trail's
   * 谁办理 (case.audit answers from the case and its chain alone). Personal data, so on the case — which deletion
   * requests and the staff's own record reach — never in the audit chain. Absent on cases saved before it existed.
   */
  actorNames?: ActorName[];
}

export interface ActorName {
  userId: string;
  name: string;
}

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
}

/** The entries of audit documents as stored, in the order read: step documents flattened, single entries as they are. */
export function auditEntriesOf(docs: Array<AuditStepDoc | (CaseAuditEntry & { _id?: string })>): CaseAuditEntry[] {
  return docs.flatMap((d) => {
    if (Array.isArray((d as AuditStepDoc).entries)) return (d as AuditStepDoc).entries;
    const { _id: _storedId, ...entry } = d as CaseAuditEntry & { _id?: string };
    return [entry as CaseAuditEntry];
  });
}

/**
 * A text the content check did not pass (a `review` verdict or the check failing), kept where it was written and
 * withheld from everyone but its author and the staff until a director clears it or redacts it (then `text` is
 * the redacted version, which replaced it wherever it was stored).
 */
export interface HeldText {
  /** `t<seq>` (the audit sequence number of the step that wrote it), `-2`, `-3` for a second text of one step. */
  textId: string;
  kind: HeldTextKind;
  text: string;
  /** The account that wrote it. */
  authorId: string;
  why: 'review' | 'api_error';
  at: string;
  status: 'pending' | 'cleared' | 'redacted';
  by?: string;
  reviewedAt?: string;
  /** Why a director redacted it. */
  reason?: string;
}

export interface ExtensionRequest {
  reason: string;
  requestedAt: string;
  /** Who asked (mediator or director, acting for an organisation); the extension is made in their name. */
  requestedBy: Actor;
  consents: Array<{ partyId: string; how: 'online' | 'in_person' | 'phone' | 'paper'; at: string }>;
}

export interface Outgoing {
  /** The recipient's OPENID. */
  touser: string;
  /** A template key the relay maps to a subscribe-message template; never dispute text or personal data. */
  template: NoticeTemplate;
  caseId: string;
  /** The short status phrase shown in the message, e.g. 已受理. */
  phrase: string;
  /** A longer line for the in-app inbox (case number, deadline, time); never names, numbers or dispute text. */
  message?: string;
}

/** The kinds of notice; src/server/notify/templates.ts maps each to a subscribe-message template. */
export type NoticeTemplate =
  | 'case_progress'
  | 'case_assigned'
  | 'transfer_received'
  | 'respondent_invited'
  | 'deadline_alert'
  | 'session_reminder'
  | 'performance_reminder';

/** Steps the server records beside the domain's events. */
export type ServerEventType =
  | 'respondent_joined'
  /** Staff recorded what a party said in person, by phone or on paper (the domain event beside it says what). */
  | 'recorded_for_party'
  /** Another invitation code issued (a second respondent, a co-applicant, an agent, or one to replace an expired code). */
  | 'invite_issued'
  /** Staff read a party's full phone number (personal data): logged in the chain, not shown on the timeline. */
  | 'contact_revealed'
  | 'extension_requested'
  | 'extension_consented'
  | 'extension_refused'
  /** A director cleared or redacted text the content check held for review. */
  | 'content_reviewed'
  /** A party's phone number erased at their request (case closed). */
  | 'contact_erased'
  /** Booking steps before the case itself is scheduled (src/server/booking). */
  | 'booking_proposed'
  | 'booking_confirmed'
  | 'booking_rescheduled'
  | 'booking_cancelled'
  /** Staff were given an upload path for one party's signed paper (src/server/agreement/scan-path.ts). */
  | 'scan_path_issued'
  /** Sealed numbers re-sealed and look-up hashes recomputed under the current key (`npm run pii:reseal`). */
  | 'personal_data_resealed';

export function hashPayload(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload ?? null)).digest('hex');
}

/** One id per (caller, function, action, client request id). */
export function requestKey(openid: string, fnAction: string, requestId: string): string {
  return createHash('sha256').update(`${openid}\u0000${fnAction}\u0000${requestId}`).digest('hex').slice(0, 32);
}

export function loadCaseDoc(db: Database, caseId: string): Promise<CaseDoc | undefined> {
  return getDoc<CaseDoc>(db, CASES, caseId);
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
 * One step's notices as one outbox document (id `id`; each notice `<id>:<i>`), for the relay to send each once.
 * The document's `status`, `attempts`, `nextAttemptAt` and claim are the relay's (notify/relay.ts); each notice
 * keeps its own progress. Nothing to insert when the step tells nobody.
 */
export function outboxInsert(id: string, caseId: string, out: Outgoing[], now: string): Insert[] {
  if (!out.length) return [];
  return [
    {
      collection: OUTBOX,
      id,
      data: {
        caseId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        notices: out.map((o, i) => ({ ...o, id: `${id}:${i}`, status: 'pending', attempts: 0, nextAttemptAt: now })),
      },
    },
  ];
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
    { collection: AUDIT, id: auditId(caseId, firstSeq), data: { caseId, seq: firstSeq, lastSeq: head.seq, entries } satisfies AuditStepDoc },
    ...outboxInsert(`${caseId}:${head.seq}`, caseId, args.outgoing, state.updatedAt),
    ...(args.extraInserts ?? []),
    ...archive.inserts,
  ];
  const save = (change: Change) => (args.tx ? args.tx.commit(change) : commit(db, change));
  if (before) {
    await save({
      writes: [{ collection: CASES, id: caseId, expectVersion: before.version, data: doc }, ...(args.extraWrites ?? []), ...archive.writes],
      inserts,
      deletes: args.extraDeletes,
    });
  } else {
    await save({ writes: [...(args.extraWrites ?? []), ...archive.writes], inserts: [{ collection: CASES, id: caseId, data: { ...doc, version: 1 } }, ...inserts] });
  }
  return { ...doc, _id: caseId, version: (before?.version ?? 0) + 1 } as CaseDoc;
}

/**
 * Runs one load–decide–save pass, and runs it again on fresh data when it lost a race (a compare-and-set
 * conflict, or a create that met an existing _id — both coded CONFLICT). On the next pass a replay of the
 * same request answers as the first did; anything else is decided afresh (and may now be refused).
 */
export async function retryOnLostRace<T>(pass: () => Promise<T>, retries = 4): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await pass();
    } catch (e) {
      if (attempt >= retries || (e as { code?: string })?.code !== 'CONFLICT') throw e;
      // In CloudBase the losing write fails at once while the winner is still open: wait a little, a random
      // while that grows with each attempt, so the contenders do not meet again on the next pass.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
    }
  }
}

export function auditId(caseId: string, seq: number): string {
  return `${caseId}:${String(seq).padStart(6, '0')}`;
}

/** Whether the parties agreed to their case going to another organisation (PIPL Art. 23): transfers and designations. */
export function consentToShare(doc: CaseDoc): boolean {
  return Boolean((doc as CaseDoc & { consents?: { shareWithOtherOrgs?: boolean } }).consents?.shareWithOtherOrgs);
}
