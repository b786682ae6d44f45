// The `case` function: intake under the first-inquiry rule, routing between organisations, and the reads.
import { route, routesFor } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import {
  AcceptInput,
  AssignedInput,
  AddExpertInput,
  AssignMediatorInput,
  RecuseExpertInput,
  RemoveExpertInput,
  ConsentExtensionInput,
  CaseRef,
  InviteInput,
  InviteQrInput,
  InviteCode,
  MarkPersonalRelationsInput,
  PartyEndInput,
  RaiseRiskInput,
  RecordForPartyInput,
  RecuseInput,
  RecordRecusalInput,
  RegisterVisitInput,
  ReferralFeedbackSentInput,
  ReplyInput,
  DesignateInput,
  EscalateInput,
  FileDisputeInput,
  MineInput,
  OverdueInput,
  QueueInput,
  ReferOutInput,
  RequestExtensionInput,
  ReturnTransferInput,
  RevealContactInput,
  ReviewInput,
  ReviewQueueInput,
  TransferInput,
} from './schemas';
import type { CaseActions } from './case.types';
import { asParty, asStaff, runStep, staffStep } from '../cases/steps';
import { fileDispute, registerForVisitor, sealReferralMobile } from './register';
import { getCase, myCases, triageQueue } from './reads';
import type { THandOverInput } from './schemas';

/** The hand-over as the domain keeps it: the receiver's phone stays out of the case state (sealed beside it). */
const handOverOf = ({ receiverMobile: _m, ...h }: THandOverInput) => h;
import { consentToShare } from '../cases/store';
import { AppError } from '../kernel/errors';
import { inviteParty, inviteQrCode, joinByInvite, openInvite, replyToInvitation } from './respondent';
import { assignMediator } from './mediator';
import { revealContact } from './personal-data';
import { consentExtension, recordExtensionConsent, requestExtension } from './extension';
import { reviewContent, reviewQueue } from './content-review';
import { assignedToMe, overdueBoard } from './worklists';
import { readAudit } from './audit-read';
import { addExpert, recuseExpert, removeExpert } from './experts';
import { recordRecusal } from './recusal';

