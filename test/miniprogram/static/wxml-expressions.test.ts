// WeChat's data binding evaluates data paths and operators in `{{ }}`, not function calls: `{{ list.indexOf(x) }}`
// renders nothing on a phone, while the compiler our page tests use evaluates it as JavaScript, so a page
// test cannot catch it. This scans every template of the mini-program instead. Calls into a WXS module
// declared in the same file (`<wxs module="fmt">` … `{{ fmt.date(x) }}`) are what WXS is for and allowed.
import * as fs from 'fs';
import * as path from 'path';
import { MP_ROOT } from '../helpers/simulate';

function templates(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'miniprogram_npm') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) templates(full, out);
    else if (entry.name.endsWith('.wxml')) out.push(full);
  }
  return out;
}

/** The calls in one mustache expression, string literals left out; WXS module calls excluded. */
export function callsIn(expression: string, wxsModules: ReadonlySet<string>): string[] {
  const code = expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  const calls: string[] = [];
  const re = /([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*|\]|\))\s*\(/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const callee = m[1].replace(/\s+/g, '');
    const root = callee.split('.')[0];
    if (callee.includes('.') && wxsModules.has(root)) continue;
    calls.push(callee);
  }
  return calls;
}

/** Every `{{ }}` expression of a template that calls a function, with its line. */
export function mustacheCalls(source: string): Array<{ line: number; expression: string; calls: string[] }> {
  const modules = new Set([...source.matchAll(/<wxs[^>]*\bmodule\s*=\s*["']([\w$]+)["']/g)].map((m) => m[1]));
  const found: Array<{ line: number; expression: string; calls: string[] }> = [];
  for (const m of source.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    const calls = callsIn(m[1], modules);
    if (calls.length) found.push({ line: source.slice(0, m.index).split('\n').length, expression: m[1].trim(), calls });
  }
  return found;
}

describe('WXML expressions', () => {
  it('the check finds calls and leaves data paths, operators, strings and WXS alone', () => {
    expect(mustacheCalls('<view class="{{ form.preferredTimes.indexOf(item) > -1 ? \'on\' : \'\' }}"/>')).toEqual([
      { line: 1, expression: "form.preferredTimes.indexOf(item) > -1 ? 'on' : ''", calls: ['form.preferredTimes.indexOf'] },
    ]);
    expect(mustacheCalls('<text>{{ (a + b) * 2 }} {{ x ? \'（有）\' : \'(无)\' }} {{ list[0].name }}</text>')).toEqual([]);
    expect(mustacheCalls('<text>{{ total.toFixed(2) }}</text>')[0].calls).toEqual(['total.toFixed']);
    expect(mustacheCalls('<text>{{ fn(x) }}</text>')[0].calls).toEqual(['fn']);
    expect(mustacheCalls('<wxs module="fmt" src="./fmt.wxs" />\n<text>{{ fmt.date(at) }}</text>')).toEqual([]);
    expect(mustacheCalls('<text>{{ other.date(at) }}</text>')).toHaveLength(1);
  });

  it('no template of the mini-program calls a function in a mustache expression', () => {
    const files = templates(MP_ROOT);
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) =>
      mustacheCalls(fs.readFileSync(file, 'utf8')).map((c) => `${path.relative(MP_ROOT, file)}:${c.line} {{ ${c.expression} }}`),
    );
    expect(offending).toEqual([]);
  });
});
