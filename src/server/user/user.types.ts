// The `user` function on the wire: each action's input (inferred from its zod schema, as the caller sends it)
// and answer. Types only: the use-cases and the mini-program both import them (`import type`).
import type { z } from 'zod';
import type { Command, Query } from '../action.types';
import type { Page } from '../case/case.types';
import type { StaffRole } from '../org/org.types';
import type * as S from './schemas';

/** One role at one organisation, granted by a director's invitation code (never claimed by the client). */
export interface RoleGrant {
  role: StaffRole;
  orgId: string;
}

export interface UserPrefs {
  /** 大字模式: the mini-program enlarges every page. */
  largeText: boolean;
}

/** `user.me`: preferences (defaults filled in), the roles a director granted, and whether the account exists. */
export interface MeAnswer {
  prefs: UserPrefs;
  roles: RoleGrant[];
  registered: boolean;
}

/** `user.setPreferences`. */
export interface PreferencesAnswer {
  prefs: UserPrefs;
}

/** One case in the caller's data export. */
export interface MyCaseExport {
  caseNo: string;
  myRole: '申请人' | '被申请人';
  myName: string;
  /** The caller's own number in full: it is their data. */
  myMobile?: string;
  /** The caller's resident ID number, when an agreement recorded it (kept sealed beside the case). */
  myIdNumber?: string;
  /** Category label. */
  category: string;
  /** Status label (with the outcome once closed). */
  status: string;
  registeredAt: string;
  /** The dispute as filed; absent for the other party while the content check holds it for review (as in case.get). */
  summary?: string;
  wants?: string;
  consents?: { privacy: boolean; shareWithOtherOrgs: boolean; at: string; how: string };
  timeline: Array<{ at: string; label: string }>;
}

/** `user.exportData`: a copy of everything held about the caller (PIPL access right). */
export interface MyDataExport {
  exportedAt: string;
  account: { registered: boolean; prefs: Record<string, unknown>; roles: RoleGrant[] };
  cases: MyCaseExport[];
  deletionRequests: Array<{ at: string; status: DeletionResult['status'] }>;
}

/** `user.requestDeletion`: what was erased, and what must be kept and why. */
export interface DeletionResult {
  status: 'done' | 'partly_done';
  erased: { preferences: boolean; phoneNumbersOnClosedCases: number };
  kept: Array<{ caseNo: string; why: string }>;
}

/** One notice of the in-app inbox (what was also sent as a subscribe message; no personal data). */
export interface InboxItem {
  id: string;
  caseId: string;
  caseNo: string;
  title: string;
  phrase: string;
  message: string;
  at: string;
  read: boolean;
}

/** `user.inbox`: a page of notices, newest first, and how many are unread in all. */
export type InboxPage = Page<InboxItem> & { unread: number };

/** `user.markRead`: how many were marked now, and how many are still unread. */
export interface MarkReadAnswer {
  marked: number;
  unread: number;
}

export interface UserActions {
  me: Query<z.input<typeof S.MeInput>, MeAnswer>;
  setPreferences: Command<z.input<typeof S.SetPreferencesInput>, PreferencesAnswer>;
  exportData: Query<z.input<typeof S.ExportDataInput>, MyDataExport>;
  requestDeletion: Command<z.input<typeof S.RequestDeletionInput>, DeletionResult>;
  inbox: Query<z.input<typeof S.InboxInput>, InboxPage>;
  markRead: Command<z.input<typeof S.MarkReadInput>, MarkReadAnswer>;
}
