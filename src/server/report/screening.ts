// Information officers (信息员): the monthly screening report (排查, a zero report when nothing was found),
// brewing-dispute reports (苗头隐患) with a risk level, a director turning a report into a case (registered
// as reported by the officer, source `info_officer`, the officer its first-inquiry person), and the list of
// officers who have not filed this month's screening report.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { isInSubtree, subtree } from '../../domain/org/tree';
import { chinaDateOf } from '../../domain/shared/time';
import { isZeroReport, missingScreenings, parsePeriod, RISK_LABEL, screeningDueAt, screeningState } from '../../domain/stats';
import type { RiskLevel } from '../../domain/triage/facts';
import { getDoc, queryDocs, readAllPages } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { commit } from '../kernel/unit-of-work';
import { getDocJoined } from '../kernel/joined-read';
import { loadCaller, type Caller } from '../cases/caller';
import { loadDirectory, orgName, type Directory } from '../cases/org-cache';
import { hashPayload, requestKey } from '../cases/store';
import { registerCase } from '../case/index';
import { defaultOrgOf } from './scope';
import { currentMonth, staffNames } from './common';
import { callerFrom, callerWith, viewerOver, type UserRecord } from './viewer';
import type { BrewingListInput, ConvertReportInput, LateReportsInput, MyScreeningInput, ReportBrewingInput, SubmitScreeningInput } from './schemas';
import type { BrewingItem, BrewingList, BrewingReceipt, BrewingStatus, ConvertResult, LateReportsAnswer, MyScreening, ScreeningReceipt } from './report.types';

type Ctx = RequestContext<ServerDeps>;

export const SCREENINGS = 'screenings';
export const BREWING = 'brewing_reports';
export const CONVERSIONS = 'brewing_conversions';

interface ScreeningDoc {
  _id: string;
  officerId: string;
  orgId: string;
  month: string;
  findings: Array<{ category: string; count: number }>;
  total: number;
  zero: boolean;
  notes: string;
  filedAt: string;
  late: boolean;
  requestKey: string;
  payloadHash: string;
}

export interface BrewingDoc {
  _id: string;
  officerId: string;
  orgId: string;
  communityId: string;
  category: string;
  risk: RiskLevel;
  description: string;
  peopleInvolved?: number;
  at: string;
  status: BrewingStatus;
  caseId?: string;
  convertedBy?: string;
  convertedAt?: string;
  requestKey: string;
  payloadHash: string;
}

function officerGrant(caller: Caller, orgId?: string): string {
  const grant = caller.roles.find((g) => g.role === 'officer' && (!orgId || g.orgId === orgId));
  if (!grant) throw AppError.of('FORBIDDEN');
  return grant.orgId;
}

