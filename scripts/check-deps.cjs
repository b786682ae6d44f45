#!/usr/bin/env node
// Import rules for src/, checked with dependency-cruiser. Exits 1 with one line per broken rule.
//   node scripts/check-deps.cjs            checks this repository
//   node scripts/check-deps.cjs --root DIR checks another tree laid out the same way (used by tests)
'use strict';

const path = require('path');
const fs = require('fs');

const RULES = [
  {
    name: 'domain-is-pure',
    comment: 'src/domain may import only dayjs, zod and its own files: no node builtins, platform SDKs, database or app code',
    severity: 'error',
    from: { path: '^src/domain/' },
    to: { pathNot: ['^src/domain/', '(^|/)node_modules/(dayjs|zod)/'] },
  },
  {
    name: 'wire-types-are-types',
    comment: 'src/server/**/*.types.ts hold wire types only: they import with `import type`, so the mini-program can import them without pulling code in',
    severity: 'error',
    from: { path: '^src/server/.+[.]types[.]ts$' },
    to: { dependencyTypesNot: ['type-only'] },
  },
  {
    name: 'src-not-miniprogram',
    comment: 'nothing in src/ imports the mini-program',
    severity: 'error',
    from: { path: '^src/' },
    to: { path: '^miniprogram/' },
  },
  {
    name: 'no-cycles',
    comment: 'no import cycles anywhere in src/',
    severity: 'error',
    from: { path: '^src/' },
    to: { circular: true },
  },
  {
    name: 'kernel-imports-no-area',
    comment: 'src/server/kernel is the platform layer: it imports only itself, the domain and the top-level wire files',
    severity: 'error',
    from: { path: '^src/server/kernel/' },
    to: { path: '^src/server/[^/]+/', pathNot: ['^src/server/kernel/'] },
  },
  {
    name: 'cases-imports-no-area-internals',
    comment: 'src/server/cases is the case machinery every area uses (store, pipeline, caller, directory, access): it imports the kernel and the domain, and of an area only its wire contract (schemas.ts, *.types.ts) or its index.ts',
    severity: 'error',
    from: { path: '^src/server/cases/' },
    to: { path: '^src/server/[^/]+/', pathNot: ['^src/server/(kernel|cases)/', '^src/server/[^/]+/(schemas|index)[.]ts$', '^src/server/[^/]+/[^/]+[.]types[.]ts$'] },
  },
  {
    name: 'areas-apart',
    comment: 'an area (case, agreement, booking, org, report, user, timer, notify, setup, database) imports the kernel, the cases module, the domain and its own files; of another area only its wire contract (schemas.ts, *.types.ts) or what its index.ts offers',
    severity: 'error',
    from: { path: '^src/server/(?!kernel/|cases/)([^/]+)/' },
    to: { path: '^src/server/[^/]+/', pathNot: ['^src/server/$1/', '^src/server/(kernel|cases)/', '^src/server/[^/]+/(schemas|index)[.]ts$', '^src/server/[^/]+/[^/]+[.]types[.]ts$'] },
  },
  {
    name: 'server-not-local',
    comment: 'src/server must not import the local runtime (src/local)',
    severity: 'error',
    from: { path: '^src/server/' },
    to: { path: '^src/local/' },
  },
  {
    name: 'functions-not-local',
    comment: 'src/functions must not import the local runtime (src/local)',
    severity: 'error',
    from: { path: '^src/functions/' },
    to: { path: '^src/local/' },
  },
];

function parseRoot(argv) {
  const i = argv.indexOf('--root');
  return path.resolve(i >= 0 && argv[i + 1] ? argv[i + 1] : path.join(__dirname, '..'));
}

async function main() {
  const root = parseRoot(process.argv.slice(2));
  if (!fs.existsSync(path.join(root, 'src'))) {
    console.log(`depcheck: no src/ under ${root}, nothing to check`);
    return 0;
  }
  const { cruise } = await import('dependency-cruiser');
  const previous = process.cwd();
  process.chdir(root);
  let result;
  try {
    result = await cruise(['src'], {
      baseDir: root,
      validate: true,
      ruleSet: { forbidden: RULES },
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      exclude: { path: '(^|/)(cloudfunctions|dist|coverage)/' },
      outputType: 'json',
    });
  } finally {
    process.chdir(previous);
  }
  const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
  const violations = output.summary.violations.filter((v) => v.rule.severity === 'error');
  if (violations.length === 0) {
    console.log(`depcheck: ${output.summary.totalCruised} modules, import rules hold`);
    return 0;
  }
  console.error(`depcheck: ${violations.length} import rule(s) broken`);
  for (const v of violations) {
    const rule = RULES.find((r) => r.name === v.rule.name);
    console.error(`  ${v.from} -> ${v.to}  [${v.rule.name}] ${rule ? rule.comment : ''}`);
  }
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`depcheck: could not run: ${error && error.stack ? error.stack : error}`);
    process.exit(2);
  },
);
