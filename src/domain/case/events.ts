import type { AgreementContent, Confirmation, OralAgreementContent, OralChoice } from '../agreement/content';
import type { ReferralAuthority } from '../config/rules';
import type { RiskLevel, RiskSignal, TriageOverride, TriageResult } from '../triage/facts';
import type { ActorRef } from './context';
import type {
  CaseBase,
  DeadlineKind,
  Outcome,
  PendingDesignation,
  PerformanceItem,
  ReturnVisit,
  JudicialApplication,
  HandOver,
  ReferralFeedback,
  SatisfactionRating,
  ScheduledSession,
  SessionRecord,
} from './model';
import type { IsoDate, IsoInstant } from '../shared/time';

/** Who and when: every event answers both (责任倒查). */
interface EventMeta {
  at: IsoInstant;
  actor: ActorRef;
}

type Registration = Omit<
  CaseBase,
  | 'responsibleOrgId'
  | 'returnCount'
  | 'extensionUsed'
  | 'recusedMediatorIds'
  | 'consentedPartyIds'
  | 'sessions'
  | 'returnVisits'
  | 'missedDeadlines'
  | 'updatedAt'
>;

/** What happened to a case: one audit row each, and the only input of `evolve`. */
export type CaseEvent = EventMeta &
  (
    | { type: 'case_registered'; registration: Registration; triageDueAt: IsoInstant }
    | { type: 'urgent_alert_raised'; toOrgId: string; reasonCodes: string[] }
    | {
        type: 'risk_raised';
        /** The risk now on file, and every signal now on file (the earlier ones included). */
        risk?: RiskLevel;
        riskSignals: RiskSignal[];
        reason: string;
        /** The triage run again on the new facts. */
        triage: TriageResult;
        urgent: boolean;
        /** A registered case that became urgent: the shorter triage deadline. */
        triageDueAt?: IsoInstant;
      }
    | { type: 'personal_relations_marked'; reason: string; voidedConfirmations: string[] }
    | { type: 'case_accepted'; orgId: string; mediationDueAt: IsoInstant; mediatorDueAt: IsoInstant; triageOverride?: TriageOverride }
    | { type: 'case_transferred'; fromOrgId: string; toOrgId: string; dueAt: IsoInstant; reason: string; triageOverride?: TriageOverride }
    | { type: 'transfer_accepted'; orgId: string; mediationDueAt: IsoInstant; mediatorDueAt: IsoInstant }
    | { type: 'transfer_returned'; byOrgId: string; toOrgId: string; reason: string; returnCount: number; triageDueAt: IsoInstant }
    | { type: 'designation_requested'; designation: PendingDesignation; reason: string }
    | {
        type: 'case_designated';
        designatorOrgId: string;
        orgId: string;
        reason: string;
        acceptedAt: IsoInstant;
        mediationDueAt: IsoInstant;
        /** Set when the case changes hands and needs a new mediator. */
        mediatorDueAt?: IsoInstant;
      }
    | { type: 'mediator_assigned'; mediatorId: string; previousMediatorId?: string; reason?: string }
    | { type: 'mediator_recused'; mediatorId: string; partyId: string; reason: string; mediatorDueAt: IsoInstant }
    | { type: 'expert_added'; expertId: string; reason: string }
    | { type: 'expert_removed'; expertId: string; reason: string }
    /** `partyId` absent: the expert withdrew themself. */
    | { type: 'expert_recused'; expertId: string; partyId?: string; reason: string }
    | { type: 'respondent_invited'; respondentPartyIds: string[]; dueAt: IsoInstant }
    /** One of several applicants withdrew; the others go on (the last one's withdrawal closes the case). */
    | { type: 'applicant_withdrew'; partyId: string; reason?: string }
    | { type: 'respondent_replied'; partyId: string; reply: 'agree' | 'refuse' | 'ask_for_time'; reason?: string; dueAt?: IsoInstant }
    | { type: 'session_scheduled'; session: ScheduledSession; reason?: string }
    | { type: 'session_cancelled'; session: ScheduledSession; reason: string }
    | { type: 'session_recorded'; record: SessionRecord }
    | { type: 'agreement_drafted'; version: number; content: AgreementContent; hash: string; paperOnly: boolean }
    | { type: 'agreement_revised'; version: number; content: AgreementContent; hash: string; reason: string; voidedConfirmations: string[] }
    | { type: 'agreement_confirmed'; confirmation: Confirmation }
    | { type: 'agreement_signed'; hash: string; mediatorId: string }
    | { type: 'agreement_sealed'; hash: string; orgId: string }
    | {
        type: 'agreement_took_effect';
        hash: string;
        judicialConfirmationBy: IsoDate;
        performanceItems: PerformanceItem[];
        returnVisitDueAt: IsoInstant;
      }
    | {
        type: 'oral_agreement_recorded';
        content: OralAgreementContent;
        hash: string;
        /** Absent on events recorded before the parties' choice was kept. */
        choice?: OralChoice;
        returnVisitDueAt: IsoInstant;
      }
    | { type: 'performance_item_done'; itemId: string }
    | { type: 'return_visit_recorded'; visit: ReturnVisit; nextReturnVisitDueAt?: IsoInstant }
    | { type: 'service_rated'; rating: SatisfactionRating }
    | { type: 'judicial_application_recorded'; application: JudicialApplication }
    | { type: 'referral_feedback_recorded'; feedback: ReferralFeedback }
    | { type: 'mediation_deadline_extended'; consentingPartyIds: string[]; reason: string; previousDueAt: IsoInstant; newDueAt: IsoInstant }
    | { type: 'deadline_missed'; kind: DeadlineKind; dueAt: IsoInstant; ownerOrgId: string; ownerUserId?: string; itemId?: string }
    | {
        type: 'case_closed';
        outcome: Outcome;
        reason?: string;
        referral?: { authority: ReferralAuthority; guidance: string; handOver?: HandOver };
        guidance?: string;
        byPartyId?: string;
        /** When the return visit after closing falls due (absent for `resolved`, and on events before it existed). */
        returnVisitDueAt?: IsoInstant;
      }
  );

export type EventType = CaseEvent['type'];
export type EventOf<T extends EventType> = Extract<CaseEvent, { type: T }>;
