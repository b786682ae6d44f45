// The short numeric invitation code: 8 digits a respondent can be read over the phone and type in. It works like
// the long code but only for 72 hours; wrong tries are counted in the database per account (5 an hour, 10 a day)
// and past the limit even the right code is refused — also by a fresh function instance; only a keyed hash of it
// is stored, so the database alone cannot be searched for it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { LocalRuntime } from '../../src/local/runtime';
import { seedDemo } from '../../src/local/seed';
import { call, demoRuntime, ok, rid } from '../helpers/runtime';

const DIRECTOR = 'demo-director';
const HOUR = 3_600_000;

/** Moves only the clock (Date), leaving timers and I/O alone. */
function clockAt(ms: number) {
  jest.useFakeTimers({
    now: ms,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}
afterEach(() => jest.useRealTimers());

async function invitedCase(rt: LocalRuntime, applicant: string, respondent: Record<string, string> = { name: '李先生' }) {
  const filed = await ok(
    call(rt, 'case', applicant, 'file', {
      category: 'neighbourhood',
      summary: '楼上卫生间漏水，导致我家吊顶受损。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [respondent],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId: filed.caseId }, rid()));
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId: filed.caseId, mediatorId: 'demo-mediator' }, rid()));
  const answer = await ok(call(rt, 'case', DIRECTOR, 'invite', { caseId: filed.caseId }, rid()));
  return { caseId: filed.caseId as string, invite: answer.invite as { code: string; expiresAt: string; shortCode: string; shortExpiresAt: string } };
}

/** A wrong 8-digit code: any but the right one. */
const wrong = (right: string, n: number) => String((Number(right) + 1 + n) % 100_000_000).padStart(8, '0');

describe('short numeric invitation codes', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await demoRuntime();
  });
  afterAll(() => rt.close());

  it('a number another invitation already holds is never given twice: the step draws another', async () => {
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const real = crypto.randomInt;
    // The first invitation draws 24681357; the second draws it too, then 13572468.
    const draws = ['24681357', '24681357', '13572468'].map(Number);
    const spy = jest.spyOn(crypto, 'randomInt').mockImplementation(((...args: [number, number]) => (args[1] === 100_000_000 && draws.length ? draws.shift()! : real(...args))) as never);
    try {
      const first = await invitedCase(rt, 'short-applicant-dup-1');
      const second = await invitedCase(rt, 'short-applicant-dup-2');
      expect(first.invite.shortCode).toBe('24681357');
      expect(second.invite.shortCode).toBe('13572468');
      expect(draws).toHaveLength(0);
      // Each number opens its own case.
      expect(await ok(call(rt, 'case', 'short-respondent-dup', 'openInvite', { code: '24681357' }))).toMatchObject({ caseId: first.caseId });
      expect(await ok(call(rt, 'case', 'short-respondent-dup', 'openInvite', { code: '13572468' }))).toMatchObject({ caseId: second.caseId });
    } finally {
      spy.mockRestore();
    }
  });

  it('an invitation comes with 8 digits that open and join it; only a keyed hash of them is stored', async () => {
    const { caseId, invite } = await invitedCase(rt, 'short-applicant-1');
    expect(invite.shortCode).toMatch(/^\d{8}$/);
    // The status in the words a party reads (not the register's 待被申请人同意).
    expect(await ok(call(rt, 'case', 'short-respondent-1', 'openInvite', { code: invite.shortCode }))).toMatchObject({ caseId, joined: 'no', statusLabel: '等待答复是否同意调解' });
    // Neither the digits nor their plain sha256 (reversible by trying all 10^8) is anywhere in the database.
    const plainHash = createHash('sha256').update(invite.shortCode).digest('hex');
    const all = rt.db.collectionNames().map((c) => JSON.stringify(rt.db.dump(c))).join('\n');
    expect(all).not.toContain(invite.shortCode);
    expect(all).not.toContain(plainHash.slice(0, 20));
    expect(await ok(call(rt, 'case', 'short-respondent-1', 'join', { code: invite.shortCode }, rid()))).toEqual({ caseId });
  });

  it('it lasts 72 hours while the long code of the same invitation still works', async () => {
    const start = Date.now();
    const { invite } = await invitedCase(rt, 'short-applicant-2');
    expect(Date.parse(invite.shortExpiresAt) - start).toBeLessThanOrEqual(72 * HOUR + 60_000);
    expect(Date.parse(invite.shortExpiresAt)).toBeLessThan(Date.parse(invite.expiresAt));
    clockAt(start + 73 * HOUR);
    const late = await call(rt, 'case', 'short-respondent-2', 'openInvite', { code: invite.shortCode });
    expect(late).toMatchObject({ ok: false, code: 'INVITE_SHORT_EXPIRED' });
    expect((late as { message: string }).message).toContain('已过期');
    expect(await ok(call(rt, 'case', 'short-respondent-2', 'openInvite', { code: invite.code }))).toMatchObject({ joined: 'no' });
  });

  it("where the case records the respondent's phone, only an account whose WeChat-verified number is that one gets in by the short code", async () => {
    const { caseId, invite } = await invitedCase(rt, 'short-applicant-4', { name: '李先生', mobile: '13900001111' });
    // Without verifying: asked to.
    expect(await call(rt, 'case', 'short-stranger', 'openInvite', { code: invite.shortCode })).toMatchObject({ ok: false, code: 'INVITE_PHONE_REQUIRED' });
    // Another number: refused, told to contact the committee; nothing joined.
    rt.openapi.phoneCodes.set('pc-stranger', '13700002222');
    const other = await call(rt, 'case', 'short-stranger', 'join', { code: invite.shortCode, phoneCode: 'pc-stranger' }, rid());
    expect(other).toMatchObject({ ok: false, code: 'INVITE_PHONE_MISMATCH', message: expect.stringContaining('请联系调解组织') });
    // A code WeChat does not know: said so.
    expect(await call(rt, 'case', 'short-stranger', 'openInvite', { code: invite.shortCode, phoneCode: 'made-up' })).toMatchObject({ ok: false, code: 'PHONE_VERIFY_FAILED' });
    // The respondent's own number: opens, and joining afterwards needs no second check.
    rt.openapi.phoneCodes.set('pc-li', '13900001111');
    expect(await ok(call(rt, 'case', 'short-li', 'openInvite', { code: invite.shortCode, phoneCode: 'pc-li' }))).toMatchObject({ caseId, joined: 'no' });
    expect(await ok(call(rt, 'case', 'short-li', 'join', { code: invite.shortCode }, rid()))).toEqual({ caseId });
    // The long code, carried by a card sent to them, is not bound to a phone.
    const again = await invitedCase(rt, 'short-applicant-5', { name: '王女士', mobile: '13900003333' });
    expect(await ok(call(rt, 'case', 'short-stranger-2', 'openInvite', { code: again.invite.code }))).toMatchObject({ joined: 'no' });
  });

  it('the expiry timer removes short codes 30 days after they expire, as it does the invitations', async () => {
    await invitedCase(rt, 'short-applicant-6');
    const before = rt.db.dump('invite_short_codes').length;
    const fire = async (at: number) => ((await rt.fireTimer('timer', 'expiry', new Date(at))).result as any).data;
    expect(await fire(Date.now() + 8 * 24 * HOUR)).toMatchObject({ shortCodes: 0 });
    expect(await fire(Date.now() + 40 * 24 * HOUR)).toMatchObject({ shortCodes: before });
    expect(rt.db.dump('invite_short_codes')).toHaveLength(0);
  });

  it('anything but 8 digits or a long code is refused as invalid input', async () => {
    expect(await call(rt, 'case', 'short-respondent-3', 'openInvite', { code: '1234567' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});

describe('wrong tries of a short code', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'short-code-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('after 5 wrong tries in an hour even the right code is refused, by a new function instance too; another account is not affected', async () => {
    const rt = new LocalRuntime({ dataDir: dir });
    await seedDemo(rt, new Date('2026-11-20T01:00:00Z'));
    const { caseId, invite } = await invitedCase(rt, 'guess-applicant');
    const GUESSER = 'guesser';
    for (let i = 0; i < 5; i++) {
      const r = await call(rt, 'case', GUESSER, i % 2 ? 'join' : 'openInvite', { code: wrong(invite.shortCode, i) }, rid());
      expect(r).toMatchObject({ ok: false, code: 'INVITE_SHORT_WRONG', message: expect.stringContaining('数字邀请码不对') });
    }
    const locked = await call(rt, 'case', GUESSER, 'openInvite', { code: invite.shortCode });
    expect(locked).toMatchObject({ ok: false, code: 'INVITE_SHORT_LOCKED', message: expect.stringContaining('联系调解组织') });
    rt.close();

    // A cold start: fresh modules, the same database on disk.
    jest.resetModules();
    const { LocalRuntime: Fresh } = await import('../../src/local/runtime');
    const again = new Fresh({ dataDir: dir });
    try {
      const r = await again.invoke<any>('case', { action: 'openInvite', data: { code: invite.shortCode } }, { openid: GUESSER });
      expect(r.result).toMatchObject({ ok: false, code: 'INVITE_SHORT_LOCKED' });
      // The long code is not a guess: it still opens the invitation for the same account.
      const long = await again.invoke<any>('case', { action: 'openInvite', data: { code: invite.code } }, { openid: GUESSER });
      expect(long.result).toMatchObject({ ok: true, data: { caseId } });
      // Someone else typing the right digits gets in.
      const other = await again.invoke<any>('case', { action: 'openInvite', data: { code: invite.shortCode } }, { openid: 'the-real-respondent' });
      expect(other.result).toMatchObject({ ok: true, data: { caseId } });
      // An hour later the guesser may try again (the daily limit of 10 still stands).
      clockAt(Date.now() + HOUR);
      const later = await again.invoke<any>('case', { action: 'openInvite', data: { code: invite.shortCode } }, { openid: GUESSER });
      expect(later.result).toMatchObject({ ok: true, data: { caseId } });
    } finally {
      again.close();
    }
  });
});
