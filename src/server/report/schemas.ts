// Inputs of the `report` function's actions. The mini-program imports these types only (`import type`).
import { z } from 'zod';
import { redactPersonalNumbers } from '../cases/redact';
import { RegisterVisitInput } from '../case/schemas';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, '编号格式不正确');
const PeriodKey = z.string().regex(/^\d{4}(-\d{2}|-Q[1-4])?$/, '统计期间格式应为 2026-03、2026-Q1 或 2026');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-03');
const Category = z.string().regex(/^[a-z_]{2,40}$/, '请选择纠纷类型');
const freeText = (schema: z.ZodString) => schema.transform(redactPersonalNumbers);

// ---- figures, the overview, registers and documents

export const FiguresInput = z.strictObject({ orgId: Id.optional(), period: PeriodKey.optional() });
export const OverviewInput = z.strictObject({ orgId: Id.optional() });
export const RegisterInput = z.strictObject({
  orgId: Id.optional(),
  kind: z.enum(['visits', 'acceptance', 'mediation', 'files', 'simple', 'summary', 'subsidies', 'organisations', 'mediators']),
  month: Month.optional(),
});
export const DocumentInput = z.strictObject({
  caseId: z.string().regex(/^c[0-9a-f]{20}$/, '案件编号格式不正确'),
  kind: z.enum(['transfer_notice', 'rights_notice', 'session_record', 'agreement', 'return_visit', 'judicial_application', 'referral_feedback']),
});
/** A closed case's electronic file (电子卷宗). */
export const ArchiveInput = z.strictObject({ caseId: DocumentInput.shape.caseId });

// ---- mediators' figures and the subsidy ledger (以案定补)

/** A month's figures per mediator and its ledger (default: last month, the one to approve). */
export const SubsidyLedgerInput = z.strictObject({ orgId: Id.optional(), month: Month.optional() });
export const ApproveSubsidiesInput = z.strictObject({ orgId: Id.optional(), month: Month });

// ---- information officers: screening and brewing-dispute reports

export const SubmitScreeningInput = z.strictObject({
  month: Month,
  orgId: Id.optional(),
  /** Disputes found, per category; empty (or all zero) is a zero report (零报告). */
  findings: z.array(z.strictObject({ category: Category, count: z.number().int().min(0).max(10000) })).max(30).default([]),
  notes: freeText(z.string().trim().max(500, '说明不超过 500 个字')).default(''),
});
export const ReportBrewingInput = z.strictObject({
  orgId: Id.optional(),
  communityId: Id,
  category: Category,
  risk: z.enum(['low', 'medium', 'high']),
  description: freeText(z.string().trim().min(5, '请至少用五个字说明苗头情况').max(1000, '情况说明不超过 1000 个字')),
  peopleInvolved: z.number().int().min(1).max(100000).optional(),
});
export const BrewingListInput = z.strictObject({ orgId: Id.optional(), status: z.enum(['open', 'converted']).optional() });
export const ConvertReportInput = z.strictObject({
  reportId: z.string().regex(/^b[0-9a-f]{20}$/, '报告编号格式不正确'),
  applicants: RegisterVisitInput.shape.applicants,
  respondents: RegisterVisitInput.shape.respondents,
  wants: freeText(z.string().trim().max(500, '诉求不超过 500 个字')).default(''),
  visitorConsent: z.literal(true, '请确认当事人已同意登记其个人信息'),
  shareWithOtherOrgs: z.boolean(),
});
export const LateReportsInput = z.strictObject({ orgId: Id.optional(), month: Month.optional() });
/** An officer's own screening report for a month (default: this month), at one of their organisations. */
export const MyScreeningInput = z.strictObject({ orgId: Id.optional(), month: Month.optional() });
