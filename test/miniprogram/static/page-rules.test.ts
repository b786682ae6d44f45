// How the mini-program is written, checked over every source file: pages reach the backend only through the
// typed service layer, no page casts `this` or declares its own page interface (the kit types `this`), and
// nothing on the phone copies the server's types or tables by hand (they are imported as types, or generated).
import * as fs from 'fs';
import * as path from 'path';
import { MP_ROOT } from '../helpers/simulate';

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'miniprogram_npm', 'generated'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, out);
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const rel = (f: string) => path.relative(MP_ROOT, f).split(path.sep).join('/');
const files = sources(MP_ROOT).map((f) => ({ file: rel(f), text: fs.readFileSync(f, 'utf8') }));
const outsideServices = files.filter((f) => !f.file.startsWith('services/'));
const pages = files.filter((f) => /(^|\/)pages\/.+\/index\.ts$/.test(f.file));

function offending(list: typeof files, pattern: RegExp): string[] {
  return list.flatMap(({ file, text }) => text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
}

describe('mini-program sources', () => {
  it('are all found', () => {
    expect(pages.length).toBeGreaterThanOrEqual(22);
  });

  it('only the service layer calls a cloud function by name', () => {
    expect(offending(outsideServices, /\bcallFunction\b|wx\.cloud\.callFunction/)).toEqual([]);
  });

  it('every page is defined with the page kit and casts no `this`', () => {
    expect(pages.filter((p) => !/\bdefinePage\(/.test(p.text)).map((p) => p.file)).toEqual([]);
    expect(offending(pages, /\bthis as\b|\(self: unknown\)|as unknown as \w+Page\b|^\s*(export )?interface \w+Page\b/)).toEqual([]);
  });

  it('no page keeps intent ids in a WeakMap of its own', () => {
    expect(offending(pages, /new Weak(Map|Set)\b/)).toEqual([]);
  });

  it('no hand-copied server types or tables remain', () => {
    for (const gone of ['services/resident-types.ts', 'utils/staff-types.ts', 'utils/categories.ts', 'services/resident.ts']) {
      expect(files.map((f) => f.file)).not.toContain(gone);
    }
    // Server labels on the phone come from generated/labels.ts, codes from generated/errors.ts.
    expect(offending(outsideServices, /'(邻里纠纷|人民法院|现场调解|被申请人不同意调解|调委会主任)'\s*[,}]/)).toEqual([]);
    expect(offending(outsideServices, /\b(FORBIDDEN|VALIDATION_FAILED|NOT_FOUND): '/)).toEqual([]);
  });

  it('dates and times are written only by utils/format.ts: no page builds its own', () => {
    const others = files.filter((f) => f.file !== 'utils/format.ts');
    // Reading a date's parts, padding a number to two digits, or writing 年/月/日 after a value is formatting.
    expect(offending(others, /\.get(UTC)?(FullYear|Month|Date|Day|Hours|Minutes)\(\)|padStart\(2|toLocale(Date|Time)?String|\}(年|月|日)|from 'dayjs'/)).toEqual([]);
  });

  it("urgency is marked one way everywhere: the urgent-tag component, never a page's own tag or 【紧急】", () => {
    const templates = sources(MP_ROOT)
      .map((f) => f.replace(/\.ts$/, '.wxml'))
      .filter((f) => fs.existsSync(f))
      .map((f) => ({ file: rel(f), text: fs.readFileSync(f, 'utf8') }));
    const others = [...files, ...templates].filter((f) => !f.file.startsWith('components/urgent-tag/'));
    expect(offending(others, /【紧急】|>紧急<\/t-tag>/)).toEqual([]);
  });
});
