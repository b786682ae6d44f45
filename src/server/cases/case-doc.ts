// How a case is kept, as types: one document holding the domain's state plus what the server needs beside it —
// the version for compare-and-set, the audit chain's head, recent request ids (idempotency), sealed contact
// numbers, denormalised fields the queries use — and the documents a step writes beside it (audit step, notices).
// Types only, so the store, the archive and the audit chain can all name them (store.ts writes them).
import type { Case } from '../../domain/case/model';
import type { Actor } from '../../domain/case/context';
import type { AuditHead } from '../kernel/audit-chain';
import type { HeldTextKind } from '../case/case.types';
import type { Fact } from '../../domain/stats/index';

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
  /** `<orgId>:<YYYY-MM>` (and `<orgId>:open`) of every register the case belongs in, and the months it was rated or return-visited in (registerKeys). */
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
  /**
   * An urgent (high-risk) alert to an organisation: the relay sends at most so many of these to one organisation
   * an hour as WeChat messages (the rest are filed in the inbox only; notify/relay.ts `takeUrgentPlace`).
   */
  urgent?: true;
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
