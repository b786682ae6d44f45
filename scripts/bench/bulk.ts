// Fills the store with many realistic cases, fast: a handful of cases are taken through the real API to
// different states (so every document is exactly what the functions write), then cloned in bulk with new ids,
// case numbers, residents and communities straight into the local store (no requests, one SQLite transaction
// per batch).
//
// The store is shaped like a district's history: the district takes MONTHLY cases a month, spread over its four
// community committees (so a committee's month holds MONTHLY / 4, its street centre's twice that), each
// committee's cases mediated by its own mediator. The first MONTHLY cases are this month's, in every state (the
// templates and the clones after them; the open ones as the API left them, today); every later clone is a closed
// case of an earlier month, its whole history moved back in time: month by month going back from last month, and
// within a month committee by committee (MONTHLY / 4 clones each, spread over the month's days), 桃源 first. So
// this month's registers, boards and open caseloads are the same at 1,000 and at 100,000 cases, and so is 桃源's
// last month: at 1,000 cases the 200 clones after this month's are its full last month (a full month's registers
// and subsidy ledger, and closed cases whose return visit is overdue, more than a page of its overdue board).
// The bench's month reads are 桃源's (scenarios.ts). What grows is the past (100,000 cases: about ten years of
// every committee's months).
import type { LocalRuntime } from '../../src/local/runtime';
import type { Case } from '../../src/domain/case/model';
import { boardKey, caseFacts, mergeAreaBoard, recountOwnBoard, registerKeys, rollUpFacts, type Fact } from '../../src/domain/stats';
import { chinaDateOf } from '../../src/domain/shared/time';
import type { OrgTree } from '../../src/domain/org/tree';
import { AS_OF_ID, FIGURE_COUNTERS } from '../../src/server/report/figure-counters';
import { areaBoardId, ownBoardId } from '../../src/server/report/boards';
import { COMMITTEE_MEDIATORS, stage, type Stage } from './scenarios';

const TEMPLATE_STAGES: Stage[] = ['registered', 'accepted', 'assigned', 'consent', 'mediating', 'mediating', 'mediating', 'transferring', 'designating', 'extension', 'inForce', 'inForce'];
/** Closed cases (mediation failed; a court's referral referred on): this month's mix has them, and every earlier month is made of them. */
const CLOSED_STAGES: Stage[] = ['closed', 'closed', 'referredInClosed'];
/** Cases the district takes a month (all its committees). */
export const MONTHLY = 800;
const DAY_MS = 86_400_000;
/**
 * Community → the street centre above it (demo deployment). The past is filled in this order within each month:
 * 桃源 first. A clone is mediated by its committee's mediator (COMMITTEE_MEDIATORS; the templates are 柳岸's).
 */
const COMMUNITIES: Array<[string, string]> = [
  ['taoyuan', 'xishan-centre'],
  ['liuan', 'donghu-centre'],
  ['wangjiang', 'donghu-centre'],
  ['shiqiao', 'xishan-centre'],
];
/** Distinct residents the clones are spread over (about 2.5 cases each at 100,000). */
const RESIDENTS = 40_000;

export interface Templates {
  /** Every template, open and closed (this month's clones). */
  docs: string[];
  /** The closed templates, split around their dates (quoted ISO instants and dates at odd indexes), to move them back. */
  closed: string[][];
  /** Today's China date (YYYY-MM-DD): the past clones are placed by calendar month going back from it. */
  today: string;
}

/** Case documents in several states, as the functions wrote them, with placeholders for what clones vary. */
export async function makeTemplates(rt: LocalRuntime): Promise<Templates> {
  const made: Array<{ caseId: string; applicant: string; respondent: string }> = [];
  for (const s of [...TEMPLATE_STAGES, ...CLOSED_STAGES]) made.push(await stage(rt, s));
  const byId = new Map(rt.db.dump('cases').map((d) => [String(d._id), d]));
  const docs = made.map((f) => {
    const doc = byId.get(f.caseId) as Record<string, any>;
    const caseNo = String(doc.case.caseNo);
    return JSON.stringify(doc)
      .split(f.caseId)
      .join('@ID@')
      .split(caseNo)
      .join('@NO@')
      .split(f.applicant)
      .join('@APPLICANT@')
      .split(f.respondent)
      .join('@RESPONDENT@');
  });
  const closed = docs.slice(TEMPLATE_STAGES.length).map((d) => d.split(DATES));
  return { docs, closed, today: chinaDateOf(new Date().toISOString()) };
}

