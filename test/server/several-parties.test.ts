// Cases with more than two parties, through the real bundles: a building's five households against their
// property company, and three heirs, one of them acting through an agent — filed, mediated and closed.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { LocalStorage } from '../../src/local/storage';
import { demoRuntime, call, rid, ok } from '../helpers/runtime';
import { dayFromNow, DIRECTOR, ID_APPLICANT, ID_RESPONDENT, MEDIATOR, RESIDENT } from '../helpers/case-at';
import type { LocalRuntime } from '../../src/local/runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

/** The text of a generated .docx, to read what a document says. */
async function documentText(fileID: string): Promise<string> {
  const zip = await JSZip.loadAsync(rt.storage.read(LocalStorage.cloudPathOf(fileID))!);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

async function registerRows(fileID: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(rt.storage.read(LocalStorage.cloudPathOf(fileID))! as never);
  const rows: string[] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).map((v) => (v == null ? '' : String(v))).join('|')));
  return rows;
}

async function acceptAndAssign(caseId: string) {
  const accepted = await call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid());
  if (!accepted.ok) await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId, overrideReason: '当事人均在本社区，由本调委会调解' }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
}

describe('a group dispute: five households against their property company', () => {
  const households = ['302', '402', '502', '602'].map((room) => ({ name: `${room}业主`, mobile: `1390000${room}0` }));
  let caseId = '';

  it('is filed by one resident with four neighbours as co-applicants, against a company named with its representative', async () => {
    const bad = await call<any>(rt, 'case', RESIDENT, 'file', {
      category: 'property',
      summary: '小区3栋电梯停运两个月，物业迟迟不修。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      otherApplicants: households,
      respondents: [{ kind: 'organisation', name: '安居物业公司' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid());
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { 'respondents.0.representative': expect.stringMatching(/法定代表人/) } });

    const filed = await ok(call(rt, 'case', RESIDENT, 'file', {
      category: 'property',
      summary: '小区3栋电梯停运两个月，物业迟迟不修。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      otherApplicants: households,
      respondents: [{ kind: 'organisation', name: '安居物业公司', representative: '王经理', mobile: '13700009999' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    caseId = filed.caseId;
    const view = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(view.parties.map((p: any) => [p.partyId, p.role, p.name])).toEqual([
      ['p1', 'applicant', '张阿姨'],
      ['p2', 'applicant', '302业主'],
      ['p3', 'applicant', '402业主'],
      ['p4', 'applicant', '502业主'],
      ['p5', 'applicant', '602业主'],
      ['p6', 'respondent', '安居物业公司'],
    ]);
    expect(view.parties[5]).toMatchObject({ kind: 'organisation', representative: '王经理', joined: false, mobile: '137****9999' });
    expect(view.parties[0]).toMatchObject({ joined: 'self' });
  });

  it('each party gets their own invitation: the company to agree to mediate, the neighbours to follow and confirm', async () => {
    await acceptAndAssign(caseId);
    const first = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    expect(first).toMatchObject({ status: 'awaiting_consent', invitee: { partyId: 'p6', name: '安居物业公司', role: 'respondent' } });
    await ok(call(rt, 'case', 'company-rep', 'join', { code: first.invite.code }, rid()));
    // Nobody needs a second code once joined.
    expect(await call(rt, 'case', MEDIATOR, 'invite', { caseId, partyId: 'p6' }, rid())).toMatchObject({ ok: false, code: 'PARTY_ALREADY_JOINED' });
    expect(await call(rt, 'case', MEDIATOR, 'invite', { caseId, partyId: 'p1' }, rid())).toMatchObject({ ok: false, code: 'PARTY_ALREADY_JOINED' });
    expect(await call(rt, 'case', MEDIATOR, 'invite', { caseId, partyId: 'p9' }, rid())).toMatchObject({ ok: false, code: 'PARTY_NOT_FOUND' });
    const agreed = await ok(call(rt, 'case', 'company-rep', 'reply', { caseId, reply: 'agree' }, rid()));
    expect(agreed.status).toBe('in_mediation');

    for (const n of [2, 3, 4, 5]) {
      const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId, partyId: `p${n}` }, rid()));
      // Inviting a co-applicant does not change where the case stands.
      expect(inv).toMatchObject({ status: 'in_mediation', invitee: { partyId: `p${n}`, role: 'applicant', forAgent: false } });
      const preview = await ok(call(rt, 'case', `household-${n}`, 'openInvite', { code: inv.invite.code }));
      expect(preview.invitee).toEqual({ role: 'applicant', forAgent: false });
      await ok(call(rt, 'case', `household-${n}`, 'join', { code: inv.invite.code }, rid()));
      // A co-applicant is not asked whether they agree to mediate: they applied.
      expect(await call(rt, 'case', `household-${n}`, 'reply', { caseId, reply: 'agree' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    const mine = await ok(call(rt, 'case', 'household-3', 'mine', {}));
    expect(mine.items.map((i: any) => i.caseId)).toContain(caseId);
  });

  it('the agreement lists all six; it takes effect only once every one has confirmed, and closes after the visit', async () => {
    const person = (n: number, name: string) => ({ partyId: `p${n}`, role: 'applicant', kind: 'person', name, idType: 'resident_id', idNumber: n % 2 ? ID_APPLICANT : ID_RESPONDENT, address: `柳岸社区3栋${n}01` });
    const content = {
      parties: [
        person(1, '张阿姨'),
        ...households.map((h, i) => person(i + 2, h.name)),
        { partyId: 'p6', role: 'respondent', kind: 'organisation', name: '安居物业公司', idType: 'credit_code', idNumber: '91310000MA1FL8XQ30', address: '柳岸路1号', representative: '王经理' },
      ],
      facts: '3栋电梯自9月起停运，物业公司未安排维修。',
      disputedMatters: '电梯维修的期限和费用。',
      responsibilities: '物业公司未尽维修义务。',
      terms: ['物业公司于十五日内修复电梯。'],
      performance: [{ itemId: 'i1', obligorPartyId: 'p6', obligeePartyId: 'p1', description: '修复3栋电梯', method: '委托维保单位维修', place: '柳岸社区3栋', dueDate: dayFromNow(15) }],
    };
    const drafted = await ok(call(rt, 'agreement', MEDIATOR, 'draft', { caseId, content }, rid()));
    const hash = drafted.agreement.hash;
    const actors = [RESIDENT, 'household-2', 'household-3', 'household-4', 'household-5'];
    for (const who of actors) await ok(call(rt, 'agreement', who, 'confirm', { caseId, hash }, rid()));
    await ok(call(rt, 'agreement', MEDIATOR, 'sign', { caseId, hash }, rid()));
    const early = await call<any>(rt, 'agreement', DIRECTOR, 'seal', { caseId, hash }, rid());
    expect(early).toMatchObject({ ok: false, code: 'SEAL_TOO_EARLY', message: expect.stringContaining('安居物业公司') });
    const state = await ok(call(rt, 'agreement', MEDIATOR, 'get', { caseId }));
    expect(state.awaiting.map((a: any) => a.name)).toEqual(['安居物业公司']);
    await ok(call(rt, 'agreement', 'company-rep', 'confirm', { caseId, hash }, rid()));
    expect((await ok(call(rt, 'agreement', DIRECTOR, 'seal', { caseId, hash }, rid()))).status).toBe('performing');

    const doc = await ok(call(rt, 'report', DIRECTOR, 'document', { caseId, kind: 'agreement' }));
    const text = await documentText(doc.fileID);
    for (const name of ['张阿姨', '302业主', '402业主', '502业主', '602业主', '安居物业公司', '王经理']) expect(text).toContain(name);
    expect(text).toContain('本协议一式七份，各方当事人、人民调解委员会各执一份');

    await ok(call(rt, 'agreement', RESIDENT, 'markDone', { caseId, itemId: 'i1' }, rid()));
    const closed = await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'performed', satisfaction: 5, notes: '电梯已修好，各户满意' }, rid()));
    expect(closed.status).toBe('closed');
  });
});

describe("an heirs' dispute: three heirs, one acting through an agent", () => {
  let caseId = '';

  it('the committee registers three heirs at its window; the elderly mother is represented by her son with general powers', async () => {
    const res = await ok(call(rt, 'case', DIRECTOR, 'register', {
      source: 'walk_in',
      category: 'inheritance',
      summary: '父亲去世后留下老房一套，三兄妹对分割方式有争议。',
      communityId: 'liuan',
      applicants: [{ name: '陈大哥', mobile: '13600001111' }],
      respondents: [
        { name: '陈二姐', mobile: '13600002222' },
        { name: '陈老太', agent: { name: '陈小弟', specialPowers: false } },
      ],
      visitorConsent: true,
      shareWithOtherOrgs: false,
    }, rid()));
    caseId = res.caseId;
    const view = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(view.parties.map((p: any) => [p.role, p.name])).toEqual([['applicant', '陈大哥'], ['respondent', '陈二姐'], ['respondent', '陈老太']]);
    expect(view.parties[2].agent).toEqual({ name: '陈小弟', specialPowers: false });
  });

  it("mediation waits for both respondents' consent; the agent joins on the mother's behalf and may agree to mediate", async () => {
    await acceptAndAssign(caseId);
    const first = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    expect(first.invitee).toMatchObject({ partyId: 'p2', name: '陈二姐' });
    const forAgent = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId, partyId: 'p3', forAgent: true }, rid()));
    expect(forAgent.invitee).toEqual({ partyId: 'p3', name: '陈小弟', role: 'respondent', forAgent: true });
    expect(await call(rt, 'case', MEDIATOR, 'invite', { caseId, partyId: 'p2', forAgent: true }, rid())).toMatchObject({ ok: false, code: 'NO_AGENT' });

    // Staff see where each invitation stands: sent, not yet opened.
    const before = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(before.parties[2].invitation).toMatchObject({ forAgent: true, opened: false, expired: false });
    const preview = await ok(call(rt, 'case', 'chen-son', 'openInvite', { code: forAgent.invite.code }));
    const opened = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(opened.parties[2].invitation).toMatchObject({ opened: true });
    expect(opened.parties[1].invitation).toMatchObject({ opened: false });
    expect(preview.invitee).toEqual({ role: 'respondent', forAgent: true, agentFor: '陈**' });
    await ok(call(rt, 'case', 'chen-son', 'join', { code: forAgent.invite.code }, rid()));
    await ok(call(rt, 'case', 'chen-sister', 'join', { code: first.invite.code }, rid()));
    const view = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(view.parties.map((p: any) => p.joined)).toEqual([false, 'self', 'agent']);
    // Once joined, there is no invitation left to follow up.
    expect(view.parties.filter((p: any) => p.invitation)).toEqual([]);

    const one = await ok(call(rt, 'case', 'chen-son', 'reply', { caseId, reply: 'agree' }, rid()));
    expect(one.status).toBe('awaiting_consent');
    const both = await ok(call(rt, 'case', 'chen-sister', 'reply', { caseId, reply: 'agree' }, rid()));
    expect(both.status).toBe('in_mediation');
  });

  it('an inheritance agreement is signed on paper by each of the three, takes effect, and the registers name all three', async () => {
    const heir = (n: number, role: string, name: string, id: string) => ({ partyId: `p${n}`, role, kind: 'person', name, idType: 'resident_id', idNumber: id, address: '柳岸社区5栋' });
    const drafted = await ok(call(rt, 'agreement', MEDIATOR, 'draft', {
      caseId,
      content: {
        parties: [heir(1, 'applicant', '陈大哥', ID_APPLICANT), heir(2, 'respondent', '陈二姐', ID_RESPONDENT), heir(3, 'respondent', '陈老太', ID_APPLICANT)],
        facts: '陈父去世，留有柳岸社区5栋房屋一套。',
        disputedMatters: '房屋的分割。',
        responsibilities: '各方均为法定继承人，无过错责任。',
        terms: ['房屋归陈老太居住使用，陈大哥、陈二姐各得补偿款两万元。'],
        performance: [{ itemId: 'i1', obligorPartyId: 'p3', obligeePartyId: 'p1', description: '支付补偿款', amountYuan: 20000, method: '银行转账', place: '柳岸社区人民调解委员会', dueDate: dayFromNow(30) }],
      },
    }, rid()));
    const hash = drafted.agreement.hash;
    // Inheritance: no one confirms online (Electronic Signature Law Art. 3).
    expect(await call(rt, 'agreement', 'chen-son', 'confirm', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'PAPER_SIGNATURE_REQUIRED' });
    for (const partyId of ['p1', 'p2', 'p3']) {
      const where = await ok(call(rt, 'agreement', MEDIATOR, 'scanPath', { caseId, partyId }, rid()));
      const up = await rt.storage.api().uploadFile({ cloudPath: where.cloudPath, fileContent: Buffer.from(`signed by ${partyId}`) });
      await ok(call(rt, 'agreement', MEDIATOR, 'uploadScan', { caseId, partyId, hash, fileId: up.fileID }, rid()));
    }
    await ok(call(rt, 'agreement', MEDIATOR, 'sign', { caseId, hash }, rid()));
    expect((await ok(call(rt, 'agreement', DIRECTOR, 'seal', { caseId, hash }, rid()))).status).toBe('performing');

    const doc = await documentText((await ok(call(rt, 'report', DIRECTOR, 'document', { caseId, kind: 'agreement' }))).fileID);
    expect(doc).toContain('委托代理人：陈小弟（一般授权）');
    expect(doc).toContain('本协议一式四份');
    const reg = await ok(call(rt, 'report', DIRECTOR, 'register', { kind: 'mediation' }));
    const row = (await registerRows(reg.fileID)).find((r) => r.includes('陈大哥'));
    expect(row).toContain('陈二姐、陈老太');

    await ok(call(rt, 'agreement', MEDIATOR, 'markDone', { caseId, itemId: 'i1' }, rid()));
    const closed = await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'performed', notes: '补偿款已付清' }, rid()));
    expect(closed.status).toBe('closed');
  });
});
