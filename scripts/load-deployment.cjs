#!/usr/bin/env node
// Loads a deployment's organisation tree, communities, rooms, first staff and their hours into a CloudBase
// environment from a JSON file (the format of src/local/demo-deployment.json, checked by DeploymentSchema),
// through @cloudbase/node-sdk. Idempotent: running it again overwrites the same documents; preferences users
// set in the app and room exceptions are kept.
//
//   npm run deployment:load -- --env <envId> --file deployment.json
//   npm run deployment:load -- --file deployment.json --dry-run     validate and print what would be written (no network)
//
// Credentials (not needed for --dry-run): TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY and, for temporary keys,
// TENCENTCLOUD_SESSIONTOKEN. The environment id may also come from CLOUDBASE_ENV_ID. Run `npm run build` first
// and `npm run db:apply` before the first load (CloudBase refuses writes to collections that do not exist).
'use strict';

const path = require('path');
const fs = require('fs');

function parseArgs(argv) {
  const out = { env: process.env.CLOUDBASE_ENV_ID || '', file: '', dryRun: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--env') out.env = argv[++i] || '';
    else if (a.startsWith('--env=')) out.env = a.slice(6);
    else if (a === '--file') out.file = argv[++i] || '';
    else if (a.startsWith('--file=')) out.file = a.slice(7);
    else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown argument ${a} (see --help)`);
  }
  return out;
}

function loadTools() {
  const file = path.join(__dirname, '..', '.build', 'db-tools.cjs');
  if (!fs.existsSync(file)) throw new Error('.build/db-tools.cjs is missing: run `npm run build` first');
  return require(file);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 13).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return 0;
  }
  if (!args.file) throw new Error('--file <deployment.json> is required');
  const tools = loadTools();
  const text = fs.readFileSync(path.resolve(args.file), 'utf8');
  const parsed = tools.parseDeploymentFile(text);
  if (!parsed.ok) {
    console.error(`deployment:load: ${args.file} is not a valid deployment:\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  const lines = tools.describeDeployment(parsed.deployment);
  if (args.dryRun) {
    console.log(`dry run (no network): loading ${args.file} would write\n${lines.map((l) => `  ${l}`).join('\n')}`);
    return 0;
  }
  if (!args.env) throw new Error('--env <envId> is required (or CLOUDBASE_ENV_ID), or use --dry-run');
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) {
    throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for temporary keys), or use --dry-run');
  }
  const tcb = require('@cloudbase/node-sdk');
  const app = tcb.init({ env: args.env, secretId, secretKey, ...(process.env.TENCENTCLOUD_SESSIONTOKEN ? { sessionToken: process.env.TENCENTCLOUD_SESSIONTOKEN } : {}) });
  console.log(`environment ${args.env}: loading\n${lines.map((l) => `  ${l}`).join('\n')}`);
  try {
    // node-sdk's database takes documents as they are (set(doc), update(fields)): wxShaped gives applyDeployment
    // the wx-server-sdk shape it is written for, so nothing lands under a `data` field.
    const res = await tools.applyDeployment(tools.wxShaped(app.database()), parsed.deployment, new Date());
    console.log(`loaded ${res.orgs} organisations and ${res.staff} staff`);
  } catch (e) {
    const msg = String((e && (e.message || e.errMsg)) || e);
    if (/COLLECTION_NOT_EXIST|not exist/i.test(msg)) throw new Error(`${msg}\n  a collection is missing: run \`npm run db:apply -- --env ${args.env}\` first`);
    throw e;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`deployment:load: ${e && e.message ? e.message : e}`);
    process.exit(1);
  },
);
