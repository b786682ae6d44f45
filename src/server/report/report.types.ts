// The `report` function on the wire: each action's input (inferred from its zod schema, as the caller sends it)
// and answer. Types only: the use-cases and the mini-program both import them (`import type`).
import type { z } from 'zod';
import type { Figures } from '../../domain/stats/figures';
import type { LateEntry } from '../../domain/stats/screening';
import type { MediatorFigures } from '../../domain/stats/mediator-figures';
import type { MediatorSubsidy, SubsidyLine } from '../../domain/stats/subsidy';
import type { SubsidyRates } from '../../domain/config/rules';
import type { RiskLevel } from '../../domain/triage/facts';
import type { Command, Query } from '../action.types';
import type { CaseListItem, CaseStepResult } from '../case/case.types';
import type * as S from './schemas';

/**
 * `director`: a director of the organisation or of one above it (names in full, for the office's own files);
 * `supervisor`: a justice office whose area includes it (read-only oversight without personal data: no names of
 * parties or staff, no numbers, no dispute text).
 */
export type ReportViewer = 'director' | 'supervisor';

/** An overdue count with the organisation's or person's name. */
export interface NamedOverdueCount {
  id: string;
  count: number;
  name: string;
}

/** `report.figures`: the domain's figures with labels and names added. */
export interface FiguresView extends Figures {
  orgName: string;
  periodLabel: string;
  viewer: ReportViewer;
  byCategory: Array<Figures['byCategory'][number] & { label: string }>;
  bySource: Array<Figures['bySource'][number] & { label: string }>;
  referralsIn: Omit<Figures['referralsIn'], 'bySource'> & { bySource: Array<Figures['referralsIn']['bySource'][number] & { label: string }> };
  referralsOut: { total: number; byAuthority: Array<Figures['referralsOut']['byAuthority'][number] & { label: string }> };
  /** `byPerson` is empty for supervisors: people are the director's business. */
  overdue: { total: number; byOrg: NamedOverdueCount[]; byPerson: NamedOverdueCount[] };
  /** When the counters were last brought up to date (统计截至; the timer rolls steps up every 5 minutes); null before the first roll-up. */
  asOf: string | null;
}

/** A case in the overview: no personal data, and for a closed one its outcome and when. */
export type OverviewRow = Omit<CaseListItem, 'urgent' | 'registeredAt'> & { outcomeLabel?: string; closedAt?: string };

/** `report.overview`: the area as of the timer's last roll-up. */
export interface OverviewAnswer {
  orgId: string;
  orgName: string;
  /** 统计截至: changes and passed deadlines up to this time are shown (null: not yet counted). */
  asOf: string | null;
  byOrg: Array<{ orgId: string; name: string; open: number; overdue: number }>;
  overdue: OverviewRow[];
  recentClosures: OverviewRow[];
}

/** `report.register` and `report.document`: a file in cloud storage (wx.cloud.downloadFile → wx.openDocument). */
export interface FileAnswer {
  fileID: string;
  /** A temporary download URL, when the storage gave one. */
  url?: string;
  fileName: string;
  /** Rows in a register; blocks in a document. */
  size: number;
}

/** One paper of a case's electronic file (卷内目录 row). */
export interface ArchiveEntry {
  seq: number;
  kind: 'document' | 'evidence' | 'scan';
  title: string;
  date: string;
  /** 页数/件数, or the stored file's reference. */
  extent: string;
  /** A document the page opens with `report.document`. */
  document?: 'transfer_notice' | 'rights_notice' | 'session_record' | 'agreement' | 'return_visit';
  /** Evidence or a signed paper: a short-lived link (staff only; supervisors get the reference alone). */
  url?: string;
  /** Listed after the case closed (a return visit owed after closing): not in the table made at closing. */
  addedAfterClose?: boolean;
}

/** `report.archive`: a closed case's electronic file (电子卷宗). */
export interface ArchiveAnswer {
  caseId: string;
  caseNo: string;
  /** 卷宗号; null for the few minutes until the timer numbers the file (卷宗号编号中). */
  archiveNo: string | null;
  orgName: string;
  closedAt: string;
  outcomeLabel: string;
  /** Kept at least until this date (China date). */
  keepUntil: string;
  retentionYears: number;
  /** `staff`: the organisation's own staff; `supervisor`: the area's justice office, without personal data. */
  viewer: 'staff' | 'supervisor';
  contents: ArchiveEntry[];
  /** The audit chain as sealed at closing, verified again for this read. */
  proof: {
    headHash: string;
    /** Entries in the chain when the case closed. */
    entries: number;
    /** Entries now (steps after closing, such as a return visit, add to it). */
    entriesNow: number;
    verified: boolean;
    verifiedAt: string;
    problemText?: string;
  };
  /** The table of contents (卷内目录) as a Word file. */
  index: FileAnswer;
}

