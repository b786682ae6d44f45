// What people type is stored clean: phone and resident ID numbers never reach the database in plain text, however
// they were typed (spaces, hyphens, +86, full-width digits, an ID in groups or with a wrong check digit) and in
// whichever free-text field; names or text that are empty once invisible and control characters are removed
// are refused like any empty field; half a character (a lone surrogate) is refused.
import { demoRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { collectionNames } from '../../src/server/database/schema';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const filing = (over: Record<string, unknown> = {}) => ({
  category: 'neighbourhood',
  summary: '楼上漏水，多次沟通无果',
  communityId: 'liuan',
  applicant: { name: '郑五', mobile: '13800002222' },
  respondents: [{ name: '王六' }],
  consent: { privacy: true, shareWithOtherOrgs: false },
  ...over,
});

/** Every stored document, as text with every separator people put between digits removed. */
function storedDigits(): string {
  return collectionNames()
    .flatMap((c) => rt.db.dump(c))
    .map((d) => JSON.stringify(d))
    .join('\n')
    .replace(/[\s\u3000\-\u2010-\u2015.+]/g, '')
    .replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

describe('phone and ID numbers in free text', () => {
  it.each([
    ['spaces', '请打 139 8765 4321 联系我'],
    ['hyphens', '电话139-8765-4321'],
    ['+86', '手机+8613987654321'],
    ['+86 with spaces', '手机 +86 139 8765 4321'],
    ['full-width digits', '电话１３９８７６５４３２１'],
  ])('a mobile number written with %s is masked before it is stored', async (_how, summary) => {
    const r = await call(rt, 'case', `th-${rid()}`, 'file', filing({ summary: `楼上漏水。${summary}` }), rid());
    expect(r.ok).toBe(true);
    expect(storedDigits()).not.toContain('13987654321');
    const view = await call(rt, 'case', 'demo-director', 'get', { caseId: (r as any).data.caseId });
    expect((view as any).data.summary).toContain('139****4321');
  });

  it('a resident ID in groups or with a wrong check digit is masked too', async () => {
    const r = await call(rt, 'case', `th-${rid()}`, 'file', filing({ summary: '对方身份证 110101 19900101 1239，另一个是11010519850203123X' }), rid());
    expect(r.ok).toBe(true);
    const stored = storedDigits();
    expect(stored).not.toContain('110101199001011239');
    expect(stored).not.toContain('11010519850203123X');
  });

  it('numbers in preferred times, withdrawal reasons and deletion requests are masked as well', async () => {
    const who = `th-${rid()}`;
    const r = await call(rt, 'case', who, 'file', filing({ preferredTimes: ['工作日下午，打 136 1111 2222'] }), rid());
    expect(r.ok).toBe(true);
    const caseId = (r as any).data.caseId;
    expect((await call(rt, 'case', who, 'withdraw', { caseId, reason: '已私下和解，电话137-3333-4444' }, rid())).ok).toBe(true);
    expect((await call(rt, 'user', who, 'requestDeletion', { reason: '请删除，有事打 135 5555 6666' }, rid())).ok).toBe(true);
    const stored = storedDigits();
    for (const n of ['13611112222', '13733334444', '13555556666']) expect(stored).not.toContain(n);
  });

  it('ordinary numbers (amounts, flats, dates) are left as written', async () => {
    const summary = '3号楼502室漏水，维修费12345元，2025-05-06发生，隔壁３号楼ｘ先生也知情';
    const r = await call(rt, 'case', `th-${rid()}`, 'file', filing({ summary }), rid());
    const view = await call(rt, 'case', 'demo-director', 'get', { caseId: (r as any).data.caseId });
    expect((view as any).data.summary).toBe(summary);
  });
});

describe('invisible and control characters', () => {
  it('a name of zero-width spaces is refused as empty, in place', async () => {
    const r = await call(rt, 'case', `th-${rid()}`, 'file', filing({ applicant: { name: '\u200b\u200b', mobile: '13800002222' } }), rid());
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect((r as any).fields['applicant.name']).toBe('请填写姓名或名称');
  });

  it('control and bidi characters are removed from what is stored', async () => {
    const r = await call(rt, 'case', `th-${rid()}`, 'file', filing({ summary: '楼上\u0000漏水\u202e，多次\u200d沟通无果\ufeff' }), rid());
    expect(r.ok).toBe(true);
    const view = await call(rt, 'case', 'demo-director', 'get', { caseId: (r as any).data.caseId });
    expect((view as any).data.summary).toBe('楼上漏水，多次沟通无果');
  });

  it('half a character (a lone surrogate) makes the call invalid and stores nothing', async () => {
    const before = rt.db.dump('cases').length;
    const r = await call(rt, 'case', `th-${rid()}`, 'file', filing({ summary: '楼上漏水，多次沟通无果\ud800' }), rid());
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect((r as any).fields.summary).toBeTruthy();
    expect(rt.db.dump('cases').length).toBe(before);
  });
});
