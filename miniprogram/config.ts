// Settings of the mini-program. Where it sends its calls is chosen at build time: `npm run build` writes
// ./build-config.ts from MP_TRANSPORT, MP_ENV_ID, … (scripts/generate-build-config.ts; a plain build is a cloud
// build). Nothing here names the local address.
import * as built from './build-config';

/** How cloud functions are reached: CloudBase in WeChat, or the local runtime started by `npm start`. */
export type TransportKind = 'cloud' | 'local';

/** Whether this copy runs as the developer version (DevTools, a preview), not as a trial or released version. */
function isDevelopVersion(): boolean {
  try {
    const info = typeof wx !== 'undefined' && typeof wx.getAccountInfoSync === 'function' ? wx.getAccountInfoSync() : undefined;
    return !info || info.miniProgram.envVersion === 'develop';
  } catch {
    return true;
  }
}

/**
 * THE switch: everything that talks to the backend reads this one value. A local build uploaded by mistake
 * still reaches CloudBase as a trial or released version: the local gateway is only ever used in development.
 */
export const TRANSPORT: TransportKind = built.TRANSPORT === 'local' && isDevelopVersion() ? 'local' : 'cloud';

/** CloudBase environment id used by `wx.cloud.init` when TRANSPORT is 'cloud'; empty: the appid's default. */
export const CLOUD_ENV: string = built.CLOUD_ENV;

/** The local CloudBase runtime's HTTP gateway (`npm start`). DevTools must have "不校验合法域名" ticked. */
export const LOCAL_BASE_URL: string = built.LOCAL_BASE_URL;

/**
 * The demo identity the local gateway trusts (sent as `X-Openid`). In the cloud, WeChat supplies the
 * real OPENID and nothing identity-like is sent by the client.
 */
export const LOCAL_OPENID: string = built.LOCAL_OPENID;

/** How long one attempt may take before it counts as a network failure. */
export const CALL_TIMEOUT_MS = 15_000;

/** Automatic retries after a network failure or timeout (never after a business error). */
export const RETRY = {
  /** Extra attempts after the first one. */
  retries: 3,
  /** First back-off delay; doubled on each further attempt, with jitter. */
  baseDelayMs: 600,
  maxDelayMs: 5_000,
} as const;

/**
 * Subscribe-message template id of each kind of notice (订阅消息), as chosen on the WeChat admin site: the build
 * takes them from the same SUBSCRIBE_TPL_* variables the `timer` function sends with. An empty id is never asked for.
 */
export const SUBSCRIBE_TEMPLATES: Readonly<Record<keyof typeof built.SUBSCRIBE_TEMPLATE_IDS, string>> = built.SUBSCRIBE_TEMPLATE_IDS;
/** A kind of notice the phone may ask to receive (src/server/notify/templates.ts). */
export type SubscribeTopic = keyof typeof built.SUBSCRIBE_TEMPLATE_IDS;
