// The outbox relay: every case step writes its notices into `outbox` in the step's own transaction; the
// timer sends them as WeChat subscribe messages and files each in the recipients' in-app inboxes.
//
// - Exactly once: a run CLAIMS a notice with a conditional update (status + attempts, or the previous
//   claim id once a lease ran out) before touching it, so overlapping runs never both send it; each
//   recipient's result is written straight after their send, so a retry only sends to those still waiting.
// - Failures: 43101 (the user refused or has no subscription left) stops that recipient at once; other
//   permanent codes (invalid openid, invalid data) too; anything else is retried with exponential backoff,
//   capped, up to a maximum number of attempts, then marked failed.
// - The inbox holds every notice, one document per recipient and notice with a deterministic id, written
//   before the WeChat send is tried — so the inbox has it whether or not the send works.
// - Nothing personal: every value is checked (templates.ts) before it is sent or filed; a notice that fails
//   the check is held back ('blocked') and never sent.
import { createHash, randomUUID } from 'node:crypto';
import { forEachLimited } from '../kernel/concurrency';
import { getDoc, queryDocs, readAllPages } from '../kernel/db';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { isDuplicateWrite } from '../kernel/unit-of-work';
import { CASES, OUTBOX, type CaseDoc, type Outgoing } from '../case/store';
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

export type RecipientStatus = 'pending' | 'sent' | 'refused' | 'failed' | 'blocked';

export interface Recipient {
  openid: string;
  status: RecipientStatus;
  attempts: number;
  inboxId: string;
  lastError?: number;
  sentAt?: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'refused' | 'failed' | 'blocked' | 'done' | 'no_recipient';

export interface OutboxDoc extends Outgoing {
  _id: string;
  status: OutboxStatus;
  /** Relay runs that worked on this notice (the claim's compare-and-set witness). */
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  claimId?: string | null;
  leaseUntil?: string | null;
  recipients?: Recipient[];
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
}

/** Delay before the next attempt after `attempts` failed ones: 1, 2, 4, … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(RELAY.baseDelayMs * 2 ** Math.max(0, attempts - 1), RELAY.maxDelayMs);
}

export function inboxIdOf(outboxId: string, openid: string): string {
  return createHash('sha256').update(`${outboxId}\u0000${openid}`).digest('hex').slice(0, 32);
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

function overall(recipients: Recipient[]): OutboxStatus {
  if (!recipients.length) return 'no_recipient';
  if (recipients.some((r) => r.status === 'pending')) return 'pending';
  const kinds = new Set(recipients.map((r) => r.status));
  return kinds.size === 1 ? (recipients[0].status as OutboxStatus) : 'done';
}

function errCodeOf(e: unknown): number | undefined {
  const c = (e as { errCode?: unknown })?.errCode;
  return typeof c === 'number' ? c : undefined;
}

export async function relayOutbox(ctx: Ctx): Promise<RelayReport> {
  const { db } = ctx.deps;
  const _ = db.command;
  const now = ctx.now.toISOString();
  const report: RelayReport = { claimed: 0, sent: 0, retrying: 0, refused: 0, failed: 0, blocked: 0 };
  const cases = new Map<string, Promise<CaseDoc | undefined>>();
  const caseOf = (id: string) => {
    if (!cases.has(id)) cases.set(id, getDoc<CaseDoc>(db, CASES, id));
    return cases.get(id)!;
  };
  // Batch after batch while a full one came back (a backlog), within a bounded number of rounds.
  for (let round = 0; round < RELAY.rounds; round++) {
    const [stale, due] = await Promise.all([
      queryDocs<OutboxDoc>(db.collection(OUTBOX).where({ status: 'sending', leaseUntil: _.lt(now) }).orderBy('leaseUntil', 'asc').limit(RELAY.batch)),
      queryDocs<OutboxDoc>(db.collection(OUTBOX).where({ status: 'pending', nextAttemptAt: _.lte(now) }).orderBy('nextAttemptAt', 'asc').limit(RELAY.batch)),
    ]);
    let claimed = 0;
    // Up to 250 notices a run: sent RELAY.concurrency at a time rather than one after another.
    await forEachLimited([...stale, ...due], RELAY.concurrency, async (doc) => {
      const claimId = await claim(db, doc, now);
      if (!claimId) return;
      claimed += 1;
      const done = await deliver(ctx, { ...doc, claimId }, await caseOf(doc.caseId));
      for (const r of done) {
        if (r.status === 'pending') report.retrying += 1;
        else report[r.status] += 1;
      }
    });
    report.claimed += claimed;
    if (!claimed || (stale.length < RELAY.batch && due.length < RELAY.batch)) break;
  }
  return report;
}

/** Takes the notice for this run, or answers undefined when another run has it (or finished it). */
async function claim(db: Database, doc: OutboxDoc, now: string): Promise<string | undefined> {
  const claimId = randomUUID();
  const match =
    doc.status === 'sending' ? { _id: doc._id, status: 'sending', claimId: doc.claimId } : { _id: doc._id, status: 'pending', attempts: doc.attempts };
  const res = (await db
    .collection(OUTBOX)
    .where(match)
    .update({ data: { status: 'sending', claimId, leaseUntil: new Date(Date.parse(now) + RELAY.leaseMs).toISOString() } })) as { stats?: { updated?: number } };
  return res.stats?.updated === 1 ? claimId : undefined;
}

/** Writes the claimed notice's progress; only the run holding the claim can. */
async function save(db: Database, doc: OutboxDoc, data: Record<string, unknown>): Promise<boolean> {
  const _ = db.command;
  const res = (await db
    .collection(OUTBOX)
    .where({ _id: doc._id, claimId: doc.claimId })
    .update({ data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.isArray(v) || (v && typeof v === 'object') ? _.set(v) : v])) })) as {
    stats?: { updated?: number };
  };
  return (res.stats?.updated ?? 0) > 0;
}

