// Issue #19, finding 4: text the content check holds for review reaches only the one who wrote it and the staff
// working the case until a director clears it — everywhere it could leave the server: the case screen, the
// other party's data export, printed documents, the invitation preview.
import JSZip from 'jszip';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { call, demoRuntime, ok, rid } from '../helpers/runtime';

const DIRECTOR = 'demo-director';
const MEDIATOR = 'demo-mediator';
const HELD = '对方在楼道里扬言要砸我家的门，我很害怕。';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
}, 60_000);
afterAll(() => rt.close());

/** A dispute filed by `applicant` whose text the content check sends to review. */
async function heldCase(applicant: string, summary: string): Promise<string> {
  rt.openapi.secQueue.push('review');
  const filed = await ok(call(rt, 'case', applicant, 'file', {
    category: 'neighbourhood',
    summary,
    communityId: 'liuan',
    applicant: { name: '冯女士', mobile: '13811113333' },
    respondents: [{ name: '褚先生' }],
    consent: { privacy: true, shareWithOtherOrgs: true },
  }, rid()));
  expect(filed.underReview).toBe(true);
  return filed.caseId as string;
}

async function documentText(fileID: string): Promise<string> {
  const zip = await JSZip.loadAsync(rt.storage.read(LocalStorage.cloudPathOf(fileID))!);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

const exportOf = async (who: string, caseId: string) => {
  const data = await ok(call(rt, 'user', who, 'exportData', {}));
  const caseNo = (await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }))).caseNo;
  return data.cases.find((c: { caseNo: string }) => c.caseNo === caseNo);
};

describe('text held for review', () => {
  it("is not in the other party's data export until a director clears it; its author's export has it all along", async () => {
    const applicant = 'sec-held-applicant';
    const respondent = 'sec-held-respondent';
    const caseId = await heldCase(applicant, HELD);
    await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    // The invitation preview never carries the dispute text.
    expect(JSON.stringify(await ok(call(rt, 'case', respondent, 'openInvite', { code: inv.invite.code })))).not.toContain(HELD);
    await ok(call(rt, 'case', respondent, 'join', { code: inv.invite.code }, rid()));

    // Held: the respondent sees it neither on the case screen nor in their export.
    expect((await ok(call(rt, 'case', respondent, 'get', { caseId }))).summary).toBeUndefined();
    const held = await exportOf(respondent, caseId);
    expect(held).toMatchObject({ myRole: '被申请人', myName: '褚先生' });
    expect(JSON.stringify(held)).not.toContain(HELD);
    expect((await exportOf(applicant, caseId)).summary).toBe(HELD);

    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear' }, rid()));
    expect((await exportOf(respondent, caseId)).summary).toBe(HELD);
    expect((await ok(call(rt, 'case', respondent, 'get', { caseId }))).summary).toBe(HELD);
  });

  it('is not printed on a document (which leaves the office on paper) until a director clears it', async () => {
    const text = '他说再吵就找人收拾我们全家，物业也不管。';
    const caseId = await heldCase('sec-held-applicant-2', text);
    await ok(call(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: 'donghu-centre', reason: '涉及物业，需街道协调', overrideReason: '物业公司归街道管理' }, rid()));
    const notice = async () => documentText((await ok(call(rt, 'report', DIRECTOR, 'document', { caseId, kind: 'transfer_notice' }))).fileID);

    const whileHeld = await notice();
    expect(whileHeld).toContain('调解案件转办通知书');
    expect(whileHeld).not.toContain(text);
    expect(whileHeld).toContain('纠纷简要情况：（纠纷情况正在审核，审核后再生成即可打印）');

    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear' }, rid()));
    expect(await notice()).toContain(`纠纷简要情况：${text}`);
  });
});
