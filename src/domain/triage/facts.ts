import type { OrgLevel } from '../org/tree';
import type { ReferralAuthority } from '../config/rules';

export type RiskLevel = 'low' | 'medium' | 'high';

/** Signals that make a dispute high-risk whatever the risk level someone typed (暴力、自伤、聚集). */
export type RiskSignal = 'violence_threat' | 'self_harm_threat' | 'crowd_gathering';

/** What is known about a dispute when it is triaged; anything may be missing. */
export interface TriageFacts {
  category?: string;
  /** Community (社区/村) where the dispute arose. */
  communityId?: string;
  /** Communities where the parties live. */
  partyCommunityIds?: string[];
  amountYuan?: number;
  peopleInvolved?: number;
  risk?: RiskLevel;
  riskSignals?: RiskSignal[];
  /** Involves several government departments (跨部门). */
  crossDepartment?: boolean;
  /** The community committee reports it upward (上报). */
  escalatedByCommunity?: boolean;
  /** A criminal matter (涉嫌犯罪). */
  criminal?: boolean;
  /** Already accepted or decided by a court, arbitration body or administrative authority. */
  alreadyHandledBy?: 'court' | 'arbitration' | 'administrative';
  /** The organisation the request reached first; keeps the case when the facts are too thin to route. */
  receivedByOrgId?: string;
}

export interface TriageReason {
  code: string;
  text: string;
}

export interface TriageResult {
  orgId: string;
  level: OrgLevel;
  specialised: boolean;
  urgent: boolean;
  /** Not for mediation: refer with written guidance; `orgId` is then the organisation that does the referral. */
  referOut?: { authority: ReferralAuthority; guidance: string };
  /** Facts that were missing and should be completed; the result is provisional while any are. */
  missing: Array<'category' | 'communityId' | 'amountYuan' | 'peopleInvolved' | 'risk'>;
  /** Shown to the resident when urgent. */
  emergencyNumbers: Array<{ label: string; number: string }>;
  reasons: TriageReason[];
}

/** A director's decision against the suggestion, with the written reason the brief requires. */
export interface TriageOverride {
  suggestedOrgId: string;
  chosenOrgId: string;
  reason: string;
  by: string;
  at: string;
}
