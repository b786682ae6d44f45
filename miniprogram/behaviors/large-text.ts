// 大字模式. Every page uses this behavior and puts `class="{{pageClass}}"` on its root view; app.wxss
// then scales our text and TDesign's font tokens under `.app-page--large`.
import { getPrefs, onPrefsChange, Prefs } from '../utils/prefs';

export const PAGE_CLASS = 'app-page';
export const LARGE_TEXT_CLASS = 'app-page--large';

export function pageClassFor(prefs: Prefs): string {
  return prefs.largeText ? `${PAGE_CLASS} ${LARGE_TEXT_CLASS}` : PAGE_CLASS;
}

const unsubscribers = new WeakMap<object, () => void>();

export const largeTextBehavior = Behavior({
  data: {
    pageClass: PAGE_CLASS,
    largeText: false,
  },
  lifetimes: {
    attached() {
      const apply = (prefs: Prefs) => {
        const pageClass = pageClassFor(prefs);
        if (pageClass !== this.data.pageClass) this.setData({ pageClass, largeText: prefs.largeText });
      };
      apply(getPrefs());
      unsubscribers.set(this, onPrefsChange(apply));
    },
    detached() {
      unsubscribers.get(this)?.();
      unsubscribers.delete(this);
    },
  },
});
