// The `case` function on the wire: each action's input (inferred from its zod schema, as the caller sends it)
// and answer. Types only: the use-cases and the mini-program both import them (`import type`).
import type { z } from 'zod';
import type { SessionMode, Status } from '../../domain/case/model';
import type { RiskLevel, RiskSignal } from '../../domain/triage/facts';
import type { Command, Query } from '../action.types';
import type { PartyNextStep } from '../../domain/case/next-step';

export type { PartyNextStep };
import type * as S from './schemas';

/** How the caller stands to a case; it decides what `case.get` shows. */
export type Relation = 'party' | 'staff' | 'follower' | 'supervisor';

/** What a mutating action answers: enough for the screen to show the new state without another read. */
export interface CaseStepResult {
  caseId: string;
  caseNo: string;
  status: Status;
  statusLabel: string;
  holder: { orgId: string; name: string };
  next?: { label: string; dueAt: string };
  urgent: boolean;
  emergencyNumbers: Array<{ label: string; number: string }>;
  /** Set when the text awaits human review (content check); the case is registered all the same. */
  underReview?: boolean;
}

export interface CaseListItem {
  caseId: string;
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  holderName: string;
  next?: { label: string; dueAt: string };
  urgent: boolean;
  registeredAt: string;
  /** `case.mine`: what happens next, who does it and by when, as the caller reads it (statusLabel is theirs too). */
  nextStep?: PartyNextStep;
}

/** A page of a list. */
export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

export interface CaseExpert {
  /** The pool entry (org.experts). */
  expertId: string;
  name: string;
  field: string;
  affiliation: string;
  isMe: boolean;
}

