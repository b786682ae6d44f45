// 调解员考核与补贴: each mediator's figures for a month, and the month's subsidy ledger (以案定补) the director
// reviews and approves. An approved month is stored once (`subsidy_ledgers`, id `<orgId>:<month>`, names as they
// were) and answered from then on as stored: cases reopened, rates changed or staff renamed later change nothing.
// Who: directors of the organisation itself (its own mediators' pay is its own business, not a parent's);
// the justice office whose area includes it reads, never approves. The ledger names mediators and case numbers
// only — no parties, no dispute text — so the justice office, which pays, sees it whole.
import type { z } from 'zod';
import { OUTCOME_LABEL } from '../../domain/case/labels';
import { isInSubtree } from '../../domain/org/tree';
import { chinaDateOf } from '../../domain/shared/time';
import {
  computeMediatorFigures,
  computeSubsidyLedger,
  mediatorMonthKeys,
  MONTH_CASE_FIELDS,
  type MonthCase,
  parsePeriod,
  SUBSIDY_EXCLUSION_LABEL,
  type Period,
  type SubsidyLedger,
} from '../../domain/stats';
import { aggregateAllPages, getDoc, queryDocs } from '../kernel/db';
import { getDocJoined } from '../kernel/joined-read';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { commit } from '../kernel/unit-of-work';
import { callerOf, loadCaller, type Caller, type RoleGrant } from '../cases/caller';
import { loadDirectory, orgName, type Directory } from '../cases/org-cache';
import { CASES, requestKey } from '../cases/store';
import { currentMonth, staffNames } from './common';
import type { ApproveSubsidiesInput, SubsidyLedgerInput } from './schemas';
import type { LedgerView, MediatorsAnswer, ReportViewer } from './report.types';

type Ctx = RequestContext<ServerDeps>;

export const SUBSIDY_LEDGERS = 'subsidy_ledgers';

/** An approved month, as stored: the ledger with the names it was approved under. */
export interface ApprovedLedgerDoc {
  _id: string;
  orgId: string;
  month: string;
  ledger: SubsidyLedger;
  names: Record<string, string>;
  approvedBy: string;
  approvedByName: string;
  approvedAt: string;
  /** The approving request: its retry answers the approved month instead of a refusal. */
  requestKey: string;
}

export const ledgerIdOf = (orgId: string, month: string) => `${orgId}:${month}`;

/** The month before `now`'s (China time): the last one that can be approved. */
export function previousMonth(now: Date): string {
  const [y, m] = currentMonth(now).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Directors of the organisation itself; supervisors whose area includes it (read-only). */
function viewerOf(caller: Caller, dir: Directory, orgId: string): ReportViewer | undefined {
  if (caller.roles.some((g) => g.role === 'director' && g.orgId === orgId)) return 'director';
  if (caller.roles.some((g) => g.role === 'supervisor' && isInSubtree(dir.tree, g.orgId, orgId))) return 'supervisor';
  return undefined;
}

/**
 * Who asks about which organisation's month, with what the month needs besides its cases: the caller's record
 * with the organisation's staff and the month's approved ledger joined — one request (two when no organisation
 * is named: the caller's default one is read first). No record, no roles: refused.
 */
async function scopeOf(ctx: Ctx, orgIdIn: string | undefined, month: string) {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  const named = orgIdIn ? undefined : await loadCaller(db, ctx.openid);
  const orgId = orgIdIn ?? named!.roles.find((g) => g.role === 'director')?.orgId ?? named!.roles.find((g) => g.role === 'supervisor')?.orgId;
  if (!orgId) throw AppError.of('FORBIDDEN');
  if (!dir.orgs.has(orgId)) throw AppError.of('NOT_FOUND');
  const read = await getDocJoined<StaffUser, 'staff' | 'approved'>(db, 'users', ctx.openid, {
    staff: { from: 'users', where: { 'roles.orgId': orgId }, limit: 200, fields: ['name', 'roles'] },
    approved: { from: SUBSIDY_LEDGERS, where: { _id: ledgerIdOf(orgId, month) }, limit: 1 },
  });
  const caller = callerOf(ctx.openid, read?.doc);
  const viewer = viewerOf(caller, dir, orgId);
  if (!viewer) throw AppError.of('FORBIDDEN');
  const staff = (read!.joined.staff as unknown as StaffUser[]).filter((u) => (u.roles ?? []).some((r) => r.orgId === orgId && r.role === 'mediator'));
  const approved = read!.joined.approved[0] as unknown as ApprovedLedgerDoc | undefined;
  return { caller, dir, orgId, viewer, staff: staff.map((u) => ({ id: u._id, name: u.name })), approved };
}

type StaffUser = { _id: string; name?: string; roles?: RoleGrant[] };

function monthPeriod(month: string): Period {
  const p = parsePeriod(month);
  if (!p) throw new AppError('VALIDATION_FAILED', '月份不正确', { month: '月份格式应为 2026-03' });
  return p;
}

/** The organisation's mediators now (a staff list with the mediator role there), with their names. */
export async function mediatorsOf(db: Database, orgId: string): Promise<Array<{ id: string; name?: string }>> {
  const users = await queryDocs<{ _id: string; name?: string; roles?: RoleGrant[] }>(db.collection('users').where({ 'roles.orgId': orgId }).limit(200));
  return users.filter((u) => (u.roles ?? []).some((r) => r.orgId === orgId && r.role === 'mediator')).map((u) => ({ id: u._id, name: u.name }));
}

/**
 * The cases the organisation holds (responsible for) that its month can read — accepted or closed in the month,
 * accepted and still open, rated or return-visited in the month — through their keys (domain/stats/register-keys.ts),
 * oldest registration first: one read per 1,000, however many months the organisation has held cases.
 */
async function casesOfMonth(db: Database, orgId: string, period: Period): Promise<MonthCase[]> {
  const _ = db.command;
  const keys = mediatorMonthKeys(orgId, period.key);
  const docs = await aggregateAllPages<{ _id: string; case: MonthCase; responsibleOrgId: string; registeredAt: string }>(db, CASES, {
    where: { registerKeys: _.in(keys) },
    orderBy: [['_id', 'asc']],
    fields: MONTH_FIELDS,
  });
  return docs
    .filter((d) => d.responsibleOrgId === orgId && d.registeredAt < period.to)
    .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a._id.localeCompare(b._id))
    .map((d) => d.case);
}

