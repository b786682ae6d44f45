// 邀请工作人员: a director issues a single-use, 7-day invitation code for one role at their organisation;
// the invitee enters it under 我的. The page also lists the organisation's staff and recent invitations.
import { largeTextBehavior } from '../../../../behaviors/large-text';
import { loadStateBehavior, RunLoadOptions } from '../../../../behaviors/load-state';
import { callFunction, CallResult, showError } from '../../../../services/index';
import { formatTime, guarded, intentId, ROLE_LABEL, RoleGrant, settleIntent } from '../../../../utils/staff';

interface StaffAnswer {
  orgId: string;
  staff: Array<{ openid: string; name: string; roles: string[]; openCases?: number }>;
  invites: Array<{ note: string; roleLabel: string; expiresAt: string; used: boolean }>;
}

interface Issued {
  code: string;
  expiresAt: string;
  orgName: string;
  roleLabel: string;
}

/** Roles a director hands out at their own organisation (director and supervisor roles only go below it). */
const ROLES = ['mediator', 'intake', 'officer'].map((value) => ({ value, label: ROLE_LABEL[value] }));

interface InvitePage {
  data: { grant: RoleGrant | null; role: string; note: string; submitting: boolean };
  runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  setData(patch: Record<string, unknown>): void;
  load(): Promise<void>;
}

const page = (self: unknown) => self as InvitePage;

Component({
  behaviors: [largeTextBehavior, loadStateBehavior],
  data: {
    grant: null as RoleGrant | null,
    roles: ROLES,
    role: 'mediator',
    note: '',
    error: '',
    issued: null as (Issued & { expiresText: string }) | null,
    staff: [] as Array<{ openid: string; name: string; rolesText: string }>,
    invites: [] as Array<{ note: string; roleLabel: string; state: string }>,
    submitting: false,
  },
  methods: {
    onLoad() {
      void page(this).load();
    },
    async load() {
      const p = page(this);
      const data = await p.runLoad(
        () =>
          guarded(['director'], '调委会主任', (grant) => {
            p.setData({ grant });
            return callFunction<StaffAnswer>('org', 'staff', { orgId: grant.orgId });
          }),
        { isEmpty: () => false },
      );
      if (!data) return;
      p.setData({
        staff: data.staff.map((s) => ({ openid: s.openid, name: s.name || '（未填写姓名）', rolesText: s.roles.map((r) => ROLE_LABEL[r] ?? r).join('、') })),
        invites: data.invites.map((i) => ({ note: i.note, roleLabel: i.roleLabel, state: i.used ? '已使用' : `${formatTime(i.expiresAt)}前有效` })),
      });
    },
    onPickRole(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: string }>) {
      page(this).setData({ role: e.currentTarget.dataset.value ?? 'mediator' });
    },
    onNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      page(this).setData({ note: e.detail.value, error: '' });
    },
    async onSubmit() {
      const p = page(this);
      const { grant, role, note, submitting } = p.data;
      if (submitting || !grant) return;
      if (!note.trim()) {
        p.setData({ error: '请填写被邀请人姓名' });
        return;
      }
      const payload = { orgId: grant.orgId, role, note: note.trim() };
      p.setData({ submitting: true });
      const res = await callFunction<Issued>('org', 'inviteStaff', payload, { requestId: intentId(this, payload) });
      p.setData({ submitting: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        p.setData({ error: res.fields?.note ?? showError(res) });
        return;
      }
      settleIntent(this);
      p.setData({ issued: { ...res.data, expiresText: formatTime(res.data.expiresAt) }, note: '' });
      await p.load();
    },
    onCopy() {
      // The invitee types the code under 我的 → 加入调委会; nothing personal is in it.
      const code = (this as unknown as { data: { issued: Issued | null } }).data.issued?.code;
      if (code) wx.showModal({ title: '邀请码', content: code, showCancel: false });
    },
  },
});
