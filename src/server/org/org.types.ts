// The `org` function on the wire: each action's input (inferred from its zod schema, as the caller sends it)
// and answer. Types only: the use-cases and the mini-program both import them (`import type`).
import type { z } from 'zod';
import type { OrgKind, OrgLevel } from '../../domain/org/tree';
import type { Command, Query } from '../action.types';
import type * as S from './schemas';

/** A staff role, granted only by a director's invitation code (never claimed by the client). */
export type StaffRole = z.output<typeof S.InviteStaffInput>['role'];

export interface DirectoryCommunity {
  id: string;
  name: string;
  streetOrgId: string;
  streetName: string;
  /** The community's own general committee, when it has one. */
  committeeOrgId?: string;
}

export interface DirectoryOrg {
  id: string;
  name: string;
  level: OrgLevel;
  kind: OrgKind;
  parentId?: string;
  /** Dispute categories it takes; empty means every category. */
  categories: string[];
  address: string;
  phone: string;
}

/** `org.directory`: communities and organisations (public information, no personal data). */
export interface DirectoryView {
  communities: DirectoryCommunity[];
  orgs: DirectoryOrg[];
  /** What the filing forms need of this deployment's rules (src/server/setup/settings.ts), not the shipped defaults. */
  filing: {
    /** Categories whose agreement is signed on paper only (the personal-relations question is then not asked). */
    paperOnlyCategories: string[];
    /** Head counts at which a dispute goes to the street (`street`) and counts as a group dispute (`group`). */
    peopleThresholds: { street: number; group: number };
    /**
     * The categories to offer, in order: code, full name (records), short name (the buttons) and the legal guidance
     * (普法) shown once chosen; the deployment's own included.
     */
    categories: Array<{ code: string; name: string; shortName: string; guidance: string }>;
  };
}

/** `org.inviteStaff`: the single-use code to hand over (shown once), valid for days. */
export interface StaffInvite {
  code: string;
  expiresAt: string;
  orgName: string;
  roleLabel: string;
  /** The mini-program page that redeems it. */
  path: string;
}

/** `org.joinStaff`: the role the code granted. */
export interface StaffGrant {
  role: StaffRole;
  roleLabel: string;
  orgId: string;
  orgName: string;
}

export interface StaffMember {
  openid: string;
  name: string;
  roles: StaffRole[];
  /** Mediators: open cases they are assigned to at this organisation. */
  openCases?: number;
  /** With a caseId: this mediator was recused on that case (回避) and cannot be assigned. */
  recused?: boolean;
}

/** An invitation as the director's list shows it (never the code). */
export interface StaffInviteRow {
  note: string;
  roleLabel: string;
  expiresAt: string;
  used: boolean;
}

/** `org.staff`: a director's staff list and open invitations. */
export interface StaffList {
  orgId: string;
  /**
   * As of when the mediators' `openCases` are counted (统计截至): the timer's roll-up keeps them each tick, so a
   * step since then is not in them yet. Null before the roll-up has ever run.
   */
  caseloadsAsOf: string | null;
  staff: StaffMember[];
  invites: StaffInviteRow[];
}

/** `org.removeStaff`: false when the person did not hold that role there. */
export interface RemoveStaffAnswer {
  removed: boolean;
}

/** One role change in an organisation's staff chain (accounts and roles; names only as looked up now). */
export interface StaffAuditLine {
  seq: number;
  at: string;
  type: 'role_granted' | 'role_removed' | 'expert_saved' | 'expert_contact_revealed' | 'typical_revised' | 'typical_withdrawn';
  role: StaffRole;
  roleLabel: string;
  /**
   * What the entry is about (directors only; supervisors see none of these): for a role granted or removed, the
   * account whose role it is; for `expert_*`, the expert pool's entry; for `typical_*`, the typical case.
   * `subjectName`: the person's name as the account (or the pool's entry) has it today; a typical case has none.
   */
  subject?: string;
  subjectName?: string;
  /** For `typical_*`: the typical case's title as it stands today. */
  typicalTitle?: string;
  /** Who made the change: the person redeeming the code, or the director removing the role (directors only). */
  actor?: string;
  actorName?: string;
  /** For a grant: the director whose invitation code it was (directors only). */
  grantedBy?: string;
  grantedByName?: string;
  hash: string;
}

/** `org.staffAudit`: the organisation's role grants and removals in order, and whether the keyed chain verifies. */
export interface StaffAuditAnswer {
  orgId: string;
  verified: boolean;
  /** When it does not verify: the first problem found (machine-readable), and what it means in words. */
  problem?: string;
  problemText?: string;
  entries: StaffAuditLine[];
}

export interface OrgActions {
  directory: Query<z.input<typeof S.DirectoryInput>, DirectoryView>;
  inviteStaff: Command<z.input<typeof S.InviteStaffInput>, StaffInvite>;
  joinStaff: Command<z.input<typeof S.JoinStaffInput>, StaffGrant>;
  staff: Query<z.input<typeof S.StaffListInput>, StaffList>;
  removeStaff: Command<z.input<typeof S.RemoveStaffInput>, RemoveStaffAnswer>;
  staffAudit: Query<z.input<typeof S.StaffAuditInput>, StaffAuditAnswer>;
  publishTypical: Command<z.input<typeof S.PublishTypicalInput>, TypicalCase>;
  reviseTypical: Command<z.input<typeof S.ReviseTypicalInput>, TypicalCase>;
  withdrawTypical: Command<z.input<typeof S.WithdrawTypicalInput>, TypicalWithdrawn>;
  typicalCases: Query<z.input<typeof S.TypicalListInput>, TypicalList>;
  experts: Query<z.input<typeof S.ExpertListInput>, ExpertList>;
  saveExpert: Command<z.input<typeof S.SaveExpertInput>, Expert>;
  revealExpertPhone: Command<z.input<typeof S.RevealExpertPhoneInput>, { expertId: string; mobile: string }>;
}

/** One expert of the district's pool (专家库) as directors and supervisors read it: the phone number masked. */
export interface Expert {
  expertId: string;
  name: string;
  field: string;
  affiliation: string;
  /** Masked (138****0000); the full number only through `org.revealExpertPhone`, which is logged. */
  mobileMasked: string;
  active: boolean;
  /** Their WeChat account joined with the invitation code: they can be added to a case. */
  joined: boolean;
  /** With a caseId (the case's responsible director only: anyone else is refused it): already on that case, or recused from it (回避). */
  onCase?: boolean;
  recused?: boolean;
}
export interface ExpertList {
  /** The organisation keeping the pool (the top of the deployment). */
  orgId: string;
  orgName: string;
  /** The caller may add, edit and withdraw experts (directors of that organisation). */
  mayEdit: boolean;
  items: Expert[];
}

/** A published typical case (典型案例): no personal data. */
export interface TypicalCase {
  typicalId: string;
  orgId: string;
  orgName: string;
  category: string;
  categoryLabel: string;
  title: string;
  happened: string;
  howMediated: string;
  result: string;
  publishedAt: string;
  /** When it was last revised (org.reviseTypical), if it was. */
  revisedAt?: string;
}

/** `org.withdrawTypical`: the case is no longer listed for anyone. */
export interface TypicalWithdrawn {
  typicalId: string;
  withdrawnAt: string;
}

export interface TypicalList {
  items: TypicalCase[];
  hasMore: boolean;
}
