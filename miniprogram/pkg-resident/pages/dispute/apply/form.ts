// The filing wizard's form: its fields, the steps, the checks (the server's FileDisputeInput rules with the
// same Chinese messages) and the payload of `case.file`, typed as the server's own FileDisputeInput. Kept apart
// from the page so tests can use it.
import { FILING_CATEGORIES, PAPER_ONLY_CATEGORIES, PEOPLE_THRESHOLDS } from '../../../../generated/labels';
import { SHIPPED_CATEGORIES, type OfferedCategory } from '../../../../utils/filing-categories';
import type { FileDisputeInput } from '../../../../services/types';

export { categoryChoices, guidanceFor } from '../../../../utils/filing-categories';

/** The categories offered, short names: the shipped list (generated from the server's table) until the directory loads. */
export const CATEGORIES: ReadonlyArray<{ value: string; label: string }> = FILING_CATEGORIES;

/** A risk signal the server takes (`riskSignals`). */
export type RiskSignal = NonNullable<FileDisputeInput['riskSignals']>[number];

export const STEPS = ['纠纷类型', '发生了什么', '双方信息', '涉及范围', '安全情况', '材料与时间', '确认提交'];
/** The steps' names under the progress circles: short enough for one line in a seventh of the screen, in large text too. */
export const STEP_LABELS = ['类型', '经过', '双方', '范围', '安全', '材料', '确认'];

/** The deployment's rules the wizard needs (`org.directory`'s `filing`); the shipped defaults until it has loaded. */
export interface FilingRules {
  paperOnlyCategories: readonly string[];
  peopleThresholds: { street: number; group: number };
  /** The categories to offer, in order (the deployment's own included, the ones it hides left out). */
  categories: readonly OfferedCategory[];
}
export const SHIPPED_FILING: FilingRules = {
  paperOnlyCategories: PAPER_ONLY_CATEGORIES,
  peopleThresholds: PEOPLE_THRESHOLDS,
  categories: SHIPPED_CATEGORIES,
};

/** Whether the category alone makes the agreement paper-only (then the personal-relations question is not asked). */
export const isPaperOnlyCategory = (category: string, rules: FilingRules = SHIPPED_FILING): boolean => rules.paperOnlyCategories.includes(category);

/**
 * 涉及几个人: plain ranges, each sent as the head count it starts at (a lower bound, never more than the resident
 * said), cut where the triage's thresholds are.
 */
export function peopleChoices(rules: FilingRules = SHIPPED_FILING): Array<{ value: PeopleChoice; label: string; count?: number }> {
  const { street, group } = rules.peopleThresholds;
  return [
    { value: 'few', label: `${street - 1} 人以内`, count: 2 },
    { value: 'some', label: `${street}–${group - 1} 人`, count: street },
    { value: 'many', label: `${group} 人及以上`, count: group },
    { value: 'unknown', label: '说不清' },
  ];
}
export const PEOPLE_CHOICES = peopleChoices();
export type PeopleChoice = 'few' | 'some' | 'many' | 'unknown';

/** 对方住在哪里. */
export const OTHER_SIDE_CHOICES: Array<{ value: OtherSide; label: string }> = [
  { value: 'same', label: '和纠纷发生地同一个社区（村）' },
  { value: 'other', label: '别的社区（村）' },
  { value: 'unknown', label: '不清楚' },
];
export type OtherSide = 'same' | 'other' | 'unknown';

/** 是否已有法院、仲裁或政府部门受理或处理过. */
export const HANDLED_CHOICES: Array<{ value: Handled; label: string }> = [
  { value: 'none', label: '没有' },
  { value: 'court', label: '法院' },
  { value: 'arbitration', label: '仲裁机构' },
  { value: 'administrative', label: '政府部门' },
];
export type Handled = 'none' | 'court' | 'arbitration' | 'administrative';

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

