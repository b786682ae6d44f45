// Invited expert mediators (特邀调解员): a director adds one from the district's pool to a case, removes them,
// and the recusal rules (回避) that hold for the mediator hold for them.
import { decide, type Case, type CaseCommand, type DomainContext } from '../../src/domain';
import { actors, ctx, mediatorC1A as mediator, run, seedAccepted, seedInMediation, seedRegistered } from './fixtures';

const code = (c: Case | undefined, cmd: CaseCommand, context: DomainContext): string => {
  const r = decide(c, cmd, context);
  return r.ok ? 'OK' : r.error.code;
};
const director = actors.director('C1A');
const expert = { userId: 'expert-lawyer', roles: ['expert' as const] };
const add: CaseCommand = { type: 'add_expert', expertId: expert.userId, reason: '涉及工程质量鉴定，请建筑专家参与' };

describe('expert mediators on a case', () => {
  it('the responsible director adds an expert with a reason; the event names who and why', () => {
    const r = decide(seedInMediation(), add, ctx(director));
    expect(r.ok && r.events[0]).toMatchObject({ type: 'expert_added', expertId: 'expert-lawyer', reason: '涉及工程质量鉴定，请建筑专家参与', actor: { userId: director.userId } });
    const c = run(seedInMediation(), [[add, ctx(director)]]);
    expect(c.expertIds).toEqual(['expert-lawyer']);
    expect(c.mediatorId).toBe(mediator.userId);
    expect(c.status).toBe('in_mediation');
  });

  it('only that director, with a reason, for a case under mediation, and once', () => {
    expect(code(seedInMediation(), add, ctx(mediator))).toBe('DIRECTOR_REQUIRED');
    expect(code(seedInMediation(), add, ctx(actors.director('C1B')))).toBe('DIRECTOR_REQUIRED');
    expect(code(seedInMediation(), { ...add, reason: ' ' } as CaseCommand, ctx(director))).toBe('REASON_REQUIRED');
    expect(code(seedRegistered(), add, ctx(director))).toBe('INVALID_TRANSITION');
    const c = run(seedAccepted(), [[add, ctx(director)]]);
    expect(code(c, add, ctx(director))).toBe('EXPERT_ALREADY_ADDED');
    expect(code(seedAccepted(), { ...add, expertId: mediator.userId } as CaseCommand, ctx(director))).toBe('EXPERT_IS_MEDIATOR');
  });

  it('the director removes an expert with a reason', () => {
    const c = run(seedInMediation(), [[add, ctx(director)]]);
    expect(code(c, { type: 'remove_expert', expertId: expert.userId, reason: '' }, ctx(director))).toBe('REASON_REQUIRED');
    expect(code(c, { type: 'remove_expert', expertId: expert.userId, reason: '已出具意见' }, ctx(mediator))).toBe('DIRECTOR_REQUIRED');
    expect(code(c, { type: 'remove_expert', expertId: 'someone-else', reason: '已出具意见' }, ctx(director))).toBe('EXPERT_NOT_ON_CASE');
    const after = run(c, [[{ type: 'remove_expert', expertId: expert.userId, reason: '已出具意见' }, ctx(director)]]);
    expect(after.expertIds).toEqual([]);
    // Removed is not recused: the director may bring them back.
    expect(code(after, add, ctx(director))).toBe('OK');
  });

  it('a party may object to an expert (回避); that expert cannot come back', () => {
    const c = run(seedInMediation(), [[add, ctx(director)], [{ type: 'recuse_expert', expertId: expert.userId, partyId: 'p2', reason: '该专家曾代理申请人的诉讼' }, ctx(actors.respondent)]]);
    expect(c.expertIds).toEqual([]);
    expect(c.recusedExpertIds).toEqual(['expert-lawyer']);
    expect(c.mediatorId).toBe(mediator.userId);
    expect(code(c, add, ctx(director))).toBe('EXPERT_RECUSED');
  });

  it('the expert may withdraw themself; nobody else may withdraw in their name', () => {
    const c = run(seedInMediation(), [[add, ctx(director)]]);
    const self: CaseCommand = { type: 'recuse_expert', expertId: expert.userId, reason: '与被申请人系同事' };
    expect(code(c, self, ctx(actors.stranger))).toBe('NOT_THE_EXPERT');
    expect(code(c, self, ctx(director))).toBe('NOT_THE_EXPERT');
    expect(code(c, { ...self, reason: '' } as CaseCommand, ctx(expert))).toBe('REASON_REQUIRED');
    expect(run(c, [[self, ctx(expert)]]).recusedExpertIds).toEqual(['expert-lawyer']);
    expect(code(c, { ...self, partyId: 'p2' } as CaseCommand, ctx(actors.stranger))).toBe('NOT_THE_PARTY');
    expect(code(seedInMediation(), self, ctx(expert))).toBe('EXPERT_NOT_ON_CASE');
  });
});
