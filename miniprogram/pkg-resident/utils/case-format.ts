// Display helpers shared by the resident's and respondent's case pages.
import { PARTY_ROLE_LABEL } from '../../generated/labels';
import type { Status } from '../../services/types';

/**
 * Statuses in which mediation is under way and either party may end it (人民调解法 art. 23): which buttons to
 * offer (the server's transition table, src/domain/case/transitions.ts, decides; typed by its Status codes).
 */
export const MEDIATING: readonly Status[] = ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'];
/** Statuses in which a session can be booked (offering the booking page; the server decides). */
export const BOOKABLE: readonly Status[] = ['accepted', 'in_mediation', 'scheduled'];

/** "申请人" / "被申请人" for a party's role code (the server's table), '' for anything else. */
export function partyRoleLabel(role: string | undefined): string {
  return role && role in PARTY_ROLE_LABEL ? PARTY_ROLE_LABEL[role as keyof typeof PARTY_ROLE_LABEL] : '';
}

export { confirmStep, confirmWithReason } from '../../utils/dialogs';
