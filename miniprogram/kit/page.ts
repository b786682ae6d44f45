// The page kit: one way to write a page. `definePage({ data, role, onLoad, load, methods })` gives
// - a typed `this` everywhere (data, the page's own methods and the kit's), through the official typings'
//   Component generics — no page declares its own interface or casts `this`;
// - the load states (loading / empty / error with 重试, pull-to-refresh) around the page's `load`;
// - for staff pages, the role guard: `role` names who may open it, the kit finds the identity (grant) the
//   user acts in and passes it to `load`; without that role nothing is loaded and the refusal is shown;
// - `this.submit(api.method, input, options)`: the busy flag, one request id per user intent kept across
//   retries of that intent, the error shown (field errors in place, others as a toast or a dialog), the
//   success note and the reload.
// Pages are Components (WeChat runs pages written with Component; miniprogram-simulate needs it).
import { largeTextBehavior } from '../behaviors/large-text';
import type { Answer } from '../services/call';
import type { CommandMethod } from '../services/api';
import { messageFor, type ErrorCode, type Failure } from '../services/errors';
import { showError, showSuccess } from '../services/feedback';
import { newRequestId } from '../services/request-id';
import { resolveGrant, type RoleGrant, type StaffRole } from '../utils/staff';

export type LoadState = 'loading' | 'ready' | 'empty' | 'error';

/** What every page's data has besides its own. */
export interface KitData {
  loadState: LoadState;
  loadError: string;
  loadErrorCode: string;
  /** A submit is under way: buttons show it and a second tap does nothing. */
  busy: boolean;
  /** Field errors shown in place, by field. */
  errors: Record<string, string>;
  /** Staff pages: the identity (role at an organisation) the user acts in. */
  grant: RoleGrant | null;
  /** Large-text mode (behaviors/large-text.ts): the root view's class. */
  pageClass: string;
  largeText: boolean;
}

export interface RunLoadOptions<T> {
  /** Decides whether a successful answer has nothing to show (default: empty array, `items: []` or null). */
  isEmpty?: (data: T) => boolean;
  /** Keep showing the current content while reloading instead of the spinner (set during a pull). */
  keepContent?: boolean;
}

export interface SubmitOptions<O> {
  /** Said when it worked (a toast). */
  done?: string | ((answer: O) => string);
  /** Load the page again after it worked (default: yes, if the page has a `load`). */
  reload?: boolean;
  /**
   * Field errors the page shows in place: the fields it has, or a function placing the server's fields. Field
   * errors placed are put in `data.errors` and no toast is shown; anything else is shown as a toast or dialog.
   */
  fields?: readonly string[] | ((fields: Record<string, string>) => Record<string, string>);
  /** Codes after which what the page shows is out of date, so it loads again (default: CONFLICT). */
  reloadOn?: readonly ErrorCode[];
  /** Handles a failure itself; answer true to skip the kit's own display. */
  onError?: (failure: Failure) => boolean | void;
  /** The request id to use (a page that keeps it elsewhere, e.g. in a draft that survives a closed app). */
  requestId?: string;
}

export interface KitMethods {
  /** Runs `loader`, moving the page through loading → ready/empty/error; resolves to the data on success. */
  runLoad<T>(loader: () => Promise<Answer<T>>, opts?: RunLoadOptions<T>): Promise<T | undefined>;
  /** The guard (staff pages) and the page's own `load`. */
  load(): Promise<void>;
  /** Bound to <state-view bind:retry="reload">. */
  reload(): Promise<void>;
  onPullDownRefresh(): Promise<void>;
  /**
   * Sends one user intent. Answers the data when it worked, undefined when it did not (the failure has been
   * shown) or when another submit is still under way.
   */
  submit<I, O>(method: CommandMethod<I, O>, input: I, opts?: SubmitOptions<O>): Promise<O | undefined>;
}

export type PageInstance<D extends WechatMiniprogram.Component.DataOption, M extends WechatMiniprogram.Component.MethodOption> =
  WechatMiniprogram.Component.Instance<D & KitData, {}, M & KitMethods, [], {}, true>;

export interface RoleRequirement {
  roles: StaffRole[];
  /** Who the page is for, in the refusal: "此页面仅供调解员使用". */
  name: string;
}

export type Query = Record<string, string | undefined>;

export interface PageDef<
  D extends WechatMiniprogram.Component.DataOption,
  M extends WechatMiniprogram.Component.MethodOption,
  R extends RoleRequirement | undefined,
> {
  data: D;
  /** Staff pages: who may open it. */
  role?: R;
  /** Reads the page's address (before the first load). Query values arrive URI-decoded. */
  onLoad?: (this: PageInstance<D, M>, query: Query) => void;
  /** Fetches what the page shows: on opening (or on every show, see `loadOn`), on 重试 and on a pull. */
  load?: (this: PageInstance<D, M>, grant: R extends RoleRequirement ? RoleGrant : undefined) => Promise<void>;
  /** `show` for tab pages, which stay alive: load again each time they are shown. */
  loadOn?: 'load' | 'show';
  methods?: M & ThisType<PageInstance<D, M>>;
}

/** Private per-page state of the kit (kept on the instance, never in data). */
interface KitState {
  intents: Map<string, { key: string; id: string }>;
  refreshing: boolean;
}

type KitHost = PageInstance<{}, {}> & { __kit?: KitState };

function kitState(host: KitHost): KitState {
  host.__kit ??= { intents: new Map(), refreshing: false };
  return host.__kit;
}

