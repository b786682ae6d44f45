// What other areas may use of the org area: the experts' collection and document (an entry with its linked account,
// and where that link is kept), staff role labels, staff invites (and the expiry sweep's removal of the unspent ones).
export { EXPERT_LINK, EXPERTS, expertById } from './experts';
export type { ExpertDoc } from './experts';
export { STAFF_ROLE_LABEL } from './roles';
export { STAFF_INVITES, removeExpiredStaffInvites } from './staff';
