#!/usr/bin/env node
// Measures the mini-program against WeChat's limits and prints a table; it never fails a build.
//   node scripts/mp-budgets.cjs [--json]
//
// Package size: the files each package would upload. TypeScript is counted as the JavaScript it compiles
// to; files in packOptions.ignore are left out; TDesign components are followed from usingComponents
// through their own scripts, templates, styles and nested npm packages. "构建 npm" puts TDesign in the
// main package (miniprogram_npm), so the main package carries every TDesign file any page uses; each
// subpackage's total adds the TDesign files it uses too, as the size it would have if it packed its own.
//
// setData: the page tests record the largest payload per page into .build/mp-setdata/ (see
// test/miniprogram/helpers/simulate.ts); run `npx jest --selectProjects miniprogram` first.
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const MP_ROOT = path.join(ROOT, 'miniprogram');
const TDESIGN_ROOT = path.join(ROOT, 'node_modules/tdesign-miniprogram/miniprogram_dist');
const TDESIGN_PREFIX = 'tdesign-miniprogram/';
const SETDATA_DIR = path.join(ROOT, '.build/mp-setdata');

const KB = 1024;
const MB = 1024 * KB;
const PACKAGE_CAP = 2 * MB;
const PACKAGE_TARGET = 1 * MB;
const TOTAL_CAP = 20 * MB;
const SETDATA_CAP = 1 * MB;
// The project's own target per setData (issue #6); WeChat's audit only flags payloads above 256 KB.
const SETDATA_TARGET = 64 * KB;
const SETDATA_AUDIT = 256 * KB;

const exists = (f) => fs.existsSync(f) && fs.statSync(f).isFile();
const read = (f) => fs.readFileSync(f, 'utf8');
const rel = (f) => path.relative(ROOT, f).split(path.sep).join('/');

function listFiles(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(full, out);
    else out.push(full);
  }
  return out;
}

function packIgnores() {
  const config = JSON.parse(read(path.join(ROOT, 'project.config.json')));
  const rules = (config.packOptions && config.packOptions.ignore) || [];
  return (file) => {
    const r = path.relative(MP_ROOT, file).split(path.sep).join('/');
    if (r.startsWith('node_modules/') || r.startsWith('miniprogram_npm/')) return true;
    return rules.some((rule) => {
      if (rule.type === 'file') return r === rule.value;
      if (rule.type === 'folder') return r === rule.value || r.startsWith(`${rule.value}/`);
      if (rule.type === 'suffix') return r.endsWith(rule.value);
      if (rule.type === 'prefix') return path.basename(r).startsWith(rule.value);
      return false;
    });
  };
}

let esbuild;
/** Bytes the file uploads as: .ts compiled to .js (types stripped, not minified). */
function uploadedBytes(file) {
  if (!file.endsWith('.ts') || file.endsWith('.d.ts')) return fs.statSync(file).size;
  esbuild = esbuild || require('esbuild');
  const out = esbuild.transformSync(read(file), { loader: 'ts', format: 'cjs', target: 'es2020' });
  return Buffer.byteLength(out.code, 'utf8');
}

function readAppJson() {
  const app = JSON.parse(read(path.join(MP_ROOT, 'app.json')));
  const subPackages = app.subPackages || app.subpackages || [];
  return { app, subPackages };
}

function resolveUsing(fromJson, value) {
  if (value.startsWith('plugin://')) return undefined;
  if (value.startsWith(TDESIGN_PREFIX)) return path.join(TDESIGN_ROOT, value.slice(TDESIGN_PREFIX.length));
  if (value.startsWith('/')) return path.join(MP_ROOT, value);
  return path.join(path.dirname(fromJson), value);
}

/** Resolves a module specifier used inside TDesign to a file (nested npm packages included). */
function resolveTdesignModule(fromFile, spec) {
  const candidates = [];
  if (spec.startsWith('.')) {
    const base = path.join(path.dirname(fromFile), spec);
    candidates.push(base, `${base}.js`, path.join(base, 'index.js'));
  } else {
    const base = path.join(TDESIGN_ROOT, 'miniprogram_npm', spec);
    candidates.push(base, `${base}.js`, path.join(base, 'index.js'));
  }
  return candidates.find(exists);
}

