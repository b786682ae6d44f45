#!/usr/bin/env node
// Re-seals every sealed phone and ID number under the current personal-data key and recomputes the look-up
// hashes, so that an old key can be retired after a rotation (src/server/setup/reseal.ts). Idempotent and
// resumable: cases already under the current key are left alone; run it again after an interruption.
//
//   npm run pii:reseal -- --env <envId>                      a CloudBase environment
//   npm run pii:reseal -- --local [--data-dir .data]         the local runtime's database (stop `npm start` first)
//   add --dry-run to count what would change and write nothing; --after <caseId> to resume after that case
//
// Keys come from the environment, as the functions get them: PII_KEY (the new key), PII_KEYS_PREVIOUS (the old
// ones, comma-separated) and AUDIT_KEY (each re-sealed case gets a step in its audit chain). With --local, PII_KEY
// and AUDIT_KEY default to the data folder's pii.key and audit.key. CloudBase needs TENCENTCLOUD_SECRETID,
// TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for temporary keys); the environment id may also come
// from CLOUDBASE_ENV_ID. Exits 0 when every value is under the current key (the old keys may then be removed
// from PII_KEYS_PREVIOUS), 2 when some value opens under no configured key (keep the old keys), 1 on an error.
// Run `npm run build` first (it builds .build/pii-tools.cjs).
'use strict';

const path = require('path');
const fs = require('fs');

function parseArgs(argv) {
  const out = { env: process.env.CLOUDBASE_ENV_ID || '', local: false, dataDir: process.env.DATA_DIR || '.data', dryRun: false, after: '', help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--env') out.env = argv[++i] || '';
    else if (a.startsWith('--env=')) out.env = a.slice(6);
    else if (a === '--local') out.local = true;
    else if (a === '--data-dir') out.dataDir = argv[++i] || '';
    else if (a.startsWith('--data-dir=')) out.dataDir = a.slice(11);
    else if (a === '--after') out.after = argv[++i] || '';
    else if (a.startsWith('--after=')) out.after = a.slice(8);
    else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown argument ${a} (see --help)`);
  }
  return out;
}

function loadTools() {
  const file = path.join(__dirname, '..', '.build', 'pii-tools.cjs');
  if (!fs.existsSync(file)) throw new Error('.build/pii-tools.cjs is missing: run `npm run build` first');
  return require(file);
}

/** A key from the environment, or (local only) from the data folder where `npm start` keeps it. */
function keyOf(name, file) {
  if (process.env[name]) return process.env[name];
  if (file && fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  throw new Error(`${name} is not set`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 17).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return 0;
  }
  if (!args.local && !args.env) throw new Error('say where: --env <envId> (CloudBase) or --local');
  const tools = loadTools();
  const dataDir = path.resolve(args.dataDir);
  const pii = tools.createPiiCipher(keyOf('PII_KEY', args.local && path.join(dataDir, 'pii.key')), process.env.PII_KEYS_PREVIOUS || '');
  const audit = tools.createAuditKey(keyOf('AUDIT_KEY', args.local && path.join(dataDir, 'audit.key')));
  if (!pii.keyId) throw new Error('PII_KEY is not a key (32 random bytes, base64)');

  let db;
  let close = () => undefined;
  let where;
  if (args.local) {
    const opened = tools.openLocalDatabase(dataDir);
    db = opened.db;
    close = opened.close;
    where = `local database ${dataDir}`;
  } else {
    const secretId = process.env.TENCENTCLOUD_SECRETID;
    const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
    if (!secretId || !secretKey) throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for temporary keys)');
    db = tools.openCloudBase(args.env, { secretId, secretKey, sessionToken: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined });
    where = `environment ${args.env}`;
  }
  console.log(`${where}: ${args.dryRun ? 'counting what would be re-sealed' : 're-sealing'} under key ${pii.keyId}${args.after ? ` after case ${args.after}` : ''}`);
  try {
    const report = await tools.resealPersonalData(
      { db, pii, audit },
      { dryRun: args.dryRun, ...(args.after ? { after: args.after } : {}), onCase: (caseId, n) => console.log(`  ${caseId}: ${n} value(s)${args.dryRun ? ' to re-seal' : ' re-sealed'}`) },
    );
    console.log(
      `${report.cases} cases read; ${report.resealed} ${args.dryRun ? 'would be re-sealed' : 're-sealed'} (${report.values} sealed values, ${report.hashes} look-up hashes)` +
        (report.lastCaseId ? `; last case ${report.lastCaseId}` : ''),
    );
    if (report.experts) console.log(`${report.experts} expert phone number(s) of the expert pool ${args.dryRun ? 'would be re-sealed' : 're-sealed'}`);
    if (report.unreadable.length) {
      console.error(`${report.unreadable.length} value(s) open under no configured key — keep the old keys in PII_KEYS_PREVIOUS:`);
      for (const u of report.unreadable) console.error(u.expertId ? `  expert ${u.expertId} (${u.kind})` : `  case ${u.caseId} party ${u.partyId} (${u.kind})`);
      return 2;
    }
    console.log(report.complete ? 'every value is sealed under the current key: the old keys may be removed from PII_KEYS_PREVIOUS' : 'run without --dry-run to re-seal');
    return 0;
  } finally {
    close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`pii:reseal: ${e && e.message ? e.message : e}`);
    process.exit(1);
  },
);
