// The electronic case file (电子卷宗, seed 004: 一案一卷): when a case closes, its file is put together once — the
// documents that exist for it, the evidence uploaded at filing and the signed agreement papers — under an archive
// number of its organisation and year, and kept until a date the deployment's retention sets. Pure: the server
// passes the case, the facts it keeps beside it and the time.
import type { Case, ClosedCase } from './model';
import { chinaDateOf, type IsoDate, type IsoInstant } from '../shared/time';

/** The case documents an archive lists (as `report.document` makes them). */
export type ArchiveDocumentKind = 'transfer_notice' | 'rights_notice' | 'session_record' | 'agreement' | 'return_visit';

export interface ArchiveItem {
  /** 序号 in the table of contents (卷内目录), from 1. */
  seq: number;
  kind: 'document' | 'evidence' | 'scan';
  /** 文件题名, without personal data (a party is named on reading, for staff only). */
  title: string;
  /** The day the paper was made or received (China date). */
  date: IsoDate;
  /** For `document`: made again from the case record when opened. */
  document?: ArchiveDocumentKind;
  /** For `evidence` and `scan`: the file in cloud storage. */
  fileId?: string;
  /** For `scan`: whose signed paper. */
  partyId?: string;
  /** 页数/件数 as the table says it (e.g. 3次记录), or the file reference. */
  extent: string;
}

export const ARCHIVE_DOCUMENT_TITLE: Record<ArchiveDocumentKind, string> = {
  transfer_notice: '转办通知书',
  rights_notice: '权利义务告知书',
  session_record: '调查与调解笔录',
  agreement: '人民调解协议书',
  return_visit: '回访记录',
};

/** What the server keeps beside the case that the file lists. */
export interface ArchiveFacts {
  /** Evidence uploaded at filing or registration. */
  evidenceFileIds: string[];
  /** When the case was last transferred (its timeline), if it ever was. */
  transferredAt?: IsoInstant;
}

const day = (at: IsoInstant) => chinaDateOf(at);

/** The table of contents of a case's file, in filing order: documents by date, then evidence, then signed papers. */
export function archiveContents(c: Case, facts: ArchiveFacts): ArchiveItem[] {
  const items: Array<Omit<ArchiveItem, 'seq'>> = [];
  const doc = (document: ArchiveDocumentKind, at: IsoInstant, extent = '1份') =>
    items.push({ kind: 'document', title: ARCHIVE_DOCUMENT_TITLE[document], date: day(at), document, extent });
  if (facts.transferredAt) doc('transfer_notice', facts.transferredAt);
  if (c.acceptedAt) doc('rights_notice', c.rightsNoticeAt ?? c.acceptedAt);
  if (c.sessions.length) doc('session_record', c.sessions[0].heldAt, `${c.sessions.length}次记录`);
  const a = c.agreement;
  if (a?.form === 'written' && a.effectiveAt) doc('agreement', a.effectiveAt);
  if (a?.form === 'oral') doc('agreement', a.effectiveAt);
  if (c.returnVisits.length) doc('return_visit', c.returnVisits[0].at, `${c.returnVisits.length}次回访`);
  facts.evidenceFileIds.forEach((fileId, i) =>
    items.push({ kind: 'evidence', title: `证据材料${facts.evidenceFileIds.length > 1 ? `（${i + 1}）` : ''}`, date: day(c.registeredAt), fileId, extent: fileRef(fileId) }),
  );
  if (a?.form === 'written') {
    for (const conf of a.confirmations) {
      if (conf.scanFileId) items.push({ kind: 'scan', title: '调解协议书签字件', date: day(conf.at), fileId: conf.scanFileId, partyId: conf.partyId, extent: fileRef(conf.scanFileId) });
    }
  }
  return items.map((it, i) => ({ seq: i + 1, ...it }));
}

/** A file's reference as the table prints it: its name in storage, without the environment's prefix. */
export function fileRef(fileId: string): string {
  const name = fileId.split('/').pop() ?? fileId;
  return `电子文件 ${name}`;
}

/** 卷宗号: `<organisation code>-<year>-<sequence>`, the sequence per organisation and year from 1, four digits at least. */
export function archiveNumber(orgId: string, year: number, seq: number): string {
  return `${orgId.toUpperCase()}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The year a case's file is numbered in: the China year it closed. */
export function archiveYear(c: ClosedCase): number {
  return Number(day(c.closedAt).slice(0, 4));
}

/** The last day the file must be kept: the same day `years` later (29 February falls to 28 February). */
export function keepUntil(closedAt: IsoInstant, years: number): IsoDate {
  const [y, m, d] = day(closedAt).split('-').map(Number);
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
