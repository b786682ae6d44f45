// After the agreement is in force, through the real bundles: the obligee marks each item done (nobody else can),
// the mediator is told when all are done, the return visit is recorded (and closes the case when everything was
// performed), the parties rate the mediation, and a case closes resolved or failed with the other routes explained.
import { demoRuntime, call, rid, rollUp } from '../helpers/runtime';
import { caseInForce, caseInMediation, caseWithDraft, DIRECTOR, MEDIATOR, ok, RESIDENT } from '../helpers/case-at';
import type { LocalRuntime } from '../../src/local/runtime';
import { getCloud } from '../../src/server/kernel/platform';
import { outboxNotices } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const outboxFor = (caseId: string) => outboxNotices(rt).filter((o: any) => o.caseId === caseId);

describe('performance', () => {
  it('only the obligee marks an item done; when all are, the mediator is asked to visit', async () => {
    const { caseId, respondent } = await caseInForce(rt, 'resp-perf');
    // The respondent owes the money: they cannot tick it off themselves.
    const own = await call(rt, 'agreement', respondent, 'markDone', { caseId, itemId: 'i1' }, rid());
    expect(own).toMatchObject({ ok: false, code: 'NOT_OBLIGEE' });
    // Other staff of the committee are not the obligee either.
    expect(await call(rt, 'agreement', DIRECTOR, 'markDone', { caseId, itemId: 'i1' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(rt, 'agreement', RESIDENT, 'markDone', { caseId, itemId: 'i9' }, rid())).toMatchObject({ ok: false, code: 'ITEM_NOT_FOUND' });

    const before = await ok(call(rt, 'agreement', RESIDENT, 'get', { caseId }));
    expect(before.performance.map((i: any) => i.mayMarkDone)).toEqual([true, true]);
    const theirs = await ok(call(rt, 'agreement', respondent, 'get', { caseId }));
    expect(theirs.performance.map((i: any) => i.mayMarkDone)).toEqual([false, false]);

    await ok(call(rt, 'agreement', RESIDENT, 'markDone', { caseId, itemId: 'i1' }, rid()));
    expect(await call(rt, 'agreement', RESIDENT, 'markDone', { caseId, itemId: 'i1' }, rid())).toMatchObject({ ok: false, code: 'ITEM_ALREADY_DONE' });
    // The next deadline moves on to the second instalment.
    const mid = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(mid.performance.map((i: any) => i.done)).toEqual([true, false]);
    expect(outboxFor(caseId).filter((o: any) => o.phrase === '待回访')).toEqual([]);

    // The mediator may record it for the obligee (who told them in person).
    await ok(call(rt, 'agreement', MEDIATOR, 'markDone', { caseId, itemId: 'i2' }, rid()));
    const after = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(after.performance.map((i: any) => i.done)).toEqual([true, true]);
    expect(after.next.label).toMatch(/回访/);
    expect(outboxFor(caseId).filter((o: any) => o.phrase === '待回访').map((o: any) => o.touser)).toEqual([MEDIATOR]);
  });
});

describe('return visit and rating', () => {
  it('a visit that finds it not performed keeps the case open with another visit due; rating after it', async () => {
    const { caseId, respondent } = await caseInForce(rt, 'resp-visit');
    // Rating before any visit is too early.
    expect(await call(rt, 'agreement', RESIDENT, 'rate', { caseId, score: 4 }, rid())).toMatchObject({ ok: false, code: 'RATING_TOO_EARLY' });
    expect(await call(rt, 'agreement', RESIDENT, 'returnVisit', { caseId, result: 'not_performed', notes: 'x回访' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const v = await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'partially_performed', satisfaction: 3, notes: '第一期已付，第二期未到期。电话13812345678' }, rid()));
    expect(v.status).toBe('performing');
    const view = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(view.returnVisits).toEqual([expect.objectContaining({ resultLabel: '部分履行', satisfaction: 3 })]);
    // Phone numbers typed into notes are masked before they are stored.
    expect(view.returnVisits[0].notes).toContain('138****5678');
    expect(JSON.stringify(rt.db.dump('cases'))).not.toContain('13812345678');
    expect(view.mayRate).toBe(true);

    const bad = await call(rt, 'agreement', RESIDENT, 'rate', { caseId, score: 6 }, rid());
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    await ok(call(rt, 'agreement', RESIDENT, 'rate', { caseId, score: 4, comment: '调解员很耐心' }, rid()));
    expect(await call(rt, 'agreement', RESIDENT, 'rate', { caseId, score: 5 }, rid())).toMatchObject({ ok: false, code: 'ALREADY_RATED' });
    const rated = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    expect(rated).toMatchObject({ myRating: { score: 4, comment: '调解员很耐心' }, mayRate: false });
    // Each party rates for themselves.
    const theirs = await ok(call(rt, 'case', respondent, 'get', { caseId }));
    expect(theirs.mayRate).toBe(true);
    expect(theirs.myRating).toBeUndefined();
  });

  it('a visit that finds everything performed closes the case resolved; the parties can still rate', async () => {
    const { caseId, respondent } = await caseInForce(rt, 'resp-visit-done');
    await ok(call(rt, 'agreement', RESIDENT, 'markDone', { caseId, itemId: 'i1' }, rid()));
    await ok(call(rt, 'agreement', RESIDENT, 'markDone', { caseId, itemId: 'i2' }, rid()));
    const closed = await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'performed', satisfaction: 5, notes: '款项已全部付清，双方满意' }, rid()));
    expect(closed.status).toBe('closed');
    const view = await ok(call(rt, 'case', respondent, 'get', { caseId }));
    expect(view.closing).toMatchObject({ outcomeLabel: '调解成功并履行完毕' });
    expect(view.mayRate).toBe(true);
    await ok(call(rt, 'agreement', respondent, 'rate', { caseId, score: 5 }, rid()));
    // The applicant is told the case closed.
    expect(outboxFor(caseId).some((o: any) => o.touser === RESIDENT && o.phrase === '已结案')).toBe(true);
  });
});

