// The registers that are not about cases (三册一本, seed 001): 调解组织登记册 (the organisations of an area) and
// 调解人员登记册 (their mediators and directors, with training records from the deployment file), and the month's
// subsidy ledger (调解员以案定补补贴发放表) as the director approved it. Rows are pure (the *Rows functions); the
// spreadsheet is written by the same registerWorkbook as the case registers. These name staff, never parties,
// so the justice office, which keeps the rosters on file (登记备案), gets them whole.
import type { z } from 'zod';
import type { OrgKind, OrgLevel } from '../../domain/org/tree';
import { subtree } from '../../domain/org/tree';
import { chinaDateOf } from '../../domain/shared/time';
import { queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { RoleGrant } from '../cases/caller';
import { loadCaller } from '../cases/caller';
import { loadDirectory, orgName, type Directory } from '../cases/org-cache';
import { STAFF_ROLE_LABEL } from '../org/index';
import type { Cell, RegisterSheet } from './registers';
import { storeGenerated } from './files';
import { registerWorkbook } from './xlsx';
import { authoriseOrg, defaultOrgOf } from './scope';
import { ledgerForFile, previousMonth } from './subsidies';
import { currentMonth } from './common';
import type { RegisterInput } from './schemas';
import type { FileAnswer, LedgerView } from './report.types';

type Ctx = RequestContext<ServerDeps>;

export type RosterKind = 'subsidies' | 'organisations' | 'mediators';

export const ROSTER_TITLE: Record<RosterKind, string> = {
  organisations: '调解组织登记册',
  mediators: '调解人员登记册',
  subsidies: '调解员以案定补补贴发放表',
};

export const isRosterKind = (kind: string): kind is RosterKind => kind in ROSTER_TITLE;

const LEVEL_LABEL: Record<OrgLevel, string> = { district: '区（县）级', street: '街道（乡镇）级', community: '社区（村）级' };
const KIND_LABEL: Record<OrgKind, string> = { general: '综合性调委会', specialised: '行业性、专业性调委会' };

/** A training a member of staff attended (deployment file: `staff[].trainings`). */
export interface Training {
  date: string;
  hours: number;
  topic: string;
}

export interface StaffRecord {
  id: string;
  name?: string;
  roles: RoleGrant[];
  trainings?: Training[];
}

export function organisationRows(dir: Directory, orgIds: string[], staff: StaffRecord[]): RegisterSheet {
  const holders = (orgId: string, role: string) => staff.filter((s) => s.roles.some((r) => r.orgId === orgId && r.role === role));
  const rows = orgIds.map((id, i): Cell[] => {
    const o = dir.orgs.get(id)!;
    return [
      i + 1,
      o.name,
      LEVEL_LABEL[o.level],
      KIND_LABEL[o.kind],
      o.parentId ? orgName(dir, o.parentId) : '',
      o.communityIds.map((c) => dir.communities.get(c)?.name ?? c).join('、') || '全区',
      o.categories.map(dir.settings.categories.label).join('、'),
      o.address,
      o.phone,
      holders(id, 'director').map((s) => s.name ?? '').join('、'),
      holders(id, 'mediator').length,
    ];
  });
  return {
    title: ROSTER_TITLE.organisations,
    columns: ['序号', '组织名称', '层级', '类别', '上级组织', '服务区域', '受理纠纷类型', '地址', '联系电话', '主任', '调解员人数'],
    widths: [6, 26, 14, 20, 24, 30, 36, 30, 14, 12, 10],
    rows,
  };
}

/** One row per person and organisation where they direct or mediate, with their trainings. */
export function mediatorRows(dir: Directory, orgIds: string[], staff: StaffRecord[]): RegisterSheet {
  const rows: Cell[][] = [];
  for (const orgId of orgIds) {
    const here = staff
      .map((s) => ({ s, roles: s.roles.filter((r) => r.orgId === orgId && (r.role === 'director' || r.role === 'mediator')) }))
      .filter((x) => x.roles.length)
      .sort((a, b) => (a.s.name ?? '').localeCompare(b.s.name ?? '', 'zh') || a.s.id.localeCompare(b.s.id));
    for (const { s, roles } of here) {
      const trainings = [...(s.trainings ?? [])].sort((a, b) => a.date.localeCompare(b.date));
      rows.push([
        rows.length + 1,
        s.name ?? '',
        orgName(dir, orgId),
        roles.map((r) => STAFF_ROLE_LABEL[r.role as keyof typeof STAFF_ROLE_LABEL]).join('、'),
        trainings.length,
        trainings.reduce((h, t) => h + t.hours, 0),
        trainings.map((t) => `${t.date} ${t.topic}（${t.hours}学时）`).join('；'),
      ]);
    }
  }
  return {
    title: ROSTER_TITLE.mediators,
    columns: ['序号', '姓名', '所在调解组织', '职务', '培训次数', '培训学时', '培训记录'],
    widths: [6, 12, 26, 16, 10, 10, 60],
    rows,
  };
}

export function ledgerRows(view: LedgerView): RegisterSheet {
  const rows: Cell[][] = [];
  for (const m of view.mediators) {
    for (const l of m.lines) {
      rows.push([
        rows.length + 1,
        m.name,
        l.caseNo,
        l.categoryLabel,
        l.outcomeLabel,
        l.closedDate,
        l.parties,
        l.highRisk ? '是' : '',
        l.baseYuan,
        l.severalPartiesYuan,
        l.highRiskYuan,
        l.amountYuan,
        l.excludedLabel ?? '',
      ]);
    }
    rows.push(['', `${m.name} 小计`, `计补 ${m.countedCases} 件`, '', '', '', '', '', '', '', '', m.totalYuan, m.capped ? `按每月上限 ${view.rates.monthlyCapYuan} 元（合计 ${m.subtotalYuan} 元）` : '']);
  }
  rows.push(['', '合计', '', '', '', '', '', '', '', '', '', view.totalYuan, '']);
  return {
    title: ROSTER_TITLE.subsidies,
    columns: ['序号', '调解员', '案件编号', '纠纷类型', '结案方式', '结案日期', '当事人数', '紧急/高风险', '基础补贴（元）', '多方加补（元）', '风险加补（元）', '金额（元）', '说明'],
    widths: [6, 12, 18, 14, 12, 12, 10, 12, 12, 12, 12, 12, 36],
    rows,
  };
}

async function staffOf(ctx: Ctx, orgIds: string[]): Promise<StaffRecord[]> {
  const _ = ctx.deps.db.command;
  const out: StaffRecord[] = [];
  for (let i = 0; i < orgIds.length; i += 50) {
    const docs = await queryDocs<{ _id: string; name?: string; roles?: RoleGrant[]; trainings?: Training[] }>(
      ctx.deps.db.collection('users').where({ 'roles.orgId': _.in(orgIds.slice(i, i + 50)) }).limit(1000),
    );
    for (const d of docs) if (!out.some((s) => s.id === d._id)) out.push({ id: d._id, name: d.name, roles: d.roles ?? [], trainings: d.trainings });
  }
  return out;
}

/** `report.register` for the rosters and the ledger. */
export async function rosterRegister(input: z.infer<typeof RegisterInput> & { kind: RosterKind }, ctx: Ctx): Promise<FileAnswer> {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  const today = chinaDateOf(ctx.now.toISOString());
  if (input.kind === 'subsidies') return subsidyFile(input, ctx, dir, today);
  const orgId = input.orgId ?? defaultOrgOf(await loadCaller(db, ctx.openid));
  if (!orgId) throw AppError.of('FORBIDDEN');
  const { viewer } = await authoriseOrg(db, ctx.openid, dir, orgId);
  const orgIds = subtree(dir.tree, orgId).map((o) => o.id);
  const staff = await staffOf(ctx, orgIds);
  const sheet = input.kind === 'organisations' ? organisationRows(dir, orgIds, staff) : mediatorRows(dir, orgIds, staff);
  const content = registerWorkbook(sheet, `填报单位：${orgName(dir, orgId)}（含下级组织）    截至：${today}`, ctx.now);
  const saved = await storeGenerated(ctx, 'xlsx', content, { kind: input.kind, orgId, at: today, viewer });
  return { ...saved, fileName: `${ROSTER_TITLE[input.kind]}-${orgName(dir, orgId)}-${today}.xlsx`, size: sheet.rows.length };
}

async function subsidyFile(input: z.infer<typeof RegisterInput>, ctx: Ctx, dir: Directory, today: string): Promise<FileAnswer> {
  // The same people as report.subsidyLedger: directors of the organisation itself, supervisors of the area.
  const caller = await loadCaller(ctx.deps.db, ctx.openid);
  const orgId = input.orgId ?? caller.roles.find((g) => g.role === 'director')?.orgId ?? caller.roles.find((g) => g.role === 'supervisor')?.orgId;
  if (!orgId) throw AppError.of('FORBIDDEN');
  const { viewer } = await authoriseOrg(ctx.deps.db, ctx.openid, dir, orgId);
  if (viewer === 'director' && !caller.roles.some((g) => g.role === 'director' && g.orgId === orgId)) throw AppError.of('FORBIDDEN');
  const month = input.month ?? previousMonth(ctx.now);
  if (month > currentMonth(ctx.now)) throw new AppError('VALIDATION_FAILED', '以后的月份还没有数据', { month: '请选择本月或以前的月份' });
  const { view, approved } = await ledgerForFile(ctx, dir, orgId, month);
  const sheet = ledgerRows(view);
  const state = approved ? `已于 ${chinaDateOf(approved.approvedAt)} 由 ${approved.approvedByName} 审核通过` : '未审核（仅供核对，不作发放依据）';
  const content = registerWorkbook(sheet, `填报单位：${orgName(dir, orgId)}    月份：${month}    ${state}    制表日期：${today}`, ctx.now);
  const saved = await storeGenerated(ctx, 'xlsx', content, { kind: 'subsidies', orgId, month, viewer, approved: Boolean(approved) });
  return { ...saved, fileName: `${ROSTER_TITLE.subsidies}-${orgName(dir, orgId)}-${month}${approved ? '' : '（未审核）'}.xlsx`, size: sheet.rows.length };
}