/** Another party beside the two the step starts with: a neighbour applying too, or another person or organisation on the other side. */
export interface ExtraParty {
  name: string;
  mobile: string;
  kind: 'person' | 'organisation';
  /** An organisation's legal representative or principal (负责人). */
  representative: string;
}
export const EXTRA_PARTY: ExtraParty = { name: '', mobile: '', kind: 'person', representative: '' };
/** Up to ten on each side from the phone; a larger group is registered at the window, with representatives. */
export const MAX_EXTRA = 9;
export type PartyList = 'coApplicants' | 'moreRespondents';

export const FORM = {
  category: '',
  /** 是否涉及婚姻、收养、继承关系 (asked unless the category already says so). */
  personalRelations: '' as '' | 'yes' | 'no',
  communityId: '',
  summary: '',
  wants: '',
  amountYuan: '',
  applicantName: '',
  applicantMobile: '',
  respondentName: '',
  respondentMobile: '',
  /** 对方是个人还是单位 (a company, a property manager): a unit names its 负责人. */
  respondentKind: 'person' as 'person' | 'organisation',
  respondentRep: '',
  /** Others applying together with the resident (neighbours of the same building, co-heirs). */
  coApplicants: [] as ExtraParty[],
  /** Further parties on the other side. */
  moreRespondents: [] as ExtraParty[],
  people: '' as '' | PeopleChoice,
  otherSide: '' as '' | OtherSide,
  otherCommunityId: '',
  handled: '' as '' | Handled,
  riskViolence: '',
  riskSelfHarm: '',
  riskCrowd: '',
  evidence: [] as Evidence[],
  preferredTimes: [] as string[],
  privacy: false,
  /** Separate consent (PIPL Art. 23): nothing chosen until the resident chooses. */
  shareWithOtherOrgs: '' as '' | 'yes' | 'no',
};
export type Form = typeof FORM;
export type Errors = Partial<Record<keyof Form, string>>;

const MOBILE = /^1[3-9]\d{9}$/;
export const MAX_PHOTOS = 9;

/** The first problem in a list of extra parties, saying which one (第2位…), or undefined. */
function extraProblem(list: ExtraParty[], who: string, firstNumber = 1): string | undefined {
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const at = `第${i + firstNumber}位${who}`;
    if (!p.name.trim()) return `${at}：请填写姓名或名称`;
    if (p.name.trim().length > 40) return `${at}：姓名或名称不超过 40 个字`;
    if (p.mobile.trim() && !MOBILE.test(p.mobile.trim())) return `${at}：请填写 11 位手机号码`;
    if (p.kind === 'organisation' && !p.representative.trim()) return `${at}：请填写单位负责人的姓名`;
  }
  return undefined;
}

/** The server's own rules (FileDisputeInput), checked step by step with the same Chinese messages. */
export function checkStep(step: number, f: Form, rules: FilingRules = SHIPPED_FILING): Errors {
  const e: Errors = {};
  if (step === 0) {
    if (!f.category) e.category = '请选择纠纷类型';
    else if (!isPaperOnlyCategory(f.category, rules) && !f.personalRelations) e.personalRelations = '请选择“是”或“否”';
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
    if (f.respondentKind === 'organisation' && !f.respondentRep.trim()) e.respondentRep = '请填写单位负责人的姓名';
    const co = extraProblem(f.coApplicants, '一起申请的人');
    if (co) e.coApplicants = co;
    const more = extraProblem(f.moreRespondents, '对方当事人', 2);
    if (more) e.moreRespondents = more;
  }
  if (step === 3) {
    if (!f.people) e.people = '请选择一项，说不清也可以';
    if (!f.otherSide) e.otherSide = '请选择一项，不清楚也可以';
    else if (f.otherSide === 'other' && !f.otherCommunityId) e.otherCommunityId = '请选择对方所在的社区或村';
    if (!f.handled) e.handled = '请选择一项';
  }
  if (step === 4) {
    for (const q of RISK_QUESTIONS) if (!f[q.key]) e[q.key] = '请选择“是”或“否”';
  }
  if (step === 6) {
    if (!f.privacy) e.privacy = '请阅读并同意个人信息处理规则';
    if (f.shareWithOtherOrgs !== 'yes' && f.shareWithOtherOrgs !== 'no') e.shareWithOtherOrgs = '请选择是否同意必要时转交其他调解组织办理';
  }
  return e;
}

