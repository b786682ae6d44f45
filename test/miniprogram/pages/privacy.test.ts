import { currentWx } from '../helpers/wx-stub';
import { loadPage, mp, sleep, tap, visibleText } from '../helpers/simulate';

type PrivacyModule = typeof import('../../../miniprogram/utils/privacy');

/** Opens 我的 (it carries the popup) and plays WeChat asking for authorization on behalf of `referrer`. */
function askOnMePage(referrer: string) {
  const page = loadPage('pages/me/index/index');
  mp<PrivacyModule>('utils/privacy').installPrivacyHandler();
  const [listener] = currentWx().onNeedPrivacyAuthorization.mock.calls[0];
  const resolve = jest.fn();
  listener(resolve, { referrer });
  return { page, resolve };
}

describe('privacy authorization', () => {
  it('WeChat asking opens the popup, which says why and links the guide', async () => {
    const { page, resolve } = askOnMePage('chooseMedia');
    await sleep();
    const text = visibleText(page);
    expect(text).toContain('隐私保护提示');
    expect(text).toContain('上传纠纷相关的照片或视频');
    expect(text).toContain('《人民调解小程序隐私保护指引》');
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });

    await tap(page.querySelector('#privacy')!, '.privacy-link');
    expect(currentWx().openPrivacyContract).toHaveBeenCalled();
  });

  it('同意 goes through the agreePrivacyAuthorization button and lets the API continue', async () => {
    const { page, resolve } = askOnMePage('button.getPhoneNumber');
    await sleep();
    page.querySelector('#privacy')!.querySelector('#privacy-agree')!.dispatchEvent('agreeprivacyauthorization');
    await sleep();
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
    expect(visibleText(page)).not.toContain('隐私保护提示');
  });

  it('拒绝 fails only that API; the rest of the page keeps working', async () => {
    const { page, resolve } = askOnMePage('getLocation');
    await sleep();
    await tap(page.querySelector('#privacy')!, '.privacy-btn--ghost');
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(visibleText(page)).not.toContain('隐私保护提示');

    // Non-personal features still answer: large text and the privacy guide itself.
    await tap(page, '#large-text');
    expect((page.dom.firstElementChild as HTMLElement).className).toContain('app-page--large');
    await tap(page, '#my-data');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-resident/pages/account/my-data/index' }));
  });

  it('with no popup on screen the request is refused at once instead of hanging', () => {
    loadPage('pages/home/index/index');
    const privacy = mp<PrivacyModule>('utils/privacy');
    const resolve = jest.fn();
    privacy.handlePrivacyRequest(resolve, 'chooseMedia');
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
  });

  it('recognises the refusal error so callers can fall back', () => {
    const { isPrivacyDenied } = mp<PrivacyModule>('utils/privacy');
    expect(isPrivacyDenied({ errMsg: 'chooseMedia:fail privacy permission is not authorized', errno: 104 })).toBe(true);
    expect(isPrivacyDenied({ errMsg: 'chooseMedia:fail cancel' })).toBe(false);
  });

  it('我的 offers to agree while agreement is pending, and shows 已同意 after', async () => {
    const wx = currentWx();
    let needed = true;
    wx.getPrivacySetting.mockImplementation((o: { success: (r: unknown) => void }) => o.success({ needAuthorization: needed, privacyContractName: '', errMsg: 'ok' }));
    wx.requirePrivacyAuthorize.mockImplementation((o: { success: () => void }) => {
      needed = false;
      o.success();
    });
    const page = loadPage('pages/me/index/index');
    await page.instance.onShow();
    await sleep();
    expect(visibleText(page)).toContain('未同意');

    await tap(page, '#privacy-agree-cell');
    await sleep();

    expect(wx.requirePrivacyAuthorize).toHaveBeenCalled();
    expect(visibleText(page)).toContain('已同意');
    expect(visibleText(page)).not.toContain('未同意');
    expect(page.querySelector('#privacy-agree-cell')).toBeFalsy();
    // The guide is listed once, agreed or not.
    expect(visibleText(page).split('隐私保护指引').length - 1).toBe(1);
  });
});
