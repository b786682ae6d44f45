// `report.archive`: a closed case's electronic file (电子卷宗), as filed in the closing step (src/server/cases/archive.ts):
// the archive number (null until the timer gives it, minutes after closing), the table of contents (卷内目录) — documents made again from the case record when opened
// (`report.document`), evidence and signed papers by their stored file — the keep-until date, and the audit
// chain's proof, verified again for this read against the head sealed at closing. The 卷内目录 itself comes as a
// Word file made for this read (an ordinary generated file: it expires; the record it is made from does not).
// Readers: staff of the organisation that holds the case, and supervisors of its area without personal data
// (no party named, no link to evidence or signed papers).
import type { z } from 'zod';
import { archiveContents, type ArchiveItem } from '../../domain/case/archive';
import { OUTCOME_LABEL } from '../../domain/case/labels';
import { chinaDateOf, formatChinaTime } from '../../domain/shared/time';
import { problemText } from '../kernel/audit-chain';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { relationTo } from '../cases/access';
import { ARCHIVE_NO_PENDING, ARCHIVES, evidenceOf, lastTransferAt, type ArchiveRecord } from '../cases/archive';
import { auditFirstPage, loadAuditEntries } from '../case/index';
import { loadCaseWithCaller } from '../cases/case-with-caller';
import { verifyCaseAudit } from '../cases/case-audit';
import type { AuditStepDoc } from '../cases/store';
import { loadDirectory, orgName } from '../cases/org-cache';
import type { Block } from './documents';
import { documentFile } from './docx';
import { GENERATED_FILES, storeGenerated } from './files';
import type { ArchiveAnswer, ArchiveEntry } from './report.types';
import type { ArchiveInput } from './schemas';

type Ctx = RequestContext<ServerDeps>;

const sameItem = (a: ArchiveItem, b: ArchiveItem) => a.kind === b.kind && a.document === b.document && a.fileId === b.fileId;

