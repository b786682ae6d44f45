// The display preferences follow the person, not the phone: a change on 首页 or 我的 is saved to the account
// (user.setPreferences), and at launch the account's choice is applied on this phone. The phone's copy is what
// pages read (utils/prefs.ts), so the app works the same offline.
import type { CommandMethod } from '../services/api';
import { userApi } from '../services/api';
import type { SubmitOptions } from '../kit/page';
import { chosenLargeText, getPrefs, setPrefs } from './prefs';

/**
 * At launch: apply the account's saved preference, when the account has one. Never blocks, never shows an error.
 * An account's "on" is always someone's choice; its "off" is also every account's default, so it only undoes an
 * "on" chosen on this phone and leaves large text that follows WeChat's font setting alone.
 */
export async function applyAccountPrefs(): Promise<void> {
  const me = await userApi.me({}, { retries: 1 });
  if (!me.ok || !me.data.registered) return;
  const largeText = Boolean(me.data.prefs?.largeText);
  if (largeText ? getPrefs().largeText !== true || chosenLargeText() === undefined : chosenLargeText() === true) setPrefs({ largeText });
}

interface Submitter {
  submit<I, O>(method: CommandMethod<I, O>, input: I, opts?: SubmitOptions<O>): Promise<O | undefined>;
}

/** The 大字模式 switch (首页, 我的): at once on this phone, then saved to the account so it follows the person. */
export async function chooseLargeText(page: Submitter, largeText: boolean): Promise<void> {
  setPrefs({ largeText });
  await page.submit(userApi.setPreferences, { largeText }, {
    reload: false,
    onError: () => {
      wx.showToast({ title: '已在本机设置，未能保存到账号', icon: 'none', duration: 2500 });
      return true;
    },
  });
}
