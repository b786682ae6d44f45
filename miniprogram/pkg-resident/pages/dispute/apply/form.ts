// The filing wizard's form: its fields, the steps, the checks (the server's FileDisputeInput rules with the
// same Chinese messages) and the payload of `case.file`, typed as the server's own FileDisputeInput. Kept apart
// from the page so tests can use it.
import { FILING_CATEGORIES } from '../../../../generated/labels';
import type { FileDisputeInput } from '../../../../services/types';

/** The categories offered, short names (generated from the server's table). */
export const CATEGORIES = FILING_CATEGORIES;

/** A risk signal the server takes (`riskSignals`). */
export type RiskSignal = NonNullable<FileDisputeInput['riskSignals']>[number];

export const STEPS = ['纠纷类型', '发生了什么', '双方信息', '安全情况', '材料与时间', '确认提交'];
/** The steps' names under the progress circles: short enough for one line in a sixth of the screen, in large text too. */
export const STEP_LABELS = ['类型', '经过', '双方', '安全', '材料', '确认'];

export const RISK_QUESTIONS: Array<{ key: RiskField; signal: RiskSignal; text: string }> = [
  { key: 'riskViolence', signal: 'violence_threat', text: '对方或您是否有动手、威胁伤人的情况？' },
  { key: 'riskSelfHarm', signal: 'self_harm_threat', text: '是否有人说过要伤害自己或轻生？' },
  { key: 'riskCrowd', signal: 'crowd_gathering', text: '是否有多人聚集、可能发生冲突？' },
];

export const EMERGENCY = [
  { number: '110', label: '报警' },
  { number: '120', label: '急救' },
  { number: '12356', label: '心理援助热线' },
];

export const TIME_CHOICES = ['工作日上午', '工作日下午', '工作日晚上', '周末'];

export type RiskField = 'riskViolence' | 'riskSelfHarm' | 'riskCrowd';
export interface Evidence {
  fileId: string;
  path: string;
}

export const FORM = {
  category: '',
  communityId: '',
  summary: '',
  wants: '',
  amountYuan: '',
  applicantName: '',
  applicantMobile: '',
  respondentName: '',
  respondentMobile: '',
  riskViolence: '',
  riskSelfHarm: '',
  riskCrowd: '',
  evidence: [] as Evidence[],
  preferredTimes: [] as string[],
  privacy: false,
  shareWithOtherOrgs: true,
};
export type Form = typeof FORM;
export type Errors = Partial<Record<keyof Form, string>>;

const MOBILE = /^1[3-9]\d{9}$/;
export const MAX_PHOTOS = 9;

/** The server's own rules (FileDisputeInput), checked step by step with the same Chinese messages. */
export function checkStep(step: number, f: Form): Errors {
  const e: Errors = {};
  if (step === 0) {
    if (!f.category) e.category = '请选择纠纷类型';
    if (!f.communityId) e.communityId = '请选择纠纷发生的社区或村';
  }
  if (step === 1) {
    const s = f.summary.trim();
    if (s.length < 5) e.summary = '请至少用五个字说明发生了什么';
    else if (s.length > 2000) e.summary = '情况说明不超过 2000 个字';
    if (f.wants.trim().length > 500) e.wants = '诉求不超过 500 个字';
    const amount = f.amountYuan.trim();
    if (amount && !(Number(amount) >= 0 && Number(amount) <= 1e10)) e.amountYuan = '请填写金额数字，不涉及可不填';
  }
  if (step === 2) {
    if (!f.applicantName.trim()) e.applicantName = '请填写姓名或名称';
    else if (f.applicantName.trim().length > 40) e.applicantName = '姓名或名称不超过 40 个字';
    if (!MOBILE.test(f.applicantMobile.trim())) e.applicantMobile = '请填写 11 位手机号码';
    if (!f.respondentName.trim()) e.respondentName = '请填写姓名或名称';
    else if (f.respondentName.trim().length > 40) e.respondentName = '姓名或名称不超过 40 个字';
    if (f.respondentMobile.trim() && !MOBILE.test(f.respondentMobile.trim())) e.respondentMobile = '请填写 11 位手机号码';
  }
  if (step === 3) {
    for (const q of RISK_QUESTIONS) if (!f[q.key]) e[q.key] = '请选择“是”或“否”';
  }
  if (step === 5 && !f.privacy) e.privacy = '请阅读并同意个人信息处理规则';
  return e;
}

/** Server field paths (zod issue paths) → the wizard's field and the step it is on. */
export const SERVER_FIELD: Record<string, [keyof Form, number]> = {
  category: ['category', 0],
  communityId: ['communityId', 0],
  summary: ['summary', 1],
  wants: ['wants', 1],
  amountYuan: ['amountYuan', 1],
  'applicant.name': ['applicantName', 2],
  'applicant.mobile': ['applicantMobile', 2],
  'respondents.0.name': ['respondentName', 2],
  'respondents.0.mobile': ['respondentMobile', 2],
  'consent.privacy': ['privacy', 5],
};

export function payloadOf(f: Form): FileDisputeInput {
  const amount = f.amountYuan.trim();
  return {
    category: f.category,
    summary: f.summary.trim(),
    wants: f.wants.trim(),
    communityId: f.communityId,
    applicant: { name: f.applicantName.trim(), mobile: f.applicantMobile.trim() },
    respondents: [{ name: f.respondentName.trim(), ...(f.respondentMobile.trim() ? { mobile: f.respondentMobile.trim() } : {}) }],
    ...(amount ? { amountYuan: Number(amount) } : {}),
    riskSignals: RISK_QUESTIONS.filter((q) => f[q.key] === 'yes').map((q) => q.signal),
    preferredTimes: f.preferredTimes,
    evidenceFileIds: f.evidence.map((e) => e.fileId),
    consent: { privacy: true, shareWithOtherOrgs: f.shareWithOtherOrgs },
  };
}
