// The outbox relay: every case step writes its notices in the step's own transaction, on the step's audit
// document (`notices: [...]` and the relay's fields, store.ts `noticeFields`: one insert for the step's entries and
// notices); the deadline sweep's reminders, which belong to no audited step, are one document of `outbox` per
// case and pass. The timer sends them as WeChat subscribe messages and files each in the recipients' in-app inboxes.
//
// - Exactly once: a run CLAIMS a step's document with a conditional update (status + attempts, or the previous
//   claim id once a lease ran out) before touching it, so overlapping runs never both send any of its notices;
//   each recipient's result is written straight after their send, so a retry only sends to those still waiting.
// - Each notice of a document goes its own way: one that is sent (or refused) is done and never sent again while
//   another of the same step still waits for its retry. The document is due again when its earliest waiting
//   notice is (`nextAttemptAt`), and finished when every notice is.
// - Failures: 43101 (the user refused or has no subscription left) stops that recipient at once; other
//   permanent codes (invalid openid, invalid data) too; anything else is retried with exponential backoff,
//   capped, up to a maximum number of attempts, then marked failed.
// - The inbox holds every notice, one document per recipient and notice with a deterministic id, written
//   before the WeChat send is tried — so the inbox has it whether or not the send works.
// - Nothing personal: every value is checked (templates.ts) before it is sent or filed; a notice that fails
//   the check is held back ('blocked') and never sent.
// - Urgent alerts: an organisation's staff get at most `urgentPerOrgPerHour` (case/filing-limits.ts) urgent alerts an
//   hour as WeChat messages — many accounts raising alerts at once would otherwise spend every one-time grant the
//   staff gave. The rest are filed in the staff's inbox like any notice and not sent ('capped'); the filings
//   themselves are never refused for it (nobody is turned away). A place is taken when a notice's recipients are
//   first worked out; a run that dies before recording them may take a second place for it.
// - Documents written before notices were grouped by step hold one notice in their own fields (no `notices`):
//   they are read as a step of one notice, with the same inbox ids as before.
import { createHash, randomUUID } from 'node:crypto';
import { forEachLimited } from '../kernel/concurrency';
import { getDoc, queryDocs, readAllPages } from '../kernel/db';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { RATE_LIMITS } from '../kernel/rate-limit';
import { isDuplicateWrite } from '../kernel/unit-of-work';
import { limitsInForce } from '../case/index';
import { AUDIT, CASES, OUTBOX, type CaseDoc, type Outgoing } from '../cases/store';
import { checkNotice, subscribeData, templateId, templateSpec } from './templates';

type Ctx = RequestContext<ServerDeps>;

export const INBOX = 'inbox';

export const RELAY = {
  /** Notices taken per run (a run must finish well inside the function's timeout). */
  batch: 50,
  /** Batches per run at most, when a backlog built up. */
  rounds: 5,
  /** Notices being sent at once (each still records every recipient's result as it comes). */
  concurrency: 10,
  baseDelayMs: 60_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 10,
  /** A claim older than this belongs to a run that died (the function timeout is far shorter). */
  leaseMs: 10 * 60_000,
};

/** WeChat errcodes after which sending the same message again cannot succeed. */
const REFUSED = 43101;
const PERMANENT = new Set([40003, 40037, 47003, 43101]);

/** `capped`: filed in the inbox, not sent — the organisation had its hour's share of urgent alerts as messages. */
export type RecipientStatus = 'pending' | 'sent' | 'refused' | 'failed' | 'blocked' | 'capped';

