// Staff may record a party's signature on paper only where the law rules out confirming online (marriage,
// adoption, inheritance), and only with a scan uploaded under the path the server issued for that case and
// party: no staff member can "confirm" an agreement for a party with some file that happens to be in storage.
import type { LocalRuntime } from '../../src/local/runtime';
import { agreementContent, caseWithDraft, MEDIATOR, ok } from '../helpers/case-at';
import { call, demoRuntime, rid } from '../helpers/runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const upload = async (cloudPath: string) => (await rt.storage.api().uploadFile({ cloudPath, fileContent: Buffer.from('signed scan') })).fileID;
const confirmations = async (caseId: string) => (await ok(call(rt, 'agreement', MEDIATOR, 'get', { caseId }))).confirmations as Array<{ partyId: string; method: string }>;

describe('paper confirmations', () => {
  it('are refused on an agreement the parties can confirm online, whatever file is offered', async () => {
    const { caseId, hash } = await caseWithDraft(rt, 'paper-online-resp');
    const fileId = await upload(`agreements/${caseId}/p1.jpg`);
    const scan = await call(rt, 'agreement', MEDIATOR, 'uploadScan', { caseId, partyId: 'p1', hash, fileId }, rid());
    expect(scan).toMatchObject({ ok: false, code: 'PAPER_NOT_ALLOWED', message: expect.stringMatching(/在线确认/) });
    expect(await call(rt, 'agreement', MEDIATOR, 'scanPath', { caseId, partyId: 'p1' }, rid())).toMatchObject({ ok: false, code: 'PAPER_NOT_ALLOWED' });
    expect(await confirmations(caseId)).toEqual([]);
  });

  it('are refused with a file not uploaded under a path issued for that case and party', async () => {
    const { caseId, hash } = await caseWithDraft(rt, 'paper-path-resp', { category: 'inheritance' });
    const other = await caseWithDraft(rt, 'paper-path-other', { category: 'inheritance' });
    const forP2 = await ok(call(rt, 'agreement', MEDIATOR, 'scanPath', { caseId, partyId: 'p2' }, rid()));
    const forOtherCase = await ok(call(rt, 'agreement', MEDIATOR, 'scanPath', { caseId: other.caseId, partyId: 'p1' }, rid()));
    const offered = [
      await upload(`agreements/${caseId}/p1.jpg`), // a path the client chose
      await upload(`evidence/${caseId}/photo.jpg`), // a file uploaded for something else
      await upload(forP2.cloudPath), // issued, but for the other party
      await upload(forOtherCase.cloudPath), // issued, but for another case
      await upload(`agreement-scans/${caseId}/p1/guessed/scan.jpg`), // the right shape, but never issued
    ];
    for (const fileId of offered) {
      const r = await call(rt, 'agreement', MEDIATOR, 'uploadScan', { caseId, partyId: 'p1', hash, fileId }, rid());
      expect([fileId, r]).toEqual([fileId, expect.objectContaining({ ok: false, code: 'SCAN_PATH_NOT_ISSUED' })]);
    }
    expect(await confirmations(caseId)).toEqual([]);
  });

  it('are recorded with the scan uploaded under the issued path, which then cannot be used again', async () => {
    const { caseId, hash } = await caseWithDraft(rt, 'paper-ok-resp', { category: 'inheritance' });
    const where = await ok(call(rt, 'agreement', MEDIATOR, 'scanPath', { caseId, partyId: 'p1' }, rid()));
    expect(where).toMatchObject({ caseId, partyId: 'p1', cloudPath: expect.stringContaining(`${caseId}/p1/`) });
    const fileId = await upload(where.cloudPath);
    await ok(call(rt, 'agreement', MEDIATOR, 'uploadScan', { caseId, partyId: 'p1', hash, fileId }, rid()));
    expect(await confirmations(caseId)).toEqual([expect.objectContaining({ partyId: 'p1', method: 'paper' })]);

    // A revision voids the confirmation; the spent path does not bring it back.
    const revised = await ok(call(rt, 'agreement', MEDIATOR, 'revise', { caseId, content: agreementContent({ terms: ['李先生于十日内修好卫生间防水。'] }), reason: '双方同意只修防水' }, rid()));
    const again = await call(rt, 'agreement', MEDIATOR, 'uploadScan', { caseId, partyId: 'p1', hash: revised.agreement.hash, fileId }, rid());
    expect(again).toMatchObject({ ok: false, code: 'SCAN_PATH_NOT_ISSUED' });
  });
});