/** Only what a month's figures and ledger read of each case (a month is several hundred cases on every read). */
const MONTH_FIELDS: Record<string, true> = Object.fromEntries([...MONTH_CASE_FIELDS.map((f) => `case.${f}`), 'responsibleOrgId', 'registeredAt'].map((f) => [f, true]));

/**
 * The month computed from the cases as they are now. `staffIn`: the organisation's mediators with their names,
 * when already read; names of anyone else on the month's cases (a mediator since moved on) are read only then.
 */
async function liveMonth(ctx: Ctx, dir: Directory, orgId: string, period: Period, staffIn?: Array<{ id: string; name?: string }>) {
  const { db } = ctx.deps;
  const [cases, staff] = await Promise.all([casesOfMonth(db, orgId, period), staffIn ?? mediatorsOf(db, orgId)]);
  const ids = staff.map((s) => s.id);
  const figures = computeMediatorFigures(cases, ids, period);
  const ledger = computeSubsidyLedger(cases, { orgId, period, mediatorIds: ids, rates: dir.settings.rules.subsidy });
  const names = new Map(staff.flatMap((s) => (s.name ? [[s.id, s.name] as const] : [])));
  const others = [...figures.map((f) => f.mediatorId), ...ledger.mediators.map((m) => m.mediatorId)].filter((id) => !ids.includes(id));
  for (const [id, name] of others.length ? await staffNames(db, others) : []) names.set(id, name);
  return { figures, ledger, names };
}

function ledgerView(ledger: SubsidyLedger, name: (id: string) => string, dir: Directory): LedgerView {
  return {
    totalYuan: ledger.totalYuan,
    rates: ledger.rates,
    mediators: ledger.mediators.map((m) => ({
      ...m,
      name: name(m.mediatorId),
      lines: m.lines.map((l) => ({
        ...l,
        categoryLabel: dir.settings.categories.label(l.category),
        outcomeLabel: OUTCOME_LABEL[l.outcome],
        closedDate: chinaDateOf(l.closedAt),
        ...(l.excluded ? { excludedLabel: SUBSIDY_EXCLUSION_LABEL[l.excluded] } : {}),
      })),
    })),
  };
}

/** `report.subsidyLedger`: the month's figures per mediator and its ledger, approved (as stored) or not yet. */
export async function subsidyLedger(input: z.infer<typeof SubsidyLedgerInput>, ctx: Ctx): Promise<MediatorsAnswer> {
  const month = input.month ?? previousMonth(ctx.now);
  const { dir, orgId, viewer, staff, approved } = await scopeOf(ctx, input.orgId, month);
  if (month > currentMonth(ctx.now)) throw new AppError('VALIDATION_FAILED', '以后的月份还没有数据', { month: '请选择本月或以前的月份' });
  const period = monthPeriod(month);
  const live = await liveMonth(ctx, dir, orgId, period, staff);
  return ledgerAnswer(ctx, dir, orgId, month, viewer, live, approved);
}

