// The overview board (督办看板): for each organisation, what it holds right now — open and overdue cases, each
// mediator's open caseload, the most overdue cases and the latest closures — and for each organisation's area
// (its whole subtree) the same merged. The timer's roll-up keeps one board per organisation from a few bounded
// queries over that organisation's cases (src/server/report/boards.ts); `report.overview` and `org.staff` read
// the boards instead of the cases.
//
// A case's place on the boards is `boardKey`: while that key and its figures' facts are as counted, nothing on
// any board changes for it (store.ts marks the case for the roll-up when either differs, no request of its own).
// "Overdue" is a matter of time, not only of steps: a board counts the cases whose next deadline had passed
// when it was made (`at`), and says from when that may no longer hold (`nextDueAt`: the earliest deadline still
// to come then). The deadline sweep records a passed deadline as a step (which marks the case), and the roll-up
// also remakes boards whose `nextDueAt` has come, so a board is at most a tick or two behind the clock; the
// overview says as of when (`boardAsOf`).
//
// Pure: cases, the tree and the time come in; `recountOwnBoard` is the definition the stored boards are held
// to (test/server/overview-board.test.ts).
import { nextDeadline } from '../case/deadlines';
import type { Case, DeadlineKind, Outcome } from '../case/model';
import { subtree, type OrgTree } from '../org/tree';
import { toMillis, toUtcIso } from '../shared/time';

/** Rows kept per list (most overdue first; latest closures first). */
export const BOARD_LIST_MAX = 50;
/** Closures shown: those of the last 30 days. */
export const RECENT_CLOSURE_DAYS = 30;

/** A case on a board: number, category and status only — never names, numbers or dispute text. */
export interface BoardRow {
  caseId: string;
  caseNo: string;
  category: string;
  status: Case['status'];
  /** The organisation responsible for it. */
  orgId: string;
  /** Its next deadline (an overdue row: the one missed). */
  due?: { kind: DeadlineKind; at: string };
  outcome?: Outcome;
  closedAt?: string;
}

export interface Caseload {
  mediatorId: string;
  /** Open cases the mediator holds at this organisation. */
  n: number;
}

/** What one organisation itself holds (the cases it is responsible for). */
export interface OwnBoard {
  orgId: string;
  /** When it was made: `overdue` counts the deadlines passed by then. */
  at: string;
  open: number;
  overdue: number;
  /** The earliest deadline of its open cases still to come at `at` (null: none): until then `overdue` holds. */
  nextDueAt: string | null;
  caseloads: Caseload[];
  /** Open cases past their next deadline at `at`, most overdue first, at most BOARD_LIST_MAX. */
  overdueRows: BoardRow[];
  /** Cases it closed in the RECENT_CLOSURE_DAYS before `at`, latest first, at most BOARD_LIST_MAX. */
  closures: BoardRow[];
}

/** An organisation's area: the own boards of its subtree merged. */
export interface AreaBoard {
  orgId: string;
  at: string;
  /** Organisations of the area with open cases. */
  byOrg: Array<{ orgId: string; open: number; overdue: number }>;
  /** The earliest `nextDueAt` of the area's own boards. */
  nextDueAt: string | null;
  overdueRows: BoardRow[];
  closures: BoardRow[];
}

/** Where a case stands on the boards: responsible organisation first (`boardOrgOfKey`), then what rows show. */
export function boardKey(c: Case): string {
  const due = nextDeadline(c);
  return [c.responsibleOrgId, c.status, c.mediatorId ?? '', c.category, due ? `${due.kind}@${due.dueAt}` : ''].join('|');
}

export function boardOrgOfKey(key: string): string {
  return key.slice(0, key.indexOf('|'));
}

export function boardRow(c: Case): BoardRow {
  const due = nextDeadline(c);
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    category: c.category,
    status: c.status,
    orgId: c.responsibleOrgId,
    ...(due ? { due: { kind: due.kind, at: due.dueAt } } : {}),
    ...(c.status === 'closed' ? { outcome: c.outcome, closedAt: c.closedAt } : {}),
  };
}

