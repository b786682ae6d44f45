// 分流处理: one case as the first-inquiry organisation's director or intake staff sees it — the rule's
// suggestion with its reasons — and the decision: accept it here (受理), transfer it to the responsible
// organisation (转办, with a reason; a written override reason when going against the suggestion), or refer
// the resident to the competent authority with guidance (告知/引导). The receiving organisation accepts or
// returns a transfer here too. Directors go on to assign the mediator.
// A case sent up for designation (上报, a second returned transfer, an overdue one) waits in the queue of the
// organisation above: its director reads why and designates who handles it (指定) — the organisation itself or
// one below it, with a reason; only the one holding it when the parties did not agree to share their file.
import { AUTHORITY_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage, type SubmitOptions } from '../../../../kit/page';
import { STAFF_NOTICES, askToSubscribe, caseApi, messageFor, orgApi, showError, type Failure, type OutputOfMethod } from '../../../../services/index';
import type { CaseStepResult, CaseView, ReferralAuthorityCode, RoleGrant, Status } from '../../../../services/types';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';

type Mode = '' | 'accept' | 'transfer' | 'refer' | 'return' | 'escalate' | 'designate';

interface OrgOption {
  id: string;
  name: string;
  /** Beside the name: 分流建议, 原承办单位, 本单位. */
  note: string;
}

type Directory = OutputOfMethod<typeof orgApi.directory>;

/** The organisation `root` and every one below it, parents before children (whom a designator may designate). */
function subtreeOf(dir: Directory, root: string): Directory['orgs'] {
  const out: Directory['orgs'] = [];
  const visit = (id: string) => {
    const org = dir.orgs.find((o) => o.id === id);
    if (!org || out.includes(org)) return;
    out.push(org);
    for (const child of dir.orgs.filter((o) => o.parentId === id)) visit(child.id);
  };
  visit(root);
  return out;
}

function isAuthority(value: string | undefined): value is ReferralAuthorityCode {
  return !!value && Object.prototype.hasOwnProperty.call(AUTHORITY_LABEL, value);
}

/** The authorities a matter not for mediation is referred to, in the server's order and words. */
const AUTHORITIES = Object.entries(AUTHORITY_LABEL).map(([value, label]) => ({ value, label }));

interface Form {
  toOrgId: string;
  reason: string;
  overrideReason: string;
  authority: ReferralAuthorityCode | '';
  guidance: string;
  /** Materials were handed to the authority (移交记录): who took them, when, and what. */
  handOver: boolean;
  handOverBody: string;
  handOverReceiver: string;
  handOverMobile: string;
  handOverOn: string;
  /** One material a line (材料清单). */
  handOverMaterials: string;
}
type HandOverText = 'handOverBody' | 'handOverReceiver' | 'handOverMobile' | 'handOverMaterials';
const HAND_OVER_TEXT: readonly HandOverText[] = ['handOverBody', 'handOverReceiver', 'handOverMobile', 'handOverMaterials'];

const FORM: Form = {
  toOrgId: '',
  reason: '',
  overrideReason: '',
  authority: '',
  guidance: '',
  handOver: false,
  handOverBody: '',
  handOverReceiver: '',
  handOverMobile: '',
  handOverOn: '',
  handOverMaterials: '',
};
const FORM_FIELDS: Array<keyof Form> = ['toOrgId', 'reason', 'overrideReason', 'authority', 'guidance'];
/** The server's paths of the hand-over record → the form's fields. */
const HAND_OVER_FIELD: Record<string, keyof Form> = {
  'handOver.body': 'handOverBody',
  'handOver.receiver': 'handOverReceiver',
  'handOver.receiverMobile': 'handOverMobile',
  'handOver.handedOverOn': 'handOverOn',
  'handOver.materials': 'handOverMaterials',
};
function referFields(fields: Record<string, string>): Record<string, string> {
  const inPlace: Record<string, string> = {};
  for (const [path, msg] of Object.entries(fields)) {
    const key = (FORM_FIELDS as string[]).includes(path) ? path : HAND_OVER_FIELD[path.replace(/\.\d+$/, '')];
    if (key) inPlace[key] = msg;
  }
  return inPlace;
}
const materialsOf = (text: string) => text.split('\n').map((m) => m.trim()).filter(Boolean);

