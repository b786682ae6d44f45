// Typical cases (典型案例): a director writes up one closed case of their organisation (or one below it) — title,
// category, what happened, how it was mediated, the result — for residents to read, per category. Nothing
// personal may be in it: the server refuses a phone number, an identity number, or the name of a party, agent or
// representative of the case it is written from, naming the field (checked against that one case, so publishing
// costs the same at any number of cases); and the text goes through the content check like any text others
// read — here anything but a clear pass is refused, since a published case reaches everyone at once.
// Once published, a director of the organisation it was published for (or one above it, as for publishing) may
// revise it — the same checks again — or withdraw it with a reason; a withdrawn case is listed for no one. Each
// revision keeps the text it replaced on the document, and each revision and withdrawal is an entry in the
// organisation's staff chain (staff-audit.ts), written in the same transaction, as the expert pool's changes are.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { isInSubtree } from '../../domain/org/tree';
import { queryDocs } from '../kernel/db';
import { getDocJoined, joinedField, type JoinSpec } from '../kernel/joined-read';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { commit, transact, type CasWrite } from '../kernel/unit-of-work';
import { callerOf, loadCaller, type Caller, type RoleGrant } from '../cases/caller';
import { loadDirectory, orgName, type Directory } from '../cases/org-cache';
import { redactPersonalNumbers } from '../cases/redact';
import { CASES, hashPayload, requestKey, retryOnLostRace, type CaseDoc } from '../cases/store';
import type { PublishTypicalInput, ReviseTypicalInput, TypicalListInput, WithdrawTypicalInput } from './schemas';
import type { TypicalCase, TypicalList, TypicalWithdrawn } from './org.types';
import { loadStaffHeadIn, staffChainChange } from './staff-audit';
import { TYPICAL_CASES } from './collections';

type Ctx = RequestContext<ServerDeps>;

export { TYPICAL_CASES };
const TEXT_FIELDS = ['title', 'happened', 'howMediated', 'result'] as const;
const FIELD_LABEL: Record<(typeof TEXT_FIELDS)[number], string> = { title: '标题', happened: '纠纷经过', howMediated: '调解过程', result: '调解结果' };

/** The texts a revision replaces. */
type TypicalText = Pick<TypicalCase, 'category' | 'title' | 'happened' | 'howMediated' | 'result'>;

interface TypicalDoc extends Omit<TypicalCase, 'typicalId' | 'orgName' | 'categoryLabel'> {
  _id: string;
  version?: number;
  /** The case it was written from (never shown to readers). */
  caseId?: string;
  publishedBy: string;
  /** The publishing request. */
  requestKey: string;
  payloadHash: string;
  /** Who revised it last (`revisedAt` says when). */
  revisedBy?: string;
  /** Each revision: when, by whom, and the text it replaced (oldest first). */
  revisions?: Array<{ at: string; by: string; replaced: TypicalText }>;
  /** Withdrawn: listed for no one; the reason stays here, never shown to readers. */
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawReason?: string;
  /** The recent revise and withdraw requests that changed it: a replay changes nothing twice. */
  requests?: Array<{ key: string; payloadHash: string }>;
}

/** How many recent request ids a typical case remembers (a client retry comes within seconds). */
const REMEMBERED_REQUESTS = 10;

/** The names of the case's parties, their agents and representatives (2 characters or more: a single character is not a name). */
function partyNamesOf(doc: CaseDoc): Set<string> {
  const names = new Set<string>();
  for (const p of doc.case.parties) {
    for (const n of [p.name, p.agent?.name, p.representative]) if (n && n.trim().length >= 2) names.add(n.trim());
  }
  return names;
}

function personalDataIn(input: Record<(typeof TEXT_FIELDS)[number], string>, names: Set<string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of TEXT_FIELDS) {
    const text = input[f];
    if (redactPersonalNumbers(text) !== text) problems[f] = `${FIELD_LABEL[f]}中有电话号码或身份证号码，请删去`;
    else if ([...names].some((n) => text.includes(n))) problems[f] = `${FIELD_LABEL[f]}中有当事人的姓名，请改用“张某”“李某”等称呼`;
  }
  return problems;
}

