// Cases with any number of parties on each side, organisations acting through their representative, and agents
// (委托代理人) acting within the powers the party gave them.
import { decide, execute, type Case, type CaseCommand, type DomainContext, type Party } from '../../src/domain';
import { actors, agreementContent, ctx, mediatorC1A as mediator, registerCommand, run, VALID_ID_1, VALID_ID_2 } from './fixtures';

const code = (c: Case | undefined, cmd: CaseCommand, context: DomainContext): string => {
  const r = decide(c, cmd, context);
  return r.ok ? 'OK' : r.error.code;
};
const user = (n: number) => ({ userId: `u-${n}`, roles: ['resident'] }) as DomainContext['actor'];
const staff = actors.staff('C1A');

/** Five applicants (a building's households) against a property company and its agent. */
const GROUP: Party[] = [
  ...[1, 2, 3, 4, 5].map((n): Party => ({ partyId: `p${n}`, role: 'applicant', kind: 'person', name: `业主${n}`, userId: `u-${n}`, account: 'self' })),
  { partyId: 'p6', role: 'respondent', kind: 'organisation', name: '安居物业公司', representative: '王经理', agent: { name: '赵律师', specialPowers: false }, userId: 'u-6', account: 'agent' },
];

function groupInMediation(parties: Party[] = GROUP): Case {
  return run(undefined, [
    [registerCommand({ source: 'walk_in', parties }), ctx(staff)],
    [{ type: 'accept' }, ctx(staff)],
    [{ type: 'assign_mediator', mediatorId: mediator.userId }, ctx(actors.director('C1A'))],
    [{ type: 'invite_respondent' }, ctx(mediator)],
    [{ type: 'respondent_reply', partyId: 'p6', reply: 'agree' }, ctx(user(6))],
  ]);
}

const groupContent = (parties: Party[]) =>
  agreementContent({
    parties: parties.map((p, i) =>
      p.kind === 'organisation'
        ? { partyId: p.partyId, role: p.role, kind: 'organisation' as const, name: p.name, idType: 'credit_code' as const, idNumber: '91310000MA1FL8XQ30', address: '桃园路1号', representative: p.representative }
        : { partyId: p.partyId, role: p.role, kind: 'person' as const, name: p.name, idType: 'resident_id' as const, idNumber: i % 2 ? VALID_ID_2 : VALID_ID_1, address: `桃园社区${i + 1}栋` },
    ),
    performance: [{ itemId: 'i1', obligorPartyId: 'p6', obligeePartyId: 'p1', description: '维修电梯', method: '委托维保单位维修', place: '桃园社区3栋', dueDate: '2026-03-20' }],
  });

describe('several parties on each side', () => {
  it('a group dispute registers five applicants against one organisation', () => {
    const c = groupInMediation();
    expect(c.status).toBe('in_mediation');
    expect(c.parties.filter((p) => p.role === 'applicant')).toHaveLength(5);
    expect(c.parties.find((p) => p.partyId === 'p6')).toMatchObject({ kind: 'organisation', representative: '王经理' });
  });

  it('MoJ 2002 rules: an organisation takes part through its legal representative or principal, who must be named', () => {
    const nameless = GROUP.map((p) => (p.kind === 'organisation' ? { ...p, representative: ' ' } : p));
    expect(code(undefined, registerCommand({ source: 'walk_in', parties: nameless }), ctx(staff))).toBe('REPRESENTATIVE_REQUIRED');
    const agentless = GROUP.map((p) => (p.agent ? { ...p, agent: { name: '', specialPowers: true } } : p));
    expect(code(undefined, registerCommand({ source: 'walk_in', parties: agentless }), ctx(staff))).toBe('AGENT_NAME_REQUIRED');
  });

  it('Art. 17: mediation waits for every respondent; each replies for themself', () => {
    const two: Party[] = [GROUP[0], { ...GROUP[5], agent: undefined, account: 'self' }, { partyId: 'p7', role: 'respondent', kind: 'person', name: '物业员工', userId: 'u-7', account: 'self' }];
    const asked = run(undefined, [
      [registerCommand({ source: 'walk_in', parties: two }), ctx(staff)],
      [{ type: 'accept' }, ctx(staff)],
      [{ type: 'assign_mediator', mediatorId: mediator.userId }, ctx(actors.director('C1A'))],
      [{ type: 'invite_respondent' }, ctx(mediator)],
      [{ type: 'respondent_reply', partyId: 'p6', reply: 'agree' }, ctx(user(6))],
    ]);
    expect(asked.status).toBe('awaiting_consent');
    expect(code(asked, { type: 'respondent_reply', partyId: 'p7', reply: 'agree' }, ctx(user(6)))).toBe('NOT_THE_PARTY');
    const both = run(asked, [[{ type: 'respondent_reply', partyId: 'p7', reply: 'agree' }, ctx(user(7))]]);
    expect(both.status).toBe('in_mediation');
  });

  it('the agreement takes effect only when every one of the six parties has confirmed it', () => {
    let c = run(groupInMediation(GROUP.map((p) => (p.agent ? { ...p, agent: { ...p.agent, specialPowers: true } } : p))), [
      [{ type: 'draft_agreement', content: groupContent(GROUP) }, ctx(mediator)],
    ]);
    if (c.status !== 'agreement_pending') throw new Error(c.status);
    const hash = c.agreement.hash;
    for (const n of [1, 2, 3, 4, 5]) c = run(c, [[{ type: 'confirm_agreement', partyId: `p${n}`, hash, method: 'electronic' }, ctx(user(n))]]);
    expect(code(c, { type: 'sign_agreement', hash }, ctx(mediator))).toBe('OK');
    c = run(c, [[{ type: 'sign_agreement', hash }, ctx(mediator)]]);
    expect(code(c, { type: 'seal_agreement', hash }, ctx(actors.director('C1A')))).toBe('SEAL_TOO_EARLY');
    c = run(c, [[{ type: 'confirm_agreement', partyId: 'p6', hash, method: 'electronic' }, ctx(user(6))]]);
    c = run(c, [[{ type: 'seal_agreement', hash }, ctx(actors.director('C1A'))]]);
    expect(c.status).toBe('performing');
  });
});

