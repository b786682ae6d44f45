import type { OrgLevel } from '../org/tree';
import type { ReferralAuthority } from '../config/rules';

export type RiskLevel = 'low' | 'medium' | 'high';

/** Signals that make a dispute high-risk whatever the risk level someone typed (暴力、自伤、聚集). */
export type RiskSignal = 'violence_threat' | 'self_harm_threat' | 'crowd_gathering';

/**
 * The criminal side of a matter (涉刑). Mediation may take a private prosecution (刑事自诉), the civil part of a
 * criminal case (刑事附带民事), and a minor case the police or the procuratorate refers for mediation (公调、检调对接,
 * seed 004); any other suspected crime is for the police.
 */
export type CriminalAspect = 'private_prosecution' | 'incidental_civil' | 'minor_referred' | 'suspected';

/** An authority that refers matters for mediation (委派、移送). */
export type Referrer = 'court' | 'police' | 'procuratorate' | 'petition_office';

export type AlreadyHandledBy = 'court' | 'arbitration' | 'administrative';

export const RISK_SIGNAL_LABEL: Record<RiskSignal, string> = {
  violence_threat: '有动手或威胁伤人的情况',
  self_harm_threat: '有人说过要伤害自己或轻生',
  crowd_gathering: '有多人聚集、可能发生冲突',
};

export const CRIMINAL_ASPECT_LABEL: Record<CriminalAspect, string> = {
  private_prosecution: '刑事自诉案件',
  incidental_civil: '刑事附带民事部分',
  minor_referred: '公安或检察机关移送的轻微刑事案件',
  suspected: '涉嫌其他违法犯罪',
};

export const ALREADY_HANDLED_LABEL: Record<AlreadyHandledBy, string> = {
  court: '法院已受理或判决',
  arbitration: '仲裁机构已受理或裁决',
  administrative: '行政机关已受理或处理',
};

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
  /** The matter's criminal side, when it has one (涉刑): decides whether mediation may take it. */
  criminal?: CriminalAspect;
  /** Who referred the matter for mediation (诉调、公调、检调、访调对接); set from the case's source. */
  referredBy?: Referrer;
  /** Already accepted or decided by a court, arbitration body or administrative authority. */
  alreadyHandledBy?: AlreadyHandledBy;
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
