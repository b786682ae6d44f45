// A resident's rights over their personal information (PIPL): a copy of everything held about them, and
// deletion. Case files themselves are records the committee must keep (People's Mediation Law Art. 27), so
// deletion erases what is no longer needed — the account's preferences and the phone numbers on closed cases —
// and says plainly what is kept and why. Phone numbers on open cases are still needed to reach the person;
// the request stays on file and lists those cases.
import type { z } from 'zod';
import { OUTCOME_LABEL, STATUS_LABEL } from '../../domain/case/labels';
import { getDoc, queryDocs } from '../kernel/db';
import { AppError } from '../kernel/errors';
import { getDocJoined, queryJoined, type JoinSpec } from '../kernel/joined-read';
import type { ServerDeps } from '../kernel/function';
import type { RequestContext } from '../kernel/route';
import { loadDirectory } from '../cases/org-cache';
import { serverStep } from '../cases/server-step';
import { CASES, hashPayload, requestKey, type CaseDoc } from '../cases/store';
import { asParty } from '../cases/steps';
import { mayReadDisputeText } from '../cases/held-text';
import { caseView } from '../case/index';
import type { RequestDeletionInput } from './schemas';
import type { DeletionResult, MyDataExport, RoleGrant } from './user.types';
import { sealedAt } from '../kernel/pii';

export type { DeletionResult, MyDataExport } from './user.types';

export const DELETION_REQUESTS = 'deletion_requests';

type Ctx = RequestContext<ServerDeps>;

const MAX_CASES = 500;

/** The caller's cases as a party, newest first, at most MAX_CASES: one read (a page holds up to 1,000). */
const CASE_ORDER: Array<[string, 'asc' | 'desc']> = [
  ['registeredAt', 'desc'],
  ['_id', 'desc'],
];

async function casesOf(ctx: Ctx): Promise<CaseDoc[]> {
  return queryDocs<CaseDoc>(
    ctx.deps.db.collection(CASES).where({ partyUserIds: ctx.openid }).orderBy(CASE_ORDER[0][0], CASE_ORDER[0][1]).orderBy(CASE_ORDER[1][0], CASE_ORDER[1][1]).limit(MAX_CASES),
  );
}

export async function exportData(_input: unknown, ctx: Ctx): Promise<MyDataExport> {
  const { db, pii } = ctx.deps;
  // One request for anyone who is a party to a case: the cases, with the account's record and its deletion
  // requests joined (the same for every row, taken from the first). With no case, the record with its requests
  // joined; with no record either, the requests on their own.
  type Account = { _id: string; prefs?: Record<string, unknown>; roles?: RoleGrant[] };
  type RequestRow = { at: string; status: DeletionResult['status'] };
  const requestsJoin = { from: DELETION_REQUESTS, where: { openid: ctx.openid }, orderBy: ['at', 'desc'], limit: 20, fields: ['at', 'status'] } satisfies JoinSpec;
  const [read, dir] = await Promise.all([
    queryJoined<CaseDoc, 'account' | 'requests'>(
      db,
      CASES,
      { where: { partyUserIds: ctx.openid }, orderBy: CASE_ORDER, limit: MAX_CASES },
      { account: { from: 'users', where: { _id: ctx.openid }, limit: 1, fields: ['prefs', 'roles'] }, requests: requestsJoin },
    ),
    loadDirectory(db),
  ]);
  const docs = read.docs;
  let user = read.joined?.account[0] as Account | undefined;
  let requests = read.joined?.requests as unknown as RequestRow[] | undefined;
  if (!read.joined) {
    const own = await getDocJoined<Account, 'requests'>(db, 'users', ctx.openid, { requests: requestsJoin });
    user = own?.doc;
    requests = own
      ? (own.joined.requests as unknown as RequestRow[])
      : await queryDocs<RequestRow>(db.collection(DELETION_REQUESTS).where(requestsJoin.where).orderBy('at', 'desc').limit(requestsJoin.limit));
  }
  return {
    exportedAt: ctx.now.toISOString(),
    account: { registered: Boolean(user), prefs: user?.prefs ?? {}, roles: user?.roles ?? [] },
    cases: docs.map((doc) => {
      const c = doc.case;
      const me = c.parties.find((p) => p.userId === ctx.openid)!;
      const sealed = doc.contacts.find((k) => k.partyId === me.partyId);
      const view = caseView(doc, 'party', ctx.openid, dir, pii);
      const extra = doc as CaseDoc & {
        intake?: { wants?: string };
        consents?: MyDataExport['cases'][number]['consents'];
        agreementIds?: Array<{ partyId: string; idSealed: string }>;
      };
      const idSealed = extra.agreementIds?.find((k) => k.partyId === me.partyId)?.idSealed;
      return {
        caseNo: c.caseNo,
        myRole: me.role === 'applicant' ? '申请人' : '被申请人',
        myName: me.name,
        ...(sealed ? { myMobile: pii.decrypt(sealed.mobileSealed, sealedAt.mobile(c.caseId, me.partyId)) } : {}),
        ...(idSealed ? { myIdNumber: pii.decrypt(idSealed, sealedAt.idNumber(c.caseId, me.partyId)) } : {}),
        category: dir.settings.categories.label(c.category),
        status: c.status === 'closed' ? `${STATUS_LABEL[c.status]}（${OUTCOME_LABEL[c.outcome]}）` : STATUS_LABEL[c.status],
        registeredAt: c.registeredAt,
        // As on the case screen: text held for review is not the other party's until a director clears it.
        ...(mayReadDisputeText(doc, 'party', ctx.openid) ? { summary: c.summary } : {}),
        ...(me.role === 'applicant' && extra.intake?.wants ? { wants: extra.intake.wants } : {}),
        ...(me.role === 'applicant' && extra.consents ? { consents: extra.consents } : {}),
        timeline: view.timeline.map((t) => ({ at: t.at, label: t.label })),
      };
    }),
    deletionRequests: (requests ?? []).map((r) => ({ at: r.at, status: r.status })),
  };
}

