import type { Agreement, PerformanceItemSpec, WrittenAgreement } from '../agreement/content';
import type { ReferralAuthority } from '../config/rules';
import type { TriageFacts, TriageOverride, TriageResult } from '../triage/facts';
import type { IsoDate, IsoInstant } from '../shared/time';

/** Where a request came from (来源). Whatever the source, registration has no reject path. */
export type CaseSource =
  | 'resident' // filed by the resident in the mini-program
  | 'walk_in' // 来访, registered by intake staff
  | 'phone' // 来电
  | 'info_officer' // 信息员排查上报
  | 'court' // 法院委派/委托
  | 'police' // 公安110/派出所移交
  | 'procuratorate' // 检察院移送（检调对接）
  | 'petition_office'; // 信访部门转来

export type Status =
  | 'registered'
  | 'transferring'
  | 'awaiting_designation'
  | 'accepted'
  | 'awaiting_consent'
  | 'scheduled'
  | 'in_mediation'
  | 'agreement_pending'
  | 'performing'
  | 'closed';

/**
 * How a case ended. `no_reply`: the respondent never answered whether they agree to mediate (Art. 17) and the
 * reply period ran out — no mediation took place, so it is not counted as a mediation in the figures.
 */
export type Outcome = 'resolved' | 'failed' | 'respondent_refused' | 'no_reply' | 'withdrawn' | 'terminated' | 'referred';

export type PartyRole = 'applicant' | 'respondent';

/** Someone a party has authorised to act for them (委托代理人). */
export interface PartyAgent {
  name: string;
  /**
   * Special authorisation (特别授权): the agent may admit, waive or change the party's claims (代为承认、放弃、
   * 变更请求), so may confirm an agreement or withdraw for them. Without it (一般授权) the agent may reply, attend
   * and consent to an extension, but not give anything up.
   */
  specialPowers: boolean;
}

export interface Party {
  partyId: string;
  role: PartyRole;
  /** A natural person, or an organisation (a company, a property manager) acting through its representative. */
  kind?: 'person' | 'organisation';
  name: string;
  /** Organisation: its legal representative or principal (法定代表人/负责人), who acts for it. */
  representative?: string;
  agent?: PartyAgent;
  /** The app account acting for this party, once linked; how the domain recognises the party acting. */
  userId?: string;
  /** Whose account `userId` is: the party's own (or its representative's), or its agent's. */
  account?: 'self' | 'agent';
  mobile?: string;
  communityId?: string;
  /** One of several applicants withdrew their own application; the case goes on for the others. */
  withdrawnAt?: IsoInstant;
}

/** Who may refer a case for mediation (诉调/公调/检调/访调对接): the sources that are a referral by an authority. */
export type ReferringSource = Extract<CaseSource, 'court' | 'police' | 'procuratorate' | 'petition_office'>;
export const REFERRING_SOURCES: ReadonlyArray<ReferringSource> = ['court', 'police', 'procuratorate', 'petition_office'];
export const isReferringSource = (source: string): source is ReferringSource => (REFERRING_SOURCES as readonly string[]).includes(source);

/**
 * The referral a court, police station, procuratorate or petition office sent with the case (委派/移送函): who sent
 * it, under which of its own numbers, when, and by when it wants to hear the outcome (回告). The contact's phone
 * number is sealed beside the case, never in it.
 */
export interface ReferralIn {
  /** The referring body, e.g. 某某区人民法院. */
  body: string;
  /** Its reference (案号/编号). */
  reference: string;
  referredOn: IsoDate;
  /** The day it wants the outcome reported back by, when it set one. */
  feedbackDueOn?: IsoDate;
  /** The person there to report back to. */
  contactName: string;
}

/** How the outcome was reported back to the referring body: 邮寄, 当面, 电子. */
export type FeedbackChannel = 'post' | 'in_person' | 'electronic';

/** Staff reported the outcome back to the referring body (回告). */
export interface ReferralFeedback {
  sentOn: IsoDate;
  how: FeedbackChannel;
  at: IsoInstant;
  by: string;
}

/** What was handed to the authority a case was referred out to (移交记录): the receiving person's phone is sealed beside the case. */
export interface HandOver {
  /** The authority's own name, e.g. 某某区劳动人事争议仲裁委员会. */
  body?: string;
  /** Who received it there, when known. */
  receiver?: string;
  handedOverOn: IsoDate;
  /** 材料清单. */
  materials: string[];
}

