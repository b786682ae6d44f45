// Put <privacy-popup /> on every page that calls a personal-information API or uses an open-type
// button that needs one. It only opens when WeChat asks (see utils/privacy.ts).
import { PrivacyRequest, openPrivacyContract, registerPrivacyPopup } from '../../utils/privacy';

/** What each feature is for, in the words of the popup ("为了…，需要…"). */
const PURPOSES: Record<string, string> = {
  chooseMedia: '上传纠纷相关的照片或视频',
  chooseImage: '上传纠纷相关的照片',
  chooseMessageFile: '上传聊天中的文件作为材料',
  getLocation: '确定纠纷发生地，匹配就近的调解组织',
  getFuzzyLocation: '匹配就近的调解组织',
  chooseLocation: '选择纠纷发生地',
  'button.getPhoneNumber': '获取您的手机号，便于调解员联系您，或核实您是受邀的当事人',
  'button.getRealtimePhoneNumber': '获取您的手机号，便于调解员联系您',
  'button.chooseAvatar': '设置头像',
  setClipboardData: '复制案件编号',
  getClipboardData: '读取剪贴板中的案件编号',
};

interface Handle {
  request?: PrivacyRequest;
  active: boolean;
  unregister?: () => void;
}

const handles = new WeakMap<object, Handle>();

function handleOf(host: object): Handle {
  let h = handles.get(host);
  if (!h) {
    h = { active: true };
    handles.set(host, h);
  }
  return h;
}

Component({
  data: {
    visible: false,
    purpose: '',
  },
  lifetimes: {
    attached() {
      const h = handleOf(this);
      h.unregister = registerPrivacyPopup({
        isActive: () => h.active,
        open: (request) => {
          h.request = request;
          this.setData({ visible: true, purpose: PURPOSES[request.referrer] ?? '使用此功能' });
        },
      });
    },
    detached() {
      const h = handleOf(this);
      h.unregister?.();
      // A page closed with the popup open counts as a refusal, so the paused API does not hang.
      h.request?.disagree();
      h.request = undefined;
    },
  },
  pageLifetimes: {
    show() {
      handleOf(this).active = true;
    },
    hide() {
      handleOf(this).active = false;
    },
  },
  methods: {
    onOpenContract() {
      openPrivacyContract();
    },
    onAgree() {
      const h = handleOf(this);
      h.request?.agree('privacy-agree');
      h.request = undefined;
      this.setData({ visible: false });
      this.triggerEvent('answer', { agreed: true });
    },
    onDisagree() {
      const h = handleOf(this);
      h.request?.disagree();
      h.request = undefined;
      this.setData({ visible: false });
      this.triggerEvent('answer', { agreed: false });
    },
  },
});
