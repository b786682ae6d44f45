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
