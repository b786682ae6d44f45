// Staff reading a party's full phone number (to call them) is a read of personal data: it is allowed only to
// staff working the case, and every such read is written into the case's hash-chained audit log.
import type { z } from 'zod';
import { RevealContactInput } from './schemas';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { serverStep } from '../cases/server-step';
import { asStaff } from '../cases/steps';
import { sealedAt } from '../kernel/pii';

export async function revealContact(input: z.infer<typeof RevealContactInput>, ctx: RequestContext<ServerDeps>): Promise<{ partyId: string; mobile: string }> {
  const { doc } = await serverStep(ctx, input.caseId, input, asStaff(['director', 'mediator', 'intake']), ({ doc, who }) => {
    if (!doc.case.parties.some((p) => p.partyId === input.partyId)) throw new AppError('NOT_FOUND', '该当事人不属于本案');
    if (!doc.contacts.some((k) => k.partyId === input.partyId)) throw new AppError('NO_CONTACT', '该当事人没有留下联系电话');
    // The answer remembered for a replay names the party only; the number is decrypted afresh below.
    return { audit: [{ type: 'contact_revealed', data: { partyId: input.partyId, orgId: who.actor.orgId } }], result: { partyId: input.partyId } };
  });
  const sealed = doc.contacts.find((k) => k.partyId === input.partyId);
  if (!sealed) throw new AppError('NO_CONTACT', '该当事人没有留下联系电话');
  return { partyId: input.partyId, mobile: ctx.deps.pii.decrypt(sealed.mobileSealed, sealedAt.mobile(input.caseId, input.partyId)) };
}
