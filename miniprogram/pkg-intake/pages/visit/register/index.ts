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
import { categoryChoices } from '../../../../utils/filing-categories';
import { STAFF_NOTICES, askToSubscribe, caseApi, orgApi } from '../../../../services/index';
import type { CaseStepResult, RegisterVisitInput } from '../../../../services/types';
import { formatTime } from '../../../../utils/format';

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
/** Sources that are a referral by an authority (诉调/公调/检调/访调对接): the referral letter's particulars are asked. */
const REFERRING: readonly VisitSource[] = ['court', 'police', 'procuratorate', 'petition_office'];
/** Sources under which a minor criminal case may be mediated (公调、检调对接). */
const CRIMINAL_REFERRERS: readonly VisitSource[] = ['police', 'procuratorate'];

/** Whether the category alone makes the agreement paper-only, under this deployment's list (`org.directory`'s `filing`). */
const isPaperOnlyCategory = (category: string, paperOnly: readonly string[]): boolean => paperOnly.includes(category);

/** One party as the window records it: a person or an organisation (with its person in charge), and an agent if any. */
interface PartyForm {
  kind: 'person' | 'organisation';
  name: string;
  mobile: string;
  representative: string;
  /** 委托代理人 (empty: none). */
  agentName: string;
  /** 特别授权: the agent may admit, waive or change claims (and so confirm an agreement or withdraw). */
  agentSpecial: boolean;
}
type Side = 'applicants' | 'respondents';
type PartyText = 'name' | 'mobile' | 'representative' | 'agentName';
const PARTY: PartyForm = { kind: 'person', name: '', mobile: '', representative: '', agentName: '', agentSpecial: false };
/** As the server allows on each side; a larger group chooses representatives (代表人). */
const MAX_PER_SIDE = 30;
const SIDE_LABEL: Record<Side, string> = { applicants: '申请人', respondents: '对方当事人' };

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
  /** The first applicant is the visitor (or the one they speak for). */
  applicants: PartyForm[];
  respondents: PartyForm[];
  risk: '' | Risk;
  riskSignals: Signal[];
  criminal: 'none' | Criminal;
  handled: 'none' | Handled;
  crossDepartment: boolean;
  escalatedByCommunity: boolean;
  /** 共同申请: both sides came and apply together, so the respondents' consent is already given. */
  jointApplication: boolean;
  visitorConsent: boolean;
  shareWithOtherOrgs: '' | 'yes' | 'no';
  /** The referral letter (移交函), for a court, police, procuratorate or petition-office source. */
  referralBody: string;
  referralReference: string;
  referralReferredOn: string;
  /** The day the referring body wants the outcome reported back by (回告期限), if it set one. */
  referralFeedbackDueOn: string;
  referralContactName: string;
  referralContactMobile: string;
}

/** The referral letter's fields. */
type ReferralField = 'referralBody' | 'referralReference' | 'referralReferredOn' | 'referralFeedbackDueOn' | 'referralContactName' | 'referralContactMobile';
/** The form's free-text fields, named by `data-field` on their inputs. */
type TextField = 'summary' | 'wants' | 'amountYuan' | 'peopleInvolved' | ReferralField;
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
  applicants: [{ ...PARTY }],
  respondents: [{ ...PARTY }],
  risk: '',
  riskSignals: [],
  criminal: 'none',
  handled: 'none',
  crossDepartment: false,
  escalatedByCommunity: false,
  jointApplication: false,
  visitorConsent: false,
  // Separate consent (PIPL Art. 23): the visitor says yes or no; nothing is assumed.
  shareWithOtherOrgs: '',
  referralBody: '',
  referralReference: '',
  referralReferredOn: '',
  referralFeedbackDueOn: '',
  referralContactName: '',
  referralContactMobile: '',
};

/** The values each choice field takes, so a tap can only set what the form knows. */
type Offered = { communities: ReadonlyArray<{ id: string }>; categories: ReadonlyArray<{ value: string }> };
const CHOICES: Record<ChoiceField, (value: string, offered: Offered) => boolean> = {
  source: (v) => SOURCES.some((s) => s.value === v),
  category: (v, { categories }) => categories.some((c) => c.value === v),
  personalRelations: (v) => v === 'yes' || v === 'no',
  communityId: (v, { communities }) => communities.some((c) => c.id === v),
  risk: (v) => RISKS.some((r) => r.value === v),
  criminal: (v) => CRIMINAL.some((c) => c.value === v),
  handled: (v) => HANDLED.some((h) => h.value === v),
  shareWithOtherOrgs: (v) => v === 'yes' || v === 'no',
};

