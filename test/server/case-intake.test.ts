// Intake and the first-inquiry flow through the real cloud-function bundles on the local runtime.
import { demoRuntime, call, rid } from '../helpers/runtime';
import { createAuditKey } from '../../src/server/kernel/audit-chain';
import { verifyCaseAudit } from '../../src/server/cases/case-audit';
import type { LocalRuntime } from '../../src/local/runtime';
import { outboxNotices, auditEntries } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const RESIDENT = 'demo-resident';
const DIRECTOR = 'demo-director'; // 柳岸社区调委会
const STREET = 'demo-street-director'; // 东湖街道中心

const filing = (over: Record<string, unknown> = {}) => ({
  category: 'neighbourhood',
  summary: '楼上邻居每天深夜装修，噪音很大，多次沟通无果。',
  wants: '希望晚上十点后停止施工',
  communityId: 'liuan',
  applicant: { name: '张阿姨', mobile: '13812345678' },
  respondents: [{ name: '李先生', mobile: '13987654321' }],
  consent: { privacy: true, shareWithOtherOrgs: true },
  ...over,
});

async function file(over: Record<string, unknown> = {}, openid = RESIDENT) {
  const r = await call<any>(rt, 'case', openid, 'file', filing(over), rid('file'));
  if (!r.ok) throw new Error(`${r.code}: ${r.message} ${JSON.stringify(r.fields)}`);
  return r.data;
}

const view = async (caseId: string, openid = RESIDENT) => call<any>(rt, 'case', openid, 'get', { caseId });