const KEPT_OPEN = '案件尚在办理中，调解组织需要联系您；办结后可再次申请删除电话号码';
const KEPT_FILE = '调解案件卷宗（姓名、纠纷情况、协议及协议中的身份证号码）须依法归档保存（《人民调解法》第二十七条），不能删除';

export async function requestDeletion(input: z.infer<typeof RequestDeletionInput>, ctx: Ctx): Promise<DeletionResult> {
  const { db } = ctx.deps;
  const id = requestKey(ctx.openid, 'user.requestDeletion', ctx.requestId!);
  const payloadHash = hashPayload(input);
  const earlier = await getDoc<{ payloadHash: string; result: DeletionResult }>(db, DELETION_REQUESTS, id);
  if (earlier) {
    if (earlier.payloadHash !== payloadHash) throw AppError.of('REQUEST_ID_REUSED');
    return earlier.result;
  }
  const docs = await casesOf(ctx);
  let erasedNumbers = 0;
  const kept: DeletionResult['kept'] = [];
  for (const doc of docs) {
    const me = doc.case.parties.find((p) => p.userId === ctx.openid)!;
    const hasNumber = doc.contacts.some((k) => k.partyId === me.partyId);
    if (doc.case.status !== 'closed') {
      kept.push({ caseNo: doc.case.caseNo, why: KEPT_OPEN });
      continue;
    }
    kept.push({ caseNo: doc.case.caseNo, why: KEPT_FILE });
    if (!hasNumber) continue;
    // Each case is its own atomic, audited step; a retry of this request skips cases already done.
    await serverStep(ctx, doc._id, input, asParty(), ({ doc: fresh, who }) => ({
      audit: [{ type: 'contact_erased', data: { partyId: who.partyId } }],
      contacts: fresh.contacts.filter((k) => k.partyId !== who.partyId),
      result: { erased: true },
    }));
    erasedNumbers += 1;
  }
  const user = await getDoc<{ roles?: unknown[] }>(db, 'users', ctx.openid);
  // Staff accounts (roles granted by a director) stay; a resident's preferences go.
  const erasePrefs = Boolean(user) && !(user!.roles ?? []).length;
  if (erasePrefs) await db.collection('users').doc(ctx.openid).remove();
  const result: DeletionResult = {
    status: kept.some((k) => k.why === KEPT_OPEN) ? 'partly_done' : 'done',
    erased: { preferences: erasePrefs, phoneNumbersOnClosedCases: erasedNumbers },
    kept,
  };
  await db.collection(DELETION_REQUESTS).doc(id).set({
    data: { openid: ctx.openid, at: ctx.now.toISOString(), status: result.status, payloadHash, result, ...(input.reason ? { reason: input.reason } : {}) },
  });
  return result;
}
