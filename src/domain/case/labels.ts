import type { AfterCloseVisitResult, CaseSource, DeadlineKind, FeedbackChannel, Outcome, PartyRole, PerformanceVisitResult, ReturnVisit, SessionMode, SessionRecord, Status } from './model';

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

/** How the outcome was reported back to a referring body (回告方式). */
export const FEEDBACK_CHANNEL_LABEL: Record<FeedbackChannel, string> = {
  post: '邮寄',
  in_person: '当面送达',
  electronic: '电子方式',
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

/** What each way of meeting means for a resident, said beside its name when they choose one. */
export const SESSION_MODE_HINT: Record<SessionMode, string> = {
  on_site: '到调解室',
  online: '视频',
  back_to_back: '双方分开',
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

/**
 * What a party reads for each status: the staff's words (转办, 指定, 被申请人) said plainly. Staff screens keep
 * STATUS_LABEL.
 */
export const PARTY_STATUS_LABEL: Record<Status, string> = {
  registered: '等待受理',
  transferring: '交由其他调委会办理中',
  awaiting_designation: '确定办理单位中',
  accepted: '已受理',
  awaiting_consent: '等待答复是否同意调解',
  scheduled: '已约好调解时间',
  in_mediation: '调解中',
  agreement_pending: '协议待确认',
  performing: '协议履行中',
  closed: '已结案',
};

/**
 * The line an applicant's progress notice carries in the inbox: what just happened and what, if anything, they do
 * now — in their words (no 分流, 转办, 被申请人), and never a name or the dispute's text.
 */
export const PARTY_NOTICE_LINE: Record<Status, string> = {
  registered: '您的申请已登记，调解组织会尽快决定是否受理，您暂时不用做什么',
  transferring: '您的案件正在交给更合适的调解组织办理，不用重新申请',
  awaiting_designation: '正在确定由哪个调解组织办理您的案件，不用重新申请',
  accepted: '您的申请已受理，调解员会联系您；您也可以打开案件预约调解时间',
  awaiting_consent: '已请对方答复是否同意调解，请等待对方答复',
  scheduled: '调解时间已约好，请打开案件查看时间、地点和要带的材料',
  in_mediation: '调解正在进行，请留意调解员的通知',
  agreement_pending: '调解协议已拟好，请打开案件阅读并确认',
  performing: '调解协议已生效，请按约定履行',
  closed: '案件已办结，打开案件可查看办理结果和其他解决途径',
};

/** How a closed case ended, as each side reads it: spoken to, not spoken of (对方/您, not 被申请人/申请人). */
export const PARTY_OUTCOME_LABEL: Record<Outcome, Record<PartyRole, string>> = {
  resolved: { applicant: '调解成功并履行完毕', respondent: '调解成功并履行完毕' },
  failed: { applicant: '调解不成', respondent: '调解不成' },
  respondent_refused: { applicant: '对方不同意调解', respondent: '您不同意调解' },
  no_reply: { applicant: '对方没有在期限内答复', respondent: '您没有在期限内答复是否同意调解' },
  withdrawn: { applicant: '您撤回了申请', respondent: '对方撤回了申请' },
  terminated: { applicant: '一方决定不再调解，调解终止', respondent: '一方决定不再调解，调解终止' },
  referred: { applicant: '不属于人民调解的范围，已告诉您可以去哪里办', respondent: '不属于人民调解的范围，已告知可以去哪里办' },
};

/** The stages a resident follows on the case page's bar, in order (申请 → … → 结案). */
export const CASE_STAGES = ['申请', '受理', '调解', '协议', '履行', '结案'] as const;

/** Where each status stands on that bar (an index into CASE_STAGES). */
export const STAGE_OF_STATUS: Record<Status, number> = {
  registered: 0,
  transferring: 0,
  awaiting_designation: 0,
  accepted: 1,
  awaiting_consent: 1,
  scheduled: 2,
  in_mediation: 2,
  agreement_pending: 3,
  performing: 4,
  closed: 5,
};

/** The next steps a party can be told of (next-step.ts picks one). */
export type PartyStep =
  | 'triage'
  | 'transfer_response'
  | 'designation'
  | 'mediator_assignment'
  | 'respondent_reply'
  | 'extension_consent'
  | 'booking_confirm'
  | 'mediation'
  | 'session'
  | 'agreement_confirm'
  | 'agreement_seal'
  | 'perform'
  | 'receive'
  | 'return_visit'
  | 'rating'
  | 'return_visit_closed'
  | 'closed';

/**
 * The next step of a case as one party reads it (see next-step.ts for which applies). `mine`: the sentence when
 * the reader is the one who must act, and the action that does it; `others`: the sentence while someone else acts.
 * Placeholders: {date} (a day, 5月9日, or a session's day and time), {org} (the organisation acting), {item} (what
 * an agreement item requires).
 */
export const NEXT_STEP_FOR_PARTY: Record<PartyStep, { mine?: string; others: string }> = {
  triage: { others: '{org}将在{date}前决定是否受理' },
  transfer_response: { others: '案件正在转交{org}办理，对方最晚{date}确认是否接手' },
  designation: { others: '上级调解组织将在{date}前确定由哪个调委会办理' },
  mediator_assignment: { others: '{org}将在{date}前安排调解员' },
  respondent_reply: { mine: '请您在{date}前答复是否同意调解', others: '对方正在考虑是否同意调解，最晚{date}答复' },
  extension_consent: { mine: '调解员想延长调解期限，请您答复是否同意', others: '调解员想延长调解期限，正在等对方答复' },
  booking_confirm: { mine: '请您确认调解时间：{date}', others: '调解时间{date}已提出，正在等对方确认' },
  mediation: { others: '调解员将约双方调解，最晚{date}前调解结束' },
  session: { mine: '请您在{date}参加调解', others: '请您在{date}参加调解' },
  agreement_confirm: { mine: '请您在{date}前阅读并确认调解协议', others: '等对方确认调解协议，最晚{date}' },
  agreement_seal: { others: '各方已确认协议，调解员签名、调委会盖章后生效' },
  perform: { mine: '请您在{date}前完成：{item}', others: '对方应在{date}前完成：{item}' },
  receive: { mine: '对方应在{date}前完成：{item}；收到后请告诉我们', others: '对方应在{date}前完成：{item}' },
  return_visit: { others: '调解员将在{date}前回访，了解协议履行情况' },
  rating: { mine: '请您为这次调解服务打分', others: '案件已办结' },
  return_visit_closed: { others: '调解员将在{date}前回访，了解纠纷是否解决' },
  closed: { others: '案件已办结' },
};