/** Quoted ISO instants and dates in a document's JSON (the capture keeps them in `split`'s answer). */
const DATES = /("\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)?")/;

/** A split template with every date moved `days` back (instants keep their time of day). */
function movedBack(parts: string[], days: number): string {
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    if (k % 2 === 0) {
      out += parts[k];
      continue;
    }
    const v = parts[k].slice(1, -1);
    out += v.length === 10 ? `"${new Date(Date.parse(`${v}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10)}"` : `"${new Date(Date.parse(v) - days * DAY_MS).toISOString()}"`;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Where the i-th clone sits: its community (and street centre) and how many days its history is moved back. The
 * first MONTHLY are this month's (today), the communities in turn; the rest fill earlier months, newest first, a
 * committee's MONTHLY / 4 at a time, spread evenly over the month's days.
 */
function placeOf(t: Templates, i: number): { at: [string, string]; daysBack: number } {
  if (i < MONTHLY) return { at: COMMUNITIES[i % COMMUNITIES.length], daysBack: 0 };
  const perCommittee = MONTHLY / COMMUNITIES.length;
  const k = i - MONTHLY;
  const back = Math.floor(k / MONTHLY) + 1;
  const committee = Math.floor((k % MONTHLY) / perCommittee);
  const nth = k % perCommittee;
  const [y, m, d] = t.today.split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(y, m - back, 0)).getUTCDate();
  const day = Date.UTC(y, m - 1 - back, 1 + Math.floor((nth * daysInMonth) / perCommittee));
  return { at: COMMUNITIES[committee], daysBack: Math.round((Date.UTC(y, m - 1, d) - day) / DAY_MS) };
}

/**
 * The i-th clone: its own id, case number, residents and community; the first MONTHLY this month's (any state),
 * the rest closed cases of earlier months (placeOf).
 */
export function cloneDoc(t: Templates, i: number): Record<string, unknown> {
  const id = `c${(0xb0000000 + Math.floor(i / 0x10000000)).toString(16)}${(i % 0x10000000).toString(16).padStart(12, '0')}`.slice(0, 21);
  let code = '';
  for (let k = 0, n = i; k < 5; k++, n = Math.floor(n / 32)) code += ALPHABET[n % 32];
  const { at: [community, street], daysBack } = placeOf(t, i);
  const mediator = COMMITTEE_MEDIATORS[community];
  const past = i >= MONTHLY;
  let json = (past ? movedBack(t.closed[i % t.closed.length], daysBack) : t.docs[i % t.docs.length])
    .split('@ID@')
    .join(id)
    .split('@NO@')
    .join(`20261120-${code}`)
    .split('@APPLICANT@')
    .join(`bulk-resident-${i % RESIDENTS}`)
    .split('@RESPONDENT@')
    .join(`bulk-resident-${(i * 7 + 13) % RESIDENTS}`);
  if (community !== 'liuan') json = json.split('liuan').join(community);
  if (street !== 'donghu-centre') json = json.split('donghu-centre').join(street);
  if (mediator !== COMMITTEE_MEDIATORS.liuan) json = json.split(COMMITTEE_MEDIATORS.liuan).join(mediator);
  const doc = JSON.parse(json);
  doc.registerKeys = registerKeys(doc.case as Case);
  // An old case's timer work was done long ago (the sweep would have moved it on): nothing left for it.
  if (past) doc.timerDueAt = null;
  return doc;
}

/** Adds clones until the store holds `target` cases (or more); returns how many it added and how long it took. */
export function fillTo(rt: LocalRuntime, t: Templates, target: number, startAt: number): { added: number; ms: number; next: number } {
  const started = performance.now();
  const have = rt.db.count('cases');
  const want = Math.max(0, target - have);
  const BATCH = 10_000;
  const tree: OrgTree = { orgs: rt.db.dump('orgs').map((o: any) => ({ id: o._id, name: o.name, level: o.level, kind: o.kind, parentId: o.parentId, communityIds: [], categories: [] })) };
  const counters = new Map<string, { orgId: string; month: string; add: Map<string, number> }>();
  let i = startAt;
  for (let done = 0; done < want; ) {
    const n = Math.min(BATCH, want - done);
    const docs = Array.from({ length: n }, () => counted(cloneDoc(t, i++), tree, counters));
    rt.db.seed('cases', docs);
    done += n;
  }
  addToCounters(rt, counters);
  seedBoards(rt, tree);
  return { added: want, ms: performance.now() - started, next: i };
}

