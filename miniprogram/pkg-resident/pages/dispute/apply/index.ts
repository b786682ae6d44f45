// 申请调解: a step-by-step wizard (type and place → what happened → the other party → safety → photos and
// times → consent and review) that files the case with `case.file`. The draft is saved on every change and
// restored on the next visit; one submission carries one request id, so a double tap, an automatic retry or
// a resend after the app was closed mid-call files the case once.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { CallResult, ErrResult, newRequestId, showError } from '../../../../services/index';
import { askToSubscribe, residentApi, StepResult, uploadEvidence } from '../../../../services/resident';
import { isPrivacyDenied } from '../../../../utils/privacy';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/staff';
import { clearDraft, Draft, loadDraft, saveDraft } from '../../../utils/draft';
import { CATEGORIES, checkStep, EMERGENCY, Errors, Evidence, FORM, Form, MAX_PHOTOS, payloadOf, RISK_QUESTIONS, SERVER_FIELD, STEPS, TIME_CHOICES } from './form';

interface Done extends StepResult {
  nextText: string;
}

interface ApplyPage {
  data: { step: number; form: Form; submitting: boolean; uploading: boolean; done: Done | null; communities: Array<{ id: string; name: string }> };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
  set(field: keyof Form, value: unknown): void;
  persist(pending?: Draft<Form>['pending']): void;
}

const page = (self: unknown) => self as ApplyPage;
/** The pending submission of each open wizard (also kept in the stored draft). */
const pendingOf = new WeakMap<object, { key: string; requestId: string }>();

