// What the filing wizard and the case page need to know about the organisations: names, levels, communities,
// addresses, phones and opening hours. Public information, no personal data; one call, cached per instance.
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadDirectory } from '../cases/org-cache';
import type { DirectoryView } from './org.types';

export async function directory(_input: unknown, ctx: RequestContext<ServerDeps>): Promise<DirectoryView> {
  const dir = await loadDirectory(ctx.deps.db);
  const orgs = [...dir.orgs.values()];
  return {
    communities: [...dir.communities.values()].map((c) => {
      const committee = orgs.find((o) => o.level === 'community' && o.kind === 'general' && o.communityIds.includes(c.id));
      return { id: c.id, name: c.name, streetOrgId: c.streetOrgId, streetName: dir.orgs.get(c.streetOrgId)?.name ?? '', ...(committee ? { committeeOrgId: committee.id } : {}) };
    }),
    orgs: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      level: o.level,
      kind: o.kind,
      ...(o.parentId ? { parentId: o.parentId } : {}),
      categories: o.categories,
      address: o.address,
      phone: o.phone,
    })),
    filing: {
      paperOnlyCategories: [...dir.settings.rules.paperOnlyCategories],
      peopleThresholds: { street: dir.settings.rules.triage.streetPeopleMin, group: dir.settings.rules.triage.groupPeopleMin },
      categories: dir.settings.categories.filing.map((c) => ({ code: c.code, name: c.name, shortName: c.shortName, guidance: c.guidance })),
    },
  };
}
