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
// with a reason written beside it. Cloud storage has one rule of its own (STORAGE_RULE, below).
import type { CollectionSpec, SecurityRule } from './coverage';

export type { CollectionSpec, IndexSpec, SecurityRule } from './coverage';

/** No client access: only cloud functions (admin rights) read and write. */
export const CLOSED: SecurityRule = { read: false, write: false };

/**
 * Cloud storage (the environment's one bucket): from the client, a file is read and written only by the user
 * who uploaded it. CloudBase's default is "所有用户可读，仅创建者可读写" — anyone holding a fileID could download
 * it — so `db:apply` sets this rule. Residents upload their evidence photos and staff the scans of signed
 * agreements from the mini-program (wx.cloud.uploadFile: the uploader owns the file); cloud functions read them
 * with admin rights. Registers and documents are written by the report function (admin, no client owner), so no
 * client can fetch one by fileID: the mini-program opens it through the short-lived temporary URL the function
 * answers (src/server/report/files.ts), and the expiry timer deletes it soon after.
 */
export const STORAGE_RULE: SecurityRule = { read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' };

export const SCHEMA: readonly CollectionSpec[] = [
  {
    name: 'cases',
    description: 'One document per case: the case state, projections for queries, version for compare-and-set',
    rule: CLOSED,
    indexes: [
      // Lists paged with skip() sort on a unique key: every sort ends with `_id`, so a page neither repeats nor
      // drops a case whose registeredAt (or due time) equals another's.
      { name: 'party_registered', keys: { partyUserIds: 1, registeredAt: -1, _id: -1 } },
      { name: 'party_status_registered', keys: { partyUserIds: 1, status: 1, registeredAt: -1, _id: -1 } },
      // A mediator's inbox: their cases at the organisations where they mediate today (case.assigned).
      { name: 'mediator_org_status_registered', keys: { mediatorId: 1, responsibleOrgId: 1, status: 1, registeredAt: -1, _id: -1 } },
      // ...and the closed ones still owing their return visit (回访 after closing: `nextDueAt` set).
      { name: 'mediator_org_status_due_registered', keys: { mediatorId: 1, responsibleOrgId: 1, status: 1, nextDueAt: 1, registeredAt: -1, _id: -1 } },
      // An expert's inbox: the open cases a director added them to (case.assigned).
      { name: 'expert_status_registered', keys: { expertIds: 1, status: 1, registeredAt: -1, _id: -1 } },
      { name: 'acting_status_registered', keys: { actingOrgIds: 1, status: 1, registeredAt: 1, _id: 1 } },
      // The review queue (case.reviewQueue): any held text (`reviewPending`), or a dispute text held before that field existed.
      { name: 'acting_reviewpending_registered', keys: { actingOrgIds: 1, reviewPending: 1, registeredAt: 1, _id: 1 } },
      { name: 'acting_review_registered', keys: { actingOrgIds: 1, 'contentReview.status': 1, registeredAt: 1, _id: 1 } },
      { name: 'acting_due', keys: { actingOrgIds: 1, nextDueAt: 1, _id: 1 } },
      { name: 'responsible_status', keys: { responsibleOrgId: 1, status: 1 } },
      { name: 'status_id', keys: { status: 1, _id: 1 } },
      // The deadline sweep: cases whose time has come (`timerDueAt`), paged on _id (src/server/timer/deadlines.ts).
      { name: 'timer_due_id', keys: { timerDueAt: 1, _id: 1 } },
      // The figures' roll-up: cases whose facts the counters do not hold yet, oldest first (report/figure-counters.ts).
      { name: 'figures_dirty_id', keys: { figuresDirtyAt: 1, _id: 1 } },
      // ...and the cases saved before that mark existed (no `figuresDirtyAt`), oldest change first.
      { name: 'figures_unmarked_updated', keys: { figuresDirtyAt: 1, updatedAt: 1, _id: 1 } },
      // The overview boards (report/boards.ts): an organisation's most overdue open cases, its latest closures.
      { name: 'responsible_status_due', keys: { responsibleOrgId: 1, status: 1, nextDueAt: 1, _id: 1 } },
      { name: 'responsible_status_closed', keys: { responsibleOrgId: 1, status: 1, 'case.closedAt': -1, _id: -1 } },
      // A register of an organisation's subtree for a month, read by its keys (domain/stats/register-keys.ts).
      { name: 'register_keys_id', keys: { registerKeys: 1, _id: 1 } },
      // Figures and registers of an organisation's subtree (report function).
      { name: 'first_inquiry_registered', keys: { firstInquiryOrgId: 1, registeredAt: 1, _id: 1 } },
      { name: 'responsible_registered', keys: { responsibleOrgId: 1, registeredAt: 1, _id: 1 } },
    ],
  },
  {
    name: 'figure_counters',
    description:
      "The figures' counters: one document per organisation and month (`<orgId>:<YYYY-MM>`, its whole subtree's case facts summed), `_asof` (how far they are up to date), and the overview boards (`board-own:<orgId>` what an organisation holds, `board:<orgId>` its area; report/boards.ts); read by _id",
    rule: CLOSED,
    // The roll-up remakes the own boards whose next deadline has come.
    indexes: [{ name: 'board_due', keys: { kind: 1, nextDueAt: 1 } }],
  },
  {
    name: 'audit',
    description:
      "Keyed hash chain of each case (AUDIT_KEY): one document per step (id `<caseId>:<first seq>`, `seq` and `lastSeq` its first and last entry, `entries` the chained entries: who, when, what kind, digests — no personal data); read by case in order of `seq`, or looked up beside the case (case.audit). Documents of steps written before this layout hold one entry in their own fields. A step that told anyone also carries its notices here (`notices`, with the relay's `status`, due time and claim, as in `outbox`): one insert for both; the expiry timer strips them once finished and 90 days old",
    rule: CLOSED,
    indexes: [
      { name: 'case_seq', keys: { caseId: 1, seq: 1 }, unique: true },
      { name: 'status_lease', keys: { status: 1, leaseUntil: 1 } },
      { name: 'status_next_attempt', keys: { status: 1, nextAttemptAt: 1 } },
      { name: 'status_created', keys: { status: 1, createdAt: 1 } },
    ],
  },
  {
    name: 'staff_audit',
    description: "Keyed hash chain of role grants and removals, one chain per organisation (accounts and roles, no names); a grant by invitation code is stored under the invitation's id (what spends the code), every other entry under `<orgId>:<seq>`",
    rule: CLOSED,
    indexes: [{ name: 'org_seq', keys: { orgId: 1, seq: 1 }, unique: true }],
  },
  {
    name: 'audit_heads',
    description: 'The head (last sequence number and hash) of each staff chain, by `staff:<orgId>`',
    rule: CLOSED,
    indexes: [],
  },
  {
    name: 'outbox',
    description:
      'The deadline sweep\'s reminders and alerts, one document per case and pass (`notices`, each with its own recipients and progress; the status, due time and claim are the whole document\'s), and notices of steps written before they moved onto the step\'s audit document; the timer relays them',
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
      { name: 'openid_at', keys: { openid: 1, at: -1, _id: -1 } },
    ],
  },
  {
    name: 'users',
    description: "Accounts by OPENID: preferences, staff role grants and, for an expert, the pool entry their code linked (personal data)",
    rule: CLOSED,
    indexes: [
      { name: 'role_org', keys: { 'roles.orgId': 1, _id: 1 } },
      // The account an expert's code linked to the pool entry (org.experts, case.addExpert; src/server/org/experts.ts).
      { name: 'expert_of', keys: { expertOf: 1 } },
    ],
  },
  {
    name: 'orgs',
    description: 'Organisation tree of the deployment (committees, street centres, district)',
    rule: CLOSED,
    indexes: [],
    fullScan: 'the whole directory is read into a cache; it holds at most a few hundred organisations',
  },
  {
    name: 'settings',
    description: "The deployment's own mediation rules (a partial override of the defaults) and holiday years, one document written by the deployment loader, read by id",
    rule: CLOSED,
    indexes: [],
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
    indexes: [
      { name: 'expires', keys: { expiresAt: 1 } },
      // A replay of case.invite withdraws the code that request issued (src/server/case/respondent.ts).
      { name: 'request_key', keys: { requestKey: 1 } },
      // Staff see each party's latest invitation on the case page (src/server/case/invites.ts).
      { name: 'case_created', keys: { caseId: 1, createdAt: -1 } },
    ],
  },
  {
    name: 'invite_short_codes',
    description: "Invitations' short numeric codes (keyed hash as the id, 72 hours at most), each pointing at its invitation",
    rule: CLOSED,
    indexes: [
      { name: 'expires', keys: { expiresAt: 1 } },
      // A replay of case.invite withdraws the short code that request issued (src/server/case/respondent.ts).
      { name: 'request_key', keys: { requestKey: 1 } },
    ],
  },
  {
    name: 'experts',
    description: "The district's pool of invited expert mediators (专家库): name, field, affiliation, phone sealed, active (the linked account names its entry: users.expertOf)",
    rule: CLOSED,
    indexes: [
      { name: 'org_id', keys: { orgId: 1, _id: 1 } },
      // The experts on a case, by account (case.get), for entries linked before the link moved to the account.
      { name: 'user', keys: { userId: 1 } },
    ],
  },
  {
    name: 'expert_requests',
    description: 'org.revealExpertPhone requests already answered (id: the request key, inserted with the read\'s chain entry), so a replay logs nothing twice; org.saveExpert remembers its requests on the expert entry',
    rule: CLOSED,
    indexes: [],
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
    name: 'calendars',
    description: "Where slots are claimed and read from: one document per organisation (`rooms:<orgId>`: its rooms, the name and hours of each mediator who mediates for it alone, and the slots claimed on both) and per mediator (`mediator:<OPENID>`: their own name, hours and claimed slots, or only `homedAt`, the organisation's calendar holding theirs); written in the booking step's transaction and with every change of hours or rooms",
    rule: CLOSED,
    indexes: [],
  },
  {
    name: 'slot_claims',
    description: 'One document per booked slot of a room or mediator; deterministic ids refuse a double booking',
    rule: CLOSED,
    indexes: [{ name: 'kind_resource_start', keys: { kind: 1, resourceId: 1, startAt: 1, _id: 1 } }],
  },
  {
    name: 'rate_limits',
    description: 'Counters of rate-limited steps, one per limit, hashed key and fixed window, or one per hashed key holding several limits\' windows (filing; kernel/rate-limit.ts), and the relay\'s count of urgent alerts an organisation was sent this hour (notify/relay.ts); the expiry timer removes them once past',
    rule: CLOSED,
    indexes: [{ name: 'expires', keys: { expiresAt: 1 } }],
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
    indexes: [{ name: 'month_org', keys: { month: 1, orgId: 1, _id: 1 } }],
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
    name: 'subsidy_ledgers',
    description: "A month's subsidy ledger (以案定补) as a director approved it, one per organisation and month (id `<orgId>:<month>`): never changed after",
    rule: CLOSED,
    indexes: [],
  },
  {
    name: 'typical_cases',
    description: 'Typical cases (典型案例) directors publish for residents, without personal data, listed per category (withdrawn ones kept, with the reason, and left out); revisions keep the text they replaced',
    rule: CLOSED,
    // Every list leaves the withdrawn ones out (`withdrawnAt` absent: cases published before withdrawal existed
    // have no such field either).
    indexes: [
      { name: 'category_published', keys: { category: 1, publishedAt: -1, withdrawnAt: 1 } },
      { name: 'published', keys: { publishedAt: -1, withdrawnAt: 1 } },
      // An organisation's own list (its directors revise or withdraw from it).
      { name: 'org_published', keys: { orgId: 1, publishedAt: -1, withdrawnAt: 1 } },
    ],
  },
  {
    name: 'report_files',
    description: 'Registers and documents generated (who, what, when): each is a staff read of personal data; the file itself is deleted when it expires, the record stays',
    rule: CLOSED,
    // The expiry timer: files still stored whose time is up (and files logged before files expired: no fileState).
    indexes: [{ name: 'state_expires', keys: { fileState: 1, expiresAt: 1 } }],
  },
  {
    name: 'case_archives',
    description: "Each closed case's electronic file (电子卷宗), id = the case's id, written in the closing step's transaction: table of contents, the audit head at closing, keep-until date; its archive number given by the timer in closing order (numberDueAt while it waits); never deleted before that date",
    rule: CLOSED,
    indexes: [
      { name: 'org_year', keys: { orgId: 1, year: 1, seq: 1 } },
      // The files register (卷宗登记册): a month's closures of an organisation's subtree.
      { name: 'org_closed', keys: { orgId: 1, closedAt: 1 } },
      // The timer's numbering: records waiting for their number, oldest first.
      { name: 'number_due_id', keys: { numberDueAt: 1, _id: 1 } },
    ],
  },
  {
    name: 'archive_counters',
    description: 'The last archive number given per organisation and year (id `<orgId>:<year>`), advanced compare-and-set in the timer\'s numbering transaction: numbers are never given twice or skipped',
    rule: CLOSED,
    indexes: [],
  },
];

export function collectionNames(): string[] {
  return SCHEMA.map((c) => c.name);
}
