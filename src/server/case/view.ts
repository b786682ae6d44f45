// What a case screen shows, shaped per relation: parties see their case and who holds it until when;
// staff see the triage reasons and contact numbers (masked); followers and supervisors see progress only.
import type { EventType } from '../../domain/case/events';
import { nextDeadline } from '../../domain/case/deadlines';
import { OUTCOME_LABEL, SESSION_MODE_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { categoryLabel } from '../../domain/config/categories';
import { maskMobile, maskName } from '../../domain/personal/mask';
import type { Relation } from './access';
import { orgName, type Directory } from './org-cache';
import type { CaseDoc, ServerEventType } from './store';
import type { PiiCipher } from '../kernel/pii';

/** Every event has a label: a new event type is a compile error until it has one. */
export const EVENT_LABEL: Record<EventType, string> = {
  case_registered: '登记受理申请',
  urgent_alert_raised: '高风险预警已上报',
  case_accepted: '调解组织已受理',
  case_transferred: '转交其他调解组织',
  transfer_accepted: '接收单位已受理',
  transfer_returned: '接收单位退回',
  designation_requested: '报请上级指定',
  case_designated: '上级已指定承办单位',
  mediator_assigned: '已指派调解员',
  mediator_recused: '调解员回避',
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
  mediation_deadline_extended: '调解期限已延长',
  deadline_missed: '办理超期',
  case_closed: '案件已办结',
};

/** Server steps on the timeline; `null` ones are audited but not shown (reading a number is not progress). */
const SERVER_EVENT_LABEL: Record<ServerEventType, string | null> = {
  respondent_joined: '对方当事人已通过邀请加入',
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
};

function labelOf(type: string): string | null {
  if (type in SERVER_EVENT_LABEL) return SERVER_EVENT_LABEL[type as ServerEventType];
  return EVENT_LABEL[type as EventType] ?? type;
}

export interface CaseView {
  caseId: string;
  caseNo: string;
  relation: Relation;
  status: string;
  statusLabel: string;
  outcomeLabel?: string;
  category: string;
  categoryLabel: string;
  /** Dispute text: parties and staff only. */
  summary?: string;
  urgent: boolean;
  emergencyNumbers: Array<{ label: string; number: string }>;
  /** The one organisation answerable right now, and how to reach it. */
  holder: { orgId: string; name: string; phone: string };
  firstInquiry: { orgId: string; name: string };
  pendingTransfer?: { toOrgId: string; toOrgName: string; dueAt: string };
  next?: { label: string; dueAt: string; ownerOrgName: string };
  timeline: Array<{ at: string; label: string; orgName?: string; reason?: string }>;
  parties?: Array<{ partyId: string; role: string; name: string; mobile?: string; isMe: boolean }>;
  triage?: { suggestedOrgId: string; suggestedOrgName: string; reasons: string[] };
  /** Staff: the text awaits a director's review (content check). */
  underReview?: boolean;
  /** Parties and staff: the session the case is scheduled for. */
  nextSession?: { at: string; modeLabel: string; roomId?: string; nonPublic: boolean };
  /** Parties and staff: investigation and session records (调查、调解笔录), oldest first. */
  sessions?: Array<{
    kind: 'investigation' | 'session';
    kindLabel: string;
    heldAt: string;
    modeLabel: string;
    attendees: string[];
    otherAttendees: string[];
    summary: string;
    nextStep?: string;
    nonPublic: boolean;
  }>;
  version: number;
}

export function caseView(doc: CaseDoc, relation: Relation, me: string, dir: Directory, cipher: PiiCipher): CaseView {
  const c = doc.case;
  const due = nextDeadline(c);
  const personal = relation === 'party' || relation === 'staff';
  const heldForReview = doc.contentReview?.status === 'pending';
  const isApplicant = c.parties.some((p) => p.role === 'applicant' && p.userId === me);
  const view: CaseView = {
    caseId: c.caseId,
    caseNo: c.caseNo,
    relation,
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
    ...(c.status === 'closed' ? { outcomeLabel: OUTCOME_LABEL[c.outcome] } : {}),
    category: c.category,
    categoryLabel: categoryLabel(c.category),
    // Text held for review is shown to the one who wrote it and to staff, not yet to the other party.
    ...(personal && (!heldForReview || relation === 'staff' || isApplicant) ? { summary: c.summary } : {}),
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
      return [{ at: t.at, label, ...(t.actorOrgId ? { orgName: orgName(dir, t.actorOrgId) } : {}), ...(t.reason && personal ? { reason: t.reason } : {}) }];
    }),
    version: doc.version,
  };
  if (personal) {
    view.parties = c.parties.map((p) => {
      const isMe = Boolean(p.userId && p.userId === me);
      const sealed = doc.contacts.find((k) => k.partyId === p.partyId);
      const mobile = sealed ? maskMobile(cipher.decrypt(sealed.mobileSealed)) : undefined;
      return { partyId: p.partyId, role: p.role, name: isMe || relation === 'staff' ? p.name : maskName(p.name), ...(mobile ? { mobile } : {}), isMe };
    });
  }
  if (personal) {
    if (c.status === 'scheduled') {
      const n = c.nextSession;
      view.nextSession = { at: n.at, modeLabel: SESSION_MODE_LABEL[n.mode], ...(n.roomId ? { roomId: n.roomId } : {}), nonPublic: n.nonPublic };
    }
    const nameOf = (partyId: string) => view.parties?.find((p) => p.partyId === partyId)?.name ?? partyId;
    view.sessions = c.sessions.map((r) => ({
      kind: r.kind,
      kindLabel: r.kind === 'investigation' ? '调查' : '调解',
      heldAt: r.heldAt,
      modeLabel: SESSION_MODE_LABEL[r.mode],
      attendees: r.attendeePartyIds.map(nameOf),
      otherAttendees: r.otherAttendees ?? [],
      summary: r.summary,
      ...(r.nextStep ? { nextStep: r.nextStep } : {}),
      nonPublic: r.nonPublic,
    }));
  }
  if (relation === 'staff') {
    view.triage = { suggestedOrgId: c.triage.orgId, suggestedOrgName: orgName(dir, c.triage.orgId), reasons: c.triage.reasons.map((r) => r.text) };
  }
  return view;
}
