// Random command sequences over one case, shared by the property tests: each step is a few numbers (which
// command, who gives it, how much time passes, a free choice) turned into a concrete command from the current
// case, so fast-check can shrink a failure to a short story.
import fc from 'fast-check';
import { TRANSITIONS, deadlines, execute, type Actor, type Case, type CaseCommand } from '../../src/domain';
import { TREE, actors, agreementContent, ctx } from './fixtures';

export const ORG_IDS = TREE.orgs.map((o) => o.id);
export const addHours = (iso: string, h: number): string => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
export const chinaDate = (iso: string, plusDays: number): string => new Date(Date.parse(iso) + (8 + plusDays * 24) * 3_600_000).toISOString().slice(0, 10);

export type Step = { command: number; actorMode: number; hours: number; pick: number };
export const stepArb: fc.Arbitrary<Step> = fc.record({
  command: fc.nat(29),
  actorMode: fc.nat(3),
  hours: fc.oneof(fc.constant(0), fc.nat(8), fc.nat(80)),
  pick: fc.nat(1000),
});

export const POOL: Actor[] = [
  actors.resident,
  actors.respondent,
  actors.stranger,
  actors.system,
  ...ORG_IDS.flatMap((id) => [actors.staff(id), actors.director(id), actors.mediator(id)]),
];

export function hashOf(c: Case): string {
  return c.agreement?.hash ?? 'none';
}

/** Command types in the order of the cases below. */
export const TYPES: Array<CaseCommand['type']> = [
  'accept', 'transfer', 'accept_transfer', 'return_transfer', 'escalate', 'designate', 'escalate_overdue_transfer', 'refer_out',
  'assign_mediator', 'recuse_mediator', 'invite_respondent', 'respondent_reply', 'schedule_session', 'cancel_session',
  'record_session', 'draft_agreement', 'revise_agreement', 'confirm_agreement', 'sign_agreement', 'seal_agreement',
  'record_oral_agreement', 'mark_item_done', 'record_return_visit', 'extend_deadline', 'withdraw', 'terminate', 'close',
  'record_deadline_missed',
];

export const ENDINGS = ['refer_out', 'withdraw', 'terminate', 'close'];

/**
 * Four steps in five pick among the commands the status allows, rarely one that ends the case (so
 * sequences get far into the lifecycle); the fifth picks any command, mostly to be refused.
 */
export const FORWARD: Partial<Record<Case['status'], Array<CaseCommand['type']>>> = {
  registered: ['accept', 'transfer'],
  transferring: ['accept_transfer', 'return_transfer'],
  awaiting_designation: ['designate'],
  accepted: ['assign_mediator', 'invite_respondent'],
  awaiting_consent: ['respondent_reply'],
  in_mediation: ['schedule_session', 'draft_agreement', 'record_oral_agreement'],
  scheduled: ['record_session', 'draft_agreement'],
  agreement_pending: ['confirm_agreement', 'sign_agreement', 'seal_agreement'],
  performing: ['mark_item_done', 'record_return_visit'],
  closed: ['record_return_visit'],
};

export function chooseType(c: Case, s: Step): number {
  if (s.pick % 5 === 0) return s.command % TYPES.length;
  const forward = FORWARD[c.status];
  if (forward && s.pick % 5 < 3) return TYPES.indexOf(forward[s.command % forward.length]);
  const allowed = TYPES.map((t, i) => [t, i] as const)
    .filter(([t]) => TRANSITIONS[t].from.includes(c.status))
    .filter(([t]) => s.pick % 7 === 0 || !ENDINGS.includes(t));
  return allowed.length ? allowed[s.command % allowed.length][1] : s.command % TYPES.length;
}

