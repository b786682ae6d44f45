// Builds a cloud function's `main` from its route table. The same code runs in CloudBase and locally.
import type { CallResult } from '../contract';
import { callerOpenid, getCloud, type Cloud, type Database } from './platform';
import { createDispatcher, type Routes } from './route';
import { createPiiCipher, type PiiCipher } from './pii';
import { createAuditKey, type AuditKey } from './audit-chain';
import { wxContentCheck, type ContentCheck } from './content-check';
import { wxMiniCode, type MiniCode } from './mini-code';
import { wxPhoneNumbers, type PhoneNumbers } from './phone-number';

export interface ServerDeps {
  cloud: Cloud;
  db: Database;
  clock: () => Date;
  /** Personal data at rest; the key is the PII_KEY environment variable. */
  pii: PiiCipher;
  /** Keys the audit chains (the key is the AUDIT_KEY environment variable, never in the database). */
  audit: AuditKey;
  contentCheck: ContentCheck;
  miniCode: MiniCode;
  /** The caller's phone number as WeChat verified it (phonenumber.getPhoneNumber). */
  phoneNumbers: PhoneNumbers;
}

let deps: ServerDeps | undefined;

/** Built once per cold start. */
export function serverDeps(): ServerDeps {
  if (!deps) {
    const cloud = getCloud();
    deps = {
      cloud,
      db: cloud.database({ throwOnNotFound: false } as never),
      clock: () => new Date(),
      pii: createPiiCipher(process.env.PII_KEY),
      audit: createAuditKey(process.env.AUDIT_KEY),
      contentCheck: wxContentCheck(cloud),
      miniCode: wxMiniCode(cloud),
      phoneNumbers: wxPhoneNumbers(cloud),
    };
  }
  return deps;
}

export function createFunction(fn: string, routes: Routes<ServerDeps>) {
  const dispatcher = createDispatcher<ServerDeps>(fn, routes);
  return async function main(event: unknown): Promise<CallResult<unknown>> {
    const d = serverDeps();
    return dispatcher.dispatch(event, callerOpenid(), d, d.clock());
  };
}
