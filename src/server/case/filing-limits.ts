// How often a resident may file in the app. One account filing twenty "violence threat" cases in a fifth of a
// second put twenty high-risk alerts in one organisation's outbox and spent its staff's one-time subscribe grants;
// these limits stop that without ever refusing an ordinary person (a family rarely has more than a dispute or
// two a day). Every refusal says what to do instead — in danger, call 110; otherwise come in person, where the
// window's staff register any number of cases (the first-inquiry rule: nobody is turned away).
// Many accounts at once are not refused here: an organisation's urgent alerts are capped where they cost its staff
// something — the relay sends at most `urgentPerOrgPerHour` of them an hour as WeChat messages, the rest go to the
// staff's inbox only (notify/relay.ts). A resident in danger is never refused because others filed before them.
import type { Limit } from '../kernel/rate-limit';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const COME_IN = '如有更多纠纷，请到社区（村）调委会或街道矛调中心当面反映，工作人员会为您登记。';
const IN_DANGER = '如情况危急，请立即拨打110报警；';

export const FILING_LIMITS = {
  perAccountPerHour: 5,
  perAccountPerDay: 10,
  urgentPerAccountPerDay: 2,
  /** Not a filing limit: urgent alerts sent to one organisation an hour as WeChat messages (notify/relay.ts). */
  urgentPerOrgPerHour: 20,
} as const;

type FilingLimits = { -readonly [K in keyof typeof FILING_LIMITS]: number };

/**
 * The limits in force: the defaults above, or a deployment's own from the function's `FILING_LIMITS` environment
 * variable (JSON with any of the keys, e.g. `{"perAccountPerDay":20}`); a malformed value keeps the defaults.
 */
export function limitsInForce(raw: string | undefined = process.env.FILING_LIMITS): FilingLimits {
  const limits: FilingLimits = { ...FILING_LIMITS };
  if (!raw) return limits;
  try {
    const given = JSON.parse(raw) as Record<string, unknown>;
    for (const key of Object.keys(limits) as Array<keyof FilingLimits>) {
      const v = given[key];
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) limits[key] = v;
    }
  } catch {
    // Defaults.
  }
  return limits;
}

/**
 * The limits on one filing, all the account's: they share one counter document (`file:account`), so a filing reads
 * and writes one document, urgent or not.
 */
export function filingLimits(openid: string, urgent: boolean, max: FilingLimits = limitsInForce()): Array<Limit & { doc: string }> {
  const limits: Array<Limit & { doc: string }> = [
    { name: 'file:account:hour', doc: 'file:account', key: openid, max: max.perAccountPerHour, windowMs: HOUR, message: `您提交申请太频繁，请一小时后再试。${COME_IN}` },
    { name: 'file:account:day', doc: 'file:account', key: openid, max: max.perAccountPerDay, windowMs: DAY, message: `您今天提交的申请已达上限。${COME_IN}` },
  ];
  if (urgent) {
    limits.push(
      { name: 'urgent:account:day', doc: 'file:account', key: openid, max: max.urgentPerAccountPerDay, windowMs: DAY, message: `${IN_DANGER}您今天已提交多起紧急求助，调解组织正在处理。${COME_IN}` },
    );
  }
  return limits;
}
