// The privacy authorization flow WeChat requires before any personal-information API runs
// (手机号、位置、相册/相机、剪贴板……). WeChat pauses the API and calls our handler; the <privacy-popup>
// on the current page explains why and offers 同意 (an open-type="agreePrivacyAuthorization" button) or
// 拒绝. Refusing only fails that one API: everything that needs no personal information keeps working.

export type PrivacyResolveEvent = 'agree' | 'disagree' | 'exposureAuthorization';
export type PrivacyResolve = (res: { event: PrivacyResolveEvent; buttonId?: string }) => void;

/** What a popup is asked to show: which feature asked, and how to answer. */
export interface PrivacyRequest {
  /** The API or component that asked, e.g. "chooseMedia" or "button.getPhoneNumber". */
  referrer: string;
  agree(buttonId: string): void;
  disagree(): void;
}

export interface PrivacyPopupHandle {
  /** True while the popup's page is on screen. */
  isActive(): boolean;
  open(request: PrivacyRequest): void;
}

// The platform typings declare this API with the wrong callback shape; this is the documented one.
interface PrivacyWx {
  onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve, eventInfo?: { referrer?: string }) => void) => void;
  requirePrivacyAuthorize?: (opts: { success?: () => void; fail?: (err: { errMsg: string }) => void }) => void;
  getPrivacySetting?: (opts: {
    success?: (res: { needAuthorization: boolean; privacyContractName: string }) => void;
    fail?: () => void;
  }) => void;
  openPrivacyContract?: (opts: { fail?: () => void }) => void;
}

const privacyWx = (): PrivacyWx => wx as unknown as PrivacyWx;

const popups: PrivacyPopupHandle[] = [];
let installed = false;

/** Popups register themselves while attached; the newest active one answers. */
export function registerPrivacyPopup(popup: PrivacyPopupHandle): () => void {
  popups.push(popup);
  return () => {
    const i = popups.indexOf(popup);
    if (i >= 0) popups.splice(i, 1);
  };
}

/** Handles one platform request: show the popup of the page on screen, or refuse if there is none. */
export function handlePrivacyRequest(resolve: PrivacyResolve, referrer = ''): void {
  const popup = [...popups].reverse().find((p) => p.isActive());
  if (!popup) {
    // Without a popup the user could never answer and the feature would hang; failing it is kinder.
    resolve({ event: 'disagree' });
    return;
  }
  let answered = false;
  const once = (fn: () => void) => () => {
    if (answered) return;
    answered = true;
    fn();
  };
  resolve({ event: 'exposureAuthorization' });
  popup.open({
    referrer,
    agree: (buttonId: string) => once(() => resolve({ event: 'agree', buttonId }))(),
    disagree: once(() => resolve({ event: 'disagree' })),
  });
}

/** Called once from app.ts. Older base libraries have no privacy API and need nothing. */
export function installPrivacyHandler(): void {
  const api = privacyWx();
  if (installed || !api.onNeedPrivacyAuthorization) return;
  installed = true;
  api.onNeedPrivacyAuthorization((resolve, eventInfo) => handlePrivacyRequest(resolve, eventInfo?.referrer ?? ''));
}

/** Whether the user still has to agree to the privacy guide (false on old base libraries). */
export function needsPrivacyAuthorization(): Promise<boolean> {
  const api = privacyWx();
  return new Promise((resolve) => {
    if (!api.getPrivacySetting) return resolve(false);
    api.getPrivacySetting({ success: (res) => resolve(res.needAuthorization), fail: () => resolve(false) });
  });
}

/** Asks for agreement up front (shows the popup if needed); resolves true if the user agreed. */
export function requestPrivacyAuthorization(): Promise<boolean> {
  const api = privacyWx();
  return new Promise((resolve) => {
    if (!api.requirePrivacyAuthorize) return resolve(true);
    api.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

export function openPrivacyContract(): void {
  privacyWx().openPrivacyContract?.({
    fail: () => wx.showToast({ title: '暂时无法打开隐私保护指引，请稍后再试', icon: 'none' }),
  });
}

/** True when an API failed because the user declined the privacy guide. */
export function isPrivacyDenied(err: unknown): boolean {
  const e = err as { errMsg?: string; errno?: number } | null;
  return !!e && (e.errno === 104 || /privacy permission is not authorized/i.test(e.errMsg ?? ''));
}
