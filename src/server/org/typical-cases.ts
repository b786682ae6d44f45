// Typical cases (典型案例): a director publishes a summary of a mediated dispute — title, category, what happened,
// how it was mediated, the result — for residents to read, per category. Nothing personal may be in it: the
// server refuses a phone number, an identity number, or the name of a party (or their agent) of any case the
// organisation has handled, naming the field; and the text goes through the content check like any text others
// read — here anything but a clear pass is refused, since a published case reaches everyone at once.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { isInSubtree } from '../../domain/org/tree';
import { getDoc, queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { commit } from '../kernel/unit-of-work';
import { loadCaller } from '../case/caller';
import { loadDirectory, orgName } from '../case/org-cache';
import { redactPersonalNumbers } from '../case/redact';
import { CASES, hashPayload, requestKey, type CaseDoc } from '../case/store';
import type { PublishTypicalInput, TypicalListInput } from './schemas';
import type { TypicalCase, TypicalList } from './org.types';

type Ctx = RequestContext<ServerDeps>;

export const TYPICAL_CASES = 'typical_cases';
const TEXT_FIELDS = ['title', 'happened', 'howMediated', 'result'] as const;
const FIELD_LABEL: Record<(typeof TEXT_FIELDS)[number], string> = { title: '标题', happened: '纠纷经过', howMediated: '调解过程', result: '调解结果' };

interface TypicalDoc extends Omit<TypicalCase, 'typicalId' | 'orgName' | 'categoryLabel'> {
  _id: string;
  publishedBy: string;
  requestKey: string;
  payloadHash: string;
}

/** Every name of a party or agent on the organisation's cases (2 characters or more: a single character is not a name). */
async function partyNamesOf(ctx: Ctx, orgId: string): Promise<Set<string>> {
  const { db } = ctx.deps;
  const names = new Set<string>();
  for (let skip = 0; ; skip += 1000) {
    const page = await queryDocs<CaseDoc>(db.collection(CASES).where({ actingOrgIds: orgId }).skip(skip).limit(1000));
    for (const d of page) {
      for (const p of d.case.parties) {
        for (const n of [p.name, p.agent?.name, p.representative]) if (n && n.trim().length >= 2) names.add(n.trim());
      }
    }
    if (page.length < 1000) break;
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
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  const grants = caller.roles.filter((g) => g.role === 'director');
  const orgId = input.orgId ?? grants[0]?.orgId;
  if (!orgId || !grants.some((g) => isInSubtree(dir.tree, g.orgId, orgId))) throw AppError.of('FORBIDDEN');
  if (!dir.settings.categories.knows(input.category)) throw new AppError('VALIDATION_FAILED', '请选择纠纷类型', { category: '请从列表中选择纠纷类型' });
  const key = requestKey(ctx.openid, 'org.publishTypical', ctx.requestId!);
  const payloadHash = hashPayload(input);
  const id = `t${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
  const existing = await getDoc<TypicalDoc>(db, TYPICAL_CASES, id);
  if (existing) {
    if (existing.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
    return view(existing, dir);
  }
  const problems = personalDataIn(input, await partyNamesOf(ctx, orgId));
  const fields = Object.keys(problems);
  if (fields.length) throw new AppError('PERSONAL_DATA_IN_TEXT', problems[fields[0]], problems);
  for (const f of TEXT_FIELDS) {
    const verdict = await ctx.deps.contentCheck.check(input[f], ctx.openid);
    if (verdict.outcome !== 'pass') throw new AppError('CONTENT_REFUSED', `${FIELD_LABEL[f]}未通过内容安全检查，请修改后再发布`, { [f]: `${FIELD_LABEL[f]}未通过内容安全检查，请修改后再发布` });
  }
  const doc: Omit<TypicalDoc, '_id'> = {
    orgId,
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
