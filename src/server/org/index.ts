// What other areas may use of the org area: the experts' collection and document, staff role labels, staff invites
// (and the expiry sweep's removal of the unspent ones).
export { EXPERTS } from './experts';
export type { ExpertDoc } from './experts';
export { STAFF_ROLE_LABEL } from './roles';
export { STAFF_INVITES, removeExpiredStaffInvites } from './staff';