export interface CaseView {
  caseId: string;
  caseNo: string;
  relation: Relation;
  status: Status;
  statusLabel: string;
  outcomeLabel?: string;
  category: string;
  categoryLabel: string;
  /** Parties: the legal guidance (普法) for the case's category, with the law and the 12348 hotline. */
  guidance?: string;
  /** Dispute text: parties and staff only. */
  summary?: string;
  /**
   * Parties and staff: the invited experts working beside the mediator (特邀调解员), so a party can object to one (回避).
   * `isMe`: the reader is that expert (they may withdraw).
   */
  experts?: CaseExpert[];
  urgent: boolean;
  emergencyNumbers: Array<{ label: string; number: string }>;
  /** The one organisation answerable right now, and how to reach it. */
  holder: { orgId: string; name: string; phone: string };
  firstInquiry: { orgId: string; name: string };
  pendingTransfer?: { toOrgId: string; toOrgName: string; dueAt: string };
  /**
   * Staff: the organisation above was asked to decide who handles the case (指定) — after an escalation (上报),
   * a second returned transfer or an overdue one — why, and by when. `shareConsent` false: the parties did not
   * agree to their file going to another organisation, so only the one holding it may be designated.
   */
  pendingDesignation?: {
    designatorOrgId: string;
    designatorOrgName: string;
    fromOrgId: string;
    fromOrgName: string;
    trigger: 'escalation' | 'second_return' | 'transfer_overdue';
    triggerLabel: string;
    reason: string;
    requestedAt: string;
    dueAt: string;
    shareConsent: boolean;
  };
  next?: { label: string; dueAt: string; ownerOrgName: string };
  /**
   * Parties: what happens next, who does it and by when, in one sentence for the caller (`mine`: the caller must
   * act); for them `statusLabel` is the plain one (PARTY_STATUS_LABEL) too.
   */
  nextStep?: PartyNextStep;
  /**
   * `reason` is left out while it is text the content check held for review and the caller neither wrote it nor
   * works the case; `underReview` marks such a reason for those who do see it.
   */
  timeline: Array<{ at: string; label: string; orgName?: string; reason?: string; underReview?: boolean }>;
  parties?: Array<{
    partyId: string;
    role: string;
    name: string;
    mobile?: string;
    isMe: boolean;
    kind: 'person' | 'organisation';
    /** Organisation: its legal representative or principal. */
    representative?: string;
    agent?: { name: string; specialPowers: boolean };
    /** Linked in WeChat (so invitations are no longer needed), and whose account it is. */
    joined: false | 'self' | 'agent';
    /** One of several applicants who withdrew their own application. */
    withdrawn?: boolean;
    /** Staff, for a party not yet joined: their latest invitation — sent when, valid until, opened or not. */
    invitation?: { sentAt: string; expiresAt: string; forAgent: boolean; opened: boolean; expired: boolean };
  }>;
  triage?: { suggestedOrgId: string; suggestedOrgName: string; reasons: string[] };
  /**
   * Staff: the case has a mediator now, and whether the reader is that mediator (who may not record a party's
   * recusal request against themself: `case.recordRecusal`).
   */
  mediator?: { isMe: boolean };
  /** Staff: the risk on file (`case.raiseRisk` only raises it). */
  risk?: { level?: RiskLevel; signals: RiskSignal[] };
  /**
   * Parties and staff: marriage, adoption or inheritance is at stake (by category or marked), so the agreement is
   * signed on paper only (Electronic Signature Law Art. 3).
   */
  paperOnly?: boolean;
  /** Staff: the text awaits a director's review (content check). */
  underReview?: boolean;
  /**
   * Parties and staff: the session the case is scheduled for — when (start and end), how, the room (its name,
   * address and, when known, coordinates for 导航) and the mediator's name, so the appointment card needs no
   * other call.
   */
  nextSession?: {
    at: string;
    endAt: string;
    mode: SessionMode;
    modeLabel: string;
    roomId?: string;
    room?: { name: string; address: string; latitude?: number; longitude?: number };
    mediatorName?: string;
    /** What to bring (身份证, the dispute's papers, the category's own). */
    bring: string[];
    nonPublic: boolean;
  };
  /**
   * Staff: the session time proposed and still waiting for some parties' confirmation — staff record it for a party
   * who gave it at the window, by phone or on paper (`booking.confirm` with `partyId` and `how`).
   */
  proposedSession?: { bookingId: string; at: string; modeLabel: string; awaitingPartyIds: string[] };
  /** Parties and staff: investigation and session records (调查、调解笔录), oldest first. */
  sessions?: Array<{
    kind: 'investigation' | 'session';
    kindLabel: string;
    heldAt: string;
    modeLabel: string;
    attendees: string[];
    otherAttendees: string[];
    summary: string;
    nextStep?: string;
    nonPublic: boolean;
  }>;
  /** Parties and staff: the agreement's state (the text itself: `agreement.get`). */
  agreement?: {
    form: 'written' | 'oral';
    version?: number;
    paperOnly: boolean;
    confirmedBy: string[];
    awaiting: string[];
    signed: boolean;
    sealed: boolean;
    effectiveAt?: string;
    judicialConfirmationBy?: string;
    /** A written agreement in force: the last date, the court, and whether a party said the parties applied. */
    judicial?: JudicialConfirmationView;
  };
  /** Parties and staff: what the agreement requires, and what has been done. */
  performance?: Array<{ itemId: string; description: string; amountYuan?: number; dueDate: string; place: string; done: boolean; iAmObligee: boolean }>;
  /** Parties and staff, while mediating: the limit for concluding the mediation, and whether its one extension was used. */
  mediationLimit?: { dueAt: string; extended: boolean };
  /** Parties and staff: a request to extend the mediation limit, waiting for consents (`myConsentNeeded`: the caller's). */
  extensionRequest?: { reason: string; requestedAt: string; waitingFor: string[]; myConsentNeeded: boolean };
  returnVisitDueAt?: string;
  returnVisits?: Array<{ at: string; resultLabel: string; satisfaction?: number; notes: string }>;
  /** Parties and staff: why the case closed, and for a failed mediation the other routes explained. */
  closing?: { outcomeLabel: string; reason?: string; guidance?: string };
  /** The caller's own satisfaction rating; `mayRate` when they can still give one. */
  myRating?: { score: number; comment?: string };
  mayRate?: boolean;
  /** Staff: the referral links of the case, in (诉调/公调/检调/访调对接, with reporting back) and out (移交记录). */
  referral?: ReferralView;
  version: number;
}

/** A referral as staff read it on the case page; phone numbers masked. */
export interface ReferralView {
  in?: {
    sourceLabel: string;
    body: string;
    reference: string;
    referredOn: string;
    feedbackDueOn?: string;
    contact: { name: string; mobile?: string };
    /** Once reported back (回告): the day and how. */
    feedback?: { sentOn: string; howLabel: string };
    /** The case is closed and nothing has been reported back yet. */
    feedbackOwed: boolean;
    /** The body's feedback day has passed with nothing reported back. */
    feedbackOverdue: boolean;
  };
  out?: {
    authorityLabel: string;
    guidance: string;
    handOver?: { body?: string; receiver?: string; receiverMobile?: string; handedOverOn: string; materials: string[] };
  };
}