/** Most overdue first (then by case id, as the roll-up's query orders them). */
export const byMostOverdue = (a: BoardRow, b: BoardRow): number => (a.due!.at < b.due!.at ? -1 : a.due!.at > b.due!.at ? 1 : a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
/** Latest closure first (then by case id, descending). */
export const byLatestClosure = (a: BoardRow, b: BoardRow): number =>
  a.closedAt! > b.closedAt! ? -1 : a.closedAt! < b.closedAt! ? 1 : a.caseId > b.caseId ? -1 : a.caseId < b.caseId ? 1 : 0;

/** The first instant whose closures count as recent at `at`. */
export function recentSince(at: string): string {
  return toUtcIso(toMillis(at) - RECENT_CLOSURE_DAYS * 86_400_000);
}

/** An organisation's own board recounted from every case there is (the roll-up reaches the same with queries). */
export function recountOwnBoard(orgId: string, cases: Iterable<Case>, at: string): OwnBoard {
  const since = recentSince(at);
  let open = 0;
  let overdue = 0;
  let nextDueAt: string | null = null;
  const loads = new Map<string, number>();
  const late: BoardRow[] = [];
  const closures: BoardRow[] = [];
  for (const c of cases) {
    if (c.responsibleOrgId !== orgId) continue;
    if (c.status === 'closed') {
      if (c.closedAt >= since) closures.push(boardRow(c));
      continue;
    }
    open += 1;
    if (c.mediatorId) loads.set(c.mediatorId, (loads.get(c.mediatorId) ?? 0) + 1);
    const due = nextDeadline(c);
    if (!due) continue;
    if (due.dueAt < at) {
      overdue += 1;
      late.push(boardRow(c));
    } else if (nextDueAt === null || due.dueAt < nextDueAt) nextDueAt = due.dueAt;
  }
  return {
    orgId,
    at,
    open,
    overdue,
    nextDueAt,
    caseloads: [...loads].sort(([a], [b]) => (a < b ? -1 : 1)).map(([mediatorId, n]) => ({ mediatorId, n })),
    overdueRows: late.sort(byMostOverdue).slice(0, BOARD_LIST_MAX),
    closures: closures.sort(byLatestClosure).slice(0, BOARD_LIST_MAX),
  };
}

/** An area's board: the own boards of the organisation's subtree (those there are) merged. */
export function mergeAreaBoard(tree: OrgTree, orgId: string, owns: ReadonlyMap<string, OwnBoard>, at: string): AreaBoard {
  const parts = subtree(tree, orgId)
    .map((o) => owns.get(o.id))
    .filter((b): b is OwnBoard => Boolean(b));
  const dues = parts.map((b) => b.nextDueAt).filter((d): d is string => d !== null);
  return {
    orgId,
    at,
    byOrg: parts.filter((b) => b.open > 0).map((b) => ({ orgId: b.orgId, open: b.open, overdue: b.overdue })),
    nextDueAt: dues.length ? dues.reduce((m, d) => (d < m ? d : m)) : null,
    overdueRows: parts.flatMap((b) => b.overdueRows).sort(byMostOverdue).slice(0, BOARD_LIST_MAX),
    closures: parts.flatMap((b) => b.closures).sort(byLatestClosure).slice(0, BOARD_LIST_MAX),
  };
}

/**
 * As of when an area's board tells the truth at `now`: changes are in up to the roll-up's `asOf`, and its
 * overdue cases up to the first deadline that came after its boards were made (a case overdue since then shows
 * once the sweep recorded it, or the board was remade, and the roll-up ran). Null before any roll-up.
 */
export function boardAsOf(rollUpAsOf: string | null, area: Pick<AreaBoard, 'nextDueAt'> | undefined, now: string): string | null {
  if (!rollUpAsOf) return null;
  let asOf = rollUpAsOf < now ? rollUpAsOf : now;
  if (area?.nextDueAt && area.nextDueAt < asOf) asOf = area.nextDueAt;
  return asOf;
}

/** Closures of a board still recent at `now` (the board may have been made a while ago). */
export function recentClosures(rows: readonly BoardRow[], now: string): BoardRow[] {
  const since = recentSince(now);
  return rows.filter((r) => r.closedAt! >= since);
}