export const caseRoutes = routesFor<CaseActions, ServerDeps>()({
  /** Resident files a dispute: registered at once, case number issued, never turned away. */
  file: route({ input: FileDisputeInput, mutates: true, handle: fileDispute }),
  /** Staff register a walk-in or phone visitor, an officer's report, or a referral, on the person's behalf. */
  register: route({ input: RegisterVisitInput, mutates: true, handle: registerForVisitor }),
  /** One case, shaped for the caller's relation to it. */
  get: route({ input: CaseRef, handle: (i, ctx) => getCase(i.caseId, ctx) }),
  /** Staff and supervisors: the case's audit chain in order, verified against the head kept on the case. */
  audit: route({ input: CaseRef, handle: readAudit }),
  /** The caller's own cases (as a party). */
  mine: route({ input: MineInput, handle: myCases }),
  /** Staff: cases waiting on their organisation's decision. */
  queue: route({ input: QueueInput, handle: triageQueue }),
  /** A mediator's inbox: their open cases with each one's next deadline. */
  assigned: route({ input: AssignedInput, handle: assignedToMe }),
  /** A director's overdue board: cases of their organisation (or one below) past their next deadline. */
  overdue: route({ input: OverdueInput, handle: overdueBoard }),
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
    handle: (i, ctx) =>
      staffStep(ctx, i.caseId, i, ['director'], (_c, doc) => ({ type: 'designate', orgId: i.orgId, reason: i.reason, consentToShare: consentToShare(doc) })),
  }),
  referOut: route({
    input: ReferOutInput,
    mutates: true,
    handle: (i, ctx) =>
      runStep(
        ctx,
        i.caseId,
        i,
        asStaff(['director', 'intake']),
        () => ({ type: 'refer_out', authority: i.authority, guidance: i.guidance, reason: i.reason, ...(i.handOver ? { handOver: handOverOf(i.handOver) } : {}) }),
        (_state, doc) =>
          i.handOver?.receiverMobile
            ? { fields: { referralContacts: { ...doc.referralContacts, receiver: sealReferralMobile(ctx.deps.pii, i.caseId, 'receiver', i.handOver.receiverMobile) } } }
            : {},
      ),
  }),
  /** Staff record that they reported a referred case's outcome back to the body that referred it (回告). */
  referralFeedbackSent: route({
    input: ReferralFeedbackSentInput,
    mutates: true,
    handle: (i, ctx) => staffStep(ctx, i.caseId, i, ['director', 'mediator', 'intake'], () => ({ type: 'record_referral_feedback', sentOn: i.sentOn, how: i.how })),
  }),
  /**
   * Staff of the responsible organisation or the case mediator raise the risk found after intake (Art. 25), with a
   * reason; a case that becomes urgent alerts the centre above at once, as an urgent filing does.
   */
  raiseRisk: route({
    input: RaiseRiskInput,
    mutates: true,
    handle: (i, ctx) =>
      staffStep(ctx, i.caseId, i, ['director', 'mediator', 'intake'], () => ({
        type: 'raise_risk',
        ...(i.risk ? { risk: i.risk } : {}),
        riskSignals: i.riskSignals,
        reason: i.reason,
      })),
  }),
  /** Staff record that marriage, adoption or inheritance is at stake: the agreement can then only be signed on paper. */
  markPersonalRelations: route({
    input: MarkPersonalRelationsInput,
    mutates: true,
    handle: (i, ctx) => staffStep(ctx, i.caseId, i, ['director', 'mediator', 'intake'], () => ({ type: 'mark_personal_relations', reason: i.reason })),
  }),
  /** The responsible organisation asks the respondent whether they agree to mediate; answers a share code. */
  invite: route({ input: InviteInput, mutates: true, handle: inviteParty }),
  /** What an invitation shows before the respondent decides (no dispute text, names masked). */
  openInvite: route({ input: InviteCode, handle: openInvite }),
  /** Staff: the invitation as a mini-program code to print or show (wxacode.getUnlimited, the code as its scene). */
  inviteQr: route({ input: InviteQrInput, handle: inviteQrCode }),
  /** The respondent links their WeChat account to the case. */
  join: route({ input: InviteCode, mutates: true, handle: joinByInvite }),
  /** The respondent agrees, refuses or asks for time (Art. 17). */
  reply: route({ input: ReplyInput, mutates: true, handle: replyToInvitation }),
  /** The director assigns (or changes, with a reason) the mediator; recused mediators are refused. */
  assignMediator: route({ input: AssignMediatorInput, mutates: true, handle: assignMediator }),
  /** A party objects to the mediator (回避). */
  recuse: route({
    input: RecuseInput,
    mutates: true,
    handle: (i, ctx) =>
      runStep(ctx, i.caseId, i, asParty(), (_c, _d, who) => ({ type: 'recuse_mediator', partyId: who.partyId!, reason: i.reason }), undefined, undefined, {
        texts: [{ kind: 'recusal_reason', field: 'reason', text: i.reason }],
      }),
  }),
  /**
   * The case's director records that a party without WeChat asked (in person, by phone, in writing) for the mediator's
   * recusal, or objected to an invited expert (`expertId`): decided as the party's own request; who recorded it and
   * how in the audit chain. The mediator objected to may not record it (OWN_RECUSAL): they pass it to the director.
   */
  recordRecusal: route({ input: RecordRecusalInput, mutates: true, handle: recordRecusal }),
  /** The case's director adds an active expert of the district's pool as co-mediator (特邀调解员), with a reason; the expert is told. */
  addExpert: route({ input: AddExpertInput, mutates: true, handle: addExpert }),
  /** The case's director takes an expert off the case, with a reason (they may be added again). */
  removeExpert: route({ input: RemoveExpertInput, mutates: true, handle: removeExpert }),
  /** A party objects to an expert (回避), or the expert withdraws; either way they cannot come back to the case. */
  recuseExpert: route({ input: RecuseExpertInput, mutates: true, handle: recuseExpert }),
  /** Staff read a party's full phone number to call them; every read is logged in the case's audit chain. */
  revealContact: route({ input: RevealContactInput, mutates: true, handle: revealContact }),
  /** The mediator (or director) asks to extend the mediation limit once; parties who agreed in person are recorded. */
  requestExtension: route({ input: RequestExtensionInput, mutates: true, handle: requestExtension }),
  /** A party agrees to (or refuses) the extension; the last consent extends the limit. */
  consentExtension: route({ input: ConsentExtensionInput, mutates: true, handle: consentExtension }),
  /** Directors: cases with text the content check held for a person to review, each held text listed. */
  reviewQueue: route({ input: ReviewQueueInput, handle: reviewQueue }),
  /** A director clears one held text (the dispute text by default), or replaces it with a redacted version (with a reason). */
  review: route({ input: ReviewInput, mutates: true, handle: reviewContent }),
  /** The applicant withdraws the application. */
  withdraw: route({
    input: PartyEndInput,
    mutates: true,
    handle: (i, ctx) =>
      runStep(ctx, i.caseId, i, asParty('applicant'), (_c, _d, who) => ({ type: 'withdraw', partyId: who.partyId!, ...(i.reason ? { reason: i.reason } : {}) }), undefined, undefined, {
        texts: [{ kind: 'withdrawal_reason', field: 'reason', text: i.reason }],
      }),
  }),
  /**
   * Staff of the responsible organisation record what a party without WeChat said — and how (in person, by phone,
   * on paper): the respondent's answer, an applicant's withdrawal, a party ending the mediation. The domain decides
   * as for the party themself; the recorder and the way it was given are in the audit chain.
   */
  recordForParty: route({
    input: RecordForPartyInput,
    mutates: true,
    handle: (i, ctx) => {
      if (i.act === 'consentExtension') {
        return recordExtensionConsent({ caseId: i.caseId, partyId: i.partyId, agree: i.agree, how: i.how, ...(i.reason ? { reason: i.reason } : {}) }, ctx);
      }
      return runStep(
        ctx,
        i.caseId,
        i,
        asStaff(['director', 'mediator', 'intake']),
        (c) => {
          const party = c.parties.find((p) => p.partyId === i.partyId);
          if (!party) throw new AppError('PARTY_NOT_FOUND');
          // A party who acts in WeChat answers there; staff record only for those who cannot.
          if (party.userId) throw new AppError('PARTY_USES_WECHAT', `${party.name}已用微信加入本案，请由其本人在小程序中办理`);
          const reason = i.reason ? { reason: i.reason } : {};
          if (i.act === 'reply') return { type: 'respondent_reply', partyId: i.partyId, reply: i.reply, ...reason };
          return { type: i.act, partyId: i.partyId, ...reason };
        },
        () => ({ audit: [{ type: 'recorded_for_party', data: { partyId: i.partyId, act: i.act, how: i.how } }] }),
      );
    },
  }),
  /** Either party ends the mediation — their right (Art. 23). */
  terminate: route({
    input: PartyEndInput,
    mutates: true,
    handle: (i, ctx) =>
      runStep(ctx, i.caseId, i, asParty(), (_c, _d, who) => ({ type: 'terminate', partyId: who.partyId!, ...(i.reason ? { reason: i.reason } : {}) }), undefined, undefined, {
        texts: [{ kind: 'termination_reason', field: 'reason', text: i.reason }],
      }),
  }),
});
