// What a notice looks like in WeChat (a subscribe message) and in the in-app inbox. Messages carry the case
// number, a short status phrase, a time and a fixed hint — never a name, a phone or ID number, or dispute
// text (DOMAIN: "Notifications and share cards carry no personal data and no dispute text"). The guard below
// checks every value before anything is sent or stored in an inbox.
import type { NoticeTemplate } from '../case/store';

/** One subscribe-message template: its id (from configuration) and the title the inbox shows. */
export interface TemplateSpec {
  /** Environment variable holding the template id chosen in the WeChat admin console. */
  env: string;
  title: string;
  /** The fixed hint (thing field, ≤ 20 characters). */
  hint: string;
  /** Where tapping the message opens the mini-program. */
  page: string;
}

const CASE_PAGE = 'pages/cases/index/index';

export const TEMPLATES: Record<NoticeTemplate, TemplateSpec> = {
  case_progress: { env: 'SUBSCRIBE_TPL_CASE_PROGRESS', title: '案件进度', hint: '请进入小程序查看详情', page: CASE_PAGE },
  case_assigned: { env: 'SUBSCRIBE_TPL_CASE_ASSIGNED', title: '案件分派', hint: '您有新分派的调解案件', page: CASE_PAGE },
  transfer_received: { env: 'SUBSCRIBE_TPL_TRANSFER', title: '转办待接收', hint: '请在期限内接收或退回', page: CASE_PAGE },
  respondent_invited: { env: 'SUBSCRIBE_TPL_INVITED', title: '调解邀请', hint: '请进入小程序查看并答复', page: CASE_PAGE },
  deadline_alert: { env: 'SUBSCRIBE_TPL_DEADLINE', title: '期限提醒', hint: '请尽快办理', page: CASE_PAGE },
  session_reminder: { env: 'SUBSCRIBE_TPL_SESSION', title: '调解提醒', hint: '请按时参加调解', page: CASE_PAGE },
  performance_reminder: { env: 'SUBSCRIBE_TPL_PERFORMANCE', title: '履行提醒', hint: '请按协议约定按时履行', page: CASE_PAGE },
};

export function templateSpec(key: string): TemplateSpec {
  return (TEMPLATES as Record<string, TemplateSpec>)[key] ?? TEMPLATES.case_progress;
}

/** The template id: configured per deployment, with a local default so the local runtime shows which was used. */
export function templateId(key: string, env: Record<string, string | undefined> = process.env): string {
  const spec = templateSpec(key);
  return env[spec.env] || `local-${key in TEMPLATES ? key : 'case_progress'}`;
}

/** Beijing time as WeChat's `time` fields show it: 2026-11-23 09:30. */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export type SubscribeData = Record<string, { value: string }>;

/** Field limits of subscribe-message keyword types (characters). */
const LIMITS: Record<string, number> = { character_string1: 32, phrase2: 5, time3: 20, thing4: 20 };

/** Status phrases longer than a phrase field allows (5 characters), said shorter. */
const SHORT_PHRASE: Record<string, string> = { 待被申请人同意: '待对方同意' };

export function shortPhrase(phrase: string): string {
  return (SHORT_PHRASE[phrase] ?? phrase).slice(0, LIMITS.phrase2);
}

export function subscribeData(n: { caseNo: string; phrase: string; at: string; template: string }): SubscribeData {
  return {
    character_string1: { value: n.caseNo.slice(0, LIMITS.character_string1) },
    phrase2: { value: shortPhrase(n.phrase) },
    time3: { value: chinaTime(n.at) },
    thing4: { value: templateSpec(n.template).hint.slice(0, LIMITS.thing4) },
  };
}

// A mainland mobile number (with optional separators), a resident ID number (18 or 15 digits), or a landline.
const PHONE = /(?<!\d)1[3-9]\d(?:[\s-]?\d){8}(?!\d)/;
const RESIDENT_ID = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/;
const LANDLINE = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/;

/**
 * Why a text may not go into a notice, or undefined when it may: phone or ID numbers, a party's name,
 * or the dispute's own text. Used on every subscribe-message value and every inbox line.
 */
export function personalDataIn(text: string, forbidden: { names: string[]; texts: string[] }): string | undefined {
  if (PHONE.test(text)) return 'phone';
  if (RESIDENT_ID.test(text)) return 'id_number';
  if (LANDLINE.test(text)) return 'phone';
  for (const name of forbidden.names) if (name && name.length >= 2 && text.includes(name)) return 'name';
  for (const t of forbidden.texts) {
    // Any 8-character run of the dispute's own text counts as quoting it.
    const s = t.replace(/\s+/g, '');
    for (let i = 0; i + 8 <= s.length; i += 4) if (text.includes(s.slice(i, i + 8))) return 'dispute_text';
  }
  return undefined;
}

/** Checks a whole message: every data value and the inbox line. */
export function checkNotice(values: string[], forbidden: { names: string[]; texts: string[] }): string | undefined {
  for (const v of values) {
    const why = personalDataIn(v, forbidden);
    if (why) return why;
  }
  return undefined;
}
