// The `report` function's reads: figures, registers (xlsx) and documents (docx) from the case records.
// Files go to cloud storage at a random path of the viewer's own, with a short-lived temporary URL, and expire
// (files.ts). Every file made is logged (who, what, when) in `report_files`: registers and documents carry
// names, so producing one is a staff read of personal data. Supervisors get nothing personal (registers.ts).
import { AUTHORITY_LABEL } from '../../domain/config/rules';
import type { z } from 'zod';
import { SOURCE_LABEL } from '../../domain/case/labels';
import { maskMobile } from '../../domain/personal/mask';
import { chinaDateOf } from '../../domain/shared/time';
import { addCounts, figuresFromCounts, monthsOf, parsePeriod, type Figures, type Period } from '../../domain/stats';
import { subtree } from '../../domain/org/tree';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { relationTo } from '../cases/access';
import { loadCaller } from '../cases/caller';
import { courtFor, loadDirectory, orgName, type Directory } from '../cases/org-cache';
import { printableDisputeText, printableText } from '../cases/held-text';
import { CASE_STAFF_IDS, loadCaseToReadWithCaller } from '../cases/case-with-caller';
import { ARCHIVE_NO_PENDING, ARCHIVES, type ArchiveRecord } from '../cases/archive';
import { queryDocs } from '../kernel/db';
import { buildRegister, REGISTER_TITLE, type RegisterKind, type RowContext } from './registers';
import { documentContent, DOCUMENT_TITLE, type DocumentKind } from './documents';
import { storeGenerated } from './files';
import { documentFile } from './docx';
import { registerWorkbook } from './xlsx';
import { authoriseOrg, defaultOrgOf, viewerOver } from './scope';
import { readRegister } from './register-read';
import { readCounters } from './figure-counters';
import type { DocumentInput, FiguresInput, RegisterInput } from './schemas';
import type { FileAnswer, FiguresView } from './report.types';
import { sealedAt } from '../kernel/pii';
import { isRosterKind, rosterRegister } from './rosters';
import { currentMonth, staffNames } from './common';

type Ctx = RequestContext<ServerDeps>;

function periodOf(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw new AppError('VALIDATION_FAILED', '统计期间不正确', { period: '统计期间格式应为 2026-03、2026-Q1 或 2026' });
  return p;
}

async function resolveOrg(ctx: Ctx, dir: Directory, orgId: string | undefined) {
  const id = orgId ?? defaultOrgOf(await loadCaller(ctx.deps.db, ctx.openid));
  if (!id) throw AppError.of('FORBIDDEN');
  return { orgId: id, ...(await authoriseOrg(ctx.deps.db, ctx.openid, dir, id)) };
}

/** The figures from the organisation's counters for the period's months (figure-counters.ts): one query. */
async function figuresFor(ctx: Ctx, dir: Directory, orgId: string, period: Period): Promise<{ figures: Figures; asOf: string | null }> {
  const { counts, asOf } = await readCounters(ctx.deps.db, orgId, monthsOf(period));
  return { figures: figuresFromCounts(addCounts(new Map(), counts), dir.tree, orgId, period), asOf };
}

export async function figures(input: z.infer<typeof FiguresInput>, ctx: Ctx): Promise<FiguresView> {
  const dir = await loadDirectory(ctx.deps.db);
  const { orgId, viewer } = await resolveOrg(ctx, dir, input.orgId);
  const period = periodOf(input.period ?? currentMonth(ctx.now));
  const { figures: f, asOf } = await figuresFor(ctx, dir, orgId, period);
  // Supervisors see no names, so none are looked up for them.
  const names = viewer === 'director' ? await staffNames(ctx.deps.db, f.overdue.byPerson.map((p) => p.id)) : new Map<string, string>();
  return {
    ...f,
    asOf,
    orgName: orgName(dir, orgId),
    periodLabel: period.label,
    viewer,
    byCategory: f.byCategory.map((c) => ({ ...c, label: dir.settings.categories.label(c.category) })),
    bySource: f.bySource.map((s) => ({ ...s, label: SOURCE_LABEL[s.source] })),
    referralsIn: { ...f.referralsIn, bySource: f.referralsIn.bySource.map((s) => ({ ...s, label: SOURCE_LABEL[s.source] })) },
    referralsOut: { total: f.referralsOut.total, byAuthority: f.referralsOut.byAuthority.map((a) => ({ ...a, label: AUTHORITY_LABEL[a.authority] })) },
    overdue: {
      total: f.overdue.total,
      byOrg: f.overdue.byOrg.map((o) => ({ ...o, name: orgName(dir, o.id) })),
      // Supervisors see where deadlines slip, not who: people are the director's business.
      byPerson: viewer === 'director' ? f.overdue.byPerson.map((o) => ({ ...o, name: names.get(o.id) ?? '工作人员' })) : [],
    },
  };
}

