// 指派调解员: the director picks the case's mediator from the organisation's staff, seeing each mediator's
// open caseload (as the timer's roll-up last counted it: the page says as of when) and who was recused on this
// case (回避; they cannot be picked). Changing the mediator later needs a reason, which the server enforces.
import { definePage } from '../../../../kit/page';
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { caseApi, orgApi } from '../../../../services/index';
import { caseloadsAsOfText } from '../../../../utils/staff';

interface MediatorRow {
  openid: string;
  name: string;
  note: string;
  recused: boolean;
  load: number;
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    caseId: '',
    mediators: [] as MediatorRow[],
    /** 在办案件数统计截至 <time>. */
    asOfText: '',
    selected: '',
    reason: '',
    error: '',
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load(grant) {
    const data = await this.runLoad(() => orgApi.staff({ orgId: grant.orgId, caseId: this.data.caseId }), {
      isEmpty: (d) => !d.staff.some((s) => s.roles.includes('mediator')),
    });
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
    this.setData({ mediators, asOfText: caseloadsAsOfText(data) });
  },
  methods: {
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const m = this.data.mediators.find((x) => x.openid === e.currentTarget.dataset.id);
      if (!m) return;
      if (m.recused) {
        this.setData({ error: `${m.name}已在本案回避，请选择其他调解员` });
        return;
      }
      this.setData({ selected: m.openid, error: '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value });
    },
    async onSubmit() {
      const { caseId, selected, reason } = this.data;
      if (!selected) {
        this.setData({ error: '请选择调解员' });
        return;
      }
      const input = { caseId, mediatorId: selected, ...(reason.trim() ? { reason: reason.trim() } : {}) };
      this.setData({ error: '' });
      const done = await this.submit(caseApi.assignMediator, input, { done: '已指派', reload: false, fields: ['reason'] });
      if (done) wx.navigateBack({ delta: 1 });
    },
  },
});
