// Referral links through the built functions (诉调/公调/检调/访调对接, seeds 002 and 004): a court refers a case with
// its letter; when the case closes the organisation is told to report back, prints the feedback letter
// (调解情况反馈函) and records that it reported; the figures count it. A case referred out keeps its hand-over record.
import JSZip from 'jszip';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { call, demoRuntime, rid, rollUp } from '../helpers/runtime';
import { DIRECTOR, MEDIATOR, ok } from '../helpers/case-at';
import { outboxNotices } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const day = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const month = () => day().slice(0, 7);

async function documentText(fileID: string): Promise<string> {
  const zip = await JSZip.loadAsync(rt.storage.read(LocalStorage.cloudPathOf(fileID))!);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => p.replace(/<[^>]+>/g, '') + '\n').replace(/<[^>]+>/g, '');
}

const courtLetter = (feedbackDueOn?: string) => ({
  body: '清风区人民法院',
  reference: '(2026)清0102民诉前调88号',
  referredOn: day(-5),
  ...(feedbackDueOn ? { feedbackDueOn } : {}),
  contact: { name: '王书记员', mobile: '13700001111' },
});

const visit = (over: Record<string, unknown> = {}) => ({
  source: 'court',
  category: 'debt',
  summary: '法院诉前委派：借款两万元到期未还，双方同意调解。',
  communityId: 'liuan',
  applicants: [{ name: '张阿姨', mobile: '13812345678' }],
  respondents: [{ name: '李先生', mobile: '13987654321' }],
  jointApplication: true,
  visitorConsent: true,
  shareWithOtherOrgs: true,
  referral: courtLetter(day(20)),
  ...over,
});

describe('a case a court referred (诉调对接)', () => {
  it('needs the referral letter when the source is a referral, and refuses one on a walk-in', async () => {
    const missing = await call(rt, 'case', DIRECTOR, 'register', visit({ referral: undefined }), rid());
    expect(missing).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(missing)).toContain('请填写移交单位、案号、移交日期和联系人');
    const badPhone = await call(rt, 'case', DIRECTOR, 'register', visit({ referral: { ...courtLetter(), contact: { name: '王书记员', mobile: '123' } } }), rid());
    expect(JSON.stringify(badPhone)).toContain('请填写 11 位手机号码');
    const walkIn = await call(rt, 'case', DIRECTOR, 'register', visit({ source: 'walk_in' }), rid());
    expect(JSON.stringify(walkIn)).toContain('只有法院、公安、检察院或信访部门移交的案件需要填写移交信息');
  });

  it('shows the letter to staff, reports back after closing, prints the feedback letter and counts it', async () => {
    await rollUp(rt);
    const before = await ok(call(rt, 'report', DIRECTOR, 'figures', { period: month() }));
    const reg = await ok(call(rt, 'case', DIRECTOR, 'register', visit(), rid()));
    const caseId = reg.caseId as string;
    // The contact's phone is sealed beside the case, never in it.
    expect(JSON.stringify((rt.db.dump('cases') as any[]).find((d) => d._id === caseId).case)).not.toContain('13700001111');

    const staff = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(staff.referral.in).toEqual({
      sourceLabel: '法院委派',
      body: '清风区人民法院',
      reference: '(2026)清0102民诉前调88号',
      referredOn: day(-5),
      feedbackDueOn: day(20),
      contact: { name: '王书记员', mobile: '137****1111' },
      feedbackOwed: false,
      feedbackOverdue: false,
    });
    // A supervisor reads the area without personal data: no referral contact.
    const supervisor = await call(rt, 'case', 'demo-supervisor', 'get', { caseId });
    expect(supervisor.ok ? supervisor.data.referral : undefined).toBeUndefined();

    // Not before it is closed.
    expect(await call(rt, 'report', DIRECTOR, 'document', { caseId, kind: 'referral_feedback' })).toMatchObject({ ok: false, code: 'DOCUMENT_NOT_AVAILABLE' });

    await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId, overrideReason: '法院委派本调委会调解' }, rid()));
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    await ok(call(rt, 'agreement', MEDIATOR, 'close', { caseId, outcome: 'failed', reason: '双方对还款期限分歧过大', routes: ['litigation'] }, rid()));

    // Nobody can message the court from here: the organisation gets the task in its inbox.
    const notice = outboxNotices(rt).find((o) => o.caseId === caseId && o.phrase === '待回告');
    expect(notice).toMatchObject({ touser: 'org:liuan-committee' });
    expect(notice.message).toContain('请向清风区人民法院回告调解结果（案号(2026)清0102民诉前调88号）');
    expect(notice.message).toContain(`请于${day(20)}前回告`);
    // Filed in the inbox of the organisation's director once the relay runs.
    await rt.fireTimer('timer', 'relay');
    const inbox = await ok(call(rt, 'user', DIRECTOR, 'inbox', {}));
    expect(inbox.items.some((i: any) => i.caseId === caseId && String(i.message).includes('请向清风区人民法院回告调解结果'))).toBe(true);

    const closed = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(closed.referral.in).toMatchObject({ feedbackOwed: true, feedbackOverdue: false });

    const file = await ok(call(rt, 'report', DIRECTOR, 'document', { caseId, kind: 'referral_feedback' }));
    expect(file.fileName).toBe(`调解情况反馈函-${closed.caseNo}.docx`);
    const text = await documentText(file.fileID);
    expect(text).toContain('清风区人民法院：');
    expect(text).toContain('(2026)清0102民诉前调88号');
    expect(text).toContain(closed.caseNo);
    expect(text).toContain('调解结果：调解不成');
    expect(text).toContain('双方对还款期限分歧过大');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');

    const sent = await call(rt, 'case', MEDIATOR, 'referralFeedbackSent', { caseId, sentOn: day(), how: 'post' }, rid());
    expect(sent).toMatchObject({ ok: true });
    expect(await call(rt, 'case', DIRECTOR, 'referralFeedbackSent', { caseId, sentOn: day(), how: 'electronic' }, rid())).toMatchObject({ ok: false, code: 'REFERRAL_FEEDBACK_ALREADY' });
    const after = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId }));
    expect(after.referral.in).toMatchObject({ feedback: { sentOn: day(), howLabel: '邮寄' }, feedbackOwed: false, feedbackOverdue: false });

    await rollUp(rt);
    const figures = await ok(call(rt, 'report', DIRECTOR, 'figures', { period: month() }));
    expect(figures.referralsIn.total).toBe(before.referralsIn.total + 1);
    expect(figures.referralsIn.feedbackSent).toBe(before.referralsIn.feedbackSent + 1);
    const court = (f: any) => f.referralsIn.bySource.find((s: any) => s.source === 'court')?.received ?? 0;
    expect(court(figures)).toBe(court(before) + 1);
    expect(figures.referralsIn.bySource.find((s: any) => s.source === 'court').label).toBe('法院委派');
  });

  it('shows the feedback as overdue once the day the body asked for has passed', async () => {
    const reg = await ok(call(rt, 'case', DIRECTOR, 'register', visit({ source: 'police', referral: { ...courtLetter(day(-1)), body: '柳岸派出所', referredOn: day(-10) } }), rid()));
    const staff = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId: reg.caseId }));
    expect(staff.referral.in).toMatchObject({ sourceLabel: '公安移交', body: '柳岸派出所', feedbackOverdue: true });
  });
});

