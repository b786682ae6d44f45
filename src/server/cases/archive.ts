// The electronic case file (电子卷宗) is made in the step that closes the case, inside that step's transaction
// (store.ts, saveChange): the archive record — its table of contents, keep-until date and the audit chain's head
// at closing (the proof every read verifies again) — is inserted with the closed case, or nothing is; a replayed
// close answers from the case's remembered request and writes nothing. The record holds references, not copies:
// documents are made again from the case record when opened, evidence and signed papers are the files uploaded
// (never subject to the generated-files expiry).
//
// Its number (卷宗号) is given a few minutes later by the timer (`numberArchives`, every tick), not in the closing
// step. Why: numbers run without gaps or duplicates per organisation and year, so every close of an organisation's
// year must pass one counter, read and written compare-and-set — two requests in every closing step (it was 11–12
// with them, against a budget of 8), and closes of one organisation contending on one document. The timer instead
// takes the records still waiting (`numberDueAt`, the closing time), oldest first and only those closed at least
// ARCHIVE_SETTLE_MS ago (a close still committing cannot then slip in before one already numbered), and numbers
// them in closing order: per organisation and year one transaction reads the counter and each record in it,
// numbers those still waiting and writes them with the counter advanced. Two runs racing meet as a compare-and-set
// conflict on the counter, the loser numbers nothing; a record numbered is never numbered again. Until then
// `report.archive` answers `archiveNo: null` and the pages say 卷宗号编号中; the register lists it so.
import { archiveContents, archiveNumber, archiveYear, keepUntil, type ArchiveItem } from '../../domain/case/archive';
import type { ClosedCase } from '../../domain/case/model';
import type { AuditHead } from '../kernel/audit-chain';
import { getDoc, queryDocs } from '../kernel/db';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { retryOnLostRace, transact, type CasWrite, type Insert } from '../kernel/unit-of-work';
import { loadDirectory } from './org-cache';
import type { CaseDoc, TimelineEntry } from './case-doc';

export const ARCHIVES = 'case_archives';
export const ARCHIVE_COUNTERS = 'archive_counters';

export interface ArchiveRecord {
  _id: string;
  caseId: string;
  caseNo: string;
  /** 卷宗号; absent until the timer numbers the record (see the header). */
  archiveNo?: string;
  /** The organisation that held the case when it closed (立卷单位). */
  orgId: string;
  year: number;
  /** The number's sequence within the organisation's year, with `archiveNo`. */
  seq?: number;
  /** While the record waits for its number: its closing time (the timer numbers in this order); removed once numbered. */
  numberDueAt?: string;
  numberedAt?: string;
  closedAt: string;
  outcome: ClosedCase['outcome'];
  /** Kept at least until this China date (the deployment's `rules.archiveRetentionYears` from closing). */
  keepUntil: string;
  retentionYears: number;
  /** 卷内目录 as it stood at closing. */
  contents: ArchiveItem[];
  /** The audit chain's head at closing: each read verifies the chain still ends there. */
  proof: { headSeq: number; headHash: string };
  archivedAt: string;
}

interface Counter {
  _id: string;
  version: number;
  orgId: string;
  year: number;
  last: number;
}

/** Evidence the case keeps beside it (filing or registration at the window). */
export function evidenceOf(doc: Pick<CaseDoc, never> & { intake?: { evidenceFileIds?: string[] } }): string[] {
  return doc.intake?.evidenceFileIds ?? [];
}

export function lastTransferAt(timeline: TimelineEntry[]): string | undefined {
  return [...timeline].reverse().find((e) => e.type === 'case_transferred')?.at;
}

/** What 卷宗号 reads as while the timer has not numbered the record yet. */
export const ARCHIVE_NO_PENDING = '卷宗号编号中';
/** A record is numbered once it closed this long ago: a close still committing cannot come before it. */
export const ARCHIVE_SETTLE_MS = 60_000;
/** Records numbered per run, and per transaction (one organisation's year). */
const NUMBER_BATCH = 100;
const PER_TRANSACTION = 20;

