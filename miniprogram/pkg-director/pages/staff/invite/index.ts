// 邀请工作人员: a director issues a single-use, 7-day invitation code for one role at their organisation;
// the invitee enters it under 我的. The page also lists the organisation's staff and recent invitations.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { orgApi } from '../../../../services/index';
import type { StaffInvite, StaffRole } from '../../../../services/types';
import { formatTime } from '../../../../utils/staff';

/** Roles a director hands out at their own organisation (director and supervisor roles only go below it). */
const ROLES = (['mediator', 'intake', 'officer'] as const).map((value) => ({ value, label: STAFF_ROLE_LABEL[value] }));

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    roles: ROLES,
    role: 'mediator' as StaffRole,
    note: '',
    error: '',
    issued: null as (StaffInvite & { expiresText: string }) | null,
    staff: [] as Array<{ openid: string; name: string; rolesText: string }>,
    invites: [] as Array<{ note: string; roleLabel: string; state: string }>,
  },
  async load(grant) {
    const data = await this.runLoad(() => orgApi.staff({ orgId: grant.orgId }), { isEmpty: () => false });
    if (!data) return;
    this.setData({
      staff: data.staff.map((s) => ({ openid: s.openid, name: s.name || '（未填写姓名）', rolesText: s.roles.map((r) => STAFF_ROLE_LABEL[r]).join('、') })),
      invites: data.invites.map((i) => ({ note: i.note, roleLabel: i.roleLabel, state: i.used ? '已使用' : `${formatTime(i.expiresAt)}前有效` })),
    });
  },
  methods: {
    onPickRole(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      const picked = ROLES.find((r) => r.value === e.currentTarget.dataset.value);
      if (picked) this.setData({ role: picked.value });
    },
    onNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: e.detail.value, error: '', errors: {} });
    },
    async onSubmit() {
      const { grant, role, note } = this.data;
      if (!grant) return;
      if (!note.trim()) {
        this.setData({ error: '请填写被邀请人姓名' });
        return;
      }
      this.setData({ error: '' });
      const issued = await this.submit(orgApi.inviteStaff, { orgId: grant.orgId, role, note: note.trim() }, { fields: ['note'] });
      // The code is shown once, here; the list below (reloaded) only names the invitation.
      if (issued) this.setData({ issued: { ...issued, expiresText: formatTime(issued.expiresAt) }, note: '' });
    },
    onCopy() {
      // The invitee types the code under 我的 → 加入调委会; nothing personal is in it.
      const code = this.data.issued?.code;
      if (code) wx.showModal({ title: '邀请码', content: code, showCancel: false });
    },
  },
});
