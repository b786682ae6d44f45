// The `report` function: figures, registers (xlsx) and documents (docx) from the case records, and the
// information officers' screening and brewing-dispute reports.
import { route, routesFor } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import {
  BrewingListInput,
  ConvertReportInput,
  DocumentInput,
  FiguresInput,
  LateReportsInput,
  MyScreeningInput,
  OverviewInput,
  RegisterInput,
  ApproveSubsidiesInput,
  ArchiveInput,
  ReportBrewingInput,
  SubsidyLedgerInput,
  SubmitScreeningInput,
} from './schemas';
import type { ReportActions } from './report.types';
import { caseDocument, figures, register } from './use-cases';
import { overview } from './overview';
import { caseArchive } from './archive';
import { approveSubsidies, subsidyLedger } from './subsidies';
import { brewingReports, convertReport, lateReports, myScreening, reportBrewing, submitScreening } from './screening';

export const reportRoutes = routesFor<ReportActions, ServerDeps>()({
  /** Figures of an organisation and everything below it for a month, quarter or year (director above it, supervisor of the area). */
  figures: route({ input: FiguresInput, handle: figures }),
  /** The area right now: open and overdue cases per organisation, overdue cases, recent closures (no personal data). */
  overview: route({ input: OverviewInput, handle: overview }),
  /** One register of a month as a spreadsheet in cloud storage. */
  register: route({ input: RegisterInput, handle: register }),
  /** One document of a case as a Word file in cloud storage (staff handling the case). */
  document: route({ input: DocumentInput, handle: caseDocument }),
  /** A closed case's electronic file (电子卷宗): archive number, contents, audit proof, keep-until, 卷内目录 as Word. */
  archive: route({ input: ArchiveInput, handle: caseArchive }),
  /** An information officer files the month's screening report (a zero report when nothing was found). */
  submitScreening: route({ input: SubmitScreeningInput, mutates: true, handle: submitScreening }),
  /** An information officer reports a brewing dispute with a risk level. */
  reportBrewing: route({ input: ReportBrewingInput, mutates: true, handle: reportBrewing }),
  /** Brewing-dispute reports: a director's subtree, or an officer's own. */
  brewingReports: route({ input: BrewingListInput, handle: brewingReports }),
  /** A director registers a brewing-dispute report as a case (source: information officer). */
  convertReport: route({ input: ConvertReportInput, mutates: true, handle: convertReport }),
  /** Officers who filed this month's screening report, and those who have not (late after the month's end). */
  lateReports: route({ input: LateReportsInput, handle: lateReports }),
  /** An information officer's own screening report for a month: filed (and what), still to come, or late. */
  myScreening: route({ input: MyScreeningInput, handle: myScreening }),
  /** Each mediator's figures for a month and the month's subsidy ledger (以案定补): the org's directors; supervisors read. */
  subsidyLedger: route({ input: SubsidyLedgerInput, handle: subsidyLedger }),
  /** A director of the organisation approves an ended month's ledger; stored, it never changes again. */
  approveSubsidies: route({ input: ApproveSubsidiesInput, mutates: true, handle: approveSubsidies }),
});
