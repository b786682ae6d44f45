import {
  DEFAULT_CALENDAR,
  DEFAULT_RULES,
  execute,
  type Actor,
  type AgreementContent,
  type Case,
  type CaseCommand,
  type DomainContext,
  type OrgTree,
  type Party,
  type Role,
} from '../../src/domain';

/**
 * A small district: 区矛调中心 D; streets S1 (communities c1a, c1b, c1c) and S2 (c2a, c2b);
 * community committees for c1a, c1b, c2a, c2b (c1c has none); specialised committees: district
 * labour (all areas), S1's traffic committee, and a property committee serving c1a only.
 */
export const TREE: OrgTree = {
  orgs: [
    { id: 'D', name: '区矛调中心', level: 'district', kind: 'general', communityIds: [], categories: [] },
    { id: 'S1', name: '东街道调解中心', level: 'street', kind: 'general', parentId: 'D', communityIds: ['c1a', 'c1b', 'c1c'], categories: [] },
    { id: 'S2', name: '西街道调解中心', level: 'street', kind: 'general', parentId: 'D', communityIds: ['c2a', 'c2b'], categories: [] },
    { id: 'C1A', name: '桃园社区调委会', level: 'community', kind: 'general', parentId: 'S1', communityIds: ['c1a'], categories: [] },
    { id: 'C1B', name: '李庄村调委会', level: 'community', kind: 'general', parentId: 'S1', communityIds: ['c1b'], categories: [] },
    { id: 'C2A', name: '河西社区调委会', level: 'community', kind: 'general', parentId: 'S2', communityIds: ['c2a'], categories: [] },
    { id: 'C2B', name: '河东社区调委会', level: 'community', kind: 'general', parentId: 'S2', communityIds: ['c2b'], categories: [] },
    { id: 'LAB', name: '区劳动争议调委会', level: 'district', kind: 'specialised', parentId: 'D', communityIds: [], categories: ['labour'] },
    { id: 'TRF', name: '东街道交通事故调委会', level: 'street', kind: 'specialised', parentId: 'S1', communityIds: ['c1a', 'c1b', 'c1c'], categories: ['traffic'] },
    { id: 'PRP', name: '桃园物业纠纷调委会', level: 'community', kind: 'specialised', parentId: 'C1A', communityIds: ['c1a'], categories: ['property'] },
  ],
};

/** Monday 2 March 2026, 10:00 in China. */
export const T0 = '2026-03-02T02:00:00.000Z';

export const actors = {
  resident: { userId: 'u-applicant', roles: ['resident'] } as Actor,
  respondent: { userId: 'u-respondent', roles: ['resident'] } as Actor,
  stranger: { userId: 'u-stranger', roles: ['resident'] } as Actor,
  system: { userId: 'system', roles: ['system'] } as Actor,
  staff: (orgId: string, ...roles: Role[]): Actor => ({ userId: `${orgId}-${roles.join('-') || 'intake'}`, orgId, roles: roles.length ? roles : ['intake'] }),
  director: (orgId: string): Actor => ({ userId: `${orgId}-director`, orgId, roles: ['director'] }),
  mediator: (orgId: string, n = 1): Actor => ({ userId: `${orgId}-mediator-${n}`, orgId, roles: ['mediator'] }),
};

export function ctx(actor: Actor, now: string = T0, over: Partial<DomainContext> = {}): DomainContext {
  return { now, actor, orgTree: TREE, calendar: DEFAULT_CALENDAR, rules: DEFAULT_RULES, ...over };
}

export const PARTIES: Party[] = [
  { partyId: 'p1', role: 'applicant', name: '张三', userId: 'u-applicant', mobile: '13812341234', communityId: 'c1a' },
  { partyId: 'p2', role: 'respondent', name: '李四', userId: 'u-respondent', communityId: 'c1a' },
];

