// Registers and documents in cloud storage, made so that one viewer's file never reaches another:
// - the path is random (128 bits) in a folder of the viewer's own, so it cannot be derived from organisation,
//   kind or month, and two viewers — even asking in the same second — never share a file: each file holds
//   exactly what its viewer may see (a supervisor's register is not a director's);
// - the temporary URL in the answer lasts minutes, not the platform's default day (the phone downloads it at once);
// - the file itself expires: the hourly expiry timer deletes it FILE_MINUTES after it was made. Its row in
//   `report_files` (who made what, when) stays as the record of a read of personal data.
// Storage's own rule (schema.ts, STORAGE_RULE) keeps clients from reading files they did not upload by fileID.
import { createHash, randomBytes } from 'node:crypto';
import { queryDocs } from '../kernel/db';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';

type Ctx = RequestContext<ServerDeps>;

export const REPORT_FILES = 'report_files';

export const GENERATED_FILES = {
  /** How long a made file stays in storage (the timer runs hourly, so at most an hour more). */
  fileMinutes: 60,
  /** How long the answer's temporary URL works. */
  tempUrlSeconds: 600,
};

/** A folder per viewer: a hash of their openid (the openid itself never appears in a path or URL). */
export function viewerFolder(openid: string): string {
  return createHash('sha256').update(`generated-files:${openid}`).digest('hex').slice(0, 16);
}

/** `generated/<viewer>/<128 random bits>.<ext>`: unguessable, and never the same for two requests. */
export function generatedPath(openid: string, ext: 'xlsx' | 'docx'): string {
  return `generated/${viewerFolder(openid)}/${randomBytes(16).toString('hex')}.${ext}`;
}

interface FileLog {
  _id: string;
  fileID: string;
  fileState?: 'stored' | 'removed';
}

/** Stores a file made for the caller, logs it with its expiry and answers its fileID and a short-lived URL. */
export async function storeGenerated(ctx: Ctx, ext: 'xlsx' | 'docx', content: Buffer, log: Record<string, unknown>): Promise<{ fileID: string; url?: string }> {
  const { cloud, db } = ctx.deps;
  const up = (await cloud.uploadFile({ cloudPath: generatedPath(ctx.openid, ext), fileContent: content })) as { fileID: string };
  const at = ctx.now.toISOString();
  const expiresAt = new Date(ctx.now.getTime() + GENERATED_FILES.fileMinutes * 60_000).toISOString();
  try {
    await db.collection(REPORT_FILES).add({ data: { ...log, fileID: up.fileID, by: ctx.openid, at, expiresAt, fileState: 'stored' } });
  } catch (e) {
    // A file nobody logged would never expire: take it back.
    try {
      await cloud.deleteFile({ fileList: [up.fileID] });
    } catch {
      // the log failure is the one to report
    }
    throw e;
  }
  let url: string | undefined;
  try {
    const res = (await cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: GENERATED_FILES.tempUrlSeconds }] as never })) as {
      fileList?: Array<{ tempFileURL?: string }>;
    };
    url = res.fileList?.[0]?.tempFileURL || undefined;
  } catch {
    url = undefined;
  }
  return { fileID: up.fileID, ...(url ? { url } : {}) };
}

const PAGE = 50; // deleteFile takes at most 50 fileIDs a call
const MAX_PAGES = 20;

/**
 * Deletes generated files whose time is up (and any logged before files expired), marking their rows removed.
 * A file storage no longer has counts as removed; any other failure is left for the next run.
 */
export async function expireGeneratedFiles(ctx: Ctx): Promise<number> {
  const { cloud, db } = ctx.deps;
  const _ = db.command;
  const now = ctx.now.toISOString();
  let removed = 0;
  for (const where of [{ fileState: 'stored', expiresAt: _.lt(now) }, { fileState: _.exists(false) }]) {
    for (let page = 0; page < MAX_PAGES; page++) {
      const due = await queryDocs<FileLog>(db.collection(REPORT_FILES).where(where).limit(PAGE));
      if (!due.length) break;
      let res: { fileList?: Array<{ fileID: string; status: number; errMsg?: string }> };
      try {
        res = (await cloud.deleteFile({ fileList: due.map((d) => d.fileID) })) as typeof res;
      } catch {
        return removed; // storage unreachable: the next hourly run tries again
      }
      const gone = new Set(
        (res.fileList ?? []).filter((f) => f.status === 0 || /NONEXIST|not exist/i.test(f.errMsg ?? '')).map((f) => f.fileID),
      );
      const done = due.filter((d) => gone.has(d.fileID)).map((d) => d._id);
      if (done.length) {
        await db.collection(REPORT_FILES).where({ _id: _.in(done) }).update({ data: { fileState: 'removed', removedAt: now } });
      }
      removed += done.length;
      // The last page, or rows left for the next run: stop rather than read the same rows again.
      if (done.length < due.length || due.length < PAGE) break;
    }
  }
  return removed;
}
