// Issue #19: every free text one person writes and another reads goes through the content check when it is
// written, not only the dispute's summary. A `risky` verdict refuses the step (CONTENT_REFUSED, in Chinese, the
// field named) with nothing written; a `review` verdict holds the text: its writer and the staff see it, the other
// party does not — on the case screen, in the bookings, on a printed record — until a director clears or redacts
// it from the review queue, which lists every held text of a case.
import JSZip from 'jszip';
import type { LocalRuntime } from '../../src/local/runtime';
import { LocalStorage } from '../../src/local/storage';
import { DIRECTOR, MEDIATOR, caseInForce, caseInMediation } from '../helpers/case-at';
import { call, demoRuntime, ok, rid } from '../helpers/runtime';
import { auditEntries } from '../helpers/stored';

let rt: LocalRuntime;
/** Transactions open whenever the content check was asked (none: WeChat is never waited for inside one). */
const openAtCheck: number[] = [];
beforeAll(async () => {
  rt = await demoRuntime();
  rt.openapi.onSecCheck = () => openAtCheck.push(rt.db.openTransactions);
  // The mediator and the room are open every day, so each booking below finds a slot of its own.
  const wide = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
  await ok(call(rt, 'booking', DIRECTOR, 'setAvailability', { mediatorId: MEDIATOR, weekly: wide }, rid()));
}, 60_000);
afterAll(() => rt.close());

const caseDoc = (caseId: string) => rt.db.dump('cases').find((d: any) => d._id === caseId) as any;
const auditCount = (caseId: string) => auditEntries(rt).filter((e: any) => e.caseId === caseId).length;
const get = (who: string, caseId: string) => ok(call(rt, 'case', who, 'get', { caseId }));
const seen = async (who: string, caseId: string) => JSON.stringify(await get(who, caseId));
const bookingsSeen = async (who: string, caseId: string) => JSON.stringify(await ok(call(rt, 'booking', who, 'bookings', { caseId })));

/** The held texts of a case as the director's review queue lists them. */
async function queued(caseId: string): Promise<any[]> {
  const queue = await ok(call(rt, 'case', DIRECTOR, 'reviewQueue', { pageSize: 50 }));
  return queue.items.find((i: any) => i.caseId === caseId)?.texts ?? [];
}

/** A case filed and accepted, the mediator assigned and the respondent joined, not yet answered. */
async function invitedCase(applicant: string, respondent: string): Promise<string> {
  const filed = await ok(call(rt, 'case', applicant, 'file', {
    category: 'neighbourhood',
    summary: '楼上邻居的空调外机滴水到我家窗台。',
    communityId: 'liuan',
    applicant: { name: '周女士', mobile: '13811112222' },
    respondents: [{ name: '吴先生' }],
    consent: { privacy: true, shareWithOtherOrgs: false },
  }, rid()));
  const caseId = filed.caseId as string;
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
  const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
  await ok(call(rt, 'case', respondent, 'join', { code: inv.invite.code }, rid()));
  return caseId;
}

