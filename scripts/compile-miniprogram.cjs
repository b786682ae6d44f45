#!/usr/bin/env node
// Compiles the mini-program with WeChat's own compiler (miniprogram-ci), offline, as an upload would:
//   node scripts/compile-miniprogram.cjs [--project <dir>] [--keep]      (npm run compile:mp)
//
// 1. copies the project (project.config.json and miniprogram/, without miniprogram_npm) into a temp folder;
// 2. packs TDesign into its miniprogram_npm with ci.packNpmManually (what DevTools' 工具 → 构建 npm does);
// 3. compiles it with ci.getCompiledResult: TypeScript, app.json and every page's usingComponents, WXML (an unclosed
//    tag fails with minifyWXML), packOptions.ignore, unused TDesign components dropped. The project's attributes
//    are answered locally (ci.DefaultProjectAttr) and the private key is a throwaway RSA key made here, so nothing
//    is asked of or sent to WeChat (its one network attempt, the ext-appid white list, fails harmlessly);
// 4. prints the compiled size of the main package and of each subpackage, and exits 1 on a compile error or a
//    package over WeChat's 2 MB cap.
// A forked compiler stays alive after the work is done, so the process ends itself.
//
// miniprogram-ci is resolved as an ordinary package (a devDependency, or NODE_PATH pointing at a folder where it
// is installed).
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const KB = 1024;
const PACKAGE_CAP = 2 * KB * KB;

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function loadCi() {
  try {
    return require('miniprogram-ci');
  } catch (e) {
    console.error('compile:mp needs the miniprogram-ci package (npm install --save-dev miniprogram-ci), not found:', e.message);
    process.exit(2);
  }
}

/** Copies a folder, leaving out what an upload never carries. */
function copyTree(from, to) {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => !/[\\/](miniprogram_npm|node_modules|\.git)([\\/]|$)/.test(path.relative(from, src) ? src : ''),
  });
}

/** Which package a compiled file belongs to: a subpackage root, or the main package. */
function packageOf(file, roots) {
  const f = file.replace(/^\/+/, '');
  return roots.find((r) => f === r || f.startsWith(`${r}/`)) ?? '主包 (main)';
}

async function main() {
  const ci = loadCi();
  const source = path.resolve(arg('--project') ?? ROOT);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-compile-'));
  const started = Date.now();
  try {
    // 1. The copy.
    const projectConfig = JSON.parse(fs.readFileSync(path.join(source, 'project.config.json'), 'utf8'));
    fs.copyFileSync(path.join(source, 'project.config.json'), path.join(work, 'project.config.json'));
    const mpRoot = (projectConfig.miniprogramRoot || 'miniprogram/').replace(/\/+$/, '');
    copyTree(path.join(source, mpRoot), path.join(work, mpRoot));
    fs.mkdirSync(path.join(work, (projectConfig.cloudfunctionRoot || 'cloudfunctions/').replace(/\/+$/, '')), { recursive: true });

    // 2. TDesign, packed from the repository's node_modules as 构建 npm would pack miniprogram/package.json's.
    // packNpm does not follow a symlinked node_modules: copy each runtime package the mini-program declares.
    const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(work, mpRoot, 'package.json'), 'utf8')).dependencies || {});
    for (const dep of deps) {
      fs.cpSync(path.join(ROOT, 'node_modules', dep), path.join(work, mpRoot, 'node_modules', dep), { recursive: true, dereference: true });
    }
    const packed = await ci.packNpmManually({
      packageJsonPath: path.join(work, mpRoot, 'package.json'),
      miniprogramNpmDistDir: path.join(work, mpRoot),
    });
    fs.rmSync(path.join(work, mpRoot, 'node_modules'), { recursive: true, force: true });
    if (packed && packed.warnList && packed.warnList.length) for (const w of packed.warnList) console.warn('packNpm:', w.msg || w);

    // 3. Compile with a throwaway key and locally answered project attributes.
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const keyPath = path.join(work, 'throwaway.key');
    fs.writeFileSync(keyPath, privateKey);
    const project = new ci.Project({
      appid: projectConfig.appid && projectConfig.appid !== 'touristappid' ? projectConfig.appid : 'wx0000000000000000',
      type: 'miniProgram',
      projectPath: work,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
    });
    project.attr = async () => ({ ...ci.DefaultProjectAttr });
    const files = await ci.getCompiledResult({ project, setting: { useProjectConfig: true }, onProgressUpdate: () => {} }, path.join(work, 'compiled.zip'));

    // 4. Sizes per package.
    const appJson = JSON.parse(fs.readFileSync(path.join(work, mpRoot, 'app.json'), 'utf8'));
    const roots = (appJson.subPackages || appJson.subpackages || []).map((p) => p.root.replace(/^\/+|\/+$/g, ''));
    const sizes = new Map([['主包 (main)', 0], ...roots.map((r) => [r, 0])]);
    for (const [file, content] of Object.entries(files)) {
      const key = packageOf(file, roots);
      sizes.set(key, (sizes.get(key) || 0) + (typeof content === 'string' ? Buffer.byteLength(content) : content.length));
    }
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    console.log(`compiled ${Object.keys(files).length} files with WeChat's compiler in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [name, size] of sizes) console.log(`  ${name.padEnd(20)} ${(size / KB).toFixed(1).padStart(8)} KB${size > PACKAGE_CAP ? '  over the 2 MB cap' : ''}`);
    console.log(`  ${'total'.padEnd(20)} ${(total / KB).toFixed(1).padStart(8)} KB`);
    // The figures the bench reports (scripts/bench/mp.ts): what WeChat's compiler produced, per package.
    const pages = new Map([['主包 (main)', appJson.pages.length], ...(appJson.subPackages || appJson.subpackages || []).map((p) => [p.root.replace(/^\/+|\/+$/g, ''), p.pages.length])]);
    fs.mkdirSync(path.join(ROOT, '.build'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, '.build/mp-compiled-sizes.json'),
      JSON.stringify({ at: new Date().toISOString(), files: Object.keys(files).length, packages: [...sizes].map(([name, bytes]) => ({ package: name, pages: pages.get(name) ?? 0, total: bytes })) }, null, 2),
    );
    const over = [...sizes].filter(([, s]) => s > PACKAGE_CAP);
    return over.length ? 1 : 0;
  } finally {
    if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    const where = e && typeof e === 'object' ? Object.entries(e).filter(([k, v]) => k !== 'message' && k !== 'stack' && typeof v !== 'object') : [];
    console.error(`compile failed: ${e && (e.message || e)}${where.length ? ` (${where.map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`);
    process.exit(1);
  },
);
