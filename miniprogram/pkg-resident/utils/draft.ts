// The filing wizard's draft, kept on the phone (wx.setStorageSync) after every change, so closing the app,
// a call coming in or losing the network loses nothing. Removed once the case is filed.

export const DRAFT_KEY = 'disputeDraft.v1';

export interface Draft<F> {
  step: number;
  form: F;
  /** The request id of a submission whose answer never came: sent again with the same payload. */
  pending?: { key: string; requestId: string };
  savedAt: number;
}

export function loadDraft<F extends object>(defaults: F): Draft<F> | undefined {
  try {
    const stored = wx.getStorageSync(DRAFT_KEY) as unknown;
    if (!stored || typeof stored !== 'object') return undefined;
    const d = stored as Partial<Draft<F>>;
    if (!d.form || typeof d.form !== 'object') return undefined;
    return { step: Number(d.step) || 0, form: { ...defaults, ...d.form }, ...(d.pending ? { pending: d.pending } : {}), savedAt: Number(d.savedAt) || 0 };
  } catch {
    return undefined;
  }
}

export function saveDraft<F>(draft: Draft<F>): void {
  try {
    wx.setStorageSync(DRAFT_KEY, draft);
  } catch {
    // A full cache: the draft lives on for this visit only.
  }
}

export function clearDraft(): void {
  try {
    wx.removeStorageSync(DRAFT_KEY);
  } catch {
    // Nothing to do.
  }
}
