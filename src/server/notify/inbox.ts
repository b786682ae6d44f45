// The in-app inbox: every notice the relay handled for the caller, newest first, with the unread count —
// one call loads the screen. Marking read is idempotent (already-read entries keep their first time).
import type { z } from 'zod';
import { queryDocs } from '../kernel/db';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { INBOX, type InboxDoc } from './relay';
import type { InboxInput, MarkReadInput } from '../user/schemas';
import type { InboxPage, MarkReadAnswer } from '../user/user.types';

export type { InboxItem } from '../user/user.types';

type Ctx = RequestContext<ServerDeps>;

async function unreadCount(ctx: Ctx): Promise<number> {
  const res = (await ctx.deps.db.collection(INBOX).where({ openid: ctx.openid, readAt: null }).count()) as { total?: number };
  return res.total ?? 0;
}

export async function inbox(input: z.infer<typeof InboxInput>, ctx: Ctx): Promise<InboxPage> {
  const { db } = ctx.deps;
  const [docs, unread] = await Promise.all([
    queryDocs<InboxDoc>(
      db
        .collection(INBOX)
        .where({ openid: ctx.openid })
        .orderBy('at', 'desc')
        .orderBy('_id', 'desc')
        .skip(input.page * input.pageSize)
        .limit(input.pageSize + 1),
    ),
    unreadCount(ctx),
  ]);
  const items = docs.slice(0, input.pageSize).map((d) => ({
    id: d._id,
    caseId: d.caseId,
    caseNo: d.caseNo,
    title: d.title,
    phrase: d.phrase,
    message: d.message,
    at: d.at,
    read: Boolean(d.readAt),
  }));
  return { items, unread, hasMore: docs.length > input.pageSize };
}

export async function markRead(input: z.infer<typeof MarkReadInput>, ctx: Ctx): Promise<MarkReadAnswer> {
  const { db } = ctx.deps;
  const _ = db.command;
  // Only the caller's own entries, and only those still unread.
  const where = 'ids' in input ? { openid: ctx.openid, readAt: null, _id: _.in(input.ids) } : { openid: ctx.openid, readAt: null };
  const res = (await db.collection(INBOX).where(where).update({ data: { readAt: ctx.now.toISOString() } })) as { stats?: { updated?: number } };
  return { marked: res.stats?.updated ?? 0, unread: await unreadCount(ctx) };
}
