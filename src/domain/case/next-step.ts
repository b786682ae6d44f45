// What happens next on a case, who does it and by when, in one sentence for one party (the case page and the
// list a resident reads). Which step applies is decided here; the words are NEXT_STEP_FOR_PARTY's (labels.ts).
import type { Case, Party } from './model';
import { activeParties } from './guards';
import { nextDeadline } from './deadlines';
import { NEXT_STEP_FOR_PARTY, type PartyStep } from './labels';
import { CHINA_OFFSET_MINUTES, toMillis, type IsoInstant } from '../shared/time';

export interface PartyNextStep {
  step: PartyStep;
  /** The sentence, placeholders filled in. */
  text: string;
  /** The reader is the one who must act (the page offers the action at its top). */
  mine: boolean;
  dueAt?: IsoInstant;
  /** For `receive` and `perform`: which agreement item. */
  itemId?: string;
}

/** What the server knows beside the case: a pending extension request waits for this party, they may rate. */
export interface PartyContext {
  extensionAwaitsMe: boolean;
  extensionPending: boolean;
  mayRate: boolean;
  /** A session time proposed and not yet confirmed by every party; `awaitsMe`: this party has not confirmed it. */
  proposedSession?: { at: IsoInstant; awaitsMe: boolean };
  /** Name of the organisation acting (for {org}), by id. */
  orgName: (orgId: string) => string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 5月9日, the China date of an instant. */
export function monthDay(instant: IsoInstant): string {
  const d = new Date(toMillis(instant) + CHINA_OFFSET_MINUTES * 60_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 5月12日 9:00, the China day and time of an instant. */
export function monthDayTime(instant: IsoInstant): string {
  const d = new Date(toMillis(instant) + CHINA_OFFSET_MINUTES * 60_000);
  return `${monthDay(instant)} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}`;
}

function fill(template: string, v: { date?: string; org?: string; item?: string }): string {
  return template.replace('{date}', v.date ?? '').replace('{org}', v.org ?? '').replace('{item}', v.item ?? '');
}

/** A step's sentence, its placeholders filled: `mine` picks the words for the one who must act, when it has them. */
export function partyStepText(step: PartyStep, mine: boolean, v: { date?: string; org?: string; item?: string } = {}): string {
  const words = NEXT_STEP_FOR_PARTY[step];
  return fill(mine && words.mine ? words.mine : words.others, v);
}

/**
 * The one next step `partyId` is told of: first whatever waits on them (a reply to the invitation, an extension
 * to consent to, a proposed session time to confirm, the agreement to confirm, an item to mark received, an item to perform, a rating), then what
 * others do next by the case's nearest deadline. A party who withdrew has nothing to do, only to follow.
 */
export function nextStepForParty(c: Case, partyId: string | undefined, ctx: PartyContext): PartyNextStep {
  const me: Party | undefined = activeParties(c).find((p) => p.partyId === partyId);
  const say = (step: PartyStep, mine: boolean, v: { date?: string; org?: string; item?: string; dueAt?: IsoInstant; itemId?: string } = {}): PartyNextStep => {
    const text = partyStepText(step, mine, v);
    return { step, text, mine: mine && Boolean(NEXT_STEP_FOR_PARTY[step].mine), ...(v.dueAt ? { dueAt: v.dueAt } : {}), ...(v.itemId ? { itemId: v.itemId } : {}) };
  };
  const org = ctx.orgName(c.responsibleOrgId);
  switch (c.status) {
    case 'registered':
      return say('triage', false, { date: monthDay(c.triageDueAt), org, dueAt: c.triageDueAt });
    case 'transferring':
      return say('transfer_response', false, { date: monthDay(c.transfer.dueAt), org: ctx.orgName(c.transfer.toOrgId), dueAt: c.transfer.dueAt });
    case 'awaiting_designation':
      return say('designation', false, { date: monthDay(c.designation.dueAt), dueAt: c.designation.dueAt });
    case 'awaiting_consent':
      return say('respondent_reply', me?.role === 'respondent', { date: monthDay(c.consent.dueAt), dueAt: c.consent.dueAt });
    default:
      break;
  }
  if (c.status !== 'closed' && c.status !== 'performing' && ctx.extensionPending) return say('extension_consent', ctx.extensionAwaitsMe && Boolean(me));
  const proposed = ctx.proposedSession;
  if ((c.status === 'accepted' || c.status === 'in_mediation' || c.status === 'scheduled') && proposed) {
    return say('booking_confirm', proposed.awaitsMe && Boolean(me), { date: monthDayTime(proposed.at), dueAt: proposed.at });
  }
  switch (c.status) {
    case 'accepted':
    case 'in_mediation': {
      if (!c.mediatorId && c.mediatorDueAt) return say('mediator_assignment', false, { date: monthDay(c.mediatorDueAt), org, dueAt: c.mediatorDueAt });
      return say('mediation', false, { date: monthDay(c.mediationDueAt), dueAt: c.mediationDueAt });
    }
    case 'scheduled':
      return say('session', Boolean(me), { date: monthDayTime(c.nextSession.at), dueAt: c.nextSession.at });
    case 'agreement_pending': {
      const a = c.agreement;
      const confirmed = (id: string) => a.confirmations.some((x) => x.partyId === id && x.hash === a.hash);
      const waiting = activeParties(c).filter((p) => !confirmed(p.partyId));
      if (!waiting.length) return say('agreement_seal', false);
      const mine = Boolean(me && waiting.some((p) => p.partyId === me.partyId) && !a.paperOnly);
      return say('agreement_confirm', mine, { date: monthDay(c.mediationDueAt), dueAt: c.mediationDueAt });
    }
    case 'performing': {
      const open = c.performanceItems.filter((i) => !i.doneAt).sort((x, y) => x.dueDate.localeCompare(y.dueDate));
      const mineToReceive = open.find((i) => me && i.obligeePartyId === me.partyId);
      const item = (i: (typeof open)[number]) => ({ date: `${Number(i.dueDate.slice(5, 7))}月${Number(i.dueDate.slice(8, 10))}日`, item: i.description, itemId: i.itemId });
      if (mineToReceive) return say('receive', true, item(mineToReceive));
      const mineToPerform = open.find((i) => me && i.obligorPartyId === me.partyId);
      if (mineToPerform) return say('perform', true, item(mineToPerform));
      if (ctx.mayRate && me) return say('rating', true);
      if (open[0]) return say('perform', false, item(open[0]));
      return say('return_visit', false, { date: monthDay(c.returnVisitDueAt), dueAt: c.returnVisitDueAt });
    }
    case 'closed': {
      if (ctx.mayRate && me) return say('rating', true);
      const due = nextDeadline(c);
      if (due?.kind === 'return_visit') return say('return_visit_closed', false, { date: monthDay(due.dueAt), dueAt: due.dueAt });
      return say('closed', false);
    }
    default: {
      const unreachable: never = c;
      throw new Error(`Unknown status ${(unreachable as Case).status}`);
    }
  }
}