const DONE: Record<Exclude<Mode, ''>, string> = { accept: '已受理', transfer: '已转办', refer: '已告知引导', return: '已退回', escalate: '已上报上级', designate: '已指定承办单位' };

/** Stages from which a director may ask the organisation above to designate who handles the case (上报). */
const ESCALATABLE: readonly Status[] = ['registered', 'accepted', 'awaiting_consent', 'scheduled', 'in_mediation'];

/** Whether the chosen decision goes against the rule's suggestion, so a written override reason is required. */
function overrideNeeded(mode: Mode, form: Form, view: CaseView | null, grant: RoleGrant | null): boolean {
  const suggested = view?.triage?.suggestedOrgId;
  if (!suggested || !grant) return false;
  if (mode === 'accept') return view?.status === 'registered' && suggested !== grant.orgId;
  if (mode === 'transfer') return !!form.toOrgId && form.toOrgId !== suggested;
  return false;
}

/** The server's field errors of a designation, placed where the page shows them (the list is `toOrgId`). */
function designateFields(fields: Record<string, string>): Record<string, string> {
  return { ...(fields.orgId ? { toOrgId: fields.orgId } : {}), ...(fields.reason ? { reason: fields.reason } : {}) };
}

function clientErrors(mode: Mode, form: Form, needsOverride: boolean): Partial<Record<keyof Form, string>> {
  const errors: Partial<Record<keyof Form, string>> = {};
  const short = (s: string) => s.trim().length < 2;
  if (mode === 'transfer' && !form.toOrgId) errors.toOrgId = '请选择接收单位';
  if (mode === 'designate' && !form.toOrgId) errors.toOrgId = '请选择承办单位';
  if (mode !== 'accept' && short(form.reason)) errors.reason = '请填写理由';
  if (needsOverride && short(form.overrideReason)) errors.overrideReason = '与分流建议不一致，请写明理由';
  if (mode === 'refer' && !form.authority) errors.authority = '请选择告知当事人前往的机关';
  if (mode === 'refer' && form.guidance.trim().length < 5) errors.guidance = '请写明告知当事人的途径';
  if (mode === 'refer' && form.handOver) {
    if (!form.handOverOn) errors.handOverOn = '请选择移交日期';
    if (!materialsOf(form.handOverMaterials).length) errors.handOverMaterials = '请至少列出一项移交材料';
    if (form.handOverMobile.trim() && !/^1[3-9]\d{9}$/.test(form.handOverMobile.trim())) errors.handOverMobile = '请填写 11 位手机号码';
  }
  return errors;
}

