// 专家库: the district's invited expert mediators (特邀调解员 — lawyers, retired judges, engineers, doctors,
// counsellors). Directors of the district centre add, edit and withdraw experts, invite each one's WeChat account
// and call them (the full number is read through an audited action, never kept on the page). Opened from a case
// (`?caseId=`, 邀请专家参与 on the case page), the case's director picks an active expert and gives the reason, or
// takes one off the case. Phone numbers are shown masked.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { caseApi, orgApi } from '../../../../services/index';
import type { Expert } from '../../../../services/types';
import { confirmWithReason } from '../../../../utils/dialogs';
import { formatTime } from '../../../../utils/format';

/** The fields seed 001 names; the director may type another. */
const FIELDS = ['法律', '建筑工程', '医疗', '心理', '婚姻家庭', '其他'];

interface Row {
  expertId: string;
  name: string;
  note: string;
  state: string;
  active: boolean;
  joined: boolean;
  pickable: boolean;
  onCase: boolean;
}

const EMPTY_FORM = { expertId: '', name: '', field: '', affiliation: '', mobile: '' };

function stateOf(e: Expert): string {
  if (e.recused) return '已回避本案';
  if (e.onCase) return '已参与本案';
  if (!e.active) return '已停用';
  if (!e.joined) return '未加入微信';
  return '可邀请';
}

export function expertRows(items: readonly Expert[]): Row[] {
  return items.map((e) => ({
    expertId: e.expertId,
    name: e.name,
    note: `${e.field} · ${e.affiliation} · ${e.mobileMasked}`,
    state: stateOf(e),
    active: e.active,
    joined: e.joined,
    pickable: e.active && e.joined && !e.onCase && !e.recused,
    onCase: Boolean(e.onCase),
  }));
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    caseId: '',
    orgId: '',
    orgName: '',
    mayEdit: false,
    rows: [] as Row[],
    fields: FIELDS,
    /** The add / edit form (directors of the district centre). */
    form: { ...EMPTY_FORM },
    editing: false,
    /** Picking for a case: the chosen expert and why. */
    selected: '',
    reason: '',
    error: '',
    /** An invitation code just issued for an expert: shown once. */
    issued: null as { name: string; code: string; expiresText: string } | null,
  },
  onLoad(query) {
    this.setData({ caseId: query.caseId ?? '' });
  },
  async load() {
    const caseId = this.data.caseId;
    const data = await this.runLoad(() => orgApi.experts({ includeInactive: !caseId, ...(caseId ? { caseId } : {}) }), {
      isEmpty: (d) => d.items.length === 0 && !d.mayEdit,
    });
    if (!data) return;
    this.setData({ orgId: data.orgId, orgName: data.orgName, mayEdit: data.mayEdit && !caseId, rows: expertRows(data.items) });
  },
  methods: {
    onFormField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>) {
      const key = String(e.currentTarget.dataset.field ?? '');
      this.setData({ [`form.${key}`]: e.detail.value });
    },
    onPickField(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      this.setData({ 'form.field': e.currentTarget.dataset.value ?? '' });
    },
    onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const row = this.data.rows.find((r) => r.expertId === e.currentTarget.dataset.id);
      if (!row) return;
      const [field, affiliation] = row.note.split(' · ');
      // The number on file stays unless a new one is typed.
      this.setData({ form: { expertId: row.expertId, name: row.name, field, affiliation, mobile: '' }, editing: true, error: '' });
    },
    onCancelEdit() {
      this.setData({ form: { ...EMPTY_FORM }, editing: false, error: '' });
    },
    async onSave() {
      const f = this.data.form;
      const row = this.data.rows.find((r) => r.expertId === f.expertId);
      const input = {
        ...(f.expertId ? { expertId: f.expertId } : {}),
        name: f.name.trim(),
        field: f.field.trim(),
        affiliation: f.affiliation.trim(),
        ...(f.mobile.trim() ? { mobile: f.mobile.trim() } : {}),
        active: row ? row.active : true,
      };
      const saved = await this.submit(orgApi.saveExpert, input, { done: f.expertId ? '已保存' : '已登记', fields: ['name', 'field', 'affiliation', 'mobile'] });
      if (saved) this.setData({ form: { ...EMPTY_FORM }, editing: false });
    },
    async onToggleActive(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const row = this.data.rows.find((r) => r.expertId === e.currentTarget.dataset.id);
      if (!row || this.data.busy) return;
      const [field, affiliation] = row.note.split(' · ');
      await this.submit(orgApi.saveExpert, { expertId: row.expertId, name: row.name, field, affiliation, active: !row.active }, { done: row.active ? '已停用' : '已启用' });
    },
    async onInvite(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const row = this.data.rows.find((r) => r.expertId === e.currentTarget.dataset.id);
      if (!row || this.data.busy) return;
      const issued = await this.submit(orgApi.inviteStaff, { orgId: this.data.orgId, role: 'expert', note: row.name, expertId: row.expertId }, { reload: false });
      if (issued) this.setData({ issued: { name: row.name, code: issued.code, expiresText: formatTime(issued.expiresAt) } });
    },
    /** Tap-to-call: the number is read now (logged), used for the call and not kept. */
    async onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (!id || this.data.busy) return;
      const contact = await this.submit(orgApi.revealExpertPhone, { expertId: id }, { reload: false });
      if (contact) wx.makePhoneCall({ phoneNumber: contact.mobile, fail: () => undefined });
    },
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const row = this.data.rows.find((r) => r.expertId === e.currentTarget.dataset.id);
      if (!row || !this.data.caseId) return;
      if (!row.pickable) {
        this.setData({ error: `${row.name}${row.state}，不能选择` });
        return;
      }
      this.setData({ selected: row.expertId, error: '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value });
    },
    async onAddToCase() {
      const { caseId, selected, reason } = this.data;
      if (!selected) {
        this.setData({ error: '请选择专家' });
        return;
      }
      if (reason.trim().length < 2) {
        this.setData({ error: '请写明邀请专家参与的理由' });
        return;
      }
      this.setData({ error: '' });
      const done = await this.submit(caseApi.addExpert, { caseId, expertId: selected, reason: reason.trim() }, { done: '已邀请专家参与', reload: false, fields: ['reason'] });
      if (done) wx.navigateBack({ delta: 1 });
    },
    async onRemoveFromCase(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const row = this.data.rows.find((r) => r.expertId === e.currentTarget.dataset.id);
      if (!row || this.data.busy) return;
      const reason = await confirmWithReason(`请${row.name}退出本案？`, '写明理由，如已出具专业意见', '撤回');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请写明理由', icon: 'none' });
        return;
      }
      await this.submit(caseApi.removeExpert, { caseId: this.data.caseId, expertId: row.expertId, reason }, { done: '已撤回' });
    },
  },
});