export interface Recipient {
  openid: string;
  status: RecipientStatus;
  attempts: number;
  inboxId: string;
  lastError?: number;
  sentAt?: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'refused' | 'failed' | 'blocked' | 'capped' | 'done' | 'no_recipient';

/** Every status a notice (and a document) ends in: the expiry timer removes documents in these after a while. */
export const FINAL_OUTBOX_STATUSES: OutboxStatus[] = ['sent', 'refused', 'failed', 'blocked', 'capped', 'done', 'no_recipient'];

/** A notice's own progress; every status but `pending` is final. */
export type NoticeStatus = Exclude<OutboxStatus, 'sending'>;

/** One notice of a step's outbox document. */
export interface Notice extends Outgoing {
  /** `<document id>:<i>`: what its inbox entries' ids are made from. */
  id: string;
  status: NoticeStatus;
  /** Relay runs that worked on this notice. */
  attempts: number;
  /** When a notice still waiting is tried again. */
  nextAttemptAt: string;
  recipients?: Recipient[];
}

/** The collections notices are kept in: case steps' on their audit documents, the deadline sweep's in `outbox`. */
export const NOTICE_COLLECTIONS = [AUDIT, OUTBOX] as const;

/** A step's notices, as written in the step's transaction (store.ts `noticeFields`), on a document of `collection`. */
export interface OutboxDoc {
  _id: string;
  /** Which of NOTICE_COLLECTIONS holds the document (known from the query, not stored). */
  collection?: (typeof NOTICE_COLLECTIONS)[number];
  caseId: string;
  status: OutboxStatus;
  /** Relay runs that worked on this document (the claim's compare-and-set witness). */
  attempts: number;
  /** When the earliest notice still waiting is due. */
  nextAttemptAt: string;
  createdAt: string;
  claimId?: string | null;
  leaseUntil?: string | null;
  notices: Notice[];
}

/** A document of the layout before steps were grouped: one notice in the document's own fields. */
type LegacyOutboxDoc = Omit<OutboxDoc, 'notices'> & Outgoing & { recipients?: Recipient[]; notices?: undefined };

/** The notices of an outbox document as stored (either layout). */
export function noticesOf(doc: OutboxDoc | LegacyOutboxDoc): Notice[] {
  if (Array.isArray(doc.notices)) return doc.notices;
  const d = doc as LegacyOutboxDoc;
  const status: NoticeStatus = d.status === 'sending' ? 'pending' : d.status;
  return [
    {
      id: d._id,
      touser: d.touser,
      template: d.template,
      caseId: d.caseId,
      phrase: d.phrase,
      ...(d.message !== undefined ? { message: d.message } : {}),
      status,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      ...(d.recipients ? { recipients: d.recipients } : {}),
    },
  ];
}

export interface InboxDoc {
  _id: string;
  openid: string;
  caseId: string;
  caseNo: string;
  template: string;
  title: string;
  phrase: string;
  message: string;
  at: string;
  readAt: string | null;
}

export interface RelayReport {
  claimed: number;
  sent: number;
  retrying: number;
  refused: number;
  failed: number;
  blocked: number;
  capped: number;
}

/** Delay before the next attempt after `attempts` failed ones: 1, 2, 4, … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(RELAY.baseDelayMs * 2 ** Math.max(0, attempts - 1), RELAY.maxDelayMs);
}

/** The inbox entry of one notice (its `id`) for one recipient. */
export function inboxIdOf(noticeId: string, openid: string): string {
  return createHash('sha256').update(`${noticeId}\u0000${openid}`).digest('hex').slice(0, 32);
}

/** `org:<id>` means the people who act for that organisation: its directors and intake staff. */
export async function resolveRecipients(db: Database, touser: string): Promise<string[]> {
  if (!touser.startsWith('org:')) return [touser];
  const orgId = touser.slice(4);
  const users = await readAllPages<{ _id: string; roles?: Array<{ role: string; orgId: string }> }>((skip, limit) =>
    db.collection('users').where({ 'roles.orgId': orgId }).orderBy('_id', 'asc').skip(skip).limit(limit),
  );
  return users.filter((u) => (u.roles ?? []).some((g) => g.orgId === orgId && (g.role === 'director' || g.role === 'intake'))).map((u) => u._id).sort();
}

function overall(recipients: Recipient[]): NoticeStatus {
  if (!recipients.length) return 'no_recipient';
  if (recipients.some((r) => r.status === 'pending')) return 'pending';
  const kinds = new Set(recipients.map((r) => r.status));
  return kinds.size === 1 ? (recipients[0].status as NoticeStatus) : 'done';
}

/** A document's status from its notices': waiting while any waits, else theirs when they agree, else done. */
function overallOf(notices: Notice[]): NoticeStatus {
  if (!notices.length) return 'no_recipient';
  if (notices.some((n) => n.status === 'pending')) return 'pending';
  const kinds = new Set(notices.map((n) => n.status));
  return kinds.size === 1 ? notices[0].status : 'done';
}

function errCodeOf(e: unknown): number | undefined {
  const c = (e as { errCode?: unknown })?.errCode;
  return typeof c === 'number' ? c : undefined;
}

export async function relayOutbox(ctx: Ctx): Promise<RelayReport> {
  const { db } = ctx.deps;
  const _ = db.command;
  const now = ctx.now.toISOString();
  const report: RelayReport = { claimed: 0, sent: 0, retrying: 0, refused: 0, failed: 0, blocked: 0, capped: 0 };
  const cases = new Map<string, Promise<CaseDoc | undefined>>();
  const caseOf = (id: string) => {
    if (!cases.has(id)) cases.set(id, getDoc<CaseDoc>(db, CASES, id));
    return cases.get(id)!;
  };
  // Batch after batch while a full one came back (a backlog), within a bounded number of rounds.
  for (let round = 0; round < RELAY.rounds; round++) {
    const found = await Promise.all(
      NOTICE_COLLECTIONS.map(async (collection) => {
        const [stale, due] = await Promise.all([
          queryDocs<OutboxDoc>(db.collection(collection).where({ status: 'sending', leaseUntil: _.lt(now) }).orderBy('leaseUntil', 'asc').limit(RELAY.batch)),
          queryDocs<OutboxDoc>(db.collection(collection).where({ status: 'pending', nextAttemptAt: _.lte(now) }).orderBy('nextAttemptAt', 'asc').limit(RELAY.batch)),
        ]);
        return { stale: stale.map((d) => ({ ...d, collection })), due: due.map((d) => ({ ...d, collection })) };
      }),
    );
    const stale = found.flatMap((f) => f.stale);
    const due = found.flatMap((f) => f.due);
    const full = found.some((f) => f.stale.length >= RELAY.batch || f.due.length >= RELAY.batch);
    let claimed = 0;
    // Up to 250 notices a run: sent RELAY.concurrency at a time rather than one after another.
    await forEachLimited([...stale, ...due], RELAY.concurrency, async (doc) => {
      const claimId = await claim(db, doc, now);
      if (!claimId) return;
      const { worked, done } = await deliverStep(ctx, { ...doc, claimId }, await caseOf(doc.caseId));
      claimed += worked;
      for (const r of done) {
        if (r.status === 'pending') report.retrying += 1;
        else report[r.status] += 1;
      }
    });
    report.claimed += claimed;
    if (!claimed || !full) break;
  }
  return report;
}

/** Takes the step's notices for this run, or answers undefined when another run has them (or finished them). */
async function claim(db: Database, doc: OutboxDoc, now: string): Promise<string | undefined> {
  const claimId = randomUUID();
  const match =
    doc.status === 'sending' ? { _id: doc._id, status: 'sending', claimId: doc.claimId } : { _id: doc._id, status: 'pending', attempts: doc.attempts };
  const res = (await db
    .collection(doc.collection ?? OUTBOX)
    .where(match)
    .update({ data: { status: 'sending', claimId, leaseUntil: new Date(Date.parse(now) + RELAY.leaseMs).toISOString() } })) as { stats?: { updated?: number } };
  return res.stats?.updated === 1 ? claimId : undefined;
}

/** Writes the claimed document's progress; only the run holding the claim can. */
async function save(db: Database, doc: OutboxDoc, data: Record<string, unknown>): Promise<boolean> {
  const _ = db.command;
  const res = (await db
    .collection(doc.collection ?? OUTBOX)
    .where({ _id: doc._id, claimId: doc.claimId })
    .update({ data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.isArray(v) || (v && typeof v === 'object') ? _.set(v) : v])) })) as {
    stats?: { updated?: number };
  };
  return (res.stats?.updated ?? 0) > 0;
}