/** Server field paths → this form's fields, so the server's messages land in place too (party fields keep the
 *  server's own paths, e.g. `respondents.1.representative`, with the agent's name under `.agentName`). */
const SERVER_FIELD: Record<string, string> = {
  involvesPersonalRelations: 'personalRelations',
  alreadyHandledBy: 'handled',
  referral: 'referralBody',
  'referral.body': 'referralBody',
  'referral.reference': 'referralReference',
  'referral.referredOn': 'referralReferredOn',
  'referral.feedbackDueOn': 'referralFeedbackDueOn',
  'referral.contact.name': 'referralContactName',
  'referral.contact.mobile': 'referralContactMobile',
};

function placeServerFields(fields: Record<string, string>): Record<string, string> {
  const inPlace: Record<string, string> = {};
  for (const [path, msg] of Object.entries(fields)) {
    const party = /^(applicants|respondents)\.(\d+)\.(name|mobile|representative|agent)/.exec(path);
    const field = party ? `${party[1]}.${party[2]}.${party[3] === 'agent' ? 'agentName' : party[3]}` : SERVER_FIELD[path] ?? (path in FORM ? path : undefined);
    if (field) inPlace[field] = msg;
  }
  return inPlace;
}

const MOBILE = /^1[3-9]\d{9}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function check(f: Form, paperOnly: readonly string[]): Record<string, string> {
  const e: Partial<Record<keyof Form, string>> = {};
  if (!f.category) e.category = '请选择纠纷类型';
  else if (!isPaperOnlyCategory(f.category, paperOnly) && !f.personalRelations) e.personalRelations = '请选择是否涉及婚姻、收养、继承关系';
  if (!f.communityId) e.communityId = '请选择纠纷发生的社区或村';
  if (f.summary.trim().length < 5) e.summary = '请至少用五个字说明发生了什么';
  const amount = f.amountYuan.trim();
  if (amount && !(Number(amount) >= 0 && Number(amount) <= 1e10)) e.amountYuan = '请填写金额数字，不涉及可不填';
  const people = f.peopleInvolved.trim();
  if (people && !(Number.isInteger(Number(people)) && Number(people) >= 2 && Number(people) <= 100000)) e.peopleInvolved = '涉及人数至少为 2 人，不清楚可不填';
  const parties: Record<string, string> = {};
  for (const side of ['applicants', 'respondents'] as const) {
    f[side].forEach((p, i) => {
      const at = `${side}.${i}`;
      if (!p.name.trim()) parties[`${at}.name`] = i === 0 && side === 'applicants' ? '请填写来访人姓名' : `请填写${SIDE_LABEL[side]}姓名或名称`;
      else if (p.name.trim().length > 40) parties[`${at}.name`] = '姓名或名称不超过 40 个字';
      if (p.mobile.trim() && !MOBILE.test(p.mobile.trim())) parties[`${at}.mobile`] = '请填写 11 位手机号码';
      if (p.kind === 'organisation' && !p.representative.trim()) parties[`${at}.representative`] = '请填写法定代表人或负责人';
    });
  }
  if (REFERRING.includes(f.source)) {
    if (f.referralBody.trim().length < 2) e.referralBody = '请填写移交单位名称';
    if (!f.referralReference.trim()) e.referralReference = '请填写移交案号或编号';
    if (!DAY.test(f.referralReferredOn)) e.referralReferredOn = '请选择移交日期';
    if (f.referralFeedbackDueOn && f.referralFeedbackDueOn < f.referralReferredOn) e.referralFeedbackDueOn = '回告期限不能早于移交日期';
    if (!f.referralContactName.trim()) e.referralContactName = '请填写移交单位联系人';
    if (!MOBILE.test(f.referralContactMobile.trim())) e.referralContactMobile = '请填写联系人的 11 位手机号码';
  }
  if (!f.risk) e.risk = '请评估风险等级';
  if (!f.visitorConsent) e.visitorConsent = '请先向来访人说明并取得其同意';
  if (!f.shareWithOtherOrgs) e.shareWithOtherOrgs = '请询问来访人是否同意必要时转交其他调解组织办理';
  return { ...e, ...parties };
}

const partyInput = (p: PartyForm) => ({
  kind: p.kind,
  name: p.name.trim(),
  ...(p.mobile.trim() ? { mobile: p.mobile.trim() } : {}),
  ...(p.kind === 'organisation' ? { representative: p.representative.trim() } : {}),
  ...(p.agentName.trim() ? { agent: { name: p.agentName.trim(), specialPowers: p.agentSpecial } } : {}),
});