describe('filing a dispute', () => {
  it('registers at once at the community committee, with a case number and who holds it until when', async () => {
    const res = await file();
    expect(res.caseNo).toMatch(/^\d{8}-[A-Z2-9]{5}$/);
    expect(res.status).toBe('registered');
    expect(res.holder).toEqual({ orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' });
    expect(res.next.label).toBeTruthy();
    expect(Date.parse(res.next.dueAt)).toBeGreaterThan(Date.now() - 60_000);
    const v = await view(res.caseId);
    expect(v.ok && v.data.holder.name).toBe('柳岸社区人民调解委员会');
    expect(v.ok && v.data.timeline.map((t: any) => t.label)).toEqual(['登记受理申请']);
  });

  it('keeps phone numbers out of the store in plaintext and shows them masked', async () => {
    const res = await file({ applicant: { name: '王大爷', mobile: '13700001111' } });
    const everything = JSON.stringify(rt.db.collectionNames().map((c) => rt.db.dump(c)));
    expect(everything).not.toContain('13700001111');
    expect(everything).not.toContain('13987654321');
    const v = await view(res.caseId);
    expect(v.ok && v.data.parties.find((p: any) => p.isMe).mobile).toBe('137****1111');
  });

  it('masks phone and ID numbers typed into free text before storing it', async () => {
    const res = await file({ summary: '对方电话13600001234，身份证11010519491231002X，借款未还。' });
    const doc = rt.db.dump('cases').find((d) => d._id === res.caseId) as any;
    expect(doc.case.summary).toBe('对方电话136****1234，身份证110105********002X，借款未还。');
    expect(JSON.stringify(rt.db.dump('audit'))).not.toContain('13600001234');
  });

  it('a high-risk dispute is urgent and shows emergency numbers at once', async () => {
    const res = await file({ riskSignals: ['violence_threat'] });
    expect(res.urgent).toBe(true);
    expect(res.emergencyNumbers.map((n: any) => n.number)).toContain('110');
  });

  it('text flagged by the content check is registered all the same, for human review', async () => {
    rt.openapi.secQueue.push('risky');
    const res = await file();
    expect(res.status).toBe('registered');
    expect(res.underReview).toBe(true);
    const doc = rt.db.dump('cases').find((d) => d._id === res.caseId)!;
    expect(doc.contentReview).toMatchObject({ status: 'pending', why: 'risky' });
  });

  it('refuses bad input field by field, in Chinese, and stores nothing', async () => {
    const before = rt.db.dump('cases').length;
    const r = await call<any>(rt, 'case', RESIDENT, 'file', filing({ applicant: { name: '', mobile: '123' }, consent: { privacy: false, shareWithOtherOrgs: true }, extra: 1 }), rid());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('VALIDATION_FAILED');
    expect(r.fields!['applicant.mobile']).toBe('请填写 11 位手机号码');
    expect(r.fields!['consent.privacy']).toBe('请阅读并同意个人信息处理规则');
    expect(r.fields!._unknown).toMatch(/extra/);
    expect(rt.db.dump('cases').length).toBe(before);
  });
});

describe('never twice', () => {
  it('ten replays of one filing, sequential and concurrent, create one case and answer alike', async () => {
    const before = rt.db.dump('cases').length;
    const requestId = rid('replay');
    const once = () => call<any>(rt, 'case', RESIDENT, 'file', filing({ summary: '重放测试：院墙漏水影响我家。' }), requestId);
    const sequential = [];
    for (let i = 0; i < 5; i++) sequential.push(await once());
    const concurrent = await Promise.all(Array.from({ length: 5 }, once));
    const all = [...sequential, ...concurrent];
    all.forEach((r) => expect(r.ok).toBe(true));
    expect(new Set(all.map((r: any) => r.data.caseId)).size).toBe(1);
    expect(rt.db.dump('cases').length).toBe(before + 1);
  });

  it('the same request id with a different payload is refused', async () => {
    const requestId = rid('reuse');
    expect((await call(rt, 'case', RESIDENT, 'file', filing(), requestId)).ok).toBe(true);
    const again = await call(rt, 'case', RESIDENT, 'file', filing({ summary: '完全不同的另一件事情。' }), requestId);
    expect(again).toMatchObject({ ok: false, code: 'REQUEST_ID_REUSED' });
  });

  it('two concurrent transfers of one case: one wins, the other gets a clear error', async () => {
    const { caseId } = await file();
    const [a, b] = await Promise.all([
      call<any>(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: 'donghu-centre', reason: '涉及两个社区', overrideReason: '跨社区纠纷' }, rid()),
      call<any>(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: 'labour-committee', reason: '属于劳动争议', overrideReason: '实为拖欠工资' }, rid()),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(loser.ok).toBe(false);
    if (!loser.ok) expect(loser.message).toMatch(/[\u4e00-\u9fa5]/);
    const audit = auditEntries(rt).filter((e) => e.caseId === caseId && e.type === 'case_transferred');
    expect(audit).toHaveLength(1);
  });
});

describe('first-inquiry responsibility', () => {
  it('filed at a community, transferred, returned once, accepted on the second try — the resident always sees the right holder', async () => {
    const { caseId } = await file();
    const holder = async () => {
      const v = await view(caseId);
      if (!v.ok) throw new Error(v.code);
      return { status: v.data.status, holder: v.data.holder.orgId, pending: v.data.pendingTransfer?.toOrgId };
    };
    expect(await holder()).toEqual({ status: 'registered', holder: 'liuan-committee', pending: undefined });

    const t1 = await call<any>(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: 'donghu-centre', reason: '对方住在望江社区，需街道协调', overrideReason: '核实后对方住在望江社区，属跨社区纠纷' }, rid());
    expect(t1.ok).toBe(true);
    // Responsibility stays with the first-inquiry organisation until the receiver accepts.
    expect(await holder()).toEqual({ status: 'transferring', holder: 'liuan-committee', pending: 'donghu-centre' });

    // The street centre sees it in its queue.
    const queue = await call<any>(rt, 'case', STREET, 'queue', {});
    expect(queue.ok && queue.data.items.map((i: any) => i.caseId)).toContain(caseId);

    const back = await call<any>(rt, 'case', STREET, 'returnTransfer', { caseId, reason: '双方均在柳岸社区居住，应由社区调处' }, rid());
    expect(back.ok).toBe(true);
    expect((await holder()).holder).toBe('liuan-committee');
    expect((await holder()).pending).toBeUndefined();

    const t2 = await call<any>(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: 'donghu-centre', reason: '补充说明：对方实际居住在望江社区', overrideReason: '附对方居住证明，确属跨社区纠纷' }, rid());
    expect(t2.ok).toBe(true);
    const ok = await call<any>(rt, 'case', STREET, 'acceptTransfer', { caseId }, rid());
    expect(ok.ok).toBe(true);
    expect(await holder()).toEqual({ status: 'accepted', holder: 'donghu-centre', pending: undefined });

    const v = await view(caseId);
    expect(v.ok && v.data.firstInquiry.orgId).toBe('liuan-committee');
    expect(v.ok && v.data.timeline.map((t: any) => t.label)).toEqual([
      '登记受理申请',
      '转交其他调解组织',
      '接收单位退回',
      '转交其他调解组织',
      '接收单位已受理',
    ]);

    // The first-inquiry organisation follows the case's progress (跟踪督办) without personal data.
    const follow = await view(caseId, DIRECTOR);
    expect(follow.ok && follow.data.relation).toBe('follower');
    expect(follow.ok && follow.data.parties).toBeUndefined();

    // Every step is in the audit chain, and the chain verifies against the case's head.
    const doc = rt.db.dump('cases').find((d) => d._id === caseId)!;
    const entries = auditEntries(rt).filter((e) => e.caseId === caseId) as any[];
    expect(entries.map((e) => e.type)).toEqual(['case_registered', 'case_transferred', 'transfer_returned', 'case_transferred', 'transfer_accepted']);
    expect(verifyCaseAudit(createAuditKey(process.env.AUDIT_KEY), doc as any, entries)).toEqual({ ok: true });
    // The applicant was told of each step through the outbox; no dispute text in any notice.
    const notices = outboxNotices(rt).filter((o) => o.caseId === caseId);
    expect(notices.some((o) => o.touser === RESIDENT)).toBe(true);
    expect(JSON.stringify(notices)).not.toContain('装修');
  });
});

