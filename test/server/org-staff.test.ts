// The organisation directory, and staff granted only by a director's invitation code — through the real bundles.
import { demoRuntime, call, rid, ok, rollUp } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { getCloud } from '../../src/server/kernel/platform';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());


describe('org.directory', () => {
  it('lists communities with their committee and street, and organisations with contact details', async () => {
    const d = await ok(call(rt, 'org', 'anyone-at-all', 'directory', {}));
    expect(d.communities).toContainEqual({ id: 'liuan', name: '柳岸社区', streetOrgId: 'donghu-centre', streetName: '东湖街道矛盾纠纷调处化解中心', committeeOrgId: 'liuan-committee' });
    expect(d.orgs.find((o: any) => o.id === 'labour-committee')).toMatchObject({ kind: 'specialised', categories: ['labour'], phone: '0571-86000300' });
    // Public information only: no staff, no people.
    expect(JSON.stringify(d)).not.toMatch(/demo-|王主任/);
  });
});

describe('staff invitations', () => {
  it('a director invites a mediator; the code grants exactly that role once; the director sees them with their caseload', async () => {
    const inv = await ok(call(rt, 'org', 'demo-director', 'inviteStaff', { orgId: 'liuan-committee', role: 'mediator', note: '周调解员' }, rid()));
    expect(inv.code).toMatch(/^[A-Z2-7]{26}$/);
    expect(inv).toMatchObject({ orgName: '柳岸社区人民调解委员会', roleLabel: '调解员' });
    expect(JSON.stringify(rt.db.dump('staff_invites'))).not.toContain(inv.code);

    // Before redeeming, the newcomer is nobody.
    expect((await ok(call(rt, 'user', 'new-mediator', 'me', {}))).roles).toEqual([]);
    const joined = await ok(call(rt, 'org', 'new-mediator', 'joinStaff', { code: inv.code, name: '周晓' }, rid()));
    expect(joined).toMatchObject({ role: 'mediator', orgId: 'liuan-committee' });
    expect((await ok(call(rt, 'user', 'new-mediator', 'me', {}))).roles).toEqual([{ role: 'mediator', orgId: 'liuan-committee' }]);

    // Spent: nobody else can use it.
    expect(await call(rt, 'org', 'someone-else', 'joinStaff', { code: inv.code, name: '冒用者' }, rid())).toMatchObject({ ok: false, code: 'INVITE_USED' });

    // The director can now assign the new mediator, and sees the load per mediator.
    const filed = await ok(call(rt, 'case', 'demo-resident', 'file', {
      category: 'debt', summary: '邻居借款两万元到期未还。', communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' }, respondents: [{ name: '李先生' }], consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    await ok(call(rt, 'case', 'demo-director', 'accept', { caseId: filed.caseId }, rid()));
    await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: filed.caseId, mediatorId: 'new-mediator' }, rid()));
    // Caseloads are counted by the timer's roll-up (every tick): not yet, then once it ran.
    const unrolled = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
    expect(unrolled.staff.find((s: any) => s.openid === 'new-mediator')).toMatchObject({ openCases: 0 });
    await rollUp(rt);
    const list = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
    expect(list.staff.find((s: any) => s.openid === 'new-mediator')).toMatchObject({ name: '周晓', roles: ['mediator'], openCases: 1 });
    expect(list.staff.find((s: any) => s.openid === 'demo-director')).toMatchObject({ roles: ['director'] });
    expect(list.staff.find((s: any) => s.openid === 'demo-director').openCases).toBeUndefined();
    expect(list.invites).toContainEqual({ note: '周调解员', roleLabel: '调解员', expiresAt: inv.expiresAt, used: true });

    // Recusal shows on the list for that case.
    const party = await ok(call(rt, 'case', 'demo-resident', 'recuse', { caseId: filed.caseId, reason: '调解员是对方亲戚' }, rid()));
    expect(party.caseId).toBe(filed.caseId);
    const forCase = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee', caseId: filed.caseId }));
    expect(forCase.staff.find((s: any) => s.openid === 'new-mediator').recused).toBe(true);
    expect(forCase.staff.find((s: any) => s.openid === 'demo-mediator').recused).toBe(false);
    // Within a screen's read budget: the case's recusals come joined to the one query of the organisation's people.
    const counted = await rt.invoke<any>('org', { action: 'staff', data: { orgId: 'liuan-committee', caseId: filed.caseId } }, { openid: 'demo-director' });
    expect(counted.result).toMatchObject({ ok: true });
    expect(counted.dbRequests).toBeLessThanOrEqual(2);
  });

  it('an expired code is refused; two people racing for one code: exactly one gets the role', async () => {
    const inv = await ok(call(rt, 'org', 'demo-director', 'inviteStaff', { orgId: 'liuan-committee', role: 'intake', note: '窗口小吴' }, rid()));
    const results = await Promise.all(['racer-a', 'racer-b', 'racer-c'].map((who) => call(rt, 'org', who, 'joinStaff', { code: inv.code, name: who }, rid())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r: any) => !r.ok).map((r: any) => r.code)).toEqual(['INVITE_USED', 'INVITE_USED']);
    const holders = (rt.db.dump('users') as any[]).filter((u) => (u.roles ?? []).some((r: any) => r.role === 'intake' && r.orgId === 'liuan-committee'));
    expect(holders).toHaveLength(1);

    const old = await ok(call(rt, 'org', 'demo-director', 'inviteStaff', { orgId: 'liuan-committee', role: 'officer', note: '信息员老刘' }, rid()));
    const doc = (rt.db.dump('staff_invites') as any[]).find((d) => d.note === '信息员老刘');
    // As if the seven days had passed.
    await getCloud().database().collection('staff_invites').doc(doc._id).update({ data: { expiresAt: '2020-01-01T00:00:00.000Z' } });
    expect(await call(rt, 'org', 'late-comer', 'joinStaff', { code: old.code, name: '老刘' }, rid())).toMatchObject({ ok: false, code: 'INVITE_EXPIRED' });
    expect(await call(rt, 'org', 'late-comer', 'joinStaff', { code: 'AAAAAAAAAAAAAAAAAAAAAAAAAA', name: '老刘' }, rid())).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
  });

  it('a replay of a redeemed code answers the same and changes nothing, even after the code expired', async () => {
    const inv = await ok(call(rt, 'org', 'demo-director', 'inviteStaff', { orgId: 'liuan-committee', role: 'mediator', note: '重发的人' }, rid()));
    const first = await ok(call(rt, 'org', 'replay-staff', 'joinStaff', { code: inv.code, name: '钱调解员' }, rid()));
    const grants = () => (rt.db.dump('staff_audit') as any[]).filter((e) => e.orgId === 'liuan-committee' && e.subject === 'replay-staff');
    const user = () => (rt.db.dump('users') as any[]).find((u) => u._id === 'replay-staff');
    const before = user();
    expect(grants()).toHaveLength(1);
    // The client retries (the answer was lost): same answer, no second grant in the chain, the record untouched.
    expect(await ok(call(rt, 'org', 'replay-staff', 'joinStaff', { code: inv.code, name: '钱调解员' }, rid()))).toEqual(first);
    expect(grants()).toHaveLength(1);
    expect(user()).toEqual(before);
    // After the seven days: still the holder's, still spent for anyone else.
    const doc = (rt.db.dump('staff_invites') as any[]).find((d) => d.note === '重发的人');
    await getCloud().database().collection('staff_invites').doc(doc._id).update({ data: { expiresAt: '2020-01-01T00:00:00.000Z' } });
    expect(await ok(call(rt, 'org', 'replay-staff', 'joinStaff', { code: inv.code, name: '钱调解员' }, rid()))).toEqual(first);
    expect(await call(rt, 'org', 'someone-late', 'joinStaff', { code: inv.code, name: '冒用者' }, rid())).toMatchObject({ ok: false, code: 'INVITE_USED' });
    expect(grants()).toHaveLength(1);
    // The chain still verifies, and the director's list shows the code used.
    expect((await ok(call(rt, 'org', 'demo-director', 'staffAudit', { orgId: 'liuan-committee' }))).verified).toBe(true);
    const list = await ok(call(rt, 'org', 'demo-director', 'staff', { orgId: 'liuan-committee' }));
    expect(list.invites.find((i: any) => i.note === '重发的人')).toMatchObject({ used: true });
  });

  it('who may grant what: no peers, nothing outside one\'s subtree, nothing for residents', async () => {
    const tries: Array<[string, string, string, string]> = [
      ['demo-director', 'liuan-committee', 'director', 'FORBIDDEN'], // a peer director
      ['demo-director', 'wangjiang-committee', 'mediator', 'FORBIDDEN'], // another committee
      ['demo-mediator', 'liuan-committee', 'mediator', 'FORBIDDEN'],
      ['demo-resident', 'liuan-committee', 'intake', 'FORBIDDEN'],
      ['demo-supervisor', 'liuan-committee', 'mediator', 'FORBIDDEN'],
      ['demo-street-director', 'liuan-committee', 'director', 'ok'], // appointed from above
      ['demo-street-director', 'donghu-centre', 'supervisor', 'FORBIDDEN'],
      ['demo-district-director', 'donghu-centre', 'supervisor', 'ok'],
    ];
    for (const [who, orgId, role, expected] of tries) {
      const r = await call(rt, 'org', who, 'inviteStaff', { orgId, role, note: '某人' }, rid());
      expect(`${who} ${role}@${orgId}: ${r.ok ? 'ok' : r.code}`).toBe(`${who} ${role}@${orgId}: ${expected}`);
    }
    expect(await call(rt, 'org', 'demo-mediator', 'staff', { orgId: 'liuan-committee' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a director withdraws a role; the person can no longer act for the committee', async () => {
    const inv = await ok(call(rt, 'org', 'demo-director', 'inviteStaff', { orgId: 'liuan-committee', role: 'intake', note: '临时窗口' }, rid()));
    await ok(call(rt, 'org', 'temp-intake', 'joinStaff', { code: inv.code, name: '临时工' }, rid()));
    expect((await ok(call(rt, 'case', 'temp-intake', 'queue', {}))).orgId).toBe('liuan-committee');
    expect(await ok(call(rt, 'org', 'demo-director', 'removeStaff', { orgId: 'liuan-committee', openid: 'temp-intake', role: 'intake', reason: '借调结束' }, rid()))).toEqual({ removed: true });
    expect(await call(rt, 'case', 'temp-intake', 'queue', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'org', 'demo-director', 'removeStaff', { orgId: 'liuan-committee', openid: 'demo-director', role: 'director', reason: '测试' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