function defaultIsEmpty(data: unknown): boolean {
  if (data === null || data === undefined) return true;
  if (Array.isArray(data)) return data.length === 0;
  const items = (data as { items?: unknown }).items;
  return Array.isArray(items) && items.length === 0;
}

function decodeQuery(query: Record<string, string | undefined> | undefined): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    try {
      out[k] = v === undefined ? v : decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

const KIT_DATA: Omit<KitData, 'pageClass' | 'largeText'> = {
  loadState: 'loading',
  loadError: '',
  loadErrorCode: '',
  busy: false,
  errors: {},
  grant: null,
};

const kitBehavior = Behavior({
  methods: {
    async runLoad<T>(this: KitHost, loader: () => Promise<Answer<T>>, opts: RunLoadOptions<T> = {}): Promise<T | undefined> {
      const keep = opts.keepContent ?? kitState(this).refreshing;
      const showSpinner = !(keep && this.data.loadState === 'ready');
      if (showSpinner) this.setData({ loadState: 'loading', loadError: '' });
      const result = await loader();
      if (!result.ok) {
        // A failed refresh keeps what is already on screen and says so.
        if (!showSpinner) {
          showError(result);
          return undefined;
        }
        this.setData({ loadState: 'error', loadError: messageFor(result), loadErrorCode: result.code });
        return undefined;
      }
      const empty = (opts.isEmpty ?? defaultIsEmpty)(result.data);
      this.setData({ loadState: empty ? 'empty' : 'ready', loadError: '', loadErrorCode: '' });
      return result.data;
    },
    async reload(this: KitHost): Promise<void> {
      await this.load();
    },
    async onPullDownRefresh(this: KitHost): Promise<void> {
      const state = kitState(this);
      state.refreshing = true;
      try {
        await this.reload();
      } finally {
        state.refreshing = false;
        wx.stopPullDownRefresh();
      }
    },
    async submit<I, O>(this: KitHost, method: CommandMethod<I, O>, input: I, opts: SubmitOptions<O> = {}): Promise<O | undefined> {
      if (this.data.busy) return undefined;
      const state = kitState(this);
      const intent = `${method.fn}.${method.action}`;
      const key = JSON.stringify(input);
      const held = state.intents.get(intent);
      // The same intent sent again (a retry after a network failure, a double tap) keeps its id, so the server
      // answers it once; a changed input is a new intent.
      const requestId = opts.requestId ?? (held && held.key === key ? held.id : newRequestId());
      state.intents.set(intent, { key, id: requestId });
      this.setData({ busy: true, errors: {} });
      const res = await method(input, { requestId });
      this.setData({ busy: false });
      if (res.ok) {
        state.intents.delete(intent);
        const note = typeof opts.done === 'function' ? opts.done(res.data) : opts.done;
        if (note) showSuccess(note);
        if (opts.reload ?? true) await this.load();
        return res.data;
      }
      // A definite answer ends the intent; after a network failure the next tap is a retry of it.
      if (res.code !== 'NETWORK_ERROR') state.intents.delete(intent);
      if (opts.onError?.(res) === true) return undefined;
      const placed = placeFields(res.fields, opts.fields);
      if (placed) this.setData({ errors: placed });
      else showError(res);
      if ((opts.reloadOn ?? ['CONFLICT']).includes(res.code)) await this.load();
      return undefined;
    },
  },
});

function placeFields(fields: Record<string, string> | undefined, how: SubmitOptions<unknown>['fields']): Record<string, string> | undefined {
  if (!fields || !how) return undefined;
  const placed = typeof how === 'function' ? how(fields) : Object.fromEntries(how.filter((f) => fields[f]).map((f) => [f, fields[f]]));
  return Object.keys(placed).length ? placed : undefined;
}

/** Defines a page; see the top of this file. */
export function definePage<
  D extends WechatMiniprogram.Component.DataOption,
  M extends WechatMiniprogram.Component.MethodOption,
  R extends RoleRequirement | undefined = undefined,
>(def: PageDef<D, M, R>): string {
  const own = (def.methods ?? {}) as Record<string, (...args: unknown[]) => unknown>;
  type Host = KitHost & Record<string, (...args: unknown[]) => unknown>;
  const load = async function (this: Host): Promise<void> {
    let grant: RoleGrant | undefined;
    if (def.role) {
      const found = await resolveGrant(def.role.roles, def.role.name);
      if (!found.ok) {
        this.setData({ loadState: 'error', loadError: messageFor(found), loadErrorCode: found.code });
        return;
      }
      grant = found.grant;
      if (this.data.grant?.role !== grant.role || this.data.grant?.orgId !== grant.orgId) this.setData({ grant });
    }
    if (def.load) await (def.load as unknown as (this: Host, g: RoleGrant | undefined) => Promise<void>).call(this, grant);
    else if (this.data.loadState === 'loading') this.setData({ loadState: 'ready' });
  };
  return Component({
    behaviors: [largeTextBehavior, kitBehavior],
    data: { ...KIT_DATA, ...def.data },
    methods: {
      ...own,
      load,
      onLoad(this: Host, query?: Record<string, string | undefined>) {
        def.onLoad?.call(this as never, decodeQuery(query));
        if (def.loadOn !== 'show') void this.load();
      },
      onShow(this: Host) {
        if (def.loadOn === 'show') void this.load();
        return own.onShow?.call(this);
      },
    },
  } as unknown as WechatMiniprogram.Component.TrivialOption);
}