/** Every TDesign file reachable from the given component paths (without extension). */
function tdesignFiles(componentPaths) {
  const files = new Set();
  const pending = [];
  const addFile = (f) => {
    if (f && exists(f) && !files.has(f)) {
      files.add(f);
      pending.push(f);
    }
  };
  for (const comp of componentPaths) for (const ext of ['.js', '.json', '.wxml', '.wxss']) addFile(comp + ext);
  while (pending.length) {
    const file = pending.pop();
    const src = read(file);
    if (file.endsWith('.js') || file.endsWith('.wxs')) {
      for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)) {
        addFile(resolveTdesignModule(file, m[1]));
      }
    } else if (file.endsWith('.wxml')) {
      for (const m of src.matchAll(/\bsrc\s*=\s*["']([^"'{}]+)["']/g)) addFile(path.join(path.dirname(file), m[1]));
    } else if (file.endsWith('.wxss')) {
      for (const m of src.matchAll(/@import\s+["']([^"']+)["']/g)) addFile(path.join(path.dirname(file), m[1]));
    } else if (file.endsWith('.json')) {
      const using = (JSON.parse(src).usingComponents) || {};
      for (const value of Object.values(using)) {
        const target = resolveUsing(file, value);
        if (target) for (const ext of ['.js', '.json', '.wxml', '.wxss']) addFile(target + ext);
      }
    }
  }
  return files;
}

/** TDesign components (paths without extension) used by our files under `dir`, following our own components. */
function tdesignComponentsUsedBy(jsonFiles) {
  const used = new Set();
  const seen = new Set();
  const visit = (jsonFile) => {
    if (seen.has(jsonFile) || !exists(jsonFile)) return;
    seen.add(jsonFile);
    const using = JSON.parse(read(jsonFile)).usingComponents || {};
    for (const value of Object.values(using)) {
      const target = resolveUsing(jsonFile, value);
      if (!target) continue;
      if (target.startsWith(TDESIGN_ROOT)) used.add(target);
      else visit(`${target}.json`);
    }
  };
  jsonFiles.forEach(visit);
  return used;
}

function measurePackages() {
  const { app, subPackages } = readAppJson();
  const ignored = packIgnores();
  const roots = subPackages.map((p) => p.root.replace(/\/$/, ''));
  const packageOf = (file) => {
    const r = path.relative(MP_ROOT, file).split(path.sep).join('/');
    return roots.find((root) => r.startsWith(`${root}/`)) || 'main';
  };

  const own = new Map([['main', []], ...roots.map((r) => [r, []])]);
  for (const file of listFiles(MP_ROOT)) if (!ignored(file)) own.get(packageOf(file)).push(file);

  const pagesOf = (pkg) =>
    pkg === 'main'
      ? app.pages
      : subPackages.find((p) => p.root.replace(/\/$/, '') === pkg).pages.map((p) => `${pkg}/${p}`);

  const rows = [];
  const allTdesign = new Set();
  for (const [pkg, files] of own) {
    const pageJsons = pagesOf(pkg).map((p) => path.join(MP_ROOT, `${p}.json`));
    const ownComponentJsons = files.filter((f) => f.endsWith('.json') && f.includes(`${path.sep}components${path.sep}`));
    const components = tdesignComponentsUsedBy([...pageJsons, ...ownComponentJsons]);
    const tdFiles = tdesignFiles(components);
    tdFiles.forEach((f) => allTdesign.add(f));
    const ownBytes = files.reduce((sum, f) => sum + uploadedBytes(f), 0);
    const tdBytes = [...tdFiles].reduce((sum, f) => sum + fs.statSync(f).size, 0);
    rows.push({
      package: pkg,
      pages: pagesOf(pkg).length,
      ownFiles: files.length,
      ownBytes,
      tdesignComponents: [...components].map((c) => path.relative(TDESIGN_ROOT, c).split(path.sep)[0]).sort(),
      tdesignBytes: tdBytes,
    });
  }
  const allTdesignBytes = [...allTdesign].reduce((sum, f) => sum + fs.statSync(f).size, 0);
  for (const row of rows) {
    // The main package holds miniprogram_npm, so it carries every TDesign file in use.
    row.total = row.package === 'main' ? row.ownBytes + allTdesignBytes : row.ownBytes + row.tdesignBytes;
    if (row.package === 'main') row.tdesignBytes = allTdesignBytes;
  }
  return rows;
}

