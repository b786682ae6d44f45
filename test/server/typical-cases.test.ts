// Typical cases (典型案例) through the built functions: a director writes up a closed case of their organisation
// without personal data; a phone number, an identity number or the name of a party of that case is refused with
// the field named, as is text the content check does not pass; residents list them per category.
import type { LocalRuntime } from '../../src/local/runtime';
import { call, demoRuntime, rid } from '../helpers/runtime';
import { caseInMediation, DIRECTOR, MEDIATOR, ok } from '../helpers/case-at';

let rt: LocalRuntime;
let openCaseId: string;
let closedCaseId: string;
beforeAll(async () => {
  rt = await demoRuntime();
  // Cases at the committee: their parties are 张阿姨 (applicant) and 李先生 (respondent); one of them closed.
  openCaseId = (await caseInMediation(rt, 'tc-respondent', { applicant: 'tc-applicant' })).caseId;
  closedCaseId = (await caseInMediation(rt, 'tc-respondent-2', { applicant: 'tc-applicant-2' })).caseId;
  await ok(call(rt, 'agreement', MEDIATOR, 'close', { caseId: closedCaseId, outcome: 'failed', reason: '双方对赔偿数额分歧较大' }, rid()));
});
afterAll(() => rt.close());

const CLEAN = {
  category: 'neighbourhood',
  title: '楼上漏水引发的邻里纠纷',
  happened: '某小区楼上住户卫生间漏水，楼下住户吊顶受损，双方多次协商未果，矛盾逐渐升级。',
  howMediated: '调解员到现场查看漏水情况，分别听取双方意见，讲解相邻关系的法律规定，促成双方各让一步。',
  result: '楼上住户赔偿维修费并修好防水，双方握手言和。',
};
const publish = (over: Record<string, unknown> = {}, who = DIRECTOR) => call(rt, 'org', who, 'publishTypical', { caseId: closedCaseId, ...CLEAN, ...over }, rid());

