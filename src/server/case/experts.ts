// Invited expert mediators on a case (特邀调解员): the case's director adds one from the district's pool (org.experts)
// and removes them, each with a reason, in the case's audit chain; a party objects to one (回避) or the expert
// withdraws, as for the mediator. The case keeps the expert's account; the pages name the pool entry.
import type { z } from 'zod';
import type { AddExpertInput, RecuseExpertInput, RemoveExpertInput } from './schemas';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import type { Database } from '../kernel/platform';
import { EXPERT_LINK, EXPERTS, expertById, type ExpertDoc } from '../org/index';
import { actorAt } from '../cases/caller';
import { relationTo } from '../cases/access';
import { asParty, asResponsibleStaff, runStep, type Resolve } from '../cases/steps';
import type { CaseExpert } from './case.types';

type Ctx = RequestContext<ServerDeps>;

export async function poolEntry(db: Database, expertId: string): Promise<ExpertDoc> {
  const doc = await expertById(db, expertId);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到该专家');
  return doc;
}

// A function, not a constant: use-cases.ts imports this module too.
const asCaseDirector: Resolve = (caller, doc, dir) => asResponsibleStaff(['director'], '只有负责本案的调委会主任可以邀请或撤回特邀专家')(caller, doc, dir);

export async function addExpert(input: z.infer<typeof AddExpertInput>, ctx: Ctx) {
  const expert = await poolEntry(ctx.deps.db, input.expertId);
  // The expert's account record is read with the caller's, in the step's pass (one request for both).
  return runStep(
    ctx,
    input.caseId,
    input,
    asCaseDirector,
    (_c, _doc, _who, users) => {
      const account = expert.userId ? users.get(expert.userId) : undefined;
      // Only an active expert whose WeChat account joined, and still holds the role, can work a case.
      if (!expert.active || !account?.roles.some((g) => g.role === 'expert')) throw new AppError('EXPERT_NOT_AVAILABLE', '该专家已停用或尚未用微信加入，暂不能邀请参与调解');
      return { type: 'add_expert', expertId: account.openid, reason: input.reason };
    },
    undefined,
    undefined,
    { users: expert.userId ? [expert.userId] : [], texts: [{ kind: 'expert_reason', field: 'reason', text: input.reason }] },
  );
}

export async function removeExpert(input: z.infer<typeof RemoveExpertInput>, ctx: Ctx) {
  const expert = await poolEntry(ctx.deps.db, input.expertId);
  return runStep(ctx, input.caseId, input, asCaseDirector, () => ({ type: 'remove_expert', expertId: expert.userId ?? '', reason: input.reason }), undefined, undefined, {
    texts: [{ kind: 'expert_reason', field: 'reason', text: input.reason }],
  });
}

export async function recuseExpert(input: z.infer<typeof RecuseExpertInput>, ctx: Ctx) {
  const expert = await poolEntry(ctx.deps.db, input.expertId);
  // The expert withdrawing themself, or a party objecting (the same right as against the mediator).
  const resolve: Resolve = (caller, doc, dir) => {
    if (expert.userId && caller.openid === expert.userId && relationTo(caller, doc.case, dir) === 'staff') {
      const grant = caller.roles.find((g) => g.role === 'expert');
      if (grant) return { actor: { ...actorAt(caller, grant.orgId), roles: ['expert'] } };
    }
    return asParty()(caller, doc, dir);
  };
  return runStep(
    ctx,
    input.caseId,
    input,
    resolve,
    (_c, _d, who) => ({ type: 'recuse_expert', expertId: expert.userId ?? '', ...(who.partyId ? { partyId: who.partyId } : {}), reason: input.reason }),
    undefined,
    undefined,
    { texts: [{ kind: 'recusal_reason', field: 'reason', text: input.reason }] },
  );
}

/**
 * The experts on a case as its parties and staff read them: the case keeps their accounts, each account names its
 * pool entry (`EXPERT_LINK`; an entry linked before that names the account). One request: the accounts with both
 * joined.
 */
export async function caseExperts(db: Database, expertIds: string[] | undefined, me: string): Promise<CaseExpert[]> {
  if (!expertIds?.length) return [];
  const _ = db.command;
  const res = (await (db.collection('users') as any)
    .aggregate()
    .match({ _id: _.in(expertIds) })
    .limit(expertIds.length)
    .lookup({ from: EXPERTS, localField: EXPERT_LINK, foreignField: '_id', as: 'pool' })
    .lookup({ from: EXPERTS, localField: '_id', foreignField: 'userId', as: 'before' })
    .end()) as { list?: Array<{ _id: string; pool?: ExpertDoc[]; before?: ExpertDoc[] }> };
  const accounts = res.list ?? [];
  return expertIds.flatMap((id) => {
    const account = accounts.find((x) => x._id === id);
    const d = account?.pool?.[0] ?? account?.before?.[0];
    return d ? [{ expertId: d._id, name: d.name, field: d.field, affiliation: d.affiliation, isMe: id === me }] : [];
  });
}
