// Extending the mediation limit once, with every party's consent (MoJ 2002; DOMAIN.md deadlines). The mediator
// or director asks; each party agrees in the mini-program (or agreed in person, recorded by staff); when the
// last consent arrives the domain's `extend_deadline` runs in the name of whoever asked. A refusal ends the request.
import { activeParties } from '../../domain/case/guards';
import type { z } from 'zod';
import { ConsentExtensionInput, RequestExtensionInput } from './schemas';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { decideOn, serverStep } from '../cases/server-step';
import type { ExtensionRequest, Outgoing } from '../cases/store';
import { asParty, asResponsibleStaff, asStaff, stepResult, type Performer, type Resolve } from '../cases/steps';
import type { ExtensionResult } from './case.types';

type Ctx = RequestContext<ServerDeps>;

function waitingFor(req: ExtensionRequest, parties: Array<{ partyId: string; name: string }>): string[] {
  return parties.filter((p) => !req.consents.some((c) => c.partyId === p.partyId)).map((p) => p.partyId);
}

export async function requestExtension(input: z.infer<typeof RequestExtensionInput>, ctx: Ctx): Promise<ExtensionResult> {
  const at = ctx.now.toISOString();
  const { result } = await serverStep(ctx, input.caseId, input, asStaff(['director', 'mediator']), ({ doc, dir, who }) => {
    const c = doc.case;
    const unknown = input.agreedInPerson.filter((id) => !c.parties.some((p) => p.partyId === id));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', '当面同意的当事人不属于本案', { agreedInPerson: '请重新选择' });
    if (doc.extensionRequest) throw new AppError('EXTENSION_PENDING', '已有延期申请在等待当事人确认');
    // Would the domain allow it once everyone agreed? (status, used once already, the asker's role, the reason)
    decideOn(c, { type: 'extend_deadline', consentingPartyIds: activeParties(c).map((p) => p.partyId), reason: input.reason }, who.actor, dir, ctx.now);
    const req: ExtensionRequest = {
      reason: input.reason,
      requestedAt: at,
      requestedBy: who.actor,
      consents: input.agreedInPerson.map((partyId) => ({ partyId, how: 'in_person' as const, at })),
    };
    const waiting = waitingFor(req, activeParties(c));
    const done = waiting.length === 0;
    const command = done ? { actor: who.actor, command: { type: 'extend_deadline' as const, consentingPartyIds: activeParties(c).map((p) => p.partyId), reason: input.reason } } : undefined;
    const ask: Outgoing[] = activeParties(c)
      .filter((p) => waiting.includes(p.partyId) && p.userId)
      .map((p) => ({ touser: p.userId!, template: 'case_progress', caseId: c.caseId, phrase: '请确认是否同意延长调解期限' }));
    return {
      audit: [{ type: 'extension_requested', data: { reason: input.reason, agreedInPerson: input.agreedInPerson } }],
      command,
      fields: { extensionRequest: done ? null : req },
      outgoing: ask,
      result: (state) => ({ ...stepResult(state, dir), extension: { status: done ? 'extended' : 'waiting', waitingFor: waiting } }) as ExtensionResult,
    };
  }, [{ kind: 'extension_reason', field: 'reason', text: input.reason }]);
  return result;
}

/** A party agrees to (or refuses) the extension in the mini-program. */
export function consentExtension(input: z.infer<typeof ConsentExtensionInput>, ctx: Ctx): Promise<ExtensionResult> {
  return extensionAnswer(ctx, input, asParty(), (who) => who.partyId!, 'online');
}

/**
 * Staff of the responsible organisation record the answer of a party who is not in WeChat (given in person, by
 * phone or on paper); recorded and audited like the party's own, with the way it was given.
 */
export function recordExtensionConsent(
  input: { caseId: string; partyId: string; agree: boolean; reason?: string; how: 'in_person' | 'phone' | 'paper' },
  ctx: Ctx,
): Promise<ExtensionResult> {
  const staff = asResponsibleStaff(['director', 'mediator', 'intake'], '只有当前负责本案的调解组织的工作人员可以代为记录');
  const resolve: Resolve = (caller, doc, dir) => {
    const who = staff(caller, doc, dir);
    const party = doc.case.parties.find((p) => p.partyId === input.partyId);
    if (!party) throw new AppError('PARTY_NOT_FOUND');
    if (party.userId) throw new AppError('PARTY_USES_WECHAT', `${party.name}已用微信加入本案，请由其本人在小程序中办理`);
    return who;
  };
  const { partyId, how, ...answer } = input;
  return extensionAnswer(ctx, answer, resolve, () => partyId, how);
}

async function extensionAnswer(
  ctx: Ctx,
  input: { caseId: string; agree: boolean; reason?: string },
  resolve: Resolve,
  partyOf: (who: Performer) => string,
  how: ExtensionRequest['consents'][number]['how'],
): Promise<ExtensionResult> {
  const at = ctx.now.toISOString();
  const { result } = await serverStep(ctx, input.caseId, input, resolve, ({ doc, dir, who }) => {
    const c = doc.case;
    const req = doc.extensionRequest;
    if (!req) throw new AppError('NO_EXTENSION_REQUEST', '没有等待您确认的延期申请');
    const partyId = partyOf(who);
    if (!input.agree) {
      const tell: Outgoing[] = req.requestedBy.orgId ? [{ touser: `org:${req.requestedBy.orgId}`, template: 'case_progress', caseId: c.caseId, phrase: '当事人不同意延期' }] : [];
      return {
        // The reason is shown with the step (the staff who asked learn why; the other parties too, once it passed
        // the content check or a director cleared it).
        audit: [{ type: 'extension_refused', data: { partyId, how, ...(input.reason ? { reason: input.reason } : {}) }, ...(input.reason ? { reason: input.reason } : {}) }],
        fields: { extensionRequest: null },
        outgoing: tell,
        result: { ...stepResult(c, dir), extension: { status: 'refused', waitingFor: [] } } as ExtensionResult,
      };
    }
    const next: ExtensionRequest = req.consents.some((x) => x.partyId === partyId) ? req : { ...req, consents: [...req.consents, { partyId, how, at }] };
    const waiting = waitingFor(next, activeParties(c));
    const done = waiting.length === 0;
    const command = done
      ? { actor: req.requestedBy, command: { type: 'extend_deadline' as const, consentingPartyIds: next.consents.map((x) => x.partyId), reason: req.reason } }
      : undefined;
    return {
      audit: [{ type: 'extension_consented', data: { partyId, how } }],
      command,
      fields: { extensionRequest: done ? null : next },
      result: (state) => ({ ...stepResult(state, dir), extension: { status: done ? 'extended' : 'waiting', waitingFor: waiting } }) as ExtensionResult,
    };
    // A refusal's reason is shown to others; an agreement's is not kept.
  }, input.agree ? [] : [{ kind: 'extension_refusal', field: 'reason', text: input.reason }]);
  return result;
}
