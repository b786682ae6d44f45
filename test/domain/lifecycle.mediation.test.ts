import { decide, nextDeadline, type Case, type CaseCommand, type DomainContext } from '../../src/domain';
import {
  T0,
  actors,
  ctx,
  mediatorC1A as mediator,
  run,
  seedAccepted,
  seedAwaitingConsent,
  seedInMediation,
  seedRegistered,
  seedScheduled,
} from './fixtures';

const later = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
const code = (c: Case | undefined, cmd: CaseCommand, context: DomainContext): string => {
  const r = decide(c, cmd, context);
  return r.ok ? 'OK' : r.error.code;
};
const director = actors.director('C1A');

describe('mediators', () => {
  it('an accepted case needs a mediator within one working day', () => {
    const c = run(seedRegistered(), [[{ type: 'accept' }, ctx(actors.staff('C1A'))]]);
    expect(nextDeadline(c)).toMatchObject({ kind: 'mediator_assignment', ownerOrgId: 'C1A' });
  });

  it('only the director of the responsible organisation assigns; reassigning needs a reason', () => {
    const c = run(seedRegistered(), [[{ type: 'accept' }, ctx(actors.staff('C1A'))]]);
    expect(code(c, { type: 'assign_mediator', mediatorId: 'm' }, ctx(actors.staff('C1A')))).toBe('DIRECTOR_REQUIRED');
    expect(code(c, { type: 'assign_mediator', mediatorId: 'm' }, ctx(actors.director('C1B')))).toBe('DIRECTOR_REQUIRED');
    const a = seedAccepted();
    expect(code(a, { type: 'assign_mediator', mediatorId: 'other' }, ctx(director))).toBe('REASON_REQUIRED');
    expect(code(a, { type: 'assign_mediator', mediatorId: mediator.userId, reason: 'x' }, ctx(director))).toBe('MEDIATOR_UNCHANGED');
    expect(run(a, [[{ type: 'assign_mediator', mediatorId: 'other', reason: '工作调整' }, ctx(director)]]).mediatorId).toBe('other');
  });

  it('a party may object to the mediator (回避); that mediator cannot come back', () => {
    const c = run(seedInMediation(), [[{ type: 'recuse_mediator', partyId: 'p2', reason: '调解员与申请人是亲戚' }, ctx(actors.respondent)]]);
    expect(c.mediatorId).toBeUndefined();
    expect(c.recusedMediatorIds).toEqual([mediator.userId]);
    expect(nextDeadline(c)?.kind).toBe('mediator_assignment');
    expect(code(c, { type: 'assign_mediator', mediatorId: mediator.userId }, ctx(director))).toBe('MEDIATOR_RECUSED');
    expect(code(c, { type: 'schedule_session', at: later(T0, 48), mode: 'online' }, ctx(actors.staff('C1A')))).toBe('MEDIATOR_REQUIRED');
    expect(code(seedInMediation(), { type: 'recuse_mediator', partyId: 'p2', reason: 'x' }, ctx(actors.stranger))).toBe('NOT_THE_PARTY');
  });
});

