// What the report actions share: the current reporting month and the names of the staff a report names.
import { chinaDateOf } from '../../domain/shared/time';
import type { Database } from '../kernel/platform';

export function currentMonth(now: Date): string {
  return chinaDateOf(now.toISOString()).slice(0, 7);
}

/** Display names of staff (users collection), by openid. */
export async function staffNames(db: Database, ids: Array<string | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const names = new Map<string, string>();
  const _ = db.command;
  for (let i = 0; i < wanted.length; i += 100) {
    const res = (await db.collection('users').where({ _id: _.in(wanted.slice(i, i + 100)) }).limit(100).get()) as { data: Array<{ _id: string; name?: string }> };
    for (const u of res.data) if (u.name) names.set(u._id, u.name);
  }
  return names;
}