function view(d: TypicalDoc, dir: Awaited<ReturnType<typeof loadDirectory>>): TypicalCase {
  return {
    typicalId: d._id,
    orgId: d.orgId,
    orgName: orgName(dir, d.orgId),
    category: d.category,
    categoryLabel: dir.settings.categories.label(d.category),
    title: d.title,
    happened: d.happened,
    howMediated: d.howMediated,
    result: d.result,
    publishedAt: d.publishedAt,
    ...(d.revisedAt ? { revisedAt: d.revisedAt } : {}),
  };
}

const UNKNOWN_CATEGORY = () => new AppError('VALIDATION_FAILED', '请选择纠纷类型', { category: '请从列表中选择纠纷类型' });

/** What a typical case's texts must pass, published or revised: no personal data of its case, then the content check. */
async function checkTexts(input: TypicalText, partyNames: Set<string>, ctx: Ctx): Promise<void> {
  const problems = personalDataIn(input, partyNames);
  const fields = Object.keys(problems);
  if (fields.length) throw new AppError('PERSONAL_DATA_IN_TEXT', problems[fields[0]], problems);
  for (const f of TEXT_FIELDS) {
    const verdict = await ctx.deps.contentCheck.check(input[f], ctx.openid);
    if (verdict.outcome !== 'pass') throw new AppError('CONTENT_REFUSED', `${FIELD_LABEL[f]}未通过内容安全检查，请修改后再发布`, { [f]: `${FIELD_LABEL[f]}未通过内容安全检查，请修改后再发布` });
  }
}