describe("the respondent's consent (Art. 17)", () => {
  it('the mediator asks; the respondent has five working days to answer', () => {
    const c = seedAwaitingConsent();
    expect(c.status).toBe('awaiting_consent');
    expect(nextDeadline(c)).toMatchObject({ kind: 'respondent_reply', ownerUserId: mediator.userId, dueAt: new Date('2026-03-09T23:59:59.999+08:00').toISOString() });
  });

  it('agreeing starts mediation', () => {
    expect(seedInMediation().status).toBe('in_mediation');
  });

  it('a clear refusal closes the case: no mediation over a refusal', () => {
    const c = run(seedAwaitingConsent(), [[{ type: 'respondent_reply', partyId: 'p2', reply: 'refuse' }, ctx(actors.respondent)]]);
    expect(c).toMatchObject({ status: 'closed', outcome: 'respondent_refused' });
  });

  it('asking for time extends the reply deadline once', () => {
    const c = run(seedAwaitingConsent(), [[{ type: 'respondent_reply', partyId: 'p2', reply: 'ask_for_time' }, ctx(actors.respondent)]]);
    expect(nextDeadline(c)?.dueAt).toBe(new Date('2026-03-16T23:59:59.999+08:00').toISOString());
    expect(code(c, { type: 'respondent_reply', partyId: 'p2', reply: 'ask_for_time' }, ctx(actors.respondent))).toBe('EXTRA_TIME_USED');
  });

  it('only the respondent answers, or staff recording their answer; the applicant cannot', () => {
    const c = seedAwaitingConsent();
    expect(code(c, { type: 'respondent_reply', partyId: 'p2', reply: 'agree' }, ctx(actors.resident))).toBe('NOT_THE_PARTY');
    expect(code(c, { type: 'respondent_reply', partyId: 'p1', reply: 'agree' }, ctx(actors.resident))).toBe('NOT_A_RESPONDENT');
    expect(code(c, { type: 'respondent_reply', partyId: 'p2', reply: 'agree' }, ctx(actors.staff('C1A')))).toBe('OK');
  });

  it('Art. 17: a respondent who never answers is closed as no_reply once the reply period is over, not as a failed mediation', () => {
    const c = seedAwaitingConsent();
    const due = nextDeadline(c)!.dueAt; // end of 2026-03-09, China time
    const close = (outcome: 'no_reply' | 'failed') => ({ type: 'close' as const, outcome, reason: '多次联系被申请人，均未答复', guidance: '可向人民法院起诉' });
    // While the period runs the respondent may still answer.
    expect(code(c, close('no_reply'), ctx(mediator, later(due, -1)))).toBe('REPLY_PERIOD_RUNNING');
    // No mediation took place, so it cannot be closed as failed at any time.
    expect(code(c, close('failed'), ctx(mediator, later(due, 1)))).toBe('CONSENT_REQUIRED');
    const closed = run(c, [[close('no_reply'), ctx(mediator, later(due, 1))]]);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'no_reply', closeReason: '多次联系被申请人，均未答复' });
    // Only while the respondent is being asked.
    expect(code(seedInMediation(), close('no_reply'), ctx(mediator, later(due, 1)))).toBe('NOT_AWAITING_REPLY');
    expect(code(c, close('no_reply'), ctx(actors.resident, later(due, 1)))).toBe('NOT_CASE_MEDIATOR');
  });

  it('Art. 17: before the respondent agrees no mediation takes place, so a case cannot be closed as a failed mediation', () => {
    const close = { type: 'close' as const, outcome: 'failed' as const, reason: '申请人要求起诉', guidance: '可向人民法院起诉' };
    expect(code(seedAccepted(), close, ctx(mediator))).toBe('CONSENT_REQUIRED');
    expect(code(seedInMediation(), close, ctx(mediator))).toBe('OK');
  });

  it('a joint application needs no invitation and can be scheduled straight away', () => {
    const joint = run(seedRegistered({ jointApplication: true }), [
      [{ type: 'accept' }, ctx(actors.staff('C1A'))],
      [{ type: 'assign_mediator', mediatorId: mediator.userId }, ctx(director)],
    ]);
    expect(code(joint, { type: 'invite_respondent' }, ctx(mediator))).toBe('CONSENT_ALREADY_GIVEN');
    expect(code(joint, { type: 'schedule_session', at: later(T0, 24), mode: 'on_site' }, ctx(mediator))).toBe('OK');
    expect(code(seedAccepted(), { type: 'schedule_session', at: later(T0, 24), mode: 'on_site' }, ctx(mediator))).toBe('CONSENT_REQUIRED');
  });
});

describe('sessions', () => {
  it('are booked in the future; rescheduling and cancelling keep a reason', () => {
    const c = seedScheduled();
    expect(c).toMatchObject({ status: 'scheduled', nextSession: { mode: 'on_site', roomId: 'room-1', nonPublic: false } });
    expect(code(seedInMediation(), { type: 'schedule_session', at: later(T0, -1), mode: 'online' }, ctx(mediator))).toBe('SESSION_IN_PAST');
    expect(code(c, { type: 'schedule_session', at: later(T0, 72), mode: 'online' }, ctx(mediator))).toBe('REASON_REQUIRED');
    expect(run(c, [[{ type: 'cancel_session', reason: '当事人生病' }, ctx(actors.respondent)]]).status).toBe('in_mediation');
    expect(code(c, { type: 'cancel_session', reason: '' }, ctx(mediator))).toBe('REASON_REQUIRED');
  });

  it('a non-public session is kept as asked', () => {
    const c = run(seedInMediation(), [[{ type: 'schedule_session', at: later(T0, 24), mode: 'back_to_back', nonPublic: true }, ctx(mediator)]]);
    expect(c.status === 'scheduled' && c.nextSession.nonPublic).toBe(true);
  });

  it('only the case mediator records what happened, and not in the future', () => {
    const record = { kind: 'session' as const, heldAt: T0, mode: 'on_site' as const, attendeePartyIds: ['p1', 'p2'], summary: '双方陈述', nonPublic: false };
    const c = run(seedScheduled(), [[{ type: 'record_session', record }, ctx(mediator, later(T0, 80))]]);
    expect(c.status).toBe('in_mediation');
    expect(c.sessions).toHaveLength(1);
    expect(code(seedScheduled(), { type: 'record_session', record }, ctx(actors.mediator('C1A', 2)))).toBe('NOT_CASE_MEDIATOR');
    expect(code(seedScheduled(), { type: 'record_session', record: { ...record, heldAt: later(T0, 5) } }, ctx(mediator))).toBe('SESSION_IN_FUTURE');
  });

  it('before consent only an investigation may be recorded', () => {
    const record = { kind: 'session' as const, heldAt: T0, mode: 'on_site' as const, attendeePartyIds: ['p1'], summary: '了解情况', nonPublic: false };
    expect(code(seedAwaitingConsent(), { type: 'record_session', record }, ctx(mediator))).toBe('CONSENT_REQUIRED');
    const c = run(seedAwaitingConsent(), [[{ type: 'record_session', record: { ...record, kind: 'investigation' } }, ctx(mediator)]]);
    expect(c.status).toBe('awaiting_consent');
  });

  it('while the respondent is being asked, a consent on file from before does not let a session be recorded (Art. 17)', () => {
    // Found by the first-inquiry property test: a case back in awaiting_consent with its respondent's earlier
    // consent still listed was let through, and the event could not be applied.
    const earlier = { ...seedAwaitingConsent(), consentedPartyIds: ['p2'] };
    const record = { kind: 'session' as const, heldAt: T0, mode: 'on_site' as const, attendeePartyIds: ['p1'], summary: '了解情况', nonPublic: false };
    expect(code(earlier, { type: 'record_session', record }, ctx(mediator))).toBe('CONSENT_REQUIRED');
  });
});

