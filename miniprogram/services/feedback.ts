// Telling the user that something did not work. Toasts for actions; pages with a load state show the
// same sentence in place (see behaviors/load-state.ts).
import type { ErrResult } from '../../src/server/contract';
import { messageFor } from './errors';

/** Shows the Chinese message for a failed call as a toast and returns it (for an inline error too). */
export function showError(err: Pick<ErrResult, 'code'> & { message?: string }): string {
  const title = messageFor(err);
  // icon 'none' allows two lines of text; with an icon only seven characters fit.
  wx.showToast({ title, icon: 'none', duration: 2500 });
  return title;
}

export function showSuccess(title: string): void {
  wx.showToast({ title, icon: 'success', duration: 1500 });
}
