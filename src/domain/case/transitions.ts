import type { CommandType } from './commands';
import type { Status } from './model';

const MEDIATING = ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'] as const satisfies readonly Status[];
const OPEN = ['registered', 'transferring', 'awaiting_designation', ...MEDIATING, 'performing'] as const satisfies readonly Status[];

/**
 * The one transition table: from which statuses each command may be given, and the statuses it can
 * lead to. `decide` refuses anything not listed here before looking at anything else; a test checks
 * that every status a command produces is listed in `to`.
 * `new` means the case does not exist yet.
 */
export const TRANSITIONS: Record<CommandType, { from: ReadonlyArray<Status | 'new'>; to: readonly Status[] }> = {
  register: { from: ['new'], to: ['registered'] },
  accept: { from: ['registered'], to: ['accepted'] },
  transfer: { from: ['registered'], to: ['transferring'] },
  accept_transfer: { from: ['transferring'], to: ['accepted'] },
  return_transfer: { from: ['transferring'], to: ['registered', 'awaiting_designation'] },
  escalate: { from: ['registered', 'accepted', 'awaiting_consent', 'scheduled', 'in_mediation'], to: ['awaiting_designation'] },
  designate: { from: ['awaiting_designation'], to: ['accepted'] },
  escalate_overdue_transfer: { from: ['transferring'], to: ['awaiting_designation'] },
  refer_out: { from: ['registered', 'accepted', 'awaiting_consent'], to: ['closed'] },
  record_referral_feedback: { from: ['closed'], to: ['closed'] },
  raise_risk: { from: OPEN, to: OPEN },
  mark_personal_relations: { from: ['registered', 'transferring', 'awaiting_designation', ...MEDIATING], to: ['registered', 'transferring', 'awaiting_designation', ...MEDIATING] },
  assign_mediator: { from: [...MEDIATING, 'performing'], to: [...MEDIATING, 'performing'] },
  recuse_mediator: { from: MEDIATING, to: MEDIATING },
  add_expert: { from: MEDIATING, to: MEDIATING },
  remove_expert: { from: MEDIATING, to: MEDIATING },
  recuse_expert: { from: MEDIATING, to: MEDIATING },
  invite_respondent: { from: ['accepted'], to: ['awaiting_consent'] },
  respondent_reply: { from: ['awaiting_consent'], to: ['awaiting_consent', 'in_mediation', 'closed'] },
  schedule_session: { from: ['accepted', 'in_mediation', 'scheduled'], to: ['scheduled'] },
  cancel_session: { from: ['scheduled'], to: ['in_mediation'] },
  record_session: { from: ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation'], to: ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation'] },
  draft_agreement: { from: ['scheduled', 'in_mediation'], to: ['agreement_pending'] },
  revise_agreement: { from: ['agreement_pending'], to: ['agreement_pending'] },
  confirm_agreement: { from: ['agreement_pending'], to: ['agreement_pending'] },
  sign_agreement: { from: ['agreement_pending'], to: ['agreement_pending'] },
  seal_agreement: { from: ['agreement_pending'], to: ['performing'] },
  record_oral_agreement: { from: ['scheduled', 'in_mediation'], to: ['performing'] },
  mark_item_done: { from: ['performing'], to: ['performing'] },
  // A closed case takes one more step: the return visit owed after closing (its outcome does not change).
  record_return_visit: { from: ['performing', 'closed'], to: ['performing', 'closed'] },
  rate_service: { from: ['performing', 'closed'], to: ['performing', 'closed'] },
  record_judicial_application: { from: ['performing', 'closed'], to: ['performing', 'closed'] },
  extend_deadline: { from: MEDIATING, to: MEDIATING },
  // One of several applicants withdrawing leaves the case where it is; the last one closes it.
  withdraw: { from: ['registered', 'transferring', 'awaiting_designation', ...MEDIATING], to: ['closed', 'registered', 'transferring', 'awaiting_designation', ...MEDIATING] },
  terminate: { from: MEDIATING, to: ['closed'] },
  close: { from: [...MEDIATING, 'performing'], to: ['closed'] },
  record_deadline_missed: { from: OPEN, to: OPEN },
};

export function isAllowedFrom(command: CommandType, status: Status | 'new'): boolean {
  return TRANSITIONS[command].from.includes(status);
}
