import { z } from 'zod';
import type { DeploymentRules } from './rules';
import type { HolidayYear } from '../calendar/holidays';
import { isIsoDate } from '../shared/time';
import { domainError, type Result } from '../shared/errors';

const ZCategory = z.string().regex(/^[a-z][a-z0-9_]*$/, '分类代码只能使用小写字母、数字和下划线');

const ZDuration = z.strictObject({
  amount: z.number().int().min(0),
  unit: z.enum(['hours', 'working_days', 'calendar_days']),
});

const ZAuthority = z.enum([
  'court',
  'police',
  'procuratorate',
  'labour_arbitration',
  'arbitration',
  'administrative',
  'petition_office',
  'other',
]);

export const ZDeploymentRules = z.strictObject({
  triage: z.strictObject({
    largeAmountYuan: z.number().positive(),
    streetPeopleMin: z.number().int().min(2),
    groupPeopleMin: z.number().int().min(2),
    districtCategories: z.array(ZCategory),
    specialisedCategories: z.array(ZCategory),
    reservedCategories: z.array(z.strictObject({ category: ZCategory, authority: ZAuthority })),
  }).refine((t) => t.groupPeopleMin > t.streetPeopleMin, {
    message: '群体性纠纷人数门槛必须大于街道受理人数门槛',
  }),
  paperOnlyCategories: z.array(ZCategory),
  emergencyNumbers: z.array(z.strictObject({ label: z.string().min(1), number: z.string().regex(/^\d{3,12}$/) })).min(1),
  deadlines: z.strictObject({
    triage: ZDuration,
    urgentTriage: ZDuration,
    transferResponse: ZDuration,
    designation: ZDuration,
    mediatorAssignment: ZDuration,
    respondentReply: ZDuration,
    respondentExtraTime: ZDuration,
    mediation: ZDuration,
    mediationExtension: ZDuration,
    returnVisit: ZDuration,
    performanceReminder: ZDuration,
    sessionReminder: ZDuration,
  }),
});

// Keeps the schema and the interface in step: a field added to one and not the other fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesInterface: Same<z.infer<typeof ZDeploymentRules>, DeploymentRules> = true;
void schemaMatchesInterface;

const ZIsoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');

export const ZHolidayYear = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  source: z.string().min(1),
  holidays: z.array(z.strictObject({ name: z.string().min(1), from: ZIsoDate, to: ZIsoDate })),
  makeUpWorkdays: z.array(ZIsoDate),
  provisional: z.boolean().optional(),
}).refine((y) => [...y.holidays.flatMap((h) => [h.from, h.to]), ...y.makeUpWorkdays].every((d) => d.startsWith(`${y.year}-`)), {
  message: '节假日日期必须属于所声明的年份',
});

const schemaMatchesHolidayYear: Same<z.infer<typeof ZHolidayYear>, HolidayYear> = true;
void schemaMatchesHolidayYear;

function explain(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`).join('；');
}

/** Loads a deployment's own rules from JSON; the error lists every problem so an operator can fix them at once. */
export function parseDeploymentRules(json: unknown): Result<DeploymentRules> {
  const parsed = ZDeploymentRules.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: domainError('CONFIG_INVALID', `调解规则配置有误：${explain(parsed.error)}`) };
}

export function parseHolidayYear(json: unknown): Result<HolidayYear> {
  const parsed = ZHolidayYear.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: domainError('CONFIG_INVALID', `节假日数据有误：${explain(parsed.error)}`) };
}
