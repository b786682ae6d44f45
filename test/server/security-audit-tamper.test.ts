// The audit chains hold against someone with access to the database but not to the audit key: each test acts
// through the built functions, then edits the local database directly, as such a person would, and reads the
// chain back through the functions (case.audit, org.staffAudit).
import { createHash } from 'node:crypto';
import type { LocalRuntime } from '../../src/local/runtime';
import { canonicalJson } from '../../src/domain/agreement/canonical-json';
import { getCloud } from '../../src/server/kernel/platform';
import { caseWithDraft, DIRECTOR, ID_APPLICANT, ID_RESPONDENT, MEDIATOR, ok } from '../helpers/case-at';
import { call, demoRuntime, rid } from '../helpers/runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const db = () => getCloud().database({ throwOnNotFound: false } as never);
const caseDoc = (caseId: string) => rt.db.dump('cases').find((d) => d._id === caseId) as any;
/** The case's audit documents as stored: one per step, its entries in `entries`. */
const stepDocsOf = (caseId: string) => (rt.db.dump('audit') as any[]).filter((d) => d.caseId === caseId);
const verified = async (caseId: string) => (await ok(call(rt, 'case', 'demo-supervisor', 'audit', { caseId }))) as { verified: boolean; problem?: string; problemText?: string };

/** Rewrites a stored document whole (what `set` does), as a database user can. */
async function overwrite(collection: string, doc: any): Promise<void> {
  const { _id, ...rest } = doc;
  await db().collection(collection).doc(_id).set({ data: rest });
}

async function caseWithSteps(applicant: string): Promise<string> {
  const filed = await ok(
    call(rt, 'case', applicant, 'file', {
      category: 'neighbourhood',
      summary: '楼上卫生间漏水，导致我家吊顶受损，多次协商未果。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生', mobile: '13987654321' }],
      consent: { privacy: true, shareWithOtherOrgs: true },
    }, rid()),
  );
  const caseId = filed.caseId as string;
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
  return caseId;
}