/**
 * A clone as the figures' roll-up leaves it (its facts counted, not dirty), its facts added to `counters`: the
 * store then holds what the timer would have made of the clones, so the figures and the timer's own run are
 * measured against a store whose counters are up to date, as in service.
 */
function counted(doc: Record<string, unknown>, tree: OrgTree, counters: Map<string, { orgId: string; month: string; add: Map<string, number> }>): Record<string, unknown> {
  const facts = caseFacts(doc.case as Case);
  for (const [id, c] of rollUpFacts(tree, facts)) {
    const into = counters.get(id) ?? counters.set(id, { orgId: c.orgId, month: c.month, add: new Map() }).get(id)!;
    for (const [k, n] of c.add) into.add.set(k, (into.add.get(k) ?? 0) + n);
  }
  return { ...doc, figuresCounted: facts, figuresDirtyAt: null, boardCounted: boardKey(doc.case as Case) };
}

/**
 * The overview boards and the mediators' caseloads as the roll-up would leave them (report/boards.ts): every
 * organisation's own board recounted from the cases in the store, the area boards merged from them.
 */
function seedBoards(rt: LocalRuntime, tree: OrgTree): void {
  const at = new Date().toISOString();
  const byOrg = new Map<string, Case[]>();
  for (const d of rt.db.dump('cases') as Array<{ case?: Case }>) {
    if (!d.case) continue;
    const list = byOrg.get(d.case.responsibleOrgId) ?? byOrg.set(d.case.responsibleOrgId, []).get(d.case.responsibleOrgId)!;
    list.push(d.case);
  }
  const owns = new Map(tree.orgs.map((o) => [o.id, recountOwnBoard(o.id, byOrg.get(o.id) ?? [], at)]));
  const existing = new Map(rt.db.dump(FIGURE_COUNTERS).map((d: any) => [String(d._id), d]));
  const version = (id: string) => ((existing.get(id)?.version as number | undefined) ?? 0) + 1;
  rt.db.seed(
    FIGURE_COUNTERS,
    [
      ...[...owns.values()].map((b) => ({ _id: ownBoardId(b.orgId), version: version(ownBoardId(b.orgId)), kind: 'board-own', ...b })),
      ...tree.orgs.map((o) => ({ _id: areaBoardId(o.id), version: version(areaBoardId(o.id)), kind: 'board', ...mergeAreaBoard(tree, o.id, owns, at) })),
    ],
    { replace: true },
  );
  // Each mediator's caseloads on their account, where they have one.
  const loads = new Map<string, Array<{ orgId: string; n: number }>>();
  for (const b of owns.values()) for (const c of b.caseloads) (loads.get(c.mediatorId) ?? loads.set(c.mediatorId, []).get(c.mediatorId)!).push({ orgId: b.orgId, n: c.n });
  const users = (rt.db.dump('users') as any[]).filter((u) => loads.has(u._id)).map((u) => ({ ...u, version: (u.version ?? 0) + 1, caseloads: loads.get(u._id) }));
  if (users.length) rt.db.seed('users', users, { replace: true });
}

function addToCounters(rt: LocalRuntime, counters: Map<string, { orgId: string; month: string; add: Map<string, number> }>): void {
  const existing = new Map(rt.db.dump(FIGURE_COUNTERS).map((d: any) => [String(d._id), d]));
  const docs = [...counters].map(([id, c]) => {
    const prev = existing.get(id);
    const sum = new Map<string, number>(((prev?.counts ?? []) as Fact[]).map((f) => [f.k, f.n]));
    for (const [k, n] of c.add) sum.set(k, (sum.get(k) ?? 0) + n);
    return { _id: id, version: (prev?.version ?? 0) + 1, orgId: c.orgId, month: c.month, counts: [...sum].filter(([, n]) => n).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => ({ k, n })), updatedAt: new Date().toISOString() };
  });
  const asOf = existing.get(AS_OF_ID);
  rt.db.seed(FIGURE_COUNTERS, [...docs, { _id: AS_OF_ID, version: (asOf?.version ?? 0) + 1, asOf: new Date().toISOString() }], { replace: true });
}
