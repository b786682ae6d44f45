// 申请调解: a step-by-step wizard (type and place → what happened → the other party → how far it reaches → safety →
// photos and times → consent and review) that files the case with `case.file`. The scope step asks, in plain words,
// what the triage needs to route it (how many people, where the other side lives, whether a court or an office
// already has it); the consent to share with other organisations starts unchosen (PIPL Art. 23). The draft is saved on every change and
// restored on the next visit; one submission carries one request id, kept in the stored draft (not only by the
// kit), so a double tap, an automatic retry or a resend after the app was closed mid-call files the case once.
import { definePage } from '../../../../kit/page';
import { askToSubscribe, caseApi, orgApi, showError, uploadEvidence } from '../../../../services/index';
import type { CaseStepResult, Failure } from '../../../../services/index';
import { newRequestId } from '../../../../services/request-id';
import { isPrivacyDenied, openPrivacyContract } from '../../../../utils/privacy';
import { ROUTES } from '../../../../utils/routes';
import { dateText } from '../../../../utils/format';
import { NEXT_STEP_FOR_PARTY } from '../../../../generated/labels';
import { clearDraft, Draft, loadDraft, saveDraft } from '../../../utils/draft';
import {
  CATEGORIES,
  categoryChoices,
  guidanceFor,
  checkStep,
  EMERGENCY,
  Errors,
  Evidence,
  FORM,
  Form,
  HANDLED_CHOICES,
  isPaperOnlyCategory,
  MAX_PHOTOS,
  OTHER_SIDE_CHOICES,
  payloadOf,
  peopleChoices,
  SHIPPED_FILING,
  type FilingRules,
  RISK_QUESTIONS,
  serverFieldOf,
  EXTRA_PARTY,
  MAX_EXTRA,
  type ExtraParty,
  type PartyList,
  STEP_LABELS,
  STEPS,
  TIME_CHOICES,
} from './form';
import { reviewOf, type ReviewSection } from './review';

interface Done extends CaseStepResult {
  nextText: string;
}

type Pending = NonNullable<Draft<Form>['pending']>;

function withRisk(form: Form): boolean {
  return RISK_QUESTIONS.some((q) => form[q.key] === 'yes');
}

/** The preferred-time buttons, each saying whether it is chosen (WXML cannot call `indexOf`). */
function timeOptionsOf(chosen: readonly string[]): Array<{ value: string; chosen: boolean }> {
  return TIME_CHOICES.map((value) => ({ value, chosen: chosen.includes(value) }));
}

const categoryLabelOf = (code: unknown, categories: ReadonlyArray<{ value: string; label: string }> = CATEGORIES): string =>
  categories.find((c) => c.value === code)?.label ?? '';
/** The personal-relations question, asked once a category is chosen that does not already settle it. */
const asksRelations = (category: string, rules: FilingRules): boolean => !!category && !isPaperOnlyCategory(category, rules);

/** What the review step says about the scope answers. */
function scopeText(form: Form, communities: ReadonlyArray<{ id: string; name: string }>, rules: FilingRules): { people: string; otherSide: string; handled: string } {
  const other = form.otherSide === 'other' ? communities.find((c) => c.id === form.otherCommunityId)?.name ?? '' : '';
  return {
    people: peopleChoices(rules).find((c) => c.value === form.people)?.label ?? '',
    otherSide: other || (OTHER_SIDE_CHOICES.find((c) => c.value === form.otherSide)?.label ?? ''),
    handled: HANDLED_CHOICES.find((c) => c.value === form.handled)?.label ?? '',
  };
}

/** Server field paths → the wizard's fields in place, and the first step holding one; undefined if none is ours. */
function placeServerFields(fields: Record<string, string> | undefined): { errors: Errors; step: number } | undefined {
  let step: number | undefined;
  const errors: Errors = {};
  for (const [path, msg] of Object.entries(fields ?? {})) {
    const hit = serverFieldOf(path);
    if (!hit) continue;
    errors[hit[0]] = msg;
    step = Math.min(step ?? hit[1], hit[1]);
  }
  return step === undefined ? undefined : { errors, step };
}

