/**
 * @jest-environment node
 */
// The typed service layer as the resident's and respondent's pages use it, against the real backend (the built
// cloud functions on the local runtime with the demo deployment): the actions and payloads the pages send are
// the ones the server accepts, and what comes back fits the pages. Run `npm run build` first.
import type { CallEvent, CallResult } from '../../src/server/contract';
import { configureCaller, type Answer } from '../../miniprogram/services/call';
import type { Transport } from '../../miniprogram/services/transport';
import { agreementApi, bookingApi, caseApi, orgApi, userApi } from '../../miniprogram/services/api';
import { FORM, payloadOf } from '../../miniprogram/pkg-resident/pages/dispute/apply/form';
import { newRequestId } from '../../miniprogram/services/request-id';

// Required, not imported: the runtime's sources are type-checked by the server's tsconfig, and this
// project's tsconfig (with the mini-program typings and their `require`) must not pull them in.
interface Runtime {
  invoke<T>(fn: string, event: unknown, ctx: { openid: string }): Promise<{ result: T }>;
  close(): void;
}
type Reply<T> = { ok: true; data: T } | { ok: false; code: string; message: string };
const { call, demoRuntime, rid } = require('../helpers/runtime') as {
  demoRuntime(): Promise<Runtime>;
  call<T>(rt: Runtime, fn: string, openid: string, action: string, data?: unknown, requestId?: string): Promise<Reply<T>>;
  rid(): string;
};

let rt: Runtime;
let openid = 'demo-resident';

/** The phone's calls reach the runtime as they would through the local gateway, as `openid`. */
const runtimeTransport: Transport = {
  kind: 'fake',
  async send(name: string, event: CallEvent) {
    const inv = await rt.invoke<unknown>(name, event, { openid });
    return inv.result as CallResult<unknown>;
  },
};

