// Expiry: what is kept only for a while.
// - Respondent invitation codes (`invites`, and their short numeric codes in `invite_short_codes`) stop working at `expiresAt` (checked on every use, so an expired
//   code is refused at once with INVITE_EXPIRED); 30 days later the record itself is removed, so the
//   respondent sees "expired" rather than "invalid" while it still matters.
// - Unused staff invitation codes (`staff_invites`) likewise; used ones (those with a grant entry in the staff
//   chain under their id) are kept as the record of who granted a role.
// - A step's notices once every notice in it is finished (sent, refused, failed, …) and they are 90 days old: the
//   inbox keeps the user's copy. A case step's are stripped from its audit document (its entries stay: the audit
//   trail is kept with the case), the deadline sweep's `outbox` documents removed.
// - Generated registers and documents, an hour after they were made (src/server/report/files.ts): each was
//   made for one viewer to open at once; their row in report_files stays as the record of the read.
// - Never: a closed case's electronic file (`case_archives`, src/server/cases/archive.ts), kept until its
//   `keepUntil`; it refers to the uploaded evidence and signed papers, which no sweep deletes, and its documents are
//   made again when opened (the generated copies expire as above; the record they are made from does not).
// - Request ids need no sweep: each case remembers only its last 30 (src/server/cases/store.ts).
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { AUDIT, OUTBOX } from '../cases/store';
import { FINAL_OUTBOX_STATUSES } from '../notify/index';
import { INVITES } from '../case/index';
import { INVITE_SHORT_CODES } from '../case/index';
import { removeExpiredStaffInvites } from '../org/index';
import { expireGeneratedFiles } from '../report/index';
import { RATE_LIMITS } from '../kernel/rate-limit';

type Ctx = RequestContext<ServerDeps>;

const DAY = 86_400_000;
export const EXPIRY = { inviteGraceDays: 30, outboxKeepDays: 90 };

export interface ExpiryReport {
  invites: number;
  /** Short numeric codes of invitations (`invite_short_codes`). */
  shortCodes: number;
  staffInvites: number;
  /** Finished notices removed: `outbox` documents removed, audit documents stripped of their notices. */
  outbox: number;
  /** Generated files deleted from storage. */
  files: number;
  /** Rate-limit counters of past windows. */
  rateLimits: number;
}

function updated(res: unknown): number {
  return (res as { stats?: { updated?: number } })?.stats?.updated ?? 0;
}

function removed(res: unknown): number {
  return (res as { stats?: { removed?: number } })?.stats?.removed ?? 0;
}

export async function expireOld(ctx: Ctx): Promise<ExpiryReport> {
  const { db } = ctx.deps;
  const _ = db.command;
  const inviteCutoff = new Date(ctx.now.getTime() - EXPIRY.inviteGraceDays * DAY).toISOString();
  const outboxCutoff = new Date(ctx.now.getTime() - EXPIRY.outboxKeepDays * DAY).toISOString();
  const finished = { status: _.in(FINAL_OUTBOX_STATUSES), createdAt: _.lt(outboxCutoff) };
  const [invites, shortCodes, staffInvites, outbox, stripped, files, rateLimits] = await Promise.all([
    db.collection(INVITES).where({ expiresAt: _.lt(inviteCutoff) }).remove(),
    // Likewise 30 days on, so an old short code still reads "expired" rather than "wrong" while it matters.
    db.collection(INVITE_SHORT_CODES).where({ expiresAt: _.lt(inviteCutoff) }).remove(),
    // A spent staff code is known by its grant's entry in the staff chain (org/staff.ts): those stay.
    removeExpiredStaffInvites(db, inviteCutoff),
    db.collection(OUTBOX).where(finished).remove(),
    db
      .collection(AUDIT)
      .where(finished)
      .update({ data: Object.fromEntries(['notices', 'status', 'attempts', 'nextAttemptAt', 'createdAt', 'claimId', 'leaseUntil'].map((k) => [k, _.remove()])) }),
    expireGeneratedFiles(ctx),
    db.collection(RATE_LIMITS).where({ expiresAt: _.lt(ctx.now.toISOString()) }).remove(),
  ]);
  return { invites: removed(invites), shortCodes: removed(shortCodes), staffInvites, outbox: removed(outbox) + updated(stripped), files, rateLimits: removed(rateLimits) };
}
