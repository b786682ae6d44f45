// The district's pool of invited expert mediators (特邀调解员 / 专家库: lawyers, retired judges, engineers,
// doctors, counsellors — seed 001). It is kept by the top organisation of the deployment: its directors add,
// edit and withdraw experts and invite each one's WeChat account (org.inviteStaff, role `expert`); every
// director reads it (to add an expert to a case they work) and so do supervisors. The phone number is sealed like
// a party's (kernel/pii.ts) and answered masked; the full number only through `revealExpertPhone`, and every
// change and every such read goes into the top organisation's staff chain (staff-audit.ts) in the same transaction.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ExpertListInput, RevealExpertPhoneInput, SaveExpertInput } from './schemas';
import type { Expert, ExpertList } from './org.types';
import { maskMobile } from '../../domain/personal/mask';
import { getDoc, readAllPages } from '../kernel/db';
import { getDocJoined, type JoinSpec } from '../kernel/joined-read';
import { AppError } from '../kernel/errors';
import type { ServerDeps } from '../kernel/function';
import type { Database } from '../kernel/platform';
import type { RequestContext } from '../kernel/route';
import { CONFLICT, DuplicateWrite, transact, type CasWrite } from '../kernel/unit-of-work';
import { sealedAt } from '../kernel/pii';
import { callerOf, loadCaller, type Caller } from '../cases/caller';
import { loadDirectory, type Directory } from '../cases/org-cache';
import { hashPayload, loadCaseToRead, requestKey, retryOnLostRace } from '../cases/store';
import { asResponsibleStaff } from '../cases/steps';
import { loadStaffHeadIn, staffChainChange } from './staff-audit';
import { EXPERTS } from './collections';

export { EXPERTS };
/** One document per `org.revealExpertPhone` request answered (fixed id from the request): a replay logs nothing twice. */
export const EXPERT_REQUESTS = 'expert_requests';

type Ctx = RequestContext<ServerDeps>;

export interface ExpertDoc {
  _id: string;
  version?: number;
  orgId: string;
  name: string;
  field: string;
  affiliation: string;
  mobileSealed: string;
  mobileMasked: string;
  active: boolean;
  /**
   * The WeChat account that redeemed the expert's invitation code, as the readers here answer it (`expertById`,
   * `expertsWithAccounts`: see `EXPERT_LINK`). Stored only on entries linked before the link moved to the account.
   */
  userId: string | null;
  createdAt: string;
  updatedAt: string;
  /** The recent `org.saveExpert` requests that changed the entry: a replay changes nothing twice. */
  requests?: Array<{ key: string; payloadHash: string }>;
}

/**
 * Where the link between a pool entry and the account that redeemed its code is kept: on the account's own record
 * (`users.expertOf`: the entry's id, with `expertSince`), written by org.joinStaff in the write of that record it
 * makes anyway, so redeeming an expert's code writes nothing else for it. Entries linked before that name the
 * account themselves (`userId`). Readers join the accounts to the entries in the same request as the entries; an
 * entry two accounts redeemed codes for (two codes issued before either was used) is linked to the later one, as
 * when the entry itself was rewritten.
 */
export const EXPERT_LINK = 'expertOf';

interface LinkedAccount {
  _id: string;
  expertSince?: string;
}

const ACCOUNTS = '__accounts';

/** The entry as linked: to the latest of the accounts naming it, else to the account the entry names itself. */
function linkedTo(doc: ExpertDoc, accounts: readonly LinkedAccount[] | undefined): ExpertDoc {
  const latest = [...(accounts ?? [])].sort((a, b) => (b.expertSince ?? '').localeCompare(a.expertSince ?? ''))[0];
  return { ...doc, userId: latest?._id ?? doc.userId ?? null };
}

function withAccount({ [ACCOUNTS]: accounts, ...doc }: ExpertDoc & { [ACCOUNTS]?: LinkedAccount[] }): ExpertDoc {
  return linkedTo(doc, accounts);
}

/** Pool entries a query picks (by `_id`), each with its linked account: one request. */
export async function expertsWithAccounts(db: Database, where: Record<string, unknown>, page: { skip?: number; limit: number }): Promise<ExpertDoc[]> {
  let agg = (db.collection(EXPERTS) as any).aggregate().match(where).sort({ _id: 1 });
  if (page.skip) agg = agg.skip(page.skip);
  const res = (await agg.limit(page.limit).lookup({ from: 'users', localField: '_id', foreignField: EXPERT_LINK, as: ACCOUNTS }).end()) as { list?: Array<ExpertDoc & { [ACCOUNTS]?: LinkedAccount[] }> };
  return (res.list ?? []).map(withAccount);
}

/** One pool entry with its linked account (undefined when there is none): one request. */
export async function expertById(db: Database, expertId: string): Promise<ExpertDoc | undefined> {
  return (await expertsWithAccounts(db, { _id: expertId }, { limit: 1 }))[0];
}

