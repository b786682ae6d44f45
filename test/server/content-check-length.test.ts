// WeChat's msgSecCheck takes at most 2,500 characters of content. A filing's summary (up to 2,000) and what
// the applicant wants (up to 500) are checked together, 2,501 characters with the line between them: they go
// out in parts that each fit, and a clean filing is not held for review because one call was too long.
import { demoRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { secCheckParts } from '../../src/server/kernel/content-check';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const fill = (pattern: string, n: number) => pattern.repeat(Math.ceil(n / pattern.length)).slice(0, n);

describe('the content check never sends more than 2,500 characters at once', () => {
  it('a filing with the longest summary and wants is checked in parts and not held', async () => {
    const before = rt.openapi.checked.length;
    const r = await call(rt, 'case', 'long-text-resident', 'file', {
      category: 'neighbourhood',
      summary: fill('楼上装修噪音持续到深夜，多次沟通无果。', 2000),
      wants: fill('希望对方晚上十点后停止施工。', 500),
      communityId: 'liuan',
      applicant: { name: '周一', mobile: '13800001111' },
      respondents: [{ name: '吴二' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid());
    expect(r).toMatchObject({ ok: true });
    const sent = rt.openapi.checked.slice(before).map((c) => Array.from(c.content).length);
    expect(sent.length).toBeGreaterThan(1);
    expect(Math.max(...sent)).toBeLessThanOrEqual(2500);
    const doc = rt.db.dump('cases').find((d: any) => d._id === (r as any).data.caseId) as any;
    expect(doc.reviewPending ?? false).toBe(false);
    expect(doc.case.contentReview?.status ?? 'none').not.toBe('pending');
  });

  it('parts keep every character, split only between characters', () => {
    const text = Array.from({ length: 5001 }, (_, i) => (i % 2 ? '字' : '𠀀')).join('');
    const parts = secCheckParts(text);
    expect(parts.map((p) => Array.from(p).length)).toEqual([2500, 2500, 1]);
    expect(parts.join('')).toBe(text);
  });

  it('the local stand-in refuses content over 2,500 characters, as the documented limit says', async () => {
    await expect(rt.openapi.namespace().security.msgSecCheck({ content: fill('字', 2501), version: 2, scene: 1, openid: 'x' })).rejects.toMatchObject({ errCode: expect.any(Number) });
  });
});
