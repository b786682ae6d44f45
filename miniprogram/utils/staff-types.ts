// Shapes the staff pages read, mirrored from the server's (the server files pull in Node-only code, so they
// cannot be imported here even as types). Sources: CaseView in src/server/case/view.ts; agreement content in
// src/domain/agreement/content.ts. test/miniprogram/staff-types.test.ts keeps them in step.

/** What `case.get` answers staff (only the fields the staff pages use). */
export interface StaffCaseView {
  caseId: string;
  caseNo: string;
  relation: 'party' | 'staff' | 'follower' | 'supervisor';
  status: string;
  statusLabel: string;
  categoryLabel: string;
  summary?: string;
  urgent: boolean;
  holder: { orgId: string; name: string; phone: string };
  pendingTransfer?: { toOrgId: string; toOrgName: string; dueAt: string };
  next?: { label: string; dueAt: string; ownerOrgName: string };
  timeline: Array<{ at: string; label: string; orgName?: string; reason?: string }>;
  parties?: Array<{ partyId: string; role: string; name: string; mobile?: string; isMe: boolean }>;
  triage?: { suggestedOrgId: string; suggestedOrgName: string; reasons: string[] };
  underReview?: boolean;
}

export interface AgreementParty {
  partyId: string;
  role: 'applicant' | 'respondent';
  kind: 'person' | 'organisation';
  name: string;
  idType: 'resident_id' | 'other' | 'credit_code';
  idNumber: string;
  address: string;
  representative?: string;
}

export interface PerformanceItemSpec {
  itemId: string;
  obligorPartyId: string;
  obligeePartyId: string;
  description: string;
  amountYuan?: number;
  method: string;
  place: string;
  dueDate: string;
}

export interface AgreementContent {
  parties: AgreementParty[];
  facts: string;
  disputedMatters: string;
  responsibilities: string;
  terms: string[];
  performance: PerformanceItemSpec[];
}
