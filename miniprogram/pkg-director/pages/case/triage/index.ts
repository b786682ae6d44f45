// 分流处理: one case as the first-inquiry organisation's director or intake staff sees it — the rule's
// suggestion with its reasons — and the decision: accept it here (受理), transfer it to the responsible
// organisation (转办, with a reason; a written override reason when going against the suggestion), or refer
// the resident to the competent authority with guidance (告知/引导). The receiving organisation accepts or
// returns a transfer here too. Directors go on to assign the mediator.
import type { StaffCaseView as CaseView } from '../../../../utils/staff-types';
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, ErrResult, showError, showSuccess } from '../../../../services/index';
import { ROUTES } from '../../../../utils/routes';
import { formatTime, guarded, intentId, RoleGrant, settleIntent } from '../../../../utils/staff';

type Mode = '' | 'accept' | 'transfer' | 'refer' | 'return';

interface OrgOption {
  id: string;
  name: string;
  suggested: boolean;
}

export const AUTHORITIES: Array<{ value: string; label: string }> = [
  { value: 'court', label: '人民法院' },
  { value: 'police', label: '公安机关' },
  { value: 'procuratorate', label: '人民检察院' },
  { value: 'labour_arbitration', label: '劳动人事争议仲裁委员会' },
  { value: 'arbitration', label: '仲裁机构' },
  { value: 'administrative', label: '行政主管部门' },
  { value: 'petition_office', label: '信访部门' },
  { value: 'other', label: '其他有权机关' },
];

const FORM = { toOrgId: '', reason: '', overrideReason: '', authority: '', guidance: '' };
type Form = typeof FORM;
type Errors = Partial<Record<keyof Form, string>>;

interface TriagePage {
  data: {
    caseId: string;
    view: CaseView | null;
    grant: RoleGrant | null;
    mode: Mode;
    form: Form;
    orgs: OrgOption[];
    submitting: boolean;
    needsOverride: boolean;
    forcedOverride: boolean;
  };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
  setField(field: keyof Form, value: string): void;
  submit(): Promise<void>;
}

const page = (self: unknown) => self as TriagePage;

/** Whether the chosen decision goes against the rule's suggestion, so a written override reason is required. */
function overrideNeeded(mode: Mode, form: Form, view: CaseView | null, grant: RoleGrant | null): boolean {
  const suggested = view?.triage?.suggestedOrgId;
  if (!suggested || !grant) return false;
  if (mode === 'accept') return view?.status === 'registered' && suggested !== grant.orgId;
  if (mode === 'transfer') return !!form.toOrgId && form.toOrgId !== suggested;
  return false;
}

