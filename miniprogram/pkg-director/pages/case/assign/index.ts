// 指派调解员: the director picks the case's mediator from the organisation's staff, seeing each mediator's
// open caseload and who was recused on this case (回避; they cannot be picked). Changing the mediator later
// needs a reason, which the server enforces.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, showError, showSuccess } from '../../../../services/index';
import { guarded, intentId, RoleGrant, settleIntent } from '../../../../utils/staff';

/** `org.staff` answer (src/server/org/staff.ts). */
interface StaffAnswer {
  orgId: string;
  staff: Array<{ openid: string; name: string; roles: string[]; openCases?: number; recused?: boolean }>;
}

interface MediatorRow {
  openid: string;
  name: string;
  note: string;
  recused: boolean;
  load: number;
}

interface AssignPage {
  data: { caseId: string; grant: RoleGrant | null; selected: string; reason: string; submitting: boolean; mediators: MediatorRow[] };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as AssignPage;

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    caseId: '',
    grant: null as RoleGrant | null,
    mediators: [] as MediatorRow[],
    selected: '',
    reason: '',
    error: '',
    submitting: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      page(this).setData({ caseId: query.id ?? '' });
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const data = await p.runLoad(
        () =>
          guarded(['director'], '调委会主任', (grant) => {
            p.setData({ grant });
            return callFunction<StaffAnswer>('org', 'staff', { orgId: grant.orgId, caseId: p.data.caseId });
          }),
        { isEmpty: (d) => !d.staff.some((s) => s.roles.includes('mediator')) },
      );
      if (!data) return;
      const mediators = data.staff
        .filter((s) => s.roles.includes('mediator'))
        .map((s) => ({
          openid: s.openid,
          name: s.name || '（未填写姓名）',
          recused: !!s.recused,
          load: s.openCases ?? 0,
          note: s.recused ? '已回避，不能指派' : `在办 ${s.openCases ?? 0} 件`,
        }))
        // Least loaded first; recused at the end.
        .sort((a, b) => Number(a.recused) - Number(b.recused) || a.load - b.load);
      p.setData({ mediators });
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const p = page(this);
      const m = p.data.mediators.find((x) => x.openid === e.currentTarget.dataset.id);
      if (!m) return;
      if (m.recused) {
        p.setData({ error: `${m.name}已在本案回避，请选择其他调解员` });
        return;
      }
      p.setData({ selected: m.openid, error: '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ reason: e.detail.value });
    },
    async onSubmit() {
      const p = page(this);
      const { caseId, selected, reason, submitting } = p.data;
      if (submitting) return;
      if (!selected) {
        p.setData({ error: '请选择调解员' });
        return;
      }
      const payload = { caseId, mediatorId: selected, ...(reason.trim() ? { reason: reason.trim() } : {}) };
      p.setData({ submitting: true });
      const res = await callFunction('case', 'assignMediator', payload, { requestId: intentId(this, payload) });
      p.setData({ submitting: false });
      if (res.ok) {
        settleIntent(this);
        showSuccess('已指派');
        wx.navigateBack({ delta: 1 });
        return;
      }
      if (res.code !== 'NETWORK_ERROR') settleIntent(this);
      p.setData({ error: res.fields?.reason ?? showError(res) });
    },
  },
});
