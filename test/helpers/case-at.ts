// Drives a case to a stage through the public actions only, the way people would: the resident files, the
// committee accepts and assigns its mediator, the respondent joins by invitation and agrees (the case is then
// in mediation), and onwards through the agreement function.
import type { LocalRuntime } from '../../src/local/runtime';
import { call, ok, rid } from './runtime';

export const RESIDENT = 'demo-resident';
export const DIRECTOR = 'demo-director';
export const MEDIATOR = 'demo-mediator';

/** Valid 18-digit resident ID numbers (check digit correct), for agreement parties. */
export const ID_APPLICANT = '11010519491231002X';
export const ID_RESPONDENT = '32010619851203041X';

export { ok };

/** A resident's filing (case.file input): a neighbours' dispute at 柳岸, with `over` changed. */
export const filingInput = (over: Record<string, unknown> = {}) => ({
  category: 'neighbourhood',
  summary: '楼道堆放杂物，邻居之间多次争吵。',
  communityId: 'liuan',
  applicant: { name: '钱大爷', mobile: '13912345678' },
  respondents: [{ name: '孙女士' }],
  consent: { privacy: true, shareWithOtherOrgs: true },
  ...over,
});

/** A China date `days` from now (performance due dates must not be in the past). */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

export interface CaseAt {
  caseId: string;
  applicant: string;
  respondent: string;
}

/**
 * A case at 柳岸 filed by `applicant`, accepted by its director, with the demo mediator assigned, the
 * respondent (`respondent`, a fresh openid per test) joined and agreed: status `in_mediation`.
 */
export async function caseInMediation(
  rt: LocalRuntime,
  respondent: string,
  opts: { category?: string; applicant?: string; amountYuan?: number; involvesPersonalRelations?: boolean; evidenceFileIds?: string[] } = {},
): Promise<CaseAt> {
  const applicant = opts.applicant ?? RESIDENT;
  const filed = await ok(
    call(rt, 'case', applicant, 'file', {
      category: opts.category ?? 'neighbourhood',
      ...(opts.involvesPersonalRelations !== undefined ? { involvesPersonalRelations: opts.involvesPersonalRelations } : {}),
      summary: '楼上卫生间漏水，导致我家吊顶受损，多次协商未果。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生' }],
      ...(opts.amountYuan !== undefined ? { amountYuan: opts.amountYuan } : {}),
      ...(opts.evidenceFileIds ? { evidenceFileIds: opts.evidenceFileIds } : {}),
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  const caseId = filed.caseId as string;
  // A category the committee does not usually take (e.g. labour) is accepted with the director's reason.
  const accepted = await call(rt, 'case', DIRECTOR, 'accept', { caseId }, rid());
  if (!accepted.ok && accepted.code === 'OVERRIDE_REASON_REQUIRED') {
    await ok(call(rt, 'case', DIRECTOR, 'accept', { caseId, overrideReason: '双方均为本社区居民，同意由本调委会调解' }, rid()));
  } else if (!accepted.ok) {
    throw new Error(`${accepted.code}: ${accepted.message}`);
  }
  await ok(call(rt, 'case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, rid()));
  const inv = await ok(call(rt, 'case', MEDIATOR, 'invite', { caseId }, rid()));
  await ok(call(rt, 'case', respondent, 'join', { code: inv.invite.code }, rid()));
  const replied = await ok(call(rt, 'case', respondent, 'reply', { caseId, reply: 'agree' }, rid()));
  if (replied.status !== 'in_mediation') throw new Error(`expected in_mediation, got ${replied.status}`);
  return { caseId, applicant, respondent };
}

/** A complete written agreement for the case made by `caseInMediation`: the respondent pays in two instalments. */
export function agreementContent(over: Record<string, unknown> = {}) {
  return {
    parties: [
      { partyId: 'p1', role: 'applicant', kind: 'person', name: '张阿姨', idType: 'resident_id', idNumber: ID_APPLICANT, address: '柳岸社区3栋201' },
      { partyId: 'p2', role: 'respondent', kind: 'person', name: '李先生', idType: 'resident_id', idNumber: ID_RESPONDENT, address: '柳岸社区3栋301' },
    ],
    facts: '2026年11月，李先生家卫生间漏水，致张阿姨家吊顶受损。',
    disputedMatters: '维修费用的承担。',
    responsibilities: '李先生对漏水负全部责任。',
    terms: ['李先生赔偿张阿姨维修费3000元，分两期支付。', '李先生于十日内修好卫生间防水。'],
    performance: [
      { itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付第一期维修费', amountYuan: 1500, method: '微信转账', place: '柳岸社区人民调解委员会', dueDate: dayFromNow(5) },
      { itemId: 'i2', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付第二期维修费', amountYuan: 1500, method: '微信转账', place: '柳岸社区人民调解委员会', dueDate: dayFromNow(20) },
    ],
    ...over,
  };
}

/** Drafted by the mediator: `agreement_pending`; answers the hash to confirm. */
export async function caseWithDraft(rt: LocalRuntime, respondent: string, opts: { category?: string; involvesPersonalRelations?: boolean } = {}): Promise<CaseAt & { hash: string }> {
  const at = await caseInMediation(rt, respondent, opts);
  const drafted = await ok(call(rt, 'agreement', MEDIATOR, 'draft', { caseId: at.caseId, content: agreementContent() }, rid()));
  return { ...at, hash: drafted.agreement.hash };
}

/** Confirmed by both parties online, signed and sealed: `performing`. */
export async function caseInForce(rt: LocalRuntime, respondent: string): Promise<CaseAt & { hash: string }> {
  const at = await caseWithDraft(rt, respondent);
  await ok(call(rt, 'agreement', at.applicant, 'confirm', { caseId: at.caseId, hash: at.hash }, rid()));
  await ok(call(rt, 'agreement', at.respondent, 'confirm', { caseId: at.caseId, hash: at.hash }, rid()));
  await ok(call(rt, 'agreement', MEDIATOR, 'sign', { caseId: at.caseId, hash: at.hash }, rid()));
  await ok(call(rt, 'agreement', DIRECTOR, 'seal', { caseId: at.caseId, hash: at.hash }, rid()));
  return at;
}