export async function caseArchive(input: z.infer<typeof ArchiveInput>, ctx: Ctx): Promise<ArchiveAnswer> {
  const { db, cloud } = ctx.deps;
  // The case, the caller, the archive record and the audit chain's first page: one request.
  const [read, dir] = await Promise.all([
    loadCaseWithCaller(db, ctx.openid, input.caseId, { record: { from: ARCHIVES, where: { _id: input.caseId }, limit: 1 }, audit: auditFirstPage(input.caseId) }),
    loadDirectory(db),
  ]);
  if (!read) throw AppError.of('NOT_FOUND');
  const { caller, doc } = read;
  const record = read.joined.record[0] as unknown as ArchiveRecord | undefined;
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  if (relation !== 'staff' && relation !== 'supervisor') throw AppError.of('FORBIDDEN');
  if (!record) throw new AppError('NOT_ARCHIVED', '本案还没有电子卷宗（案件结案时立卷）');
  const personal = relation === 'staff';
  const c = doc.case;

  // The table as filed, then anything the case gained after closing (a return visit owed after it).
  const now = archiveContents(c, { evidenceFileIds: evidenceOf(doc as never), transferredAt: lastTransferAt(doc.timeline ?? []) });
  const later = now.filter((n) => !record.contents.some((r) => sameItem(r, n)));
  const items = [...record.contents, ...later.map((it, i) => ({ ...it, seq: record.contents.length + i + 1, addedAfterClose: true }))];

  const partyName = (partyId: string | undefined) => c.parties.find((p) => p.partyId === partyId)?.name;
  const files = personal ? items.flatMap((it) => (it.fileId ? [it.fileId] : [])) : [];
  const urls = new Map<string, string>();
  if (files.length) {
    try {
      const res = (await cloud.getTempFileURL({ fileList: files.map((fileID) => ({ fileID, maxAge: GENERATED_FILES.tempUrlSeconds })) as never })) as {
        fileList?: Array<{ fileID: string; tempFileURL?: string }>;
      };
      for (const f of res.fileList ?? []) if (f.tempFileURL) urls.set(f.fileID, f.tempFileURL);
    } catch {
      // the table still answers; the page says the file cannot be opened now
    }
  }
  const contents: ArchiveEntry[] = items.map((it) => {
    const who = it.kind === 'scan' && personal ? partyName(it.partyId) : undefined;
    const url = it.fileId ? urls.get(it.fileId) : undefined;
    return {
      seq: it.seq,
      kind: it.kind,
      title: who ? `${it.title}（${who}）` : it.title,
      date: it.date,
      extent: it.extent,
      ...(it.document ? { document: it.document } : {}),
      ...(url ? { url } : {}),
      ...('addedAfterClose' in it ? { addedAfterClose: true } : {}),
    };
  });

  // The proof: the chain verifies as it stands, and still passes through the head sealed at closing.
  const entries = await loadAuditEntries(db, c.caseId, read.joined.audit as unknown as AuditStepDoc[]);
  const check = verifyCaseAudit(ctx.deps.audit, doc, entries);
  const sealed = entries.find((e) => e.seq === record.proof.headSeq);
  const throughSeal = Boolean(sealed && sealed.hash === record.proof.headHash);
  const verified = check.ok && throughSeal;
  const problem = !check.ok ? problemText(check.problem) : !throughSeal ? `结案时封存的第 ${record.proof.headSeq} 条记录与卷宗所记不一致` : undefined;
  const verifiedAt = ctx.now.toISOString();

  const org = orgName(dir, record.orgId);
  const blocks: Block[] = [
    { kind: 'para', text: `卷宗号：${record.archiveNo ?? ARCHIVE_NO_PENDING.slice(3)}    案件编号：${record.caseNo}` },
    { kind: 'para', text: `立卷单位：${org}    结案日期：${chinaDateOf(record.closedAt)}    结案方式：${OUTCOME_LABEL[record.outcome]}` },
    { kind: 'para', text: `保管期限：${record.retentionYears}年（至${record.keepUntil}）` },
    { kind: 'heading', text: '卷内目录' },
    { kind: 'table', rows: [['序号', '文件题名', '日期', '页数/件数或电子文件', '备注'], ...contents.map((e) => [String(e.seq), e.title, e.date, e.extent, e.addedAfterClose ? '结案后补入' : ''])] },
    { kind: 'heading', text: '审计链核验' },
    {
      kind: 'para',
      text: `结案时审计链共 ${record.proof.headSeq} 条记录，末条摘要 ${record.proof.headHash}。${formatChinaTime(verifiedAt)}核验：${verified ? '审计链核验通过' : `审计链核验未通过（${problem}）`}；现共 ${entries.length} 条记录。`,
    },
    { kind: 'sign', lines: [`${org}（盖章）`, `立卷日期：${chinaDateOf(record.archivedAt)}`] },
  ];
  const file = documentFile({ title: '卷内目录', orgName: org, caseNo: record.caseNo, blocks }, ctx.now);
  const saved = await storeGenerated(ctx, 'docx', file, { kind: 'archive_index', caseId: c.caseId });

  return {
    caseId: c.caseId,
    caseNo: record.caseNo,
    archiveNo: record.archiveNo ?? null,
    orgName: org,
    closedAt: record.closedAt,
    outcomeLabel: OUTCOME_LABEL[record.outcome],
    keepUntil: record.keepUntil,
    retentionYears: record.retentionYears,
    viewer: personal ? 'staff' : 'supervisor',
    contents,
    proof: {
      headHash: record.proof.headHash,
      entries: record.proof.headSeq,
      entriesNow: entries.length,
      verified,
      verifiedAt,
      ...(problem ? { problemText: problem } : {}),
    },
    index: { ...saved, fileName: `卷内目录-${record.archiveNo ?? record.caseNo}.docx`, size: contents.length },
  };
}
