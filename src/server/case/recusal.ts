// A recusal request (回避) made by a party without WeChat — at the office, by phone or in writing — recorded by the
// case's director. The domain decides it exactly as the party's own request (`recuse_mediator`, or `recuse_expert`
// for an invited expert): the same refusals, the same effect (the mediator leaves the case and cannot be assigned
// to it again; the director has the assignment deadline to name another). Who recorded it and how the party asked
// are in the audit chain beside the domain's event.
//
// Only the director records it. The mediator objected to is the one person who must not write down the objection
// against themself (they could soften it, or invent one to be rid of a case); the director decides on recusals and
// assigns the replacement, so the request reaches the right desk in one step.
import type { z } from 'zod';
import type { RecordRecusalInput } from './schemas';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { asResponsibleStaff, runStep, type Resolve } from '../cases/steps';
import { poolEntry } from './experts';

type Ctx = RequestContext<ServerDeps>;

export async function recordRecusal(input: z.infer<typeof RecordRecusalInput>, ctx: Ctx) {
  const expert = input.expertId ? await poolEntry(ctx.deps.db, input.expertId) : undefined;
  const resolve: Resolve = (caller, doc, dir) => {
    // The case's own mediator (even one who is also a director) is told to pass the request on, not refused blindly.
    if (!expert && doc.case.mediatorId && doc.case.mediatorId === caller.openid) throw new AppError('OWN_RECUSAL');
    return asResponsibleStaff(['director'], '只有负责本案的调委会主任可以代当事人申请回避')(caller, doc, dir);
  };
  return runStep(
    ctx,
    input.caseId,
    input,
    resolve,
    (c) => {
      const party = c.parties.find((p) => p.partyId === input.partyId);
      if (!party) throw new AppError('PARTY_NOT_FOUND');
      // A party who acts in WeChat asks there themself; staff record only for those who cannot.
      if (party.userId) throw new AppError('PARTY_USES_WECHAT', `${party.name}已用微信加入本案，请由其本人在小程序中申请回避`);
      return expert
        ? { type: 'recuse_expert', expertId: expert.userId ?? '', partyId: input.partyId, reason: input.reason }
        : { type: 'recuse_mediator', partyId: input.partyId, reason: input.reason };
    },
    () => ({
      audit: [{ type: 'recorded_for_party', data: { partyId: input.partyId, act: expert ? 'recuseExpert' : 'recuse', how: input.how, ...(input.expertId ? { expertId: input.expertId } : {}) } }],
    }),
    undefined,
    { texts: [{ kind: 'recusal_reason', field: 'reason', text: input.reason }] },
  );
}
