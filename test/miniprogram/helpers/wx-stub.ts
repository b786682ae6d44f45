// A stand-in for the `wx` global: what simulate does not provide. Storage is in memory; navigation,
// toasts and phone calls are jest mocks so tests can assert what the user would see happen.

export interface WxStub {
  storage: Map<string, unknown>;
  getStorageSync: jest.Mock;
  setStorageSync: jest.Mock;
  removeStorageSync: jest.Mock;
  showToast: jest.Mock;
  hideToast: jest.Mock;
  showModal: jest.Mock;
  showLoading: jest.Mock;
  hideLoading: jest.Mock;
  navigateTo: jest.Mock;
  redirectTo: jest.Mock;
  switchTab: jest.Mock;
  navigateBack: jest.Mock;
  reLaunch: jest.Mock;
  makePhoneCall: jest.Mock;
  stopPullDownRefresh: jest.Mock;
  request: jest.Mock;
  cloud: { init: jest.Mock; callFunction: jest.Mock };
  onNeedPrivacyAuthorization: jest.Mock;
  requirePrivacyAuthorize: jest.Mock;
  getPrivacySetting: jest.Mock;
  openPrivacyContract: jest.Mock;
  getSystemInfoSync: jest.Mock;
  getWindowInfo: jest.Mock;
  getDeviceInfo: jest.Mock;
  getAppBaseInfo: jest.Mock;
  canIUse: jest.Mock;
  nextTick: jest.Mock;
  [api: string]: unknown;
}

const windowInfo = { windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, pixelRatio: 2, statusBarHeight: 44, safeArea: { top: 44, bottom: 778, left: 0, right: 375, width: 375, height: 734 } };

// WeChat storage keeps a serialised copy, so later changes to the object do not leak in.
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export function createWxStub(): WxStub {
  const storage = new Map<string, unknown>();
  const ok = () => jest.fn((opts?: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
    opts?.success?.({ errMsg: 'ok' });
    opts?.complete?.({ errMsg: 'ok' });
  });
  return {
    storage,
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? clone(storage.get(key)) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, clone(value))),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    showToast: ok(),
    hideToast: ok(),
    showModal: ok(),
    showLoading: ok(),
    hideLoading: ok(),
    navigateTo: ok(),
    redirectTo: ok(),
    switchTab: ok(),
    navigateBack: ok(),
    reLaunch: ok(),
    makePhoneCall: ok(),
    stopPullDownRefresh: ok(),
    request: jest.fn(),
    // The subscription prompt answered at once (WeChat always calls back; pages wait for it before acting).
    requestSubscribeMessage: jest.fn((opts: { success?: (r: unknown) => void }) => opts.success?.({ errMsg: 'requestSubscribeMessage:ok' })),
    cloud: { init: jest.fn(), callFunction: jest.fn() },
    onNeedPrivacyAuthorization: jest.fn(),
    requirePrivacyAuthorize: ok(),
    getPrivacySetting: jest.fn((opts: { success?: (r: unknown) => void }) =>
      opts.success?.({ needAuthorization: false, privacyContractName: '《人民调解小程序隐私保护指引》', errMsg: 'ok' }),
    ),
    openPrivacyContract: ok(),
    getSystemInfoSync: jest.fn(() => ({ ...windowInfo, platform: 'devtools', SDKVersion: '3.8.0', version: '8.0.50' })),
    getWindowInfo: jest.fn(() => ({ ...windowInfo })),
    getDeviceInfo: jest.fn(() => ({ platform: 'devtools', system: 'iOS 17', brand: 'devtools', model: 'iPhone' })),
    getAppBaseInfo: jest.fn(() => ({ SDKVersion: '3.8.0', version: '8.0.50', language: 'zh_CN', theme: 'light' })),
    canIUse: jest.fn(() => true),
    nextTick: jest.fn((fn: () => void) => setTimeout(fn, 0)),
  };
}

/** Installs a fresh stub as the `wx` global (and `getApp`/`getCurrentPages`) and returns it. */
export function installWx(): WxStub {
  const stub = createWxStub();
  const g = globalThis as Record<string, unknown>;
  g.wx = stub;
  g.getApp = () => ({ globalData: {} });
  g.getCurrentPages = () => [];
  return stub;
}

/** The stub currently installed as `wx`. */
export function currentWx(): WxStub {
  return (globalThis as unknown as { wx: WxStub }).wx;
}