/**
 * Sends every notice of a claimed document that is due, each once, and writes the document back: finished when
 * every notice is, else due again when its earliest waiting notice is. Answers how many notices it worked on and
 * their recipients (none when the claim was lost mid-way: the run holding it now carries on).
 */
async function deliverStep(ctx: Ctx, doc: OutboxDoc, caseDoc: CaseDoc | undefined): Promise<{ worked: number; done: Recipient[] }> {
  const { db } = ctx.deps;
  const now = ctx.now.toISOString();
  const notices = noticesOf(doc).map((n) => ({ ...n, recipients: n.recipients?.map((r) => ({ ...r })) }));
  const persist = () => save(db, doc, { notices });
  const done: Recipient[] = [];
  let worked = 0;
  for (const notice of notices) {
    if (notice.status !== 'pending' || notice.nextAttemptAt > now) continue;
    worked += 1;
    if (!(await deliver(ctx, doc, notice, caseDoc, persist))) return { worked, done: [] };
    done.push(...(notice.recipients ?? []));
  }
  const waiting = notices.filter((n) => n.status === 'pending');
  const next = waiting.length ? waiting.map((n) => n.nextAttemptAt).sort()[0] : doc.nextAttemptAt;
  await save(db, doc, { status: overallOf(notices), attempts: doc.attempts + 1, nextAttemptAt: next, claimId: null, leaseUntil: null, notices });
  return { worked, done };
}