describe('a case audit chain against someone with database access', () => {
  it('an entry edited and every hash and the head recomputed without the audit key fails verification', async () => {
    const caseId = await caseWithSteps('tamper-rehash');
    expect((await verified(caseId)).verified).toBe(true);
    // Blame someone else for accepting the case, then rebuild the whole chain and the head, hash by hash.
    let prev = '0'.repeat(64);
    for (const step of stepDocsOf(caseId).sort((a, b) => a.seq - b.seq)) {
      const entries = step.entries.map((stored: any) => {
        const { seq, prevHash: _p, hash: _h, ...body } = stored;
        const edited = body.type === 'case_accepted' ? { ...body, actor: 'demo-street-director' } : body;
        const hash = createHash('sha256').update(canonicalJson({ ...edited, seq, prevHash: prev })).digest('hex');
        const entry = { ...edited, seq, prevHash: prev, hash };
        prev = hash;
        return entry;
      });
      await overwrite('audit', { ...step, entries });
    }
    const doc = caseDoc(caseId);
    await overwrite('cases', { ...doc, auditHead: { ...doc.auditHead, hash: prev } });

    const after = await verified(caseId);
    expect(after.verified).toBe(false);
    expect(after.problem).toContain('edited');
    expect(after.problemText).toBe('第 1 条记录与写入时不一致：被改动过，或记录被重新生成');
  });

  it("an entry removed from its step's document, two entries swapped, or a whole step's document removed fails verification", async () => {
    const caseId = await caseWithSteps('tamper-remove');
    const steps = () => stepDocsOf(caseId).sort((a, b) => a.seq - b.seq);
    expect(steps().length).toBeGreaterThanOrEqual(3);
    expect(steps().every((d) => d.entries.length >= 1 && d.lastSeq === d.entries[d.entries.length - 1].seq)).toBe(true);
    expect((await verified(caseId)).verified).toBe(true);
    const original = steps();

    // One entry of a step taken out of its document.
    const accepted = original.find((d) => d.entries.some((e: any) => e.type === 'case_accepted'));
    await overwrite('audit', { ...accepted, entries: accepted.entries.filter((e: any) => e.type !== 'case_accepted') });
    let after = await verified(caseId);
    expect(after.verified).toBe(false);
    expect(after.problem).toContain('missing');
    await overwrite('audit', accepted);
    expect((await verified(caseId)).verified).toBe(true);

    // Two entries swapped (their sequence numbers exchanged, so they read in the other order).
    const [first, second] = original;
    const a = first.entries[first.entries.length - 1];
    const b = second.entries[0];
    await overwrite('audit', { ...first, entries: [...first.entries.slice(0, -1), { ...b, seq: a.seq }] });
    await overwrite('audit', { ...second, entries: [{ ...a, seq: b.seq }, ...second.entries.slice(1)] });
    after = await verified(caseId);
    expect(after.verified).toBe(false);
    expect(after.problem).toMatch(/reordered|edited/);
    await overwrite('audit', first);
    await overwrite('audit', second);
    expect((await verified(caseId)).verified).toBe(true);

    // A whole step's document removed (the last one: the head on the case still names it).
    const last = original[original.length - 1];
    await db().collection('audit').doc(last._id).remove();
    after = await verified(caseId);
    expect(after.verified).toBe(false);
    expect(after.problem).toContain('missing');
  });

  it('a chain stored one entry per document (the layout before step documents) still reads and verifies, and an edit in it still shows', async () => {
    const caseId = await caseWithSteps('tamper-legacy');
    for (const step of stepDocsOf(caseId)) {
      await db().collection('audit').doc(step._id).remove();
      for (const e of step.entries) await overwrite('audit', { _id: `${caseId}:${String(e.seq).padStart(6, '0')}`, ...e });
    }
    expect(stepDocsOf(caseId).every((d) => d.entries === undefined)).toBe(true);
    const chain = await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId }));
    expect(chain.verified).toBe(true);
    expect(chain.entries.map((e: any) => e.type)).toEqual(['case_registered', 'case_accepted', 'mediator_assigned']);
    // A step taken now is written as one document after the old entries, and the chain still verifies.
    await ok(call(rt, 'case', DIRECTOR, 'revealContact', { caseId, partyId: 'p1' }, rid()));
    expect((await verified(caseId)).verified).toBe(true);
    const accepted = stepDocsOf(caseId).find((d) => d.type === 'case_accepted');
    await overwrite('audit', { ...accepted, actor: 'demo-street-director' });
    const after = await verified(caseId);
    expect(after.verified).toBe(false);
    expect(after.problem).toContain('edited');
  });

  it('deleting the head kept on the case fails verification', async () => {
    const caseId = await caseWithSteps('tamper-head');
    const { auditHead: _gone, ...doc } = caseDoc(caseId);
    await overwrite('cases', doc);
    const after = await verified(caseId);
    expect(after.verified).toBe(false);
    expect(after.problem).toContain('head_missing');
    expect(after.problemText).toBe('另行保存的校验值不见了，无法确认这 3 条记录未被改动');
  });

  it('editing the dispute text in the case document is detected, and stays detected after later steps', async () => {
    const caseId = await caseWithSteps('tamper-summary');
    const doc = caseDoc(caseId);
    await overwrite('cases', { ...doc, case: { ...doc.case, summary: '申请人自愿放弃全部请求。' } });
    expect((await verified(caseId)).verified).toBe(false);

    // A later step saves over the edited document: the chain still shows that it was edited in between.
    await ok(call(rt, 'case', DIRECTOR, 'invite', { caseId }, rid()));
    const after = await verified(caseId);
    expect(after.verified).toBe(false);
    expect(after.problem).toContain('state_mismatch');
    expect(after.problemText).toMatch(/^第 \d+ 条记录之后，案件内容被直接改动过/);
  });

  it('an untouched case verifies, and staff still see who did what, for which organisation, and why', async () => {
    const caseId = await caseWithSteps('tamper-none');
    await ok(call(rt, 'case', DIRECTOR, 'revealContact', { caseId, partyId: 'p1' }, rid()));
    const chain = await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId }));
    expect(chain.verified).toBe(true);
    expect(chain.entries.map((e: any) => [e.type, e.actor, e.actorOrgId])).toEqual([
      ['case_registered', 'tamper-none', undefined],
      ['case_accepted', DIRECTOR, 'liuan-committee'],
      ['mediator_assigned', DIRECTOR, 'liuan-committee'],
      ['contact_revealed', DIRECTOR, 'liuan-committee'],
    ]);
    // In words: the step, who (a party by name and side, staff by name), for which organisation.
    expect(chain.entries.map((e: any) => [e.typeLabel, e.who, e.orgName])).toEqual([
      ['登记受理申请', '张阿姨（申请人）', undefined],
      ['调解组织已受理', '王主任', '柳岸社区人民调解委员会'],
      ['已指派调解员', '王主任', '柳岸社区人民调解委员会'],
      ['调取当事人完整电话号码', '王主任', '柳岸社区人民调解委员会'],
    ]);
    // A supervisor reads the same steps without names.
    const overseen = await ok(call(rt, 'case', 'demo-supervisor', 'audit', { caseId }));
    expect(overseen.entries.map((e: any) => e.who)).toEqual(['当事人', '工作人员', '工作人员', '工作人员']);
    expect(JSON.stringify(overseen)).not.toMatch(/张阿姨|王主任/);
    const transferred = await ok(
      call(rt, 'case', 'tamper-why', 'file', {
        category: 'neighbourhood', summary: '邻居在楼道堆放杂物。', communityId: 'liuan',
        applicant: { name: '王先生', mobile: '13700001111' }, respondents: [{ name: '邻居' }], consent: { privacy: true, shareWithOtherOrgs: true },
      }, rid()),
    );
    await ok(call(rt, 'case', DIRECTOR, 'transfer', { caseId: transferred.caseId, toOrgId: 'wangjiang-committee', reason: '被申请人住在望江社区', overrideReason: '对方当事人在望江社区' }, rid()));
    const why = await ok(call(rt, 'case', DIRECTOR, 'audit', { caseId: transferred.caseId }));
    expect(why.verified).toBe(true);
    expect(why.entries.find((e: any) => e.type === 'case_transferred')).toMatchObject({ reason: '被申请人住在望江社区' });
  });
});

