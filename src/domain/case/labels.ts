import type { AfterCloseVisitResult, CaseSource, DeadlineKind, Outcome, PartyRole, PerformanceVisitResult, ReturnVisit, SessionMode, SessionRecord, Status } from './model';

/** What residents and staff see for each status; a new status does not compile until it has a label. */
export const STATUS_LABEL: Record<Status, string> = {
  registered: '已登记',
  transferring: '转办中',
  awaiting_designation: '待上级指定',
  accepted: '已受理',
  awaiting_consent: '待被申请人同意',
  scheduled: '已预约调解',
  in_mediation: '调解中',
  agreement_pending: '协议待确认',
  performing: '协议履行中',
  closed: '已结案',
};

export const OUTCOME_LABEL: Record<Outcome, string> = {
  resolved: '调解成功并履行完毕',
  failed: '调解不成',
  respondent_refused: '被申请人不同意调解',
  no_reply: '被申请人逾期未答复',
  withdrawn: '申请人撤回',
  terminated: '当事人终止调解',
  referred: '不属于调解范围，已告知引导',
};

export const SOURCE_LABEL: Record<CaseSource, string> = {
  resident: '群众自行申请',
  walk_in: '来访登记',
  phone: '来电登记',
  info_officer: '信息员上报',
  court: '法院委派',
  police: '公安移交',
  procuratorate: '检察院移送',
  petition_office: '信访转来',
};

export const DEADLINE_LABEL: Record<DeadlineKind, string> = {
  triage: '分流处理（受理、转办或告知）',
  transfer_response: '签收或退回转办',
  designation: '上级指定管辖',
  mediator_assignment: '指派调解员',
  respondent_reply: '被申请人答复是否同意调解',
  mediation: '调解办结',
  performance: '协议履行',
  return_visit: '回访',
};

export const SESSION_MODE_LABEL: Record<SessionMode, string> = {
  on_site: '现场调解',
  online: '线上调解',
  back_to_back: '背靠背调解',
};

export const PARTY_ROLE_LABEL: Record<PartyRole, string> = {
  applicant: '申请人',
  respondent: '被申请人',
};

/** The ways of meeting, in the order a person is offered them. */
export const SESSION_MODES: readonly SessionMode[] = ['on_site', 'online', 'back_to_back'];

/** A record of the case's work: an investigation (调查) or a mediation session (调解). */
export const RECORD_KIND_LABEL: Record<SessionRecord['kind'], string> = {
  session: '调解',
  investigation: '调查',
};

/** What a return visit found (回访). */
export const RETURN_VISIT_RESULT_LABEL: Record<ReturnVisit['result'], string> = {
  performed: '已履行',
  partially_performed: '部分履行',
  not_performed: '未履行',
  settled: '纠纷已化解',
  ongoing: '纠纷仍未解决',
  taken_up: '已由有关机关受理',
};

/** The findings a visit can record while an agreement is performed, in the order they are offered. */
export const PERFORMANCE_VISIT_RESULTS: readonly PerformanceVisitResult[] = ['performed', 'partially_performed', 'not_performed'];
/** The findings of the visit after a case closed without a performed agreement, in the order they are offered. */
export const AFTER_CLOSE_VISIT_RESULTS: readonly AfterCloseVisitResult[] = ['settled', 'ongoing', 'taken_up'];