describe('agents (委托代理人)', () => {
  it('Civil Procedure Law Art. 62: an agent admits, waives or changes claims only with special authorisation — so confirms no agreement without it', () => {
    const c = run(groupInMediation(), [[{ type: 'draft_agreement', content: groupContent(GROUP) }, ctx(mediator)]]);
    if (c.status !== 'agreement_pending') throw new Error(c.status);
    // The agent's general authority let them agree to mediate (above); confirming the agreement gives claims up.
    expect(code(c, { type: 'confirm_agreement', partyId: 'p6', hash: c.agreement.hash, method: 'electronic' }, ctx(user(6)))).toBe('AGENT_POWERS_REQUIRED');
    const special = { ...c, parties: c.parties.map((p) => (p.agent ? { ...p, agent: { ...p.agent, specialPowers: true } } : p)) } as Case;
    expect(code(special, { type: 'confirm_agreement', partyId: 'p6', hash: c.agreement.hash, method: 'electronic' }, ctx(user(6)))).toBe('OK');
  });

  it('Civil Procedure Law Art. 62: withdrawing an application waives it, so an agent needs special authorisation', () => {
    const viaAgent: Party[] = [
      { partyId: 'p1', role: 'applicant', kind: 'person', name: '张大爷', agent: { name: '张小明', specialPowers: false }, userId: 'u-1', account: 'agent' },
      { partyId: 'p2', role: 'respondent', kind: 'person', name: '李四' },
    ];
    const c = execute(undefined, registerCommand({ source: 'walk_in', parties: viaAgent }), ctx(staff));
    if (!c.ok) throw new Error(c.error.code);
    expect(code(c.state, { type: 'withdraw', partyId: 'p1' }, ctx(user(1)))).toBe('AGENT_POWERS_REQUIRED');
    // The window can still record the applicant's own withdrawal, made in person.
    expect(code(c.state, { type: 'withdraw', partyId: 'p1', reason: '本人到场撤回' }, ctx(staff))).toBe('OK');
  });
});

describe('one of several applicants withdrawing', () => {
  it("People's Mediation Law Art. 23: a party may withdraw — one household leaving a group dispute does not end the others' mediation", () => {
    let c = groupInMediation(GROUP.map((p) => (p.agent ? { ...p, agent: { ...p.agent, specialPowers: true } } : p)));
    c = run(c, [[{ type: 'withdraw', partyId: 'p2', reason: '已与物业私下解决' }, ctx(user(2))]]);
    expect(c.status).toBe('in_mediation');
    expect(c.parties.find((p) => p.partyId === 'p2')?.withdrawnAt).toBeTruthy();
    expect(code(c, { type: 'withdraw', partyId: 'p2' }, ctx(user(2)))).toBe('ALREADY_WITHDRAWN');

    // The agreement is between those still in the case: listing the one who left is refused, and their
    // confirmation is not waited for.
    const stillIn = GROUP.filter((p) => p.partyId !== 'p2');
    expect(code(c, { type: 'draft_agreement', content: groupContent(GROUP) }, ctx(mediator))).toBe('AGREEMENT_INVALID');
    c = run(c, [[{ type: 'draft_agreement', content: groupContent(stillIn) }, ctx(mediator)]]);
    if (c.status !== 'agreement_pending') throw new Error(c.status);
    const hash = c.agreement.hash;
    for (const n of [1, 3, 4, 5, 6]) c = run(c, [[{ type: 'confirm_agreement', partyId: `p${n}`, hash, method: 'electronic' }, ctx(user(n))]]);
    c = run(c, [[{ type: 'sign_agreement', hash }, ctx(mediator)], [{ type: 'seal_agreement', hash }, ctx(actors.director('C1A'))]]);
    expect(c.status).toBe('performing');
  });

  it('the last applicant withdrawing closes the case as withdrawn', () => {
    let c = groupInMediation();
    for (const n of [1, 2, 3, 4]) c = run(c, [[{ type: 'withdraw', partyId: `p${n}` }, ctx(user(n))]]);
    expect(c.status).toBe('in_mediation');
    c = run(c, [[{ type: 'withdraw', partyId: 'p5' }, ctx(user(5))]]);
    expect(c).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
  });
});
