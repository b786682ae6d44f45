// 我的: display settings (大字模式), privacy, the resident's own data and messages, and the staff entry.
import { definePage } from '../../../kit/page';
import { userApi } from '../../../services/index';
import { setPrefs } from '../../../utils/prefs';
import { needsPrivacyAuthorization, openPrivacyContract, requestPrivacyAuthorization } from '../../../utils/privacy';
import { ROUTES } from '../../../utils/routes';

definePage({
  data: {
    /** null until known: some base libraries cannot tell. */
    privacyAgreed: null as boolean | null,
    /** The code of a director's staff invitation link, handed to the join form. */
    staffCode: '',
  },
  onLoad(query) {
    if (query.staffCode) this.setData({ staffCode: query.staffCode });
  },
  methods: {
    // A tab page: whether the privacy guide was agreed may have changed on another page.
    onShow() {
      return this.refreshPrivacy();
    },
    async refreshPrivacy() {
      const needed = await needsPrivacyAuthorization();
      this.setData({ privacyAgreed: !needed });
    },
    async onLargeTextChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const largeText = !!e.detail.value;
      // At once on this phone; then saved to the account, so it follows the person to another phone.
      setPrefs({ largeText });
      await this.submit(userApi.setPreferences, { largeText }, {
        reload: false,
        onError: () => {
          wx.showToast({ title: '已在本机设置，未能保存到账号', icon: 'none', duration: 2500 });
          return true;
        },
      });
    },
    onOpenPrivacyGuide() {
      openPrivacyContract();
    },
    async onAgreePrivacy() {
      await requestPrivacyAuthorization();
      await this.refreshPrivacy();
    },
    onInbox() {
      wx.navigateTo({ url: ROUTES.inbox });
    },
    onMyData() {
      wx.navigateTo({ url: ROUTES.myData });
    },
  },
});
