// 来访登记: window staff register a walk-in or phone visitor's dispute on their behalf (`case.register`), or a
// matter an authority refers (the police, the procuratorate: 公调/检调对接; a court; a petition office), after the
// visitor agreed to their personal information being recorded, and hand them the case number at once (一案一编码).
// The window's organisation becomes the first-inquiry organisation; nobody is turned away. The form collects every
// fact the triage uses: where the parties live, how many people, the amount, the risk as staff judge it, the
// criminal side (what mediation may take, what is for the police), whether an authority already has it, several
// departments, a community committee escalating; and the visitor's explicit choice on sharing (PIPL Art. 23).
import {
  ALREADY_HANDLED_LABEL,
  CRIMINAL_ASPECT_LABEL,
  FILING_CATEGORIES,
  PAPER_ONLY_CATEGORIES,
  RISK_LABEL,
  RISK_SIGNAL_LABEL,
  SOURCE_LABEL,
  STAFF_ROLE_LABEL,
} from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { caseApi, orgApi } from '../../../../services/index';
import type { CaseStepResult, RegisterVisitInput } from '../../../../services/types';
import { formatTime } from '../../../../utils/staff';

type VisitSource = RegisterVisitInput['source'];
type Risk = NonNullable<RegisterVisitInput['risk']>;
type Signal = NonNullable<RegisterVisitInput['riskSignals']>[number];
type Criminal = NonNullable<RegisterVisitInput['criminal']>;
type Handled = NonNullable<RegisterVisitInput['alreadyHandledBy']>;

/** How the matter came to the window (the server's source codes and labels). */
const SOURCES = (['walk_in', 'phone', 'police', 'procuratorate', 'court', 'petition_office'] as const).map((value) => ({ value, label: SOURCE_LABEL[value] }));
const RISKS = (['low', 'medium', 'high'] as const).map((value) => ({ value, label: RISK_LABEL[value] }));
const SIGNALS = (Object.keys(RISK_SIGNAL_LABEL) as Signal[]).map((value) => ({ value, label: RISK_SIGNAL_LABEL[value] }));
const CRIMINAL = [{ value: 'none', label: '不涉及' }, ...(Object.keys(CRIMINAL_ASPECT_LABEL) as Criminal[]).map((value) => ({ value, label: CRIMINAL_ASPECT_LABEL[value] }))];
const HANDLED = [{ value: 'none', label: '没有' }, ...(Object.keys(ALREADY_HANDLED_LABEL) as Handled[]).map((value) => ({ value, label: ALREADY_HANDLED_LABEL[value] }))];
/** Sources under which a minor criminal case may be mediated (公调、检调对接). */
const CRIMINAL_REFERRERS: readonly VisitSource[] = ['police', 'procuratorate'];

const isPaperOnlyCategory = (category: string): boolean => (PAPER_ONLY_CATEGORIES as readonly string[]).includes(category);

interface Form {
  source: VisitSource;
  category: string;
  personalRelations: '' | 'yes' | 'no';
  communityId: string;
  otherCommunityIds: string[];
  summary: string;
  wants: string;
  amountYuan: string;
  peopleInvolved: string;
  applicantName: string;
  applicantMobile: string;
  respondentName: string;
  respondentMobile: string;
  risk: '' | Risk;
  riskSignals: Signal[];
  criminal: 'none' | Criminal;
  handled: 'none' | Handled;
  crossDepartment: boolean;
  escalatedByCommunity: boolean;
  visitorConsent: boolean;
  shareWithOtherOrgs: '' | 'yes' | 'no';
}

/** The form's free-text fields, named by `data-field` on their inputs. */
type TextField = 'summary' | 'wants' | 'amountYuan' | 'peopleInvolved' | 'applicantName' | 'applicantMobile' | 'respondentName' | 'respondentMobile';
/** Fields picked from a list of choices, named by `data-field` on the choice. */
type ChoiceField = 'source' | 'category' | 'personalRelations' | 'communityId' | 'risk' | 'criminal' | 'handled' | 'shareWithOtherOrgs';

const FORM: Form = {
  source: 'walk_in',
  category: '',
  personalRelations: '',
  communityId: '',
  otherCommunityIds: [],
  summary: '',
  wants: '',
  amountYuan: '',
  peopleInvolved: '',
  applicantName: '',
  applicantMobile: '',
  respondentName: '',
  respondentMobile: '',
  risk: '',
  riskSignals: [],
  criminal: 'none',
  handled: 'none',
  crossDepartment: false,
  escalatedByCommunity: false,
  visitorConsent: false,
  // Separate consent (PIPL Art. 23): the visitor says yes or no; nothing is assumed.
  shareWithOtherOrgs: '',
};

