// Display helpers shared by the resident's and respondent's case pages.
import { formatTime } from '../../utils/staff';

export { formatTime };

/** Statuses in which mediation is under way and either party may end it (人民调解法 art. 23). */
export const MEDIATING = ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'];
/** Statuses in which a session can be booked. */
export const BOOKABLE = ['accepted', 'in_mediation', 'scheduled'];

/** "2025年5月6日" for a date-only value (YYYY-MM-DD). */
export function formatDate(date: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : '';
}

/** "3,000 元" */
export function formatYuan(amount: number | undefined): string {
  if (amount === undefined) return '';
  return `${amount.toLocaleString('en-US')} 元`;
}

/**
 * Asks a yes/no question with a reason box (an editable modal shows no text besides the title, so the
 * placeholder says what to write); resolves undefined when the user cancelled.
 */
export function confirmWithReason(title: string, placeholder: string, confirmText = '确定'): Promise<string | undefined> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      editable: true,
      placeholderText: placeholder,
      confirmText,
      cancelText: '取消',
      success: (res) => resolve(res.confirm ? String((res as { content?: string }).content ?? '').trim() : undefined),
      fail: () => resolve(undefined),
    });
  });
}
