// A respondent's invitation code opens a case: it is kept at rest only as a hash, nowhere in plain text — not
// even in the remembered answers that make a retried request safe. A retry of the same request still leaves
// the inviter with a code that works (a fresh one; the first is withdrawn).
import type { LocalRuntime } from '../../src/local/runtime';
import { call, demoRuntime, ok, rid } from '../helpers/runtime';

const DIRECTOR = 'demo-director';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

/** The collections whose documents hold `text`, searching every document as someone reading the database would. */
const holding = (text: string) => rt.db.collectionNames().filter((c) => JSON.stringify(rt.db.dump(c)).includes(text));

async function assignedCase(applicant: string): Promise<string> {
  const filed = await ok(
    call(rt, 'case', applicant, 'file', {
      category: 'neighbourhood',
      summary: '楼上卫生间漏水，导致我家吊顶受损。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId: filed.caseId }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId: filed.caseId, mediatorId: 'demo-mediator' }, rid()));
  return filed.caseId as string;
}

describe('respondent invitation codes at rest', () => {
  it('after case.invite no document in the database holds the code', async () => {
    const caseId = await assignedCase('invite-rest-applicant');
    const answer = await ok(call(rt, 'case', DIRECTOR, 'invite', { caseId }, rid()));
    expect(answer.invite.code).toMatch(/^[A-Z2-7]{26}$/);
    expect(holding(answer.invite.code)).toEqual([]);
    // It works all the same: the hash finds the invitation.
    expect(await ok(call(rt, 'case', 'invite-rest-respondent', 'openInvite', { code: answer.invite.code }))).toMatchObject({ caseId, joined: 'no' });
  });

  it('a retry with the same request id gives the inviter a fresh working code and withdraws the first', async () => {
    const caseId = await assignedCase('invite-retry-applicant');
    const requestId = rid();
    const first = await ok(call(rt, 'case', DIRECTOR, 'invite', { caseId }, requestId));
    const retry = await ok(call(rt, 'case', DIRECTOR, 'invite', { caseId }, requestId));
    expect(retry).toMatchObject({ caseId, status: first.status, invite: { reissued: true, path: expect.stringContaining(retry.invite.code) } });
    expect(retry.invite.code).toMatch(/^[A-Z2-7]{26}$/);
    expect(retry.invite.code).not.toBe(first.invite.code);
    expect(holding(first.invite.code)).toEqual([]);
    expect(holding(retry.invite.code)).toEqual([]);

    // The retry did not invite twice: one step in the case's history.
    const audit = await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId }));
    expect(audit.entries.filter((e: any) => e.type === 'respondent_invited')).toHaveLength(1);
    // The first code no longer opens the case; the fresh one lets the respondent join.
    expect(await call(rt, 'case', 'invite-retry-respondent', 'openInvite', { code: first.invite.code })).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    expect(await ok(call(rt, 'case', 'invite-retry-respondent', 'join', { code: retry.invite.code }, rid()))).toEqual({ caseId });
  });
});
