// Where staff upload the scan of the paper a party signed (marriage, adoption, inheritance): a path the server
// issues for one case and one party, with a random part, kept on the case until it is used or expires.
// `agreement.uploadScan` takes only a file directly under such a path. Without it, any fileID already in
// storage — another case's scan, a resident's evidence photo — could stand as a party's signature.
import { randomBytes } from 'node:crypto';
import { paperConfirmationProblem } from '../../domain/case/decide-agreement';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { serverStep } from '../cases/server-step';
import type { CaseDoc } from '../cases/store';
import { asStaff, domainContext } from '../cases/steps';
import type { ScanPath } from './agreement.types';

type Ctx = RequestContext<ServerDeps>;

/** Long enough to scan and upload at the desk, short enough that a stale path is not lying about. */
export const SCAN_PATH_HOURS = 24;
const ROOT = 'agreement-scans';
/** Paths kept per case; older unused ones drop off. */
const KEPT = 10;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface IssuedScanPath {
  partyId: string;
  prefix: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
}

type ScanDoc = CaseDoc & { scanPaths?: IssuedScanPath[] };

const live = (doc: CaseDoc, nowIso: string) => ((doc as ScanDoc).scanPaths ?? []).filter((p) => p.expiresAt > nowIso);

export async function issueScanPath(input: { caseId: string; partyId: string }, ctx: Ctx): Promise<ScanPath> {
  const now = ctx.now.toISOString();
  const { result } = await serverStep(ctx, input.caseId, input, asStaff(['director', 'mediator', 'intake']), ({ doc, dir, who }) => {
    const problem = paperConfirmationProblem(doc.case, input.partyId, domainContext(who.actor, dir, ctx.now));
    if (problem) throw new AppError(problem.code, problem.message);
    const prefix = `${ROOT}/${doc._id}/${input.partyId}/${randomBytes(16).toString('hex')}/`;
    const expiresAt = new Date(ctx.now.getTime() + SCAN_PATH_HOURS * 3600_000).toISOString();
    const issued: IssuedScanPath = { partyId: input.partyId, prefix, issuedBy: ctx.openid, issuedAt: now, expiresAt };
    return {
      audit: [{ type: 'scan_path_issued', data: { partyId: input.partyId } }],
      fields: { scanPaths: [...live(doc, now), issued].slice(-KEPT) },
      result: { caseId: doc._id, partyId: input.partyId, prefix, cloudPath: `${prefix}scan.jpg`, expiresAt },
    };
  });
  return result;
}

/** The storage path inside a fileID (`cloud://<env>.<bucket>/<path>`), or undefined. */
function storagePathOf(fileId: string): string | undefined {
  return /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)?.[1];
}

/** The unexpired path issued for this case and party that `fileId` lies directly under, if any. */
export function issuedPathFor(doc: CaseDoc, partyId: string, fileId: string, nowIso: string): IssuedScanPath | undefined {
  const path = storagePathOf(fileId);
  if (!path) return undefined;
  return live(doc, nowIso).find((p) => p.partyId === partyId && path.startsWith(p.prefix) && FILE_NAME.test(path.slice(p.prefix.length)));
}

/** The case's issued paths once `used` is spent (each path records one signature). */
export function withoutPath(doc: CaseDoc, used: IssuedScanPath, nowIso: string): IssuedScanPath[] {
  return live(doc, nowIso).filter((p) => p.prefix !== used.prefix);
}
