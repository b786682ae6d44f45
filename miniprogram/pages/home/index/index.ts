// 首页: what people's mediation is, in plain words, and the ways in.
import { definePage } from '../../../kit/page';
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