export interface AuditLine {
  seq: number;
  at: string;
  type: string;
  /** The step in words (the timeline's label; steps the timeline leaves out, such as reading a number, too). */
  typeLabel: string;
  actor: string;
  /**
   * Who, in words: for staff of the case a name and, for a party, their side (张三（申请人）); for a supervisor
   * only 当事人 or 工作人员; 系统 for the timer.
   */
  who: string;
  actorOrgId?: string;
  /** The organisation the actor acted for. */
  orgName?: string;
  reason?: string;
  hash: string;
}

/** `case.audit`: the chain in order, verified against the head kept on the case. */
export interface AuditAnswer {
  caseNo: string;
  statusLabel: string;
  verified: boolean;
  /** When it does not verify: the first problem found (machine-readable), and what it means in words. */
  problem?: string;
  problemText?: string;
  entries: AuditLine[];
}

/**
 * Free text one person writes and others read, each run through the content check when written (the dispute's
 * summary and wants at filing; the others in the step that carries them).
 */
export type HeldTextKind =
  | 'summary'
  | 'reply_reason'
  | 'recusal_reason'
  | 'withdrawal_reason'
  | 'termination_reason'
  | 'extension_reason'
  | 'extension_refusal'
  | 'rating_comment'
  | 'booking_note'
  | 'reschedule_reason'
  | 'cancel_reason'
  /** The director's reason for bringing an invited expert in or taking one off (on the timeline). */
  | 'expert_reason'
  | 'return_visit_notes';

/** One text of a case the content check held, as the reviewing director sees it. */
export interface HeldTextItem {
  /** `summary` for the dispute text; otherwise the id `case.review` takes. */
  textId: string;
  kind: HeldTextKind;
  kindLabel: string;
  text: string;
  /** review: the check asked for a person to look; api_error: the check itself failed. */
  why?: string;
  heldAt: string;
}

export interface ReviewItem extends CaseListItem {
  /** The dispute text (held or not: the director works the case). */
  summary: string;
  /** Why the dispute text was held, when it is. */
  why?: string;
  /** When the oldest text still held was held. */
  heldAt: string;
  /** Every text of the case still waiting for review, oldest first (the dispute text first when it is one). */
  texts: HeldTextItem[];
}

export type ExtensionResult = CaseStepResult & { extension: { status: 'waiting' | 'extended' | 'refused'; waitingFor: string[] } };

/** `case.inviteQr`: the invitation's mini-program code as a PNG (base64), to print or show; valid as the code is. */
export interface InviteQr {
  image: string;
  contentType: 'image/png';
  expiresAt: string;
}

export interface InvitePreview {
  caseId: string;
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  orgName: string;
  orgPhone: string;
  applicantName: string;
  /** Whether this WeChat account has already joined, or another one has. */
  joined: 'me' | 'other' | 'no';
  /** Which side the invitee is on, and whether they join as a party's agent (named, for them to check). */
  invitee: { role: 'applicant' | 'respondent'; forAgent: boolean; agentFor?: string };
  replyDueAt?: string;
}

/**
 * `case.invite`: the code to share with the respondent (a share card's path, or typed in), valid for days.
 * Only its hash is kept: a replay of the same request answers a fresh code (`reissued`) and withdraws the first.
 */
export type InviteAnswer = CaseStepResult & {
  /** `shortCode`: 8 digits to read out or type, valid until `shortExpiresAt` (72 hours at most); shown once. */
  invite: { code: string; expiresAt: string; path: string; shortCode: string; shortExpiresAt: string; reissued?: boolean };
  /** Whom the code is for (the party, or their agent). */
  invitee: { partyId: string; name: string; role: 'applicant' | 'respondent'; forAgent: boolean };
};

/** A mediator's inbox row (`case.assigned`). */
export type AssignedItem = CaseListItem & { status: Status; /** The reader is on this case as an invited expert (特邀调解员). */ asExpert?: boolean };
/** A director's overdue board row (`case.overdue`). */
export type OverdueItem = CaseListItem & { mediatorName?: string };

export type FileDisputeInput = z.input<typeof S.FileDisputeInput>;
export type RegisterVisitInput = z.input<typeof S.RegisterVisitInput>;
export type ReplyChoice = z.input<typeof S.ReplyInput>['reply'];
export type ReferralAuthorityCode = z.input<typeof S.ReferOutInput>['authority'];
export type RaiseRiskInput = z.input<typeof S.RaiseRiskInput>;
export type ReferralInInput = z.input<typeof S.ReferralInInput>;
export type HandOverInput = z.input<typeof S.HandOverInput>;
export type FeedbackChannelCode = z.input<typeof S.ReferralFeedbackSentInput>['how'];

