// Typical cases (典型案例): a director writes up one closed case of their organisation (or one below it) — title,
// category, what happened, how it was mediated, the result — for residents to read, per category. Nothing
// personal may be in it: the server refuses a phone number, an identity number, or the name of a party, agent or
// representative of the case it is written from, naming the field (checked against that one case, so publishing
// costs the same at any number of cases); and the text goes through the content check like any text others
// read — here anything but a clear pass is refused, since a published case reaches everyone at once.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { isInSubtree } from '../../domain/org/tree';
import { queryDocs } from '../kernel/db';
import { getDocJoined } from '../kernel/joined-read';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { commit } from '../kernel/unit-of-work';
import { loadCaller, type Caller, type RoleGrant } from '../cases/caller';
import { loadDirectory, orgName } from '../cases/org-cache';
import { redactPersonalNumbers } from '../cases/redact';
import { CASES, hashPayload, requestKey, type CaseDoc } from '../cases/store';
import type { PublishTypicalInput, TypicalListInput } from './schemas';
import type { TypicalCase, TypicalList } from './org.types';

type Ctx = RequestContext<ServerDeps>;

export const TYPICAL_CASES = 'typical_cases';
const TEXT_FIELDS = ['title', 'happened', 'howMediated', 'result'] as const;
const FIELD_LABEL: Record<(typeof TEXT_FIELDS)[number], string> = { title: '标题', happened: '纠纷经过', howMediated: '调解过程', result: '调解结果' };

interface TypicalDoc extends Omit<TypicalCase, 'typicalId' | 'orgName' | 'categoryLabel'> {
  _id: string;
  /** The case it was written from (never shown to readers). */
  caseId?: string;
  publishedBy: string;
  requestKey: string;
  payloadHash: string;
}

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
  };
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
  const caller: Caller = read ? { openid: ctx.openid, name: me?.name, roles: me?.roles ?? [] } : await loadCaller(db, ctx.openid);
  const grants = caller.roles.filter((g) => g.role === 'director');
  const orgId = input.orgId ?? grants[0]?.orgId;
  if (!orgId || !grants.some((g) => isInSubtree(dir.tree, g.orgId, orgId))) throw AppError.of('FORBIDDEN');
  // A case the organisation (or one below it) did not act on is not theirs to write up: as if it did not exist.
  if (!read || !read.doc.actingOrgIds.some((o) => dir.orgs.has(o) && isInSubtree(dir.tree, orgId, o))) throw AppError.of('NOT_FOUND');
  if (!dir.settings.categories.knows(input.category)) throw new AppError('VALIDATION_FAILED', '请选择纠纷类型', { category: '请从列表中选择纠纷类型' });
  const existing = read.joined.existing[0] as unknown as TypicalDoc | undefined;
  if (existing) {
    if (existing.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
    return view(existing, dir);
  }
  if (read.doc.case.status !== 'closed') throw new AppError('VALIDATION_FAILED', '只能依据已结案的案件撰写典型案例', { caseId: '该案件还没有结案' });
  const problems = personalDataIn(input, partyNamesOf(read.doc));
  const fields = Object.keys(problems);
  if (fields.length) throw new AppError('PERSONAL_DATA_IN_TEXT', problems[fields[0]], problems);
  for (const f of TEXT_FIELDS) {
    const verdict = await ctx.deps.contentCheck.check(input[f], ctx.openid);
    if (verdict.outcome !== 'pass') throw new AppError('CONTENT_REFUSED', `${FIELD_LABEL[f]}未通过内容安全检查，请修改后再发布`, { [f]: `${FIELD_LABEL[f]}未通过内容安全检查，请修改后再发布` });
  }
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

/** Published typical cases, newest first, for one category or all; any caller may read them. */
export async function typicalCases(input: z.infer<typeof TypicalListInput>, ctx: Ctx): Promise<TypicalList> {
  const { db } = ctx.deps;
  const dir = await loadDirectory(db);
  const where = input.category ? { category: input.category } : {};
  const docs = await queryDocs<TypicalDoc>(
    db.collection(TYPICAL_CASES).where(where).orderBy('publishedAt', 'desc').skip(input.page * 20).limit(21),
  );
  return { items: docs.slice(0, 20).map((d) => view(d, dir)), hasMore: docs.length > 20 };
}