/** One notice of the claimed document, to each recipient still waiting; false when the claim was lost. */
async function deliver(ctx: Ctx, doc: OutboxDoc, notice: Notice, caseDoc: CaseDoc | undefined, persist: () => Promise<boolean>): Promise<boolean> {
  const { db, cloud } = ctx.deps;
  const now = ctx.now.toISOString();
  const caseNo = caseDoc?.case.caseNo ?? '';
  const forbidden = {
    names: caseDoc?.case.parties.map((p) => p.name) ?? [],
    texts: [caseDoc?.case.summary ?? '', ((caseDoc as unknown as { intake?: { wants?: string } })?.intake?.wants ?? '')].filter(Boolean),
  };
  const spec = templateSpec(notice.template);
  const data = subscribeData({ caseNo, phrase: notice.phrase, at: doc.createdAt, template: notice.template });
  const message = notice.message ?? `案件${caseNo}：${notice.phrase}`;
  const why = caseDoc ? checkNotice([...Object.values(data).map((d) => d.value), message], forbidden) : 'no_case';

  if (!notice.recipients) {
    // First run on this notice: who gets it, and an inbox entry for each of them (never doubled).
    const people = [...new Set(await resolveRecipients(db, notice.touser))];
    const capped = !why && people.length > 0 && notice.urgent && notice.touser.startsWith('org:') && !(await takeUrgentPlace(db, notice.touser.slice(4), ctx.now));
    const first: RecipientStatus = why ? 'blocked' : capped ? 'capped' : 'pending';
    notice.recipients = people.map((openid) => ({ openid, status: first, attempts: 0, inboxId: inboxIdOf(notice.id, openid) }));
    if (!why) {
      for (const r of notice.recipients) {
        const entry: Omit<InboxDoc, '_id'> = {
          openid: r.openid,
          caseId: doc.caseId,
          caseNo,
          template: notice.template,
          title: spec.title,
          phrase: notice.phrase,
          message,
          at: doc.createdAt,
          readAt: null,
        };
        try {
          await db.collection(INBOX).add({ data: { ...entry, _id: r.inboxId } });
        } catch (e) {
          // Filed already by an earlier run that died before recording its recipients.
          if (!isDuplicateWrite(e)) throw e;
        }
      }
    }
    if (!(await persist())) return false;
  }

  const recipients = notice.recipients;
  const page = `${spec.page}?caseId=${doc.caseId}`;
  for (const r of recipients) {
    if (r.status !== 'pending') continue;
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: r.openid,
        templateId: templateId(notice.template),
        page: `${page}&notice=${r.inboxId}`,
        data,
        miniprogramState: (process.env.MINIPROGRAM_STATE as 'developer' | 'trial' | 'formal' | undefined) || 'formal',
      } as never);
      r.status = 'sent';
      r.sentAt = now;
      r.attempts += 1;
    } catch (e) {
      const code = errCodeOf(e);
      r.attempts += 1;
      r.lastError = code ?? -1;
      if (code === REFUSED) r.status = 'refused';
      else if (code !== undefined && PERMANENT.has(code)) r.status = 'failed';
      else if (r.attempts >= RELAY.maxAttempts) r.status = 'failed';
    }
    // Recorded at once: a run that dies after this send will not send it again.
    if (!(await persist())) return false;
  }

  notice.status = overall(recipients);
  notice.attempts += 1;
  const waiting = recipients.filter((r) => r.status === 'pending').map((r) => r.attempts);
  if (waiting.length) notice.nextAttemptAt = new Date(ctx.now.getTime() + backoffMs(Math.max(...waiting))).toISOString();
  return true;
}

const HOUR = 3_600_000;

/**
 * Takes one of the organisation's places for an urgent alert sent as a message this hour (a counter in
 * `rate_limits`, removed by the expiry timer once its hour is over): false when they are all taken. The count is
 * raised only while under the limit, in one conditional update, so runs working side by side cannot overshoot.
 */
export async function takeUrgentPlace(db: Database, orgId: string, now: Date, max = limitsInForce().urgentPerOrgPerHour): Promise<boolean> {
  const _ = db.command;
  const window = Math.floor(now.getTime() / HOUR);
  const id = `alert:org:${createHash('sha256').update(orgId).digest('hex').slice(0, 24)}:${window}`;
  const take = async () => {
    const res = (await db.collection(RATE_LIMITS).where({ _id: id, count: _.lt(max) }).update({ data: { count: _.inc(1) } })) as { stats?: { updated?: number } };
    return (res.stats?.updated ?? 0) === 1;
  };
  if (await take()) return true;
  try {
    await db.collection(RATE_LIMITS).add({ data: { _id: id, count: 1, expiresAt: new Date((window + 1) * HOUR).toISOString() } });
    return true;
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e;
    // Made meanwhile by another run: take a place in it if one is left.
    return take();
  }
}