describe('typical cases', () => {
  it('refuses a phone number, an identity number or a party’s name, naming the field, and publishes nothing', async () => {
    expect(await publish({ happened: `${CLEAN.happened}联系电话138 1234 5678。` })).toMatchObject({
      ok: false,
      code: 'PERSONAL_DATA_IN_TEXT',
      fields: { happened: '纠纷经过中有电话号码或身份证号码，请删去' },
    });
    expect(await publish({ result: `${CLEAN.result}（身份证11010519491231002X）` })).toMatchObject({ ok: false, code: 'PERSONAL_DATA_IN_TEXT', fields: { result: expect.stringContaining('身份证号码') } });
    expect(await publish({ howMediated: `调解员请张阿姨和对方坐下来慢慢谈，讲解相邻关系的法律规定。` })).toMatchObject({
      ok: false,
      code: 'PERSONAL_DATA_IN_TEXT',
      fields: { howMediated: '调解过程中有当事人的姓名，请改用“张某”“李某”等称呼' },
    });
    expect(await publish({ title: '李先生家漏水的纠纷' })).toMatchObject({ ok: false, code: 'PERSONAL_DATA_IN_TEXT', fields: { title: expect.stringContaining('当事人的姓名') } });
    expect((await ok(call(rt, 'org', 'tc-resident', 'typicalCases', {}))).items).toEqual([]);
  });

  it('is written from a closed case of the organisation: an open case or an unknown one is refused', async () => {
    expect(await publish({ caseId: openCaseId })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { caseId: '该案件还没有结案' } });
    expect(await publish({ caseId: 'c00000000000000000000' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await ok(call(rt, 'org', 'tc-resident', 'typicalCases', {}))).items).toEqual([]);
  });

  it('refuses text the content check does not pass', async () => {
    expect(await publish({ happened: `${CLEAN.happened}对方扬言要同归于尽。` })).toMatchObject({ ok: false, code: 'CONTENT_REFUSED', fields: { happened: expect.stringContaining('内容安全检查') } });
  });

  it('only directors publish; residents list the published ones per category, with the organisation and no author', async () => {
    expect(await publish({}, 'tc-applicant')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const published = await ok(publish());
    expect(published).toMatchObject({ ...CLEAN, orgId: 'liuan-committee', orgName: '柳岸社区人民调解委员会', categoryLabel: '邻里纠纷' });
    await ok(publish({ category: 'debt', title: '朋友借款到期未还', happened: '两位朋友之间借款两万元，约定一年归还，到期后借款人以资金紧张为由拖延。', howMediated: '调解员核对借条和转账记录，讲解借款合同的法律规定，帮助双方商定分期方案。', result: '借款人分三期归还，双方签订调解协议。' }));

    const neighbour = await ok(call(rt, 'org', 'tc-resident', 'typicalCases', { category: 'neighbourhood' }));
    expect(neighbour.items.map((i: { title: string }) => i.title)).toEqual(['楼上漏水引发的邻里纠纷']);
    expect(neighbour.items[0]).not.toHaveProperty('publishedBy');
    const all = await ok(call(rt, 'org', 'tc-resident', 'typicalCases', {}));
    expect(all.items.map((i: { category: string }) => i.category).sort()).toEqual(['debt', 'neighbourhood']);
  });
});

// A published case is corrected or withdrawn by a director of the organisation it was published for (or above):
// a revision meets the same checks as publishing, keeps what it replaced and is chained; a withdrawn case is
// listed for no one and can be changed no more.
describe('revising and withdrawing a typical case', () => {
  let typicalId: string;
  const revise = (over: Record<string, unknown> = {}, who = DIRECTOR, requestId = rid()) =>
    call(rt, 'org', who, 'reviseTypical', { typicalId, ...CLEAN, ...over }, requestId);
  const withdraw = (reason: string, who = DIRECTOR, requestId = rid()) => call(rt, 'org', who, 'withdrawTypical', { typicalId, reason }, requestId);
  const listed = async (input: Record<string, unknown> = {}) =>
    (await ok(call(rt, 'org', 'tc-resident', 'typicalCases', input))).items.filter((i: { typicalId: string }) => i.typicalId === typicalId);
  const chainTypes = async () => {
    const chain = await ok(call(rt, 'org', DIRECTOR, 'staffAudit', { orgId: 'liuan-committee' }));
    expect(chain.verified).toBe(true);
    return chain.entries.filter((e: { subject?: string }) => e.subject === typicalId).map((e: { type: string; actor?: string }) => `${e.type} ${e.actor}`);
  };

  beforeAll(async () => {
    typicalId = (await ok(publish({ title: '相邻通行引发的邻里纠纷' }))).typicalId;
  });

  it('refuses a revision with personal data or text the content check holds, naming the field, and changes nothing', async () => {
    expect(await revise({ howMediated: '调解员请李先生和对方坐下来慢慢谈，讲解相邻关系的法律规定。' })).toMatchObject({
      ok: false,
      code: 'PERSONAL_DATA_IN_TEXT',
      fields: { howMediated: '调解过程中有当事人的姓名，请改用“张某”“李某”等称呼' },
    });
    expect(await revise({ result: `${CLEAN.result}联系电话13812345678。` })).toMatchObject({ ok: false, code: 'PERSONAL_DATA_IN_TEXT', fields: { result: expect.stringContaining('电话号码') } });
    expect(await revise({ happened: `${CLEAN.happened}对方扬言要同归于尽。` })).toMatchObject({ ok: false, code: 'CONTENT_REFUSED', fields: { happened: expect.stringContaining('内容安全检查') } });
    expect(await revise({ extra: 1 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect((await listed())[0]).toMatchObject({ title: '相邻通行引发的邻里纠纷' });
    expect((await listed())[0]).not.toHaveProperty('revisedAt');
    expect(await chainTypes()).toEqual([]);
  });

  it('only directors of that organisation (or above) revise or withdraw it', async () => {
    for (const who of ['demo-labour-director', MEDIATOR, 'tc-resident']) {
      expect([who, await revise({ title: '改过的标题不应生效' }, who)]).toEqual([who, expect.objectContaining({ ok: false, code: 'FORBIDDEN' })]);
      expect([who, await withdraw('不应撤回', who)]).toEqual([who, expect.objectContaining({ ok: false, code: 'FORBIDDEN' })]);
    }
    expect(await call(rt, 'org', DIRECTOR, 'reviseTypical', { typicalId: 't00000000000000000000', ...CLEAN }, rid())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await listed()).toHaveLength(1);
  });

  it('a revision replaces the text everyone reads, says when, and is chained with who made it; a replay changes nothing', async () => {
    const requestId = rid();
    const revised = await ok(revise({ title: '相邻通行引发的邻里纠纷（修订）', result: '双方约定共用通道，互不堆放杂物，握手言和。' }, DIRECTOR, requestId));
    expect(revised).toMatchObject({ typicalId, title: '相邻通行引发的邻里纠纷（修订）', orgName: '柳岸社区人民调解委员会', revisedAt: expect.any(String) });
    expect(await ok(revise({ title: '相邻通行引发的邻里纠纷（修订）', result: '双方约定共用通道，互不堆放杂物，握手言和。' }, DIRECTOR, requestId))).toEqual(revised);
    expect((await listed({ category: 'neighbourhood' }))[0]).toEqual(revised);
    expect(await chainTypes()).toEqual([`typical_revised ${DIRECTOR}`]);
    const stored = (rt.db.dump('typical_cases') as Array<{ _id: string; revisions?: unknown }>).find((d) => d._id === typicalId);
    expect(stored?.revisions).toEqual([{ at: revised.revisedAt, by: DIRECTOR, replaced: expect.objectContaining({ title: '相邻通行引发的邻里纠纷' }) }]);
  });

  it('a withdrawal needs a reason; a withdrawn case is listed for no one and can be neither revised nor withdrawn again', async () => {
    expect(await withdraw('撤')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { reason: '请填写撤回理由' } });
    const done = await ok(withdraw('案例细节需要重新核实', 'demo-street-director'));
    expect(done).toEqual({ typicalId, withdrawnAt: expect.any(String) });
    expect(await listed()).toEqual([]);
    expect(await listed({ category: 'neighbourhood' })).toEqual([]);
    expect(await listed({ orgId: 'liuan-committee' })).toEqual([]);
    expect(await revise()).toMatchObject({ ok: false, code: 'TYPICAL_WITHDRAWN', message: '该典型案例已撤回，不能再修改或撤回' });
    expect(await withdraw('再次撤回')).toMatchObject({ ok: false, code: 'TYPICAL_WITHDRAWN' });
    expect(await chainTypes()).toEqual([`typical_revised ${DIRECTOR}`, 'typical_withdrawn demo-street-director']);
  });

  it("the staff chain names the typical case by its title (it is no person), who changed it by name, in two requests", async () => {
    const read = await rt.invoke<any>('org', { action: 'staffAudit', data: { orgId: 'liuan-committee' } }, { openid: DIRECTOR });
    expect(read.result).toMatchObject({ ok: true });
    expect(read.dbRequests).toBeLessThanOrEqual(2);
    const mine = read.result.data.entries.filter((e: { subject?: string }) => e.subject === typicalId);
    expect(mine.map((e: Record<string, unknown>) => [e.type, e.typicalTitle, e.subjectName, e.actorName])).toEqual([
      ['typical_revised', '相邻通行引发的邻里纠纷（修订）', undefined, '王主任'],
      ['typical_withdrawn', '相邻通行引发的邻里纠纷（修订）', undefined, expect.any(String)],
    ]);
    // A supervisor of the area reads what changed and when, not who or which.
    const overseen = await ok(call(rt, 'org', 'demo-supervisor', 'staffAudit', { orgId: 'liuan-committee' }));
    expect(JSON.stringify(overseen)).not.toContain(typicalId);
    expect(JSON.stringify(overseen)).not.toContain('相邻通行');
  });

  it("lists one organisation's cases for its directors", async () => {
    const items = (await ok(call(rt, 'org', DIRECTOR, 'typicalCases', { orgId: 'liuan-committee' }))).items as Array<{ orgId: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.orgId === 'liuan-committee')).toBe(true);
    expect((await ok(call(rt, 'org', DIRECTOR, 'typicalCases', { orgId: 'wangjiang-committee' }))).items).toEqual([]);
  });

  it("pages the organisation's list 20 at a time (its director's page reads on), each page in two requests or fewer", async () => {
    const before = (await ok(call(rt, 'org', DIRECTOR, 'typicalCases', { orgId: 'liuan-committee' }))).items.length as number;
    for (let i = before; i < 23; i++) await ok(publish({ title: `相邻通行引发的邻里纠纷之${i + 1}` }));
    const pages: Array<{ items: Array<{ typicalId: string }>; hasMore: boolean }> = [];
    for (let page = 0; page < 2; page++) {
      const read = await rt.invoke<any>('org', { action: 'typicalCases', data: { orgId: 'liuan-committee', page } }, { openid: DIRECTOR });
      expect(read.result).toMatchObject({ ok: true });
      expect(read.dbRequests).toBeLessThanOrEqual(2);
      pages.push(read.result.data);
    }
    expect(pages.map((p) => [p.items.length, p.hasMore])).toEqual([[20, true], [3, false]]);
    expect(new Set(pages.flatMap((p) => p.items.map((i) => i.typicalId))).size).toBe(23);
  });
});