export async function register(input: z.infer<typeof RegisterInput>, ctx: Ctx): Promise<FileAnswer> {
  if (isRosterKind(input.kind)) return rosterRegister({ ...input, kind: input.kind }, ctx);
  const { db, pii } = ctx.deps;
  const dir = await loadDirectory(db);
  // The organisation: the one named, else the caller's own (their record read first, only then).
  const orgId = input.orgId ?? defaultOrgOf(await loadCaller(db, ctx.openid));
  if (!orgId) throw AppError.of('FORBIDDEN');
  if (!dir.orgs.has(orgId)) throw AppError.of('NOT_FOUND');
  const month = input.month ?? currentMonth(ctx.now);
  const period = periodOf(month);
  const kind = input.kind as RegisterKind;
  const scope = new Set(subtree(dir.tree, orgId).map((o) => o.id));
  // The caller's record with everything the register is made from, in one request (register-read.ts); the
  // summary is made from the figures' counters, every other register from the cases its keys find.
  const read = await readRegister(db, ctx.openid, { orgId, scope: [...scope], kind, month, period });
  const viewer = viewerOver(read.caller, dir, orgId);
  if (!viewer) throw AppError.of('FORBIDDEN');
  const f = read.counters ? figuresFromCounts(addCounts(new Map(), read.counters.counts), dir.tree, orgId, period) : undefined;
  const docs = read.docs;
  const cases = docs.map((d) => d.case);
  // A supervisor reads the area without personal data (as in case.get and report.figures): no names of
  // parties or staff, no numbers, no dispute text.
  const personal = viewer === 'director';
  const people = personal ? read.names : new Map<string, string>();
  if (personal) {
    // Someone the rows name who is not (or no longer) on the subtree's staff: looked up by account.
    const named = [
      ...cases.flatMap((c) => [c.mediatorId, c.firstInquiry.personId, ...c.returnVisits.map((v) => v.by)]),
      ...(f?.overdue.byPerson.map((p) => p.id) ?? []),
    ];
    const missing = [...new Set(named.filter((id): id is string => Boolean(id) && !people.has(id!)))];
    if (missing.length) for (const [id, name] of await staffNames(db, missing)) people.set(id, name);
  }
  const contacts = new Map(docs.map((d) => [d._id, d.contacts ?? []]));
  const archives = read.archives?.byCase ?? new Map<string, ArchiveRecord>();
  if (read.archives && !read.archives.complete) {
    // More closures than one page of archive records: the rest by case.
    const rest = cases.filter((c) => c.status === 'closed' && !archives.has(c.caseId)).map((c) => c.caseId);
    for (const [id, a] of await archivesOf(db, rest)) archives.set(id, a);
  }
  const rc: RowContext = {
    orgName: (id) => (id ? orgName(dir, id) : ''),
    personName: (id) => (id && personal ? people.get(id) ?? '' : ''),
    // Staff registers show numbers masked (enough to recognise a caller); supervisors get none.
    maskedMobile: (c, partyId) => {
      if (!personal) return '';
      const sealed = contacts.get(c.caseId)?.find((x) => x.partyId === partyId);
      if (!sealed) return '';
      try {
        return maskMobile(pii.decrypt(sealed.mobileSealed, sealedAt.mobile(c.caseId, partyId)));
      } catch {
        return ''; // a number that does not open here is not printed
      }
    },
    personal,
    categoryLabel: dir.settings.categories.label,
    archiveOf: (caseId) => {
      const a = archives.get(caseId);
      return a ? { archiveNo: a.archiveNo ?? ARCHIVE_NO_PENDING, papers: a.contents.map((x) => x.title) } : undefined;
    },
  };
  const sheet = buildRegister(kind, cases, period, rc, (id) => scope.has(id), f);
  const subtitle =
    `填报单位：${orgName(dir, orgId)}    统计期间：${period.label}（${period.firstDate} 至 ${period.lastDate}）    制表日期：${chinaDateOf(ctx.now.toISOString())}` +
    (personal ? '' : '    （督导用表：不含当事人及工作人员姓名、联系电话和纠纷情况）');
  const content = registerWorkbook(sheet, subtitle, ctx.now);
  const fileName = `${REGISTER_TITLE[input.kind as RegisterKind]}-${orgName(dir, orgId)}-${month}.xlsx`;
  const saved = await storeGenerated(ctx, 'xlsx', content, { kind: input.kind, orgId, month, viewer });
  return { ...saved, fileName, size: sheet.rows.length };
}

