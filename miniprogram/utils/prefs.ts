// The user's display preferences, kept on the phone (no personal data) and pushed to every live page.

export interface Prefs {
  /** 大字模式: larger text and touch targets on every page. */
  largeText: boolean;
}

const STORAGE_KEY = 'prefs.v1';
const DEFAULTS: Prefs = { largeText: false };

type Listener = (prefs: Prefs) => void;
const listeners = new Set<Listener>();
let cached: Prefs | undefined;

function read(): Prefs {
  try {
    const stored: unknown = wx.getStorageSync(STORAGE_KEY);
    if (stored && typeof stored === 'object') return { ...DEFAULTS, ...(stored as Partial<Prefs>) };
  } catch {
    // Storage can fail on a full or damaged cache; the defaults are a fine fallback.
  }
  return { ...DEFAULTS };
}

export function getPrefs(): Prefs {
  cached ??= read();
  return cached;
}

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