/** The organisation keeping the pool: the top of the deployment's tree (the district centre). */
export function poolOrgId(dir: Directory): string {
  const top = dir.tree.orgs.find((o) => !o.parentId);
  if (!top) throw new AppError('INTERNAL', '部署中没有顶层调解组织');
  return top.id;
}

export function mayEditPool(caller: Caller, dir: Directory): boolean {
  const top = poolOrgId(dir);
  return caller.roles.some((g) => g.role === 'director' && g.orgId === top);
}

/** Who may add an expert to a case: the refusals of case.addExpert (src/server/case/experts.ts), word for word. */
const asCaseDirector = asResponsibleStaff(['director'], '只有负责本案的调委会主任可以邀请或撤回特邀专家');

function mayReadPool(caller: Caller): boolean {
  return caller.roles.some((g) => g.role === 'director' || g.role === 'supervisor');
}

export function expertView(d: ExpertDoc): Expert {
  return { expertId: d._id, name: d.name, field: d.field, affiliation: d.affiliation, mobileMasked: d.mobileMasked, active: d.active, joined: Boolean(d.userId) };
}

export async function listExperts(input: z.infer<typeof ExpertListInput>, ctx: Ctx): Promise<ExpertList> {
  const { db } = ctx.deps;
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  if (!mayReadPool(caller)) throw AppError.of('FORBIDDEN');
  const orgId = poolOrgId(dir);
  const [docs, caseDoc] = await Promise.all([
    readAllPages<ExpertDoc>((skip, limit) => ({ get: async () => ({ data: await expertsWithAccounts(db, { orgId }, { skip, limit }) }) })),
    input.caseId ? loadCaseToRead(db, input.caseId) : Promise.resolve(undefined),
  ]);
  // `caseId` is for the director choosing an expert to add to that case (case.addExpert): who is on it and who was
  // recused from it is answered to whom that step would let add one, and refused to anyone else as that step refuses
  // them (NOT_FOUND without access to the case, FORBIDDEN to a supervisor or mediator reading it, NOT_RESPONSIBLE_ORG
  // to a director above it). The pool itself needs no case.
  if (input.caseId) {
    if (!caseDoc) throw AppError.of('NOT_FOUND');
    asCaseDirector(caller, caseDoc, dir);
  }
  const on = new Set(caseDoc?.case.expertIds ?? []);
  const recused = new Set(caseDoc?.case.recusedExpertIds ?? []);
  return {
    orgId,
    orgName: dir.orgs.get(orgId)?.name ?? '',
    mayEdit: mayEditPool(caller, dir),
    items: docs
      .filter((d) => input.includeInactive || d.active)
      .map((d) => ({
        ...expertView(d),
        ...(caseDoc && d.userId ? { onCase: on.has(d.userId), recused: recused.has(d.userId) } : {}),
      })),
  };
}

/** How many recent request ids an expert entry remembers (a client retry comes within seconds). */
const REMEMBERED_REQUESTS = 10;