describe('closing', () => {
  it('resolved only once everything is performed and visited', async () => {
    const { caseId } = await caseInForce(rt, 'resp-close-early');
    const early = await call(rt, 'agreement', MEDIATOR, 'close', { caseId, outcome: 'resolved', reason: '双方已和解' }, rid());
    expect(early).toMatchObject({ ok: false, code: 'NOT_READY_TO_RESOLVE' });
    await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'not_performed', notes: '尚未付款，已督促' }, rid()));
    await ok(call(rt, 'agreement', RESIDENT, 'markDone', { caseId, itemId: 'i1' }, rid()));
    await ok(call(rt, 'agreement', RESIDENT, 'markDone', { caseId, itemId: 'i2' }, rid()));
    const done = await ok(call(rt, 'agreement', DIRECTOR, 'close', { caseId, outcome: 'resolved', reason: '协议已全部履行' }, rid()));
    expect(done).toMatchObject({ status: 'closed', outcomeLabel: '调解成功并履行完毕' });
  });

  it('failed: the other routes that fit the category are explained to both parties', async () => {
    const { caseId, respondent } = await caseInMediation(rt, 'resp-fail', { category: 'labour' });
    expect(await call(rt, 'agreement', MEDIATOR, 'close', { caseId, outcome: 'failed', reason: 'x' }, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const r = await ok(call(rt, 'agreement', MEDIATOR, 'close', { caseId, outcome: 'failed', reason: '双方对工资数额分歧较大' }, rid()));
    expect(r.status).toBe('closed');
    expect(r.outcomeLabel).toBe('调解不成');
    // Labour disputes go to arbitration first.
    expect(r.guidance).toMatch(/劳动人事争议仲裁委员会/);
    expect(r.guidance).not.toMatch(/司法确认/);
    const view = await ok(call(rt, 'case', respondent, 'get', { caseId }));
    expect(view.closing).toEqual({ outcomeLabel: '调解不成', reason: '双方对工资数额分歧较大', guidance: r.guidance });
    // Both sides are told (the applicant by the progress notice, the respondent with the routes).
    const notices = outboxFor(caseId).filter((o: any) => o.phrase === '已结案' || o.phrase === '调解不成');
    expect(notices.map((o: any) => o.touser).sort()).toEqual([RESIDENT, respondent].sort());
  });

  it('failed after an agreement in force that was not performed: the judicial-confirmation path is explained with its date', async () => {
    const { caseId } = await caseInForce(rt, 'resp-fail-force');
    const a = await ok(call(rt, 'agreement', MEDIATOR, 'get', { caseId }));
    const r = await ok(call(rt, 'agreement', MEDIATOR, 'close', {
      caseId,
      outcome: 'failed',
      reason: '被申请人拒不履行',
      routes: ['judicial_confirmation', 'litigation'],
      note: '如需帮助可联系本调委会。',
    }, rid()));
    expect(r.guidance).toContain(`${a.judicialConfirmationBy}前共同向人民法院申请司法确认`);
    expect(r.guidance).toMatch(/强制执行/);
    expect(r.guidance).toMatch(/提起民事诉讼/);
    expect(r.guidance).toMatch(/如需帮助可联系本调委会。$/);
  });

  it('a respondent who never answers: closed as no_reply once the reply period is over, and not counted as a mediation', async () => {
    const filed = await ok(call(rt, 'case', RESIDENT, 'file', {
      category: 'neighbourhood',
      summary: '楼上邻居空调外机噪音大，多次沟通无果。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '王先生' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    const caseId = filed.caseId as string;
    await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
    await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
    await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
    // Figures answer from the timer's counters: rolled up before each read.
    const figures = async () => (await rollUp(rt), ok(call(rt, 'report', DIRECTOR, 'figures', { orgId: 'liuan-committee' })));
    const before = await figures();

    const noReply = { caseId, outcome: 'no_reply', reason: '多次电话联系被申请人，均未答复' };
    expect(await call(rt, 'agreement', MEDIATOR, 'close', noReply, rid())).toMatchObject({ ok: false, code: 'REPLY_PERIOD_RUNNING' });
    // No mediation took place: it cannot be closed as failed.
    expect(await call(rt, 'agreement', MEDIATOR, 'close', { caseId, outcome: 'failed', reason: '被申请人不配合' }, rid())).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' });

    // The reply period runs out (five working days from the invitation).
    await getCloud().database().collection('cases').doc(caseId).update({ data: { 'case.consent.dueAt': new Date(Date.now() - 60_000).toISOString() } });
    expect(rt.db.dump('cases').find((d: any) => d._id === caseId)?.status).toBe('awaiting_consent');

    const r = await ok(call(rt, 'agreement', MEDIATOR, 'close', noReply, rid()));
    expect(r).toMatchObject({ status: 'closed', outcomeLabel: '被申请人逾期未答复' });
    const view = await ok(call(rt, 'case', RESIDENT, 'get', { caseId }));
    // The applicant reads it as said to them (the staff's 被申请人逾期未答复 is for the staff).
    expect(view.closing).toMatchObject({ outcomeLabel: '对方没有在期限内答复', reason: '多次电话联系被申请人，均未答复' });
    // Closed, but not a mediation: the success rate is not lowered by a mediation that never took place.
    const after = await figures();
    expect(after.closed).toBe(before.closed + 1);
    expect(after.mediated).toBe(before.mediated);
    expect(after.successRate).toEqual(before.successRate);
  });

  it('a failed case owes a return visit after closing: in the mediator\'s inbox, recorded with the dispute\'s state, then gone', async () => {
    const { caseId } = await caseInMediation(rt, 'resp-visit-after');
    const closed = await ok(call(rt, 'agreement', MEDIATOR, 'close', { caseId, outcome: 'failed', reason: '双方对赔偿数额分歧较大' }, rid()));
    // The next step is the return visit, due a set time after closing (the rules' `returnVisit`).
    expect(closed).toMatchObject({ status: 'closed', next: { label: '回访', dueAt: expect.any(String) } });
    const inbox = await ok(call(rt, 'case', MEDIATOR, 'assigned', {}));
    expect(inbox.items.find((i: any) => i.caseId === caseId)).toMatchObject({ status: 'closed', next: { label: '回访' } });

    // The findings of a performed agreement do not fit a case closed without one.
    const wrong = await call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'performed', notes: '已履行' }, rid());
    expect(wrong).toMatchObject({ ok: false, code: 'VISIT_RESULT_INVALID' });
    const visited = await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'taken_up', satisfaction: 4, notes: '申请人已向区法院起诉，法院已立案。' }, rid()));
    expect(visited.status).toBe('closed');
    expect(visited.next).toBeUndefined();
    const view = await ok(call(rt, 'case', MEDIATOR, 'get', { caseId }));
    expect(view.closing).toMatchObject({ outcomeLabel: '调解不成' });
    expect(view.returnVisits).toEqual([expect.objectContaining({ resultLabel: '已由有关机关受理', notes: '申请人已向区法院起诉，法院已立案。' })]);
    expect((await ok(call(rt, 'case', MEDIATOR, 'assigned', {}))).items.some((i: any) => i.caseId === caseId)).toBe(false);
    expect(await call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'ongoing', notes: '再次回访' }, rid())).toMatchObject({ ok: false, code: 'NO_VISIT_DUE' });
  });

  it('a case referred out is visited too: the committee is reminded by the timer when the visit is overdue', async () => {
    const filed = await ok(call(rt, 'case', RESIDENT, 'file', {
      category: 'neighbourhood',
      summary: '邻居之间的纠纷，对方已向法院起诉。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '赵先生' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    const caseId = filed.caseId as string;
    const referred = await ok(call(rt, 'case', DIRECTOR, 'referOut', { caseId, authority: 'court', guidance: '该纠纷已由人民法院受理，请等待法院审理。', reason: '法院已受理' }, rid()));
    const due = Date.parse(referred.next.dueAt);
    expect(referred).toMatchObject({ status: 'closed', next: { label: '回访' } });
    const fired = (await rt.fireTimer('timer', 'deadlines', new Date(due + 3_600_000))).result as any;
    expect(fired.ok).toBe(true);
    const reminders = outboxNotices(rt).filter((o: any) => o.caseId === caseId && o.template === 'deadline_alert');
    expect(reminders).toEqual([expect.objectContaining({ touser: 'org:liuan-committee', message: expect.stringContaining('回访已超期') })]);
    // Nothing is recorded against the closed case (it closed on time); the timer reminds only once.
    await rt.fireTimer('timer', 'deadlines', new Date(due + 7_200_000));
    expect(outboxNotices(rt).filter((o: any) => o.caseId === caseId && o.template === 'deadline_alert')).toHaveLength(1);
    expect((rt.db.dump('cases').find((d: any) => d._id === caseId) as any).case.missedDeadlines).toEqual([]);
    await ok(call(rt, 'agreement', DIRECTOR, 'returnVisit', { caseId, result: 'taken_up', notes: '法院已开庭审理。' }, rid()));
  });

  it('a party cannot close, and a closed case takes no more steps', async () => {
    const { caseId, respondent, hash } = await caseWithDraft(rt, 'resp-close-party');
    expect(await call(rt, 'agreement', respondent, 'close', { caseId, outcome: 'failed', reason: '不想调了' }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await ok(call(rt, 'agreement', MEDIATOR, 'close', { caseId, outcome: 'failed', reason: '申请人要求起诉' }, rid()));
    expect(await call(rt, 'agreement', RESIDENT, 'confirm', { caseId, hash }, rid())).toMatchObject({ ok: false, code: 'CASE_CLOSED' });
  });
});
