// The short numeric invitation code (8 digits): read out over the phone or typed by someone who cannot scan, next
// to the long code of the same invitation. 10^8 codes are few enough to guess, so it is kept safe by four things:
// - only a keyed hash is stored (HMAC under the deployment's key, kernel/pii.ts): a plain hash of 8 digits is
//   reversed offline in seconds;
// - it lives 72 hours at most (or until the invitation expires, whichever is first);
// - wrong tries are counted in the database, per account and for everyone (kernel/rate-limit.ts), and recorded
//   even though the step fails; past a limit even the right code is refused until the window passes;
// - a live code's hash is unique (its document id), so one code never opens two invitations.
import { randomInt } from 'node:crypto';
import { getDoc, queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import { commit, CONFLICT, type Insert } from '../kernel/unit-of-work';
import { RATE_LIMITS, readCounters, type Limit } from '../kernel/rate-limit';
import type { RequestContext } from '../kernel/route';

type Ctx = RequestContext<ServerDeps>;

export const INVITE_SHORT_CODES = 'invite_short_codes';
export const SHORT_CODE_PATTERN = /^\d{8}$/;
export const SHORT_CODE_HOURS = 72;
const HOUR = 3_600_000;

export interface ShortCodeDoc {
  _id: string;
  inviteId: string;
  caseId: string;
  expiresAt: string;
  /** The `case.invite` request that issued it: a replay withdraws it with the long code. */
  requestKey: string;
}

/** Wrong tries allowed: per account per hour, per account per day, and for all accounts together per hour. */
export const SHORT_CODE_LIMITS = { perHour: 5, perDay: 10, allPerHour: 500 };

export function shortCodeLimits(openid: string): Limit[] {
  const tooMany = `输错次数过多，数字邀请码暂时不能使用。请稍后再试，或联系调解组织`;
  return [
    { name: 'invite-short:account', key: openid, max: SHORT_CODE_LIMITS.perHour, windowMs: HOUR, message: tooMany },
    { name: 'invite-short:account-day', key: openid, max: SHORT_CODE_LIMITS.perDay, windowMs: 24 * HOUR, message: tooMany },
    { name: 'invite-short:all', key: 'all', max: SHORT_CODE_LIMITS.allPerHour, windowMs: HOUR, message: '数字邀请码暂时不能使用，请扫描二维码或联系调解组织' },
  ];
}

const shortId = (ctx: Ctx, digits: string) => ctx.deps.pii.lookupHash(`invite-short:${digits}`).slice(0, 40);

/**
 * A fresh short code for an invitation: a random 8-digit number, and the document that keeps only its hash, as
 * its id. Nothing is read first: the insert itself is the guard. A number whose hash another document holds (live
 * or expired, so an old one is never confused with it) fails the insert as a duplicate, which rolls the whole step
 * back as a lost race (unit-of-work DuplicateWrite): the step runs again and draws another number.
 */
export function freshShortCode(
  ctx: Ctx,
  invite: { id: string; caseId: string; expiresAt: string },
  key: string,
): { insert: Insert; shortCode: string; shortExpiresAt: string } {
  const shortCode = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const id = shortId(ctx, shortCode);
  const shortExpiresAt = new Date(Math.min(ctx.now.getTime() + SHORT_CODE_HOURS * HOUR, Date.parse(invite.expiresAt))).toISOString();
  return { insert: { collection: INVITE_SHORT_CODES, id, data: { inviteId: invite.id, caseId: invite.caseId, expiresAt: shortExpiresAt, requestKey: key } }, shortCode, shortExpiresAt };
}

/** The short codes a `case.invite` request issued, to withdraw with its long code on a replay. */
export const shortCodesOf = (ctx: Ctx, key: string) => queryDocs<ShortCodeDoc>(ctx.deps.db.collection(INVITE_SHORT_CODES).where({ requestKey: key }).limit(20));

/** Counts one wrong try in the current windows; a lost race is counted again on the new count. */
async function countWrongTry(ctx: Ctx, limits: Limit[]): Promise<void> {
  for (let tries = 0; tries < 5; tries += 1) {
    const counters = await readCounters(ctx.deps.db, limits, ctx.now);
    const writes = counters.map((c) => ({ collection: RATE_LIMITS, id: c.id, expectVersion: c.version, data: { count: c.count + 1, expiresAt: c.expiresAt } }));
    try {
      await commit(ctx.deps.db, { writes, inserts: [] });
      return;
    } catch (e) {
      if (!(e instanceof AppError && e.code === CONFLICT().code)) throw e;
    }
  }
}

/**
 * The invitation a short code opens. Refused before looking when the caller (or everyone) has used up the wrong
 * tries; a wrong code is counted, durably, before it is refused.
 */
export async function inviteIdByShortCode(ctx: Ctx, digits: string): Promise<string> {
  const limits = shortCodeLimits(ctx.openid);
  const full = (await readCounters(ctx.deps.db, limits, ctx.now)).find((c) => c.count >= c.limit.max);
  if (full) throw new AppError('INVITE_SHORT_LOCKED', full.limit.message);
  const doc = await getDoc<ShortCodeDoc>(ctx.deps.db, INVITE_SHORT_CODES, shortId(ctx, digits));
  if (!doc) {
    await countWrongTry(ctx, limits);
    throw new AppError('INVITE_SHORT_WRONG');
  }
  if (Date.parse(doc.expiresAt) <= ctx.now.getTime()) throw new AppError('INVITE_SHORT_EXPIRED');
  return doc.inviteId;
}