/** Adds an expert to the pool, or edits one (and withdraws or restores them with `active`). */
// One transaction reads the entry and the staff chain's head and writes both with the chain's entry: the entry
// remembers the requests that changed it (as a case does), so a replay answers the entry as it stands and changes
// nothing twice, with no request document of its own. A new entry's id comes from the request: its replay meets it.
export async function saveExpert(input: z.infer<typeof SaveExpertInput>, ctx: Ctx): Promise<Expert> {
  const { db, pii, audit } = ctx.deps;
  // The caller's record, with the accounts linked to an existing entry (for the answer's `joined`), in one request.
  const [read, dir] = await Promise.all([
    getDocJoined<{ name?: string; roles?: Caller['roles'] }, 'linked'>(
      db,
      'users',
      ctx.openid,
      (input.expertId ? { linked: { from: 'users', where: { [EXPERT_LINK]: input.expertId }, limit: 10, fields: ['_id', 'expertSince'] } } : {}) as Record<'linked', JoinSpec>,
    ),
    loadDirectory(db),
  ]);
  const caller = callerOf(ctx.openid, read?.doc);
  if (!mayEditPool(caller, dir)) throw AppError.of('FORBIDDEN');
  const linked = read?.joined.linked as LinkedAccount[] | undefined;
  const orgId = poolOrgId(dir);
  const key = requestKey(ctx.openid, `${ctx.fn}.${ctx.action}`, ctx.requestId!);
  const payloadHash = hashPayload(input);
  const newId = `x${createHash('sha256').update(`${ctx.openid}\u0000expert\u0000${ctx.requestId}`).digest('hex').slice(0, 16)}`;
  const expertId = input.expertId ?? newId;
  return retryOnLostRace(() =>
    transact(db, async (tx) => {
      const [existing, head] = await Promise.all([tx.get<ExpertDoc>(EXPERTS, expertId), loadStaffHeadIn(tx, orgId)]);
      const seen = existing?.requests?.find((r) => r.key === key);
      if (seen) {
        if (seen.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
        return expertView(linkedTo(existing!, linked));
      }
      if (input.expertId && (!existing || existing.orgId !== orgId)) throw new AppError('NOT_FOUND', '没有找到该专家');
      if (!existing && !input.mobile) throw new AppError('EXPERT_MOBILE_REQUIRED', '请填写专家的手机号', { mobile: '请填写 11 位手机号' });
      const now = ctx.now.toISOString();
      const { _id, version, ...rest } = existing ?? ({} as ExpertDoc);
      const data: Omit<ExpertDoc, '_id' | 'version'> = {
        ...(existing ? rest : { orgId, userId: null, createdAt: now }),
        orgId,
        name: input.name,
        field: input.field,
        affiliation: input.affiliation,
        active: input.active,
        mobileSealed: input.mobile ? pii.encrypt(input.mobile, sealedAt.expertMobile(expertId)) : existing!.mobileSealed,
        mobileMasked: input.mobile ? maskMobile(input.mobile) : existing!.mobileMasked,
        updatedAt: now,
        requests: [...(existing?.requests ?? []), { key, payloadHash }].slice(-REMEMBERED_REQUESTS),
      } as Omit<ExpertDoc, '_id' | 'version'>;
      const chained = await staffChainChange(db, audit, head, {
        orgId,
        at: now,
        type: 'expert_saved',
        role: 'expert',
        subject: expertId,
        actor: ctx.openid,
        dataDigest: audit.digest({ name: input.name, field: input.field, affiliation: input.affiliation, active: input.active, mobileChanged: Boolean(input.mobile) }),
      });
      const write: CasWrite = { collection: EXPERTS, id: expertId, expectVersion: existing ? version ?? 0 : null, data: data as unknown as Record<string, unknown> };
      await tx.commit({ writes: [write, chained.write], inserts: [chained.insert] });
      return expertView(linkedTo({ _id: expertId, ...data } as ExpertDoc, linked));
    }),
  );
}

/**
 * The full number, to call the expert: directors of the pool's organisation only, each read in the chain. One
 * transaction reads the entry and the chain's head; the request's document (fixed id from the request) is inserted
 * with the chain's entry, so a replay fails on it as a duplicate and is answered the number again without a second entry in the chain.
 */
export async function revealExpertPhone(input: z.infer<typeof RevealExpertPhoneInput>, ctx: Ctx): Promise<{ expertId: string; mobile: string }> {
  const { db, pii, audit } = ctx.deps;
  const [caller, dir] = await Promise.all([loadCaller(db, ctx.openid), loadDirectory(db)]);
  if (!mayEditPool(caller, dir)) throw AppError.of('FORBIDDEN');
  const orgId = poolOrgId(dir);
  const key = requestKey(ctx.openid, `${ctx.fn}.${ctx.action}`, ctx.requestId!);
  const payloadHash = hashPayload(input);
  const open = (d: ExpertDoc) => ({ expertId: d._id, mobile: pii.decrypt(d.mobileSealed, sealedAt.expertMobile(d._id)) });
  const inPool = (doc: ExpertDoc | undefined): ExpertDoc => {
    if (!doc || doc.orgId !== orgId) throw new AppError('NOT_FOUND', '没有找到该专家');
    return doc;
  };
  return retryOnLostRace(async () => {
    const answered = await transact(db, async (tx) => {
      const [found, head] = await Promise.all([tx.get<ExpertDoc>(EXPERTS, input.expertId), loadStaffHeadIn(tx, orgId)]);
      const doc = inPool(found);
      const chained = await staffChainChange(db, audit, head, {
        orgId,
        at: ctx.now.toISOString(),
        type: 'expert_contact_revealed',
        role: 'expert',
        subject: doc._id,
        actor: ctx.openid,
        dataDigest: audit.digest({ expertId: doc._id }),
      });
      try {
        await tx.commit({ writes: [chained.write], inserts: [chained.insert, { collection: EXPERT_REQUESTS, id: key, data: { payloadHash, at: ctx.now.toISOString(), by: ctx.openid } }] });
      } catch (e) {
        if (e instanceof DuplicateWrite) return undefined;
        throw e;
      }
      return open(doc);
    });
    if (answered) return answered;
    // An insert met an existing document: this request was answered before (or the chain moved: run again).
    const earlier = await getDoc<{ payloadHash: string }>(db, EXPERT_REQUESTS, key);
    if (!earlier) throw CONFLICT();
    if (earlier.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
    return open(inPool(await getDoc<ExpertDoc>(db, EXPERTS, input.expertId)));
  });
}
