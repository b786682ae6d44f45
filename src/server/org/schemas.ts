// Inputs of the `org` function's actions. The mini-program imports these types only (`import type`).
import { z } from 'zod';
import { redactPersonalNumbers } from '../cases/redact';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, '编号格式不正确');
const Code = z.string().regex(/^[A-Z2-7]{26}$/, '邀请码无效');

export const DirectoryInput = z.strictObject({});

export const InviteStaffInput = z.strictObject({
  orgId: Id,
  role: z.enum(['director', 'mediator', 'intake', 'officer', 'supervisor', 'expert']),
  /** Who it is meant for, so the director recognises the invitation in the list. */
  note: z.string().trim().min(1, '请填写被邀请人姓名').max(40),
  /** With role `expert`: the pool entry (专家库) the account redeeming the code becomes. */
  expertId: z.string().regex(/^x[0-9a-f]{16}$/, '专家编号格式不正确').optional(),
});
export const JoinStaffInput = z.strictObject({ code: Code, name: z.string().trim().min(1, '请填写您的姓名').max(40, '姓名不超过 40 个字') });
export const StaffListInput = z.strictObject({ orgId: Id, caseId: z.string().regex(/^c[0-9a-f]{20}$/).optional() });
/** The organisation whose role changes to show (its own chain). */
export const StaffAuditInput = z.strictObject({ orgId: Id });
export const RemoveStaffInput = z.strictObject({ orgId: Id, openid: z.string().min(1).max(64), role: InviteStaffInput.shape.role, reason: z.string().trim().min(2, '请填写理由').max(200).transform(redactPersonalNumbers) });

const Category = z.string().regex(/^[a-z][a-z_]{1,39}$/, '请选择纠纷类型');
const summaryText = (label: string, min: number, max: number) =>
  z.string().trim().min(min, `请填写${label}（至少 ${min} 个字）`).max(max, `${label}不超过 ${max} 个字`);
/** A typical case (典型案例) a director publishes: no names, phone or identity numbers (the server checks). */
export const PublishTypicalInput = z.strictObject({
  orgId: Id.optional(),
  /** The closed case it is written from: its parties' names are the ones the text must not hold. */
  caseId: z.string().regex(/^c[0-9a-f]{20}$/, '案件编号格式不正确'),
  category: Category,
  title: summaryText('标题', 5, 40),
  happened: summaryText('纠纷经过', 20, 1000),
  howMediated: summaryText('调解过程', 20, 1000),
  result: summaryText('调解结果', 10, 500),
});
const TypicalId = z.string().regex(/^t[0-9a-f]{20}$/, '典型案例编号格式不正确');
/** A director of the organisation it was published for revises a typical case: the same texts, the same checks. */
export const ReviseTypicalInput = z.strictObject({
  typicalId: TypicalId,
  category: Category,
  title: PublishTypicalInput.shape.title,
  happened: PublishTypicalInput.shape.happened,
  howMediated: PublishTypicalInput.shape.howMediated,
  result: PublishTypicalInput.shape.result,
});
/** ...or withdraws it, saying why (kept with the case, never shown to residents): no one reads it any more. */
export const WithdrawTypicalInput = z.strictObject({
  typicalId: TypicalId,
  reason: z.string().trim().min(2, '请填写撤回理由').max(200, '撤回理由不超过 200 个字').transform(redactPersonalNumbers),
});
/** Published typical cases, for one category or all (or one organisation's: its directors' list), newest first. */
export const TypicalListInput = z.strictObject({ category: Category.optional(), orgId: Id.optional(), page: z.number().int().min(0).max(1000).default(0) });

/** The district's expert pool (专家库): `includeInactive` lists the ones withdrawn too; `caseId` (its responsible director only) says who is on that case or recused from it. */
export const ExpertListInput = z.strictObject({ includeInactive: z.boolean().default(false), caseId: z.string().regex(/^c[0-9a-f]{20}$/).optional() });
const ExpertId = z.string().regex(/^x[0-9a-f]{16}$/, '专家编号格式不正确');
/** Adds an expert (no `expertId`) or edits one; the phone number is sealed at once and never answered in clear. */
export const SaveExpertInput = z.strictObject({
  expertId: ExpertId.optional(),
  name: z.string().trim().min(1, '请填写专家姓名').max(40, '姓名不超过 40 个字'),
  /** 法律、建筑工程、医疗、心理、婚姻家庭、其他, or the director's own words. */
  field: z.string().trim().min(1, '请填写专业领域').max(20, '专业领域不超过 20 个字'),
  /** Where they work or come from: 律师事务所、法院（退休）…… */
  affiliation: z.string().trim().min(1, '请填写所在单位').max(40, '所在单位不超过 40 个字'),
  /** Absent when editing: the number on file stays. */
  mobile: z.string().trim().regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号').optional(),
  active: z.boolean().default(true),
});
/** A director of the district centre reads an expert's full phone number; every read is logged in the chain. */
export const RevealExpertPhoneInput = z.strictObject({ expertId: ExpertId });
