import type { IsoDate, IsoInstant } from '../shared/time';

/** Basic information of a party as the agreement must state it (Art. 29 (1)). */
export interface AgreementParty {
  partyId: string;
  role: 'applicant' | 'respondent';
  kind: 'person' | 'organisation';
  name: string;
  /** Person: 18-digit resident ID, or another identity document's number with `idType: 'other'`.
   *  Organisation: the unified social credit code (统一社会信用代码). */
  idType: 'resident_id' | 'other' | 'credit_code';
  idNumber: string;
  /** Set when the number was checked in full and only its masked form is kept in `idNumber` (identity numbers
   *  are never stored in plaintext): a keyed digest of the full number, so the hash still binds the exact number. */
  idDigest?: string;
  address: string;
  /** Organisation's legal representative or principal (法定代表人/负责人). */
  representative?: string;
}

/** One thing someone must do: what, how, where and by when (Art. 29 (3); MoJ 2002 names the place). */
export interface PerformanceItemSpec {
  itemId: string;
  obligorPartyId: string;
  obligeePartyId: string;
  description: string;
  amountYuan?: number;
  method: string;
  place: string;
  dueDate: IsoDate;
}

/** The content of a written mediation agreement (调解协议书), the part every party confirms. */
export interface AgreementContent {
  parties: AgreementParty[];
  /** Main facts (主要事实). */
  facts: string;
  /** Matters in dispute (争议事项). */
  disputedMatters: string;
  /** Each side's responsibility (各方当事人的责任). */
  responsibilities: string;
  /** Agreed terms (达成协议的内容). */
  terms: string[];
  performance: PerformanceItemSpec[];
}

/**
 * An oral agreement (口头协议, Art. 28): the mediator records what was agreed. Only for a dispute settled with
 * nothing left to perform: where civil rights and duties are to be performed, the MoJ 2002 rules (Art. 34)
 * require a written agreement, so `performance` is always empty (the field stays for the shape of the record).
 */
export interface OralAgreementContent {
  terms: string[];
  performance: PerformanceItemSpec[];
}

/** The parties' own statement that they need no written agreement (Art. 28), as the mediator recorded it. */
export interface OralChoice {
  partiesChoseOral: true;
  /** Every party of the case: each said so (any party asking for a written one makes it written, MoJ 2002 Art. 34). */
  statedByPartyIds: string[];
  statedAt: IsoInstant;
}

export interface Confirmation {
  partyId: string;
  /** The exact version confirmed. */
  hash: string;
  at: IsoInstant;
  /** `paper`: signed on paper and the scan uploaded, the only way for marriage, adoption and inheritance. */
  method: 'electronic' | 'paper';
  scanFileId?: string;
  recordedBy: string;
}

export interface WrittenAgreement {
  form: 'written';
  version: number;
  content: AgreementContent;
  hash: string;
  draftedAt: IsoInstant;
  draftedBy: string;
  /** Electronic confirmation is not allowed for this matter (Electronic Signature Law Art. 3). */
  paperOnly: boolean;
  confirmations: Confirmation[];
  mediatorSignature?: { hash: string; at: IsoInstant; mediatorId: string };
  seal?: { hash: string; at: IsoInstant; orgId: string; by: string };
  effectiveAt?: IsoInstant;
  /** Last day to apply jointly to a court for judicial confirmation (司法确认, Art. 33). */
  judicialConfirmationBy?: IsoDate;
}

export interface OralAgreement {
  form: 'oral';
  content: OralAgreementContent;
  /** Absent only on oral agreements recorded before the parties' choice was kept. */
  choice?: OralChoice;
  hash: string;
  recordedAt: IsoInstant;
  recordedBy: string;
  effectiveAt: IsoInstant;
}

export type Agreement = WrittenAgreement | OralAgreement;
