// Shapes the resident's and respondent's pages send and read, mirrored from the server (its files pull in
// zod and Node-only code, so the mini-program cannot import them, not even as types). Sources:
// FileDisputeInput (src/server/case/schemas.ts), CaseStepResult (src/server/case/use-cases.ts), CaseView
// (src/server/case/view.ts), InvitePreview (src/server/case/respondent.ts), AgreementView
// (src/server/agreement/use-cases.ts), BookingView (src/server/booking/use-cases.ts), MyDataExport
// (src/server/user/my-data.ts). test/miniprogram/resident-types.test.ts fails the type check if they drift.

export type RiskSignal = 'violence_threat' | 'self_harm_threat' | 'crowd_gathering';

/** `case.file` input. */
export interface FileDisputeData {
  category: string;
  summary: string;
  wants?: string;
  communityId: string;
  orgId?: string;
  applicant: { name: string; mobile: string };
  respondent: { name: string; mobile?: string; communityId?: string };
  amountYuan?: number;
  peopleInvolved?: number;
  risk?: 'low' | 'medium' | 'high';
  riskSignals?: RiskSignal[];
  preferredTimes?: string[];
  evidenceFileIds?: string[];
  consent: { privacy: true; shareWithOtherOrgs: boolean };
}

/** What every case step answers. */
export interface StepResult {
  caseId: string;
  caseNo: string;
  status: string;
  statusLabel: string;
  holder: { orgId: string; name: string };
  next?: { label: string; dueAt: string };
  urgent: boolean;
  emergencyNumbers: Array<{ label: string; number: string }>;
  /** The text awaits a person's review (content check); the case is registered all the same. */
  underReview?: boolean;
}

/** One row of `case.mine`. */
export interface CaseListRow {
  caseId: string;
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  holderName: string;
  urgent: boolean;
  registeredAt: string;
}

/** `case.get` as a party reads it (the fields these pages use). */
export interface PartyCaseView {
  caseId: string;
  caseNo: string;
  relation: string;
  status: string;
  statusLabel: string;
  outcomeLabel?: string;
  categoryLabel: string;
  summary?: string;
  urgent: boolean;
  emergencyNumbers: Array<{ label: string; number: string }>;
  holder: { orgId: string; name: string; phone: string };
  pendingTransfer?: { toOrgId: string; toOrgName: string; dueAt: string };
  next?: { label: string; dueAt: string; ownerOrgName: string };
  timeline: Array<{ at: string; label: string; orgName?: string; reason?: string }>;
  parties?: Array<{ partyId: string; role: string; name: string; mobile?: string; isMe: boolean }>;
  nextSession?: { at: string; modeLabel: string; nonPublic: boolean };
  agreement?: { form: 'written' | 'oral'; version?: number; paperOnly: boolean; confirmedBy: string[]; awaiting: string[]; signed: boolean; sealed: boolean; effectiveAt?: string };
  performance?: Array<{ itemId: string; description: string; amountYuan?: number; dueDate: string; place: string; done: boolean; iAmObligee: boolean }>;
  closing?: { outcomeLabel: string; reason?: string; guidance?: string };
  myRating?: { score: number; comment?: string };
  mayRate?: boolean;
}

/** `case.openInvite`: what a respondent sees before deciding. */
export interface InvitePreviewData {
  caseId: string;
  caseNo: string;
  categoryLabel: string;
  statusLabel: string;
  orgName: string;
  orgPhone: string;
  applicantName: string;
  joined: 'me' | 'other' | 'no';
  replyDueAt?: string;
}

export type ReplyChoice = 'agree' | 'refuse' | 'ask_for_time';

/** `agreement.get`. */
export interface AgreementData {
  caseId: string;
  caseNo: string;
  status: string;
  statusLabel: string;
  title: string;
  form: 'written' | 'oral';
  version?: number;
  hash: string;
  paperOnly: boolean;
  content: { terms: string[]; facts?: string; disputedMatters?: string; responsibilities?: string; parties?: Array<{ partyId: string; name: string; role: string }> };
  awaiting: Array<{ partyId: string; name: string }>;
  confirmations: Array<{ partyId: string; name: string; at: string; current: boolean }>;
  signed: boolean;
  sealed: boolean;
  effectiveAt?: string;
  judicialConfirmationBy?: string;
  myTurn: boolean;
  performance: Array<{ itemId: string; description: string; amountYuan?: number; method: string; place: string; dueDate: string; obligor: string; obligee: string; done: boolean; mayMarkDone: boolean }>;
}

/** One bookable time (`booking.slots`). */
export interface SlotData {
  startAt: string;
  endAt: string;
  label: string;
}

export type SessionModeCode = 'on_site' | 'online' | 'back_to_back';

/** A booking as `booking.bookings` and the booking steps answer it. */
export interface BookingData {
  bookingId: string;
  startAt: string;
  label: string;
  mode: string;
  modeLabel: string;
  room?: { roomId: string; name: string };
  place?: string;
  status: string;
  statusLabel: string;
  myTurn: boolean;
  reason?: string;
}

/** `user.exportData` (the parts shown on the page; the whole answer is what the user copies). */
export interface MyDataExportData {
  exportedAt: string;
  cases: Array<{ caseNo: string; myRole: string; myName: string; myMobile?: string; category: string; status: string; registeredAt: string; summary: string }>;
  deletionRequests: Array<{ at: string; status: string }>;
}

/** `user.requestDeletion`. */
export interface DeletionResult {
  status: 'done' | 'partly_done';
  kept: Array<{ caseNo: string; why: string }>;
}

/** One notice of `user.inbox`: what was also sent as a subscribe message (no personal data). */
export interface InboxItemData {
  id: string;
  caseId: string;
  caseNo: string;
  title: string;
  phrase: string;
  message: string;
  at: string;
  read: boolean;
}
