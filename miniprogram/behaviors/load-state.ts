// Loading / empty / error / ready for pages that show data from the backend, plus pull-to-refresh.
// A page using it defines `load(): Promise<void>` that calls `this.runLoad(...)`, sets
// "enablePullDownRefresh": true in its json if it wants pulling, and renders
// <state-view state="{{loadState}}" message="{{loadError}}" bind:retry="reload" /> around its content.
import type { CallResult } from '../../src/server/contract';
import { messageFor } from '../services/errors';
import { showError } from '../services/feedback';

export type LoadState = 'loading' | 'ready' | 'empty' | 'error';

export interface RunLoadOptions<T> {
  /** Decides whether a successful answer has nothing to show (default: empty array or null). */
  isEmpty?: (data: T) => boolean;
  /** Keep showing the current content while reloading instead of the spinner (set during a pull). */
  keepContent?: boolean;
}

// Pages in the middle of a pull-to-refresh: their content stays on screen while the data reloads.
const refreshing = new WeakSet<object>();

function defaultIsEmpty(data: unknown): boolean {
  if (data === null || data === undefined) return true;
  if (Array.isArray(data)) return data.length === 0;
  const items = (data as { items?: unknown }).items;
  return Array.isArray(items) && items.length === 0;
}

interface LoadHost {
  data: { loadState: LoadState };
  setData(patch: Record<string, unknown>): void;
  load?: () => Promise<void>;
}

/** Runs `loader`, moving the page through loading → ready/empty/error; resolves to the data on success. */
export async function runLoad<T>(
  host: LoadHost,
  loader: () => Promise<CallResult<T>>,
  opts: RunLoadOptions<T> = {},
): Promise<T | undefined> {
  const keep = opts.keepContent ?? refreshing.has(host);
  const showSpinner = !(keep && host.data.loadState === 'ready');
  if (showSpinner) host.setData({ loadState: 'loading', loadError: '' });
  const result = await loader();
  if (!result.ok) {
    // A failed refresh keeps what is already on screen and says so in a toast.
    if (!showSpinner) {
      showError(result);
      return undefined;
    }
    host.setData({ loadState: 'error', loadError: messageFor(result), loadErrorCode: result.code });
    return undefined;
  }
  const empty = (opts.isEmpty ?? defaultIsEmpty)(result.data);
  host.setData({ loadState: empty ? 'empty' : 'ready', loadError: '', loadErrorCode: '' });
  return result.data;
}

export const loadStateBehavior = Behavior({
  data: {
    loadState: 'loading' as LoadState,
    loadError: '',
    loadErrorCode: '',
  },
  methods: {
    runLoad<T>(loader: () => Promise<CallResult<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined> {
      return runLoad(this as unknown as LoadHost, loader, opts);
    },
    /** Bound to the retry button of <state-view>; calls the page's own load(). */
    async reload(): Promise<void> {
      const host = this as unknown as LoadHost;
      if (host.load) await host.load();
    },
    /** Page lifecycle (pages built with Component take lifecycle handlers as methods). */
    async onPullDownRefresh(): Promise<void> {
      refreshing.add(this);
      try {
        await (this as unknown as { reload(): Promise<void> }).reload();
      } finally {
        refreshing.delete(this);
        wx.stopPullDownRefresh();
      }
    },
  },
});