definePage({
  data: {
    steps: STEPS,
    maxExtra: MAX_EXTRA,
    stepLabels: STEP_LABELS,
    step: 0,
    categories: CATEGORIES,
    peopleChoices: peopleChoices(),
    /** This deployment's rules the form follows (from `org.directory`; the shipped ones until it loads). */
    filing: SHIPPED_FILING as FilingRules,
    otherSideChoices: OTHER_SIDE_CHOICES,
    handledChoices: HANDLED_CHOICES,
    askRelations: false,
    scope: { people: '', otherSide: '', handled: '' },
    riskQuestions: RISK_QUESTIONS,
    emergency: EMERGENCY,
    timeOptions: timeOptionsOf([]),
    communities: [] as Array<{ id: string; name: string }>,
    communityName: '',
    categoryLabel: '',
    /** Legal guidance (普法) for the chosen category, with the law and the 12348 hotline. */
    guidance: '',
    form: { ...FORM },
    restored: false,
    atRisk: false,
    uploading: false,
    /** The subscribe-message prompt before filing is open. */
    asking: false,
    maxPhotos: MAX_PHOTOS,
    done: null as Done | null,
    /** The review step: every answer, by the step it was given on (see review.ts). */
    review: [] as ReviewSection[],
    /** Came from the review's 修改: the bar offers the way back to the review instead of 下一步. */
    editing: false,
    /** 发生了什么 is tall from the start (it is the main story); the optional wish is smaller. Heights in px. */
    tallBox: { minHeight: 200 },
    shortBox: { minHeight: 96 },
    /** The submission whose answer never came: sent again under the same request id (also in the draft). */
    pending: null as Pending | null,
  },
  onLoad() {
    const draft = loadDraft<Form>(FORM);
    if (!draft) return;
    this.setData({
      form: draft.form,
      step: Math.min(Math.max(draft.step, 0), STEPS.length - 1),
      restored: true,
      atRisk: withRisk(draft.form),
      categoryLabel: categoryLabelOf(draft.form.category),
      guidance: guidanceFor(draft.form.category),
      askRelations: asksRelations(draft.form.category, SHIPPED_FILING),
      timeOptions: timeOptionsOf(draft.form.preferredTimes),
      pending: draft.pending ?? null,
    });
    this.refreshReview();
  },
  async load() {
    const dir = await this.runLoad(() => orgApi.directory({}), { isEmpty: () => false });
    if (!dir) return;
    const communities = dir.communities.map((c) => ({ id: c.id, name: `${c.streetName} ${c.name}` }));
    this.setData({
      communities,
      communityName: communities.find((c) => c.id === this.data.form.communityId)?.name ?? '',
      scope: scopeText(this.data.form, communities, dir.filing),
      filing: dir.filing,
      categories: categoryChoices(dir.filing),
      categoryLabel: categoryLabelOf(this.data.form.category, categoryChoices(dir.filing)),
      guidance: guidanceFor(this.data.form.category, dir.filing),
      peopleChoices: peopleChoices(dir.filing),
      askRelations: asksRelations(this.data.form.category, dir.filing),
    });
    this.refreshReview();
  },
  methods: {
    refreshReview() {
      const { form, categoryLabel, communityName, communities, askRelations, peopleChoices: people } = this.data;
      this.setData({ review: reviewOf(form, { categoryLabel, communityName, communities, askRelations, peopleChoices: people }) });
    },
    /** Shows a step (from the top); the review is brought up to date on the way there. */
    goTo(step: number, extra: Record<string, unknown> = {}) {
      if (step === STEPS.length - 1) this.refreshReview();
      this.setData({ step, errors: {}, ...(step === STEPS.length - 1 ? { editing: false } : {}), ...extra });
      this.persist();
      wx.pageScrollTo?.({ scrollTop: 0, duration: 0 });
    },
    persist() {
      const { step, form, pending } = this.data;
      saveDraft<Form>({ step, form, ...(pending ? { pending } : {}), savedAt: Date.now() });
    },
    set(field: keyof Form, value: unknown) {
      this.setData({ [`form.${field}`]: value, [`errors.${field}`]: '' });
      if (field.startsWith('risk')) this.setData({ atRisk: withRisk(this.data.form) });
      if (field === 'category') {
        this.setData({
          categoryLabel: categoryLabelOf(value, this.data.categories),
          guidance: guidanceFor(String(value), this.data.filing),
          askRelations: asksRelations(String(value), this.data.filing),
        });
      }
      if (field === 'communityId') this.setData({ communityName: this.data.communities.find((c) => c.id === value)?.name ?? '' });
      if (field === 'otherSide' && value !== 'other') this.setData({ 'form.otherCommunityId': '', 'errors.otherCommunityId': '' });
      if (['people', 'otherSide', 'otherCommunityId', 'handled'].includes(field)) this.setData({ scope: scopeText(this.data.form, this.data.communities, this.data.filing) });
      if (field === 'preferredTimes') this.setData({ timeOptions: timeOptionsOf(this.data.form.preferredTimes) });
      this.persist();
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field?: keyof Form; value?: string }>) {
      const { field, value } = e.currentTarget.dataset;
      if (field && value !== undefined) this.set(field, value);
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: keyof Form }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.set(field, e.detail.value);
    },
    /** 添加一起申请的人 / 添加对方当事人: one more blank row, up to ten on a side. */
    onAddParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { list?: PartyList }>) {
      const list = e.currentTarget.dataset.list;
      if (!list || this.data.form[list].length >= MAX_EXTRA) return;
      this.set(list, [...this.data.form[list], { ...EXTRA_PARTY }]);
    },
    onRemoveParty(e: WechatMiniprogram.BaseEvent<Record<string, never>, { list?: PartyList; index?: number }>) {
      const { list, index } = e.currentTarget.dataset;
      if (!list) return;
      this.set(list, this.data.form[list].filter((_, i) => i !== Number(index)));
    },
    onPartyInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { list?: PartyList; index?: number; field?: 'name' | 'mobile' | 'representative' }>) {
      const { list, index, field } = e.currentTarget.dataset;
      if (!list || !field) return;
      this.set(list, this.data.form[list].map((p, i): ExtraParty => (i === Number(index) ? { ...p, [field]: e.detail.value } : p)));
    },
    onPartyKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { list?: PartyList; index?: number; kind?: ExtraParty['kind'] }>) {
      const { list, index, kind } = e.currentTarget.dataset;
      if (!list || !kind) return;
      this.set(list, this.data.form[list].map((p, i): ExtraParty => (i === Number(index) ? { ...p, kind } : p)));
    },
    onToggleTime(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (!value) return;
      const times = this.data.form.preferredTimes;
      this.set('preferredTimes', times.includes(value) ? times.filter((t) => t !== value) : [...times, value].slice(0, 5));
    },
    onPrivacy(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.set('privacy', !!e.detail.value);
    },
    onNext() {
      const errors = checkStep(this.data.step, this.data.form, this.data.filing);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      this.goTo(Math.min(this.data.step + 1, STEPS.length - 1));
    },
    onBack() {
      this.goTo(Math.max(this.data.step - 1, 0));
    },
    /** 修改 on a section of the review: back to the step it was answered on, with the way back to the review. */
    onEditStep(e: WechatMiniprogram.BaseEvent<Record<string, never>, { step?: number }>) {
      const target = Number(e.currentTarget.dataset.step);
      if (!(target >= 0 && target < STEPS.length - 1)) return;
      this.goTo(target, { editing: true });
    },
    /** 改好了，回到核对: the steps from here on are checked again; the first with a problem is shown, else the review. */
    onBackToReview() {
      for (let s = this.data.step; s < STEPS.length - 1; s++) {
        const errors = checkStep(s, this.data.form, this.data.filing);
        if (Object.keys(errors).length) {
          if (s !== this.data.step) this.goTo(s);
          this.setData({ errors });
          return;
        }
      }
      this.goTo(STEPS.length - 1);
    },
    onOpenPrivacyRules() {
      openPrivacyContract();
    },
    /** 清空重填 asks first: everything typed is lost. */
    async onStartOver() {
      const sure = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: '清空重填？',
          content: '已填写的内容会全部删除，不能恢复。',
          confirmText: '清空',
          confirmColor: '#c9353f',
          cancelText: '不清空',
          success: (res) => resolve(res.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!sure) return;
      clearDraft();
      this.setData({
        form: { ...FORM },
        step: 0,
        errors: {},
        restored: false,
        atRisk: false,
        askRelations: false,
        scope: { people: '', otherSide: '', handled: '' },
        categoryLabel: '',
        guidance: '',
        communityName: '',
        timeOptions: timeOptionsOf([]),
        pending: null,
        editing: false,
        review: [],
      });
    },
    onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { number?: string }>) {
      const number = e.currentTarget.dataset.number;
      if (number) wx.makePhoneCall({ phoneNumber: number, fail: () => undefined });
    },
    onAddPhotos() {
      const room = MAX_PHOTOS - this.data.form.evidence.length;
      if (room <= 0 || this.data.uploading) return;
      wx.chooseMedia({
        count: room,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: async (res) => {
          this.setData({ uploading: true });
          const added: Evidence[] = [];
          let failure: Failure | undefined;
          for (const f of res.tempFiles) {
            const up = await uploadEvidence(f.tempFilePath);
            if (up.ok) added.push({ fileId: up.data.fileId, path: f.tempFilePath });
            else {
              failure = up;
              break;
            }
          }
          this.setData({ uploading: false });
          if (added.length) this.set('evidence', [...this.data.form.evidence, ...added].slice(0, MAX_PHOTOS));
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
      const i = Number(e.currentTarget.dataset.index);
      this.set('evidence', this.data.form.evidence.filter((_, k) => k !== i));
    },
    async onSubmit() {
      if (this.data.busy || this.data.asking || this.data.done) return;
      // Every step is checked again: a restored draft may hold what an older version let through.
      for (let s = 0; s < STEPS.length; s++) {
        const errors = checkStep(s, this.data.form, this.data.filing);
        if (Object.keys(errors).length) {
          this.setData({ step: s, errors });
          return;
        }
      }
      const payload = payloadOf(this.data.form, this.data.filing);
      const key = JSON.stringify(payload);
      const prev = this.data.pending;
      // The request id lives in the stored draft, written before sending: a crash or a closed app mid-call
      // resends under the same id, so the case is filed once.
      const pending = prev && prev.key === key ? prev : { key, requestId: newRequestId() };
      this.setData({ pending });
      this.persist();
      // The notices are allowed (or not) before filing, so the first one can already reach the user; a second
      // tap while the prompt is open does nothing (the kit's busy flag covers the call itself).
      this.setData({ asking: true });
      await askToSubscribe(['case_progress', 'session_reminder']);
      this.setData({ asking: false });
      const filed = await this.submit(caseApi.file, payload, {
        requestId: pending.requestId,
        reload: false,
        onError: (failure) => {
          // A definite answer ends this submission; after a network failure the next tap resends it.
          if (failure.code !== 'NETWORK_ERROR') {
            this.setData({ pending: null });
            this.persist();
          }
          const placed = placeServerFields(failure.fields);
          if (!placed) return false;
          this.setData({ errors: placed.errors, step: placed.step });
          return true;
        },
      });
      if (!filed) return;
      clearDraft();
      this.setData({
        pending: null,
        // What happens next in the resident's words (the case page's sentence), not the staff deadline's name.
        done: { ...filed, nextText: filed.next ? NEXT_STEP_FOR_PARTY.triage.others.replace('{org}', filed.holder.name).replace('{date}', dateText(filed.next.dueAt)) : '' },
        restored: false,
      });
    },
    /** 复制案件编号: to paste into a note or a message to family (WeChat confirms with its own toast). */
    onCopyCaseNo() {
      const caseNo = this.data.done?.caseNo;
      if (caseNo) wx.setClipboardData({ data: caseNo, fail: () => undefined });
    },
    onOpenCase() {
      const done = this.data.done;
      if (done) wx.redirectTo({ url: `${ROUTES.caseDetail}?id=${encodeURIComponent(done.caseId)}` });
    },
    onHome() {
      wx.switchTab({ url: ROUTES.home });
    },
  },
});
