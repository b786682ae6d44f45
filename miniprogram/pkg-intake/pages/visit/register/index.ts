// 来访登记: window staff register a walk-in or phone visitor's dispute on their behalf (`case.register`),
// after the visitor agreed to their personal information being recorded, and hand them the case number at
// once (一案一编码). The window's organisation becomes the first-inquiry organisation; nobody is turned away.
import { FILING_CATEGORIES, SOURCE_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { caseApi, orgApi } from '../../../../services/index';
import type { CaseStepResult, RegisterVisitInput } from '../../../../services/types';
import { formatTime } from '../../../../utils/staff';

type VisitSource = RegisterVisitInput['source'];

/** How the visitor came to the window (the server's source codes and labels). */
const SOURCES = (['walk_in', 'phone'] as const).map((value) => ({ value, label: SOURCE_LABEL[value] }));

interface Form {
  source: VisitSource;
  category: string;
  communityId: string;
  summary: string;
  wants: string;
  applicantName: string;
  applicantMobile: string;
  respondentName: string;
  respondentMobile: string;
  visitorConsent: boolean;
  shareWithOtherOrgs: boolean;
}

/** The form's free-text fields, named by `data-field` on their inputs. */
type TextField = 'summary' | 'wants' | 'applicantName' | 'applicantMobile' | 'respondentName' | 'respondentMobile';

const FORM: Form = {
  source: 'walk_in',
  category: '',
  communityId: '',
  summary: '',
  wants: '',
  applicantName: '',
  applicantMobile: '',
  respondentName: '',
  respondentMobile: '',
  visitorConsent: false,
  shareWithOtherOrgs: true,
};

/** Server field paths → this form's fields, so the server's messages land in place too. */
const SERVER_FIELD: Record<string, keyof Form> = {
  'applicants.0.name': 'applicantName',
  'applicants.0.mobile': 'applicantMobile',
  'respondents.0.name': 'respondentName',
  'respondents.0.mobile': 'respondentMobile',
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
  if (!f.communityId) e.communityId = '请选择纠纷发生的社区或村';
  if (f.summary.trim().length < 5) e.summary = '请至少用五个字说明发生了什么';
  if (!f.applicantName.trim()) e.applicantName = '请填写来访人姓名';
  if (f.applicantMobile.trim() && !MOBILE.test(f.applicantMobile.trim())) e.applicantMobile = '请填写 11 位手机号码';
  if (!f.respondentName.trim()) e.respondentName = '请填写对方当事人姓名或名称';
  if (f.respondentMobile.trim() && !MOBILE.test(f.respondentMobile.trim())) e.respondentMobile = '请填写 11 位手机号码';
  if (!f.visitorConsent) e.visitorConsent = '请先向来访人说明并取得其同意';
  return e;
}

definePage({
  role: { roles: ['intake', 'director', 'mediator'], name: STAFF_ROLE_LABEL.intake },
  data: {
    categories: FILING_CATEGORIES,
    sources: SOURCES,
    communities: [] as Array<{ id: string; name: string }>,
    form: { ...FORM },
    done: null as (CaseStepResult & { nextText: string }) | null,
  },
  async load() {
    const dir = await this.runLoad(() => orgApi.directory({}), { isEmpty: () => false });
    if (dir) this.setData({ communities: dir.communities.map((c) => ({ id: c.id, name: `${c.streetName} ${c.name}` })) });
  },
  methods: {
    set<K extends keyof Form>(field: K, value: Form[K]) {
      this.setData({ [`form.${field}`]: value, [`errors.${field}`]: '' });
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field?: string; value?: string }>) {
      const { field, value } = e.currentTarget.dataset;
      if (value === undefined) return;
      if (field === 'source') {
        const source = SOURCES.find((s) => s.value === value);
        if (source) this.set('source', source.value);
      } else if (field === 'category' || field === 'communityId') {
        this.set(field, value);
      }
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: TextField }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.set(field, e.detail.value);
    },
    onConsent(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.set('visitorConsent', !!e.detail.value);
    },
    onShare(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.set('shareWithOtherOrgs', !!e.detail.value);
    },
    async onSubmit() {
      const { form: f, grant } = this.data;
      if (!grant) return;
      const errors = check(f);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const input: RegisterVisitInput = {
        source: f.source,
        orgId: grant.orgId,
        category: f.category,
        communityId: f.communityId,
        summary: f.summary.trim(),
        wants: f.wants.trim(),
        applicants: [{ name: f.applicantName.trim(), ...(f.applicantMobile.trim() ? { mobile: f.applicantMobile.trim() } : {}) }],
        respondents: [{ name: f.respondentName.trim(), ...(f.respondentMobile.trim() ? { mobile: f.respondentMobile.trim() } : {}) }],
        visitorConsent: true,
        shareWithOtherOrgs: f.shareWithOtherOrgs,
      };
      // One request id per visit (the kit's): a double tap or a retry after a network failure cannot
      // register it twice.
      const d = await this.submit(caseApi.register, input, { reload: false, fields: placeServerFields });
      if (d) this.setData({ done: { ...d, nextText: d.next ? `${d.next.label}：${formatTime(d.next.dueAt)}前` : '' } });
    },
    onAnother() {
      this.setData({ done: null, form: { ...FORM }, errors: {} });
    },
  },
});