async function deliver(ctx: Ctx, doc: OutboxDoc, caseDoc: CaseDoc | undefined): Promise<Recipient[]> {
  const { db, cloud } = ctx.deps;
  const now = ctx.now.toISOString();
  const caseNo = caseDoc?.case.caseNo ?? '';
  const forbidden = {
    names: caseDoc?.case.parties.map((p) => p.name) ?? [],
    texts: [caseDoc?.case.summary ?? '', ((caseDoc as unknown as { intake?: { wants?: string } })?.intake?.wants ?? '')].filter(Boolean),
  };
  const spec = templateSpec(doc.template);
  const data = subscribeData({ caseNo, phrase: doc.phrase, at: doc.createdAt, template: doc.template });
  const message = doc.message ?? `案件${caseNo}：${doc.phrase}`;
  const why = caseDoc ? checkNotice([...Object.values(data).map((d) => d.value), message], forbidden) : 'no_case';

  let recipients = doc.recipients;
  if (!recipients) {
    // First run on this notice: who gets it, and an inbox entry for each of them (never doubled).
    const people = [...new Set(await resolveRecipients(db, doc.touser))];
    recipients = people.map((openid) => ({ openid, status: why ? 'blocked' : 'pending', attempts: 0, inboxId: inboxIdOf(doc._id, openid) }));
    if (!why) {
      for (const r of recipients) {
        const entry: Omit<InboxDoc, '_id'> = {
          openid: r.openid,
          caseId: doc.caseId,
          caseNo,
          template: doc.template,
          title: spec.title,
          phrase: doc.phrase,
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
    if (!(await save(db, doc, { recipients }))) return [];
  }

  const page = `${spec.page}?caseId=${doc.caseId}`;
  for (const r of recipients) {
    if (r.status !== 'pending') continue;
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: r.openid,
        templateId: templateId(doc.template),
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
    if (!(await save(db, doc, { recipients }))) return [];
  }

  const status = overall(recipients);
  const waiting = recipients.filter((r) => r.status === 'pending').map((r) => r.attempts);
  const next = waiting.length ? new Date(ctx.now.getTime() + backoffMs(Math.max(...waiting))).toISOString() : doc.nextAttemptAt;
  await save(db, doc, { status, attempts: doc.attempts + 1, nextAttemptAt: next, claimId: null, leaseUntil: null, recipients });
  return recipients;
}
