// 工作身份: for staff, one entry per role they hold (role × organisation) that opens its workbench and makes it
// the identity the staff pages act in; residents see nothing here but the field to redeem a director's
// invitation code. Roles come from `user.me`; organisation names from `org.directory`.
// A component, not a page: it keeps its own busy flag and the request id of the join it is sending.
import { orgApi, showError, showSuccess, userApi } from '../../services/index';
import { newRequestId } from '../../services/request-id';
import type { RoleGrant } from '../../services/types';
import { chooseGrant, chosenGrant, ROLE_LABEL, WORKBENCH } from '../../utils/staff';

interface Entry extends RoleGrant {
  key: string;
  title: string;
  current: boolean;
}

Component({
  properties: {
    /** A code from the director's invitation link (`pages/me/index/index?staffCode=`): shown filled in, ready to join. */
    inviteCode: { type: String, value: '' },
  },
  observers: {
    inviteCode(code: string) {
      const clean = String(code ?? '').trim().toUpperCase();
      if (/^[A-Z2-7]{26}$/.test(clean)) this.setData({ code: clean, showJoin: true });
    },
  },
  data: {
    entries: [] as Entry[],
    code: '',
    name: '',
    joining: false,
    showJoin: false,
    /**
     * The join being sent: the same code and name sent again (a retry after a network failure, a double tap)
     * keep their request id, so the server answers it once; a definite answer ends it.
     */
    joinIntent: { key: '', id: '' },
  },
  lifetimes: {
    attached() {
      void this.refresh();
    },
  },
  methods: {
    async refresh() {
      const me = await userApi.me({});
      if (!me.ok) return; // nothing to offer; the rest of 我的 works without it
      const grants = (me.data.roles ?? []).filter((g) => WORKBENCH[g.role]);
      if (grants.length === 0) {
        this.setData({ entries: [] });
        return;
      }
      const dir = await orgApi.directory({});
      const names = new Map(dir.ok ? dir.data.orgs.map((o) => [o.id, o.name]) : []);
      const chosen = chosenGrant();
      this.setData({
        entries: grants.map((g) => ({
          role: g.role,
          orgId: g.orgId,
          key: `${g.role}:${g.orgId}`,
          title: `${ROLE_LABEL[g.role] ?? g.role} · ${names.get(g.orgId) ?? g.orgId}`,
          current: !!chosen && chosen.role === g.role && chosen.orgId === g.orgId,
        })),
      });
    },
    onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key?: string }>) {
      const entry = this.data.entries.find((x) => x.key === e.currentTarget.dataset.key);
      if (!entry) return;
      chooseGrant(entry);
      this.setData({ entries: this.data.entries.map((x) => ({ ...x, current: x.key === entry.key })) });
      wx.navigateTo({ url: WORKBENCH[entry.role] });
    },
    onToggleJoin() {
      this.setData({ showJoin: !this.data.showJoin });
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: e.detail.value.trim().toUpperCase() });
    },
    onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ name: e.detail.value });
    },
    async onJoin() {
      const { code, name, joining, joinIntent } = this.data;
      if (joining) return;
      if (!code || !name.trim()) {
        wx.showToast({ title: '请填写邀请码和您的姓名', icon: 'none' });
        return;
      }
      const input = { code, name: name.trim() };
      const key = JSON.stringify(input);
      const requestId = joinIntent.key === key ? joinIntent.id : newRequestId();
      this.setData({ joining: true, joinIntent: { key, id: requestId } });
      const res = await orgApi.joinStaff(input, { requestId });
      this.setData({ joining: false });
      if (!res.ok) {
        // After a network failure the next tap is a retry of the same join; any other answer ends it.
        if (res.code !== 'NETWORK_ERROR') this.setData({ joinIntent: { key: '', id: '' } });
        showError(res);
        return;
      }
      showSuccess(`已成为${res.data.roleLabel}`);
      this.setData({ code: '', name: '', showJoin: false, joinIntent: { key: '', id: '' } });
      await this.refresh();
    },
  },
});
