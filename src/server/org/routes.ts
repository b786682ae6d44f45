// The `org` function: the organisation directory, and staff granted by a director's invitation code.
import { route, routesFor } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import { DirectoryInput, ExpertListInput, InviteStaffInput, RevealExpertPhoneInput, SaveExpertInput, JoinStaffInput, PublishTypicalInput, RemoveStaffInput, ReviseTypicalInput, StaffAuditInput, StaffListInput, TypicalListInput, WithdrawTypicalInput } from './schemas';
import { publishTypical, reviseTypical, typicalCases, withdrawTypical } from './typical-cases';
import type { OrgActions } from './org.types';
import { directory } from './directory';
import { inviteStaff, joinStaff, removeStaff, staffList } from './staff';
import { readStaffAudit } from './staff-audit';
import { listExperts, revealExpertPhone, saveExpert } from './experts';

export const orgRoutes = routesFor<OrgActions, ServerDeps>()({
  /** Communities and organisations, for the filing wizard and contact details. */
  directory: route({ input: DirectoryInput, handle: directory }),
  /** A director issues a single-use, 7-day invitation code for one role at their organisation or below. */
  inviteStaff: route({ input: InviteStaffInput, mutates: true, handle: inviteStaff }),
  /** Whoever redeems the code gets the role (and the code is spent) in one transaction. */
  joinStaff: route({ input: JoinStaffInput, mutates: true, handle: joinStaff }),
  /** A director's staff list: roles, each mediator's open caseload, recusals on a given case, open invitations. */
  staff: route({ input: StaffListInput, handle: staffList }),
  /** A director withdraws a role they could have granted. */
  removeStaff: route({ input: RemoveStaffInput, mutates: true, handle: removeStaff }),
  /** Directors over the organisation and supervisors of its area: its role grants and removals, chain verified. */
  staffAudit: route({ input: StaffAuditInput, handle: readStaffAudit }),
  /** A director publishes a typical case without personal data (refused with PERSONAL_DATA_IN_TEXT otherwise). */
  publishTypical: route({ input: PublishTypicalInput, mutates: true, handle: publishTypical }),
  /** A director of the organisation it was published for (or above) revises a typical case: the same checks as publishing; chained. */
  reviseTypical: route({ input: ReviseTypicalInput, mutates: true, handle: reviseTypical }),
  /** ...or withdraws it with a reason: no longer listed for anyone; chained. */
  withdrawTypical: route({ input: WithdrawTypicalInput, mutates: true, handle: withdrawTypical }),
  /** Published typical cases per category (or of one organisation), withdrawn ones left out: any caller. */
  typicalCases: route({ input: TypicalListInput, handle: typicalCases }),
  /** The district's expert pool (专家库), phone numbers masked: every director (to pick for a case) and supervisors. */
  experts: route({ input: ExpertListInput, handle: listExperts }),
  /** Directors of the district centre add, edit or withdraw an expert; the phone number is sealed, the change chained. */
  saveExpert: route({ input: SaveExpertInput, mutates: true, handle: saveExpert }),
  /** Directors of the district centre read an expert's full phone number; every read is chained. */
  revealExpertPhone: route({ input: RevealExpertPhoneInput, mutates: true, handle: revealExpertPhone }),
});