function inputOf(f: Form, orgId: string, communityLevel: boolean, paperOnly: readonly string[]): RegisterVisitInput {
  const amount = f.amountYuan.trim();
  const people = f.peopleInvolved.trim();
  const others = f.otherCommunityIds.filter((id) => id !== f.communityId);
  return {
    source: f.source,
    orgId,
    category: f.category,
    involvesPersonalRelations: !isPaperOnlyCategory(f.category, paperOnly) && f.personalRelations === 'yes',
    communityId: f.communityId,
    summary: f.summary.trim(),
    wants: f.wants.trim(),
    applicants: f.applicants.map(partyInput),
    respondents: f.respondents.map(partyInput),
    otherCommunityIds: others,
    ...(amount ? { amountYuan: Number(amount) } : {}),
    ...(people ? { peopleInvolved: Number(people) } : {}),
    ...(f.risk ? { risk: f.risk } : {}),
    riskSignals: f.riskSignals,
    ...(f.criminal !== 'none' ? { criminal: f.criminal } : {}),
    ...(f.handled !== 'none' ? { alreadyHandledBy: f.handled } : {}),
    crossDepartment: f.crossDepartment,
    ...(f.jointApplication ? { jointApplication: true } : {}),
    escalatedByCommunity: communityLevel && f.escalatedByCommunity,
    visitorConsent: true,
    shareWithOtherOrgs: f.shareWithOtherOrgs === 'yes',
    ...(REFERRING.includes(f.source)
      ? {
          referral: {
            body: f.referralBody.trim(),
            reference: f.referralReference.trim(),
            referredOn: f.referralReferredOn,
            ...(f.referralFeedbackDueOn ? { feedbackDueOn: f.referralFeedbackDueOn } : {}),
            contact: { name: f.referralContactName.trim(), mobile: f.referralContactMobile.trim() },
          },
        }
      : {}),
  };
}

/** The choices derived from the form that WXML cannot compute (it has no `indexOf`). */
function derived(f: Form, communities: ReadonlyArray<{ id: string; name: string }>, paperOnly: readonly string[]) {
  return {
    askRelations: !!f.category && !isPaperOnlyCategory(f.category, paperOnly),
    otherCommunities: communities.filter((c) => c.id !== f.communityId).map((c) => ({ ...c, chosen: f.otherCommunityIds.includes(c.id) })),
    signals: SIGNALS.map((s) => ({ ...s, chosen: f.riskSignals.includes(s.value) })),
    /** Referred by an authority: the referral letter's particulars are asked. */
    referred: REFERRING.includes(f.source),
    /** A minor criminal case not sent by the police or the procuratorate: the triage will suggest the police. */
    criminalNotReferred: f.criminal === 'minor_referred' && !CRIMINAL_REFERRERS.includes(f.source),
  };
}

/** Each side's rows with their own error messages (WXML cannot look up `errors['respondents.1.name']`). */
function partyRows(f: Form, errors: Record<string, string>) {
  const rows = (side: Side) =>
    f[side].map((p, i) => {
      const err = (field: PartyText) => errors[`${side}.${i}.${field}`] ?? '';
      return {
        ...p,
        title: side === 'applicants' ? (i === 0 ? '来访人（申请人）' : `第${i + 1}位申请人`) : `第${i + 1}位对方当事人`,
        removable: i > 0,
        errName: err('name'),
        errMobile: err('mobile'),
        errRepresentative: err('representative'),
        errAgent: err('agentName'),
      };
    });
  return {
    sides: (['applicants', 'respondents'] as const).map((side) => ({
      side,
      label: SIDE_LABEL[side],
      rows: rows(side),
      mayAdd: f[side].length < MAX_PER_SIDE,
    })),
  };
}