describe('follow-up duty of the first-inquiry organisation (首问负责制, 跟踪督办)', () => {
  const inboxOf = (openid: string, caseId: string) => (rt.db.dump('inbox') as any[]).filter((d) => d.openid === openid && d.caseId === caseId);

  it('when a case it passed on closes, the staff of the organisation the request first reached are told the outcome', async () => {
    const { caseId } = await file({ category: 'labour', summary: '公司拖欠三个月工资，多次讨要未果。' });
    const sent = await call<any>(rt, 'case', DIRECTOR, 'transfer', { caseId, toOrgId: 'labour-committee', reason: '劳动争议由专业调委会调解' }, rid());
    expect(sent).toMatchObject({ ok: true });
    expect(await call<any>(rt, 'case', 'demo-labour-director', 'acceptTransfer', { caseId }, rid())).toMatchObject({ ok: true });
    expect(await call<any>(rt, 'case', RESIDENT, 'withdraw', { caseId, reason: '公司已补发工资' }, rid())).toMatchObject({ ok: true });
    await rt.fireTimer('timer', 'relay');

    // 柳岸's director (the first-inquiry organisation) hears how it ended; the message names no one.
    const told = inboxOf(DIRECTOR, caseId).filter((d) => d.message?.includes('首问登记的案件已办结'));
    expect(told).toHaveLength(1);
    expect(told[0].message).toContain('申请人撤回');
    expect(told[0].message).not.toMatch(/张阿姨|工资/);
    // The organisation that handled it is not told its own closing as a first-inquiry notice.
    expect(inboxOf('demo-labour-director', caseId).some((d) => d.message?.includes('首问登记'))).toBe(false);
  });

  it('a case closed by the organisation it first reached sends no such notice', async () => {
    const { caseId } = await file();
    expect(await call<any>(rt, 'case', RESIDENT, 'withdraw', { caseId, reason: '已自行和解' }, rid())).toMatchObject({ ok: true });
    await rt.fireTimer('timer', 'relay');
    expect(inboxOf(DIRECTOR, caseId).some((d) => d.message?.includes('首问登记'))).toBe(false);
  });
});

describe('who may see and do what', () => {
  it('another resident cannot even learn that the case exists', async () => {
    const { caseId } = await file();
    expect(await view(caseId, 'someone-else')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('a supervisor of the area reads progress only; a mediator elsewhere cannot transfer', async () => {
    const { caseId } = await file();
    const sup = await view(caseId, 'demo-supervisor');
    expect(sup.ok && sup.data.relation).toBe('supervisor');
    expect(sup.ok && sup.data.summary).toBeUndefined();
    const sneaky = await call(rt, 'case', 'demo-supervisor', 'transfer', { caseId, toOrgId: 'district-centre', reason: '越权测试' }, rid());
    expect(sneaky).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const resident = await call(rt, 'case', RESIDENT, 'accept', { caseId }, rid());
    expect(resident).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('lists a resident\'s own cases only', async () => {
    await file({}, 'resident-two');
    const mine = await call<any>(rt, 'case', 'resident-two', 'mine', {});
    expect(mine.ok && mine.data.items).toHaveLength(1);
    expect(mine.ok && mine.data.items[0].holderName).toBe('柳岸社区人民调解委员会');
  });
});
