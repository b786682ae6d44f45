// Every code a cloud function can answer with, one `as const` table per area, each with the Chinese sentence
// shown when the answer carries no more specific one. `AppError` takes only these codes (and the domain's,
// which pass through unchanged), so a misspelt or renamed code does not compile. `npm run build` writes the
// same tables into miniprogram/generated/errors.ts, where the pages' `res.code` is typed by them.
import { DOMAIN_ERRORS } from '../domain/shared/error-codes';

/** The envelope itself: parsing, identity, validation, concurrency, idempotency. */
export const KERNEL_ERRORS = {
  BAD_REQUEST: '请求有误，请更新小程序后重试',
  UNKNOWN_ACTION: '当前版本不支持此操作，请更新小程序',
  VALIDATION_FAILED: '填写的信息有误，请检查后重试',
  UNAUTHENTICATED: '请在微信中打开后再试',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关记录',
  CONFLICT: '信息已被他人更新，请刷新后重试',
  REQUEST_ID_REQUIRED: '请求缺少编号，请重试',
  REQUEST_ID_REUSED: '重复提交的内容与第一次不一致，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONTENT_REFUSED: '填写的内容含有不宜发送的信息，请修改后再提交',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

/** The `case` function beyond the domain's rules: invitations, contacts, extensions, held text. */
export const CASE_FN_ERRORS = {
  INVITE_INVALID: '邀请码无效，请向调解组织核实',
  INVITE_EXPIRED: '邀请已过期，请联系调解组织重新发送',
  INVITE_USED: '该邀请已被使用',
  INVITE_SHORT_WRONG: '数字邀请码不对，请核对后重新输入。多次输错将暂时不能使用',
  INVITE_SHORT_EXPIRED: '数字邀请码已过期（72 小时内有效），请联系调解组织重新获取，或扫描邀请上的二维码',
  INVITE_PHONE_REQUIRED: '用数字邀请码加入，需要先验证您的手机号',
  INVITE_PHONE_MISMATCH: '您微信绑定的手机号与调解组织登记的不一致，不能用数字邀请码加入。请联系调解组织核实，或请调解组织把邀请卡片发给您',
  PHONE_VERIFY_FAILED: '手机号验证没有成功，请重试',
  INVITE_SHORT_LOCKED: '输错次数过多，数字邀请码暂时不能使用。请稍后再试，或联系调解组织',
  PARTY_ALREADY_JOINED: '该当事人已用微信加入本案，无需再邀请',
  MINI_CODE_FAILED: '小程序码生成失败，请稍后重试，或直接发送邀请卡片',
  PARTY_USES_WECHAT: '该当事人已用微信加入本案，请由其本人在小程序中办理',
  OWN_RECUSAL: '当事人申请您回避：请转告调委会主任，由主任代为记录并另行指派调解员',
  NO_AGENT: '该当事人没有登记委托代理人',
  ALREADY_A_PARTY: '您已是本案的另一方当事人',
  STAFF_CANNOT_JOIN: '办理本案的工作人员不能以当事人身份加入',
  NOT_A_MEDIATOR_HERE: '所选人员不是本调委会的调解员',
  EXPERT_NOT_AVAILABLE: '该专家已停用或尚未用微信加入，暂不能邀请参与调解',
  NO_CONTACT: '该当事人没有留下联系电话',
  EXTENSION_PENDING: '已有延期申请在等待当事人确认',
  NO_EXTENSION_REQUEST: '没有等待您确认的延期申请',
  NOT_UNDER_REVIEW: '该案件没有待审核的内容',
  TEXT_NOT_FOUND: '没有找到这段待审核的内容，请刷新后重试',
} as const;

/** The `agreement` function. */
export const AGREEMENT_FN_ERRORS = {
  NO_AGREEMENT: '本案尚未起草调解协议',
  SCAN_NOT_FOUND: '未找到上传的扫描件，请重新上传',
  SCAN_PATH_NOT_ISSUED: '扫描件须上传到系统为本案该当事人生成的位置，请重新获取上传位置后再上传',
} as const;

/** The `booking` function: rooms, availability, bookings. */
export const BOOKING_FN_ERRORS = {
  SLOT_TAKEN: '该时段已被预约，请选择其他时间',
  BOOKING_NOT_FOUND: '没有找到该预约',
  BOOKING_EXISTS: '本案已有待确认或已确认的调解预约，如需调整请改期或取消',
  BOOKING_NOT_ACTIVE: '该预约已结束，不能再更改',
  BOOKING_NOT_PROPOSED: '该预约无需确认',
  BOOKING_NOT_CONFIRMED: '该预约尚未确认，不能据此记录',
  SESSION_BOOKED: '本案已有预约的调解，请选择该预约记录，或先改期、取消',
  PARTY_REQUIRED: '请选择为哪一方当事人记录确认',
  HOW_REQUIRED: '请选择当事人是当面、电话还是书面确认的',
  ROOM_NOT_FOUND: '没有找到该调解室，请重新选择',
  ROOM_CLOSED: '该调解室在这一时段不开放，请重新选择',
  NO_ROOM: '该时段没有开放的调解室，请选择其他时间或线上调解',
  NOT_A_MEDIATOR: '只有调解员可以设置可预约时间',
} as const;

/** The `org` function: staff invitations and membership. */
export const ORG_FN_ERRORS = {
  INVITE_ALREADY_ISSUED: '该邀请码已生成，请在邀请列表中查看或重新生成',
  CANNOT_REMOVE_SELF: '不能移除自己的身份',
  PERSONAL_DATA_IN_TEXT: '典型案例中不能有当事人的姓名、电话号码或身份证号码',
  TYPICAL_WITHDRAWN: '该典型案例已撤回，不能再修改或撤回',
  EXPERT_MOBILE_REQUIRED: '请填写专家的手机号',
  EXPERT_ROLE_AT_TOP_ONLY: '特邀调解专家只能由区（县）调解中心的主任邀请',
  EXPERT_ALREADY_JOINED: '该专家已用微信加入，无需再邀请',
} as const;

/** The `report` function: registers, documents, officers' reports. */
export const REPORT_FN_ERRORS = {
  DOCUMENT_NOT_AVAILABLE: '本案还没有这份文书',
  NOT_ARCHIVED: '本案还没有电子卷宗（案件结案时立卷）',
  ALREADY_FILED: '本月的排查情况已经报送',
  ALREADY_CONVERTED: '该报告已转为案件',
  SUBSIDY_ALREADY_APPROVED: '该月的补贴已审核通过，不能再更改',
  SUBSIDY_MONTH_OPEN: '该月还没有结束，月底后才能审核补贴',
} as const;

/** Every table, by area; the mini-program's catalogue is generated from this. */
export const ERROR_TABLES = {
  kernel: KERNEL_ERRORS,
  domain: DOMAIN_ERRORS,
  case: CASE_FN_ERRORS,
  agreement: AGREEMENT_FN_ERRORS,
  booking: BOOKING_FN_ERRORS,
  org: ORG_FN_ERRORS,
  report: REPORT_FN_ERRORS,
} as const;

export const ERROR_CATALOGUE = {
  ...KERNEL_ERRORS,
  ...DOMAIN_ERRORS,
  ...CASE_FN_ERRORS,
  ...AGREEMENT_FN_ERRORS,
  ...BOOKING_FN_ERRORS,
  ...ORG_FN_ERRORS,
  ...REPORT_FN_ERRORS,
} as const;

/** A code a cloud function answers with. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;
