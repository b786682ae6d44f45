// What a case screen shows, shaped per relation: parties see their case and who holds it until when;
// staff see the triage reasons and contact numbers (masked); followers and supervisors see progress only.
import { judicialView } from '../cases/judicial-view';
import { activeParties } from '../../domain/case/guards';
import type { EventType } from '../../domain/case/events';
import { nextDeadline } from '../../domain/case/deadlines';
import { nextStepForParty } from '../../domain/case/next-step';
import { OUTCOME_LABEL, PARTY_OUTCOME_LABEL, PARTY_STATUS_LABEL, RECORD_KIND_LABEL, RETURN_VISIT_RESULT_LABEL, SESSION_MODE_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { isPaperOnly } from '../../domain/agreement/rules';
import { awaitingPartyIds, type Booking } from '../../domain/booking/booking';
import { DEFAULT_SLOT_RULES } from '../../domain/booking/slots';
import { whatToBring } from '../../domain/booking/what-to-bring';
import { maskMobile, maskName } from '../../domain/personal/mask';
import { orgName, type Directory } from '../cases/org-cache';
import { consentToShare, type CaseDoc, type ListedCaseDoc, type ReadCaseDoc, type ServerEventType } from '../cases/store';
import type { PiiCipher } from '../kernel/pii';
import { HELD_NOTE_PLACEHOLDER, isHeldForReview, mayReadDisputeText, underReview, withheldFrom } from '../cases/held-text';
import type { CaseView, PartyNextStep, Relation } from './case.types';
import { sealedAt } from '../kernel/pii';

/** Every event has a label: a new event type is a compile error until it has one. */
export const EVENT_LABEL: Record<EventType, string> = {
  case_registered: '登记受理申请',
  urgent_alert_raised: '高风险预警已上报',
  risk_raised: '提高风险等级',
  personal_relations_marked: '确认涉及婚姻、收养、继承关系，协议须线下签字',
  case_accepted: '调解组织已受理',
  case_transferred: '转交其他调解组织',
  transfer_accepted: '接收单位已受理',
  transfer_returned: '接收单位退回',
  designation_requested: '报请上级指定',
  case_designated: '上级已指定承办单位',
  mediator_assigned: '已指派调解员',
  mediator_recused: '调解员回避',
  expert_added: '特邀专家参与调解',
  expert_removed: '特邀专家已撤回',
  expert_recused: '特邀专家回避',
  applicant_withdrew: '一位申请人撤回了自己的申请',
  respondent_invited: '已邀请对方当事人',
  respondent_replied: '对方当事人已答复',
  session_scheduled: '已预约调解',
  session_cancelled: '调解预约已取消',
  session_recorded: '已记录调解情况',
  agreement_drafted: '调解协议已起草',
  agreement_revised: '调解协议已修改',
  agreement_confirmed: '当事人确认协议',
  agreement_signed: '调解员已签名',
  agreement_sealed: '调委会已盖章',
  agreement_took_effect: '调解协议生效',
  oral_agreement_recorded: '记录口头协议',
  performance_item_done: '履行事项已完成',
  return_visit_recorded: '已回访',
  service_rated: '当事人已评价',
  judicial_application_recorded: '当事人已申请司法确认',
  referral_feedback_recorded: '已向移交单位回告调解结果',
  mediation_deadline_extended: '调解期限已延长',
  deadline_missed: '办理超期',
  case_closed: '案件已办结',
};

/** Server steps on the timeline; `null` ones are audited but not shown (reading a number is not progress). */
const SERVER_EVENT_LABEL: Record<ServerEventType, string | null> = {
  respondent_joined: '当事人已通过邀请加入',
  invite_issued: '已向当事人发出加入邀请',
  recorded_for_party: '工作人员代为记录了当事人的意见',
  contact_revealed: null,
  extension_requested: '申请延长调解期限',
  extension_consented: '当事人同意延期',
  extension_refused: '当事人不同意延期',
  content_reviewed: null,
  contact_erased: null,
  booking_proposed: '已提出调解时间，待双方确认',
  booking_confirmed: '当事人已确认调解时间',
  booking_rescheduled: '调解时间已改期',
  booking_cancelled: '调解预约已取消',
  scan_path_issued: null,
  personal_data_resealed: null,
};

/** Why a case went up for designation, in words. */
const DESIGNATION_TRIGGER_LABEL: Record<NonNullable<CaseView['pendingDesignation']>['trigger'], string> = {
  escalation: '下级调解组织上报',
  second_return: '转办两次被退回',
  transfer_overdue: '接收单位逾期未签收',
};

/** Stages in which the mediation limit runs (and may be extended once). */
const MEDIATING: ReadonlyArray<CaseView['status']> = ['accepted', 'awaiting_consent', 'scheduled', 'in_mediation', 'agreement_pending'];

/** A step as the timeline names it; null for one audited but not shown there. */
export function labelOf(type: string): string | null {
  if (type in SERVER_EVENT_LABEL) return SERVER_EVENT_LABEL[type as ServerEventType];
  return EVENT_LABEL[type as EventType] ?? type;
}



/** A number that does not open here (copied from another case or party, or under a retired key) is not shown. */
function openedOrNothing(open: () => string): string | undefined {
  try {
    return open();
  } catch {
    return undefined;
  }
}

export function caseView(doc: ReadCaseDoc, relation: Relation, me: string, dir: Directory, cipher: PiiCipher): CaseView {
  const c = doc.case;
  const due = nextDeadline(c);
  const personal = relation === 'party' || relation === 'staff';
  const heldForReview = isHeldForReview(doc);
  // Other held text (replies, reasons, notes): shown to its writer and the staff, withheld from the others.
  const withheld = withheldFrom(doc, relation, me);
  const held = underReview(doc);
  const shown = (text: string | undefined): text is string => text !== undefined && personal && !withheld(text);
  const view: CaseView = {
    caseId: c.caseId,
    caseNo: c.caseNo,
    relation,
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
    ...(c.status === 'closed' ? { outcomeLabel: OUTCOME_LABEL[c.outcome] } : {}),
    category: c.category,
    categoryLabel: dir.settings.categories.label(c.category),
    ...(relation === 'party' ? { guidance: dir.settings.categories.guidance(c.category) } : {}),
    // Text held for review is shown to the one who wrote it and to staff, not yet to the other party.
    ...(mayReadDisputeText(doc, relation, me) ? { summary: c.summary } : {}),
    ...(heldForReview && relation === 'staff' ? { underReview: true } : {}),
    urgent: c.urgent,
    emergencyNumbers: c.urgent ? c.triage.emergencyNumbers : [],
    holder: { orgId: c.responsibleOrgId, name: orgName(dir, c.responsibleOrgId), phone: dir.orgs.get(c.responsibleOrgId)?.phone ?? '' },
    firstInquiry: { orgId: c.firstInquiry.orgId, name: orgName(dir, c.firstInquiry.orgId) },
    ...(c.status === 'transferring'
      ? { pendingTransfer: { toOrgId: c.transfer.toOrgId, toOrgName: orgName(dir, c.transfer.toOrgId), dueAt: c.transfer.dueAt } }
      : {}),
    ...(due ? { next: { label: due.label, dueAt: due.dueAt, ownerOrgName: orgName(dir, due.ownerOrgId) } } : {}),
    timeline: doc.timeline.flatMap((t) => {
      const label = labelOf(t.type);
      if (label === null) return [];
      return [
        {
          at: t.at,
          label,
          ...(t.actorOrgId ? { orgName: orgName(dir, t.actorOrgId) } : {}),
          ...(t.reason && shown(t.reason) ? { reason: t.reason, ...(held(t.reason) ? { underReview: true } : {}) } : {}),
        },
      ];
    }),
    version: doc.version,
  };
  if (personal) {
    view.parties = c.parties.map((p) => {
      const isMe = Boolean(p.userId && p.userId === me);
      const sealed = doc.contacts.find((k) => k.partyId === p.partyId);
      const mobile = sealed ? openedOrNothing(() => maskMobile(cipher.decrypt(sealed.mobileSealed, sealedAt.mobile(c.caseId, p.partyId)))) : undefined;
      const full = isMe || relation === 'staff';
      return {
        partyId: p.partyId,
        role: p.role,
        name: full ? p.name : maskName(p.name),
        ...(mobile ? { mobile } : {}),
        isMe,
        kind: p.kind ?? 'person',
        ...(p.representative ? { representative: full ? p.representative : maskName(p.representative) } : {}),
        ...(p.agent ? { agent: { name: full ? p.agent.name : maskName(p.agent.name), specialPowers: p.agent.specialPowers } } : {}),
        joined: p.userId ? (p.account ?? 'self') : false,
        ...(p.withdrawnAt ? { withdrawn: true } : {}),
      };
    });
  }
  const ext = doc.extensionRequest;
  if (personal && ext && c.status !== 'closed') {
    const waitingFor = activeParties(c).filter((p) => !ext.consents.some((x) => x.partyId === p.partyId)).map((p) => p.partyId);
    const mine = c.parties.find((p) => p.userId && p.userId === me);
    view.extensionRequest = { reason: withheld(ext.reason) ? HELD_NOTE_PLACEHOLDER : ext.reason, requestedAt: ext.requestedAt, waitingFor, myConsentNeeded: Boolean(mine && waitingFor.includes(mine.partyId)) };
  }
  if (personal) {
    if (c.status === 'scheduled') {
      const n = c.nextSession;
      const endAt = new Date(Date.parse(n.at) + DEFAULT_SLOT_RULES.slotMinutes * 60_000).toISOString();
      view.nextSession = { at: n.at, endAt, mode: n.mode, modeLabel: SESSION_MODE_LABEL[n.mode], ...(n.roomId ? { roomId: n.roomId } : {}), bring: whatToBring(c.category), nonPublic: n.nonPublic };
    }
    const nameOf = (partyId: string) => view.parties?.find((p) => p.partyId === partyId)?.name ?? partyId;
    view.sessions = c.sessions.map((r) => ({
      kind: r.kind,
      kindLabel: RECORD_KIND_LABEL[r.kind],
      heldAt: r.heldAt,
      modeLabel: SESSION_MODE_LABEL[r.mode],
      attendees: r.attendeePartyIds.map(nameOf),
      otherAttendees: r.otherAttendees ?? [],
      summary: r.summary,
      ...(r.nextStep ? { nextStep: r.nextStep } : {}),
      nonPublic: r.nonPublic,
    }));
  }
  if (personal) addAgreementPart(view, c, me, withheld, dir);
  if (personal) view.paperOnly = isPaperOnly(c.category, c.involvesPersonalRelations, dir.settings.rules);
  if (personal && MEDIATING.includes(c.status) && c.mediationDueAt) view.mediationLimit = { dueAt: c.mediationDueAt, extended: c.extensionUsed };
  if (relation === 'party') {
    view.statusLabel = PARTY_STATUS_LABEL[c.status];
    view.nextStep = partyNextStep(doc, dir, me);
    const mine = c.parties.find((p) => p.userId && p.userId === me);
    if (c.status === 'closed' && mine) {
      const said = PARTY_OUTCOME_LABEL[c.outcome][mine.role];
      view.outcomeLabel = said;
      if (view.closing) view.closing.outcomeLabel = said;
    }
  }
  if (relation === 'staff' && personal) {
    const open = openProposal(doc);
    if (open) {
      const b = open.booking;
      view.proposedSession = { bookingId: b.bookingId, at: b.startAt, modeLabel: SESSION_MODE_LABEL[b.mode], awaitingPartyIds: open.awaiting };
    }
  }
  if (relation === 'staff' && c.status === 'awaiting_designation') {
    const d = c.designation;
    view.pendingDesignation = {
      designatorOrgId: d.designatorOrgId,
      designatorOrgName: orgName(dir, d.designatorOrgId),
      fromOrgId: d.fromOrgId,
      fromOrgName: orgName(dir, d.fromOrgId),
      trigger: d.trigger,
      triggerLabel: DESIGNATION_TRIGGER_LABEL[d.trigger],
      reason: d.reason,
      requestedAt: d.requestedAt,
      dueAt: d.dueAt,
      shareConsent: consentToShare(doc),
    };
  }
  if (relation === 'staff') {
    view.triage = { suggestedOrgId: c.triage.orgId, suggestedOrgName: orgName(dir, c.triage.orgId), reasons: c.triage.reasons.map((r) => r.text) };
    view.risk = { ...(c.facts.risk ? { level: c.facts.risk } : {}), signals: c.facts.riskSignals ?? [] };
    if (c.mediatorId) view.mediator = { isMe: c.mediatorId === me };
  }
  return view;
}

/** A party may rate the service once: after a return visit while performing, or once a case it took on closed. */
function mayRate(c: CaseDoc['case'], partyId: string): boolean {
  const rated = c.ratings?.some((r) => r.partyId === partyId);
  return !rated && ((c.status === 'performing' && c.returnVisits.length > 0) || (c.status === 'closed' && Boolean(c.acceptedAt)));
}

/** The earliest session time proposed and not yet confirmed by every active party (bookings live on the case doc). */
function openProposal(doc: ListedCaseDoc): { booking: Booking; awaiting: string[] } | undefined {
  const ids = activeParties(doc.case).map((p) => p.partyId);
  const open = ((doc as ListedCaseDoc & { bookings?: Booking[] }).bookings ?? [])
    .filter((b) => b.status === 'proposed' && awaitingPartyIds(b, ids).length > 0)
    .sort((a, b) => a.startAt.localeCompare(b.startAt))[0];
  return open ? { booking: open, awaiting: awaitingPartyIds(open, ids) } : undefined;
}

function proposedSessionFor(doc: ListedCaseDoc, partyId: string | undefined): { proposedSession?: { at: string; awaitsMe: boolean } } {
  const open = openProposal(doc);
  if (!open) return {};
  return { proposedSession: { at: open.booking.startAt, awaitsMe: Boolean(partyId && open.awaiting.includes(partyId)) } };
}

/** What happens next on the case for the party whose account is `me` (the case page and `case.mine`). */
export function partyNextStep(doc: ListedCaseDoc, dir: Directory, me: string): PartyNextStep {
  const c = doc.case;
  const mine = c.parties.find((p) => p.userId && p.userId === me && !p.withdrawnAt);
  const ext = doc.extensionRequest;
  const pending = Boolean(ext && c.status !== 'closed');
  return nextStepForParty(c, mine?.partyId, {
    extensionPending: pending,
    extensionAwaitsMe: Boolean(pending && mine && ext && !ext.consents.some((x) => x.partyId === mine.partyId)),
    mayRate: Boolean(mine && mayRate(c, mine.partyId)),
    ...proposedSessionFor(doc, mine?.partyId),
    orgName: (id) => orgName(dir, id),
  });
}

/** The agreement, performance, return visits, closing and rating, for parties and staff. */
function addAgreementPart(view: CaseView, c: CaseDoc['case'], me: string, withheld: (text: string | undefined) => boolean, dir: Directory): void {
  const nameOf = (id: string) => view.parties?.find((p) => p.partyId === id)?.name ?? id;
  const a = c.agreement;
  if (a?.form === 'written') {
    const confirmed = (id: string) => a.confirmations.some((x) => x.partyId === id && x.hash === a.hash);
    view.agreement = {
      form: 'written',
      version: a.version,
      paperOnly: a.paperOnly,
      confirmedBy: c.parties.filter((p) => confirmed(p.partyId)).map((p) => nameOf(p.partyId)),
      awaiting: activeParties(c).filter((p) => !confirmed(p.partyId)).map((p) => nameOf(p.partyId)),
      signed: a.mediatorSignature?.hash === a.hash,
      sealed: a.seal?.hash === a.hash,
      ...(a.effectiveAt ? { effectiveAt: a.effectiveAt } : {}),
      ...(a.judicialConfirmationBy ? { judicialConfirmationBy: a.judicialConfirmationBy } : {}),
    };
    const judicial = judicialView(c, dir, me);
    if (judicial) view.agreement.judicial = judicial;
  } else if (a?.form === 'oral') {
    view.agreement = { form: 'oral', paperOnly: false, confirmedBy: [], awaiting: [], signed: false, sealed: false, effectiveAt: a.effectiveAt };
  }
  const mine = c.parties.find((p) => p.userId === me);
  if (c.performanceItems?.length) {
    view.performance = c.performanceItems.map((i) => ({
      itemId: i.itemId,
      description: i.description,
      ...(i.amountYuan !== undefined ? { amountYuan: i.amountYuan } : {}),
      dueDate: i.dueDate,
      place: i.place,
      done: Boolean(i.doneAt),
      iAmObligee: mine?.partyId === i.obligeePartyId,
    }));
  }
  if (c.status === 'performing') view.returnVisitDueAt = c.returnVisitDueAt;
  if (c.returnVisits.length) {
    view.returnVisits = c.returnVisits.map((v) => ({
      at: v.at,
      resultLabel: RETURN_VISIT_RESULT_LABEL[v.result],
      ...(v.satisfaction !== undefined ? { satisfaction: v.satisfaction } : {}),
      notes: withheld(v.notes) ? HELD_NOTE_PLACEHOLDER : v.notes,
    }));
  }
  if (c.status === 'closed') {
    view.closing = {
      outcomeLabel: OUTCOME_LABEL[c.outcome],
      ...(c.closeReason && !withheld(c.closeReason) ? { reason: c.closeReason } : {}),
      ...(c.guidance ? { guidance: c.guidance } : {}),
    };
  }
  if (mine) {
    const rating = c.ratings?.find((r) => r.partyId === mine.partyId);
    if (rating) view.myRating = { score: rating.score, ...(rating.comment ? { comment: rating.comment } : {}) };
    view.mayRate = mayRate(c, mine.partyId);
  }
}
