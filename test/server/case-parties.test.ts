// Staff intake on a visitor's behalf, reaching the respondent, their reply, mediator assignment and
// recusal, and the parties' own rights to withdraw or end — through the real bundles.
import { demoRuntime, call, rid, ok } from '../helpers/runtime';
import { outboxNotices } from '../helpers/stored';
import type { LocalRuntime } from '../../src/local/runtime';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const RESIDENT = 'demo-resident';
const DIRECTOR = 'demo-director';
const MEDIATOR = 'demo-mediator';


async function acceptedCase(respondentMobile?: string) {
  const filed = await ok(
    call(rt, 'case', RESIDENT, 'file', {
      category: 'debt',
      summary: '借给邻居两万元，到期未还。',
      communityId: 'liuan',
      amountYuan: 20000,
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生', ...(respondentMobile ? { mobile: respondentMobile } : {}) }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId: filed.caseId }, rid()));
  return filed.caseId as string;
}

describe('intake on behalf of a visitor', () => {
  it('window staff register a walk-in visitor with consent; the first-inquiry person is recorded', async () => {
    const res = await ok(
      call(rt, 'case', 'demo-intake', 'register', {
        source: 'walk_in',
        category: 'neighbourhood',
        summary: '来访人反映邻居在楼道堆放杂物，影响通行。',
        communityId: 'wangjiang',
        applicants: [{ name: '赵大爷' }],
        respondents: [{ name: '邻居钱某' }],
        visitorConsent: true,
        shareWithOtherOrgs: true,
      }, rid()),
    );
    expect(res.caseNo).toMatch(/^\d{8}-/);
    // Registered where the visitor came in: the street centre's window is the first-inquiry organisation.
    const doc = rt.db.dump('cases').find((d) => d._id === res.caseId) as any;
    expect(doc.case.firstInquiry).toMatchObject({ orgId: 'donghu-centre', personId: 'demo-intake' });
    expect(doc.case.source).toBe('walk_in');
    expect(doc.consents.how).toContain('孙窗口');
  });

  it('refuses without the visitor\'s consent, and refuses a resident posing as staff', async () => {
    const base = { source: 'phone', category: 'debt', summary: '电话反映欠款纠纷情况说明。', communityId: 'liuan', applicants: [{ name: '某人' }], respondents: [{ name: '某人' }], shareWithOtherOrgs: false };
    const noConsent = await call<any>(rt, 'case', 'demo-intake', 'register', { ...base, visitorConsent: false }, rid());
    expect(noConsent).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const resident = await call<any>(rt, 'case', RESIDENT, 'register', { ...base, visitorConsent: true }, rid());
    expect(resident).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('the respondent', () => {
  it('is invited by an expiring code, sees only what they need, joins, and agrees', async () => {
    const caseId = await acceptedCase('13987654321');
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    expect(inv.status).toBe('awaiting_consent');
    expect(inv.invite.code).toMatch(/^[A-Z2-7]{26}$/);
    // The share card opens the respondent's page, which exists in app.json.
    expect(inv.invite.path).toBe(`pkg-respondent/pages/invite/respond/index?code=${inv.invite.code}`);
    const app = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, '../../miniprogram/app.json'), 'utf8'));
    const pkg = app.subPackages.find((p: any) => p.root === 'pkg-respondent');
    expect(pkg.pages).toContain('pages/invite/respond/index');
    // The code itself is not stored, only its hash.
    expect(JSON.stringify(rt.db.dump('invites'))).not.toContain(inv.invite.code);

    const preview = await ok(call(rt, 'case', 'demo-respondent', 'openInvite', { code: inv.invite.code }));
    expect(preview).toMatchObject({ caseId, applicantName: '张**', joined: 'no', orgName: '柳岸社区人民调解委员会' });
    expect(JSON.stringify(preview)).not.toContain('两万');

    // Before joining, the respondent cannot read the case.
    expect(await call(rt, 'case', 'demo-respondent', 'get', { caseId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await ok(call(rt, 'case', 'demo-respondent', 'join', { code: inv.invite.code }, rid()));
    const view = await ok(call(rt, 'case', 'demo-respondent', 'get', { caseId }));
    expect(view.relation).toBe('party');
    expect(view.timeline.map((t: any) => t.label)).toContain('当事人已通过邀请加入');
    const mine = await ok(call(rt, 'case', 'demo-respondent', 'mine', {}));
    expect(mine.items.map((i: any) => i.caseId)).toContain(caseId);

    // Nobody else can use the same invitation afterwards.
    expect(await call(rt, 'case', 'someone-else', 'join', { code: inv.invite.code }, rid())).toMatchObject({ ok: false, code: 'INVITE_USED' });

    const agreed = await ok(call(rt, 'case', 'demo-respondent', 'reply', { caseId, reply: 'agree' }, rid()));
    expect(agreed.status).not.toBe('awaiting_consent');
  });

  it('each side reads the next step in plain words, on the case and in their list; only the one asked must act', async () => {
    const caseId = await acceptedCase();
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    await ok(call(rt, 'case', 'resp-next', 'join', { code: inv.invite.code }, rid()));

    const asked = await ok(call(rt, 'case', 'resp-next', 'get', { caseId }));
    expect(asked.statusLabel).toBe('等待答复是否同意调解');
    expect(asked.nextStep).toMatchObject({ step: 'respondent_reply', mine: true });
    expect(asked.nextStep.text).toMatch(/^请您在\d+月\d+日前答复是否同意调解$/);
    const waiting = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(waiting.nextStep).toMatchObject({ step: 'respondent_reply', mine: false });
    expect(waiting.nextStep.text).toMatch(/^对方正在考虑是否同意调解，最晚\d+月\d+日答复$/);
    // Staff keep their own words, and are told no party's next step.
    const staff = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(staff.statusLabel).toBe('待被申请人同意');
    expect(staff.nextStep).toBeUndefined();

    const list = await ok(call(rt, 'case', 'resp-next', 'mine', {}));
    const row = list.items.find((i: any) => i.caseId === caseId);
    expect(row).toMatchObject({ statusLabel: '等待答复是否同意调解', nextStep: { mine: true, text: asked.nextStep.text } });
  });

  it('a clear refusal closes the case: no mediation against a party\'s will', async () => {
    const caseId = await acceptedCase();
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    await ok(call(rt, 'case', 'resp-2', 'join', { code: inv.invite.code }, rid()));
    // The applicant cannot answer for the respondent.
    expect(await call(rt, 'case', RESIDENT, 'reply', { caseId, reply: 'agree' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const refused = await ok(call(rt, 'case', 'resp-2', 'reply', { caseId, reply: 'refuse', reason: '不愿意调解，准备起诉' }, rid()));
    expect(refused.status).toBe('closed');
    const view = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    // Each side is spoken to, not of: the applicant reads that the other side refused, the respondent that they did.
    expect(view.outcomeLabel).toBe('对方不同意调解');
    expect(view.closing.outcomeLabel).toBe('对方不同意调解');
    expect((await ok(call(rt, 'case', 'resp-2', 'get', { caseId }))).outcomeLabel).toBe('您不同意调解');
    expect((await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }))).outcomeLabel).toBe('被申请人不同意调解');
  });

  it('an unknown or expired code gets a clear answer', async () => {
    expect(await call(rt, 'case', 'x', 'openInvite', { code: 'A'.repeat(26) })).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    const caseId = await acceptedCase();
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    const doc = rt.db.dump('invites').find((i) => i.caseId === caseId)!;
    // Let the invitation run out.
    const { getCloud } = await import('../../src/server/kernel/platform');
    await getCloud().database().collection('invites').doc(String(doc._id)).update({ data: { expiresAt: '2020-01-01T00:00:00.000Z' } });
    expect(await call(rt, 'case', 'x', 'openInvite', { code: inv.invite.code })).toMatchObject({ ok: false, code: 'INVITE_EXPIRED' });
  });
});

describe('mediators and the parties\' rights', () => {
  it('only a mediator of the responsible committee can be assigned, and a recused one never again', async () => {
    const caseId = await acceptedCase();
    expect(await call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: 'demo-street-mediator' }, rid())).toMatchObject({
      ok: false,
      code: 'NOT_A_MEDIATOR_HERE',
    });
    expect(await call(rt, 'case', MEDIATOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    await ok(call(rt, 'case', RESIDENT, 'recuse', { caseId, reason: '该调解员与对方是亲戚' }, rid()));
    const again = await call<any>(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR, reason: '重新指派' }, rid());
    expect(again).toMatchObject({ ok: false, code: 'MEDIATOR_RECUSED' });
  });

  it('a recusal tells the committee to name another mediator and tells the mediator the case has left them', async () => {
    const caseId = await acceptedCase();
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    await ok(call(rt, 'case', RESIDENT, 'recuse', { caseId, reason: '该调解员与对方是亲戚' }, rid()));
    const notices = outboxNotices(rt).filter((o: any) => o.caseId === caseId && o.phrase !== '新分派');
    const orgId = (await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }))).holder.orgId;
    expect(notices.find((o: any) => o.touser === `org:${orgId}` && o.template === 'deadline_alert')).toMatchObject({ phrase: '待指派' });
    const toMediator = notices.filter((o: any) => o.touser === MEDIATOR);
    expect(toMediator).toHaveLength(1);
    expect(toMediator[0]).toMatchObject({ template: 'case_progress', phrase: '已回避' });
    // Who objected and why stay on the case: the notice says neither.
    expect(toMediator[0].message).not.toContain('亲戚');
  });

  it('the applicant may withdraw; the case closes and stays closed', async () => {
    const caseId = await acceptedCase();
    const w = await ok(call(rt, 'case', RESIDENT, 'withdraw', { caseId, reason: '已私下和解' }, rid()));
    expect(w.status).toBe('closed');
    const again = await call<any>(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid());
    expect(again.ok).toBe(false);
  });
});