/** The record that files a case closing in this step, waiting for its number (no read: the timer numbers it). */
export async function archiveOnClose(db: Database, c: ClosedCase, doc: Omit<CaseDoc, '_id' | 'version' | 'auditHead'>, head: AuditHead): Promise<{ writes: CasWrite[]; inserts: Insert[] }> {
  const year = archiveYear(c);
  const orgId = c.responsibleOrgId;
  const years = (await loadDirectory(db)).settings.rules.archiveRetentionYears;
  const record: Omit<ArchiveRecord, '_id'> = {
    caseId: c.caseId,
    caseNo: c.caseNo,
    orgId,
    year,
    numberDueAt: c.closedAt,
    closedAt: c.closedAt,
    outcome: c.outcome,
    keepUntil: keepUntil(c.closedAt, years),
    retentionYears: years,
    contents: archiveContents(c, { evidenceFileIds: evidenceOf(doc as never), transferredAt: lastTransferAt(doc.timeline ?? []) }),
    proof: { headSeq: head.seq, headHash: head.hash },
    archivedAt: c.closedAt,
  };
  return { writes: [], inserts: [{ collection: ARCHIVES, id: c.caseId, data: record as unknown as Record<string, unknown> }] };
}

export interface NumberingReport {
  numbered: number;
  /** Records waiting beyond this run's batch (numbered on the next ticks). */
  more: boolean;
}

/** Numbers one organisation's year's waiting records, in the order given, in one transaction: how many it numbered. */
async function numberChunk(db: Database, counterId: string, ids: string[], now: string): Promise<number> {
  return transact(db, async (tx) => {
    const counter = await tx.get<Counter>(ARCHIVE_COUNTERS, counterId);
    const records = await Promise.all(ids.map((id) => tx.get<ArchiveRecord & Record<string, unknown>>(ARCHIVES, id)));
    let last = counter?.last ?? 0;
    const writes: CasWrite[] = [];
    for (const r of records) {
      if (!r || r.archiveNo || !r.numberDueAt) continue; // numbered meanwhile by another run
      const { _id, version, numberDueAt: _due, ...rest } = r;
      last += 1;
      writes.push({ collection: ARCHIVES, id: _id, expectVersion: version ?? 0, data: { ...rest, seq: last, archiveNo: archiveNumber(r.orgId, r.year, last), numberedAt: now } });
    }
    if (!writes.length) return 0;
    const { orgId, year } = records.find((r) => r)!;
    await tx.commit({ writes: [{ collection: ARCHIVE_COUNTERS, id: counterId, expectVersion: counter ? counter.version ?? 0 : null, data: { orgId, year, last } }, ...writes], inserts: [] });
    return writes.length;
  });
}

/**
 * The timer's job (every tick): the records waiting for their number, closed at least ARCHIVE_SETTLE_MS ago,
 * numbered in closing order per organisation and year (see the header).
 */
export async function numberArchives(ctx: RequestContext<ServerDeps>): Promise<NumberingReport> {
  const { db } = ctx.deps;
  const _ = db.command;
  const cutoff = new Date(ctx.now.getTime() - ARCHIVE_SETTLE_MS).toISOString();
  const page = await queryDocs<ArchiveRecord>(
    db.collection(ARCHIVES).where({ numberDueAt: _.lte(cutoff) }).orderBy('numberDueAt', 'asc').orderBy('_id', 'asc').limit(NUMBER_BATCH + 1),
  );
  const batch = page.slice(0, NUMBER_BATCH);
  const groups = new Map<string, string[]>();
  for (const r of batch) {
    const id = `${r.orgId}:${r.year}`;
    groups.set(id, [...(groups.get(id) ?? []), r._id]);
  }
  let numbered = 0;
  for (const [counterId, ids] of groups) {
    for (let i = 0; i < ids.length; i += PER_TRANSACTION) {
      numbered += await retryOnLostRace(() => numberChunk(db, counterId, ids.slice(i, i + PER_TRANSACTION), ctx.now.toISOString()));
    }
  }
  return { numbered, more: page.length > NUMBER_BATCH };
}

export function loadArchive(db: Database, caseId: string): Promise<ArchiveRecord | undefined> {
  return getDoc<ArchiveRecord>(db, ARCHIVES, caseId);
}
