import type { AgreementContent, OralAgreementContent } from '../agreement/content';
import type { ReferralAuthority } from '../config/rules';
import type { RiskSignal, TriageFacts } from '../triage/facts';
import type { CaseSource, DeadlineKind, FeedbackChannel, HandOver, Party, ReferralIn, ReturnVisit, SessionMode, SessionRecord } from './model';
import type { IsoDate, IsoInstant } from '../shared/time';

/** Every command a case accepts, one variant per action; `type` is the discriminant. */
export type CaseCommand =
  | {
      type: 'register';
      caseId: string;
      caseNo: string;
      source: CaseSource;
      /** The organisation the request reached first: the one the resident picked, the community's, the staff's window. */
      firstInquiryOrgId: string;
      category: string;
      involvesPersonalRelations?: boolean;
      summary: string;
      parties: Party[];
      jointApplication?: boolean;
      /** `referredBy` is not given: the domain takes it from `source`. */
      facts: Omit<TriageFacts, 'category' | 'receivedByOrgId' | 'referredBy'>;
      /** The referral letter's particulars, for a case a court, police, procuratorate or petition office referred. */
      referredIn?: ReferralIn;
    }
  | { type: 'accept'; overrideReason?: string }
  | { type: 'transfer'; toOrgId: string; reason: string; consentToShare: boolean; overrideReason?: string }
  | { type: 'accept_transfer' }
  | { type: 'return_transfer'; reason: string }
  | { type: 'escalate'; reason: string }
  /**
   * `consentToShare`: the parties agreed that their details may go to another organisation (as for a transfer);
   * without it a designation may only hand the case back to the organisation already holding it.
   */
  | { type: 'designate'; orgId: string; reason: string; consentToShare: boolean }
  | { type: 'escalate_overdue_transfer' }
  | { type: 'refer_out'; authority: ReferralAuthority; guidance: string; reason: string; handOver?: HandOver }
  /** Staff reported a referred case's outcome back to the body that referred it (回告). */
  | { type: 'record_referral_feedback'; sentOn: IsoDate; how: FeedbackChannel }
  /** Staff raise the risk found after intake (Art. 25: prevent escalation); never lowers it. */
  | { type: 'raise_risk'; risk?: 'medium' | 'high'; riskSignals: RiskSignal[]; reason: string }
  /** Staff record that marriage, adoption or inheritance turned out to be at stake: paper signing only. */
  | { type: 'mark_personal_relations'; reason: string }
  | { type: 'assign_mediator'; mediatorId: string; reason?: string }
  | { type: 'recuse_mediator'; partyId: string; reason: string }
  /** A director adds an expert of the district's pool to the case as co-mediator (特邀调解员), with a reason. */
  | { type: 'add_expert'; expertId: string; reason: string }
  | { type: 'remove_expert'; expertId: string; reason: string }
  /** An expert withdraws (`partyId` absent: the expert themself), or a party objects to them (回避). */
  | { type: 'recuse_expert'; expertId: string; partyId?: string; reason: string }
  | { type: 'invite_respondent' }
  | { type: 'respondent_reply'; partyId: string; reply: 'agree' | 'refuse' | 'ask_for_time'; reason?: string }
  | {
      type: 'schedule_session';
      at: IsoInstant;
      mode: SessionMode;
      roomId?: string;
      nonPublic?: boolean;
      reason?: string;
      /** Parties who confirmed this time; when every party has, a party may fix it (a booking both sides confirmed). */
      confirmedByPartyIds?: string[];
    }
  | { type: 'cancel_session'; reason: string }
  | { type: 'record_session'; record: Omit<SessionRecord, 'recordedBy'> }
  | { type: 'draft_agreement'; content: AgreementContent }
  | { type: 'revise_agreement'; content: AgreementContent; reason: string }
  | { type: 'confirm_agreement'; partyId: string; hash: string; method: 'electronic' | 'paper'; scanFileId?: string }
  | { type: 'sign_agreement'; hash: string }
  | { type: 'seal_agreement'; hash: string }
  | {
      type: 'record_oral_agreement';
      content: OralAgreementContent;
      /** The parties said they need no written agreement (Art. 28); the mediator records who said so. */
      partiesChoseOral: true;
      statedByPartyIds: string[];
    }
  | { type: 'mark_item_done'; itemId: string }
  | { type: 'record_return_visit'; visit: Omit<ReturnVisit, 'at' | 'by'> }
  | { type: 'rate_service'; partyId: string; score: number; comment?: string }
  /** A party says the parties applied to the court for judicial confirmation (Art. 33), and on which day. */
  | { type: 'record_judicial_application'; partyId: string; appliedOn: IsoDate }
  | { type: 'extend_deadline'; consentingPartyIds: string[]; reason: string }
  | { type: 'withdraw'; partyId: string; reason?: string }
  | { type: 'terminate'; partyId: string; reason?: string }
  /** `no_reply`: the respondent never answered the invitation and the reply period is over (staff close it). */
  | { type: 'close'; outcome: 'resolved' | 'failed' | 'no_reply'; reason: string; guidance?: string }
  | { type: 'record_deadline_missed'; kind: DeadlineKind; dueAt: IsoInstant; itemId?: string };

export type CommandType = CaseCommand['type'];
export type CommandOf<T extends CommandType> = Extract<CaseCommand, { type: T }>;

/** Chinese names of the actions, used in error messages. */
export const COMMAND_LABEL: Record<CommandType, string> = {
  register: '登记',
  accept: '受理',
  transfer: '转办',
  accept_transfer: '签收转办',
  return_transfer: '退回转办',
  escalate: '上报',
  designate: '指定管辖',
  escalate_overdue_transfer: '超期转办提级',
  refer_out: '告知引导',
  record_referral_feedback: '记录回告',
  raise_risk: '提高风险等级',
  mark_personal_relations: '标记涉及人身关系',
  assign_mediator: '指派调解员',
  recuse_mediator: '申请回避',
  add_expert: '邀请专家参与调解',
  remove_expert: '撤回特邀专家',
  recuse_expert: '专家回避',
  invite_respondent: '征询被申请人意见',
  respondent_reply: '被申请人答复',
  schedule_session: '预约调解',
  cancel_session: '取消调解预约',
  record_session: '记录调查或调解',
  draft_agreement: '起草调解协议',
  revise_agreement: '修改调解协议',
  confirm_agreement: '确认调解协议',
  sign_agreement: '调解员签名',
  seal_agreement: '加盖印章',
  record_oral_agreement: '记录口头协议',
  mark_item_done: '确认履行',
  record_return_visit: '回访',
  rate_service: '满意度评价',
  record_judicial_application: '已申请司法确认',
  extend_deadline: '延长调解期限',
  withdraw: '撤回申请',
  terminate: '终止调解',
  close: '结案',
  record_deadline_missed: '记录超期',
};
