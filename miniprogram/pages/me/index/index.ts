// 我的: display settings (大字模式), privacy, and the resident's own data.
import { largeTextBehavior } from '../../../behaviors/large-text';
import { setPrefs } from '../../../utils/prefs';
import { needsPrivacyAuthorization, openPrivacyContract, requestPrivacyAuthorization } from '../../../utils/privacy';
import { ROUTES } from '../../../utils/routes';

interface MePage {
  setData(patch: Record<string, unknown>): void;
  refreshPrivacy(): Promise<void>;
}

Component({
  behaviors: [largeTextBehavior],
  data: {
    /** null until known: some base libraries cannot tell. */
    privacyAgreed: null as boolean | null,
  },
  methods: {
    onShow() {
      void (this as unknown as MePage).refreshPrivacy();
    },
    async refreshPrivacy() {
      const needed = await needsPrivacyAuthorization();
      (this as unknown as MePage).setData({ privacyAgreed: !needed });
    },
    onLargeTextChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      setPrefs({ largeText: !!e.detail.value });
    },
    onOpenPrivacyGuide() {
      openPrivacyContract();
    },
    async onAgreePrivacy() {
      await requestPrivacyAuthorization();
      await (this as unknown as MePage).refreshPrivacy();
    },
    onInbox() {
      wx.navigateTo({ url: ROUTES.inbox });
    },
    onMyData() {
      wx.navigateTo({ url: ROUTES.myData });
    },
  },
});
