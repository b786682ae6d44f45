// A resident who did not agree to their details going to another organisation keeps that choice whichever
// route the case takes: a transfer is refused, and so is escalating and then designating another committee.
// Through the built functions, with the consent stored on the case at filing.
import type { LocalRuntime } from '../../src/local/runtime';
import { call, demoRuntime, ok, rid } from '../helpers/runtime';

const DIRECTOR = 'demo-director'; // liuan-committee
const STREET_DIRECTOR = 'demo-street-director'; // donghu-centre, above liuan and wangjiang

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

async function fileCase(applicant: string, shareWithOtherOrgs: boolean): Promise<string> {
  const filed = await ok(
    call(rt, 'case', applicant, 'file', {
      category: 'neighbourhood',
      summary: '楼上邻居深夜噪音，多次沟通无果。',
      communityId: 'liuan',
      applicant: { name: '周女士', mobile: '13811112222' },
      respondents: [{ name: '楼上住户' }],
      consent: { privacy: true, shareWithOtherOrgs },
    }, rid()),
  );
  return filed.caseId as string;
}

async function escalated(applicant: string, shareWithOtherOrgs: boolean): Promise<string> {
  const caseId = await fileCase(applicant, shareWithOtherOrgs);
  await ok(call(rt, 'case', DIRECTOR, 'escalate', { caseId, reason: '涉及多户，报请街道协调' }, rid()));
  return caseId;
}

const holderOf = async (caseId: string) => (await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }))).holder.orgId;

describe('consent to share personal details with other organisations', () => {
  it('without consent, neither a transfer nor escalate-then-designate moves the case to another organisation', async () => {
    const caseId = await fileCase('consent-no-1', false);
    const transfer = await call(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: 'wangjiang-committee', reason: '对方住在望江社区', overrideReason: '对方当事人在望江社区' }, rid());
    expect(transfer).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' });

    await ok(call(rt, 'case', DIRECTOR, 'escalate', { caseId, reason: '涉及多户，报请街道协调' }, rid()));
    // The street's director is shown what they must decide, and that the parties did not agree to share.
    const waiting = await ok(call(rt, 'case', STREET_DIRECTOR, 'get', { caseId }));
    expect(waiting.pendingDesignation).toMatchObject({
      designatorOrgId: 'donghu-centre',
      fromOrgId: 'liuan-committee',
      trigger: 'escalation',
      triggerLabel: '下级调解组织上报',
      reason: '涉及多户，报请街道协调',
      shareConsent: false,
    });
    const toOther = await call(rt, 'case', STREET_DIRECTOR, 'designate', { caseId, orgId: 'wangjiang-committee', reason: '指定望江社区承办' }, rid());
    expect(toOther).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED', message: expect.stringMatching(/未同意/) });
    const toStreet = await call(rt, 'case', STREET_DIRECTOR, 'designate', { caseId, orgId: 'donghu-centre', reason: '街道自办' }, rid());
    expect(toStreet).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' });
    expect(await holderOf(caseId)).toBe('liuan-committee');
  });

  it('without consent, the designating centre may still hand the case back to the committee holding it', async () => {
    const caseId = await escalated('consent-no-2', false);
    const back = await ok(call(rt, 'case', STREET_DIRECTOR, 'designate', { caseId, orgId: 'liuan-committee', reason: '仍由柳岸社区调委会办理' }, rid()));
    expect(back).toMatchObject({ status: 'accepted', holder: { orgId: 'liuan-committee' } });
  });

  it('with consent, the same transfer and the same designation go through', async () => {
    const transferred = await fileCase('consent-yes-1', true);
    const t = await ok(call(rt, 'case', DIRECTOR, 'transfer', { caseId: transferred, toOrgId: 'wangjiang-committee', reason: '对方住在望江社区', overrideReason: '对方当事人在望江社区' }, rid()));
    expect(t.status).toBe('transferring');

    const caseId = await escalated('consent-yes-2', true);
    expect((await ok(call(rt, 'case', STREET_DIRECTOR, 'get', { caseId }))).pendingDesignation.shareConsent).toBe(true);
    const designated = await ok(call(rt, 'case', STREET_DIRECTOR, 'designate', { caseId, orgId: 'wangjiang-committee', reason: '指定望江社区承办' }, rid()));
    expect(designated).toMatchObject({ status: 'accepted', holder: { orgId: 'wangjiang-committee' } });
    expect((await ok(call(rt, 'case', STREET_DIRECTOR, 'get', { caseId }))).pendingDesignation).toBeUndefined();
  });
});