async function documentText(fileID: string): Promise<string> {
  const zip = await JSZip.loadAsync(rt.storage.read(LocalStorage.cloudPathOf(fileID))!);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('the content check on every text another person reads', () => {
  it("a respondent's reply held for review is not shown to the applicant (timeline, closing reason) until a director clears it; its writer and the staff see it", async () => {
    const caseId = await invitedCase('cc-reply-applicant', 'cc-reply-respondent');
    const reason = '申请人家里天天吵闹，我不想和这种人调解。';
    rt.openapi.secQueue.push('review');
    const replied = await ok(call(rt, 'case', 'cc-reply-respondent', 'reply', { caseId, reply: 'refuse', reason }, rid()));
    expect(replied).toMatchObject({ status: 'closed', underReview: true });

    const applicantView = await get('cc-reply-applicant', caseId);
    expect(applicantView.closing).toMatchObject({ outcomeLabel: expect.any(String) });
    expect(applicantView.closing.reason).toBeUndefined();
    expect(JSON.stringify(applicantView)).not.toContain(reason);
    // The one who wrote it sees it, marked as waiting; so does the staff.
    const own = await get('cc-reply-respondent', caseId);
    expect(own.closing.reason).toBe(reason);
    expect(own.timeline).toContainEqual(expect.objectContaining({ label: '对方当事人已答复', reason, underReview: true }));
    expect(await seen(MEDIATOR, caseId)).toContain(reason);

    const texts = await queued(caseId);
    expect(texts).toEqual([expect.objectContaining({ kind: 'reply_reason', kindLabel: '对调解邀请的答复理由', text: reason, why: 'review' })]);
    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear', textId: texts[0].textId }, rid()));
    expect((await get('cc-reply-applicant', caseId)).closing.reason).toBe(reason);
    expect(await queued(caseId)).toEqual([]);
  });

  it('a risky reply is refused in Chinese, naming the field, and nothing of the step is written', async () => {
    const caseId = await invitedCase('cc-risky-applicant', 'cc-risky-respondent');
    const before = caseDoc(caseId);
    const audits = auditCount(caseId);
    rt.openapi.secQueue.push('risky');
    const refused = await call(rt, 'case', 'cc-risky-respondent', 'reply', { caseId, reply: 'refuse', reason: '再来找我就对你不客气。' }, rid());
    expect(refused).toMatchObject({ ok: false, code: 'CONTENT_REFUSED', message: expect.stringContaining('答复理由'), fields: { reason: expect.stringContaining('请修改后再提交') } });
    const after = caseDoc(caseId);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('awaiting_consent');
    expect(auditCount(caseId)).toBe(audits);
    expect(JSON.stringify(after)).not.toContain('不客气');
    // Said another way, it goes through.
    expect(await ok(call(rt, 'case', 'cc-risky-respondent', 'reply', { caseId, reply: 'refuse', reason: '我不同意调解。' }, rid()))).toMatchObject({ status: 'closed' });
  });

  it('a recusal reason held for review is withheld from the other party; a redaction replaces it everywhere the case keeps it', async () => {
    const { caseId, applicant, respondent } = await caseInMediation(rt, 'cc-recuse-respondent', { applicant: 'cc-recuse-applicant' });
    const reason = '调解员和申请人是亲戚，还骂过我是无赖。';
    rt.openapi.secQueue.push('review');
    expect(await ok(call(rt, 'case', respondent, 'recuse', { caseId, reason }, rid()))).toMatchObject({ underReview: true });
    expect(await seen(applicant, caseId)).not.toContain(reason);
    expect(await seen(respondent, caseId)).toContain(reason);
    expect(await seen(DIRECTOR, caseId)).toContain(reason);

    const [held] = await queued(caseId);
    expect(held).toMatchObject({ kind: 'recusal_reason', text: reason });
    // A redaction needs the new text.
    expect(await call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'redact', textId: held.textId, reason: '删去侮辱性用语' }, rid())).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'redact', textId: held.textId, text: '调解员和申请人是亲戚。', reason: '删去侮辱性用语' }, rid()));
    const timeline = (await get(applicant, caseId)).timeline;
    expect(timeline).toContainEqual(expect.objectContaining({ label: '调解员回避', reason: '调解员和申请人是亲戚。' }));
    expect(JSON.stringify(caseDoc(caseId))).not.toContain('无赖');
    expect(await call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear', textId: held.textId }, rid())).toMatchObject({ ok: false, code: 'NOT_UNDER_REVIEW' });
    expect(await call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear', textId: 't999' }, rid())).toMatchObject({ ok: false, code: 'TEXT_NOT_FOUND' });
  });

  it('the reason for ending mediation (termination by a party, withdrawal by the applicant) is withheld from the other party while held', async () => {
    const ended = await caseInMediation(rt, 'cc-end-respondent', { applicant: 'cc-end-applicant' });
    const why = '对方就是个骗子，调解没有用。';
    rt.openapi.secQueue.push('review');
    await ok(call(rt, 'case', ended.respondent, 'terminate', { caseId: ended.caseId, reason: why }, rid()));
    const theirs = await get(ended.applicant, ended.caseId);
    expect(theirs.status).toBe('closed');
    expect(theirs.closing.reason).toBeUndefined();
    expect(JSON.stringify(theirs)).not.toContain(why);
    expect((await get(ended.respondent, ended.caseId)).closing.reason).toBe(why);

    const withdrawn = await caseInMediation(rt, 'cc-withdraw-respondent', { applicant: 'cc-withdraw-applicant' });
    const mine = '已经私下和解了，他也赔了钱。';
    rt.openapi.secQueue.push('review');
    await ok(call(rt, 'case', withdrawn.applicant, 'withdraw', { caseId: withdrawn.caseId, reason: mine }, rid()));
    expect(await seen(withdrawn.respondent, withdrawn.caseId)).not.toContain(mine);
    const [held] = await queued(withdrawn.caseId);
    expect(held).toMatchObject({ kind: 'withdrawal_reason', text: mine });
    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId: withdrawn.caseId, decision: 'clear', textId: held.textId }, rid()));
    expect((await get(withdrawn.respondent, withdrawn.caseId)).closing.reason).toBe(mine);
  });

  it("the mediator's reason for an extension, and a party's reason for refusing it, reach the other parties only once cleared", async () => {
    const { caseId, applicant, respondent } = await caseInMediation(rt, 'cc-ext-respondent', { applicant: 'cc-ext-applicant' });
    const asked = '双方分歧较大，申请人情绪失控需要冷静。';
    rt.openapi.secQueue.push('review');
    expect(await ok(call(rt, 'case', MEDIATOR, 'requestExtension', { caseId, reason: asked }, rid()))).toMatchObject({ underReview: true, extension: { status: 'waiting' } });
    for (const party of [applicant, respondent]) {
      const view = await get(party, caseId);
      expect(view.extensionRequest).toMatchObject({ reason: '（该内容正在审核，审核通过后显示）', myConsentNeeded: true });
      expect(JSON.stringify(view)).not.toContain(asked);
    }
    expect((await get(MEDIATOR, caseId)).extensionRequest.reason).toBe(asked);

    // The respondent refuses with a reason: the mediator learns why (shown with the step); the applicant only once cleared.
    const refusal = '调解员偏袒对方，我不同意再拖。';
    rt.openapi.secQueue.push('review');
    await ok(call(rt, 'case', respondent, 'consentExtension', { caseId, agree: false, reason: refusal }, rid()));
    expect((await get(MEDIATOR, caseId)).timeline).toContainEqual(expect.objectContaining({ label: '当事人不同意延期', reason: refusal, underReview: true }));
    expect(await seen(applicant, caseId)).not.toContain(refusal);
    const texts = await queued(caseId);
    expect(texts.map((t: any) => t.kind)).toEqual(['extension_reason', 'extension_refusal']);
    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear', textId: texts[1].textId }, rid()));
    expect((await get(applicant, caseId)).timeline).toContainEqual(expect.objectContaining({ label: '当事人不同意延期', reason: refusal }));
  });

  it('a rating comment the check calls risky is refused and no rating is kept; one held for review waits in the queue and only its writer sees it', async () => {
    const { caseId, applicant, respondent } = await caseInMediation(rt, 'cc-rate-respondent', { applicant: 'cc-rate-applicant' });
    await ok(call(rt, 'case', applicant, 'terminate', { caseId }, rid()));
    rt.openapi.secQueue.push('risky');
    expect(await call(rt, 'agreement', respondent, 'rate', { caseId, score: 1, comment: '调解员收了好处，等着瞧。' }, rid())).toMatchObject({
      ok: false,
      code: 'CONTENT_REFUSED',
      fields: { comment: expect.stringContaining('评价意见') },
    });
    expect(await get(respondent, caseId)).toMatchObject({ mayRate: true });
    expect((await get(respondent, caseId)).myRating).toBeUndefined();

    const comment = '调解员态度很差，根本不听我说话。';
    rt.openapi.secQueue.push('review');
    expect(await ok(call(rt, 'agreement', respondent, 'rate', { caseId, score: 2, comment }, rid()))).toMatchObject({ underReview: true });
    expect((await get(respondent, caseId)).myRating).toEqual({ score: 2, comment });
    expect(await seen(applicant, caseId)).not.toContain(comment);
    expect(await queued(caseId)).toEqual([expect.objectContaining({ kind: 'rating_comment', text: comment })]);
  });

  it('a booking note, a reschedule reason and a cancellation reason held for review are withheld from the other party in the bookings and on the case screen', async () => {
    const { caseId, applicant, respondent } = await caseInMediation(rt, 'cc-book-respondent', { applicant: 'cc-book-applicant' });
    const { slots } = await ok(call(rt, 'booking', applicant, 'slots', { caseId, mode: 'online' }));
    const note = '请对方别再带那几个社会上的朋友来。';
    rt.openapi.secQueue.push('review');
    const booked = await ok(call(rt, 'booking', applicant, 'book', { caseId, startAt: slots[0].startAt, mode: 'online', note }, rid()));
    expect(booked).toMatchObject({ underReview: true, booking: { note } });
    const bookingId = booked.booking.bookingId;
    expect(await bookingsSeen(respondent, caseId)).not.toContain(note);
    const ownList = await ok(call(rt, 'booking', applicant, 'bookings', { caseId }));
    expect(ownList.bookings[0]).toMatchObject({ note, underReview: true });
    expect(await bookingsSeen(MEDIATOR, caseId)).toContain(note);
    await ok(call(rt, 'booking', respondent, 'confirm', { caseId, bookingId }, rid()));

    // Rescheduled with a held reason: not on the other party's bookings, nor on their timeline (as 改期：…); the
    // held note carried to the new time stays withheld too.
    const reason = '那天对方肯定又要闹事，我换个时间。';
    rt.openapi.secQueue.push('review');
    const moved = await ok(call(rt, 'booking', applicant, 'reschedule', { caseId, bookingId, startAt: slots[1].startAt, reason }, rid()));
    expect(await bookingsSeen(respondent, caseId)).not.toContain(reason);
    expect(await bookingsSeen(respondent, caseId)).not.toContain(note);
    expect(await seen(respondent, caseId)).not.toContain(reason);
    expect((await get(applicant, caseId)).timeline).toContainEqual(expect.objectContaining({ label: '调解预约已取消', reason: `改期：${reason}` }));

    // A risky cancellation reason is refused: the booking stays.
    rt.openapi.secQueue.push('risky');
    const refused = await call(rt, 'booking', respondent, 'cancel', { caseId, bookingId: moved.booking.bookingId, reason: '你等着，我找人收拾你。' }, rid());
    expect(refused).toMatchObject({ ok: false, code: 'CONTENT_REFUSED', fields: { reason: expect.any(String) } });
    expect((await ok(call(rt, 'booking', respondent, 'bookings', { caseId }))).bookings[0]).toMatchObject({ bookingId: moved.booking.bookingId, status: 'proposed' });
    const cancel = '对方不讲理，这个时间我不去。';
    rt.openapi.secQueue.push('review');
    await ok(call(rt, 'booking', respondent, 'cancel', { caseId, bookingId: moved.booking.bookingId, reason: cancel }, rid()));
    expect(await bookingsSeen(applicant, caseId)).not.toContain(cancel);
    expect(await bookingsSeen(respondent, caseId)).toContain(cancel);

    // Cleared, the note reaches the other party on both bookings.
    const texts = await queued(caseId);
    expect(texts.map((t: any) => t.kind)).toEqual(['booking_note', 'reschedule_reason', 'cancel_reason']);
    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear', textId: texts[0].textId }, rid()));
    const notes = (await ok(call(rt, 'booking', respondent, 'bookings', { caseId }))).bookings.map((b: any) => b.note);
    expect(notes).toEqual([note, note]);
  });

  it('return-visit notes held for review are neither on the parties\' case screen nor on the printed return-visit record until cleared', async () => {
    const { caseId, applicant, respondent } = await caseInForce(rt, 'cc-visit-respondent');
    const notes = '被申请人说申请人是神经病，钱不会再给了。';
    rt.openapi.secQueue.push('review');
    await ok(call(rt, 'agreement', MEDIATOR, 'returnVisit', { caseId, result: 'partially_performed', satisfaction: 3, notes }, rid()));
    for (const party of [applicant, respondent]) {
      const view = await get(party, caseId);
      expect(view.returnVisits).toEqual([expect.objectContaining({ notes: '（该内容正在审核，审核通过后显示）' })]);
    }
    expect((await get(MEDIATOR, caseId)).returnVisits[0].notes).toBe(notes);
    const printed = async () => documentText((await ok(call(rt, 'report', DIRECTOR, 'document', { caseId, kind: 'return_visit' }))).fileID);
    const whileHeld = await printed();
    expect(whileHeld).not.toContain(notes);
    expect(whileHeld).toContain('回访情况（该内容正在审核，审核后再生成即可打印）');

    const [held] = await queued(caseId);
    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear', textId: held.textId }, rid()));
    expect((await get(applicant, caseId)).returnVisits[0].notes).toBe(notes);
    expect(await printed()).toContain(`回访情况${notes}`);
  });

  it('the review queue lists every held text of a case, the dispute text first; the existing inputs still review the dispute text alone', async () => {
    rt.openapi.secQueue.push('review');
    const applicant = 'cc-queue-applicant';
    const respondent = 'cc-queue-respondent';
    const caseId = await invitedCase(applicant, respondent);
    const reason = '她先动手打人的。';
    rt.openapi.secQueue.push({ errCode: -1 } as any);
    await ok(call(rt, 'case', respondent, 'reply', { caseId, reply: 'ask_for_time', reason }, rid()));

    const queue = await ok(call(rt, 'case', DIRECTOR, 'reviewQueue', { pageSize: 50 }));
    const item = queue.items.find((i: any) => i.caseId === caseId);
    expect(item).toMatchObject({ summary: '楼上邻居的空调外机滴水到我家窗台。', why: 'review' });
    expect(item.texts).toEqual([
      expect.objectContaining({ textId: 'summary', kind: 'summary', kindLabel: '纠纷情况', why: 'review' }),
      expect.objectContaining({ kind: 'reply_reason', text: reason, why: 'api_error' }),
    ]);
    expect(item.heldAt).toBe(item.texts[0].heldAt);

    // { caseId, decision } with no text id reviews the dispute text, as before; the reply waits on.
    await ok(call(rt, 'case', DIRECTOR, 'review', { caseId, decision: 'clear' }, rid()));
    expect((await get(respondent, caseId)).summary).toBe('楼上邻居的空调外机滴水到我家窗台。');
    expect(await seen(applicant, caseId)).not.toContain(reason);
    expect((await queued(caseId)).map((t: any) => t.kind)).toEqual(['reply_reason']);
    // Only a director reviews.
    expect(await call(rt, 'case', MEDIATOR, 'review', { caseId, decision: 'clear', textId: item.texts[1].textId }, rid())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('is asked before the step opens its transaction, never with one open (every step above, each kind of text)', () => {
    expect(openAtCheck.length).toBeGreaterThan(20);
    expect(openAtCheck.filter((n) => n > 0)).toEqual([]);
  });
});
