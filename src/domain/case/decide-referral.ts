// Reporting back to the body that referred a case (回告, 诉调/公调/检调/访调对接, seed 004): once the case is
// closed, whatever its outcome, the responsible organisation tells the court, police station, procuratorate or
// petition office how it ended, and records when and how it did.
import type { CommandOf } from './commands';
import { actorRef, type DomainContext } from './context';
import { accept, refuse, type Decision } from './decision';
import type { ClosedCase } from './model';
import { fail, firstError, requireResponsibleStaff } from './guards';
import { chinaDateOf } from '../shared/time';

export function decideReferralFeedback(c: ClosedCase, cmd: CommandOf<'record_referral_feedback'>, ctx: DomainContext): Decision {
  const problem = firstError(
    requireResponsibleStaff(ctx, c),
    !c.referredIn && fail('NOT_REFERRED_IN'),
    Boolean(c.referralFeedback) && fail('REFERRAL_FEEDBACK_ALREADY'),
    (cmd.sentOn < chinaDateOf(c.closedAt) || cmd.sentOn > chinaDateOf(ctx.now)) && fail('REFERRAL_FEEDBACK_DATE_INVALID'),
  );
  if (problem) return refuse(problem);
  return accept({
    type: 'referral_feedback_recorded',
    at: ctx.now,
    actor: actorRef(ctx.actor),
    feedback: { sentOn: cmd.sentOn, how: cmd.how, at: ctx.now, by: ctx.actor.userId },
  });
}

/** A referred case whose feedback day has passed with nothing reported back (shown as overdue to staff). */
export function referralFeedbackOverdue(c: { referredIn?: { feedbackDueOn?: string }; referralFeedback?: unknown }, today: string): boolean {
  const due = c.referredIn?.feedbackDueOn;
  return Boolean(due && !c.referralFeedback && due < today);
}
