import { z } from 'zod';
import type { DeploymentRules } from './rules';
import type { HolidayYear } from '../calendar/holidays';
import { CATEGORY_LABEL, categoryCatalogue, type CategoriesConfig } from './categories';
import { LEGAL_AID_HOTLINE } from './guidance';
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
  judicialConfirmationReminderDays: z
    .array(z.number().int('提醒天数须为整数').min(1, '提醒天数至少为 1 天').max(29, '提醒天数须少于 30 天（申请期限为 30 日）'))
    .max(5, '提醒最多 5 次')
    .refine((days) => new Set(days).size === days.length, '提醒天数不能重复'),
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
  subsidy: z.strictObject({
    baseYuan: z.number().min(0, '每案补贴金额不能为负数').max(10000, '每案补贴金额不超过 10000 元'),
    categoryYuan: z.array(z.strictObject({ category: ZCategory, yuan: z.number().min(0, '补贴金额不能为负数').max(10000, '每案补贴金额不超过 10000 元') })),
    severalPartiesMin: z.number().int().min(3, '多方当事人至少 3 方'),
    severalPartiesExtraYuan: z.number().min(0, '加补金额不能为负数').max(10000, '加补金额不超过 10000 元'),
    highRiskExtraYuan: z.number().min(0, '加补金额不能为负数').max(10000, '加补金额不超过 10000 元'),
    countedOutcomes: z
      .array(z.enum(['resolved', 'failed', 'terminated', 'withdrawn', 'respondent_refused', 'no_reply', 'referred'], '结案方式只能是 resolved、failed、terminated、withdrawn、respondent_refused、no_reply 或 referred'))
      .min(1, '至少要有一种结案方式计入补贴'),
    onTimeOnly: z.boolean('onTimeOnly 应为 true 或 false'),
    minSatisfaction: z.number().min(0, '满意度门槛为 0（不设）到 5').max(5, '满意度门槛为 0（不设）到 5'),
    monthlyCapYuan: z.number().min(0, '每月上限不能为负数').max(100000, '每月上限不超过 100000 元'),
  }).refine((s) => new Set(s.categoryYuan.map((c) => c.category)).size === s.categoryYuan.length, { message: '同一纠纷类型的补贴金额只能写一次', path: ['categoryYuan'] }),
  archiveRetentionYears: z
    .number('卷宗保管年限应为数字')
    .int('卷宗保管年限须为整数年')
    .min(1, '卷宗保管年限至少 1 年')
    .max(100, '卷宗保管年限不超过 100 年'),
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

/** Zod's own messages in Chinese for these schemas, whatever locale the process set (operators read them). */
const IN_CHINESE = { error: z.locales.zhCN().localeError };

/** Each problem as one line, `path: message`, the path under `prefix` (e.g. `rules.`). */
export function explainIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((i) => `${[prefix.replace(/\.$/, ''), ...i.path.map(String)].filter(Boolean).join('.') || '(根)'}: ${i.message}`);
}

function explain(error: z.ZodError): string {
  return explainIssues(error).join('；');
}

/** Loads a deployment's own rules from JSON; the error lists every problem so an operator can fix them at once. */
export function parseDeploymentRules(json: unknown): Result<DeploymentRules> {
  const parsed = ZDeploymentRules.safeParse(json, IN_CHINESE);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: domainError('CONFIG_INVALID', `调解规则配置有误：${explain(parsed.error)}`) };
}

export function parseHolidayYear(json: unknown): Result<HolidayYear> {
  const parsed = ZHolidayYear.safeParse(json, IN_CHINESE);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: domainError('CONFIG_INVALID', `节假日数据有误：${explain(parsed.error)}`) };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A deployment's override laid over the rules it adjusts: plain objects merge key by key at every level (so
 * `{ deadlines: { mediation: { amount: 20 } } }` changes only that amount), while arrays and single values replace
 * what they name (a category list given is the whole list). Anything else is left for the schema to refuse.
 */
export function mergeRules(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeRules(base[key], value);
  return out;
}

/** What a deployment's settings resolve to, or every problem found, one line each (`rules.triage.…: 消息`). */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/**
 * The rules a deployment runs on: its partial override (`rules` in the deployment file) merged onto `base` (the
 * shipped DEFAULT_RULES), then checked whole by the schema. No override: the base as it is.
 */
export function checkRulesOverride(override: unknown, base: DeploymentRules): Checked<DeploymentRules> {
  if (override === undefined || override === null) return { ok: true, value: base };
  if (!isPlainObject(override)) return { ok: false, problems: ['rules: 应为对象（只写需要改变的部分）'] };
  const parsed = ZDeploymentRules.safeParse(mergeRules(base, override), IN_CHINESE);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: explainIssues(parsed.error, 'rules') };
}

/**
 * The holiday years a deployment runs on: the years shipped with the code, each replaced by the deployment's own
 * year of the same number (e.g. the State Council's 2027 notice replacing the provisional statutory days), and the
 * deployment's other years added. Every loaded year is checked; a year given twice is refused.
 */
export function checkHolidayYears(loaded: readonly unknown[] | undefined, shipped: readonly HolidayYear[]): Checked<HolidayYear[]> {
  const years: HolidayYear[] = [];
  const problems: string[] = [];
  (loaded ?? []).forEach((json, i) => {
    const parsed = ZHolidayYear.safeParse(json, IN_CHINESE);
    if (!parsed.success) problems.push(...explainIssues(parsed.error, `holidays.${i}`));
    else if (years.some((y) => y.year === parsed.data.year)) problems.push(`holidays.${i}: ${parsed.data.year}年重复`);
    else years.push(parsed.data);
  });
  if (problems.length) return { ok: false, problems };
  const replaced = new Set(years.map((y) => y.year));
  return { ok: true, value: [...shipped.filter((y) => !replaced.has(y.year)), ...years].sort((a, b) => a.year - b.year) };
}

