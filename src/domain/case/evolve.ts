import type { CaseEvent, EventOf } from './events';
import type {
  AcceptedCase,
  AgreementPendingCase,
  Case,
  CaseBase,
  ClosedCase,
  InMediationCase,
  MediatingCase,
  PerformingCase,
} from './model';
import type { WrittenAgreement } from '../agreement/content';
import { hasConsent } from './guards';

/** The fields of a case that do not depend on its status; leaving a status drops that status's own fields. */
function toBase(c: Case): CaseBase {
  const {
    status: _status,
    triageDueAt: _triageDueAt,
    transfer: _transfer,
    designation: _designation,
    consent: _consent,
    nextSession: _nextSession,
    returnVisitDueAt: _returnVisitDueAt,
    outcome: _outcome,
    closedAt: _closedAt,
    closedBy: _closedBy,
    closeReason: _closeReason,
    referral: _referral,
    guidance: _guidance,
    ...base
  } = c as Case & Record<string, unknown>;
  return base as CaseBase;
}

function broken(c: Case | undefined, event: CaseEvent): never {
  throw new Error(`Event ${event.type} cannot apply to a case in status ${c?.status ?? 'none'}`);
}

function mediating(c: Case, event: CaseEvent): MediatingCase {
  if (c.status === 'accepted' || c.status === 'awaiting_consent' || c.status === 'scheduled' || c.status === 'in_mediation' || c.status === 'agreement_pending') {
    return c;
  }
  return broken(c, event);
}

/** After acceptance and before an agreement: keep the status-specific part of a mediating case. */
function withBase<T extends MediatingCase | PerformingCase>(c: T, changes: Partial<CaseBase>, at: string): T {
  return { ...c, ...changes, updatedAt: at };
}

function accepted(c: Case, changes: Partial<CaseBase> & { acceptedAt: string; mediationDueAt: string; responsibleOrgId: string }, at: string): AcceptedCase {
  return { ...toBase(c), ...changes, status: 'accepted', updatedAt: at };
}

function closed(c: Case, e: EventOf<'case_closed'>): ClosedCase {
  return {
    ...toBase(c),
    mediatorDueAt: undefined,
    status: 'closed',
    outcome: e.outcome,
    closedAt: e.at,
    closedBy: e.actor.userId,
    ...(e.reason ? { closeReason: e.reason } : {}),
    ...(e.referral ? { referral: e.referral } : {}),
    ...(e.guidance ? { guidance: e.guidance } : {}),
    ...(e.returnVisitDueAt ? { returnVisitDueAt: e.returnVisitDueAt } : {}),
    updatedAt: e.at,
  };
}

function pendingAgreement(c: Case, event: CaseEvent): AgreementPendingCase {
  return c.status === 'agreement_pending' ? c : broken(c, event);
}

function performing(c: Case, event: CaseEvent): PerformingCase {
  return c.status === 'performing' ? c : broken(c, event);
}

/**
 * Applies one event. Events are facts already decided, so this never refuses; an event that cannot
 * apply (a bug, or a corrupted log) throws. Closed is final: nothing but a party's satisfaction rating and the
 * return visit owed after closing (neither changes the status or the outcome) applies to a closed case.
 */
export function evolve(state: Case | undefined, event: CaseEvent): Case {
  return withoutUndefined(apply(state, event));
}

/** Cases are stored as JSON documents: a field is present with a value or absent, never `undefined`. */
function withoutUndefined(c: Case): Case {
  const record = c as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return c;
}