describe('the mediation deadline', () => {
  it('can be extended once, with every party agreeing', () => {
    const c = seedInMediation();
    expect(code(c, { type: 'extend_deadline', consentingPartyIds: ['p1'], reason: '需要鉴定' }, ctx(mediator))).toBe('EXTENSION_NEEDS_ALL_PARTIES');
    const ext = run(c, [[{ type: 'extend_deadline', consentingPartyIds: ['p1', 'p2'], reason: '需要鉴定' }, ctx(mediator)]]);
    expect(ext.mediationDueAt).toBe(new Date('2026-05-01T23:59:59.999+08:00').toISOString());
    expect(code(ext, { type: 'extend_deadline', consentingPartyIds: ['p1', 'p2'], reason: '再延' }, ctx(mediator))).toBe('EXTENSION_ALREADY_USED');
  });
});

describe('ending a case', () => {
  it('the applicant may withdraw, up to the agreement; the respondent may not withdraw for them', () => {
    expect(run(seedRegistered(), [[{ type: 'withdraw', partyId: 'p1' }, ctx(actors.resident)]])).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    expect(code(seedInMediation(), { type: 'withdraw', partyId: 'p2' }, ctx(actors.respondent))).toBe('NOT_AN_APPLICANT');
    expect(code(seedInMediation(), { type: 'withdraw', partyId: 'p1' }, ctx(actors.respondent))).toBe('NOT_THE_PARTY');
  });

  it('either party may end mediation (Art. 23) without giving a reason', () => {
    expect(run(seedInMediation(), [[{ type: 'terminate', partyId: 'p2' }, ctx(actors.respondent)]])).toMatchObject({ status: 'closed', outcome: 'terminated' });
    expect(code(seedRegistered(), { type: 'terminate', partyId: 'p1' }, ctx(actors.resident))).toBe('INVALID_TRANSITION');
  });

  it('failure is recorded with the other routes explained to the parties', () => {
    expect(code(seedInMediation(), { type: 'close', outcome: 'failed', reason: '分歧过大' }, ctx(mediator))).toBe('GUIDANCE_REQUIRED');
    const c = run(seedInMediation(), [[{ type: 'close', outcome: 'failed', reason: '分歧过大', guidance: '可向人民法院起诉' }, ctx(mediator)]]);
    expect(c).toMatchObject({ status: 'closed', outcome: 'failed', guidance: '可向人民法院起诉' });
  });

  it('cannot be closed as resolved before an agreement is performed', () => {
    expect(code(seedInMediation(), { type: 'close', outcome: 'resolved', reason: '好了' }, ctx(mediator))).toBe('NOT_READY_TO_RESOLVE');
  });

  it('closed is final: every command is refused but the return visit owed after closing', () => {
    const c = run(seedRegistered(), [[{ type: 'withdraw', partyId: 'p1' }, ctx(actors.resident)]]);
    expect(code(c, { type: 'accept' }, ctx(actors.staff('C1A')))).toBe('CASE_CLOSED');
    expect(code(c, { type: 'withdraw', partyId: 'p1' }, ctx(actors.resident))).toBe('CASE_CLOSED');
    expect(nextDeadline(c)?.kind).toBe('return_visit');
    const visited = run(c, [[{ type: 'record_return_visit', visit: { result: 'settled', notes: '双方已自行和解' } }, ctx(actors.staff('C1A'))]]);
    expect(visited).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    expect(nextDeadline(visited)).toBeUndefined();
  });

  it('a command the status does not allow is refused with the status named in Chinese', () => {
    const r = decide(seedRegistered(), { type: 'invite_respondent' }, ctx(mediator));
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_TRANSITION', message: '案件当前状态为“已登记”，不能征询被申请人意见' } });
  });
});

describe('the other routes when no mediation takes place', () => {
  it("People's Mediation Law Art. 26 (告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利): a refusal closes the case with the routes explained to the applicant", () => {
    const c = run(seedAwaitingConsent(), [[{ type: 'respondent_reply', partyId: 'p2', reply: 'refuse', reason: '不愿意' }, ctx(actors.respondent)]]);
    if (c.status !== 'closed') throw new Error(c.status);
    expect(c.outcome).toBe('respondent_refused');
    expect(c.guidance).toContain('对方不同意调解');
    expect(c.guidance).toContain('人民法院提起民事诉讼');
  });
});
