// Entry of .build/pii-tools.cjs (built by `npm run build`), for scripts/reseal-pii.cjs: the re-sealing of
// personal data after a key rotation (src/server/setup/reseal.ts) over the wx-server-sdk database — either a
// CloudBase environment's (with a key allowed to use it) or the local runtime's SQLite file (the real
// wx-server-sdk with its transport served locally, as `npm start` runs it).
/* eslint-disable @typescript-eslint/no-require-imports */
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA } from '../server/database/schema';
import { createAuditKey } from '../server/kernel/audit-chain';
import type { Database } from '../server/kernel/platform';
import { createPiiCipher } from '../server/kernel/pii';
import { resealPersonalData } from '../server/setup/reseal';
import { installLocalDatabase } from './db';

export { createAuditKey, createPiiCipher, resealPersonalData };

type WxServerSdk = {
  init(config: Record<string, unknown>): void;
  database(config?: Record<string, unknown>): Database;
  DYNAMIC_CURRENT_ENV: unknown;
};

/** The local runtime's database in `dataDir` (stop `npm start` first: one process at a time on the file). */
export function openLocalDatabase(dataDir: string): { db: Database; close(): void } {
  const file = path.join(dataDir, 'cloudbase.sqlite');
  if (!fs.existsSync(file)) throw new Error(`no local database at ${file} (DATA_DIR, or --data-dir)`);
  const local = installLocalDatabase({ filename: file, schema: SCHEMA, strictCollections: true, strictIndexes: true });
  const cloud = require('wx-server-sdk') as WxServerSdk;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return { db: cloud.database({ throwOnNotFound: false }), close: () => local.close() };
}

/** A CloudBase environment's database through wx-server-sdk (which passes the credentials on to node-sdk). */
export function openCloudBase(env: string, credentials: { secretId: string; secretKey: string; sessionToken?: string }): Database {
  const cloud = require('wx-server-sdk') as WxServerSdk;
  cloud.init({ env, secretId: credentials.secretId, secretKey: credentials.secretKey, ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}) });
  return cloud.database({ throwOnNotFound: false });
}
