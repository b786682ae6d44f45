// What other areas may use of the case area (the import rules, `npm run depcheck`): registering a
// case (a converted report), the audit chain's reading, the invitation collections the expiry job clears, the view.
export { auditFirstPage, loadAuditEntries } from './audit-read';
export { limitsInForce } from './filing-limits';
export { INVITES } from './invites';
export { registerCase } from './register';
export { INVITE_SHORT_CODES } from './short-codes';
export { caseView } from './view';