/** `report.submitScreening`: the month's screening report as filed. */
export interface ScreeningReceipt {
  screeningId: string;
  month: string;
  /** A zero report (零报告): nothing found. */
  zero: boolean;
  total: number;
  late: boolean;
  filedAt: string;
}

export type BrewingStatus = 'open' | 'converted';

/** `report.reportBrewing`: the brewing-dispute report as filed. */
export interface BrewingReceipt {
  reportId: string;
  risk: RiskLevel;
  riskLabel: string;
  status: BrewingStatus;
  at: string;
}

export interface BrewingItem {
  reportId: string;
  orgId: string;
  orgName: string;
  communityName: string;
  category: string;
  categoryLabel: string;
  risk: RiskLevel;
  riskLabel: string;
  /** What the officer saw: for directors and the officer; a supervisor gets none (it is dispute text). */
  description?: string;
  peopleInvolved?: number;
  /** For directors and the officer; not for a supervisor. */
  officerName?: string;
  at: string;
  status: BrewingStatus;
  /** Once converted: the case it became. */
  caseId?: string;
}

/** `report.brewingReports`: newest first. */
export interface BrewingList {
  items: BrewingItem[];
}

/** `report.convertReport`: the case registered from the report. */
export type ConvertResult = CaseStepResult & { reportId: string };

/** `report.myScreening`: the officer's own report for a month, or that it is still to come (or late). */
export interface MyScreening {
  orgId: string;
  orgName: string;
  month: string;
  /** The last instant the month's report is on time (the month's end, China time). */
  dueAt: string;
  /** `pending`: not filed, the month not over; `late`: not filed and the month is over (it may still be filed). */
  state: 'filed' | LateEntry['state'];
  /** The report as filed. */
  filed?: ScreeningReceipt & { findings: Array<{ category: string; categoryLabel: string; count: number }>; notes: string };
}

/** An officer who filed the month's screening report (who: for directors only; a supervisor sees where). */
export interface FiledScreening {
  userId?: string;
  name?: string;
  orgName: string;
  filedAt: string;
  /** China date of filing. */
  filedOn: string;
  zero: boolean;
  total: number;
  late: boolean;
}

/** An officer who has not (yet) filed it (who: for directors only; a supervisor sees where). */
export interface MissingScreening extends Omit<LateEntry, 'userId'> {
  userId?: string;
  name?: string;
  orgName: string;
}

/** `report.lateReports`: who filed the month's screening report, who has not, who is late. */
export interface LateReportsAnswer {
  orgId: string;
  month: string;
  dueAt: string;
  filed: FiledScreening[];
  missing: MissingScreening[];
}

export type RegisterKind = z.output<typeof S.RegisterInput>['kind'];
export type DocumentKind = z.output<typeof S.DocumentInput>['kind'];

/** A ledger as shown and printed: names and labels added. */
export interface LedgerView {
  totalYuan: number;
  rates: SubsidyRates;
  mediators: Array<
    Omit<MediatorSubsidy, 'lines'> & {
      name: string;
      lines: Array<SubsidyLine & { categoryLabel: string; outcomeLabel: string; closedDate: string; excludedLabel?: string }>;
    }
  >;
}

/**
 * `report.subsidyLedger` and `report.approveSubsidies`: each mediator's month and the subsidy ledger. `state`:
 * `open` (the month is not over), `ready` (a director may approve it), `approved` (stored; answered as stored).
 */
export interface MediatorsAnswer {
  orgId: string;
  orgName: string;
  month: string;
  monthLabel: string;
  viewer: ReportViewer;
  mediators: Array<MediatorFigures & { name: string }>;
  ledger: LedgerView;
  state: 'open' | 'ready' | 'approved';
  approved?: { byName: string; at: string };
  canApprove: boolean;
}

export interface ReportActions {
  figures: Query<z.input<typeof S.FiguresInput>, FiguresView>;
  overview: Query<z.input<typeof S.OverviewInput>, OverviewAnswer>;
  register: Query<z.input<typeof S.RegisterInput>, FileAnswer>;
  document: Query<z.input<typeof S.DocumentInput>, FileAnswer>;
  archive: Query<z.input<typeof S.ArchiveInput>, ArchiveAnswer>;
  submitScreening: Command<z.input<typeof S.SubmitScreeningInput>, ScreeningReceipt>;
  reportBrewing: Command<z.input<typeof S.ReportBrewingInput>, BrewingReceipt>;
  brewingReports: Query<z.input<typeof S.BrewingListInput>, BrewingList>;
  convertReport: Command<z.input<typeof S.ConvertReportInput>, ConvertResult>;
  lateReports: Query<z.input<typeof S.LateReportsInput>, LateReportsAnswer>;
  myScreening: Query<z.input<typeof S.MyScreeningInput>, MyScreening>;
  subsidyLedger: Query<z.input<typeof S.SubsidyLedgerInput>, MediatorsAnswer>;
  approveSubsidies: Command<z.input<typeof S.ApproveSubsidiesInput>, MediatorsAnswer>;
}
