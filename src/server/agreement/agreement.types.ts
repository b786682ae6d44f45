// The `agreement` function on the wire: each action's input (inferred from its zod schema, as the caller sends
// it) and answer. Types only: the use-cases and the mini-program both import them (`import type`).
import type { z } from 'zod';
import type { AgreementContent, AgreementParty, OralAgreementContent } from '../../domain/agreement/content';
import type { Status } from '../../domain/case/model';
import type { Command, Query } from '../action.types';
import type { CaseStepResult, JudicialConfirmationView } from '../case/case.types';
import type * as S from './schemas';

/** A party as the agreement shows them: identity numbers masked; the keyed digest stays on the server. */
export type AgreementPartyView = Omit<AgreementParty, 'idDigest'>;

/** A written agreement's content as `agreement.get` shows it (send the masked numbers back to keep those on file). */
export type WrittenContentView = Omit<AgreementContent, 'parties'> & { parties: AgreementPartyView[] };

export interface AgreementConfirmationView {
  partyId: string;
  name: string;
  method: 'electronic' | 'paper';
  at: string;
  /** Bound to the version shown (a revision voids earlier confirmations). */
  current: boolean;
  hasScan: boolean;
}

export interface AgreementPerformanceView {
  itemId: string;
  description: string;
  amountYuan?: number;
  method: string;
  place: string;
  dueDate: string;
  obligor: string;
  obligee: string;
  done: boolean;
  doneAt?: string;
  mayMarkDone: boolean;
}

/** `agreement.get`: the text, its hash, who confirmed which version, performance. */
export interface AgreementView {
  caseId: string;
  caseNo: string;
  status: Status;
  statusLabel: string;
  title: string;
  form: 'written' | 'oral';
  version?: number;
  /** The exact version a confirmation, signature and seal are bound to. */
  hash: string;
  paperOnly: boolean;
  content: WrittenContentView | OralAgreementContent;
  confirmations: AgreementConfirmationView[];
  awaiting: Array<{ partyId: string; name: string }>;
  signed: boolean;
  sealed: boolean;
  effectiveAt?: string;
  judicialConfirmationBy?: string;
  /** A written agreement in force: the last date, the court to apply to, and whether a party said they applied. */
  judicial?: JudicialConfirmationView;
  myPartyId?: string;
  /** The caller is a party who has not yet confirmed this version and may do so online. */
  myTurn: boolean;
  performance: AgreementPerformanceView[];
  returnVisitDueAt?: string;
  /** Oral agreements: the parties who said they need no written agreement (Art. 28), by name, and when. */
  oralChoice?: { statedBy: string[]; statedAt: string };
}

/** `agreement.template`: a first draft from the category's template, prefilled from the case. */
export interface TemplateDraft {
  caseId: string;
  title: string;
  category: string;
  categoryLabel: string;
  content: AgreementContent;
  /** What the mediator still has to complete, by field, with Chinese messages. */
  fields: Record<string, string>;
}

/** Which version of the agreement stands after a step. */
export interface AgreementStamp {
  form: 'written' | 'oral';
  hash: string;
  /** Written agreements only. */
  version?: number;
  /** Written agreements only. */
  paperOnly?: boolean;
}

/** What an agreement step answers: the case's new state and, once there is one, the agreement as it now stands. */
export type AgreementStepResult = CaseStepResult & { agreement?: AgreementStamp };

/**
 * `agreement.scanPath`: where to upload the scan of one party's signed paper — `cloudPath` as is, or any file
 * name directly under `prefix` (e.g. `scan.pdf`). Valid until `expiresAt`, for this case and party only, once.
 */
export interface ScanPath {
  caseId: string;
  partyId: string;
  prefix: string;
  cloudPath: string;
  expiresAt: string;
}

/** `agreement.seal`: once sealed, when it took effect and the last day to apply for judicial confirmation. */
export type SealResult = AgreementStepResult & { effectiveAt?: string; judicialConfirmationBy?: string };

/** `agreement.close`: the outcome, and for a failed mediation the other routes explained to the parties. */
export type CloseResult = CaseStepResult & { outcomeLabel?: string; guidance?: string };

export type AgreementContentInput = z.input<typeof S.ContentInput>;
export type ReturnVisitResult = z.input<typeof S.ReturnVisitInput>['result'];

export interface AgreementActions {
  template: Query<z.input<typeof S.TemplateInput>, TemplateDraft>;
  draft: Command<z.input<typeof S.DraftInput>, AgreementStepResult>;
  revise: Command<z.input<typeof S.ReviseInput>, AgreementStepResult>;
  get: Query<z.input<typeof S.CaseRef>, AgreementView>;
  confirm: Command<z.input<typeof S.HashRef>, AgreementStepResult>;
  scanPath: Command<z.input<typeof S.ScanPathInput>, ScanPath>;
  uploadScan: Command<z.input<typeof S.UploadScanInput>, AgreementStepResult>;
  sign: Command<z.input<typeof S.HashRef>, AgreementStepResult>;
  seal: Command<z.input<typeof S.HashRef>, SealResult>;
  oral: Command<z.input<typeof S.OralInput>, AgreementStepResult>;
  markDone: Command<z.input<typeof S.MarkDoneInput>, AgreementStepResult>;
  returnVisit: Command<z.input<typeof S.ReturnVisitInput>, AgreementStepResult>;
  rate: Command<z.input<typeof S.RateInput>, CaseStepResult>;
  close: Command<z.input<typeof S.CloseInput>, CloseResult>;
  judicialApplied: Command<z.input<typeof S.JudicialAppliedInput>, CaseStepResult>;
}
