// The overview boards (domain/stats/board.ts), kept by the figures' roll-up (figure-counters.ts): one document
// per organisation for what it holds itself (`board-own:<orgId>`) and one for its area (`board:<orgId>`, its
// subtree's own boards merged), beside the counters in `figure_counters`, so `report.overview` reads its area's
// board and the roll-up's as-of time in one query, whatever the store holds.
//
// Each tick the roll-up remakes the own boards of the organisations its dirty cases moved on or off (and a few
// whose `nextDueAt` has come: a deadline passed since they were made), each from three bounded queries over that
// organisation's cases — a server-side group of its open cases (open, overdue, next deadline, caseload per
// mediator), its most overdue open cases (≤ 50) and its latest closures (≤ 50) — then the area boards of those
// organisations and every organisation above them. Remade, never added to: a board cannot drift from the cases.
// A mediator's caseload also goes onto their own account (`users.caseloads`) so the staff list reads it with
// the people (org.staff). Boards are a projection only the timer writes: written plainly, not compare-and-set;
// should two runs overlap, the last written stands until the organisation's next change or due deadline remakes it.
import { BOARD_LIST_MAX, boardRow, mergeAreaBoard, recentSince, type AreaBoard, type Caseload, type OwnBoard } from '../../domain/stats';
import { canonicalJson } from '../../domain/agreement/canonical-json';
import { parentChain, subtree } from '../../domain/org/tree';
import { MAX_PAGE, queryDocs } from '../kernel/db';
import type { Database } from '../kernel/platform';
import { commit, type CasWrite } from '../kernel/unit-of-work';
import type { Directory } from '../cases/org-cache';
import { CASES, type CaseDoc } from '../cases/store';

/** Collection of the counters; the boards live beside them (one query reads a board and the as-of time). */
const COUNTERS = 'figure_counters';
export const ownBoardId = (orgId: string) => `board-own:${orgId}`;
export const areaBoardId = (orgId: string) => `board:${orgId}`;
/** Own boards remade per tick because a deadline passed since they were made (besides those dirty cases touch). */
export const DUE_BOARDS = 10;

export type OwnBoardDoc = OwnBoard & { _id: string; kind: 'board-own' };
export type AreaBoardDoc = AreaBoard & { _id: string; kind: 'board' };

/** A mediator's open caseload per organisation, kept on their account by the roll-up. */
export interface AccountCaseload {
  orgId: string;
  n: number;
}