definePage({
  role: { roles: ['director', 'intake'], name: `${STAFF_ROLE_LABEL.director}和${STAFF_ROLE_LABEL.intake}` },
  data: {
    caseId: '',
    view: null as CaseView | null,
    dueText: '',
    canTriage: false,
    canAnswerTransfer: false,
    canAssign: false,
    canEscalate: false,
    /** A director of the organisation the designation waits on. */
    canDesignate: false,
    designation: null as null | { why: string; from: string; reason: string; onlyHolder: boolean },
    mode: '' as Mode,
    form: { ...FORM },
    needsOverride: false,
    /** The server asked for an override reason (its rule is the truth, e.g. the suggestion changed). */
    forcedOverride: false,
    orgs: [] as OrgOption[],
    authorities: AUTHORITIES,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load(grant) {
    const view = await this.runLoad(() => caseApi.get({ caseId: this.data.caseId }));
    if (!view) return;
    // Only staff get the triage reasons; anything else (a follower's or party's view) is not this page's.
    if (view.relation !== 'staff') {
      this.setData({ loadState: 'error', loadError: '您所在单位不负责此案件，无法分流', view: null });
      return;
    }
    const mine = view.holder.orgId === grant.orgId;
    this.setData({
      view,
      dueText: view.next ? `${view.next.label}：${formatTime(view.next.dueAt)}前（${view.next.ownerOrgName}）` : '',
      canTriage: view.status === 'registered' && mine,
      canAnswerTransfer: view.status === 'transferring' && view.pendingTransfer?.toOrgId === grant.orgId,
      canAssign: grant.role === 'director' && mine && !['registered', 'transferring', 'awaiting_designation', 'closed'].includes(view.status),
      canEscalate: grant.role === 'director' && mine && ESCALATABLE.includes(view.status),
      canDesignate: grant.role === 'director' && view.status === 'awaiting_designation' && view.pendingDesignation?.designatorOrgId === grant.orgId,
      designation: view.pendingDesignation
        ? {
            why: view.pendingDesignation.triggerLabel,
            from: view.pendingDesignation.fromOrgName,
            reason: view.pendingDesignation.reason,
            onlyHolder: !view.pendingDesignation.shareConsent,
          }
        : null,
      mode: '',
      orgs: [],
      form: { ...FORM },
      errors: {},
      needsOverride: false,
      forcedOverride: false,
    });
  },
  methods: {
    async chooseMode(mode: Mode) {
      const { form, view, grant } = this.data;
      this.setData({ mode, errors: {}, forcedOverride: false, needsOverride: overrideNeeded(mode, form, view, grant) });
      if ((mode !== 'transfer' && mode !== 'designate') || !view || !grant) return;
      const dir = await orgApi.directory({});
      if (!dir.ok) {
        showError(dir);
        return;
      }
      const suggested = view.triage?.suggestedOrgId;
      const holder = view.holder.orgId;
      let orgs: OrgOption[];
      if (mode === 'transfer') {
        orgs = dir.data.orgs
          .filter((o) => o.id !== grant.orgId)
          .map((o) => ({ id: o.id, name: o.name, note: o.id === suggested ? '分流建议' : '' }))
          .sort((a, b) => Number(!!b.note) - Number(!!a.note));
      } else {
        // Without the parties' consent to share, only the organisation holding the case may go on with it.
        const pool = view.pendingDesignation?.shareConsent === false ? dir.data.orgs.filter((o) => o.id === holder) : subtreeOf(dir.data, grant.orgId);
        orgs = pool.map((o) => ({
          id: o.id,
          name: o.name,
          note: o.id === holder ? '原承办单位' : o.id === suggested ? '分流建议' : o.id === grant.orgId ? '本单位' : '',
        }));
      }
      this.setData({ orgs, 'form.toOrgId': orgs.length === 1 ? orgs[0].id : this.data.form.toOrgId });
    },
    onAccept() {
      void this.chooseMode('accept');
    },
    onTransfer() {
      void this.chooseMode('transfer');
    },
    onRefer() {
      void this.chooseMode('refer');
    },
    onReturn() {
      void this.chooseMode('return');
    },
    onEscalate() {
      void this.chooseMode('escalate');
    },
    onDesignate() {
      void this.chooseMode('designate');
    },
    onCancelMode() {
      this.setData({ mode: '', errors: {} });
    },
    setField<K extends keyof Form>(field: K, value: Form[K]) {
      const { mode, view, grant, forcedOverride } = this.data;
      const form = { ...this.data.form, [field]: value };
      this.setData({ form, [`errors.${field}`]: '', needsOverride: forcedOverride || overrideNeeded(mode, form, view, grant) });
    },
    onPickOrg(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      this.setField('toOrgId', e.currentTarget.dataset.id ?? '');
    },
    onPickAuthority(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (isAuthority(value)) this.setField('authority', value);
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setField('reason', e.detail.value);
    },
    onOverrideReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setField('overrideReason', e.detail.value);
    },
    onGuidance(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setField('guidance', e.detail.value);
    },
    onHandOver(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setField('handOver', !!e.detail.value);
    },
    onHandOverInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: HandOverText }>) {
      const field = e.currentTarget.dataset.field;
      if (field && HAND_OVER_TEXT.includes(field)) this.setField(field, e.detail.value);
    },
    onHandOverDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setField('handOverOn', e.detail.value);
    },
    /**
     * The server's answer that an override reason is needed lands next to that field (with any others); a
     * refused choice of organisation (no consent to share, outside the designator's area) next to the list.
     */
    onOverrideRequired(failure: Failure): boolean {
      if (failure.code === 'CONSENT_REQUIRED' || failure.code === 'ORG_OUTSIDE_AREA') {
        this.setData({ errors: { toOrgId: messageFor(failure) } });
        return true;
      }
      if (failure.code !== 'OVERRIDE_REASON_REQUIRED') return false;
      const inPlace: Record<string, string> = {};
      for (const key of FORM_FIELDS) if (failure.fields?.[key]) inPlace[key] = failure.fields[key];
      inPlace.overrideReason = failure.message || '与分流建议不一致，请写明理由';
      this.setData({ errors: inPlace, needsOverride: true, forcedOverride: true });
      return true;
    },
    /** Sends the decision chosen: one typed action per branch. */
    async decide(): Promise<CaseStepResult | undefined> {
      const { mode, form, caseId, needsOverride, view } = this.data;
      if (!mode) return undefined;
      const errors = clientErrors(mode, form, needsOverride);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return undefined;
      }
      const override = needsOverride ? { overrideReason: form.overrideReason.trim() } : {};
      const opts: SubmitOptions<CaseStepResult> = {
        done: DONE[mode],
        fields: FORM_FIELDS,
        onError: (failure) => this.onOverrideRequired(failure),
      };
      const reason = form.reason.trim();
      switch (mode) {
        case 'accept':
          return view?.status === 'transferring'
            ? this.submit(caseApi.acceptTransfer, { caseId }, opts)
            : this.submit(caseApi.accept, { caseId, ...override }, opts);
        case 'transfer':
          return this.submit(caseApi.transfer, { caseId, toOrgId: form.toOrgId, reason, ...override }, opts);
        case 'refer':
          if (!form.authority) return undefined;
          return this.submit(
            caseApi.referOut,
            {
              caseId,
              authority: form.authority,
              guidance: form.guidance.trim(),
              reason,
              ...(form.handOver
                ? {
                    handOver: {
                      ...(form.handOverBody.trim() ? { body: form.handOverBody.trim() } : {}),
                      ...(form.handOverReceiver.trim() ? { receiver: form.handOverReceiver.trim() } : {}),
                      ...(form.handOverMobile.trim() ? { receiverMobile: form.handOverMobile.trim() } : {}),
                      handedOverOn: form.handOverOn,
                      materials: materialsOf(form.handOverMaterials),
                    },
                  }
                : {}),
            },
            { ...opts, fields: referFields },
          );
        case 'return':
          return this.submit(caseApi.returnTransfer, { caseId, reason }, opts);
        case 'escalate':
          return this.submit(caseApi.escalate, { caseId, reason }, opts);
        case 'designate':
          return this.submit(caseApi.designate, { caseId, orgId: form.toOrgId, reason }, { ...opts, fields: designateFields });
      }
    },
    onSubmit() {
      // Asked in the tap itself (WeChat allows the prompt only there): the transfers, deadline alerts and progress
      // notices of the organisation; a refusal changes nothing but the messages.
      void askToSubscribe(STAFF_NOTICES.organisation).then(() => this.decide());
    },
    onAssign() {
      wx.navigateTo({ url: `${ROUTES.directorAssign}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    onAudit() {
      wx.navigateTo({ url: `${ROUTES.caseAudit}?id=${encodeURIComponent(this.data.caseId)}` });
    },
  },
});
