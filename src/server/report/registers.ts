// The registers (台账) offices keep, as rows built from the case records alone: pure functions from cases to
// rows of Chinese cell values, kept apart from the spreadsheet writing (xlsx.ts). Column sets follow the
// district's sample registers: 来访登记表, 案件受理登记册, 调解案件登记册, 调解案件卷宗登记册, 调解简易案件登记表,
// and the month's summary (月度统计汇总表). A reader without access to personal data (a supervisor) gets each
// register without the columns that hold it — names of parties and staff, phone numbers, dispute text,
// agreement terms — and rows that never computed them.
import type { Agreement } from '../../domain/agreement/content';
import type { Party, PerformanceItem, ReturnVisit, SessionRecord } from '../../domain/case/model';
import { AUTHORITY_LABEL } from '../../domain/config/rules';
import { OUTCOME_LABEL, RETURN_VISIT_RESULT_LABEL, SOURCE_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { chinaDateOf } from '../../domain/shared/time';
import { isInPeriod, mediationConcludedAt, wasTransferred, type Figures, type KeyedRegister, type Period, type SlimCase } from '../../domain/stats';

export type RegisterKind = 'visits' | 'acceptance' | 'mediation' | 'files' | 'simple' | 'summary';

export const REGISTER_TITLE: Record<RegisterKind, string> = {
  visits: '来访登记表',
  acceptance: '案件受理登记册',
  mediation: '调解案件登记册',
  files: '调解案件卷宗登记册',
  simple: '调解简易案件登记表',
  summary: '矛盾纠纷调解月度统计汇总表',
};

export type Cell = string | number;

// The part of a case the registers read. The database answers a register's cases with only the fields that
// register shows (REGISTER_FIELDS, a projection), not the sessions' records, the agreement's text but its terms, the parties'
// details but their names, or the triage: a month's register decodes a few hundred cases on every read, and the whole
// case was most of the register's time. The type keeps the builders below to what is read: a field they would need
// besides is a compile error, not a blank column.
const TOP = [
  'caseId',
  'caseNo',
  'source',
  'category',
  'summary',
  'status',
  'outcome',
  'registeredAt',
  'rightsNoticeAt',
  'acceptedAt',
  'closedAt',
  'responsibleOrgId',
  'mediatorId',
  'mediationDueAt',
] as const;

interface Nested {
  parties: ReadonlyArray<Pick<Party, 'partyId' | 'role' | 'name'>>;
  firstInquiry: { orgId: string; personId?: string };
  sessions: ReadonlyArray<Pick<SessionRecord, 'kind'>>;
  agreement?: Pick<Agreement, 'form' | 'effectiveAt'> & { content: { terms: string[] } };
  performanceItems?: ReadonlyArray<Pick<PerformanceItem, 'doneAt'>>;
  returnVisits: ReadonlyArray<Pick<ReturnVisit, 'at' | 'by' | 'result' | 'satisfaction'>>;
}

/** A case as the registers read it; every full `Case` is one. */
export type RegisterCase = SlimCase<(typeof TOP)[number], Nested>;
type ClosedRegisterCase = Extract<RegisterCase, { status: 'closed' }>;

/** What every register reads, and what the register read needs of a case whoever it names (the people looked up). */
const COMMON = ['caseId', 'caseNo', 'status', 'category', 'responsibleOrgId', 'mediatorId', 'parties.role', 'parties.name', 'firstInquiry.orgId', 'firstInquiry.personId', 'returnVisits.by'];
/** What the closing columns read: how mediation ended, the file's papers. */
const ENDING = ['outcome', 'acceptedAt', 'closedAt', 'sessions.kind', 'agreement.form', 'agreement.effectiveAt'];

/**
 * The projection each register reads its cases with: field paths under the stored document's `case`, each list a
 * part of what RegisterCase types (the acceptance register has no use for sessions, visits or the agreement).
 */
export const REGISTER_FIELDS: Record<KeyedRegister, readonly string[]> = {
  visits: [...COMMON, 'registeredAt', 'source', 'summary', 'parties.partyId', 'outcome', 'acceptedAt'],
  acceptance: [...COMMON, 'acceptedAt', 'source', 'summary', 'mediationDueAt'],
  mediation: [...COMMON, ...ENDING, 'performanceItems.doneAt', 'returnVisits.at', 'returnVisits.result', 'returnVisits.satisfaction'],
  files: [...COMMON, ...ENDING, 'registeredAt', 'rightsNoticeAt'],
  simple: [...COMMON, 'summary', 'agreement.form', 'agreement.effectiveAt', 'agreement.content.terms', 'performanceItems.doneAt'],
};


/** Names and numbers as this reader may see them. */
export interface RowContext {
  orgName(orgId: string | undefined): string;
  /** A staff member's name, or '' when the reader may not see it. */
  personName(userId: string | undefined): string;
  /** A party's phone number, masked (138****1234), or '' when none is kept or the reader may not see it. */
  maskedMobile(c: RegisterCase, partyId: string): string;
  /** Whether the reader may see personal data (directors: yes; supervisors: no — not even masked names). */
  personal: boolean;
  /** The deployment's name of a category (its own categories included). */
  categoryLabel(code: string): string;
  /** A closed case's archive number (卷宗号) and how many papers its file lists, when it was filed. */
  archiveOf?(caseId: string): { archiveNo: string; papers: string[] } | undefined;
}

export interface RegisterSheet {
  title: string;
  columns: string[];
  widths: number[];
  rows: Cell[][];
}

const date = (instant: string | undefined) => (instant ? chinaDateOf(instant) : '');
const names = (c: RegisterCase, role: 'applicant' | 'respondent', rc: RowContext) =>
  rc.personal
    ? c.parties
        .filter((p) => p.role === role)
        .map((p) => p.name)
        .join('、')
    : '';
/** The dispute as the parties told it: free text, personal by nature. */
const disputeText = (c: RegisterCase, rc: RowContext) => (rc.personal ? c.summary : '');
const numbered = (rows: Cell[][]): Cell[][] => rows.map((r, i) => [i + 1, ...r]);

/** How the first-inquiry organisation dealt with the request (处理方式). */
export function handling(c: RegisterCase): string {
  if (c.status === 'closed' && c.outcome === 'referred') return '告知引导';
  if (wasTransferred(c)) return c.status === 'transferring' ? '转办（待签收）' : '转办';
  if (c.status === 'awaiting_designation') return '报请上级指定';
  if (c.acceptedAt) return '受理';
  if (c.status === 'closed') return OUTCOME_LABEL[c.outcome];
  return '待分流';
}

/** 调解结果 as the registers word it. */
export function mediationResult(c: RegisterCase): string {
  if (c.agreement?.effectiveAt) return c.agreement.form === 'oral' ? '达成口头协议' : '达成书面协议';
  if (c.status === 'closed') return OUTCOME_LABEL[c.outcome];
  return '调解中';
}

export function performanceState(c: RegisterCase): string {
  const items = c.performanceItems ?? [];
  if (!c.agreement?.effectiveAt || !items.length) return '';
  const done = items.filter((i) => i.doneAt).length;
  return done === items.length ? '已履行' : done ? `部分履行（${done}/${items.length}）` : '未履行';
}

const VISIT_RESULT: Record<ReturnVisit['result'], string> = RETURN_VISIT_RESULT_LABEL;

export function returnVisitSummary(c: RegisterCase, rc: RowContext): string {
  return c.returnVisits
    .map((v) => {
      const who = rc.personName(v.by);
      return `${date(v.at)}${who ? ` ${who}` : ''}：${VISIT_RESULT[v.result]}${v.satisfaction ? `，满意度${v.satisfaction}分` : ''}`;
    })
    .join('；');
}

/** The papers in the case file (卷宗), in filing order. */
export function fileContents(c: RegisterCase): string[] {
  const papers = ['案件受理登记'];
  if (wasTransferred(c)) papers.push('转办通知书');
  if (c.rightsNoticeAt || c.acceptedAt) papers.push('权利义务告知书');
  const sessions = c.sessions.filter((s) => s.kind === 'session').length;
  const investigations = c.sessions.filter((s) => s.kind === 'investigation').length;
  if (investigations) papers.push(`调查记录${investigations}份`);
  if (sessions) papers.push(`调解笔录${sessions}份`);
  if (c.agreement?.effectiveAt) papers.push(c.agreement.form === 'oral' ? '口头协议登记' : '人民调解协议书');
  if (c.returnVisits.length) papers.push(`回访记录${c.returnVisits.length}份`);
  if (c.status === 'closed' && c.outcome === 'referred') papers.push('告知引导书');
  return papers;
}

function visits(cases: RegisterCase[], p: Period, rc: RowContext): RegisterSheet {
  const rows = cases
    .filter((c) => isInPeriod(p, c.registeredAt))
    .map((c): Cell[] => [
      date(c.registeredAt),
      c.caseNo,
      SOURCE_LABEL[c.source],
      names(c, 'applicant', rc),
      c.parties.filter((x) => x.role === 'applicant').map((x) => rc.maskedMobile(c, x.partyId)).filter(Boolean).join('、'),
      names(c, 'respondent', rc),
      rc.categoryLabel(c.category),
      disputeText(c, rc),
      rc.orgName(c.firstInquiry.orgId),
      rc.personName(c.firstInquiry.personId),
      handling(c),
      rc.orgName(c.responsibleOrgId),
    ]);
  return {
    title: REGISTER_TITLE.visits,
    columns: ['序号', '登记日期', '案件编号', '来访方式', '来访人（申请人）', '联系电话', '对方当事人', '纠纷类型', '纠纷简要情况', '首问责任单位', '首问责任人', '处理方式', '现承办单位'],
    widths: [6, 12, 18, 12, 14, 14, 14, 14, 40, 24, 10, 14, 24],
    rows: numbered(rows),
  };
}

function acceptance(cases: RegisterCase[], p: Period, rc: RowContext, inScope: (orgId: string) => boolean): RegisterSheet {
  const rows = cases
    .filter((c) => inScope(c.responsibleOrgId) && isInPeriod(p, c.acceptedAt))
    .map((c): Cell[] => [
      date(c.acceptedAt),
      c.caseNo,
      names(c, 'applicant', rc),
      names(c, 'respondent', rc),
      rc.categoryLabel(c.category),
      SOURCE_LABEL[c.source],
      disputeText(c, rc),
      rc.orgName(c.responsibleOrgId),
      rc.personName(c.mediatorId),
      date(c.mediationDueAt),
      STATUS_LABEL[c.status],
    ]);
  return {
    title: REGISTER_TITLE.acceptance,
    columns: ['序号', '受理日期', '案件编号', '申请人', '被申请人', '纠纷类型', '案件来源', '纠纷简要情况', '受理单位', '调解员', '调解期限', '办理状态'],
    widths: [6, 12, 18, 14, 14, 14, 12, 40, 24, 10, 12, 14],
    rows: numbered(rows),
  };
}

/** Accepted cases the organisation held during the period: accepted by its end and not closed before it. */
function heldDuring(c: RegisterCase, p: Period): boolean {
  if (!c.acceptedAt || c.acceptedAt >= p.to) return false;
  return !(c.status === 'closed' && c.closedAt < p.from);
}

function mediation(cases: RegisterCase[], p: Period, rc: RowContext, inScope: (orgId: string) => boolean): RegisterSheet {
  const rows = cases
    .filter((c) => inScope(c.responsibleOrgId) && heldDuring(c, p))
    .map((c): Cell[] => [
      c.caseNo,
      date(c.acceptedAt),
      names(c, 'applicant', rc),
      names(c, 'respondent', rc),
      rc.categoryLabel(c.category),
      rc.personName(c.mediatorId),
      c.sessions.filter((s) => s.kind === 'session').length,
      mediationResult(c),
      date(mediationConcludedAt(c)),
      performanceState(c),
      returnVisitSummary(c, rc),
      c.status === 'closed' ? date(c.closedAt) : '',
    ]);
  return {
    title: REGISTER_TITLE.mediation,
    columns: ['序号', '案件编号', '受理日期', '申请人', '被申请人', '纠纷类型', '调解员', '调解次数', '调解结果', '调结日期', '协议履行情况', '回访情况', '结案日期'],
    widths: [6, 18, 12, 14, 14, 14, 10, 10, 16, 12, 14, 36, 12],
    rows: numbered(rows),
  };
}

function files(cases: RegisterCase[], p: Period, rc: RowContext, inScope: (orgId: string) => boolean): RegisterSheet {
  const rows = cases
    .filter((c): c is ClosedRegisterCase => c.status === 'closed' && inScope(c.responsibleOrgId) && isInPeriod(p, c.closedAt))
    .map((c): Cell[] => {
      // A case filed when it closed (电子卷宗) is listed by its archive number and the papers its file holds.
      const filed = rc.archiveOf?.(c.caseId);
      const papers = filed ? filed.papers : fileContents(c);
      return [
        filed?.archiveNo ?? '',
        c.caseNo,
        rc.categoryLabel(c.category),
        [names(c, 'applicant', rc), names(c, 'respondent', rc)].filter(Boolean).join(' 与 '),
        rc.personName(c.mediatorId),
        date(c.acceptedAt ?? c.registeredAt),
        date(c.closedAt),
        OUTCOME_LABEL[c.outcome],
        papers.join('、'),
        papers.length,
        rc.orgName(c.responsibleOrgId),
      ];
    });
  return {
    title: REGISTER_TITLE.files,
    columns: ['序号', '卷宗号', '案件编号', '案由', '当事人', '调解员', '收案日期', '结案日期', '结案方式', '卷内文书', '文书件数', '立卷单位'],
    widths: [6, 20, 18, 14, 24, 10, 12, 12, 20, 50, 10, 24],
    rows: numbered(rows),
  };
}

/** Simple cases (简易案件): settled on the spot with an oral agreement (Art. 28). */
function simple(cases: RegisterCase[], p: Period, rc: RowContext, inScope: (orgId: string) => boolean): RegisterSheet {
  const rows = cases
    .filter((c) => inScope(c.responsibleOrgId) && c.agreement?.form === 'oral' && isInPeriod(p, c.agreement.effectiveAt))
    .map((c): Cell[] => [
      date(c.agreement!.effectiveAt),
      c.caseNo,
      [names(c, 'applicant', rc), names(c, 'respondent', rc)].filter(Boolean).join(' 与 '),
      rc.categoryLabel(c.category),
      disputeText(c, rc),
      rc.personal ? c.agreement!.content.terms.join('；') : '',
      performanceState(c),
      rc.personName(c.mediatorId),
    ]);
  return {
    title: REGISTER_TITLE.simple,
    columns: ['序号', '调解日期', '案件编号', '当事人', '纠纷类型', '纠纷简要情况', '协议内容', '履行情况', '调解员'],
    widths: [6, 12, 18, 24, 14, 40, 40, 12, 10],
    rows: numbered(rows),
  };
}

const pct = (r: { num: number; den: number; percent: number | null }) => (r.percent === null ? '—' : `${r.percent}%（${r.num}/${r.den}）`);

/** The month's summary: one row per figure, then the categories and the overdue list. */
export function summaryRows(f: Figures, rc: RowContext): Cell[][] {
  const rows: Cell[][] = [
    ['收案数', f.received],
    ['受理数', f.accepted],
    ['转办数', f.transferred],
    ['告知引导数', f.referred],
    ['调解数', f.mediated],
    ['调解成功数', f.successful],
    ['案结事了数', f.resolved],
    ['调解成功率', pct(f.successRate)],
    ['协议履行率', pct(f.performanceRate)],
    ['结案数', f.closed],
    ['平均办结天数', f.averageDaysToClose ?? '—'],
    ['按期办结率', pct(f.onTimeRate)],
    ['超期件次', f.overdue.total],
    ['化解在本级', pct(f.resolvedAtFirstLevel)],
    ['满意度评价（人次）', f.satisfaction.count],
    ['平均满意度（1–5分）', f.satisfaction.average ?? '—'],
    ['满意率', pct(f.satisfaction.satisfiedRate)],
  ];
  for (const c of f.byCategory) rows.push([`按类型：${rc.categoryLabel(c.category)}（收案/调解/成功）`, `${c.received}/${c.mediated}/${c.successful}`]);
  for (const s of f.bySource) rows.push([`按来源：${SOURCE_LABEL[s.source]}`, s.received]);
  rows.push(['移交调解（诉调/公调/检调/访调对接）', f.referralsIn.total], ['已回告移交单位', f.referralsIn.feedbackSent]);
  for (const a of f.referralsOut.byAuthority) rows.push([`告知引导至：${AUTHORITY_LABEL[a.authority]}`, a.count]);
  for (const o of f.overdue.byOrg) rows.push([`超期单位：${rc.orgName(o.id)}`, o.count]);
  // People are the director's business: a supervisor sees where deadlines slip, not who let them.
  if (rc.personal) for (const o of f.overdue.byPerson) rows.push([`超期责任人：${rc.personName(o.id)}`, o.count]);
  return rows;
}

/** The columns holding personal data, per register: left out of a supervisor's copy. */
const PERSONAL_COLUMNS: Record<RegisterKind, string[]> = {
  visits: ['来访人（申请人）', '联系电话', '对方当事人', '纠纷简要情况', '首问责任人'],
  acceptance: ['申请人', '被申请人', '纠纷简要情况', '调解员'],
  mediation: ['申请人', '被申请人', '调解员'],
  files: ['当事人', '调解员'],
  simple: ['当事人', '纠纷简要情况', '协议内容', '调解员'],
  summary: [],
};

function withoutColumns(sheet: RegisterSheet, titles: string[]): RegisterSheet {
  const keep = sheet.columns.map((t, i) => (titles.includes(t) ? -1 : i)).filter((i) => i >= 0);
  return { ...sheet, columns: keep.map((i) => sheet.columns[i]), widths: keep.map((i) => sheet.widths[i]), rows: sheet.rows.map((r) => keep.map((i) => r[i])) };
}

export function buildRegister(kind: RegisterKind, cases: RegisterCase[], p: Period, rc: RowContext, inScope: (orgId: string) => boolean, figures: Figures | undefined): RegisterSheet {
  const sheet = fullRegister(kind, cases, p, rc, inScope, figures);
  return rc.personal ? sheet : withoutColumns(sheet, PERSONAL_COLUMNS[kind]);
}

function fullRegister(kind: RegisterKind, cases: RegisterCase[], p: Period, rc: RowContext, inScope: (orgId: string) => boolean, figures: Figures | undefined): RegisterSheet {
  switch (kind) {
    case 'visits':
      return visits(cases.filter((c) => inScope(c.firstInquiry.orgId)), p, rc);
    case 'acceptance':
      return acceptance(cases, p, rc, inScope);
    case 'mediation':
      return mediation(cases, p, rc, inScope);
    case 'files':
      return files(cases, p, rc, inScope);
    case 'simple':
      return simple(cases, p, rc, inScope);
    case 'summary':
      if (!figures) throw new Error('the summary register is made from the figures');
      return { title: REGISTER_TITLE.summary, columns: ['指标', '数值'], widths: [44, 24], rows: summaryRows(figures, rc) };
  }
}
