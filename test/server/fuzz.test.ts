// Property-based junk against every action: unicode, emoji, huge strings, nested objects, wrong types.
// Each call ends in a coded result — never an uncaught failure — and no phone number is ever stored in
// plaintext.
import fc from 'fast-check';
import { demoRuntime, call } from '../helpers/runtime';
import { allRoutes } from '../helpers/functions';
import type { LocalRuntime } from '../../src/local/runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

// Every action of every function (timer-only routes answer user callers with a coded refusal, which is checked too).
const actions = Object.entries(allRoutes()).flatMap(([fn, routes]) => Object.keys(routes).map((a) => [fn, a])) as Array<[string, string]>;
const callers = ['demo-resident', 'demo-director', 'demo-street-director', 'demo-intake', 'demo-supervisor', 'stranger'];

const junk = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.string({ minLength: 3000, maxLength: 5000 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('13812345678', 'c0123456789abcdef0123', 'liuan', 'donghu-centre', '😀👨‍👩‍👧', '<script>', '$where', '__proto__'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('caseId', 'category', 'summary', 'applicant', 'mobile', 'name', 'communityId', 'consent', 'code', '$set', 'constructor'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

// A well-formed filing with one field replaced by junk: gets past the outer checks into the deeper ones.
const nearlyValid = fc.record({ field: fc.constantFrom('category', 'summary', 'communityId', 'applicant', 'respondent', 'amountYuan', 'riskSignals', 'consent'), v: junk }).map(({ field, v }) => ({
  category: 'debt',
  summary: '借款纠纷，情况说明如下。',
  communityId: 'liuan',
  applicant: { name: '张三', mobile: '13812345678' },
  respondents: [{ name: '李四', mobile: '13987654321' }],
  consent: { privacy: true, shareWithOtherOrgs: true },
  [field]: v,
}));

describe('fuzzed input', () => {
  it('every action answers junk with a coded result, never an internal error', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), fc.constantFrom(...callers), fc.oneof(junk, nearlyValid), fc.boolean(), async ([fn, action], who, data, withId) => {
        n += 1;
        const event = { action, data, ...(withId ? { requestId: `fuzz-${n}-abcdefgh` } : {}) };
        const inv = await rt.invoke<any>(fn, event, { openid: who });
        const r = inv.result;
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(r.code).toMatch(/^[A-Z_]+$/);
          expect(r.code).not.toBe('INTERNAL');
          expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('filings with unicode, emoji and odd numbers are stored normalised or refused field by field', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 0, maxLength: 300 }),
        fc.oneof(fc.constant(undefined), fc.double({ noNaN: false }), fc.integer({ min: -5, max: 1e7 })),
        async (summary, amountYuan) => {
          n += 1;
          const data: Record<string, unknown> = {
            category: 'debt',
            summary: `  ${summary}  `,
            communityId: 'liuan',
            applicant: { name: '张三', mobile: '13812345678' },
            respondents: [{ name: '李四', mobile: '13987654321' }],
            consent: { privacy: true, shareWithOtherOrgs: true },
            ...(amountYuan !== undefined ? { amountYuan } : {}),
          };
          const r = await call<any>(rt, 'case', 'demo-resident', 'file', data, `fuzz-file-${n}-abcdefgh`);
          if (r.ok) {
            const stored = rt.db.dump('cases').find((d) => d._id === r.data.caseId) as any;
            expect(stored.case.summary).toBe(summary.trim());
          } else {
            expect(r.code).toBe('VALIDATION_FAILED');
            expect(Object.keys(r.fields ?? {}).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('malformed events themselves are refused with a code', async () => {
    for (const event of [null, 42, 'file', [], { action: 7 }, { action: 'file', requestId: 'x' }, { action: 'file', extra: true }]) {
      const inv = await rt.invoke<any>('case', event, { openid: 'demo-resident' });
      expect(inv.result).toMatchObject({ ok: false });
      expect(['BAD_REQUEST', 'UNKNOWN_ACTION']).toContain(inv.result.code);
    }
  });

  it('no phone number was ever stored in plaintext', () => {
    const everything = JSON.stringify(rt.db.collectionNames().map((c) => rt.db.dump(c)));
    // Some fuzzed filings were accepted (their phone numbers sealed); none may appear in the clear.
    expect(rt.db.dump('cases').length).toBeGreaterThan(0);
    expect(everything).not.toContain('13812345678');
    expect(everything).not.toContain('13987654321');
  });
});