export type SessionMode = 'on_site' | 'online' | 'back_to_back';

export interface ScheduledSession {
  at: IsoInstant;
  mode: SessionMode;
  roomId?: string;
  /** A party asked for a non-public session (不公开). */
  nonPublic: boolean;
  scheduledBy: string;
}

export interface SessionRecord {
  /** `investigation`: 调查 record; `session`: a mediation session (调解笔录). */
  kind: 'investigation' | 'session';
  heldAt: IsoInstant;
  mode: SessionMode;
  attendeePartyIds: string[];
  summary: string;
  /** Others present besides the parties (relatives, witnesses, a community police officer), by name or role. */
  otherAttendees?: string[];
  /** What happens next (next session, materials to bring, a visit). */
  nextStep?: string;
  nonPublic: boolean;
  recordedBy: string;
}

export interface PerformanceItem extends PerformanceItemSpec {
  doneAt?: IsoInstant;
  doneBy?: string;
}

/** What a return visit while an agreement is performed finds (回访: 履行情况). */
export type PerformanceVisitResult = 'performed' | 'partially_performed' | 'not_performed';
/**
 * What the return visit after a case closed without a performed agreement finds (failed, refused, no reply,
 * withdrawn, terminated, referred): the dispute settled some other way, still going on, or the matter taken up by
 * the court, arbitration body or authority the parties were pointed to.
 */
export type AfterCloseVisitResult = 'settled' | 'ongoing' | 'taken_up';

export interface ReturnVisit {
  at: IsoInstant;
  by: string;
  result: PerformanceVisitResult | AfterCloseVisitResult;
  /** 1 (very dissatisfied) … 5 (very satisfied), when the party gave one. */
  satisfaction?: number;
  notes: string;
}

/** A party's satisfaction with the mediation (满意度评价), given after the return visit or once the case is closed. */
/** The parties' joint application for judicial confirmation (Art. 33), as one of them reported it. */
export interface JudicialApplication {
  /** The day they applied, as the party said. */
  appliedOn: IsoDate;
  /** The party who said so. */
  partyId: string;
  at: IsoInstant;
}

export interface SatisfactionRating {
  partyId: string;
  /** 1 (very dissatisfied) … 5 (very satisfied). */
  score: number;
  comment?: string;
  at: IsoInstant;
}

export type DeadlineKind =
  | 'triage'
  | 'transfer_response'
  | 'designation'
  | 'mediator_assignment'
  | 'respondent_reply'
  | 'mediation'
  | 'performance'
  | 'return_visit';

export interface MissedDeadline {
  kind: DeadlineKind;
  dueAt: IsoInstant;
  ownerOrgId: string;
  ownerUserId?: string;
  /** Performance item, for `performance`. */
  itemId?: string;
  recordedAt: IsoInstant;
}

/** Fields every case has, whatever its status. */
export interface CaseBase {
  caseId: string;
  /** One case, one number (一案一编码), issued at registration. */
  caseNo: string;
  source: CaseSource;
  category: string;
  /** Marriage, adoption or inheritance is at stake although the category says otherwise. */
  involvesPersonalRelations: boolean;
  summary: string;
  facts: TriageFacts;
  parties: Party[];
  /** Both sides applied together (共同申请): the respondent's consent is already given. */
  jointApplication: boolean;
  /** 首问责任单位 and 首问责任人: fixed at registration, never changed. */
  firstInquiry: { orgId: string; personId?: string; at: IsoInstant };
  /** The one organisation answerable for the case right now. */
  responsibleOrgId: string;
  registeredAt: IsoInstant;
  registeredBy: string;
  urgent: boolean;
  triage: TriageResult;
  triageOverride?: TriageOverride;
  /** Times a transfer came back; the second return goes to the lowest common parent. */
  returnCount: number;
  acceptedAt?: IsoInstant;
  /** Rights-and-duties notice (权利义务告知书) owed to the parties from acceptance. */
  rightsNoticeAt?: IsoInstant;
  mediationDueAt?: IsoInstant;
  extensionUsed: boolean;
  mediatorId?: string;
  /** Set while a mediator is needed and none is assigned. */
  mediatorDueAt?: IsoInstant;
  recusedMediatorIds: string[];
  /** Invited expert mediators (特邀调解员) working beside the mediator (absent on cases stored before experts existed). */
  expertIds?: string[];
  /** Experts who withdrew or were objected to (回避): they cannot be added to this case again. */
  recusedExpertIds?: string[];
  /** Respondents who agreed to mediate (Art. 17: no mediation over a clear refusal). */
  consentedPartyIds: string[];
  sessions: SessionRecord[];
  agreement?: Agreement;
  performanceItems?: PerformanceItem[];
  returnVisits: ReturnVisit[];
  /** Each party's own rating, at most one each (absent on cases stored before ratings existed). */
  ratings?: SatisfactionRating[];
  /** Set once a party says the parties applied for judicial confirmation: the reminders stop. */
  judicialApplication?: JudicialApplication;
  missedDeadlines: MissedDeadline[];
  /** Referred by a court, police station, procuratorate or petition office: its referral (absent otherwise). */
  referredIn?: ReferralIn;
  /** Once the outcome was reported back to the referring body. */
  referralFeedback?: ReferralFeedback;
  updatedAt: IsoInstant;
}

