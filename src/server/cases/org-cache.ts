// The organisation tree, read once per warm instance and kept briefly: it changes rarely and nearly every
// case action needs it, so this saves a database round trip on most calls. The deployment's rules and calendar
// (src/server/setup/settings.ts, cached alike) come with it, since every decision needs both.
import type { Org, OrgTree } from '../../domain/org/tree';
import { readAllPages } from '../kernel/db';
import type { Database } from '../kernel/platform';
import { forgetSettings, loadSettings, type DeploymentSettings } from '../setup/index';

const TTL_MS = 60_000;

export interface Court {
  name: string;
  address: string;
  phone: string;
}

export interface OrgInfo extends Org {
  phone: string;
  address: string;
  /** The court for judicial confirmation where the organisation is, when the deployment names it here. */
  court?: Court;
}

export interface Community {
  id: string;
  name: string;
  streetOrgId: string;
}

export interface Directory {
  tree: OrgTree;
  orgs: Map<string, OrgInfo>;
  communities: Map<string, Community>;
  /** The deployment's rules and working-day calendar, passed to the domain (never the shipped defaults directly). */
  settings: DeploymentSettings;
}

let cached: { at: number; db: Database; dir: Directory } | undefined;

export async function loadDirectory(db: Database, nowMs = Date.now()): Promise<Directory> {
  if (cached && cached.db === db && nowMs - cached.at < TTL_MS) return cached.dir;
  const [orgRes, comRes, settings] = await Promise.all([
    // Thousands of communities are expected: read past CloudBase's 1,000 per call, in `_id` order.
    readAllPages<Record<string, any>>((skip, limit) => db.collection('orgs').orderBy('_id', 'asc').skip(skip).limit(limit)),
    readAllPages<Record<string, any>>((skip, limit) => db.collection('communities').orderBy('_id', 'asc').skip(skip).limit(limit)),
    loadSettings(db, nowMs),
  ]);
  const orgs = new Map<string, OrgInfo>(
    orgRes.map((o) => [
      o._id,
      {
        id: o._id,
        name: o.name,
        level: o.level,
        kind: o.kind,
        ...(o.parentId ? { parentId: o.parentId } : {}),
        communityIds: o.communityIds ?? [],
        categories: o.categories ?? [],
        phone: o.phone ?? '',
        address: o.address ?? '',
        ...(o.court ? { court: { name: o.court.name, address: o.court.address, phone: o.court.phone } } : {}),
      },
    ]),
  );
  const communities = new Map<string, Community>(comRes.map((c) => [c._id, { id: c._id, name: c.name, streetOrgId: c.streetOrgId }]));
  const dir = { tree: { orgs: [...orgs.values()] }, orgs, communities, settings };
  cached = { at: nowMs, db, dir };
  return dir;
}

/** Tests and the deployment loader call this after changing the tree. */
export function forgetDirectory(): void {
  cached = undefined;
  forgetSettings();
}

export function orgName(dir: Directory, orgId: string | undefined): string {
  return (orgId && dir.orgs.get(orgId)?.name) || '未知组织';
}

/**
 * The court the parties apply to for judicial confirmation (Art. 33: the basic court where the mediation
 * organisation is): the organisation's own, else the nearest one named above it (a district's court serves the
 * committees under it). Undefined when the deployment names none.
 */
export function courtFor(dir: Directory, orgId: string): Court | undefined {
  for (let o = dir.orgs.get(orgId), hops = 0; o && hops < 10; o = o.parentId ? dir.orgs.get(o.parentId) : undefined, hops++) {
    if (o.court) return o.court;
  }
  return undefined;
}