function apply(state: Case | undefined, event: CaseEvent): Case {
  if (event.type === 'case_registered') {
    if (state) return broken(state, event);
    return {
      ...event.registration,
      status: 'registered',
      responsibleOrgId: event.registration.firstInquiry.orgId,
      triageDueAt: event.triageDueAt,
      returnCount: 0,
      extensionUsed: false,
      recusedMediatorIds: [],
      consentedPartyIds: [],
      sessions: [],
      returnVisits: [],
      missedDeadlines: [],
      updatedAt: event.at,
    };
  }
  if (!state || (state.status === 'closed' && event.type !== 'service_rated' && event.type !== 'return_visit_recorded' && event.type !== 'judicial_application_recorded' && event.type !== 'referral_feedback_recorded')) return broken(state, event);
  const c: Case = state;
  const at = event.at;

  switch (event.type) {
    case 'urgent_alert_raised':
      return { ...c, updatedAt: at };
    case 'risk_raised': {
      const facts = { ...c.facts, ...(event.risk ? { risk: event.risk } : {}), ...(event.riskSignals.length ? { riskSignals: event.riskSignals } : {}) };
      const raised = { ...c, facts, triage: event.triage, urgent: event.urgent, updatedAt: at };
      return raised.status === 'registered' && event.triageDueAt ? { ...raised, triageDueAt: event.triageDueAt } : raised;
    }
    case 'personal_relations_marked': {
      if (c.status !== 'agreement_pending') return { ...c, involvesPersonalRelations: true, updatedAt: at };
      const confirmations = c.agreement.confirmations.filter((x) => !event.voidedConfirmations.includes(x.partyId) || x.method !== 'electronic');
      return { ...c, involvesPersonalRelations: true, agreement: { ...c.agreement, paperOnly: true, confirmations }, updatedAt: at };
    }
    case 'case_accepted':
      return accepted(c, {
        responsibleOrgId: event.orgId,
        acceptedAt: at,
        rightsNoticeAt: at,
        mediationDueAt: event.mediationDueAt,
        mediatorDueAt: event.mediatorDueAt,
        ...(event.triageOverride ? { triageOverride: event.triageOverride } : {}),
      }, at);
    case 'case_transferred':
      return {
        ...toBase(c),
        ...(event.triageOverride ? { triageOverride: event.triageOverride } : {}),
        status: 'transferring',
        transfer: { fromOrgId: event.fromOrgId, toOrgId: event.toOrgId, sentAt: at, dueAt: event.dueAt, reason: event.reason },
        updatedAt: at,
      };
    case 'transfer_accepted':
      // Responsibility moves here, and only when the receiver takes the case.
      return accepted(c, {
        responsibleOrgId: event.orgId,
        acceptedAt: at,
        rightsNoticeAt: at,
        mediationDueAt: event.mediationDueAt,
        mediatorDueAt: event.mediatorDueAt,
      }, at);
    case 'transfer_returned':
      return {
        ...toBase(c),
        status: 'registered',
        responsibleOrgId: event.toOrgId,
        returnCount: event.returnCount,
        triageDueAt: event.triageDueAt,
        updatedAt: at,
      };
    case 'designation_requested':
      return { ...toBase(c), status: 'awaiting_designation', designation: event.designation, updatedAt: at };
    case 'case_designated': {
      const sameOrg = event.orgId === c.responsibleOrgId;
      return accepted(c, {
        responsibleOrgId: event.orgId,
        acceptedAt: event.acceptedAt,
        rightsNoticeAt: c.rightsNoticeAt ?? at,
        mediationDueAt: event.mediationDueAt,
        mediatorId: sameOrg ? c.mediatorId : undefined,
        mediatorDueAt: event.mediatorDueAt,
      }, at);
    }
    case 'mediator_assigned': {
      const changes = { mediatorId: event.mediatorId, mediatorDueAt: undefined };
      return c.status === 'performing' ? withBase(c, changes, at) : withBase(mediating(c, event), changes, at);
    }
    case 'mediator_recused':
      return withBase(mediating(c, event), {
        mediatorId: undefined,
        mediatorDueAt: event.mediatorDueAt,
        recusedMediatorIds: [...c.recusedMediatorIds, event.mediatorId],
      }, at);
    case 'expert_added':
      return withBase(mediating(c, event), { expertIds: [...(c.expertIds ?? []), event.expertId] }, at);
    case 'expert_removed':
      return withBase(mediating(c, event), { expertIds: (c.expertIds ?? []).filter((id) => id !== event.expertId) }, at);
    case 'expert_recused':
      return withBase(mediating(c, event), {
        expertIds: (c.expertIds ?? []).filter((id) => id !== event.expertId),
        recusedExpertIds: [...(c.recusedExpertIds ?? []), event.expertId],
      }, at);
    case 'applicant_withdrew':
      return { ...c, parties: c.parties.map((p) => (p.partyId === event.partyId ? { ...p, withdrawnAt: at } : p)), updatedAt: at } as Case;
    case 'respondent_invited': {
      const m = mediating(c, event);
      if (m.status !== 'accepted') return broken(c, event);
      return { ...m, status: 'awaiting_consent', consent: { invitedAt: at, dueAt: event.dueAt, extraTimeUsed: false }, updatedAt: at };
    }
    case 'respondent_replied': {
      if (c.status !== 'awaiting_consent') return broken(c, event);
      if (event.reply === 'ask_for_time') {
        return { ...c, consent: { ...c.consent, dueAt: event.dueAt ?? c.consent.dueAt, extraTimeUsed: true }, updatedAt: at };
      }
      if (event.reply === 'refuse') return { ...c, updatedAt: at };
      const next = { ...c, consentedPartyIds: [...c.consentedPartyIds, event.partyId], updatedAt: at };
      if (!hasConsent(next)) return next;
      const { consent: _consent, ...rest } = next;
      return { ...rest, status: 'in_mediation' } satisfies InMediationCase;
    }
    case 'session_scheduled': {
      const m = mediating(c, event);
      if (m.status === 'awaiting_consent' || m.status === 'agreement_pending') return broken(c, event);
      return { ...m, status: 'scheduled', nextSession: event.session, updatedAt: at };
    }
    case 'session_cancelled': {
      if (c.status !== 'scheduled') return broken(c, event);
      const { nextSession: _n, ...rest } = c;
      return { ...rest, status: 'in_mediation', updatedAt: at };
    }
    case 'session_recorded': {
      const m = mediating(c, event);
      const sessions = [...m.sessions, event.record];
      if (event.record.kind === 'investigation') return { ...m, sessions, updatedAt: at };
      if (m.status === 'scheduled') {
        const { nextSession: _n, ...rest } = m;
        return { ...rest, status: 'in_mediation', sessions, updatedAt: at };
      }
      if (m.status === 'awaiting_consent' || m.status === 'agreement_pending') return broken(c, event);
      return { ...m, status: 'in_mediation', sessions, updatedAt: at };
    }
    case 'agreement_drafted': {
      const m = mediating(c, event);
      if (m.status !== 'scheduled' && m.status !== 'in_mediation') return broken(c, event);
      const agreement: WrittenAgreement = {
        form: 'written',
        version: event.version,
        content: event.content,
        hash: event.hash,
        draftedAt: at,
        draftedBy: event.actor.userId,
        paperOnly: event.paperOnly,
        confirmations: [],
      };
      const { nextSession: _n, ...rest } = m as typeof m & { nextSession?: unknown };
      return { ...rest, status: 'agreement_pending', agreement, updatedAt: at } as AgreementPendingCase;
    }
    case 'agreement_revised': {
      const p = pendingAgreement(c, event);
      const { mediatorSignature: _s, seal: _seal, ...kept } = p.agreement;
      return {
        ...p,
        agreement: { ...kept, version: event.version, content: event.content, hash: event.hash, confirmations: [] },
        updatedAt: at,
      };
    }
    case 'agreement_confirmed': {
      const p = pendingAgreement(c, event);
      return { ...p, agreement: { ...p.agreement, confirmations: [...p.agreement.confirmations, event.confirmation] }, updatedAt: at };
    }
    case 'agreement_signed': {
      const p = pendingAgreement(c, event);
      return { ...p, agreement: { ...p.agreement, mediatorSignature: { hash: event.hash, at, mediatorId: event.mediatorId } }, updatedAt: at };
    }
    case 'agreement_sealed': {
      const p = pendingAgreement(c, event);
      return { ...p, agreement: { ...p.agreement, seal: { hash: event.hash, at, orgId: event.orgId, by: event.actor.userId } }, updatedAt: at };
    }
    case 'agreement_took_effect': {
      const p = pendingAgreement(c, event);
      return {
        ...toBase(p),
        status: 'performing',
        agreement: { ...p.agreement, effectiveAt: at, judicialConfirmationBy: event.judicialConfirmationBy },
        performanceItems: event.performanceItems,
        returnVisitDueAt: event.returnVisitDueAt,
        updatedAt: at,
      };
    }
    case 'oral_agreement_recorded': {
      const m = mediating(c, event);
      return {
        ...toBase(m),
        status: 'performing',
        agreement: {
          form: 'oral',
          content: event.content,
          hash: event.hash,
          ...(event.choice ? { choice: event.choice } : {}),
          recordedAt: at,
          recordedBy: event.actor.userId,
          effectiveAt: at,
        },
        performanceItems: event.content.performance.map((i) => ({ ...i })),
        returnVisitDueAt: event.returnVisitDueAt,
        updatedAt: at,
      };
    }
    case 'performance_item_done': {
      const p = performing(c, event);
      return {
        ...p,
        performanceItems: p.performanceItems.map((i) => (i.itemId === event.itemId ? { ...i, doneAt: at, doneBy: event.actor.userId } : i)),
        updatedAt: at,
      };
    }
    case 'return_visit_recorded': {
      if (c.status === 'closed') {
        // The visit owed after closing: made, so nothing is due any more.
        return { ...c, returnVisits: [...c.returnVisits, event.visit], returnVisitDueAt: undefined, updatedAt: at };
      }
      const p = performing(c, event);
      const performed = event.visit.result === 'performed';
      return {
        ...p,
        returnVisits: [...p.returnVisits, event.visit],
        // A visit that finds everything performed confirms the items nobody ticked off.
        performanceItems: performed ? p.performanceItems.map((i) => (i.doneAt ? i : { ...i, doneAt: at, doneBy: event.actor.userId })) : p.performanceItems,
        returnVisitDueAt: event.nextReturnVisitDueAt ?? p.returnVisitDueAt,
        updatedAt: at,
      };
    }
    case 'service_rated':
      return { ...c, ratings: [...(c.ratings ?? []), event.rating], updatedAt: at };
    case 'judicial_application_recorded':
      return { ...c, judicialApplication: event.application, updatedAt: at };
    case 'referral_feedback_recorded':
      return { ...c, referralFeedback: event.feedback, updatedAt: at };
    case 'mediation_deadline_extended':
      return withBase(mediating(c, event), { mediationDueAt: event.newDueAt, extensionUsed: true }, at);
    case 'deadline_missed':
      return {
        ...c,
        missedDeadlines: [
          ...c.missedDeadlines,
          {
            kind: event.kind,
            dueAt: event.dueAt,
            ownerOrgId: event.ownerOrgId,
            ...(event.ownerUserId ? { ownerUserId: event.ownerUserId } : {}),
            ...(event.itemId ? { itemId: event.itemId } : {}),
            recordedAt: at,
          },
        ],
        updatedAt: at,
      };
    case 'case_closed':
      return closed(c, event);
    default: {
      const unreachable: never = event;
      throw new Error(`Unknown event ${(unreachable as CaseEvent).type}`);
    }
  }
}