export interface CaseActions {
  file: Command<FileDisputeInput, CaseStepResult>;
  register: Command<RegisterVisitInput, CaseStepResult>;
  get: Query<z.input<typeof S.CaseRef>, CaseView>;
  audit: Query<z.input<typeof S.CaseRef>, AuditAnswer>;
  mine: Query<z.input<typeof S.MineInput>, Page<CaseListItem>>;
  queue: Query<z.input<typeof S.QueueInput>, Page<CaseListItem> & { orgId: string }>;
  assigned: Query<z.input<typeof S.AssignedInput>, Page<AssignedItem>>;
  overdue: Query<z.input<typeof S.OverdueInput>, Page<OverdueItem> & { orgId: string }>;
  accept: Command<z.input<typeof S.AcceptInput>, CaseStepResult>;
  transfer: Command<z.input<typeof S.TransferInput>, CaseStepResult>;
  acceptTransfer: Command<z.input<typeof S.CaseRef>, CaseStepResult>;
  returnTransfer: Command<z.input<typeof S.ReturnTransferInput>, CaseStepResult>;
  escalate: Command<z.input<typeof S.EscalateInput>, CaseStepResult>;
  designate: Command<z.input<typeof S.DesignateInput>, CaseStepResult>;
  referOut: Command<z.input<typeof S.ReferOutInput>, CaseStepResult>;
  referralFeedbackSent: Command<z.input<typeof S.ReferralFeedbackSentInput>, CaseStepResult>;
  raiseRisk: Command<z.input<typeof S.RaiseRiskInput>, CaseStepResult>;
  recordForParty: Command<z.input<typeof S.RecordForPartyInput>, CaseStepResult & { extension?: ExtensionResult['extension'] }>;
  markPersonalRelations: Command<z.input<typeof S.MarkPersonalRelationsInput>, CaseStepResult>;
  invite: Command<z.input<typeof S.InviteInput>, InviteAnswer>;
  openInvite: Query<z.input<typeof S.InviteCode>, InvitePreview>;
  inviteQr: Query<z.input<typeof S.InviteQrInput>, InviteQr>;
  join: Command<z.input<typeof S.InviteCode>, { caseId: string }>;
  reply: Command<z.input<typeof S.ReplyInput>, CaseStepResult>;
  assignMediator: Command<z.input<typeof S.AssignMediatorInput>, CaseStepResult>;
  recuse: Command<z.input<typeof S.RecuseInput>, CaseStepResult>;
  addExpert: Command<z.input<typeof S.AddExpertInput>, CaseStepResult>;
  removeExpert: Command<z.input<typeof S.RemoveExpertInput>, CaseStepResult>;
  recuseExpert: Command<z.input<typeof S.RecuseExpertInput>, CaseStepResult>;
  recordRecusal: Command<z.input<typeof S.RecordRecusalInput>, CaseStepResult>;
  revealContact: Command<z.input<typeof S.RevealContactInput>, { partyId: string; mobile: string }>;
  requestExtension: Command<z.input<typeof S.RequestExtensionInput>, ExtensionResult>;
  consentExtension: Command<z.input<typeof S.ConsentExtensionInput>, ExtensionResult>;
  reviewQueue: Query<z.input<typeof S.ReviewQueueInput>, Page<ReviewItem> & { orgId: string }>;
  review: Command<z.input<typeof S.ReviewInput>, CaseStepResult>;
  withdraw: Command<z.input<typeof S.PartyEndInput>, CaseStepResult>;
  terminate: Command<z.input<typeof S.PartyEndInput>, CaseStepResult>;
}

/** Judicial confirmation of a written agreement in force (Art. 33), as parties and staff read it. */
export interface JudicialConfirmationView {
  /** The last date to apply (30 days from taking effect, past holidays). */
  by: string;
  /** The court where the mediation organisation is, when the deployment names one. */
  court?: { name: string; address: string; phone: string };
  /** Once a party said the parties applied: on which day, who said so, and whether it was the reader. */
  applied?: { appliedOn: string; by: string; mine: boolean };
  /** The reader is a party and nobody has said so yet. */
  mayRecord: boolean;
}
