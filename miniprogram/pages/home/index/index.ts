// 首页: what people's mediation is, in plain words, the ways in, and the 大字模式 switch.
import { definePage } from '../../../kit/page';
import { chooseLargeText } from '../../../utils/prefs-sync';
import { ROUTES } from '../../../utils/routes';

const EMERGENCY_NUMBERS = [
  { number: '110', label: '报警' },
  { number: '120', label: '急救' },
] as const;

definePage({
  data: {
    emergency: EMERGENCY_NUMBERS,
  },
  methods: {
    /** 大字模式, right here as on 我的: whoever needs it finds it before anything else. */
    onLargeTextChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      return chooseLargeText(this, !!e.detail.value);
    },
    onLargeTextRow() {
      return chooseLargeText(this, !this.data.largeText);
    },
    /** The switch handled its own tap (onLargeTextChange); the row must not toggle it back. */
    onSwitchTap() {},
    onApply() {
      wx.navigateTo({ url: ROUTES.applyForMediation });
    },
    onInvited() {
      wx.navigateTo({ url: ROUTES.respondentInvite });
    },
    onMyCases() {
      wx.switchTab({ url: ROUTES.myCases });
    },
    onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { number?: string }>) {
      const number = e.currentTarget.dataset.number;
      if (number) wx.makePhoneCall({ phoneNumber: number, fail: () => undefined });
    },
  },
});