/** `checkRulesOverride` as a domain result (CONFIG_INVALID with every problem). */
export function resolveDeploymentRules(override: unknown, base: DeploymentRules): Result<DeploymentRules> {
  const r = checkRulesOverride(override, base);
  return r.ok ? r : { ok: false, error: domainError('CONFIG_INVALID', `调解规则配置有误：${r.problems.join('；')}`) };
}

/** A code a deployment adds: as the filing form accepts it (lower-case letters and underscores). */
const ZAddedCode = z.string().regex(/^[a-z][a-z_]{1,39}$/, '分类代码只能使用小写字母和下划线（以字母开头，2–40 个字符）');

export const ZCategoriesConfig = z.strictObject({
  added: z
    .array(
      z.strictObject({
        code: ZAddedCode,
        name: z.string().trim().min(2, '分类名称至少 2 个字').max(20, '分类名称最多 20 个字'),
        shortName: z.string().trim().min(1, '按钮上的简称不能为空').max(8, '按钮上的简称最多 8 个字'),
      }),
    )
    .default([]),
  hiddenFromFiling: z.array(z.string()).default([]),
  /** The deployment's own legal guidance per category: short, plain, naming the law and the 12348 hotline. */
  guidance: z
    .record(
      z.string(),
      z
        .string()
        .trim()
        .min(20, '普法提示至少 20 个字')
        .max(200, '普法提示最多 200 个字（2–4 句）')
        .refine((t) => t.includes(LEGAL_AID_HOTLINE), `普法提示须写明 ${LEGAL_AID_HOTLINE} 公共法律服务热线`)
        .refine((t) => /《[^》]+》/.test(t), '普法提示须写明依据的法律（如《民法典》第……条）'),
    )
    .default({}),
});

const schemaMatchesCategories: Same<z.infer<typeof ZCategoriesConfig>, CategoriesConfig> = true;
void schemaMatchesCategories;

/**
 * A deployment's categories (the file's `categories`): the schema, then what it cannot see — an added code that is
 * a shipped one under another name (old cases keep the shipped name), a code or a name given twice, a hidden code
 * that is not shipped, nothing left to file under. Absent: the shipped list as it is.
 */
export function checkCategories(json: unknown): Checked<CategoriesConfig> {
  if (json === undefined || json === null) return { ok: true, value: { added: [], hiddenFromFiling: [], guidance: {} } };
  const parsed = ZCategoriesConfig.safeParse(json, IN_CHINESE);
  if (!parsed.success) return { ok: false, problems: explainIssues(parsed.error, 'categories') };
  const config = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  const nameOwner = new Map(Object.entries(CATEGORY_LABEL).map(([code, name]) => [name, code]));
  config.added.forEach((a, i) => {
    const at = `categories.added.${i}`;
    const shipped = CATEGORY_LABEL[a.code];
    if (shipped !== undefined && shipped !== a.name) {
      problems.push(`${at}.code: 代码 ${a.code} 已是内置分类“${shipped}”，不能改名为“${a.name}”（旧案件沿用原名称），请换一个代码`);
    }
    if (seen.has(a.code)) problems.push(`${at}.code: 分类代码 ${a.code} 重复`);
    seen.add(a.code);
    const owner = nameOwner.get(a.name);
    if (owner !== undefined && owner !== a.code) problems.push(`${at}.name: 名称“${a.name}”已由分类 ${owner} 使用`);
    else nameOwner.set(a.name, a.code);
  });
  const added = new Set(config.added.map((a) => a.code));
  for (const code of Object.keys(config.guidance)) {
    if (CATEGORY_LABEL[code] === undefined && !added.has(code)) problems.push(`categories.guidance.${code}: 未知的纠纷分类 ${code}（先在 categories.added 中新增）`);
  }
  config.hiddenFromFiling.forEach((code, i) => {
    if (CATEGORY_LABEL[code] === undefined) problems.push(`categories.hiddenFromFiling.${i}: ${code} 不是内置分类（新增的分类不要写进 added 即可）`);
  });
  if (!problems.length && categoryCatalogue(config).filing.length === 0) problems.push('categories.hiddenFromFiling: 不能隐藏全部分类，申请人至少要有一个可选');
  return problems.length ? { ok: false, problems } : { ok: true, value: config };
}

/** Category codes a deployment's rules name that its catalogue does not know (a typo would silently never match). */
export function unknownCategoriesInRules(rules: DeploymentRules, knows: (code: string) => boolean): string[] {
  const named: Array<[string, string]> = [
    ...rules.triage.districtCategories.map((c, i): [string, string] => [`rules.triage.districtCategories.${i}`, c]),
    ...rules.triage.specialisedCategories.map((c, i): [string, string] => [`rules.triage.specialisedCategories.${i}`, c]),
    ...rules.triage.reservedCategories.map((r, i): [string, string] => [`rules.triage.reservedCategories.${i}.category`, r.category]),
    ...rules.paperOnlyCategories.map((c, i): [string, string] => [`rules.paperOnlyCategories.${i}`, c]),
    ...rules.subsidy.categoryYuan.map((c, i): [string, string] => [`rules.subsidy.categoryYuan.${i}.category`, c.category]),
  ];
  return named.filter(([, code]) => !knows(code)).map(([at, code]) => `${at}: 未知的纠纷分类 ${code}（先在 categories.added 中新增）`);
}