function withRisk(form: Form) {
  return RISK_QUESTIONS.some((q) => form[q.key] === 'yes');
}

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    steps: STEPS,
    step: 0,
    categories: CATEGORIES,
    riskQuestions: RISK_QUESTIONS,
    emergency: EMERGENCY,
    timeChoices: TIME_CHOICES,
    communities: [] as Array<{ id: string; name: string }>,
    communityName: '',
    categoryLabel: '',
    form: { ...FORM },
    errors: {} as Errors,
    restored: false,
    atRisk: false,
    submitting: false,
    uploading: false,
    maxPhotos: MAX_PHOTOS,
    done: null as Done | null,
  },
  methods: {
    onLoad() {
      const p = page(this);
      const draft = loadDraft<Form>(FORM);
      if (draft) {
        if (draft.pending) pendingOf.set(this, draft.pending);
        p.setData({ form: draft.form, step: Math.min(Math.max(draft.step, 0), STEPS.length - 1), restored: true, atRisk: withRisk(draft.form), categoryLabel: CATEGORIES.find((c) => c.value === draft.form.category)?.label ?? '' });
      }
      void p.load();
    },
    async load() {
      const p = page(this);
      const dir = await p.runLoad(() => residentApi.directory(), { isEmpty: () => false });
      if (!dir) return;
      const communities = dir.communities.map((c) => ({ id: c.id, name: `${c.streetName} ${c.name}` }));
      p.setData({ communities, communityName: communities.find((c) => c.id === p.data.form.communityId)?.name ?? '' });
    },
    persist(pending?: Draft<Form>['pending']) {
      const p = page(this);
      saveDraft<Form>({ step: p.data.step, form: p.data.form, ...(pending ? { pending } : {}), savedAt: Date.now() });
    },
    set(field: keyof Form, value: unknown) {
      const p = page(this);
      p.setData({ [`form.${field}`]: value, [`errors.${field}`]: '' });
      if (field.startsWith('risk')) p.setData({ atRisk: withRisk(p.data.form) });
      if (field === 'category') p.setData({ categoryLabel: CATEGORIES.find((c) => c.value === value)?.label ?? '' });
      if (field === 'communityId') p.setData({ communityName: p.data.communities.find((c) => c.id === value)?.name ?? '' });
      p.persist(pendingOf.get(this));
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field?: keyof Form; value?: string }>) {
      const { field, value } = e.currentTarget.dataset;
      if (field && value !== undefined) page(this).set(field, value);
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: keyof Form }>) {
      const field = e.currentTarget.dataset.field;
      if (field) page(this).set(field, e.detail.value);
    },
    onToggleTime(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (!value) return;
      const times = page(this).data.form.preferredTimes;
      page(this).set('preferredTimes', times.includes(value) ? times.filter((t) => t !== value) : [...times, value].slice(0, 5));
    },
    onPrivacy(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      page(this).set('privacy', !!e.detail.value);
    },
    onShare(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      page(this).set('shareWithOtherOrgs', !!e.detail.value);
    },
    onNext() {
      const p = page(this);
      const errors = checkStep(p.data.step, p.data.form);
      if (Object.keys(errors).length) {
        p.setData({ errors });
        return;
      }
      p.setData({ step: Math.min(p.data.step + 1, STEPS.length - 1), errors: {} });
      p.persist(pendingOf.get(this));
      wx.pageScrollTo?.({ scrollTop: 0, duration: 0 });
    },
    onBack() {
      const p = page(this);
      p.setData({ step: Math.max(p.data.step - 1, 0), errors: {} });
      p.persist(pendingOf.get(this));
    },
    onGoStep(e: WechatMiniprogram.BaseEvent<Record<string, never>, { step?: number }>) {
      const target = Number(e.currentTarget.dataset.step);
      const p = page(this);
      // Back to any step freely; forward only through the checks of the steps in between.
      if (!(target >= 0) || target >= p.data.step) return;
      p.setData({ step: target, errors: {} });
      p.persist(pendingOf.get(this));
    },
    onStartOver() {
      const p = page(this);
      clearDraft();
      pendingOf.delete(this);
      p.setData({ form: { ...FORM }, step: 0, errors: {}, restored: false, atRisk: false, categoryLabel: '', communityName: '' });
    },
    onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { number?: string }>) {
      const number = e.currentTarget.dataset.number;
      if (number) wx.makePhoneCall({ phoneNumber: number, fail: () => undefined });
    },
    onAddPhotos() {
      const p = page(this);
      const room = MAX_PHOTOS - p.data.form.evidence.length;
      if (room <= 0 || p.data.uploading) return;
      wx.chooseMedia({
        count: room,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: async (res) => {
          p.setData({ uploading: true });
          const added: Evidence[] = [];
          let failure: ErrResult | undefined;
          for (const f of res.tempFiles) {
            const up = await uploadEvidence(f.tempFilePath);
            if (up.ok) added.push({ fileId: up.data.fileId, path: f.tempFilePath });
            else {
              failure = up;
              break;
            }
          }
          p.setData({ uploading: false });
          if (added.length) p.set('evidence', [...p.data.form.evidence, ...added].slice(0, MAX_PHOTOS));
          if (failure) showError(failure);
        },
        fail: (err) => {
          if (isPrivacyDenied(err)) {
            wx.showToast({ title: '未同意隐私保护指引，无法添加照片；不加照片也可以提交申请', icon: 'none', duration: 3000 });
          }
          // Cancelling the picker is not an error.
        },
      });
    },
    onRemovePhoto(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
      const p = page(this);
      const i = Number(e.currentTarget.dataset.index);
      p.set('evidence', p.data.form.evidence.filter((_, k) => k !== i));
    },
    async onSubmit() {
      const p = page(this);
      if (p.data.submitting || p.data.done) return;
      // Every step is checked again: a restored draft may hold what an older version let through.
      for (let s = 0; s < STEPS.length; s++) {
        const errors = checkStep(s, p.data.form);
        if (Object.keys(errors).length) {
          p.setData({ step: s, errors });
          return;
        }
      }
      const payload = payloadOf(p.data.form);
      const key = JSON.stringify(payload);
      const prev = pendingOf.get(this);
      const pending = prev && prev.key === key ? prev : { key, requestId: newRequestId() };
      pendingOf.set(this, pending);
      p.setData({ submitting: true });
      p.persist(pending); // before sending: a crash mid-call resends under the same id
      await askToSubscribe(['caseProgress', 'session']);
      const res = await residentApi.fileDispute(payload, { requestId: pending.requestId });
      p.setData({ submitting: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') {
          pendingOf.delete(this);
          p.persist();
        }
        let firstStep: number | undefined;
        const inPlace: Errors = {};
        for (const [path, msg] of Object.entries(res.fields ?? {})) {
          const hit = SERVER_FIELD[path];
          if (!hit) continue;
          inPlace[hit[0]] = msg;
          firstStep = Math.min(firstStep ?? hit[1], hit[1]);
        }
        if (firstStep !== undefined) p.setData({ errors: inPlace, step: firstStep });
        else showError(res);
        return;
      }
      pendingOf.delete(this);
      clearDraft();
      const d = res.data;
      p.setData({ done: { ...d, nextText: d.next ? `${d.next.label}：${formatTime(d.next.dueAt)}前` : '' }, restored: false });
    },
    onOpenCase() {
      const done = page(this).data.done;
      if (done) wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(done.caseId)}` });
    },
    onHome() {
      wx.switchTab({ url: ROUTES.home });
    },
  },
});