/** The month's figures and its ledger (the approved one when there is one) as the page shows them. */
function ledgerAnswer(
  ctx: Ctx,
  dir: Directory,
  orgId: string,
  month: string,
  viewer: MediatorsAnswer['viewer'],
  live: Awaited<ReturnType<typeof liveMonth>>,
  approved: Pick<ApprovedLedgerDoc, 'ledger' | 'names' | 'approvedByName' | 'approvedAt'> | undefined,
): MediatorsAnswer {
  const period = monthPeriod(month);
  const liveName = (id: string) => live.names.get(id) ?? '调解员';
  const ended = period.to <= ctx.now.toISOString();
  return {
    orgId,
    orgName: orgName(dir, orgId),
    month,
    monthLabel: period.label,
    viewer,
    mediators: live.figures.map((f) => ({ ...f, name: liveName(f.mediatorId) })),
    ledger: approved ? ledgerView(approved.ledger, (id) => approved.names[id] ?? '调解员', dir) : ledgerView(live.ledger, liveName, dir),
    state: approved ? 'approved' : ended ? 'ready' : 'open',
    ...(approved ? { approved: { byName: approved.approvedByName, at: approved.approvedAt } } : {}),
    canApprove: viewer === 'director' && !approved && ended,
  };
}

/** `report.approveSubsidies`: a director of the organisation approves an ended month's ledger, once. */
export async function approveSubsidies(input: z.infer<typeof ApproveSubsidiesInput>, ctx: Ctx): Promise<MediatorsAnswer> {
  const { db } = ctx.deps;
  const { caller, dir, orgId, viewer, staff, approved: existing } = await scopeOf(ctx, input.orgId, input.month);
  if (viewer !== 'director') throw AppError.of('FORBIDDEN');
  const period = monthPeriod(input.month);
  if (period.to > ctx.now.toISOString()) throw new AppError('SUBSIDY_MONTH_OPEN', `${period.label}还没有结束，月底后才能审核补贴`);
  const id = ledgerIdOf(orgId, input.month);
  const refuse = (doc: ApprovedLedgerDoc) =>
    new AppError('SUBSIDY_ALREADY_APPROVED', `${period.label}的补贴已于${chinaDateOf(doc.approvedAt)}由${doc.approvedByName}审核通过，不能再更改`);
  const key = requestKey(ctx.openid, 'report.approveSubsidies', ctx.requestId!);
  if (existing?.requestKey === key) return subsidyLedger({ orgId, month: input.month }, ctx);
  if (existing) throw refuse(existing);
  const live = await liveMonth(ctx, dir, orgId, period, staff);
  const names: Record<string, string> = {};
  for (const m of live.ledger.mediators) names[m.mediatorId] = live.names.get(m.mediatorId) ?? '调解员';
  const doc: Omit<ApprovedLedgerDoc, '_id'> = {
    orgId,
    month: input.month,
    ledger: live.ledger,
    names,
    approvedBy: ctx.openid,
    approvedByName: caller.name ?? '主任',
    approvedAt: ctx.now.toISOString(),
    requestKey: key,
  };
  try {
    await commit(db, { writes: [], inserts: [{ collection: SUBSIDY_LEDGERS, id, data: doc as unknown as Record<string, unknown> }] });
  } catch (e) {
    // Two approvals raced: the store kept the first.
    if ((e as { code?: string }).code === 'CONFLICT') {
      const won = await getDoc<ApprovedLedgerDoc>(db, SUBSIDY_LEDGERS, id);
      if (won) throw refuse(won);
    }
    throw e;
  }
  // Answered from what was just written (and the month already read), not by reading it all again.
  return ledgerAnswer(ctx, dir, orgId, input.month, viewer, live, doc);
}

/** The ledger a file prints: the approved one when there is one, else the month as it stands (marked 未审核). */
export async function ledgerForFile(ctx: Ctx, dir: Directory, orgId: string, month: string) {
  const approved = await getDoc<ApprovedLedgerDoc>(ctx.deps.db, SUBSIDY_LEDGERS, ledgerIdOf(orgId, month));
  if (approved) return { view: ledgerView(approved.ledger, (id) => approved.names[id] ?? '调解员', dir), approved };
  const live = await liveMonth(ctx, dir, orgId, monthPeriod(month));
  return { view: ledgerView(live.ledger, (id) => live.names.get(id) ?? '调解员', dir), approved: undefined };
}
