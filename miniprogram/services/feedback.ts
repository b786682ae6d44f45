// Telling the user that something did or did not work. A short sentence is a toast; a longer one (a rule
// explained, what to do next) is a dialog with 知道了, because a toast shows two short lines at most and
// vanishes before an older reader has read it. Pages with a load state show load failures in place.
import { messageFor } from './errors';

/** Longest sentence shown as a toast; anything longer opens a dialog. */
export const TOAST_MAX_CHARS = 14;

/** Shows the Chinese message for a failed call and returns it (for an inline error too). */
export function showError(err: { code: string; message?: string }): string {
  const text = messageFor(err);
  if (text.length <= TOAST_MAX_CHARS) {
    // icon 'none' allows two lines of text; with an icon only seven characters fit.
    wx.showToast({ title: text, icon: 'none', duration: 2500 });
  } else {
    wx.showModal({ title: '提示', content: text, showCancel: false, confirmText: '知道了' });
  }
  return text;
}

export function showSuccess(title: string): void {
  wx.showToast({ title, icon: 'success', duration: 1500 });
}
