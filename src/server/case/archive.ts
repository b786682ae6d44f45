// The electronic case file (电子卷宗) is made in the step that closes the case, inside that step's transaction
// (store.ts, saveChange): the archive record and its organisation-and-year counter are written with the closed
// case, or nothing is. A failed close leaves no number given and no file half made; a replayed close answers from
// the case's remembered request and writes nothing; two closes racing for the same counter are a compare-and-set
// conflict, and the loser runs again on fresh data (retryOnLostRace) and takes the next number. The record holds
// references, not copies: documents are made again from the case record when opened, evidence and signed papers
// are the files uploaded (never subject to the generated-files expiry).
import { archiveContents, archiveNumber, archiveYear, keepUntil, type ArchiveItem } from '../../domain/case/archive';
import type { ClosedCase } from '../../domain/case/model';
import type { AuditHead } from '../kernel/audit-chain';
import { getDoc } from '../kernel/db';
import type { Database } from '../kernel/platform';
import type { CasWrite, Insert } from '../kernel/unit-of-work';
import { loadDirectory } from './org-cache';
import type { CaseDoc, TimelineEntry } from './store';

export const ARCHIVES = 'case_archives';
export const ARCHIVE_COUNTERS = 'archive_counters';

export interface ArchiveRecord {
  _id: string;
  caseId: string;
  caseNo: string;
  /** 卷宗号. */
  archiveNo: string;
  /** The organisation that held the case when it closed (立卷单位). */
  orgId: string;
  year: number;
  seq: number;
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

/** The writes that file a case closing in this step: the counter advanced and the archive record. */
export async function archiveOnClose(db: Database, c: ClosedCase, doc: Omit<CaseDoc, '_id' | 'version' | 'auditHead'>, head: AuditHead): Promise<{ writes: CasWrite[]; inserts: Insert[] }> {
  const year = archiveYear(c);
  const orgId = c.responsibleOrgId;
  const counterId = `${orgId}:${year}`;
  const [counter, dir] = await Promise.all([getDoc<Counter>(db, ARCHIVE_COUNTERS, counterId), loadDirectory(db)]);
  const seq = (counter?.last ?? 0) + 1;
  const years = dir.settings.rules.archiveRetentionYears;
  const record: Omit<ArchiveRecord, '_id'> = {
    caseId: c.caseId,
    caseNo: c.caseNo,
    archiveNo: archiveNumber(orgId, year, seq),
    orgId,
    year,
    seq,
    closedAt: c.closedAt,
    outcome: c.outcome,
    keepUntil: keepUntil(c.closedAt, years),
    retentionYears: years,
    contents: archiveContents(c, { evidenceFileIds: evidenceOf(doc as never), transferredAt: lastTransferAt(doc.timeline ?? []) }),
    proof: { headSeq: head.seq, headHash: head.hash },
    archivedAt: c.closedAt,
  };
  return {
    writes: [{ collection: ARCHIVE_COUNTERS, id: counterId, expectVersion: counter ? counter.version : null, data: { orgId, year, last: seq } }],
    inserts: [{ collection: ARCHIVES, id: c.caseId, data: record as unknown as Record<string, unknown> }],
  };
}

export function loadArchive(db: Database, caseId: string): Promise<ArchiveRecord | undefined> {
  return getDoc<ArchiveRecord>(db, ARCHIVES, caseId);
}
