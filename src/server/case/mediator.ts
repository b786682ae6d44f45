// Assigning a mediator: only someone who is a mediator of the responsible organisation can be assigned;
// the domain refuses a recused one and asks for a reason when changing mediators.
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadCaller } from '../cases/caller';
import { asStaff, runStep } from '../cases/steps';

export async function assignMediator(input: { caseId: string; mediatorId: string; reason?: string }, ctx: RequestContext<ServerDeps>) {
  const mediator = await loadCaller(ctx.deps.db, input.mediatorId);
  return runStep(ctx, input.caseId, input, asStaff(['director']), (c) => {
    if (!mediator.roles.some((g) => g.role === 'mediator' && g.orgId === c.responsibleOrgId)) {
      throw new AppError('NOT_A_MEDIATOR_HERE', '所选人员不是本调委会的调解员');
    }
    return { type: 'assign_mediator', mediatorId: input.mediatorId, ...(input.reason ? { reason: input.reason } : {}) };
  });
}
