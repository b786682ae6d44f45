// The user's display preferences, kept on the phone (no personal data) and pushed to every live page.
//
// 大字模式 follows WeChat's own font-size setting (我-设置-通用-字体大小, raised too by 关怀模式) until the person
// chooses with a switch (首页 or 我的): a choice is what is stored, and a stored choice wins from then on.

export interface Prefs {
  /** 大字模式: larger text and touch targets on every page. */
  largeText: boolean;
}

const STORAGE_KEY = 'prefs.v1';

/**
 * WeChat's standard font size is 17 px on iOS and 16 px on Android (`fontSizeSetting`); anything from 18 px up
 * is a person who asked WeChat for larger text.
 */
export const LARGE_FONT_SETTING = 18;

type Listener = (prefs: Prefs) => void;
const listeners = new Set<Listener>();
let cached: Prefs | undefined;

/** WeChat's font-size setting in px (`wx.getAppBaseInfo`, or the older `getSystemInfoSync`), undefined if unknown. */
export function wechatFontSize(): number | undefined {
  try {
    const base = typeof wx.getAppBaseInfo === 'function' ? (wx.getAppBaseInfo() as { fontSizeSetting?: number }) : undefined;
    const size = base?.fontSizeSetting ?? (wx.getSystemInfoSync() as { fontSizeSetting?: number }).fontSizeSetting;
    return typeof size === 'number' && size > 0 ? size : undefined;
  } catch {
    return undefined;
  }
}

/** Large text when nobody chose: on when WeChat's font is set above the standard size. */
export function wechatWantsLargeText(): boolean {
  return (wechatFontSize() ?? 0) >= LARGE_FONT_SETTING;
}

/** The person's own choice on this phone, or undefined when they never chose. */
export function chosenLargeText(): boolean | undefined {
  try {
    const stored: unknown = wx.getStorageSync(STORAGE_KEY);
    if (stored && typeof stored === 'object' && typeof (stored as Partial<Prefs>).largeText === 'boolean') return (stored as Prefs).largeText;
  } catch {
    // Storage can fail on a full or damaged cache; WeChat's setting is a fine fallback.
  }
  return undefined;
}

function read(): Prefs {
  return { largeText: chosenLargeText() ?? wechatWantsLargeText() };
}

export function getPrefs(): Prefs {
  cached ??= read();
  return cached;
}

/** The person's choice: applied to every live page and stored, so it wins over WeChat's setting from now on. */
export function setPrefs(patch: Partial<Prefs>): Prefs {
  const next = { ...getPrefs(), ...patch };
  cached = next;
  try {
    wx.setStorageSync(STORAGE_KEY, next);
  } catch {
    // Kept for this run even if it could not be saved.
  }
  listeners.forEach((fn) => fn(next));
  return next;
}

/** Calls `fn` on every change; returns the unsubscribe function. */
export function onPrefsChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Forgets the in-memory copy (tests, and after the user clears local data). */
export function resetPrefsCache(): void {
  cached = undefined;
}