export function build(c: Case, s: Step, now: string): { command: CaseCommand; natural: Actor } {
  const org = c.responsibleOrgId;
  const director = actors.director(org);
  const mediator: Actor = c.mediatorId ? { userId: c.mediatorId, orgId: org, roles: ['mediator'] } : actors.mediator(org);
  const otherOrg = ORG_IDS[s.pick % ORG_IDS.length];
  const party = s.pick % 2 === 0 ? 'p1' : 'p2';
  const partyActor = party === 'p1' ? actors.resident : actors.respondent;
  const content = agreementContent({
    performance: [{ ...agreementContent().performance[0], dueDate: chinaDate(now, 10) }],
    terms: [`赔偿${1000 + (s.pick % 3)}元`],
  });
  const maybe = (text: string): string | undefined => (s.pick % 3 === 0 ? undefined : text);
  switch (chooseType(c, s)) {
    case 0: return { command: { type: 'accept', overrideReason: maybe('主任决定') }, natural: director };
    case 1: return { command: { type: 'transfer', toOrgId: otherOrg, reason: '转至主管单位', consentToShare: true, overrideReason: maybe('主任决定') }, natural: director };
    case 2: return { command: { type: 'accept_transfer' }, natural: actors.director(c.status === 'transferring' ? c.transfer.toOrgId : otherOrg) };
    case 3: return { command: { type: 'return_transfer', reason: '不属本单位' }, natural: actors.director(c.status === 'transferring' ? c.transfer.toOrgId : otherOrg) };
    case 4: return { command: { type: 'escalate', reason: '需上级协调' }, natural: director };
    case 5: {
      const designator = c.status === 'awaiting_designation' ? c.designation.designatorOrgId : otherOrg;
      return { command: { type: 'designate', orgId: s.pick % 2 ? designator : otherOrg, reason: '指定办理', consentToShare: true }, natural: actors.director(designator) };
    }
    case 6: return { command: { type: 'escalate_overdue_transfer' }, natural: actors.system };
    case 7: return { command: { type: 'refer_out', authority: 'court', guidance: '请向人民法院起诉', reason: '已起诉' }, natural: director };
    case 8: return { command: { type: 'assign_mediator', mediatorId: `${org}-mediator-${1 + (s.pick % 2)}`, reason: maybe('调整') }, natural: director };
    case 9: return { command: { type: 'recuse_mediator', partyId: party, reason: '申请回避' }, natural: partyActor };
    case 10: return { command: { type: 'invite_respondent' }, natural: mediator };
    case 11: return { command: { type: 'respondent_reply', partyId: 'p2', reply: (['agree', 'agree', 'refuse', 'ask_for_time'] as const)[s.pick % 4] }, natural: actors.respondent };
    case 12: return { command: { type: 'schedule_session', at: addHours(now, 24), mode: 'on_site', reason: '改期' }, natural: mediator };
    case 13: return { command: { type: 'cancel_session', reason: '有事' }, natural: mediator };
    case 14: return { command: { type: 'record_session', record: { kind: s.pick % 2 ? 'session' : 'investigation', heldAt: now, mode: 'on_site', attendeePartyIds: ['p1', 'p2'], summary: '笔录', nonPublic: false } }, natural: mediator };
    case 15: return { command: { type: 'draft_agreement', content }, natural: mediator };
    case 16: return { command: { type: 'revise_agreement', content, reason: '修改' }, natural: mediator };
    case 17: return { command: { type: 'confirm_agreement', partyId: party, hash: s.pick % 5 ? hashOf(c) : 'stale', method: 'electronic' }, natural: partyActor };
    case 18: return { command: { type: 'sign_agreement', hash: hashOf(c) }, natural: mediator };
    case 19: return { command: { type: 'seal_agreement', hash: hashOf(c) }, natural: director };
    case 20: return { command: { type: 'record_oral_agreement', content: { terms: content.terms, performance: s.pick % 3 ? [] : content.performance }, partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'] }, natural: mediator };
    case 21: return { command: { type: 'mark_item_done', itemId: 'i1' }, natural: actors.resident };
    case 22: return { command: { type: 'record_return_visit', visit: { result: (['performed', 'not_performed', 'settled', 'ongoing'] as const)[s.pick % 4], notes: '回访' } }, natural: mediator };
    case 23: return { command: { type: 'extend_deadline', consentingPartyIds: ['p1', 'p2'], reason: '双方同意' }, natural: mediator };
    case 24: return { command: { type: 'withdraw', partyId: 'p1' }, natural: actors.resident };
    case 25: return { command: { type: 'terminate', partyId: party }, natural: partyActor };
    case 26: return { command: { type: 'close', outcome: s.pick % 2 ? 'failed' : 'resolved', reason: '结案', guidance: '可诉讼' }, natural: mediator };
    default: {
      const running = deadlines(c);
      const d = running[s.pick % Math.max(running.length, 1)];
      const command: CaseCommand = d
        ? { type: 'record_deadline_missed', kind: d.kind, dueAt: d.dueAt, ...(d.itemId ? { itemId: d.itemId } : {}) }
        : { type: 'escalate_overdue_transfer' };
      return { command, natural: actors.system };
    }
  }
}

/**
 * Steps the shared builder lacks, for the figures' tests: party ratings, return visits with a score, and written
 * agreements taken to their effect and performed.
 */
export function scoredStep(c: Case, s: Step, now: string): { command: CaseCommand; natural: typeof actors.resident } | undefined {
  if (s.pick % 11 === 1) return { command: { type: 'rate_service', partyId: 'p1', score: 1 + (s.pick % 5) }, natural: actors.resident };
  if (s.pick % 11 === 2 && c.mediatorId)
    return {
      command: { type: 'record_return_visit', visit: { result: 'performed', notes: '回访', satisfaction: 1 + (s.command % 5) } as never },
      natural: { userId: c.mediatorId, orgId: c.responsibleOrgId, roles: ['mediator'] },
    };
  // A written agreement to perform now and then, taken to its effect, so agreements to perform (履行率) are reached.
  const mediator = { userId: c.mediatorId ?? `${c.responsibleOrgId}-mediator-1`, orgId: c.responsibleOrgId, roles: ['mediator'] } as typeof actors.resident;
  if (s.pick % 3 === 0 && (c.status === 'in_mediation' || c.status === 'scheduled')) {
    const item = { ...agreementContent().performance[0], dueDate: chinaDate(now, 1 + (s.command % 40)) };
    return { command: { type: 'draft_agreement', content: agreementContent({ performance: [item] }) }, natural: mediator };
  }
  if (s.pick % 2 === 0 && c.status === 'agreement_pending') {
    const hash = c.agreement.hash;
    const next: Array<{ command: CaseCommand; natural: typeof actors.resident }> = [
      { command: { type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, natural: actors.resident },
      { command: { type: 'confirm_agreement', partyId: 'p2', hash, method: 'electronic' }, natural: actors.respondent },
      { command: { type: 'sign_agreement', hash }, natural: mediator },
      { command: { type: 'seal_agreement', hash }, natural: actors.director(c.responsibleOrgId) },
    ];
    return next.find((x) => execute(c, x.command, ctx(x.natural, now)).ok);
  }
  if (s.pick % 2 === 0 && c.status === 'performing') {
    const next: Array<{ command: CaseCommand; natural: typeof actors.resident }> = [
      { command: { type: 'mark_item_done', itemId: 'i1' }, natural: actors.resident },
      { command: { type: 'record_return_visit', visit: { result: 'performed', notes: '回访' } }, natural: mediator },
      { command: { type: 'close', outcome: 'resolved', reason: '结案' }, natural: mediator },
    ];
    return next.find((x) => execute(c, x.command, ctx(x.natural, now)).ok);
  }
  return undefined;
}
