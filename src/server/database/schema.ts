// Database as code: every collection the cloud functions use, the indexes their queries need and the
// security rule of each. `npm run db:apply -- --env <envId>` makes a CloudBase environment match this file;
// the local database (tests, `npm start`) creates these collections and refuses any query no index here covers.
//
// Adding a collection: add an entry below (name, indexes, rule). Until you do, the local database answers
// DATABASE_COLLECTION_NOT_EXIST for it, as CloudBase does for a collection never created.
// Adding a query (where/orderBy/count/update/remove/aggregate $match): add an index whose leading fields are
// exactly the query's fields — equality fields (plain value, null, _.eq, _.in) first, then the orderBy fields
// in orderBy order and any range fields (_.gt/_.lt/_.neq/...) — or the local database refuses the query with
// the index to add. Look-ups by `_id` (doc(id), `_id: _.in([...])`) need nothing. Coverage rule: coverage.ts.
//
// Security rules: nothing in this service is read or written by the mini-program directly — every access goes
// through a cloud function, which checks the caller — so every collection is closed to the client. Open one only
// with a reason written beside it.
import type { CollectionSpec, SecurityRule } from './coverage';

export type { CollectionSpec, IndexSpec, SecurityRule } from './coverage';

/** No client access: only cloud functions (admin rights) read and write. */
export const CLOSED: SecurityRule = { read: false, write: false };

export const SCHEMA: readonly CollectionSpec[] = [
  {
    name: 'cases',
    description: 'One document per case: the case state, projections for queries, version for compare-and-set',
    rule: CLOSED,
    indexes: [
      { name: 'party_registered', keys: { partyUserIds: 1, registeredAt: -1 } },
      { name: 'party_status_registered', keys: { partyUserIds: 1, status: 1, registeredAt: -1 } },
      { name: 'mediator_status_registered', keys: { mediatorId: 1, status: 1, registeredAt: -1 } },
      { name: 'acting_status_registered', keys: { actingOrgIds: 1, status: 1, registeredAt: 1 } },
      { name: 'acting_review_registered', keys: { actingOrgIds: 1, 'contentReview.status': 1, registeredAt: 1 } },
      { name: 'acting_due', keys: { actingOrgIds: 1, nextDueAt: 1 } },
      { name: 'responsible_status', keys: { responsibleOrgId: 1, status: 1 } },
      { name: 'status_id', keys: { status: 1, _id: 1 } },
      { name: 'due_id', keys: { nextDueAt: 1, _id: 1 } },
      // Figures and registers of an organisation's subtree (report function).
      { name: 'first_inquiry_registered', keys: { firstInquiryOrgId: 1, registeredAt: 1 } },
      { name: 'responsible_registered', keys: { responsibleOrgId: 1, registeredAt: 1 } },
    ],
  },
  {
    name: 'audit',
    description: 'Hash-chained audit entries, one per event, by case and sequence number',
    rule: CLOSED,
    indexes: [{ name: 'case_seq', keys: { caseId: 1, seq: 1 }, unique: true }],
  },
  {
    name: 'outbox',
    description: 'Notices written with the change that caused them; the timer relays them',
    rule: CLOSED,
    indexes: [
      { name: 'status_lease', keys: { status: 1, leaseUntil: 1 } },
      { name: 'status_next_attempt', keys: { status: 1, nextAttemptAt: 1 } },
      { name: 'status_created', keys: { status: 1, createdAt: 1 } },
    ],
  },
  {
    name: 'inbox',
    description: 'In-app notices per user (personal data)',
    rule: CLOSED,
    indexes: [
      { name: 'openid_read', keys: { openid: 1, readAt: 1 } },
      { name: 'openid_at', keys: { openid: 1, at: -1 } },
    ],
  },
  {
    name: 'users',
    description: 'Accounts by OPENID: preferences and staff role grants (personal data)',
    rule: CLOSED,
    indexes: [{ name: 'role_org', keys: { 'roles.orgId': 1 } }],
  },
  {
    name: 'orgs',
    description: 'Organisation tree of the deployment (committees, street centres, district)',
    rule: CLOSED,
    indexes: [],
    fullScan: 'the whole directory is read into a cache; it holds at most a few hundred organisations',
  },
  {
    name: 'communities',
    description: 'Communities (residential areas) and the committee responsible for each',
    rule: CLOSED,
    indexes: [],
    fullScan: 'the whole directory is read into a cache; it holds at most a few thousand communities',
  },
  {
    name: 'invites',
    description: 'Single-use respondent invitation codes (hashed), by code',
    rule: CLOSED,
    indexes: [{ name: 'expires', keys: { expiresAt: 1 } }],
  },
  {
    name: 'staff_invites',
    description: "Staff invitation codes issued by a director (hashed)",
    rule: CLOSED,
    indexes: [
      { name: 'request_key', keys: { requestKey: 1 } },
      { name: 'org_created', keys: { orgId: 1, createdAt: -1 } },
      { name: 'unused_expires', keys: { usedBy: 1, expiresAt: 1 } },
    ],
  },
  {
    name: 'deletion_requests',
    description: 'Requests to delete personal data, by user',
    rule: CLOSED,
    indexes: [{ name: 'openid_at', keys: { openid: 1, at: -1 } }],
  },
  {
    name: 'rooms',
    description: 'Mediation rooms of an organisation and their opening hours',
    rule: CLOSED,
    indexes: [{ name: 'org', keys: { orgId: 1 } }],
  },
  {
    name: 'availability',
    description: "A mediator's weekly hours and exceptions, by OPENID",
    rule: CLOSED,
    indexes: [],
  },
  {
    name: 'slot_claims',
    description: 'One document per booked slot of a room or mediator; deterministic ids refuse a double booking',
    rule: CLOSED,
    indexes: [{ name: 'kind_resource_start', keys: { kind: 1, resourceId: 1, startAt: 1 } }],
  },
  {
    name: 'timer_claims',
    description: 'Deadline actions the timer has taken, by deterministic id (runs repeated change nothing)',
    rule: CLOSED,
    indexes: [],
  },
  {
    name: 'screenings',
    description: "Information officers' monthly screening reports (zero reports included), one per officer, organisation and month",
    rule: CLOSED,
    indexes: [{ name: 'month_org', keys: { month: 1, orgId: 1 } }],
  },
  {
    name: 'brewing_reports',
    description: 'Brewing-dispute reports by information officers, with a risk level, until a director turns one into a case',
    rule: CLOSED,
    indexes: [
      { name: 'org_status_at', keys: { orgId: 1, status: 1, at: -1 } },
      { name: 'officer_at', keys: { officerId: 1, at: -1 } },
    ],
  },
  {
    name: 'brewing_conversions',
    description: 'One document per brewing-dispute report turned into a case (its id is the report id): no second case',
    rule: CLOSED,
    indexes: [],
  },
  {
    name: 'report_files',
    description: 'Registers and documents generated (who, what, when): each is a staff read of personal data',
    rule: CLOSED,
    indexes: [],
  },
];

export function collectionNames(): string[] {
  return SCHEMA.map((c) => c.name);
}