/** The archive records (电子卷宗) of these cases, by case id: one indexed read per hundred. */
async function archivesOf(db: Database, caseIds: string[]): Promise<Map<string, ArchiveRecord>> {
  const _ = db.command;
  const out = new Map<string, ArchiveRecord>();
  for (let i = 0; i < caseIds.length; i += 100) {
    const page = await queryDocs<ArchiveRecord>(db.collection(ARCHIVES).where({ _id: _.in(caseIds.slice(i, i + 100)) }).limit(100));
    for (const a of page) out.set(a._id, a);
  }
  return out;
}

export async function caseDocument(input: z.infer<typeof DocumentInput>, ctx: Ctx): Promise<FileAnswer> {
  const { db } = ctx.deps;
  // The case, the caller and the staff it names, in one request (the people joined by the ids the case lists).
  const [read, dir] = await Promise.all([
    loadCaseToReadWithCaller(db, ctx.openid, input.caseId, {}, { computed: { __staffIds: CASE_STAFF_IDS(db, ctx.openid) }, field: '__staffIds' }),
    loadDirectory(db),
  ]);
  if (!read) throw AppError.of('NOT_FOUND');
  const { caller, doc, names: people } = read;
  const relation = relationTo(caller, doc.case, dir);
  if (!relation) throw AppError.of('NOT_FOUND');
  // Documents are printed and sealed by the office handling the case; the transfer notice also by the
  // first-inquiry organisation that sent it, after the receiver took the case.
  const sender = input.kind === 'transfer_notice' && caller.roles.some((g) => g.role !== 'officer' && g.role !== 'supervisor' && g.role !== 'expert' && g.orgId === doc.case.firstInquiry.orgId);
  // The application for judicial confirmation is the parties' own document: they print it, sign it and take it
  // to the court.
  const applicant = input.kind === 'judicial_application' && relation === 'party';
  if (relation !== 'staff' && !sender && !applicant) throw AppError.of('FORBIDDEN');
  const c = doc.case;
  const court = courtFor(dir, c.responsibleOrgId);
  const content = documentContent(input.kind as DocumentKind, c, doc.timeline ?? [], {
    orgName: (id) => (id ? orgName(dir, id) : ''),
    personName: (id) => (id ? people.get(id) ?? '' : ''),
    disputeText: printableDisputeText(doc),
    printable: printableText(doc),
    categoryLabel: dir.settings.categories.label,
    maskedMobile: (partyId) => {
      const sealed = doc.contacts?.find((x) => x.partyId === partyId);
      if (!sealed) return '';
      try {
        return maskMobile(ctx.deps.pii.decrypt(sealed.mobileSealed, sealedAt.mobile(c.caseId, partyId)));
      } catch {
        return ''; // a number that does not open here is not printed
      }
    },
    ...(court ? { court } : {}),
    issuedAt: ctx.now.toISOString(),
  });
  const file = documentFile(content, ctx.now);
  const saved = await storeGenerated(ctx, 'docx', file, { kind: input.kind, caseId: c.caseId });
  return { ...saved, fileName: `${DOCUMENT_TITLE[input.kind as DocumentKind]}-${c.caseNo}.docx`, size: content.blocks.length };
}
