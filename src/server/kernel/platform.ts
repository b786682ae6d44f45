// The one place server code touches wx-server-sdk. Loaded with require so the module object stays live
// (the local runtime installs its database transport and open-API stand-ins on that same object).
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as WxServerSdk from 'wx-server-sdk';

export type Cloud = typeof WxServerSdk;
export type Database = ReturnType<Cloud['database']>;

let cloud: Cloud | undefined;

export function getCloud(): Cloud {
  if (!cloud) {
    cloud = require('wx-server-sdk') as Cloud;
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  }
  return cloud;
}

/** The caller as CloudBase resolved it; never anything from the event. Empty openid: timer or anonymous. */
export function callerOpenid(): string {
  const ctx = getCloud().getWXContext() as { OPENID?: string };
  return typeof ctx.OPENID === 'string' ? ctx.OPENID : '';
}

/**
 * What started this run, as CloudBase records it (`SOURCE`, a comma-separated chain: `wx_client`,
 * `wx_http`, `wx_trigger`, `wx_client,scf`, …). Like the OPENID it comes from the platform, never the event.
 */
export function callSource(): string {
  const ctx = getCloud().getWXContext() as { SOURCE?: string };
  return typeof ctx.SOURCE === 'string' ? ctx.SOURCE : '';
}

/** Whether this run was started by one of the function's own timer triggers (and by nothing else). */
export function startedByTimerTrigger(): boolean {
  return callSource() === 'wx_trigger' || process.env.TRIGGER_SRC === 'timer';
}
