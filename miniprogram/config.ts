// Build-time settings of the mini-program. Flip TRANSPORT to 'cloud' for a release build.

/** How cloud functions are reached: CloudBase in WeChat, or the local runtime started by `npm start`. */
export type TransportKind = 'cloud' | 'local';

/** THE switch: everything that talks to the backend reads this one value. */
export const TRANSPORT: TransportKind = 'local';

/** CloudBase environment id used by `wx.cloud.init` when TRANSPORT is 'cloud'. */
export const CLOUD_ENV = 'people-mediation-dev';

/** The local CloudBase runtime's HTTP gateway (`npm start`). DevTools must have "不校验合法域名" ticked. */
export const LOCAL_BASE_URL = 'http://127.0.0.1:3000';

/**
 * The demo identity the local gateway trusts (sent as `X-Openid`). In the cloud, WeChat supplies the
 * real OPENID and nothing identity-like is sent by the client.
 */
export const LOCAL_OPENID = 'demo-resident';

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
 * Subscribe-message template ids (订阅消息), as chosen on the WeChat admin site; the cloud functions read the
 * same ids from their SUBSCRIBE_TPL_* variables. The local defaults are the ids the local runtime uses.
 */
export const SUBSCRIBE_TEMPLATES = {
  caseProgress: 'local-case_progress',
  invited: 'local-respondent_invited',
  session: 'local-session_reminder',
  performance: 'local-performance_reminder',
} as const;
export type SubscribeTopic = keyof typeof SUBSCRIBE_TEMPLATES;
