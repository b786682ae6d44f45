import type { CaseCommand } from './commands';
import { COMMAND_LABEL } from './commands';
import type { DomainContext } from './context';
import { refuse, type Decision } from './decision';
import type {
  AgreementPendingCase,
  AwaitingConsentCase,
  AwaitingDesignationCase,
  Case,
  ClosedCase,
  MediatingCase,
  PerformingCase,
  RegisteredCase,
  ScheduledCase,
  TransferringCase,
} from './model';
import { STATUS_LABEL } from './labels';
import { isAllowedFrom } from './transitions';
import { deadlineAfter } from '../calendar/working-days';
import { fail } from './guards';
import {
  decideAccept,
  decideAcceptTransfer,
  decideDesignate,
  decideEscalate,
  decideEscalateOverdueTransfer,
  decideReferOut,
  decideRegister,
  decideReturnTransfer,
  decideTransfer,
} from './decide-intake';
import { decideMarkPersonalRelations, decideRaiseRisk } from './decide-facts';
import { decideReferralFeedback } from './decide-referral';
import {
  decideAddExpert,
  decideAssignMediator,
  decideCancelSession,
  decideClose,
  decideDeadlineMissed,
  decideExtend,
  decideInviteRespondent,
  decideRecordSession,
  decideRecuse,
  decideRecuseExpert,
  decideRemoveExpert,
  decideRespondentReply,
  decideSchedule,
  decideTerminate,
  decideWithdraw,
} from './decide-mediation';
import {
  decideConfirm,
  decideDraft,
  decideItemDone,
  decideOral,
  decideRate,
  decideJudicialApplication,
  decideReturnVisit,
  decideRevise,
  decideSeal,
  decideSign,
} from './decide-agreement';

/**
 * What a command means for a case: the events it produces, or why it is refused. Pure: the caller
 * loads the case, passes the time, the actor, the organisation tree, the calendar and the rules, and
 * stores the events with the new state (see `execute`) in one compare-and-set.
 */
export function decide(state: Case | undefined, command: CaseCommand, ctx: DomainContext): Decision {
  const status = state?.status ?? 'new';
  if (!isAllowedFrom(command.type, status)) {
    if (!state) return refuse(fail('CASE_NOT_FOUND', '案件不存在'));
    if (command.type === 'register') return refuse(fail('CASE_EXISTS', '该案件已登记'));
    if (state.status === 'closed') return refuse(fail('CASE_CLOSED', '案件已结案，不能再办理'));
    return refuse(fail('INVALID_TRANSITION', `案件当前状态为“${STATUS_LABEL[state.status]}”，不能${COMMAND_LABEL[command.type]}`));
  }
  // From here the transition table guarantees the status each handler is typed for.
  return withReturnVisitAfterClosing(decideAllowed(state as Case, command, ctx), ctx);
}

/**
 * Every case that closes other than resolved is visited afterwards (回访, seed 004: "对每一个矛盾纠纷案件的调解结果
 * ……要跟踪回访"; a resolved case was visited before it closed): its closing carries when the visit falls due.
 */
function withReturnVisitAfterClosing(d: Decision, ctx: DomainContext): Decision {
  if (!d.ok) return d;
  return {
    ok: true,
    events: d.events.map((e) =>
      e.type === 'case_closed' && e.outcome !== 'resolved'
        ? { ...e, returnVisitDueAt: deadlineAfter(ctx.calendar, e.at, ctx.rules.deadlines.returnVisit) }
        : e,
    ),
  };
}

function decideAllowed(c: Case, command: CaseCommand, ctx: DomainContext): Decision {
  switch (command.type) {
    case 'register':
      return decideRegister(command, ctx);
    case 'accept':
      return decideAccept(c as RegisteredCase, command, ctx);
    case 'transfer':
      return decideTransfer(c as RegisteredCase, command, ctx);
    case 'accept_transfer':
      return decideAcceptTransfer(c as TransferringCase, ctx);
    case 'return_transfer':
      return decideReturnTransfer(c as TransferringCase, command, ctx);
    case 'escalate':
      return decideEscalate(c, command, ctx);
    case 'designate':
      return decideDesignate(c as AwaitingDesignationCase, command, ctx);
    case 'escalate_overdue_transfer':
      return decideEscalateOverdueTransfer(c as TransferringCase, ctx);
    case 'refer_out':
      return decideReferOut(c, command, ctx);
    case 'record_referral_feedback':
      return decideReferralFeedback(c as ClosedCase, command, ctx);
    case 'raise_risk':
      return decideRaiseRisk(c, command, ctx);
    case 'mark_personal_relations':
      return decideMarkPersonalRelations(c, command, ctx);
    case 'assign_mediator':
      return decideAssignMediator(c, command, ctx);
    case 'recuse_mediator':
      return decideRecuse(c as MediatingCase, command, ctx);
    case 'add_expert':
      return decideAddExpert(c as MediatingCase, command, ctx);
    case 'remove_expert':
      return decideRemoveExpert(c as MediatingCase, command, ctx);
    case 'recuse_expert':
      return decideRecuseExpert(c as MediatingCase, command, ctx);
    case 'invite_respondent':
      return decideInviteRespondent(c, ctx);
    case 'respondent_reply':
      return decideRespondentReply(c as AwaitingConsentCase, command, ctx);
    case 'schedule_session':
      return decideSchedule(c, command, ctx);
    case 'cancel_session':
      return decideCancelSession(c as ScheduledCase, command, ctx);
    case 'record_session':
      return decideRecordSession(c, command, ctx);
    case 'draft_agreement':
      return decideDraft(c, command, ctx);
    case 'revise_agreement':
      return decideRevise(c as AgreementPendingCase, command, ctx);
    case 'confirm_agreement':
      return decideConfirm(c as AgreementPendingCase, command, ctx);
    case 'sign_agreement':
      return decideSign(c as AgreementPendingCase, command, ctx);
    case 'seal_agreement':
      return decideSeal(c as AgreementPendingCase, command, ctx);
    case 'record_oral_agreement':
      return decideOral(c, command, ctx);
    case 'mark_item_done':
      return decideItemDone(c as PerformingCase, command, ctx);
    case 'record_return_visit':
      return decideReturnVisit(c as PerformingCase | ClosedCase, command, ctx);
    case 'rate_service':
      return decideRate(c, command, ctx);
    case 'record_judicial_application':
      return decideJudicialApplication(c, command, ctx);
    case 'extend_deadline':
      return decideExtend(c as MediatingCase, command, ctx);
    case 'withdraw':
      return decideWithdraw(c, command, ctx);
    case 'terminate':
      return decideTerminate(c as MediatingCase, command, ctx);
    case 'close':
      return decideClose(c as MediatingCase | PerformingCase, command, ctx);
    case 'record_deadline_missed':
      return decideDeadlineMissed(c, command, ctx);
    default: {
      const unreachable: never = command;
      return refuse(fail('UNKNOWN_COMMAND', `未知操作：${(unreachable as CaseCommand).type}`));
    }
  }
}