/** A director publishes a typical case for their organisation (or one below it). */
export async function publishTypical(input: z.infer<typeof PublishTypicalInput>, ctx: Ctx): Promise<TypicalCase> {
  const { db } = ctx.deps;
  const key = requestKey(ctx.openid, 'org.publishTypical', ctx.requestId!);
  const payloadHash = hashPayload(input);
  const id = `t${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
  // The case it is written from, with the caller's record and this request's earlier answer joined: one request,
  // whatever the number of cases.
  const [read, dir] = await Promise.all([
    getDocJoined<CaseDoc, 'caller' | 'existing'>(db, CASES, input.caseId, {
      caller: { from: 'users', where: { _id: ctx.openid }, limit: 1 },
      existing: { from: TYPICAL_CASES, where: { _id: id }, limit: 1 },
    }),
    loadDirectory(db),
  ]);
  const me = read?.joined.caller[0] as { name?: string; roles?: RoleGrant[] } | undefined;
  // No such case: the caller is read on their own, so that only a director learns it does not exist.
  const caller: Caller = read ? callerOf(ctx.openid, me) : await loadCaller(db, ctx.openid);
  const grants = caller.roles.filter((g) => g.role === 'director');
  const orgId = input.orgId ?? grants[0]?.orgId;
  if (!orgId || !grants.some((g) => isInSubtree(dir.tree, g.orgId, orgId))) throw AppError.of('FORBIDDEN');
  // A case the organisation (or one below it) did not act on is not theirs to write up: as if it did not exist.
  if (!read || !read.doc.actingOrgIds.some((o) => dir.orgs.has(o) && isInSubtree(dir.tree, orgId, o))) throw AppError.of('NOT_FOUND');
  if (!dir.settings.categories.knows(input.category)) throw UNKNOWN_CATEGORY();
  const existing = read.joined.existing[0] as unknown as TypicalDoc | undefined;
  if (existing) {
    if (existing.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
    return view(existing, dir);
  }
  if (read.doc.case.status !== 'closed') throw new AppError('VALIDATION_FAILED', '只能依据已结案的案件撰写典型案例', { caseId: '该案件还没有结案' });
  await checkTexts(input, partyNamesOf(read.doc), ctx);
  const doc: Omit<TypicalDoc, '_id'> = {
    orgId,
    caseId: input.caseId,
    category: input.category,
    title: input.title,
    happened: input.happened,
    howMediated: input.howMediated,
    result: input.result,
    publishedAt: ctx.now.toISOString(),
    publishedBy: ctx.openid,
    requestKey: key,
    payloadHash,
  };
  await commit(db, { writes: [], inserts: [{ collection: TYPICAL_CASES, id, data: doc as unknown as Record<string, unknown> }] });
  return view({ _id: id, ...doc }, dir);
}

/** Published typical cases (not withdrawn), newest first, for one category or all, of one organisation or all; any caller may read them. */
export async function typicalCases(input: z.infer<typeof TypicalListInput>, ctx: Ctx): Promise<TypicalList> {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  const where = {
    ...(input.category ? { category: input.category } : {}),
    ...(input.orgId ? { orgId: input.orgId } : {}),
    withdrawnAt: db.command.exists(false),
  };
  const docs = await queryDocs<TypicalDoc>(
    db.collection(TYPICAL_CASES).where(where).orderBy('publishedAt', 'desc').skip(input.page * 20).limit(21),
  );
  return { items: docs.slice(0, 20).map((d) => view(d, dir)), hasMore: docs.length > 20 };
}

/** A director of the organisation the case was published for, or of one above it (as for publishing). */
function mayChange(caller: Caller, dir: Directory, doc: TypicalDoc): boolean {
  return caller.roles.some((g) => g.role === 'director' && dir.orgs.has(doc.orgId) && isInSubtree(dir.tree, g.orgId, doc.orgId));
}

/**
 * The typical case and whether the caller may change it, in one request: the caller's record with the typical case
 * joined (and, `withSource`, the case it was written from, for the personal-data check). No such case: FORBIDDEN
 * for anyone who directs nothing, NOT_FOUND for a director; a case of another organisation: FORBIDDEN.
 */
async function loadForChange(typicalId: string, ctx: Ctx, withSource: boolean): Promise<{ doc: TypicalDoc; dir: Directory; source?: CaseDoc }> {
  const { db } = ctx.deps;
  const joins = {
    typical: { from: TYPICAL_CASES, where: { _id: typicalId }, limit: 1 },
    ...(withSource ? { source: { from: CASES, localField: joinedField('typical', 'caseId'), foreignField: '_id' } } : {}),
  } as Record<'typical' | 'source', JoinSpec>;
  const [read, dir] = await Promise.all([getDocJoined<{ name?: string; roles?: RoleGrant[] }, 'typical' | 'source'>(db, 'users', ctx.openid, joins), loadDirectory(db)]);
  const caller = callerOf(ctx.openid, read?.doc);
  const doc = read?.joined.typical[0] as TypicalDoc | undefined;
  if (!doc) {
    if (!caller.roles.some((g) => g.role === 'director')) throw AppError.of('FORBIDDEN');
    throw new AppError('NOT_FOUND', '没有找到该典型案例');
  }
  if (!mayChange(caller, dir, doc)) throw AppError.of('FORBIDDEN');
  return { doc, dir, source: read?.joined.source?.[0] as CaseDoc | undefined };
}

const WITHDRAWN = () => new AppError('TYPICAL_WITHDRAWN', '该典型案例已撤回，不能再修改或撤回');

/**
 * One change of a published typical case by a director, in one transaction: the case read again, a replay of this
 * request answered as remembered, a withdrawn case refused, then `change` (its fields, what the staff chain
 * records) written with the chain entry. `found`: the case as read before (a replay answers from it at once);
 * `check`: what the request must pass before the transaction (not run for a replay).
 */
async function changeTypical<R>(
  ctx: Ctx,
  fnAction: string,
  payload: unknown,
  found: TypicalDoc,
  answer: (doc: TypicalDoc) => R,
  change: (doc: TypicalDoc, now: string) => { fields: Partial<TypicalDoc>; type: 'typical_revised' | 'typical_withdrawn'; digestOf: unknown },
  check?: () => Promise<void>,
): Promise<R> {
  const { db, audit } = ctx.deps;
  const key = requestKey(ctx.openid, fnAction, ctx.requestId!);
  const payloadHash = hashPayload(payload);
  const replay = (d: TypicalDoc): R | undefined => {
    const seen = d.requests?.find((r) => r.key === key);
    if (!seen) return undefined;
    if (seen.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
    return answer(d);
  };
  const answered = replay(found);
  if (answered) return answered;
  if (found.withdrawnAt) throw WITHDRAWN();
  await check?.();
  return retryOnLostRace(() =>
    transact(db, async (tx) => {
      const [doc, head] = await Promise.all([tx.get<TypicalDoc>(TYPICAL_CASES, found._id), loadStaffHeadIn(tx, found.orgId)]);
      if (!doc) throw new AppError('NOT_FOUND', '没有找到该典型案例');
      const again = replay(doc);
      if (again) return again;
      if (doc.withdrawnAt) throw WITHDRAWN();
      const now = ctx.now.toISOString();
      const { _id, version, ...rest } = doc;
      const made = change(doc, now);
      const data: Omit<TypicalDoc, '_id' | 'version'> = { ...rest, ...made.fields, requests: [...(doc.requests ?? []), { key, payloadHash }].slice(-REMEMBERED_REQUESTS) };
      const chained = await staffChainChange(db, audit, head, {
        orgId: doc.orgId,
        at: now,
        type: made.type,
        role: 'director',
        subject: doc._id,
        actor: ctx.openid,
        dataDigest: audit.digest(made.digestOf),
      });
      const write: CasWrite = { collection: TYPICAL_CASES, id: doc._id, expectVersion: version ?? 0, data: data as unknown as Record<string, unknown> };
      await tx.commit({ writes: [write, chained.write], inserts: [chained.insert] });
      return answer({ _id, ...data });
    }),
  );
}

/**
 * A director revises a typical case: the texts (and category) replaced, with the same checks as publishing —
 * personal data of the case it was written from, then the content check — the replaced text kept on the document
 * and the revision chained. A replay answers the case as it stands and changes nothing.
 */
export async function reviseTypical(input: z.infer<typeof ReviseTypicalInput>, ctx: Ctx): Promise<TypicalCase> {
  const { doc: found, dir, source } = await loadForChange(input.typicalId, ctx, true);
  const text: TypicalText = { category: input.category, title: input.title, happened: input.happened, howMediated: input.howMediated, result: input.result };
  const check = async () => {
    if (!dir.settings.categories.knows(input.category)) throw UNKNOWN_CATEGORY();
    await checkTexts(text, source ? partyNamesOf(source) : new Set(), ctx);
  };
  return changeTypical(ctx, 'org.reviseTypical', input, found, (d) => view(d, dir), (doc, now) => ({
    fields: {
      ...text,
      revisedAt: now,
      revisedBy: ctx.openid,
      revisions: [...(doc.revisions ?? []), { at: now, by: ctx.openid, replaced: { category: doc.category, title: doc.title, happened: doc.happened, howMediated: doc.howMediated, result: doc.result } }],
    },
    type: 'typical_revised',
    digestOf: text,
  }), check);
}

/** A director withdraws a typical case with a reason: it is listed for no one from now on; the withdrawal is chained. */
export async function withdrawTypical(input: z.infer<typeof WithdrawTypicalInput>, ctx: Ctx): Promise<TypicalWithdrawn> {
  const { doc: found } = await loadForChange(input.typicalId, ctx, false);
  return changeTypical(ctx, 'org.withdrawTypical', input, found, (d) => ({ typicalId: d._id, withdrawnAt: d.withdrawnAt! }), (_doc, now) => ({
    fields: { withdrawnAt: now, withdrawnBy: ctx.openid, withdrawReason: input.reason },
    type: 'typical_withdrawn',
    digestOf: { reason: input.reason },
  }));
}