definePage({
  role: { roles: ['intake', 'director', 'mediator'], name: STAFF_ROLE_LABEL.intake },
  data: {
    /** The categories this deployment offers (`org.directory`'s `filing.categories`; the shipped ones until it loads). */
    categories: FILING_CATEGORIES as ReadonlyArray<{ value: string; label: string }>,
    sources: SOURCES,
    risks: RISKS,
    criminalChoices: CRIMINAL,
    handledChoices: HANDLED,
    communities: [] as Array<{ id: string; name: string }>,
    /** The window belongs to a community committee: it may report a matter upward as it registers it (上报). */
    communityWindow: false,
    form: { ...FORM },
    errors: {} as Record<string, string>,
    /** This deployment's paper-only categories (the shipped ones until the directory loads). */
    paperOnly: PAPER_ONLY_CATEGORIES as readonly string[],
    ...derived(FORM, [], PAPER_ONLY_CATEGORIES),
    ...partyRows(FORM, {}),
    done: null as (CaseStepResult & { nextText: string }) | null,
  },
  async load(grant) {
    const dir = await this.runLoad(() => orgApi.directory({}), { isEmpty: () => false });
    if (!dir) return;
    const communities = dir.communities.map((c) => ({ id: c.id, name: `${c.streetName} ${c.name}` }));
    this.setData({
      communities,
      communityWindow: dir.orgs.find((o) => o.id === grant.orgId)?.level === 'community',
      paperOnly: dir.filing.paperOnlyCategories,
      categories: categoryChoices(dir.filing),
      ...derived(this.data.form, communities, dir.filing.paperOnlyCategories),
    });
  },
  methods: {
    set<K extends keyof Form>(field: K, value: Form[K]) {
      this.setData({ [`form.${field}`]: value, [`errors.${field}`]: '' });
      this.setData(derived(this.data.form, this.data.communities, this.data.paperOnly));
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field?: ChoiceField; value?: string }>) {
      const { field, value } = e.currentTarget.dataset;
      if (!field || value === undefined || !CHOICES[field]?.(value, { communities: this.data.communities, categories: this.data.categories })) return;
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
    /** Party fields live in lists; every change redraws the rows (with their errors). */
    setParties(side: Side, parties: PartyForm[], clear?: string) {
      const errors = { ...this.data.errors };
      if (clear) delete errors[clear];
      this.setData({ [`form.${side}`]: parties, errors });
      this.setData(partyRows(this.data.form, errors));
    },
    onPartyInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { side?: Side; index?: number; field?: PartyText }>) {
      const { side, index, field } = e.currentTarget.dataset;
      if (!side || !field) return;
      const i = Number(index);
      this.setParties(side, this.data.form[side].map((p, k) => (k === i ? { ...p, [field]: e.detail.value } : p)), `${side}.${i}.${field}`);
    },
    onPartyKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { side?: Side; index?: number; kind?: PartyForm['kind'] }>) {
      const { side, index, kind } = e.currentTarget.dataset;
      if (!side || (kind !== 'person' && kind !== 'organisation')) return;
      const i = Number(index);
      this.setParties(side, this.data.form[side].map((p, k) => (k === i ? { ...p, kind } : p)), `${side}.${i}.representative`);
    },
    onAgentPowers(e: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { side?: Side; index?: number }>) {
      const { side, index } = e.currentTarget.dataset;
      if (!side) return;
      const i = Number(index);
      this.setParties(side, this.data.form[side].map((p, k) => (k === i ? { ...p, agentSpecial: !!e.detail.value } : p)));
    },
    onAddParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { side?: Side }>) {
      const side = e.currentTarget.dataset.side;
      if (!side || this.data.form[side].length >= MAX_PER_SIDE) return;
      this.setParties(side, [...this.data.form[side], { ...PARTY }]);
    },
    onRemoveParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { side?: Side; index?: number }>) {
      const { side, index } = e.currentTarget.dataset;
      const i = Number(index);
      if (!side || i === 0) return;
      // Errors are keyed by position: after a removal they are shown again on the next submit.
      const errors = Object.fromEntries(Object.entries(this.data.errors).filter(([k]) => !k.startsWith(`${side}.`)));
      this.setData({ errors });
      this.setParties(side, this.data.form[side].filter((_, k) => k !== i));
    },
    /** The referral letter's dates, from the date pickers. */
    onReferralDate(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: 'referralReferredOn' | 'referralFeedbackDueOn' }>) {
      const field = e.currentTarget.dataset.field;
      if ((field === 'referralReferredOn' || field === 'referralFeedbackDueOn') && DAY.test(e.detail.value)) this.set(field, e.detail.value);
    },
    onJoint(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.set('jointApplication', !!e.detail.value);
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
      const errors = check(f, this.data.paperOnly);
      if (Object.keys(errors).length) {
        this.setData({ errors, ...partyRows(f, errors) });
        return;
      }
      // Asked in the tap (WeChat allows the prompt only there): the organisation's transfers, deadlines and progress.
      await askToSubscribe(STAFF_NOTICES.organisation);
      // One request id per visit (the kit's): a double tap or a retry after a network failure cannot
      // register it twice.
      const d = await this.submit(caseApi.register, inputOf(f, grant.orgId, communityWindow, this.data.paperOnly), {
        reload: false,
        fields: (fields) => {
          const placed = placeServerFields(fields);
          this.setData(partyRows(this.data.form, placed));
          return placed;
        },
      });
      if (d) this.setData({ done: { ...d, nextText: d.next ? `${d.next.label}：${formatTime(d.next.dueAt)}前` : '' } });
    },
    onAnother() {
      this.setData({ done: null, form: { ...FORM }, errors: {}, ...derived(FORM, this.data.communities, this.data.paperOnly), ...partyRows(FORM, {}) });
    },
  },
});