describe('audit entries and personal data', () => {
  it('hold none of the parties\' names, phone or ID numbers, dispute summary or addresses', async () => {
    const { caseId } = await caseWithDraft(rt, 'tamper-pd-respondent');
    await ok(call(rt, 'case', DIRECTOR, 'revealContact', { caseId, partyId: 'p1' }, rid()));
    const stored = JSON.stringify([...stepDocsOf(caseId), ...rt.db.dump('staff_audit')]);
    // Not even staff names: those stay on the case (for 谁办理), which deletion requests reach.
    expect(stored).not.toContain('王主任');
    for (const personal of ['张阿姨', '李先生', '13812345678', ID_APPLICANT, ID_RESPONDENT, '楼上卫生间漏水', '柳岸社区3栋201', '柳岸社区3栋301']) {
      expect([personal, stored.includes(personal)]).toEqual([personal, false]);
    }
    // The case file itself still has them (it is what the law keeps), and the chain covers it.
    expect(JSON.stringify(caseDoc(caseId))).toContain('楼上卫生间漏水');
    expect((await verified(caseId)).verified).toBe(true);
  });
});

describe('role grants and removals', () => {
  it('appear in the organisation\'s staff chain, which verifies; tampering with it or its head is detected', async () => {
    const invite = await ok(call(rt, 'org', DIRECTOR, 'inviteStaff', { orgId: 'liuan-committee', role: 'mediator', note: '新调解员' }, rid()));
    await ok(call(rt, 'org', 'tamper-new-staff', 'joinStaff', { code: invite.code, name: '陈调解员' }, rid()));
    await ok(call(rt, 'org', DIRECTOR, 'removeStaff', { orgId: 'liuan-committee', openid: 'tamper-new-staff', role: 'mediator', reason: '调离本社区' }, rid()));

    const chain = await ok(call(rt, 'org', DIRECTOR, 'staffAudit', { orgId: 'liuan-committee' }));
    expect(chain.verified).toBe(true);
    expect(chain.entries.map((e: any) => [e.type, e.role, e.subject, e.actor, e.grantedBy])).toEqual([
      ['role_granted', 'mediator', 'tamper-new-staff', 'tamper-new-staff', DIRECTOR],
      ['role_removed', 'mediator', 'tamper-new-staff', DIRECTOR, undefined],
    ]);
    expect(chain.entries.map((e: any) => [e.subjectName, e.actorName, e.grantedByName])).toEqual([
      ['陈调解员', '陈调解员', '王主任'],
      ['陈调解员', '王主任', undefined],
    ]);
    // A supervisor of the area reads it too, without who (names or accounts); a mediator does not.
    const overseen = await ok(call(rt, 'org', 'demo-supervisor', 'staffAudit', { orgId: 'liuan-committee' }));
    expect(overseen.verified).toBe(true);
    expect(overseen.entries.map((e: any) => [e.type, e.roleLabel])).toEqual([['role_granted', '调解员'], ['role_removed', '调解员']]);
    expect(JSON.stringify(overseen)).not.toMatch(/tamper-new-staff|陈调解员|demo-director/);
    expect(await call(rt, 'org', MEDIATOR, 'staffAudit', { orgId: 'liuan-committee' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // Make the grant say it was a director's role.
    const grant = (rt.db.dump('staff_audit') as any[]).find((e) => e.orgId === 'liuan-committee' && e.type === 'role_granted');
    await overwrite('staff_audit', { ...grant, role: 'director' });
    const edited = await ok(call(rt, 'org', DIRECTOR, 'staffAudit', { orgId: 'liuan-committee' }));
    expect(edited.verified).toBe(false);
    expect(edited.problem).toContain('edited');
    expect(edited.problemText).toBe('第 1 条记录与写入时不一致：被改动过，或记录被重新生成');

    await overwrite('staff_audit', grant);
    expect((await ok(call(rt, 'org', DIRECTOR, 'staffAudit', { orgId: 'liuan-committee' }))).verified).toBe(true);
    // Remove the head: the entries are no longer anchored.
    const head = rt.db.dump('audit_heads').find((h) => h._id === 'staff:liuan-committee') as any;
    await db().collection('audit_heads').doc(head._id).remove();
    const headless = await ok(call(rt, 'org', DIRECTOR, 'staffAudit', { orgId: 'liuan-committee' }));
    expect(headless.verified).toBe(false);
    expect(headless.problem).toContain('head_missing');
  });
});
