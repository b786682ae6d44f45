// The deadline sweep through the built `timer` bundle: overdue triage alerts the organisation above, a
// transfer not accepted in time goes up for designation, reminders before a session and a performance due
// date, overdue performance and return visits chase the people responsible — each exactly once, however
// often (or however concurrently) the timer runs. Expiry removes old invitation codes.
// Every step runs through the built bundles: case, booking and agreement functions, then the timer.
import { demoRuntime, call, rid } from '../helpers/runtime';
import { agreementContent } from '../helpers/case-at';
import type { LocalRuntime } from '../../src/local/runtime';
import { getCloud } from '../../src/server/kernel/platform';
import type { CaseDoc } from '../../src/server/cases/store';
import { createAuditKey } from '../../src/server/kernel/audit-chain';
import { verifyCaseAudit } from '../../src/server/cases/case-audit';
import { auditEntries, auditStepHolding } from '../helpers/stored';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const DAY = 86_400_000;
const HOUR = 3_600_000;

async function must<T = any>(p: Promise<any>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.code}: ${r.message} ${JSON.stringify(r.fields ?? {})}`);
  return r.data as T;
}

let n = 0;
async function file(applicant = `tm-applicant-${++n}`) {
  const c = await must<{ caseId: string; caseNo: string }>(
    call(rt, 'case', applicant, 'file', {
      category: 'neighbourhood',
      summary: '楼上邻居每天深夜装修，噪音很大，多次沟通无果。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生', mobile: '13987654321' }],
      consent: { privacy: true, shareWithOtherOrgs: true },
    }, rid()),
  );
  return { ...c, applicant };
}

/** A case in mediation at 柳岸 with demo-mediator, the respondent joined and agreed — all through the case function. */
async function inMediation() {
  const c = await file();
  const respondent = `tm-respondent-${n}`;
  await must(call(rt, 'case', 'demo-director', 'accept', { caseId: c.caseId }, rid()));
  await must(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: c.caseId, mediatorId: 'demo-mediator' }, rid()));
  const inv = await must(call(rt, 'case', 'demo-mediator', 'invite', { caseId: c.caseId }, rid()));
  await must(call(rt, 'case', respondent, 'join', { code: inv.invite.code }, rid()));
  await must(call(rt, 'case', respondent, 'reply', { caseId: c.caseId, reply: 'agree' }, rid()));
  return { ...c, respondent };
}

const db = () => getCloud().database();
const caseDoc = (caseId: string) => rt.db.dump('cases').find((d) => d._id === caseId) as unknown as CaseDoc;

async function deadlines(at: number) {
  const r = (await rt.fireTimer('timer', 'deadlines', new Date(at))).result as any;
  if (!r.ok) throw new Error(`deadlines: ${r.code} ${r.message}`);
  return r.data;
}

const sentTo = (who: string, caseNo: string) => rt.openapi.sent.filter((m) => m.touser === who && Object.values(m.data).some((d) => d.value === caseNo));
const inbox = (who: string, caseId: string) => (rt.db.dump('inbox') as any[]).filter((d) => d.openid === who && d.caseId === caseId);
const chinaDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

/** Everything the timer could have changed. */
function snapshot() {
  return JSON.stringify(['cases', 'audit', 'outbox', 'inbox', 'timer_claims'].map((c) => rt.db.dump(c)));
}

describe('the deadline sweep', () => {
  it('overdue triage: recorded once for accountability, the committee reminded, the street centre above alerted', async () => {
    const c = await file();
    const at = Date.now() + 5 * DAY;
    const out = await deadlines(at);
    expect(out.sweep.commands).toBeGreaterThanOrEqual(1);

    const doc = caseDoc(c.caseId);
    expect(doc.case.missedDeadlines).toEqual([expect.objectContaining({ kind: 'triage', ownerOrgId: 'liuan-committee' })]);
    const missed = auditEntries(rt).filter((e) => e.caseId === c.caseId && e.type === 'deadline_missed');
    expect(missed).toHaveLength(1);
    expect(missed[0].actor).toBe('system');
    expect(verifyCaseAudit(createAuditKey(process.env.AUDIT_KEY), doc, auditEntries(rt).filter((e) => e.caseId === c.caseId) as never).ok).toBe(true);
    // Staff read the chain, verified, with the system's entry in it; the applicant may not.
    const chain = await must(call(rt, 'case', 'demo-director', 'audit', { caseId: c.caseId }));
    expect(chain.verified).toBe(true);
    expect(chain.entries.map((e: any) => [e.type, e.actor])).toEqual([['case_registered', c.applicant], ['deadline_missed', 'system']]);
    expect(await call(rt, 'case', c.applicant, 'audit', { caseId: c.caseId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Tampering with an entry shows.
    const first = auditEntries(rt).find((e) => e.caseId === c.caseId && e.type === 'deadline_missed') as any;
    const step = auditStepHolding(rt, c.caseId, first.seq);
    const entries = step.entries.map((e: any) => (e.seq === first.seq ? { ...e, at: '2020-01-01T00:00:00.000Z' } : e));
    await db().collection('audit').doc(step._id).update({ data: { entries: db().command.set(entries) } });
    expect((await must(call(rt, 'case', 'demo-supervisor', 'audit', { caseId: c.caseId }))).verified).toBe(false);

    // The street centre's director and intake are told to supervise; the committee's director to act.
    for (const who of ['demo-street-director', 'demo-intake']) {
      expect(sentTo(who, c.caseNo).map((m) => m.data.phrase2?.value)).toEqual(['请督办']);
      expect(inbox(who, c.caseId)[0].message).toContain(`案件${c.caseNo}`);
    }
    expect(sentTo('demo-director', c.caseNo).map((m) => m.data.phrase2?.value)).toEqual(['已超期']);
  });

  it('running the timer again — later, or twice at once — changes nothing', async () => {
    const c = await file();
    const at = Date.now() + 5 * DAY;
    await Promise.all([deadlines(at), deadlines(at)]);
    expect(caseDoc(c.caseId).case.missedDeadlines).toHaveLength(1);
    expect(auditEntries(rt).filter((e) => e.caseId === c.caseId && e.type === 'deadline_missed')).toHaveLength(1);
    expect(sentTo('demo-street-director', c.caseNo)).toHaveLength(1);
    const before = snapshot();
    await deadlines(at);
    await deadlines(at + HOUR);
    expect(snapshot()).toBe(before);
  });

  it('a transfer not accepted in time goes to the common parent for designation, which is told to decide', async () => {
    const c = await file();
    await must(call(rt, 'case', 'demo-director', 'transfer', { caseId: c.caseId, toOrgId: 'wangjiang-committee', reason: '对方住在望江社区', overrideReason: '纠纷发生地在望江社区' }, rid()));
    expect(caseDoc(c.caseId).status).toBe('transferring');
    await deadlines(Date.now() + 6 * DAY);
    const doc = caseDoc(c.caseId) as any;
    expect(doc.status).toBe('awaiting_designation');
    expect(doc.case.designation).toMatchObject({ designatorOrgId: 'donghu-centre' });
    expect(doc.case.missedDeadlines).toEqual([expect.objectContaining({ kind: 'transfer_response', ownerOrgId: 'wangjiang-committee' })]);
    expect(sentTo('demo-street-director', c.caseNo).map((m) => m.data.phrase2?.value)).toContain('待指定');
    // The applicant sees where the case stands.
    const v = await must(call(rt, 'case', c.applicant, 'get', { caseId: c.caseId }));
    expect(v.status).toBe('awaiting_designation');
  });

  it('the day before a session, both parties and the mediator are reminded once', async () => {
    const c = await inMediation();
    // Booked by the applicant through the booking function, confirmed by the respondent: scheduled.
    const slots = await must(call(rt, 'booking', c.applicant, 'slots', { caseId: c.caseId, mode: 'online', days: 28 }));
    const slot = slots.slots[0];
    const booked = await must(call(rt, 'booking', c.applicant, 'book', { caseId: c.caseId, startAt: slot.startAt, mode: 'online' }, rid()));
    await must(call(rt, 'booking', c.respondent, 'confirm', { caseId: c.caseId, bookingId: booked.booking.bookingId }, rid()));
    expect(caseDoc(c.caseId).status).toBe('scheduled');
    const sessionAt = Date.parse(slot.startAt);
    // Two days before: not yet.
    await deadlines(sessionAt - 48 * HOUR);
    expect(sentTo(c.applicant, c.caseNo).filter((m) => m.templateId === 'local-session_reminder')).toHaveLength(0);
    await deadlines(sessionAt - 20 * HOUR);
    await deadlines(sessionAt - 10 * HOUR);
    for (const who of [c.applicant, c.respondent, 'demo-mediator']) {
      expect(sentTo(who, c.caseNo).filter((m) => m.templateId === 'local-session_reminder')).toHaveLength(1);
      expect(inbox(who, c.caseId).find((d) => d.template === 'session_reminder').message).toContain('请准时参加');
    }
  });

  it('performance: a reminder before the due date, the obligor and the mediator chased after it, then the return visit', async () => {
    const c = await inMediation();
    const due = chinaDate(Date.now() + 2 * DAY);
    // A written agreement (something is to be performed, so it must be written: MoJ 2002 Art. 34), confirmed by
    // both parties, signed and sealed through the agreement function: in force.
    const content = agreementContent({
      terms: ['被申请人夜间十点后停止施工，并赔偿噪音损失。'],
      performance: [{ itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付补偿', amountYuan: 500, method: '微信转账', place: '柳岸社区调委会', dueDate: due }],
    });
    const drafted = await must(call(rt, 'agreement', 'demo-mediator', 'draft', { caseId: c.caseId, content }, rid()));
    const hash = drafted.agreement.hash;
    await must(call(rt, 'agreement', c.applicant, 'confirm', { caseId: c.caseId, hash }, rid()));
    await must(call(rt, 'agreement', c.respondent, 'confirm', { caseId: c.caseId, hash }, rid()));
    await must(call(rt, 'agreement', 'demo-mediator', 'sign', { caseId: c.caseId, hash }, rid()));
    await must(call(rt, 'agreement', 'demo-director', 'seal', { caseId: c.caseId, hash }, rid()));
    expect(caseDoc(c.caseId).status).toBe('performing');

    // Within three days of the due date: the obligor (the respondent) is reminded, once.
    await deadlines(Date.now() + HOUR);
    await deadlines(Date.now() + 2 * HOUR);
    expect(sentTo(c.respondent, c.caseNo).filter((m) => m.templateId === 'local-performance_reminder')).toHaveLength(1);

    // Past the due date: recorded as missed, the obligor told it is overdue, the mediator reminded.
    await deadlines(Date.now() + 4 * DAY);
    const doc = caseDoc(c.caseId);
    expect(doc.case.missedDeadlines.map((m) => m.kind)).toContain('performance');
    expect(sentTo(c.respondent, c.caseNo).filter((m) => m.templateId === 'local-performance_reminder')).toHaveLength(2);
    expect(inbox(c.respondent, c.caseId).map((d) => d.message).join()).toContain('履行期限已过');
    expect(sentTo('demo-mediator', c.caseNo).filter((m) => m.templateId === 'local-deadline_alert')).toHaveLength(1);

    // Performed: the return visit falls due; when it is overdue the mediator is reminded.
    await must(call(rt, 'agreement', c.applicant, 'markDone', { caseId: c.caseId, itemId: 'i1' }, rid()));
    const returnDue = Date.parse((caseDoc(c.caseId).case as any).returnVisitDueAt);
    await deadlines(returnDue + HOUR);
    const visits = inbox('demo-mediator', c.caseId).filter((d) => d.template === 'deadline_alert' && d.message.includes('回访已超期'));
    expect(visits).toHaveLength(1);
    expect(caseDoc(c.caseId).case.missedDeadlines.map((m) => m.kind)).toContain('return_visit');

    // The visit made: the case closes, and the timer has nothing more to do for it.
    await must(call(rt, 'agreement', 'demo-mediator', 'returnVisit', { caseId: c.caseId, result: 'performed', satisfaction: 5, notes: '已按约履行，双方满意。' }, rid()));
    expect(caseDoc(c.caseId).status).toBe('closed');
    const claims = rt.db.dump('timer_claims').filter((d: any) => d.caseId === c.caseId).length;
    await deadlines(returnDue + 10 * DAY);
    expect(rt.db.dump('timer_claims').filter((d: any) => d.caseId === c.caseId).length).toBe(claims);
  });

  it('a mediation past its limit: the mediator reminded and the street centre alerted', async () => {
    const c = await inMediation();
    const limit = Date.parse((caseDoc(c.caseId).case as any).mediationDueAt);
    await deadlines(limit + HOUR);
    expect(caseDoc(c.caseId).case.missedDeadlines.map((m) => m.kind)).toContain('mediation');
    expect(inbox('demo-mediator', c.caseId).some((d) => d.template === 'deadline_alert')).toBe(true);
    expect(inbox('demo-street-director', c.caseId).some((d) => d.phrase === '请督办')).toBe(true);
  });

  it('only cases with something due are read: a second run at the same time reads none; a case saved before `timerDueAt` existed is read once', async () => {
    const legacy = await file();
    await db().collection('cases').doc(legacy.caseId).update({ data: { timerDueAt: db().command.remove(), timerDoneAt: db().command.remove() } });
    expect('timerDueAt' in caseDoc(legacy.caseId)).toBe(false);
    const fresh = await file();
    const at = Date.now() + HOUR;
    const due = rt.db.dump('cases').filter((d: any) => !('timerDueAt' in d) || (d.timerDueAt !== null && Date.parse(d.timerDueAt) <= at));
    const first = await deadlines(at);
    // The fresh case's triage is not yet due: it is not among the cases read; the legacy one is, once.
    expect(first.sweep.cases).toBe(due.length);
    expect(due.map((d) => d._id)).toContain(legacy.caseId);
    expect(due.map((d) => d._id)).not.toContain(fresh.caseId);
    expect(caseDoc(legacy.caseId).timerDueAt).toBe(caseDoc(fresh.caseId).timerDueAt);
    // Everything read has moved on to its next time: the same run again reads nothing.
    expect((await deadlines(at)).sweep.cases).toBe(0);
    await deadlines(Date.now() + 5 * DAY);
    expect(caseDoc(legacy.caseId).case.missedDeadlines.map((m) => m.kind)).toEqual(['triage']);
    expect(caseDoc(fresh.caseId).case.missedDeadlines.map((m) => m.kind)).toEqual(['triage']);
  });

  it('many booked and performing cases with nothing due yet: the sweep reads none of them', async () => {
    // One case of each kind through the functions, then 300 copies of them (new ids) straight into the store.
    const scheduled = await inMediation();
    const slots = await must(call(rt, 'booking', scheduled.applicant, 'slots', { caseId: scheduled.caseId, mode: 'online', days: 28 }));
    const slot = slots.slots[slots.slots.length - 1];
    const booked = await must(call(rt, 'booking', scheduled.applicant, 'book', { caseId: scheduled.caseId, startAt: slot.startAt, mode: 'online' }, rid()));
    await must(call(rt, 'booking', scheduled.respondent, 'confirm', { caseId: scheduled.caseId, bookingId: booked.booking.bookingId }, rid()));
    expect(caseDoc(scheduled.caseId).status).toBe('scheduled');
    const performing = await inMediation();
    const content = agreementContent({
      terms: ['被申请人夜间十点后停止施工，并赔偿噪音损失。'],
      performance: [{ itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付补偿', amountYuan: 500, method: '微信转账', place: '柳岸社区调委会', dueDate: chinaDate(Date.now() + 20 * DAY) }],
    });
    const hash = (await must(call(rt, 'agreement', 'demo-mediator', 'draft', { caseId: performing.caseId, content }, rid()))).agreement.hash;
    await must(call(rt, 'agreement', performing.applicant, 'confirm', { caseId: performing.caseId, hash }, rid()));
    await must(call(rt, 'agreement', performing.respondent, 'confirm', { caseId: performing.caseId, hash }, rid()));
    await must(call(rt, 'agreement', 'demo-mediator', 'sign', { caseId: performing.caseId, hash }, rid()));
    await must(call(rt, 'agreement', 'demo-director', 'seal', { caseId: performing.caseId, hash }, rid()));
    expect(caseDoc(performing.caseId).status).toBe('performing');
    const at = Date.now() + HOUR;
    await deadlines(at);
    const copies = [scheduled.caseId, performing.caseId].flatMap((id, k) => {
      const json = JSON.stringify(caseDoc(id));
      return Array.from({ length: 150 }, (_, i) => JSON.parse(json.split(id).join(`quiet-${k}-${String(i).padStart(4, '0')}`)));
    });
    rt.db.seed('cases', copies);

    const run = await rt.fireTimer('timer', 'deadlines', new Date(at));
    const out = (run.result as any).data;
    expect(out.sweep.cases).toBe(0);
    // The sweep's two queries answered empty, then the relay's (due and lapsed claims, on steps' audit documents and
    // in the sweep's outbox): not page after page of booked and performing cases.
    expect(run.dbRequests).toBeLessThanOrEqual(6);
  });

  it('a user cannot run the timer', async () => {
    const r = await call(rt, 'timer', 'demo-director', 'deadlines', {});
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const ev = await rt.invoke<any>('timer', { Type: 'Timer', TriggerName: 'deadlines', Time: new Date().toISOString() }, { openid: 'demo-director' });
    expect(ev.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('expiry', () => {
  it('invitation codes stop working at expiry and their records go 30 days later; used staff codes stay', async () => {
    const c = await file();
    await must(call(rt, 'case', 'demo-director', 'accept', { caseId: c.caseId }, rid()));
    await must(call(rt, 'case', 'demo-director', 'assignMediator', { caseId: c.caseId, mediatorId: 'demo-mediator' }, rid()));
    const inv = await must(call(rt, 'case', 'demo-director', 'invite', { caseId: c.caseId }, rid()));
    const staff = await must(call(rt, 'org', 'demo-director', 'inviteStaff', { orgId: 'liuan-committee', role: 'intake', note: '窗口' }, rid()));
    const used = await must(call(rt, 'org', 'demo-director', 'inviteStaff', { orgId: 'liuan-committee', role: 'mediator', note: '新调解员' }, rid()));
    await must(call(rt, 'org', 'tm-new-mediator', 'joinStaff', { code: used.code, name: '新调解员' }, rid()));
    const invites = rt.db.dump('invites').length;
    const staffInvites = rt.db.dump('staff_invites').length;

    // A week later the code is refused as expired; nothing is removed yet.
    const fire = async (at: number) => ((await rt.fireTimer('timer', 'expiry', new Date(at))).result as any).data;
    expect(await fire(Date.now() + 8 * DAY)).toMatchObject({ invites: 0, staffInvites: 0 });
    // 30 days after expiry the records go — the used staff code is kept as the record of the grant.
    const gone = await fire(Date.now() + 40 * DAY);
    expect(gone.invites).toBeGreaterThanOrEqual(1);
    expect(rt.db.dump('invites').length).toBe(invites - gone.invites);
    expect(rt.db.dump('staff_invites').length).toBe(staffInvites - gone.staffInvites);
    expect(rt.db.dump('staff_invites').some((d: any) => d.note === '新调解员')).toBe(true);
    expect(rt.db.dump('staff_invites').some((d: any) => d.note === '窗口' && !d.usedBy)).toBe(false);
    const open = await call(rt, 'case', 'tm-late', 'openInvite', { code: inv.invite.code });
    expect(open).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    void staff;
  });

  it("a step's notices leave its audit document once all are finished and 90 days old; its audit entries stay and verify", async () => {
    const c = await file();
    // The applicant cannot be reached for now: the filing's notice to them waits, the organisation's is sent.
    rt.openapi.sendPolicy = (req) => (req.touser === c.applicant ? { errCode: -1 } : 'ok');
    await rt.fireTimer('timer', 'relay', new Date(Date.now() + 60_000));
    await must(call(rt, 'case', 'demo-director', 'accept', { caseId: c.caseId }, rid()));
    rt.openapi.sendPolicy = () => 'ok';
    const steps = () => (rt.db.dump('audit') as any[]).filter((d) => d.caseId === c.caseId);
    const filed = steps().find((d) => d.seq === 1);
    expect(filed.notices.length).toBeGreaterThan(0);
    // The acceptance's notices are sent; the filing's still wait for the applicant (retried a minute after it failed).
    await rt.fireTimer('timer', 'relay', new Date(Date.now() + 90_000));
    const accepted = steps().find((d) => d.seq > 1 && d.notices);
    expect(accepted.status).toBe('sent');
    expect(steps().find((d) => d.seq === 1).status).toBe('pending');

    const expired = ((await rt.fireTimer('timer', 'expiry', new Date(Date.now() + 91 * DAY))).result as any).data;
    expect(expired.outbox).toBeGreaterThanOrEqual(1);
    const after = steps();
    // Finished: the notices and the relay's fields are gone, the entries untouched.
    const acceptedAfter = after.find((d) => d._id === accepted._id);
    expect(acceptedAfter).toEqual({ _id: accepted._id, caseId: c.caseId, seq: accepted.seq, lastSeq: accepted.lastSeq, entries: accepted.entries });
    // Still waiting for someone: kept whole, whatever its age.
    expect(after.find((d) => d.seq === 1)).toMatchObject({ status: 'pending', notices: filed.notices.map(() => expect.anything()) });
    expect(verifyCaseAudit(createAuditKey(process.env.AUDIT_KEY), caseDoc(c.caseId), auditEntries(rt, c.caseId) as never).ok).toBe(true);
  });
});