const idFor = (prefix: string, key: string) => `${prefix}${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
/** One report per officer, organisation and month: its id says so, and the store refuses a second. */
const screeningIdOf = (officerId: string, orgId: string, month: string) => idFor('s', `${officerId}\u0000${orgId}\u0000${month}`);
const receiptOf = (d: ScreeningDoc): ScreeningReceipt => ({ screeningId: d._id, month: d.month, zero: d.zero, total: d.total, late: d.late, filedAt: d.filedAt });

export async function submitScreening(input: z.infer<typeof SubmitScreeningInput>, ctx: Ctx): Promise<ScreeningReceipt> {
  const { db } = ctx.deps;
  const caller = await loadCaller(db, ctx.openid);
  const orgId = officerGrant(caller, input.orgId);
  const thisMonth = currentMonth(ctx.now);
  if (input.month > thisMonth) throw new AppError('VALIDATION_FAILED', '不能提前填报以后月份的排查情况', { month: '请选择本月或以前的月份' });
  const key = requestKey(ctx.openid, 'report.submitScreening', ctx.requestId!);
  const payloadHash = hashPayload(input);
  const id = screeningIdOf(ctx.openid, orgId, input.month);
  const existing = await getDoc<ScreeningDoc>(db, SCREENINGS, id);
  if (existing) {
    if (existing.requestKey === key && existing.payloadHash === payloadHash) return receiptOf(existing);
    if (existing.requestKey === key) throw AppError.of('REQUEST_ID_REUSED');
    throw new AppError('ALREADY_FILED', `${parsePeriod(input.month)?.label ?? input.month}的排查情况已经报送`);
  }
  const findings = input.findings.filter((f) => f.count > 0);
  const filedAt = ctx.now.toISOString();
  const doc: Omit<ScreeningDoc, '_id'> = {
    officerId: ctx.openid,
    orgId,
    month: input.month,
    findings,
    total: findings.reduce((s, f) => s + f.count, 0),
    zero: isZeroReport(findings),
    notes: input.notes,
    filedAt,
    late: filedAt > screeningDueAt(input.month),
    requestKey: key,
    payloadHash,
  };
  try {
    await commit(db, { writes: [], inserts: [{ collection: SCREENINGS, id, data: doc as unknown as Record<string, unknown> }] });
  } catch (e) {
    // Two submissions raced: answer as the one that won would.
    if ((e as { code?: string }).code === 'CONFLICT') return submitScreening(input, ctx);
    throw e;
  }
  return receiptOf({ _id: id, ...doc });
}

/** The officer's own report for a month: what was filed, or whether it is still to come or already late. */
export async function myScreening(input: z.infer<typeof MyScreeningInput>, ctx: Ctx): Promise<MyScreening> {
  const { db } = ctx.deps;
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  const orgId = officerGrant(caller, input.orgId);
  const month = input.month ?? currentMonth(ctx.now);
  if (month > currentMonth(ctx.now)) throw new AppError('VALIDATION_FAILED', '以后月份的排查情况还不能填报', { month: '请选择本月或以前的月份' });
  const doc = await getDoc<ScreeningDoc>(db, SCREENINGS, screeningIdOf(ctx.openid, orgId, month));
  return {
    orgId,
    orgName: orgName(dir, orgId),
    month,
    dueAt: screeningDueAt(month),
    state: screeningState(month, Boolean(doc), ctx.now.toISOString()),
    ...(doc
      ? {
          filed: {
            ...receiptOf(doc),
            findings: doc.findings.map((f) => ({ ...f, categoryLabel: dir.settings.categories.label(f.category) })),
            notes: doc.notes,
          },
        }
      : {}),
  };
}

export async function reportBrewing(input: z.infer<typeof ReportBrewingInput>, ctx: Ctx): Promise<BrewingReceipt> {
  const { db } = ctx.deps;
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  const orgId = officerGrant(caller, input.orgId);
  if (!dir.communities.has(input.communityId)) throw new AppError('VALIDATION_FAILED', '所选社区（村）不存在', { communityId: '请重新选择社区（村）' });
  // As when filing: one of the categories this deployment offers, so the report can become a case as it is.
  if (!dir.settings.categories.filing.some((c) => c.code === input.category)) throw new AppError('VALIDATION_FAILED', '请选择纠纷类型', { category: '请从列表中选择纠纷类型' });
  const key = requestKey(ctx.openid, 'report.reportBrewing', ctx.requestId!);
  const payloadHash = hashPayload(input);
  const id = idFor('b', key);
  const answer = (d: Pick<BrewingDoc, 'risk' | 'at' | 'status'>): BrewingReceipt => ({ reportId: id, risk: d.risk, riskLabel: RISK_LABEL[d.risk], status: d.status, at: d.at });
  const existing = await getDoc<BrewingDoc>(db, BREWING, id);
  if (existing) {
    if (existing.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
    return answer(existing);
  }
  const doc: Omit<BrewingDoc, '_id'> = {
    officerId: ctx.openid,
    orgId,
    communityId: input.communityId,
    category: input.category,
    risk: input.risk,
    description: input.description,
    ...(input.peopleInvolved !== undefined ? { peopleInvolved: input.peopleInvolved } : {}),
    at: ctx.now.toISOString(),
    status: 'open',
    requestKey: key,
    payloadHash,
  };
  await commit(db, { writes: [], inserts: [{ collection: BREWING, id, data: doc as unknown as Record<string, unknown> }] });
  return answer(doc);
}

/** `personal`: the reader may see who reported and what they saw (not a supervisor). */
function brewingItem(d: BrewingDoc, dir: Directory, names: Map<string, string>, personal: boolean): BrewingItem {
  return {
    reportId: d._id,
    orgId: d.orgId,
    orgName: orgName(dir, d.orgId),
    communityName: dir.communities.get(d.communityId)?.name ?? d.communityId,
    category: d.category,
    categoryLabel: dir.settings.categories.label(d.category),
    risk: d.risk,
    riskLabel: RISK_LABEL[d.risk],
    ...(personal ? { description: d.description } : {}),
    ...(d.peopleInvolved !== undefined ? { peopleInvolved: d.peopleInvolved } : {}),
    ...(personal ? { officerName: names.get(d.officerId) ?? '信息员' } : {}),
    at: d.at,
    status: d.status,
    ...(d.caseId ? { caseId: d.caseId } : {}),
  };
}

/** A director's list of the reports filed in their organisation and below; an officer's own reports. */
export async function brewingReports(input: z.infer<typeof BrewingListInput>, ctx: Ctx): Promise<BrewingList> {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  const _ = db.command;
  const statuses = input.status ? [input.status] : ['open', 'converted'];
  const ofSubtree = (orgId: string) =>
    queryDocs<BrewingDoc>(db.collection(BREWING).where({ orgId: _.in(subtree(dir.tree, orgId).map((o) => o.id)), status: _.in(statuses) }).orderBy('at', 'desc').limit(100));
  const answer = (docs: BrewingDoc[], names: Map<string, string>, personal: boolean): BrewingList => ({
    items: docs.map((d) => brewingItem(d, dir, personal ? names : new Map(), personal)),
  });
  if (input.orgId) {
    // Two requests: the reports, then the caller's own record with the names of the officers who filed them.
    // Nothing is answered before the caller's grants over the organisation are checked.
    if (!dir.orgs.has(input.orgId)) throw AppError.of('NOT_FOUND');
    const docs = await ofSubtree(input.orgId);
    const { caller, names } = await callerWith(db, ctx.openid, docs.map((d) => d.officerId));
    // A supervisor sees where disputes are brewing and how risky, not the text or who reported it.
    return answer(docs, names, viewerOver(caller, dir, input.orgId) === 'director');
  }
  const caller = await loadCaller(db, ctx.openid);
  if (caller.roles.some((g) => g.role === 'director' || g.role === 'supervisor')) {
    const orgId = defaultOrgOf(caller)!;
    const personal = viewerOver(caller, dir, orgId) === 'director';
    const docs = await ofSubtree(orgId);
    return answer(docs, personal ? await staffNames(db, docs.map((d) => d.officerId)) : new Map(), personal);
  }
  // An officer's own reports: the name on them is their own.
  officerGrant(caller);
  let docs = await queryDocs<BrewingDoc>(db.collection(BREWING).where({ officerId: ctx.openid }).orderBy('at', 'desc').limit(100));
  if (input.status) docs = docs.filter((d) => d.status === input.status);
  return answer(docs, new Map(caller.name ? [[ctx.openid, caller.name]] : []), true);
}

/** A director of the report's organisation (or above) registers it as a case. */
export async function convertReport(input: z.infer<typeof ConvertReportInput>, ctx: Ctx): Promise<ConvertResult> {
  const { db } = ctx.deps;
  // The report with the caller's record and the report's conversion (if any) joined: one request.
  const [read, dir] = await Promise.all([
    getDocJoined<BrewingDoc, 'caller' | 'conversion'>(db, BREWING, input.reportId, {
      caller: { from: 'users', where: { _id: ctx.openid }, limit: 1 },
      conversion: { from: CONVERSIONS, where: { _id: input.reportId }, limit: 1 },
    }),
    loadDirectory(db),
  ]);
  if (!read) throw AppError.of('NOT_FOUND');
  const report = read.doc;
  const caller = callerFrom(read.joined.caller as unknown as UserRecord[], ctx.openid);
  if (!caller.roles.some((g) => g.role === 'director' && isInSubtree(dir.tree, g.orgId, report.orgId))) throw AppError.of('FORBIDDEN');
  const key = requestKey(ctx.openid, 'report.convertReport', ctx.requestId!);
  const conversion = read.joined.conversion[0] as unknown as { requestKey: string } | undefined;
  if (conversion && conversion.requestKey !== key) throw new AppError('ALREADY_CONVERTED', '该报告已转为案件');
  const result = await registerCase(
    ctx,
    'report.convertReport',
    input,
    {
      category: report.category,
      involvesPersonalRelations: false,
      summary: report.description,
      wants: input.wants,
      communityId: report.communityId,
      applicants: input.applicants,
      respondents: input.respondents,
      ...(report.peopleInvolved !== undefined && report.peopleInvolved >= 2 ? { peopleInvolved: report.peopleInvolved } : {}),
      risk: report.risk,
      riskSignals: [],
      otherCommunityIds: [],
      preferredTimes: [],
      evidenceFileIds: [],
      shareWithOtherOrgs: input.shareWithOtherOrgs,
    },
    async () => ({
      // The officer who found the dispute is its first-inquiry person; the director's step is recorded beside it.
      actor: { userId: report.officerId, orgId: report.orgId, roles: ['info_officer'] },
      source: 'info_officer',
      orgId: report.orgId,
      consentNote: `信息员上报，经${caller.name ?? '主任'}核实后登记，当事人同意`,
      // Only one case per report: a second conversion meets this document and the whole step is undone.
      inserts: [{ collection: CONVERSIONS, id: report._id, data: { requestKey: key, by: ctx.openid, at: ctx.now.toISOString() } }],
    }),
  );
  // A replay (the same request answered again) finds the report already marked and leaves it as it was.
  if (report.status !== 'converted' || report.caseId !== result.caseId) {
    await db.collection(BREWING).doc(report._id).update({ data: { status: 'converted', caseId: result.caseId, convertedBy: ctx.openid, convertedAt: ctx.now.toISOString() } });
  }
  return { ...result, reportId: report._id };
}

/** The director's (or supervisor's) list: who filed this month's screening report, who has not, who is late. */
export async function lateReports(input: z.infer<typeof LateReportsInput>, ctx: Ctx): Promise<LateReportsAnswer> {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  // Without an organisation named, the caller's default one: their record is read first.
  const known = input.orgId ? undefined : await loadCaller(db, ctx.openid);
  const orgId = input.orgId ?? defaultOrgOf(known!);
  if (!orgId) throw AppError.of('FORBIDDEN');
  if (!dir.orgs.has(orgId)) throw AppError.of('NOT_FOUND');
  const month = input.month ?? currentMonth(ctx.now);
  const ids = subtree(dir.tree, orgId).map((o) => o.id);
  const _ = db.command;
  // The subtree's staff come with the caller's own record (one query); nothing is answered before the caller's
  // grants over the organisation are checked.
  const [users, filed] = await Promise.all([
    readAllPages<UserRecord>((skip, limit) =>
      db
        .collection('users')
        .where(known ? { 'roles.orgId': _.in(ids) } : _.or([{ _id: ctx.openid }, { 'roles.orgId': _.in(ids) }]))
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(limit),
    ),
    readAllPages<ScreeningDoc>((skip, limit) => db.collection(SCREENINGS).where({ month, orgId: _.in(ids) }).orderBy('_id', 'asc').skip(skip).limit(limit)),
  ]);
  // Who is late is the director's business (as in report.figures); a supervisor sees which organisations.
  const personal = viewerOver(known ?? callerFrom(users, ctx.openid), dir, orgId) === 'director';
  const officers = users.flatMap((u) => (u.roles ?? []).filter((g) => g.role === 'officer' && ids.includes(g.orgId)).map((g) => ({ userId: u._id, orgId: g.orgId, name: u.name ?? '信息员' })));
  const nameOf = new Map(officers.map((o) => [o.userId, o.name]));
  const missing = missingScreenings(officers, new Set(filed.map((f) => f.officerId)), month, ctx.now.toISOString());
  return {
    orgId,
    month,
    dueAt: screeningDueAt(month),
    filed: filed
      .map((f) => ({
        ...(personal ? { userId: f.officerId, name: nameOf.get(f.officerId) ?? '信息员' } : {}),
        orgName: orgName(dir, f.orgId),
        filedAt: f.filedAt,
        filedOn: chinaDateOf(f.filedAt),
        zero: f.zero,
        total: f.total,
        late: f.late,
      }))
      .sort((a, b) => a.filedAt.localeCompare(b.filedAt)),
    missing: missing.map((m) => ({
      orgId: m.orgId,
      state: m.state,
      dueAt: m.dueAt,
      ...(personal ? { userId: m.userId, name: nameOf.get(m.userId) ?? '信息员' } : {}),
      orgName: orgName(dir, m.orgId),
    })),
  };
}