/** The values each choice field takes, so a tap can only set what the form knows. */
const CHOICES: Record<ChoiceField, (value: string, communities: ReadonlyArray<{ id: string }>) => boolean> = {
  source: (v) => SOURCES.some((s) => s.value === v),
  category: (v) => FILING_CATEGORIES.some((c) => c.value === v),
  personalRelations: (v) => v === 'yes' || v === 'no',
  communityId: (v, communities) => communities.some((c) => c.id === v),
  risk: (v) => RISKS.some((r) => r.value === v),
  criminal: (v) => CRIMINAL.some((c) => c.value === v),
  handled: (v) => HANDLED.some((h) => h.value === v),
  shareWithOtherOrgs: (v) => v === 'yes' || v === 'no',
};

/** Server field paths → this form's fields, so the server's messages land in place too. */
const SERVER_FIELD: Record<string, keyof Form> = {
  'applicants.0.name': 'applicantName',
  'applicants.0.mobile': 'applicantMobile',
  'respondents.0.name': 'respondentName',
  'respondents.0.mobile': 'respondentMobile',
  involvesPersonalRelations: 'personalRelations',
  alreadyHandledBy: 'handled',
};

function placeServerFields(fields: Record<string, string>): Record<string, string> {
  const inPlace: Record<string, string> = {};
  for (const [path, msg] of Object.entries(fields)) {
    const field = SERVER_FIELD[path] ?? (path in FORM ? path : undefined);
    if (field) inPlace[field] = msg;
  }
  return inPlace;
}

const MOBILE = /^1[3-9]\d{9}$/;

function check(f: Form): Record<string, string> {
  const e: Partial<Record<keyof Form, string>> = {};
  if (!f.category) e.category = '请选择纠纷类型';
  else if (!isPaperOnlyCategory(f.category) && !f.personalRelations) e.personalRelations = '请选择是否涉及婚姻、收养、继承关系';
  if (!f.communityId) e.communityId = '请选择纠纷发生的社区或村';
  if (f.summary.trim().length < 5) e.summary = '请至少用五个字说明发生了什么';
  const amount = f.amountYuan.trim();
  if (amount && !(Number(amount) >= 0 && Number(amount) <= 1e10)) e.amountYuan = '请填写金额数字，不涉及可不填';
  const people = f.peopleInvolved.trim();
  if (people && !(Number.isInteger(Number(people)) && Number(people) >= 2 && Number(people) <= 100000)) e.peopleInvolved = '涉及人数至少为 2 人，不清楚可不填';
  if (!f.applicantName.trim()) e.applicantName = '请填写来访人姓名';
  if (f.applicantMobile.trim() && !MOBILE.test(f.applicantMobile.trim())) e.applicantMobile = '请填写 11 位手机号码';
  if (!f.respondentName.trim()) e.respondentName = '请填写对方当事人姓名或名称';
  if (f.respondentMobile.trim() && !MOBILE.test(f.respondentMobile.trim())) e.respondentMobile = '请填写 11 位手机号码';
  if (!f.risk) e.risk = '请评估风险等级';
  if (!f.visitorConsent) e.visitorConsent = '请先向来访人说明并取得其同意';
  if (!f.shareWithOtherOrgs) e.shareWithOtherOrgs = '请询问来访人是否同意必要时转交其他调解组织办理';
  return e;
}

function inputOf(f: Form, orgId: string, communityLevel: boolean): RegisterVisitInput {
  const amount = f.amountYuan.trim();
  const people = f.peopleInvolved.trim();
  const others = f.otherCommunityIds.filter((id) => id !== f.communityId);
  return {
    source: f.source,
    orgId,
    category: f.category,
    involvesPersonalRelations: !isPaperOnlyCategory(f.category) && f.personalRelations === 'yes',
    communityId: f.communityId,
    summary: f.summary.trim(),
    wants: f.wants.trim(),
    applicants: [{ name: f.applicantName.trim(), ...(f.applicantMobile.trim() ? { mobile: f.applicantMobile.trim() } : {}) }],
    respondents: [{ name: f.respondentName.trim(), ...(f.respondentMobile.trim() ? { mobile: f.respondentMobile.trim() } : {}) }],
    otherCommunityIds: others,
    ...(amount ? { amountYuan: Number(amount) } : {}),
    ...(people ? { peopleInvolved: Number(people) } : {}),
    ...(f.risk ? { risk: f.risk } : {}),
    riskSignals: f.riskSignals,
    ...(f.criminal !== 'none' ? { criminal: f.criminal } : {}),
    ...(f.handled !== 'none' ? { alreadyHandledBy: f.handled } : {}),
    crossDepartment: f.crossDepartment,
    escalatedByCommunity: communityLevel && f.escalatedByCommunity,
    visitorConsent: true,
    shareWithOtherOrgs: f.shareWithOtherOrgs === 'yes',
  };
}

