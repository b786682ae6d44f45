// The `case` function: intake under the first-inquiry rule, routing between organisations, and the reads.
import { route, type Routes } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import {
  AcceptInput,
  CaseRef,
  DesignateInput,
  EscalateInput,
  FileDisputeInput,
  MineInput,
  QueueInput,
  ReferOutInput,
  ReturnTransferInput,
  TransferInput,
} from './schemas';
import { consentToShare, fileDispute, getCase, myCases, staffStep, triageQueue } from './use-cases';

export const caseRoutes: Routes<ServerDeps> = {
  /** Resident files a dispute: registered at once, case number issued, never turned away. */
  file: route({ input: FileDisputeInput, mutates: true, handle: fileDispute }),
  /** One case, shaped for the caller's relation to it. */
  get: route({ input: CaseRef, handle: (i, ctx) => getCase(i.caseId, ctx) }),
  /** The caller's own cases (as a party). */
  mine: route({ input: MineInput, handle: myCases }),
  /** Staff: cases waiting on their organisation's decision. */
  queue: route({ input: QueueInput, handle: triageQueue }),
  accept: route({
    input: AcceptInput,
    mutates: true,
    handle: (i, ctx) => staffStep(ctx, i.caseId, i, ['director', 'intake'], () => ({ type: 'accept', ...(i.overrideReason ? { overrideReason: i.overrideReason } : {}) })),
  }),
  transfer: route({
    input: TransferInput,
    mutates: true,
    handle: (i, ctx) =>
      staffStep(ctx, i.caseId, i, ['director', 'intake'], (_c, doc) => ({
        type: 'transfer',
        toOrgId: i.toOrgId,
        reason: i.reason,
        consentToShare: consentToShare(doc),
        ...(i.overrideReason ? { overrideReason: i.overrideReason } : {}),
      })),
  }),
  acceptTransfer: route({
    input: CaseRef,
    mutates: true,
    handle: (i, ctx) => staffStep(ctx, i.caseId, i, ['director', 'intake'], () => ({ type: 'accept_transfer' })),
  }),
  returnTransfer: route({
    input: ReturnTransferInput,
    mutates: true,
    handle: (i, ctx) => staffStep(ctx, i.caseId, i, ['director', 'intake'], () => ({ type: 'return_transfer', reason: i.reason })),
  }),
  escalate: route({
    input: EscalateInput,
    mutates: true,
    handle: (i, ctx) => staffStep(ctx, i.caseId, i, ['director'], () => ({ type: 'escalate', reason: i.reason })),
  }),
  designate: route({
    input: DesignateInput,
    mutates: true,
    handle: (i, ctx) => staffStep(ctx, i.caseId, i, ['director'], () => ({ type: 'designate', orgId: i.orgId, reason: i.reason })),
  }),
  referOut: route({
    input: ReferOutInput,
    mutates: true,
    handle: (i, ctx) =>
      staffStep(ctx, i.caseId, i, ['director', 'intake'], () => ({ type: 'refer_out', authority: i.authority, guidance: i.guidance, reason: i.reason })),
  }),
};
