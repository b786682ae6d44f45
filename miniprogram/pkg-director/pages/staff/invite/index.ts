// 邀请工作人员: a director issues a single-use, 7-day invitation code for one role at their organisation;
// the invitee enters it under 我的. The page also lists the organisation's staff and recent invitations, and a
// director removes a role from someone who leaves (with a reason; recorded in the organisation's staff chain,
// which 人员变动记录 shows). Each mediator's open caseload is shown as the timer's roll-up last counted it, and
// the page says as of when (在办案件数统计截至).
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { orgApi } from '../../../../services/index';
import type { StaffInvite, StaffList, StaffRole } from '../../../../services/types';
import { confirmWithReason } from '../../../../utils/dialogs';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';
import { caseloadsAsOfText } from '../../../../utils/staff';

/** Roles a director hands out at their own organisation (director and supervisor roles only go below it). */
const ROLES = (['mediator', 'intake', 'officer'] as const).map((value) => ({ value, label: STAFF_ROLE_LABEL[value] }));

/** "调解员、窗口工作人员", and a mediator's open cases: "调解员 · 在办 3 件". */
function rolesText(s: StaffList['staff'][number]): string {
  const roles = s.roles.map((r) => STAFF_ROLE_LABEL[r]).join('、');
  return s.openCases === undefined ? roles : `${roles} · 在办 ${s.openCases} 件`;
}

function pickRole(roles: StaffRole[]): Promise<StaffRole | undefined> {
  return new Promise((resolve) => {
    wx.showActionSheet({
      itemList: roles.map((r) => `移除“${STAFF_ROLE_LABEL[r]}”身份`),
      success: (res) => resolve(roles[res.tapIndex]),
      fail: () => resolve(undefined),
    });
  });
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    roles: ROLES,
    role: 'mediator' as StaffRole,
    note: '',
    error: '',
    issued: null as (StaffInvite & { expiresText: string }) | null,
    staff: [] as Array<{ openid: string; name: string; roles: StaffRole[]; rolesText: string }>,
    /** 在办案件数统计截至 <time>: the caseloads are the last roll-up's. */
    asOfText: '',
    invites: [] as Array<{ note: string; roleLabel: string; state: string }>,
  },
  async load(grant) {
    const data = await this.runLoad(() => orgApi.staff({ orgId: grant.orgId }), { isEmpty: () => false });
    if (!data) return;
    this.setData({
      staff: data.staff.map((s) => ({ openid: s.openid, name: s.name || '（未填写姓名）', roles: s.roles, rolesText: rolesText(s) })),
      asOfText: caseloadsAsOfText(data),
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
    /** Tapping someone in the list: which role to remove (when they hold several), why, then remove it. */
    async onStaff(e: WechatMiniprogram.BaseEvent<Record<string, never>, { openid?: string }>) {
      const person = this.data.staff.find((p) => p.openid === e.currentTarget.dataset.openid);
      const grant = this.data.grant;
      if (!person || !grant || this.data.busy) return;
      const role = person.roles.length === 1 ? person.roles[0] : await pickRole(person.roles);
      if (!role) return;
      const reason = await confirmWithReason(`移除${person.name}的“${STAFF_ROLE_LABEL[role]}”身份？`, '请填写理由，如调离、退休', '移除', '#c9353f');
      if (reason === undefined) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请填写移除理由', icon: 'none' });
        return;
      }
      await this.submit(orgApi.removeStaff, { orgId: grant.orgId, openid: person.openid, role, reason }, { done: '已移除' });
    },
    onStaffAudit() {
      wx.navigateTo({ url: ROUTES.directorStaffAudit });
    },
    onCopy() {
      // The invitee types the code under 我的 → 加入调委会; nothing personal is in it.
      const code = this.data.issued?.code;
      if (code) wx.showModal({ title: '邀请码', content: code, showCancel: false });
    },
  },
});
