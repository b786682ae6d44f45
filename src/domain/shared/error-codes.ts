// The codes the mediation rules refuse with, one `as const` table per area, each with the Chinese sentence a
// person reads when the refusal carries no more specific one. `fail(code, message)` takes only these codes,
// so a misspelt or renamed code does not compile; the mini-program ships the same tables (generated into
// miniprogram/generated/errors.ts by `npm run build`).

/** Case lifecycle: intake, routing, mediation, agreement, performance, closing. */
export const CASE_ERRORS = {
  INVALID_TRANSITION: '案件当前状态不能办理此事项',
  UNKNOWN_COMMAND: '不支持的操作',
  SYSTEM_ONLY: '此操作由系统按期限自动执行',
  CASE_CLOSED: '案件已结案，不能再办理',
  CASE_EXISTS: '该案件已登记',
  CASE_NOT_FOUND: '案件不存在',
  CASE_NO_REQUIRED: '案件编号缺失',
  APPLICANT_REQUIRED: '至少需要一名申请人',
  NOT_AN_APPLICANT: '只有申请人可以办理此事项',
  NOT_A_RESPONDENT: '只有被申请人可以答复是否同意调解',
  NOT_THE_PARTY: '只有本案当事人本人可以办理此事项',
  ALREADY_WITHDRAWN: '该申请人已撤回申请',
  AGREEMENT_LISTS_WITHDRAWN: '协议仍列有已撤回申请的当事人，请先修改协议',
  AGENT_POWERS_REQUIRED: '委托代理人没有特别授权，不能代当事人承认、放弃或变更请求',
  REPRESENTATIVE_REQUIRED: '单位当事人须填写法定代表人或负责人',
  AGENT_NAME_REQUIRED: '请填写委托代理人的姓名',
  PARTY_NOT_FOUND: '当事人不属于本案',
  PARTY_ID_INVALID: '当事人编号为空或重复',
  PARTY_NAME_REQUIRED: '请填写每位当事人的姓名或名称',
  MOBILE_INVALID: '手机号码格式不正确',
  NOT_INTAKE_STAFF: '来访、来电和移交案件须由该调解组织的工作人员登记',
  NOT_INFO_OFFICER: '信息员只能向所属调解组织上报纠纷',
  NOT_RESPONSIBLE_ORG: '只有本案调解组织的工作人员可以办理此事项',
  NOT_RECEIVING_ORG: '只有接收转办的调解组织可以签收或退回',
  NOT_DESIGNATOR: '只有负责指定的上级调解组织主任可以指定',
  DIRECTOR_REQUIRED: '此事项须由调委会主任办理',
  ORG_NOT_FOUND: '所选调解组织不存在',
  ORG_OUTSIDE_AREA: '只能指定本单位或下级调解组织',
  NO_PARENT_ORG: '本单位已是最高一级调解组织，无法上报',
  TRANSFER_TO_SELF: '不能转办给本单位',
  CONSENT_REQUIRED: '须先征得当事人同意',
  CONSENT_ALREADY_GIVEN: '双方共同申请调解，无需再征询被申请人',
  OVERRIDE_REASON_REQUIRED: '与分流建议不一致，须由调委会主任填写理由',
  REASON_REQUIRED: '请填写理由',
  REFERRAL_NOT_EXPECTED: '只有法院、公安、检察院或信访部门移交的案件才有移交函信息',
  REFERRAL_REQUIRED: '请填写移交单位、移交编号和移交日期',
  NOT_REFERRED_IN: '本案不是其他机关移交调解的案件，无需回告',
  REFERRAL_FEEDBACK_ALREADY: '本案已记录过回告',
  REFERRAL_FEEDBACK_DATE_INVALID: '回告日期应在结案之后、今天或以前',
  GUIDANCE_REQUIRED: '须写明告知当事人的救济途径和有权机关',
  NOT_OVERDUE: '期限尚未届满',
  DEADLINE_NOT_MISSED: '该期限尚未届满或已不在进行中',
  ALREADY_RECORDED: '该超期情况已记录',
  NO_RESPONDENT: '本案没有被申请人',
  ALREADY_REPLIED: '被申请人已经答复过',
  INVALID_REPLY: '无效的答复',
  EXTRA_TIME_USED: '已延长过一次答复期限',
  NO_MEDIATOR: '本案尚未指派调解员',
  MEDIATOR_REQUIRED: '请先为本案指派调解员',
  MEDIATOR_UNCHANGED: '该调解员已是本案调解员',
  MEDIATOR_RECUSED: '该调解员已因当事人申请回避，不能再承办本案',
  NOT_CASE_MEDIATOR: '只有本案调解员或调委会主任可以办理此事项',
  EXTENSION_ALREADY_USED: '调解期限只能延长一次',
  EXTENSION_NEEDS_ALL_PARTIES: '延长调解期限须经双方当事人同意',
  SESSION_IN_PAST: '调解时间须晚于当前时间',
  SESSION_IN_FUTURE: '不能记录尚未发生的调解',
  SUMMARY_REQUIRED: '请填写情况摘要',
  SATISFACTION_INVALID: '满意度应为1至5分',
  RATING_TOO_EARLY: '回访或结案后才能评价调解工作',
  ALREADY_RATED: '您已评价过本案',
  NO_JUDICIAL_CONFIRMATION: '本案没有生效的书面调解协议，无需申请司法确认',
  JUDICIAL_ALREADY_APPLIED: '本案已记录过司法确认申请',
  JUDICIAL_DATE_INVALID: '申请日期应在协议生效之后、今天或以前',
  RISK_NOT_RAISED: '所选风险等级和情形都不高于本案现有的评估',
  ALREADY_PAPER_ONLY: '本案已按涉及婚姻、收养、继承关系办理，协议须线下签字',
  NOT_COMMUNITY_COMMITTEE: '只有社区（村）调委会登记时可以上报街道（乡镇）',
  NOT_READY_TO_RESOLVE: '协议全部履行完毕并完成回访后才能以调解成功结案',
  NOT_AWAITING_REPLY: '只有正在等待被申请人答复的案件才能以“被申请人逾期未答复”结案',
  REPLY_PERIOD_RUNNING: '被申请人答复期限尚未届满',
} as const;

