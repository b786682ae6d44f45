// 我的: a resident's own things first (我的案件, 消息, 我的数据), then display (大字模式) and privacy (the guide, once),
// and last the staff entry (工作身份, 加入调委会).
import { definePage } from '../../../kit/page';
import { chooseLargeText } from '../../../utils/prefs-sync';
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
    onLargeTextChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      return chooseLargeText(this, !!e.detail.value);
    },
    onLargeTextRow() {
      return chooseLargeText(this, !this.data.largeText);
    },
    /** The switch handled its own tap (onLargeTextChange); the row must not toggle it back. */
    onSwitchTap() {},
    onOpenPrivacyGuide() {
      openPrivacyContract();
    },
    async onAgreePrivacy() {
      await requestPrivacyAuthorization();
      await this.refreshPrivacy();
    },
    onMyCases() {
      wx.switchTab({ url: ROUTES.myCases });
    },
    onInbox() {
      wx.navigateTo({ url: ROUTES.inbox });
    },
    onMyData() {
      wx.navigateTo({ url: ROUTES.myData });
    },
  },
});