export function registerCommand(over: Partial<Extract<CaseCommand, { type: 'register' }>> = {}): Extract<CaseCommand, { type: 'register' }> {
  return {
    type: 'register',
    caseId: 'case-1',
    caseNo: 'TY-2026-0001',
    source: 'resident',
    firstInquiryOrgId: 'C1A',
    category: 'neighbourhood',
    summary: '楼上漏水损坏楼下装修，协商未果',
    parties: PARTIES.map((p) => ({ ...p })),
    facts: { communityId: 'c1a', partyCommunityIds: ['c1a'], amountYuan: 3000, peopleInvolved: 2, risk: 'low' },
    ...over,
  };
}

/** Runs commands in order and fails the test loudly if any is refused. */
export function run(state: Case | undefined, steps: Array<[CaseCommand, DomainContext]>): Case {
  let c = state;
  for (const [command, context] of steps) {
    const r = execute(c, command, context);
    if (!r.ok) throw new Error(`${command.type} refused: ${r.error.code} ${r.error.message}`);
    c = r.state;
  }
  return c!;
}

export const VALID_ID_1 = '11010519491231002X';
export const VALID_ID_2 = '32010619851203041X';

export function agreementContent(over: Partial<AgreementContent> = {}): AgreementContent {
  return {
    parties: [
      { partyId: 'p1', role: 'applicant', kind: 'person', name: '张三', idType: 'resident_id', idNumber: VALID_ID_1, address: '桃园社区3栋201' },
      { partyId: 'p2', role: 'respondent', kind: 'person', name: '李四', idType: 'resident_id', idNumber: VALID_ID_2, address: '桃园社区3栋301' },
    ],
    facts: '2026年2月，李四家卫生间漏水，致张三家吊顶受损。',
    disputedMatters: '维修费用的承担。',
    responsibilities: '李四对漏水负全部责任。',
    terms: ['李四赔偿张三维修费3000元。'],
    performance: [
      { itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付维修费', amountYuan: 3000, method: '微信转账', place: '桃园社区调委会', dueDate: '2026-03-20' },
    ],
    ...over,
  };
}

// Lifecycle seeders: each returns a case in the named state, reached through the real rules.
const C1A_MEDIATOR = actors.mediator('C1A');

export function seedRegistered(over: Parameters<typeof registerCommand>[0] = {}): Case {
  return run(undefined, [[registerCommand(over), ctx(actors.resident)]]);
}

export function seedAccepted(): Case {
  return run(seedRegistered(), [
    [{ type: 'accept' }, ctx(actors.staff('C1A'))],
    [{ type: 'assign_mediator', mediatorId: C1A_MEDIATOR.userId }, ctx(actors.director('C1A'))],
  ]);
}

export function seedAwaitingConsent(): Case {
  return run(seedAccepted(), [[{ type: 'invite_respondent' }, ctx(C1A_MEDIATOR)]]);
}

export function seedInMediation(): Case {
  return run(seedAwaitingConsent(), [[{ type: 'respondent_reply', partyId: 'p2', reply: 'agree' }, ctx(actors.respondent)]]);
}

export function seedScheduled(): Case {
  return run(seedInMediation(), [[{ type: 'schedule_session', at: '2026-03-05T02:00:00.000Z', mode: 'on_site', roomId: 'room-1' }, ctx(C1A_MEDIATOR)]]);
}

export function seedAgreementPending(content = agreementContent()): Case {
  return run(seedInMediation(), [[{ type: 'draft_agreement', content }, ctx(C1A_MEDIATOR)]]);
}

export function seedPerforming(): Case {
  const pending = seedAgreementPending();
  if (pending.status !== 'agreement_pending') throw new Error('unreachable');
  const hash = pending.agreement.hash;
  return run(pending, [
    [{ type: 'confirm_agreement', partyId: 'p1', hash, method: 'electronic' }, ctx(actors.resident)],
    [{ type: 'confirm_agreement', partyId: 'p2', hash, method: 'electronic' }, ctx(actors.respondent)],
    [{ type: 'sign_agreement', hash }, ctx(C1A_MEDIATOR)],
    [{ type: 'seal_agreement', hash }, ctx(actors.director('C1A'))],
  ]);
}

export const mediatorC1A = C1A_MEDIATOR;