/** Server field paths (zod issue paths) → the wizard's field and the step it is on. */
export const SERVER_FIELD: Record<string, [keyof Form, number]> = {
  category: ['category', 0],
  involvesPersonalRelations: ['personalRelations', 0],
  communityId: ['communityId', 0],
  summary: ['summary', 1],
  wants: ['wants', 1],
  amountYuan: ['amountYuan', 1],
  'applicant.name': ['applicantName', 2],
  'applicant.mobile': ['applicantMobile', 2],
  'respondents.0.name': ['respondentName', 2],
  'respondents.0.mobile': ['respondentMobile', 2],
  'respondents.0.representative': ['respondentRep', 2],
  otherApplicants: ['coApplicants', 2],
  respondents: ['moreRespondents', 2],
  peopleInvolved: ['people', 3],
  otherCommunityIds: ['otherCommunityId', 3],
  alreadyHandledBy: ['handled', 3],
  'consent.privacy': ['privacy', 6],
  'consent.shareWithOtherOrgs': ['shareWithOtherOrgs', 6],
};

/** Where a server field path lands: the table above, else the list of extra parties it is about. */
export function serverFieldOf(path: string): [keyof Form, number] | undefined {
  if (SERVER_FIELD[path]) return SERVER_FIELD[path];
  if (path.startsWith('otherApplicants.')) return ['coApplicants', 2];
  if (/^respondents\.[1-9]/.test(path)) return ['moreRespondents', 2];
  return undefined;
}

const partyOf = (p: ExtraParty) => ({
  kind: p.kind,
  name: p.name.trim(),
  ...(p.mobile.trim() ? { mobile: p.mobile.trim() } : {}),
  ...(p.kind === 'organisation' ? { representative: p.representative.trim() } : {}),
});

export function payloadOf(f: Form, rules: FilingRules = SHIPPED_FILING): FileDisputeInput {
  const amount = f.amountYuan.trim();
  const people = peopleChoices(rules).find((c) => c.value === f.people)?.count;
  const handled = f.handled && f.handled !== 'none' ? f.handled : undefined;
  return {
    category: f.category,
    involvesPersonalRelations: !isPaperOnlyCategory(f.category, rules) && f.personalRelations === 'yes',
    summary: f.summary.trim(),
    wants: f.wants.trim(),
    communityId: f.communityId,
    applicant: { name: f.applicantName.trim(), mobile: f.applicantMobile.trim() },
    otherApplicants: f.coApplicants.map(partyOf),
    respondents: [
      partyOf({ name: f.respondentName, mobile: f.respondentMobile, kind: f.respondentKind, representative: f.respondentRep }),
      ...f.moreRespondents.map(partyOf),
    ],
    ...(amount ? { amountYuan: Number(amount) } : {}),
    otherCommunityIds: f.otherSide === 'other' && f.otherCommunityId ? [f.otherCommunityId] : [],
    ...(people !== undefined ? { peopleInvolved: people } : {}),
    ...(handled ? { alreadyHandledBy: handled } : {}),
    riskSignals: RISK_QUESTIONS.filter((q) => f[q.key] === 'yes').map((q) => q.signal),
    preferredTimes: f.preferredTimes,
    evidenceFileIds: f.evidence.map((e) => e.fileId),
    consent: { privacy: true, shareWithOtherOrgs: f.shareWithOtherOrgs === 'yes' },
  };
}
