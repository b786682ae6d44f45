// 工作身份: for staff, one entry per role they hold (role × organisation) that opens its workbench and makes it
// the identity the staff pages act in; residents see nothing here but the field to redeem a director's
// invitation code. Roles come from `user.me`; organisation names from `org.directory`.
import { callFunction } from '../../services/call';
import { showError, showSuccess } from '../../services/feedback';
import { chooseGrant, chosenGrant, intentId, ROLE_LABEL, RoleGrant, settleIntent, WORKBENCH } from '../../utils/staff';

interface Entry extends RoleGrant {
  key: string;
  title: string;
  current: boolean;
}

interface Host {
  data: { entries: Entry[]; code: string; name: string; joining: boolean };
  setData(patch: Record<string, unknown>): void;
  refresh(): Promise<void>;
}

const host = (self: unknown) => self as Host;

Component({
  data: {
    entries: [] as Entry[],
    code: '',
    name: '',
    joining: false,
    showJoin: false,
  },
  lifetimes: {
    attached() {
      void host(this).refresh();
    },
  },
  methods: {
    async refresh() {
      const me = await callFunction<{ roles: RoleGrant[] }>('user', 'me', {});
      if (!me.ok) return; // nothing to offer; the rest of 我的 works without it
      const grants = (me.data.roles ?? []).filter((g) => WORKBENCH[g.role]);
      if (grants.length === 0) {
        host(this).setData({ entries: [] });
        return;
      }
      const dir = await callFunction<{ orgs: Array<{ id: string; name: string }> }>('org', 'directory', {});
      const names = new Map(dir.ok ? dir.data.orgs.map((o) => [o.id, o.name]) : []);
      const chosen = chosenGrant();
      host(this).setData({
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
      const entry = host(this).data.entries.find((x) => x.key === e.currentTarget.dataset.key);
      if (!entry) return;
      chooseGrant(entry);
      host(this).setData({ entries: host(this).data.entries.map((x) => ({ ...x, current: x.key === entry.key })) });
      wx.navigateTo({ url: WORKBENCH[entry.role] });
    },
    onToggleJoin() {
      const self = this as unknown as { data: { showJoin: boolean }; setData(p: Record<string, unknown>): void };
      self.setData({ showJoin: !self.data.showJoin });
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      host(this).setData({ code: e.detail.value.trim().toUpperCase() });
    },
    onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      host(this).setData({ name: e.detail.value });
    },
    async onJoin() {
      const h = host(this);
      const { code, name, joining } = h.data;
      if (joining) return;
      if (!code || !name.trim()) {
        wx.showToast({ title: '请填写邀请码和您的姓名', icon: 'none' });
        return;
      }
      const payload = { code, name: name.trim() };
      h.setData({ joining: true });
      const res = await callFunction<{ roleLabel: string; orgName: string }>('org', 'joinStaff', payload, { requestId: intentId(this, payload) });
      h.setData({ joining: false });
      if (!res.ok) {
        if (res.code !== 'NETWORK_ERROR') settleIntent(this);
        showError(res);
        return;
      }
      settleIntent(this);
      showSuccess(`已成为${res.data.roleLabel}`);
      h.setData({ code: '', name: '', showJoin: false });
      await h.refresh();
    },
  },
});
