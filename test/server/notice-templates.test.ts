// One subscribe-message template per kind of notice. WeChat's library templates each have their own keyword ids
// (thing1, time2, …) and refuse values outside each keyword type's rule with 47003, which the relay treats as
// permanent: so every kind the server emits has its own row (template id variable, keyword ids, which field fills
// each), every value the server can put in a message obeys its keyword's rule, and the pages ask for each kind
// its recipients get — staff too, or their notices always meet 43101.
import * as fs from 'fs';
import * as path from 'path';
import { RULES, TEMPLATES, fitValue, keywordType, subscribeData, type KeywordType } from '../../src/server/notify/templates';
import { STATUS_LABEL } from '../../src/domain/case/labels';
import type { NoticeTemplate } from '../../src/server/cases/store';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string, ext = '.ts'): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(ext)) out.push({ file: path.relative(ROOT, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

const server = sources(path.join(ROOT, 'src', 'server')).filter((s) => !s.file.endsWith(path.join('notify', 'templates.ts')));
/** Every kind of notice the server emits: `template: '<kind>'` in an outgoing notice. */
const emitted = [...new Set(server.flatMap((s) => [...s.text.matchAll(/template: '([a-z_]+)'/g)].map((m) => m[1])))].sort();
/** Every status phrase the server puts in a notice, and every status label. */
const phrases = [
  ...new Set([...server.flatMap((s) => [...s.text.matchAll(/phrase: '([^']+)'/g)].map((m) => m[1])), ...Object.values(STATUS_LABEL)]),
];

describe('the table of subscribe-message templates', () => {
  it('has a row for every kind of notice the server emits (a kind without one fails here)', () => {
    expect(emitted.length).toBeGreaterThanOrEqual(5);
    for (const kind of emitted) expect([kind, kind in TEMPLATES]).toEqual([kind, true]);
  });

  it('gives every kind its own template id variable, and the relay sends exactly that row\'s keywords', () => {
    const envs = Object.values(TEMPLATES).map((t) => t.env);
    expect(new Set(envs).size).toBe(envs.length);
    for (const [kind, t] of Object.entries(TEMPLATES)) {
      const data = subscribeData({ caseNo: '20261123-AB3CD', phrase: '已受理', at: '2026-11-23T01:30:00.000Z', template: kind });
      expect(Object.keys(data).sort()).toEqual(Object.keys(t.keywords).sort());
      for (const id of Object.keys(t.keywords)) expect(() => keywordType(id)).not.toThrow();
      // The case number is in every message, so a notice can always be told apart.
      expect(Object.values(t.keywords).map((k) => k.from)).toContain('caseNo');
    }
  });

  it.each(Object.keys(TEMPLATES))('%s: every value the server can send obeys its keyword type\'s rule', (kind) => {
    for (const phrase of phrases) {
      for (const caseNo of ['20261123-AB3CD', 'QF-2025-000123']) {
        const data = subscribeData({ caseNo, phrase, at: '2026-02-03T16:05:00.000Z', template: kind });
        for (const [id, { value }] of Object.entries(data)) {
          expect([kind, id, phrase, value, RULES[keywordType(id)](value)]).toEqual([kind, id, phrase, value, undefined]);
        }
      }
    }
  });

  it('the rules refuse what WeChat refuses', () => {
    const refused: Array<[KeywordType, string]> = [
      ['thing', '一二三四五六七八九十一二三四五六七八九十一'],
      ['character_string', '案件20261123'],
      ['character_string', 'A'.repeat(33)],
      ['phrase', '待被申请人同意'],
      ['phrase', 'OK了'],
      ['time', '2026-11-23 09:30:00'],
      ['name', '一二三四五六七八九十一'],
      ['thing', ''],
    ];
    for (const [type, v] of refused) expect([type, v, RULES[type](v)]).toEqual([type, v, expect.any(String)]);
    expect(RULES.time('2026-11-23 09:30')).toBeUndefined();
    expect(RULES.time('2026年11月23日 09:30')).toBeUndefined();
    // And the relay fits a long phrase to its keyword instead of sending a value WeChat refuses.
    expect(fitValue('phrase', '请确认是否同意延长调解期限')).toBe('待确认延期');
    expect(fitValue('character_string', '案件 QF-2025-000123')).toBe('QF-2025-000123');
  });

  it('staff and party pages ask, at a tap, for every kind their notices come as', () => {
    const asked = (dirs: string[]) => {
      const kinds = new Set<string>();
      const wechat = fs.readFileSync(path.join(ROOT, 'miniprogram/services/wechat.ts'), 'utf8');
      const staffLists = Object.fromEntries([...wechat.matchAll(/(\w+): \[([^\]]*)\]/g)].map((m) => [m[1], [...m[2].matchAll(/'([a-z_]+)'/g)].map((x) => x[1])]));
      for (const dir of dirs) {
        for (const s of sources(path.join(ROOT, 'miniprogram', dir))) {
          for (const m of s.text.matchAll(/askToSubscribe\(([^)]*)\)/g)) {
            for (const k of m[1].matchAll(/'([a-z_]+)'/g)) kinds.add(k[1]);
            const list = /STAFF_NOTICES\.(\w+)/.exec(m[1]);
            if (list) for (const k of staffLists[list[1]] ?? []) kinds.add(k);
          }
        }
      }
      return kinds;
    };
    const staff = asked(['pkg-director', 'pkg-mediator', 'pkg-intake']);
    const parties = asked(['pkg-resident', 'pkg-respondent']);
    for (const [kind, t] of Object.entries(TEMPLATES) as Array<[NoticeTemplate, (typeof TEMPLATES)[NoticeTemplate]]>) {
      if (!emitted.includes(kind)) continue;
      if (t.audience !== 'party') expect(['staff', kind, staff.has(kind)]).toEqual(['staff', kind, true]);
      if (t.audience !== 'staff') expect(['party', kind, parties.has(kind)]).toEqual(['party', kind, true]);
    }
  });
});
