// Inputs of the `agreement` function's actions. The mini-program imports these types only (`import type`).
import { z } from 'zod';
import { OTHER_ROUTES, type OtherRoute } from '../../domain/agreement/other-routes';
import { redactPersonalNumbers } from '../cases/redact';

const CaseId = z.string().regex(/^c[0-9a-f]{20}$/, '案件编号格式不正确');
const PartyId = z.string().regex(/^p\d{1,3}$/, '当事人编号格式不正确');
const ItemId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '履行事项编号格式不正确');
const Hash = z.string().regex(/^[0-9a-f]{64}$/, '协议版本标识不正确');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** Free text: stored as written except phone and resident ID numbers, which are masked. Blank is allowed here:
 *  the domain's validation says in place which part of the agreement is missing. */
const text = (max: number) => z.string().max(max, `不超过 ${max} 个字`).transform(redactPersonalNumbers);
const Reason = z.string().trim().min(2, '请填写理由').max(500, '理由不超过 500 个字').transform(redactPersonalNumbers);

export const CaseRef = z.strictObject({ caseId: CaseId });

export const PartyInput = z.strictObject({
  partyId: PartyId,
  role: z.enum(['applicant', 'respondent']),
  kind: z.enum(['person', 'organisation']),
  name: z.string().trim().max(60, '姓名或名称不超过 60 个字'),
  idType: z.enum(['resident_id', 'other', 'credit_code']),
  /** The full number when first entered; on a revision the masked number shown by `agreement.get` keeps the one on file. */
  idNumber: z.string().trim().max(40, '证件号码不超过 40 个字符'),
  address: text(120),
  representative: z.string().trim().max(60).optional(),
});

export const ItemInput = z.strictObject({
  itemId: ItemId,
  obligorPartyId: PartyId,
  obligeePartyId: PartyId,
  description: text(200),
  amountYuan: z.number().optional(),
  method: text(100),
  place: text(120),
  dueDate: Day,
});

export const ContentInput = z.strictObject({
  parties: z.array(PartyInput).max(20),
  facts: text(2000),
  disputedMatters: text(1000),
  responsibilities: text(1000),
  terms: z.array(text(500)).max(30),
  performance: z.array(ItemInput).max(30),
});

export const TemplateInput = z.strictObject({
  caseId: CaseId,
  /** By default the case's category. */
  category: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '纠纷类别格式不正确').optional(),
  facts: text(2000).optional(),
  amountYuan: z.number().positive('金额应为正数').max(1e9).optional(),
  /** Where performance happens; by default the responsible organisation's address. */
  place: text(120).optional(),
  dueDate: Day.optional(),
});

export const DraftInput = z.strictObject({ caseId: CaseId, content: ContentInput });
export const ReviseInput = z.strictObject({ caseId: CaseId, content: ContentInput, reason: Reason });
export const HashRef = z.strictObject({ caseId: CaseId, hash: Hash });
/** Asks where to upload the scan of one party's signed paper (a path issued for this case and party). */
export const ScanPathInput = z.strictObject({ caseId: CaseId, partyId: PartyId });
export const UploadScanInput = z.strictObject({
  caseId: CaseId,
  partyId: PartyId,
  hash: Hash,
  /** The fileID of the scan as uploaded (wx.cloud.uploadFile) under the path `agreement.scanPath` issued for this party. */
  fileId: z.string().regex(/^cloud:\/\/[^\s]{1,300}$/, '请先上传签字的协议扫描件'),
});
/**
 * An oral agreement (Art. 28): the parties' statement that they need no written agreement is required, with who
 * made it (every party). `performance` may be sent only to be told that anything to perform needs a written
 * agreement (MoJ 2002 Art. 34): the domain refuses it with ORAL_NOT_ALLOWED.
 */
export const OralInput = z.strictObject({
  caseId: CaseId,
  content: z.strictObject({ terms: z.array(text(500)).max(30), performance: z.array(ItemInput).max(30).default([]) }),
  partiesChoseOral: z.literal(true, { error: '须记录各方当事人表示无需制作调解协议书' }),
  statedByPartyIds: z.array(PartyId).min(1, '请选择表示无需制作调解协议书的当事人').max(20),
});
/** A party says the parties applied jointly to the court for judicial confirmation, and on which day (once for the case). */
export const JudicialAppliedInput = z.strictObject({ caseId: CaseId, appliedOn: Day });
export const MarkDoneInput = z.strictObject({ caseId: CaseId, itemId: ItemId });
/**
 * The return visit: while an agreement is performed, how far it was performed; after a case closed other than
 * resolved, the dispute's state (settled some other way, still going on, taken up by the authority pointed to).
 */
export const ReturnVisitInput = z.strictObject({
  caseId: CaseId,
  result: z.enum(['performed', 'partially_performed', 'not_performed', 'settled', 'ongoing', 'taken_up']),
  satisfaction: z.number().int().min(1, '满意度应为1至5分').max(5, '满意度应为1至5分').optional(),
  notes: z.string().trim().min(2, '请填写回访记录').max(1000).transform(redactPersonalNumbers),
});
export const RateInput = z.strictObject({
  caseId: CaseId,
  score: z.number().int().min(1, '请选择1至5分').max(5, '请选择1至5分'),
  comment: z.string().trim().max(300, '评价不超过 300 个字').transform(redactPersonalNumbers).optional(),
});
export const CloseInput = z.discriminatedUnion('outcome', [
  z.strictObject({ caseId: CaseId, outcome: z.literal('resolved'), reason: Reason }),
  z.strictObject({
    caseId: CaseId,
    outcome: z.literal('failed'),
    reason: Reason,
    /** The other routes explained to the parties; by default the ones that fit the case. */
    routes: z.array(z.enum(OTHER_ROUTES as unknown as [OtherRoute, ...OtherRoute[]])).min(1).max(5).optional(),
    note: z.string().trim().max(500).transform(redactPersonalNumbers).optional(),
  }),
  /** The respondent never answered the invitation and the reply period is over (Art. 17: no mediation took place). */
  z.strictObject({ caseId: CaseId, outcome: z.literal('no_reply'), reason: Reason }),
]);

export type TContentInput = z.infer<typeof ContentInput>;
export type TTemplateInput = z.infer<typeof TemplateInput>;
export type TCloseInput = z.infer<typeof CloseInput>;
export type TOralInput = z.infer<typeof OralInput>;
