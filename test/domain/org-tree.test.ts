import { lowestCommonParent, orgServing, orgsWithReadAccess, parentChain, subtree, followingOrgs } from '../../src/domain';
import { TREE, actors, ctx, registerCommand, run } from './fixtures';

describe('organisation tree', () => {
  it('parent chain runs from the organisation up to the district centre', () => {
    expect(parentChain(TREE, 'C1A').map((o) => o.id)).toEqual(['C1A', 'S1', 'D']);
    expect(parentChain(TREE, 'nope')).toEqual([]);
  });

  it('stops on a cycle in bad data instead of looping forever', () => {
    const cyclic = { orgs: [{ id: 'A', name: 'A', level: 'street' as const, kind: 'general' as const, parentId: 'B', communityIds: [], categories: [] }, { id: 'B', name: 'B', level: 'street' as const, kind: 'general' as const, parentId: 'A', communityIds: [], categories: [] }] };
    expect(parentChain(cyclic, 'A').map((o) => o.id)).toEqual(['A', 'B']);
  });

  it.each([
    ['C1A', 'C1B', 'S1'],
    ['C1A', 'C2A', 'D'],
    ['S1', 'C1B', 'S1'],
    ['C1A', 'LAB', 'D'],
    ['PRP', 'C1A', 'C1A'],
  ])('lowest common parent of %s and %s is %s', (a, b, expected) => {
    expect(lowestCommonParent(TREE, a, b)?.id).toBe(expected);
  });

  it('subtree holds the organisation and everything below it', () => {
    expect(subtree(TREE, 'S1').map((o) => o.id).sort()).toEqual(['C1A', 'C1B', 'PRP', 'S1', 'TRF']);
  });

  it('finds who serves a community for a category', () => {
    expect(orgServing(TREE, 'c1a', 'property')?.id).toBe('PRP');
    expect(orgServing(TREE, 'c1b', 'traffic')?.id).toBe('TRF');
    expect(orgServing(TREE, 'c2a', 'labour')?.id).toBe('LAB');
    expect(orgServing(TREE, 'c2a', 'neighbourhood')?.id).toBe('C2A');
  });
});

describe('follow-up duty and read access', () => {
  it('after a transfer is accepted the first-inquiry organisation keeps following the case, and the supervisors above both can read it', () => {
    const c = run(undefined, [
      [registerCommand({ source: 'walk_in', firstInquiryOrgId: 'S2' }), ctx(actors.staff('S2'))],
      [{ type: 'transfer', toOrgId: 'C1A', reason: '属地', consentToShare: true }, ctx(actors.staff('S2'))],
      [{ type: 'accept_transfer' }, ctx(actors.staff('C1A'))],
    ]);
    expect(followingOrgs(c)).toEqual(['S2']);
    expect(orgsWithReadAccess(c, TREE).sort()).toEqual(['C1A', 'D', 'S1', 'S2']);
  });

  it('while transferring, the receiver can read what it is asked to accept; a sibling cannot', () => {
    const c = run(undefined, [
      [registerCommand({ source: 'walk_in', firstInquiryOrgId: 'S2' }), ctx(actors.staff('S2'))],
      [{ type: 'transfer', toOrgId: 'C1A', reason: '属地', consentToShare: true }, ctx(actors.staff('S2'))],
    ]);
    expect(orgsWithReadAccess(c, TREE)).toContain('C1A');
    expect(orgsWithReadAccess(c, TREE)).not.toContain('C1B');
  });
});