/** The choices derived from the form that WXML cannot compute (it has no `indexOf`). */
function derived(f: Form, communities: ReadonlyArray<{ id: string; name: string }>) {
  return {
    askRelations: !!f.category && !isPaperOnlyCategory(f.category),
    otherCommunities: communities.filter((c) => c.id !== f.communityId).map((c) => ({ ...c, chosen: f.otherCommunityIds.includes(c.id) })),
    signals: SIGNALS.map((s) => ({ ...s, chosen: f.riskSignals.includes(s.value) })),
    /** A minor criminal case not sent by the police or the procuratorate: the triage will suggest the police. */
    criminalNotReferred: f.criminal === 'minor_referred' && !CRIMINAL_REFERRERS.includes(f.source),
  };
}

definePage({
  role: { roles: ['intake', 'director', 'mediator'], name: STAFF_ROLE_LABEL.intake },
  data: {
    categories: FILING_CATEGORIES,
    sources: SOURCES,
    risks: RISKS,
    criminalChoices: CRIMINAL,
    handledChoices: HANDLED,
    communities: [] as Array<{ id: string; name: string }>,
    /** The window belongs to a community committee: it may report a matter upward as it registers it (上报). */
    communityWindow: false,
    form: { ...FORM },
    ...derived(FORM, []),
    done: null as (CaseStepResult & { nextText: string }) | null,
  },
  async load(grant) {
    const dir = await this.runLoad(() => orgApi.directory({}), { isEmpty: () => false });
    if (!dir) return;
    const communities = dir.communities.map((c) => ({ id: c.id, name: `${c.streetName} ${c.name}` }));
    this.setData({
      communities,
      communityWindow: dir.orgs.find((o) => o.id === grant.orgId)?.level === 'community',
      ...derived(this.data.form, communities),
    });
  },
  methods: {
    set<K extends keyof Form>(field: K, value: Form[K]) {
      this.setData({ [`form.${field}`]: value, [`errors.${field}`]: '' });
      this.setData(derived(this.data.form, this.data.communities));
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field?: ChoiceField; value?: string }>) {
      const { field, value } = e.currentTarget.dataset;
      if (!field || value === undefined || !CHOICES[field]?.(value, this.data.communities)) return;
      // Each choice field holds one of the values its CHOICES entry accepts.
      this.set(field, value as Form[typeof field]);
    },
    onToggleCommunity(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const id = e.currentTarget.dataset.value;
      if (!id || !this.data.communities.some((c) => c.id === id)) return;
      const chosen = this.data.form.otherCommunityIds;
      this.set('otherCommunityIds', chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
    },
    onToggleSignal(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const signal = SIGNALS.find((s) => s.value === e.currentTarget.dataset.value)?.value;
      if (!signal) return;
      const chosen = this.data.form.riskSignals;
      this.set('riskSignals', chosen.includes(signal) ? chosen.filter((s) => s !== signal) : [...chosen, signal]);
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: TextField }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.set(field, e.detail.value);
    },
    onCrossDepartment(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.set('crossDepartment', !!e.detail.value);
    },
    onEscalate(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.set('escalatedByCommunity', !!e.detail.value);
    },
    onConsent(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.set('visitorConsent', !!e.detail.value);
    },
    async onSubmit() {
      const { form: f, grant, communityWindow } = this.data;
      if (!grant) return;
      const errors = check(f);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      // One request id per visit (the kit's): a double tap or a retry after a network failure cannot
      // register it twice.
      const d = await this.submit(caseApi.register, inputOf(f, grant.orgId, communityWindow), { reload: false, fields: placeServerFields });
      if (d) this.setData({ done: { ...d, nextText: d.next ? `${d.next.label}：${formatTime(d.next.dueAt)}前` : '' } });
    },
    onAnother() {
      this.setData({ done: null, form: { ...FORM }, errors: {}, ...derived(FORM, this.data.communities) });
    },
  },
});