/** The mediation agreement (调解协议书): drafting, confirming, signing, sealing, performance. */
export const AGREEMENT_ERRORS = {
  AGREEMENT_INVALID: '调解协议内容不完整，请检查后重试',
  AGREEMENT_UNCHANGED: '协议内容没有变化',
  AGREEMENT_VERSION_CHANGED: '协议内容已修改，请查看最新版本后再操作',
  ALREADY_CONFIRMED: '您已确认过',
  ALREADY_SIGNED: '已签署该版本协议',
  SEAL_TOO_EARLY: '尚有当事人未确认协议',
  PAPER_SIGNATURE_REQUIRED: '涉及婚姻、收养、继承等人身关系的协议不能在线确认，请到调解组织签字，由工作人员上传签字件',
  SCAN_REQUIRED: '请上传当事人签字的协议扫描件',
  PAPER_NOT_ALLOWED: '本协议须由当事人本人在线确认，不能以签字件代替',
  ITEM_NOT_FOUND: '履行事项不存在',
  ITEM_ALREADY_DONE: '该事项已确认履行',
  NOT_OBLIGEE: '只有权利人本人或本案调解员可以确认履行',
  NO_VISIT_DUE: '本案没有待办的回访',
  VISIT_RESULT_INVALID: '回访结果与案件情况不符',
  ORAL_NOT_ALLOWED: '协议有需要履行的民事权利义务内容，依法应当制作书面调解协议书，请起草调解协议',
  ORAL_CHOICE_REQUIRED: '须各方当事人均表示无需制作调解协议书，才能记录口头协议',
} as const;

/** Opening hours, availability and slots. */
export const BOOKING_RULE_ERRORS = {
  INVALID_HOURS: '时间设置有误，请检查后重试',
  HOURS_OVERLAP: '时段有重叠',
  SLOT_TOO_SOON: '该时段太近，请选择稍后的时段',
  SLOT_TOO_FAR: '该时段太远，请选择近期的时段',
  SLOT_NOT_OPEN: '该时段不在可预约的时间内，请重新选择',
} as const;

/** A deployment's configuration (rules, holidays). */
export const CONFIG_ERRORS = {
  CONFIG_INVALID: '调解规则配置有误',
} as const;

export const DOMAIN_ERRORS = { ...CASE_ERRORS, ...AGREEMENT_ERRORS, ...BOOKING_RULE_ERRORS, ...CONFIG_ERRORS } as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;
