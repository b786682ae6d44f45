#!/usr/bin/env node
// Makes a CloudBase environment's database match src/server/database/schema.ts: creates missing collections,
// creates (or re-creates, when their fields changed) the declared indexes, sets each collection's security
// rule and cloud storage's rule (STORAGE_RULE: a file is read and written from the client only by its uploader).
// Idempotent: a second run finds nothing to do. Undeclared collections and indexes are reported, not removed.
//
//   npm run db:apply -- --env <envId>                 apply
//   npm run db:apply -- --env <envId> --plan          read the environment, print what would change, change nothing
//   npm run db:apply -- --dry-run                     print the plan against an empty environment (no network)
//   npm run db:apply -- --env <envId> --prune-indexes also drop indexes schema.ts does not declare
//
// Credentials (not needed for --dry-run): TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY and, for temporary
// keys, TENCENTCLOUD_SESSIONTOKEN — a CAM key allowed to manage the environment's database and storage (TCB).
// The environment id may also come from CLOUDBASE_ENV_ID. Run `npm run build` first (it builds .build/db-tools.cjs).
'use strict';

const path = require('path');
const fs = require('fs');

function parseArgs(argv) {
  const out = { env: process.env.CLOUDBASE_ENV_ID || '', dryRun: false, planOnly: false, pruneIndexes: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--env') out.env = argv[++i] || '';
    else if (a.startsWith('--env=')) out.env = a.slice(6);
    else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--plan') out.planOnly = true;
    else if (a === '--prune-indexes') out.pruneIndexes = true;
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

function credentials() {
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) {
    throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for temporary keys), or use --dry-run');
  }
  return { secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined };
}

/** The environment's collections, their indexes and security rules, as planDatabase reads them. */
async function readCurrent(app, tools, schema) {
  const names = [];
  for (let offset = 0; ; offset += 100) {
    const res = await app.database.listCollections({ MgoLimit: 100, MgoOffset: offset });
    const page = (res.Collections || []).map((c) => c.CollectionName);
    names.push(...page);
    const total = res.Pager && typeof res.Pager.Total === 'number' ? res.Pager.Total : names.length;
    if (!page.length || names.length >= total) break;
  }
  const collections = {};
  const declared = new Set(schema.map((s) => s.name));
  for (const name of names) {
    collections[name] = { indexes: [] };
    if (!declared.has(name)) continue;
    const info = await app.database.describeCollection(name);
    collections[name].indexes = (info.Indexes || []).filter((i) => i.Name !== '_id_').map(tools.fromIndexInfo);
  }
  const existing = schema.map((s) => s.name).filter((n) => collections[n]);
  for (let i = 0; i < existing.length; i += 100) {
    try {
      const res = await app.permission.describeResourcePermission({ resourceType: 'collection', resources: existing.slice(i, i + 100) });
      // manager-node answers the API's envelope: { Data: { TotalCount, PermissionList }, RequestId }.
      for (const p of (res && res.Data && res.Data.PermissionList) || []) {
        if (collections[p.Resource]) collections[p.Resource].permission = { permission: p.Permission, securityRule: p.SecurityRule };
      }
    } catch (e) {
      // Unknown rules are simply set again (setting the same rule is harmless).
      console.warn(`could not read security rules (${e.message}); they will be set`);
    }
  }
  let storage;
  try {
    const acl = await app.storage.getStorageAcl({ withRule: true });
    storage = { acl: acl.acl, rule: acl.rule };
  } catch (e) {
    // Unknown: the rule is simply set again.
    console.warn(`could not read the cloud storage rule (${e.message}); it will be set`);
  }
  return { collections, ...(storage ? { storage } : {}) };
}

async function applyStep(app, tools, step) {
  switch (step.kind) {
    case 'createCollection':
      return app.database.createCollectionIfNotExists(step.collection);
    case 'dropIndex':
      return app.database.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.index }] });
    case 'createIndex':
      return app.database.updateCollection(step.collection, { CreateIndexes: [tools.toCreateIndex(step.index)] });
    case 'setRule':
      return app.permission.modifyResourcePermission({
        resourceType: 'collection',
        resource: step.collection,
        permission: 'CUSTOM',
        securityRule: tools.ruleText(step.rule),
      });
    case 'setStorageRule':
      return app.storage.setStorageAcl('CUSTOM', { read: step.rule.read, write: step.rule.write });
    default:
      throw new Error(`unknown step ${step.kind}`);
  }
}

function printPlan(tools, plan, header) {
  console.log(header);
  if (!plan.steps.length) console.log('  nothing to do: the database matches schema.ts');
  for (const s of plan.steps) console.log(`  - ${tools.describeStep(s)}`);
  for (const n of plan.notes) console.log(`  note: ${n}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 15).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return 0;
  }
  const tools = loadTools();
  const schema = tools.SCHEMA;
  if (args.dryRun) {
    const plan = tools.planDatabase(schema, { collections: {} }, { pruneIndexes: args.pruneIndexes, storageRule: tools.STORAGE_RULE });
    printPlan(tools, plan, `dry run (no network): against an empty environment${args.env ? ` (${args.env} not read)` : ''}, db:apply would`);
    return 0;
  }
  if (!args.env) throw new Error('--env <envId> is required (or CLOUDBASE_ENV_ID), or use --dry-run');
  const CloudBase = require('@cloudbase/manager-node');
  const app = new CloudBase({ ...credentials(), envId: args.env });
  const current = await readCurrent(app, tools, schema);
  const plan = tools.planDatabase(schema, current, { pruneIndexes: args.pruneIndexes, storageRule: tools.STORAGE_RULE });
  printPlan(tools, plan, `environment ${args.env}: ${args.planOnly ? 'db:apply would' : 'applying'}`);
  if (args.planOnly) return 0;
  for (const step of plan.steps) {
    await applyStep(app, tools, step);
    console.log(`  done: ${tools.describeStep(step)}`);
  }
  const after = tools.planDatabase(schema, await readCurrent(app, tools, schema), { storageRule: tools.STORAGE_RULE });
  const left = after.steps;
  if (left.length) {
    // Index builds on large collections can still be running; a later run finishes the job.
    console.warn(`still differs (index builds may be in progress; run again later):\n${left.map((s) => `  - ${tools.describeStep(s)}`).join('\n')}`);
  } else {
    console.log('the database matches schema.ts');
  }
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`db:apply: ${e && e.message ? e.message : e}`);
      process.exit(1);
    },
  );
}

module.exports = { readCurrent };