describe('a case referred out (告知引导) keeps its hand-over record', () => {
  it('records the authority, the receiver with a sealed phone, the day and the materials, and counts it by authority', async () => {
    await rollUp(rt);
    const before = await ok(call(rt, 'report', DIRECTOR, 'figures', { period: month() }));
    const reg = await ok(call(rt, 'case', DIRECTOR, 'register', visit({ source: 'walk_in', referral: undefined, category: 'labour' }), rid()));
    const handOver = { body: '清风区劳动人事争议仲裁委员会', receiver: '赵科长', receiverMobile: '13600002222', handedOverOn: day(), materials: ['来访登记表', '劳动合同复印件'] };
    await ok(call(rt, 'case', DIRECTOR, 'referOut', { caseId: reg.caseId, authority: 'labour_arbitration', guidance: '请向区劳动人事争议仲裁委员会申请仲裁', reason: '当事人要求仲裁', handOver }, rid()));
    expect(JSON.stringify((rt.db.dump('cases') as any[]).find((d) => d._id === reg.caseId).case)).not.toContain('13600002222');
    const staff = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId: reg.caseId }));
    expect(staff.referral.out).toEqual({
      authorityLabel: '劳动人事争议仲裁委员会',
      guidance: '请向区劳动人事争议仲裁委员会申请仲裁',
      handOver: { body: '清风区劳动人事争议仲裁委员会', receiver: '赵科长', receiverMobile: '136****2222', handedOverOn: day(), materials: ['来访登记表', '劳动合同复印件'] },
    });
    await rollUp(rt);
    const figures = await ok(call(rt, 'report', DIRECTOR, 'figures', { period: month() }));
    const labour = (f: any) => f.referralsOut.byAuthority.find((a: any) => a.authority === 'labour_arbitration')?.count ?? 0;
    expect(labour(figures)).toBe(labour(before) + 1);
    expect(figures.referralsOut.total).toBe(before.referralsOut.total + 1);
  });

  it('still refers out without a hand-over record, as before', async () => {
    const reg = await ok(call(rt, 'case', DIRECTOR, 'register', visit({ source: 'walk_in', referral: undefined }), rid()));
    await ok(call(rt, 'case', DIRECTOR, 'referOut', { caseId: reg.caseId, authority: 'court', guidance: '已由法院立案，请向法院了解进展', reason: '法院已受理' }, rid()));
    const staff = await ok(call(rt, 'case', DIRECTOR, 'get', { caseId: reg.caseId }));
    expect(staff.referral.out).toEqual({ authorityLabel: '人民法院', guidance: '已由法院立案，请向法院了解进展' });
  });
});