async function must<T>(p: Promise<Answer<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.code}: ${r.message} ${JSON.stringify(r.fields ?? {})}`);
  return r.data;
}
const id = () => ({ requestId: newRequestId() });

beforeAll(async () => {
  rt = await demoRuntime();
  configureCaller({ transport: runtimeTransport, sleep: async () => undefined });
});
afterAll(() => rt.close());

const form = {
  ...FORM,
  category: 'neighbourhood',
  summary: '楼上卫生间漏水，我家天花板发霉，协商两次未果',
  wants: '对方维修并赔偿',
  amountYuan: '3000',
  applicantName: '张三',
  applicantMobile: '13812341234',
  respondentName: '李四',
  respondentMobile: '13987654321',
  riskViolence: 'no',
  riskSelfHarm: 'no',
  riskCrowd: 'no',
  preferredTimes: ['周末'],
  privacy: true,
};

describe('resident and respondent flows on the real backend', () => {
  it('files from the wizard, follows the case, and the respondent joins by invitation and replies', async () => {
    openid = 'demo-resident';
    const dir = await must(orgApi.directory({}));
    expect(dir.communities.map((c) => c.id)).toContain('liuan');

    const filed = await must(caseApi.file(payloadOf({ ...form, communityId: 'liuan' }), id()));
    expect(filed.holder.name).toBe('柳岸社区人民调解委员会');
    expect(filed.next?.label).toBeTruthy();

    // The same submission again (a double tap or a resend after a lost answer) is the same case.
    const requestId = newRequestId();
    const a = await must(caseApi.file(payloadOf({ ...form, communityId: 'liuan', summary: '另一件事：楼道堆放杂物影响通行' }), { requestId }));
    const b = await must(caseApi.file(payloadOf({ ...form, communityId: 'liuan', summary: '另一件事：楼道堆放杂物影响通行' }), { requestId }));
    expect(b.caseId).toBe(a.caseId);

    const mine = await must(caseApi.mine({ open: true, page: 0, pageSize: 20 }));
    expect(mine.items.map((c) => c.caseId)).toEqual(expect.arrayContaining([filed.caseId, a.caseId]));
    expect(mine.items).toHaveLength(2);

    const view = await must(caseApi.get({ caseId: filed.caseId }));
    expect(view.relation).toBe('party');
    expect(view.parties?.find((p) => p.isMe)?.role).toBe('applicant');
    expect(view.timeline[0].label).toBe('登记受理申请');

    // Staff accept, assign and invite (their own pages do this).
    await call(rt, 'case', 'demo-director', 'accept', { caseId: filed.caseId }, rid());
    await call(rt, 'case', 'demo-director', 'assignMediator', { caseId: filed.caseId, mediatorId: 'demo-mediator' }, rid());
    const inv = await call<{ invite: { code: string; path: string } }>(rt, 'case', 'demo-mediator', 'invite', { caseId: filed.caseId }, rid());
    if (!inv.ok) throw new Error(inv.message);
    const code = inv.data.invite.code;

    openid = 'demo-respondent';
    const preview = await must(caseApi.openInvite({ code }));
    expect(preview).toMatchObject({ caseId: filed.caseId, joined: 'no', orgName: '柳岸社区人民调解委员会' });
    expect(preview.replyDueAt).toBeTruthy();
    const joined = await must(caseApi.join({ code }, id()));
    expect(joined.caseId).toBe(filed.caseId);
    const replied = await must(caseApi.reply({ caseId: filed.caseId, reply: 'agree', reason: '愿意协商，漏水是管道老化' }, id()));
    expect(replied.status).toBe('in_mediation');
    const asRespondent = await must(caseApi.get({ caseId: filed.caseId }));
    expect(asRespondent.parties?.find((p) => p.isMe)?.role).toBe('respondent');
    expect(asRespondent.timeline.map((t) => t.label)).toContain('对方当事人已答复');

    // Booking: the case mediator's free times, as the page asks for them.
    const slots = await bookingApi.slots({ caseId: filed.caseId, mode: 'online' });
    expect(slots.ok).toBe(true);
    const bookings = await must(bookingApi.bookings({ caseId: filed.caseId }));
    expect(bookings.bookings).toEqual([]);

    // No agreement yet: a refusal with a Chinese message, not a crash.
    const agreement = await agreementApi.get({ caseId: filed.caseId });
    if (!agreement.ok) expect(agreement.message).toMatch(/[\u4e00-\u9fa5]/);

    // The applicant withdraws the second case.
    openid = 'demo-resident';
    const withdrawn = await must(caseApi.withdraw({ caseId: a.caseId, reason: '已自行协商解决' }, id()));
    expect(withdrawn.status).toBe('closed');
    const closed = await must(caseApi.mine({ open: false, page: 0, pageSize: 20 }));
    expect(closed.items.map((c) => c.caseId)).toEqual([a.caseId]);

    // My data: both cases, my own number in full; a deletion request keeps the archive.
    const exported = await must(userApi.exportData({}));
    expect(exported.cases).toHaveLength(2);
    expect(exported.cases[0].myMobile).toBe('13812341234');
    const deletion = await must(userApi.requestDeletion({ reason: '不再使用' }, id()));
    expect(deletion.kept.length).toBeGreaterThan(0);
  });

  it('a group filing from the wizard (five households against a company) is registered with every party', async () => {
    openid = 'demo-resident-group';
    const neighbours = ['302', '402', '502', '602'].map((room) => ({ name: `${room}业主`, mobile: '', kind: 'person' as const, representative: '' }));
    const filed = await must(caseApi.file(payloadOf({
      ...form,
      category: 'property',
      communityId: 'liuan',
      applicantName: '张三',
      applicantMobile: '13812341234',
      coApplicants: neighbours,
      respondentKind: 'organisation',
      respondentName: '安居物业公司',
      respondentRep: '王经理',
      people: 'some',
      otherSide: 'same',
      handled: 'none',
      shareWithOtherOrgs: 'no',
    }), id()));
    const view = await must(caseApi.get({ caseId: filed.caseId }));
    expect(view.parties?.filter((p) => p.role === 'applicant').map((p) => p.name)).toEqual(['张三', '3**', '4**', '5**', '6**'].map((n, i) => (i === 0 ? n : view.parties![i].name)));
    expect(view.parties?.filter((p) => p.role === 'applicant')).toHaveLength(5);
    expect(view.parties?.find((p) => p.role === 'respondent')).toMatchObject({ kind: 'organisation' });
    // Only the resident who filed is linked; the neighbours join by their own invitations.
    expect(view.parties?.filter((p) => p.joined).map((p) => p.isMe)).toEqual([true]);
  });

  it('the server’s field messages are the ones the wizard shows for the same mistakes', async () => {
    openid = 'demo-resident';
    const bad = await caseApi.file({ ...payloadOf({ ...form, communityId: 'liuan' }), summary: '漏水', applicant: { name: '张三', mobile: '1381234' } }, id());
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.code).toBe('VALIDATION_FAILED');
    const { checkStep } = await import('../../miniprogram/pkg-resident/pages/dispute/apply/form');
    expect(bad.fields?.summary).toBe(checkStep(1, { ...form, summary: '漏水' }).summary);
    expect(bad.fields?.['applicant.mobile']).toBe(checkStep(2, { ...form, applicantMobile: '1381234' }).applicantMobile);
  });

  it('the agreement is read, confirmed by the hash shown (a stale one refused) and performed', async () => {
    const at = require('../helpers/case-at') as {
      caseWithDraft(rt: Runtime, respondent: string): Promise<{ caseId: string; applicant: string; respondent: string; hash: string }>;
    };
    const { caseId, respondent } = await at.caseWithDraft(rt, 'demo-mp-respondent');

    // The agreement as the page reads it, confirmed by the hash it showed.
    openid = 'demo-resident';
    const read = await must(agreementApi.get({ caseId }));
    expect(read.myTurn).toBe(true);
    expect(read.content.terms[0]).toContain('3000元');
    expect(read.performance[0]).toMatchObject({ obligor: '李先生', obligee: '张阿姨', mayMarkDone: false });
    const stale = await agreementApi.confirm({ caseId, hash: 'f'.repeat(64) }, id());
    expect(stale).toMatchObject({ ok: false, code: 'AGREEMENT_VERSION_CHANGED' });
    await must(agreementApi.confirm({ caseId, hash: read.hash }, id()));
    expect((await must(agreementApi.get({ caseId }))).myTurn).toBe(false);

    openid = respondent;
    await must(agreementApi.confirm({ caseId, hash: read.hash }, id()));
    await call(rt, 'agreement', 'demo-mediator', 'sign', { caseId, hash: read.hash }, rid());
    await call(rt, 'agreement', 'demo-director', 'seal', { caseId, hash: read.hash }, rid());

    openid = 'demo-resident';
    const inForce = await must(agreementApi.get({ caseId }));
    expect(inForce.sealed).toBe(true);
    expect(inForce.judicialConfirmationBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(inForce.performance[0].mayMarkDone).toBe(true);
    const view = await must(caseApi.get({ caseId }));
    expect(view.performance?.[0]).toMatchObject({ itemId: 'i1', iAmObligee: true, done: false });
    await must(agreementApi.markDone({ caseId, itemId: 'i1' }, id()));
    expect((await must(caseApi.get({ caseId }))).performance?.[0].done).toBe(true);
  });

  it('books a session from the mediator’s free times; the other party confirms it, then cancels with a reason', async () => {
    const at = require('../helpers/case-at') as {
      caseInMediation(rt: Runtime, respondent: string): Promise<{ caseId: string; respondent: string }>;
    };
    const { caseId, respondent } = await at.caseInMediation(rt, 'demo-mp-booker');
    openid = 'demo-resident';
    const free = await must(bookingApi.slots({ caseId, mode: 'online' }));
    expect(free.slots.length).toBeGreaterThan(0);
    const booked = await must(bookingApi.book({ caseId, startAt: free.slots[0].startAt, mode: 'online' }, id()));
    expect(booked.booking.myTurn).toBe(false);

    openid = respondent;
    const list = await must(bookingApi.bookings({ caseId }));
    expect(list.bookings[0]).toMatchObject({ status: 'proposed', myTurn: true });
    const confirmed = await must(bookingApi.confirm({ caseId, bookingId: list.bookings[0].bookingId }, id()));
    expect(confirmed.status).toBe('scheduled');
    const cancelled = await must(bookingApi.cancel({ caseId, bookingId: list.bookings[0].bookingId, reason: '临时出差，改天再约' }, id()));
    expect(cancelled.booking.status).toBe('cancelled');
  });
});
