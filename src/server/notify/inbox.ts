// The in-app inbox: every notice the relay handled for the caller, newest first, with the unread count —
// one call loads the screen. Marking read is idempotent (already-read entries keep their first time).
import { z } from 'zod';
import { queryDocs } from '../kernel/db';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { INBOX, type InboxDoc } from './relay';

type Ctx = RequestContext<ServerDeps>;

export const InboxInput = z.strictObject({
  page: z.number().int().min(0).max(1000).default(0),
  pageSize: z.number().int().min(1).max(50).default(20),
});

export const MarkReadInput = z.union([
  z.strictObject({ ids: z.array(z.string().regex(/^[0-9a-f]{32}$/, '消息编号无效')).min(1).max(50) }),
  z.strictObject({ all: z.literal(true) }),
]);

export interface InboxItem {
  id: string;
  caseId: string;
  caseNo: string;
  title: string;
  phrase: string;
  message: string;
  at: string;
  read: boolean;
}

async function unreadCount(ctx: Ctx): Promise<number> {
  const res = (await ctx.deps.db.collection(INBOX).where({ openid: ctx.openid, readAt: null }).count()) as { total?: number };
  return res.total ?? 0;
}

export async function inbox(input: z.infer<typeof InboxInput>, ctx: Ctx): Promise<{ items: InboxItem[]; unread: number; hasMore: boolean }> {
  const { db } = ctx.deps;
  const [docs, unread] = await Promise.all([
    queryDocs<InboxDoc>(
      db
        .collection(INBOX)
        .where({ openid: ctx.openid })
        .orderBy('at', 'desc')
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

export async function markRead(input: z.infer<typeof MarkReadInput>, ctx: Ctx): Promise<{ marked: number; unread: number }> {
  const { db } = ctx.deps;
  const _ = db.command;
  // Only the caller's own entries, and only those still unread.
  const where = 'ids' in input ? { openid: ctx.openid, readAt: null, _id: _.in(input.ids) } : { openid: ctx.openid, readAt: null };
  const res = (await db.collection(INBOX).where(where).update({ data: { readAt: ctx.now.toISOString() } })) as { stats?: { updated?: number } };
  return { marked: res.stats?.updated ?? 0, unread: await unreadCount(ctx) };
}
