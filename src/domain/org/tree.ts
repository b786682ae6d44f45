/**
 * The three-level network (三级调解网络) and the specialised committees beside it, as plain data.
 * The use-case layer loads it; the domain only reads it.
 */
export type OrgLevel = 'district' | 'street' | 'community';

/** `general`: district centre, street/township centre, community/village committee.
 *  `specialised`: an industry or professional committee (行业性、专业性调委会). */
export type OrgKind = 'general' | 'specialised';

export interface Org {
  id: string;
  name: string;
  level: OrgLevel;
  kind: OrgKind;
  /** Absent only for the district centre. */
  parentId?: string;
  /** Communities (社区/村) this organisation serves. The district centre may leave it empty: it serves all. */
  communityIds: string[];
  /** Dispute categories it takes; empty means every category (the usual case for general organisations). */
  categories: string[];
}

export interface OrgTree {
  orgs: Org[];
}

export const LEVEL_RANK: Record<OrgLevel, number> = { community: 0, street: 1, district: 2 };

export const LEVEL_LABEL: Record<OrgLevel, string> = {
  district: '区级',
  street: '街道（乡镇）级',
  community: '社区（村）级',
};

export function findOrg(tree: OrgTree, orgId: string): Org | undefined {
  return tree.orgs.find((o) => o.id === orgId);
}

/** The organisation itself, then its parent, up to the root. Stops on a cycle rather than looping. */
export function parentChain(tree: OrgTree, orgId: string): Org[] {
  const chain: Org[] = [];
  const seen = new Set<string>();
  let current = findOrg(tree, orgId);
  while (current && !seen.has(current.id)) {
    chain.push(current);
    seen.add(current.id);
    current = current.parentId ? findOrg(tree, current.parentId) : undefined;
  }
  return chain;
}

export function parentOf(tree: OrgTree, orgId: string): Org | undefined {
  const org = findOrg(tree, orgId);
  return org?.parentId ? findOrg(tree, org.parentId) : undefined;
}

export function rootOrg(tree: OrgTree): Org | undefined {
  return tree.orgs.find((o) => !o.parentId);
}

/**
 * The lowest organisation that is `a` or an ancestor of `a` and also `b` or an ancestor of `b`.
 * When one is the parent of the other, the parent is the answer: it is the one that must decide.
 */
export function lowestCommonParent(tree: OrgTree, a: string, b: string): Org | undefined {
  const aChain = parentChain(tree, a).map((o) => o.id);
  return parentChain(tree, b).find((o) => aChain.includes(o.id));
}

/** The organisation and everything below it. */
export function subtree(tree: OrgTree, orgId: string): Org[] {
  const root = findOrg(tree, orgId);
  if (!root) return [];
  const result: Org[] = [root];
  for (let i = 0; i < result.length; i += 1) {
    const id = result[i].id;
    for (const o of tree.orgs) if (o.parentId === id && !result.includes(o)) result.push(o);
  }
  return result;
}

export function isInSubtree(tree: OrgTree, ancestorId: string, orgId: string): boolean {
  return parentChain(tree, orgId).some((o) => o.id === ancestorId);
}

function serves(org: Org, communityId: string): boolean {
  return org.communityIds.length === 0 ? org.level === 'district' : org.communityIds.includes(communityId);
}

function takes(org: Org, category: string | undefined): boolean {
  return org.categories.length === 0 || (category !== undefined && org.categories.includes(category));
}

/** The general organisation of a level whose area includes the community. */
export function generalOrgFor(tree: OrgTree, communityId: string, level: OrgLevel): Org | undefined {
  return tree.orgs.find((o) => o.kind === 'general' && o.level === level && serves(o, communityId));
}

/**
 * A specialised committee that serves every one of the communities for this category, lowest level
 * first (a street's labour committee before the district's).
 */
export function specialisedOrgFor(tree: OrgTree, communityIds: string[], category: string): Org | undefined {
  return tree.orgs
    .filter((o) => o.kind === 'specialised' && o.categories.includes(category))
    .filter((o) => communityIds.every((c) => serves(o, c)))
    .sort((x, y) => LEVEL_RANK[x.level] - LEVEL_RANK[y.level])[0];
}

/** Which organisation serves a community for a category: a specialised committee if one does, else the community committee. */
export function orgServing(tree: OrgTree, communityId: string, category: string): Org | undefined {
  return (
    specialisedOrgFor(tree, [communityId], category) ??
    tree.orgs.find((o) => o.kind === 'general' && o.level === 'community' && serves(o, communityId) && takes(o, category))
  );
}