function readSetData() {
  const merged = {};
  if (!fs.existsSync(SETDATA_DIR)) return merged;
  for (const f of fs.readdirSync(SETDATA_DIR)) {
    if (!f.endsWith('.json')) continue;
    const data = JSON.parse(read(path.join(SETDATA_DIR, f)));
    for (const [page, v] of Object.entries(data)) {
      const prev = merged[page] || { bytes: 0, calls: 0 };
      merged[page] = { bytes: Math.max(prev.bytes, v.bytes), calls: Math.max(prev.calls, v.calls) };
    }
  }
  return merged;
}

const fmt = (bytes) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / KB).toFixed(1)} KB`);
const verdict = (bytes, target, cap) => (bytes > cap ? 'OVER CAP' : bytes > target ? 'over target' : 'ok');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function main() {
  const rows = measurePackages();
  const setData = readSetData();
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ packages: rows, setData }, null, 2)}\n`);
    return;
  }

  console.log(`Package sizes (cap ${fmt(PACKAGE_CAP)} each, target ${fmt(PACKAGE_TARGET)}; ${fmt(TOTAL_CAP)} in all)`);
  console.log(`${pad('package', 16)}${lpad('pages', 6)}${lpad('own', 11)}${lpad('tdesign', 11)}${lpad('total', 11)}  status`);
  let all = 0;
  for (const r of rows) {
    all += r.package === 'main' ? r.total : r.ownBytes;
    console.log(
      `${pad(r.package, 16)}${lpad(r.pages, 6)}${lpad(fmt(r.ownBytes), 11)}${lpad(fmt(r.tdesignBytes), 11)}${lpad(fmt(r.total), 11)}  ${verdict(r.total, PACKAGE_TARGET, PACKAGE_CAP)}`,
    );
  }
  console.log(`${pad('all packages', 16)}${lpad('', 6)}${lpad('', 11)}${lpad('', 11)}${lpad(fmt(all), 11)}  ${verdict(all, TOTAL_CAP, TOTAL_CAP)}`);
  console.log('');
  for (const r of rows) {
    if (r.tdesignComponents.length) console.log(`  ${r.package} uses TDesign: ${r.tdesignComponents.join(', ')}`);
  }
  console.log('  (main carries every TDesign file in use: 构建 npm puts them in its miniprogram_npm)');
  console.log('');

  const pages = Object.keys(setData).sort();
  console.log(`Largest setData payload per page (target ${fmt(SETDATA_TARGET)}; WeChat audit ${fmt(SETDATA_AUDIT)}, cap ${fmt(SETDATA_CAP)})`);
  if (pages.length === 0) {
    console.log('  no measurements: run `npx jest --selectProjects miniprogram` first');
    return;
  }
  for (const page of pages) {
    const { bytes, calls } = setData[page];
    console.log(`  ${pad(page, 48)}${lpad(fmt(bytes), 10)}  ${lpad(calls, 3)} setData calls (most in one test visit)  ${verdict(bytes, SETDATA_TARGET, SETDATA_CAP)}`);
  }
}

if (require.main === module) {
  // Piping into head closes stdout early; that is not an error worth a stack trace.
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main();
}

module.exports = { measurePackages, readSetData, tdesignFiles, resolveUsing };