export interface PendingTransfer {
  fromOrgId: string;
  toOrgId: string;
  sentAt: IsoInstant;
  dueAt: IsoInstant;
  reason: string;
}

export interface PendingDesignation {
  /** The parent that must decide (指定). */
  designatorOrgId: string;
  /** Who holds the case meanwhile. */
  fromOrgId: string;
  trigger: 'escalation' | 'second_return' | 'transfer_overdue';
  requestedAt: IsoInstant;
  dueAt: IsoInstant;
  reason: string;
}

export interface RegisteredCase extends CaseBase {
  status: 'registered';
  triageDueAt: IsoInstant;
}
export interface TransferringCase extends CaseBase {
  status: 'transferring';
  transfer: PendingTransfer;
}
export interface AwaitingDesignationCase extends CaseBase {
  status: 'awaiting_designation';
  designation: PendingDesignation;
}
export interface AcceptedCase extends CaseBase {
  status: 'accepted';
  acceptedAt: IsoInstant;
  mediationDueAt: IsoInstant;
}
export interface AwaitingConsentCase extends CaseBase {
  status: 'awaiting_consent';
  acceptedAt: IsoInstant;
  mediationDueAt: IsoInstant;
  consent: { invitedAt: IsoInstant; dueAt: IsoInstant; extraTimeUsed: boolean };
}
export interface ScheduledCase extends CaseBase {
  status: 'scheduled';
  acceptedAt: IsoInstant;
  mediationDueAt: IsoInstant;
  nextSession: ScheduledSession;
}
export interface InMediationCase extends CaseBase {
  status: 'in_mediation';
  acceptedAt: IsoInstant;
  mediationDueAt: IsoInstant;
}
export interface AgreementPendingCase extends CaseBase {
  status: 'agreement_pending';
  acceptedAt: IsoInstant;
  mediationDueAt: IsoInstant;
  agreement: WrittenAgreement;
}
export interface PerformingCase extends CaseBase {
  status: 'performing';
  agreement: Agreement;
  performanceItems: PerformanceItem[];
  returnVisitDueAt: IsoInstant;
}
export interface ClosedCase extends CaseBase {
  status: 'closed';
  outcome: Outcome;
  closedAt: IsoInstant;
  closedBy: string;
  closeReason?: string;
  /** For `referred`: the competent authority and the written guidance given (告知/引导). */
  referral?: { authority: ReferralAuthority; guidance: string; handOver?: HandOver };
  /** For `failed`: the other routes explained to the parties. */
  guidance?: string;
  /**
   * The return visit (回访) owed after every case that closed other than resolved (a resolved case was visited
   * before it closed): due a deployment-set time after closing, cleared when the visit is recorded.
   */
  returnVisitDueAt?: IsoInstant;
}

/** A case is plain JSON, stored as one document; its status decides which fields exist. */
export type Case =
  | RegisteredCase
  | TransferringCase
  | AwaitingDesignationCase
  | AcceptedCase
  | AwaitingConsentCase
  | ScheduledCase
  | InMediationCase
  | AgreementPendingCase
  | PerformingCase
  | ClosedCase;

export type OpenCase = Exclude<Case, ClosedCase>;

/** Statuses after acceptance and before the agreement is in force: mediation is under way and its clock runs. */
export type MediatingCase = AcceptedCase | AwaitingConsentCase | ScheduledCase | InMediationCase | AgreementPendingCase;