function clientErrors(mode: Mode, form: Form, needsOverride: boolean): Errors {
  const errors: Errors = {};
  const short = (s: string) => s.trim().length < 2;
  if (mode === 'transfer' && !form.toOrgId) errors.toOrgId = '请选择接收单位';
  if ((mode === 'transfer' || mode === 'refer' || mode === 'return') && short(form.reason)) errors.reason = '请填写理由';
  if (needsOverride && short(form.overrideReason)) errors.overrideReason = '与分流建议不一致，请写明理由';
  if (mode === 'refer' && !form.authority) errors.authority = '请选择告知当事人前往的机关';
  if (mode === 'refer' && form.guidance.trim().length < 5) errors.guidance = '请写明告知当事人的途径';
  return errors;
}

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    caseId: '',
    view: null as CaseView | null,
    grant: null as RoleGrant | null,
    dueText: '',
    canTriage: false,
    canAnswerTransfer: false,
    canAssign: false,
    mode: '' as Mode,
    form: { ...FORM },
    errors: {} as Errors,
    needsOverride: false,
    /** The server asked for an override reason (its rule is the truth, e.g. the suggestion changed). */
    forcedOverride: false,
    orgs: [] as OrgOption[],
    authorities: AUTHORITIES,
    submitting: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      page(this).setData({ caseId: query.id ?? '' });
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const view = await p.runLoad(() =>
        guarded(['director', 'intake'], '调委会主任和窗口工作人员', (grant) => {
          p.setData({ grant });
          return callFunction<CaseView>('case', 'get', { caseId: p.data.caseId });
        }),
      );
      if (!view) return;
      const grant = p.data.grant!;
      // Only staff get the triage reasons; anything else (a follower's or party's view) is not this page's.
      if (view.relation !== 'staff') {
        p.setData({ loadState: 'error', loadError: '您所在单位不负责此案件，无法分流', view: null });
        return;
      }
      const mine = view.holder.orgId === grant.orgId;
      p.setData({
        view,
        dueText: view.next ? `${view.next.label}：${formatTime(view.next.dueAt)}前（${view.next.ownerOrgName}）` : '',
        canTriage: view.status === 'registered' && mine,
        canAnswerTransfer: view.status === 'transferring' && view.pendingTransfer?.toOrgId === grant.orgId,
        canAssign: grant.role === 'director' && mine && !['registered', 'transferring', 'awaiting_designation', 'closed'].includes(view.status),
        mode: '',
        form: { ...FORM },
        errors: {},
        needsOverride: false,
        forcedOverride: false,
      });
    },
    async chooseMode(mode: Mode) {
      const p = page(this);
      p.setData({ mode, errors: {}, forcedOverride: false, needsOverride: overrideNeeded(mode, p.data.form, p.data.view, p.data.grant) });
      if (mode === 'transfer' && p.data.orgs.length === 0) {
        const dir = await callFunction<{ orgs: Array<{ id: string; name: string }> }>('org', 'directory', {});
        if (!dir.ok) {
          showError(dir);
          return;
        }
        const suggested = p.data.view?.triage?.suggestedOrgId;
        const orgs = dir.data.orgs
          .filter((o) => o.id !== p.data.grant?.orgId)
          .map((o) => ({ id: o.id, name: o.name, suggested: o.id === suggested }))
          .sort((a, b) => Number(b.suggested) - Number(a.suggested));
        p.setData({ orgs });
      }
    },
    onAccept() {
      void (this as unknown as { chooseMode(m: Mode): Promise<void> }).chooseMode('accept');
    },
    onTransfer() {
      void (this as unknown as { chooseMode(m: Mode): Promise<void> }).chooseMode('transfer');
    },
    onRefer() {
      void (this as unknown as { chooseMode(m: Mode): Promise<void> }).chooseMode('refer');
    },
    onReturn() {
      void (this as unknown as { chooseMode(m: Mode): Promise<void> }).chooseMode('return');
    },
    onCancelMode() {
      page(this).setData({ mode: '', errors: {} });
    },
    setField(field: keyof Form, value: string) {
      const p = page(this);
      const form = { ...p.data.form, [field]: value };
      p.setData({ form, [`errors.${field}`]: '', needsOverride: p.data.forcedOverride || overrideNeeded(p.data.mode, form, p.data.view, p.data.grant) });
    },
    onPickOrg(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      page(this).setField('toOrgId', e.currentTarget.dataset.id ?? '');
    },
    onPickAuthority(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      page(this).setField('authority', e.currentTarget.dataset.value ?? '');
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setField('reason', e.detail.value);
    },
    onOverrideReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setField('overrideReason', e.detail.value);
    },
    onGuidance(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setField('guidance', e.detail.value);
    },
    async submit() {
      const p = page(this);
      const { mode, form, caseId, needsOverride, submitting } = p.data;
      if (submitting || !mode) return;
      const errors = clientErrors(mode, form, needsOverride);
      if (Object.keys(errors).length) {
        p.setData({ errors });
        return;
      }
      const override = needsOverride ? { overrideReason: form.overrideReason.trim() } : {};
      const [action, payload]: [string, Record<string, unknown>] =
        mode === 'accept'
          ? [p.data.view?.status === 'transferring' ? 'acceptTransfer' : 'accept', p.data.view?.status === 'transferring' ? { caseId } : { caseId, ...override }]
          : mode === 'transfer'
            ? ['transfer', { caseId, toOrgId: form.toOrgId, reason: form.reason.trim(), ...override }]
            : mode === 'refer'
              ? ['referOut', { caseId, authority: form.authority, guidance: form.guidance.trim(), reason: form.reason.trim() }]
              : ['returnTransfer', { caseId, reason: form.reason.trim() }];
      p.setData({ submitting: true });
      const res = await callFunction<{ statusLabel: string; holder: { name: string } }>('case', action, payload, { requestId: intentId(this, [action, payload]) });
      p.setData({ submitting: false });
      if (res.ok) {
        settleIntent(this);
        showSuccess(mode === 'transfer' ? '已转办' : mode === 'refer' ? '已告知引导' : mode === 'return' ? '已退回' : '已受理');
        await p.load();
        return;
      }
      if (res.code !== 'NETWORK_ERROR') settleIntent(this);
      const fields = (res as ErrResult).fields ?? {};
      const inPlace: Errors = {};
      for (const key of Object.keys(FORM) as Array<keyof Form>) if (fields[key]) inPlace[key] = fields[key];
      if (res.code === 'OVERRIDE_REASON_REQUIRED') {
        inPlace.overrideReason = res.message || '与分流建议不一致，请写明理由';
        p.setData({ needsOverride: true, forcedOverride: true });
      }
      if (Object.keys(inPlace).length) p.setData({ errors: inPlace });
      else showError(res);
    },
    onSubmit() {
      void page(this).submit();
    },
    onAssign() {
      wx.navigateTo({ url: `${ROUTES.directorAssign}?id=${encodeURIComponent(page(this).data.caseId)}` });
    },
  },
});
