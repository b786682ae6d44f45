// 来访登记: window staff register a walk-in or phone visitor's dispute on their behalf (`case.register`),
// after the visitor agreed to their personal information being recorded, and hand them the case number at
// once (一案一编码). The window's organisation becomes the first-inquiry organisation; nobody is turned away.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, showError } from '../../../../services/index';
import { guarded, intentId, RoleGrant, settleIntent } from '../../../../utils/staff';
import { CATEGORIES } from '../../../../utils/categories';

const SOURCES = [
  { value: 'walk_in', label: '来访' },
  { value: 'phone', label: '来电' },
];

const FORM = {
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
type Form = typeof FORM;

/** Server field paths → this form's fields, so the server's messages land in place too. */
const SERVER_FIELD: Record<string, keyof Form> = {
  'applicant.name': 'applicantName',
  'applicant.mobile': 'applicantMobile',
  'respondent.name': 'respondentName',
  'respondent.mobile': 'respondentMobile',
};

interface Registered {
  caseId: string;
  caseNo: string;
  statusLabel: string;
  holder: { name: string };
  next?: { label: string; dueAt: string };
  urgent: boolean;
  emergencyNumbers: Array<{ label: string; number: string }>;
}

interface RegisterPage {
  data: { grant: RoleGrant | null; form: Form; submitting: boolean };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as RegisterPage;
const MOBILE = /^1[3-9]\d{9}$/;

function check(f: Form): Partial<Record<keyof Form, string>> {
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

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    grant: null as RoleGrant | null,
    categories: CATEGORIES,
    sources: SOURCES,
    communities: [] as Array<{ id: string; name: string }>,
    form: { ...FORM },
    errors: {} as Partial<Record<keyof Form, string>>,
    submitting: false,
    done: null as (Registered & { nextText: string }) | null,
  },
  methods: {
    onLoad() {
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const dir = await p.runLoad(
        () =>
          guarded(['intake', 'director', 'mediator'], '窗口工作人员', (grant) => {
            p.setData({ grant });
            return callFunction<{ communities: Array<{ id: string; name: string; streetName: string }> }>('org', 'directory', {});
          }),
        { isEmpty: () => false },
      );
      if (dir) p.setData({ communities: dir.communities.map((c) => ({ id: c.id, name: `${c.streetName} ${c.name}` })) });
    },
    set(field: keyof Form, value: string | boolean) {
      page(this).setData({ [`form.${field}`]: value, [`errors.${field}`]: '' });
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field?: keyof Form; value?: string }>) {
      const { field, value } = e.currentTarget.dataset;
      if (field && value !== undefined) (this as unknown as { set(f: keyof Form, v: string): void }).set(field, value);
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: keyof Form }>) {
      const field = e.currentTarget.dataset.field;
      if (field) (this as unknown as { set(f: keyof Form, v: string): void }).set(field, e.detail.value);
    },
    onConsent(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      (this as unknown as { set(f: keyof Form, v: boolean): void }).set('visitorConsent', !!e.detail.value);
    },
    onShare(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      (this as unknown as { set(f: keyof Form, v: boolean): void }).set('shareWithOtherOrgs', !!e.detail.value);
    },
    async onSubmit() {
      const p = page(this);
      const { form: f, grant, submitting } = p.data;
      if (submitting || !grant) return;
      const errors = check(f);
      if (Object.keys(errors).length) {
        p.setData({ errors });
        return;
      }
      const payload = {
        source: f.source,
        orgId: grant.orgId,
        category: f.category,
        communityId: f.communityId,
        summary: f.summary.trim(),
        wants: f.wants.trim(),
        applicant: { name: f.applicantName.trim(), ...(f.applicantMobile.trim() ? { mobile: f.applicantMobile.trim() } : {}) },
        respondent: { name: f.respondentName.trim(), ...(f.respondentMobile.trim() ? { mobile: f.respondentMobile.trim() } : {}) },
        visitorConsent: true,
        shareWithOtherOrgs: f.shareWithOtherOrgs,
      };
      p.setData({ submitting: true });
      // One request id per visit: a double tap or a retry after a network failure cannot register it twice.
      const res = await callFunction<Registered>('case', 'register', payload, { requestId: intentId(this, payload) });
      p.setData({ submitting: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        const inPlace: Record<string, string> = {};
        for (const [path, msg] of Object.entries(res.fields ?? {})) {
          const field = SERVER_FIELD[path] ?? (path in FORM ? (path as keyof Form) : undefined);
          if (field) inPlace[field] = msg;
        }
        if (Object.keys(inPlace).length) p.setData({ errors: inPlace });
        else showError(res);
        return;
      }
      settleIntent(this);
      const d = res.data;
      p.setData({ done: { ...d, nextText: d.next ? d.next.label : '' } });
    },
    onAnother() {
      page(this).setData({ done: null, form: { ...FORM }, errors: {} });
    },
  },
});