/** An organisation's own board from its cases as they stand: three bounded queries (the group is server-side). */
export async function ownBoardFromCases(db: Database, orgId: string, at: string): Promise<OwnBoard> {
  const _ = db.command;
  const $ = (db.command as any).aggregate;
  const open = { responsibleOrgId: orgId, status: _.neq('closed') };
  // A case with no deadline counts neither overdue nor as the next one ('~' sorts after every instant, '' before).
  const due = $.ifNull(['$nextDueAt', '~']);
  const [groups, late, closed] = await Promise.all([
    (db.collection(CASES) as any)
      .aggregate()
      .match(open)
      .group({
        _id: '$mediatorId',
        n: $.sum(1),
        overdue: $.sum($.cond([$.lt([due, at]), 1, 0])),
        next: $.min($.cond([$.and([$.gte([due, at]), $.lt([due, '~'])]), '$nextDueAt', null])),
      })
      // One group per mediator: CloudBase answers 20 without a limit.
      .limit(MAX_PAGE)
      .end() as Promise<{ list: Array<{ _id: string | null; n: number; overdue: number; next: string | null }> }>,
    queryDocs<CaseDoc>(db.collection(CASES).where({ ...open, nextDueAt: _.lt(at) }).orderBy('nextDueAt', 'asc').orderBy('_id', 'asc').limit(BOARD_LIST_MAX)),
    queryDocs<CaseDoc>(
      db
        .collection(CASES)
        .where({ responsibleOrgId: orgId, status: 'closed', 'case.closedAt': _.gte(recentSince(at)) })
        .orderBy('case.closedAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(BOARD_LIST_MAX),
    ),
  ]);
  const nexts = groups.list.map((g) => g.next).filter((d): d is string => typeof d === 'string');
  return {
    orgId,
    at,
    open: groups.list.reduce((s, g) => s + g.n, 0),
    overdue: groups.list.reduce((s, g) => s + g.overdue, 0),
    nextDueAt: nexts.length ? nexts.reduce((m, d) => (d < m ? d : m)) : null,
    caseloads: groups.list
      .filter((g): g is typeof g & { _id: string } => typeof g._id === 'string' && g._id !== '')
      .map((g) => ({ mediatorId: g._id, n: g.n }))
      .sort((a, b) => (a.mediatorId < b.mediatorId ? -1 : 1)),
    overdueRows: late.map((d) => boardRow(d.case)),
    closures: closed.map((d) => boardRow(d.case)),
  };
}

/** Board documents by id, 1,000 ids a query. */
async function readBoards(db: Database, ids: string[]): Promise<Array<OwnBoardDoc | AreaBoardDoc>> {
  const _ = db.command;
  const out: Array<OwnBoardDoc | AreaBoardDoc> = [];
  for (let i = 0; i < ids.length; i += MAX_PAGE) {
    const page = ids.slice(i, i + MAX_PAGE);
    out.push(...(await queryDocs<OwnBoardDoc | AreaBoardDoc>(db.collection(COUNTERS).where({ _id: _.in(page) }).limit(page.length))));
  }
  return out;
}

function strip<T extends { _id?: string; kind?: string; version?: number }>(d: T): Omit<T, '_id' | 'kind' | 'version'> {
  const { _id: _i, kind: _k, version: _v, ...rest } = d;
  return rest;
}

/** Equal but for when it was made: no write needed. */
const sameBoard = (a: { at: string } | undefined, b: { at: string }) => Boolean(a) && canonicalJson({ ...a, at: '' }) === canonicalJson({ ...b, at: '' });

function caseloadsOf(b: OwnBoard | undefined): Map<string, number> {
  return new Map((b?.caseloads ?? []).map((c: Caseload) => [c.mediatorId, c.n]));
}

/** The account written with its caseload at one organisation set (nothing written for an account not there). */
function caseloadWrite(userId: string, loads: Map<string, number>): CasWrite {
  return {
    collection: 'users',
    id: userId,
    expectVersion: null,
    data: {},
    derive: (current) => {
      if (!current) return undefined;
      const { _id: _i, version: _v, ...rest } = current;
      const kept = ((rest.caseloads as AccountCaseload[] | undefined) ?? []).filter((c) => !loads.has(c.orgId));
      const next = [...kept, ...[...loads].filter(([, n]) => n > 0).map(([orgId, n]) => ({ orgId, n }))].sort((a, b) => (a.orgId < b.orgId ? -1 : 1));
      return { ...rest, caseloads: next };
    },
  };
}

export interface BoardsReport {
  /** Own boards remade (those dirty cases touched, and those whose next deadline came). */
  remade: number;
  /** Board documents written (the others came out as they were). */
  written: number;
}

/**
 * Remakes the own boards of `touched` (organisations dirty cases moved on or off) and of up to DUE_BOARDS whose
 * next deadline has come, then the area boards of every organisation at or above them, and the caseloads that
 * changed on the mediators' accounts.
 */
export async function refreshBoards(db: Database, dir: Directory, touched: Iterable<string>, at: string): Promise<BoardsReport> {
  const _ = db.command;
  const orgs = new Set([...touched].filter((id) => dir.orgs.has(id)));
  const due = await queryDocs<OwnBoardDoc>(db.collection(COUNTERS).where({ kind: 'board-own', nextDueAt: _.lte(at) }).orderBy('nextDueAt', 'asc').limit(DUE_BOARDS));
  for (const b of due) {
    if (dir.orgs.has(b.orgId)) orgs.add(b.orgId);
    // An organisation the directory no longer has: its board would stay due for ever.
    else await db.collection(COUNTERS).doc(b._id).remove();
  }
  if (!orgs.size) return { remade: 0, written: 0 };

  const fresh = new Map<string, OwnBoard>();
  for (const id of orgs) fresh.set(id, await ownBoardFromCases(db, id, at));
  const areas = new Set([...orgs].flatMap((id) => parentChain(dir.tree, id).map((o) => o.id)));
  const tops = [...areas].filter((id) => !parentChain(dir.tree, id).slice(1).some((o) => areas.has(o.id)));
  const areaIds = [...areas];
  // The own boards of every organisation in those areas and the area boards as they stand: one query a thousand.
  const read = await readBoards(db, [...new Set(tops.flatMap((id) => subtree(dir.tree, id).map((o) => ownBoardId(o.id)))), ...areaIds.map(areaBoardId)]);
  const stored = new Map(read.filter((d): d is OwnBoardDoc => d.kind === 'board-own').map((d) => [d.orgId, strip(d) as OwnBoard]));
  const oldAreas = new Map(read.filter((d): d is AreaBoardDoc => d.kind === 'board').map((d) => [d.orgId, strip(d) as AreaBoard]));
  const owns = new Map([...stored, ...fresh]);

  // Caseloads that changed, per account (a mediator may work at several organisations).
  const perUser = new Map<string, Map<string, number>>();
  for (const [orgId, b] of fresh) {
    const before = caseloadsOf(stored.get(orgId));
    const after = caseloadsOf(b);
    for (const m of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(m) === after.get(m)) continue;
      (perUser.get(m) ?? perUser.set(m, new Map()).get(m)!).set(orgId, after.get(m) ?? 0);
    }
  }
  if (perUser.size) await commit(db, { writes: [...perUser].map(([userId, loads]) => caseloadWrite(userId, loads)), inserts: [] });

  const docs: Array<OwnBoardDoc | AreaBoardDoc> = [];
  for (const [orgId, b] of fresh) if (!sameBoard(stored.get(orgId), b)) docs.push({ _id: ownBoardId(orgId), kind: 'board-own', ...b });
  for (const id of areaIds) {
    const area = mergeAreaBoard(dir.tree, id, owns, at);
    if (!sameBoard(oldAreas.get(id), area)) docs.push({ _id: areaBoardId(id), kind: 'board', ...area });
  }
  for (const d of docs) {
    const { _id, ...data } = d;
    await db.collection(COUNTERS).doc(_id).set({ data });
  }
  return { remade: fresh.size, written: docs.length };
}

/** The board of an organisation's area and the roll-up's as-of time: one query. */
export async function readAreaBoard(db: Database, orgId: string, asOfId: string): Promise<{ board: AreaBoard | undefined; asOf: string | null }> {
  const _ = db.command;
  const ids = [areaBoardId(orgId), asOfId];
  const docs = await queryDocs<(AreaBoardDoc & { asOf?: undefined }) | { _id: string; asOf?: string }>(db.collection(COUNTERS).where({ _id: _.in(ids) }).limit(ids.length));
  const board = docs.find((d) => d._id === ids[0]) as AreaBoardDoc | undefined;
  return { board: board ? (strip(board) as AreaBoard) : undefined, asOf: (docs.find((d) => d._id === asOfId) as { asOf?: string } | undefined)?.asOf ?? null };
}
