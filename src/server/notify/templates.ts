// What a notice looks like in WeChat (a subscribe message) and in the in-app inbox. Messages carry the case
// number, a short status phrase, a time and a fixed hint — never a name, a phone or ID number, or dispute
// text (DOMAIN: "Notifications and share cards carry no personal data and no dispute text"). The guard below
// checks every value before anything is sent or stored in an inbox.
import type { NoticeTemplate } from '../cases/store';

/** A field of a notice that can fill a template keyword. */
export type NoticeField =
  /** The case number, e.g. 20261123-AB3CD. */
  | 'caseNo'
  /** The short status phrase of the notice, e.g. 已受理, 待接收, 已超期. */
  | 'status'
  /** When the notice was made, Beijing time. */
  | 'time'
  /** The row's fixed hint, e.g. 请在期限内接收或退回. */
  | 'hint'
  /** The row's title, e.g. 转办待接收. */
  | 'title';

/**
 * Keyword types of WeChat subscribe-message templates and the value each accepts (subscribeMessage.send; a value
 * outside its rule is refused with 47003, which the relay treats as permanent).
 */
export type KeywordType = 'thing' | 'character_string' | 'phrase' | 'time' | 'date' | 'name' | 'number' | 'letter';

/** One keyword of a template: its Chinese name on the template's detail page, and the notice field that fills it. */
export interface Keyword {
  label: string;
  from: NoticeField;
}

/**
 * One kind of notice: the environment variable holding its template id, what the inbox shows, and the template's
 * keywords. The keyword ids (`thing4`, `time3`, …) are those of the template chosen for this kind in the WeChat
 * admin console (订阅消息 → 选用 → 详情): choose, for each kind, a library template with these keywords, or change
 * the row to the keywords of the one chosen — each kind has its own template, and a key the template lacks is 47003.
 */
export interface TemplateSpec {
  /** Environment variable holding the template id chosen in the WeChat admin console. */
  env: string;
  /** The template's title in WeChat's library, and what the inbox shows. */
  title: string;
  /** The fixed hint (a thing field, ≤ 20 characters). */
  hint: string;
  /** Where tapping the message opens the mini-program. */
  page: string;
  /** Who receives this kind: parties (residents) or staff (mediators, directors, intake staff). */
  audience: 'party' | 'staff' | 'both';
  /** Keyword id → what fills it. */
  keywords: Record<string, Keyword>;
}

const CASE_PAGE = 'pages/cases/index/index';

export const TEMPLATES: Record<NoticeTemplate, TemplateSpec> = {
  case_progress: {
    env: 'SUBSCRIBE_TPL_CASE_PROGRESS',
    title: '案件进度',
    hint: '请进入小程序查看详情',
    page: CASE_PAGE,
    audience: 'both',
    keywords: {
      character_string1: { label: '案件编号', from: 'caseNo' },
      thing2: { label: '办理进度', from: 'status' },
      time3: { label: '更新时间', from: 'time' },
      thing4: { label: '温馨提示', from: 'hint' },
    },
  },
  case_assigned: {
    env: 'SUBSCRIBE_TPL_CASE_ASSIGNED',
    title: '案件分派',
    hint: '您有新分派的调解案件',
    page: CASE_PAGE,
    audience: 'staff',
    keywords: {
      character_string1: { label: '案件编号', from: 'caseNo' },
      thing2: { label: '任务名称', from: 'title' },
      time3: { label: '分派时间', from: 'time' },
      thing4: { label: '备注', from: 'hint' },
    },
  },
  transfer_received: {
    env: 'SUBSCRIBE_TPL_TRANSFER',
    title: '转办待接收',
    hint: '请在期限内接收或退回',
    page: CASE_PAGE,
    audience: 'staff',
    keywords: {
      character_string2: { label: '案件编号', from: 'caseNo' },
      phrase1: { label: '办理状态', from: 'status' },
      time3: { label: '转办时间', from: 'time' },
      thing4: { label: '办理提示', from: 'hint' },
    },
  },
  respondent_invited: {
    env: 'SUBSCRIBE_TPL_INVITED',
    title: '调解邀请',
    hint: '请进入小程序查看并答复',
    page: CASE_PAGE,
    audience: 'party',
    keywords: {
      character_string1: { label: '案件编号', from: 'caseNo' },
      thing2: { label: '邀请事项', from: 'title' },
      time3: { label: '邀请时间', from: 'time' },
      thing4: { label: '温馨提示', from: 'hint' },
    },
  },
  deadline_alert: {
    env: 'SUBSCRIBE_TPL_DEADLINE',
    title: '期限提醒',
    hint: '请尽快办理',
    page: CASE_PAGE,
    audience: 'staff',
    keywords: {
      character_string1: { label: '案件编号', from: 'caseNo' },
      phrase2: { label: '提醒类型', from: 'status' },
      time4: { label: '提醒时间', from: 'time' },
      thing5: { label: '处理建议', from: 'hint' },
    },
  },
  session_reminder: {
    env: 'SUBSCRIBE_TPL_SESSION',
    title: '调解提醒',
    hint: '请按时参加调解',
    page: CASE_PAGE,
    audience: 'both',
    keywords: {
      character_string1: { label: '案件编号', from: 'caseNo' },
      thing2: { label: '提醒事项', from: 'status' },
      time3: { label: '提醒时间', from: 'time' },
      thing4: { label: '温馨提示', from: 'hint' },
    },
  },
  performance_reminder: {
    env: 'SUBSCRIBE_TPL_PERFORMANCE',
    title: '履行提醒',
    hint: '请按协议约定按时履行',
    page: CASE_PAGE,
    audience: 'party',
    keywords: {
      character_string1: { label: '案件编号', from: 'caseNo' },
      thing2: { label: '提醒事项', from: 'status' },
      time3: { label: '提醒时间', from: 'time' },
      thing4: { label: '温馨提示', from: 'hint' },
    },
  },
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

/** The type of a keyword id: `character_string12` → character_string. */
export function keywordType(id: string): KeywordType {
  const t = id.replace(/\d+$/, '');
  if (!(t in RULES)) throw new Error(`unknown subscribe-message keyword type: ${id}`);
  return t as KeywordType;
}

const HAN = /^[\u4e00-\u9fff]+$/;

/** WeChat's value rule of each keyword type: why a value would be refused, or undefined when it is accepted. */
export const RULES: Record<KeywordType, (v: string) => string | undefined> = {
  thing: (v) => (!v ? 'empty' : [...v].length > 20 ? 'thing: over 20 characters' : undefined),
  character_string: (v) => (!v ? 'empty' : v.length > 32 ? 'character_string: over 32 characters' : /^[\x21-\x7e]+$/.test(v) ? undefined : 'character_string: only letters, digits and symbols'),
  phrase: (v) => (!v ? 'empty' : !HAN.test(v) ? 'phrase: Chinese characters only' : [...v].length > 5 ? 'phrase: over 5 characters' : undefined),
  time: (v) => (/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}|\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2})$/.test(v) ? undefined : 'time: not a date and time'),
  date: (v) => (/^(\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)( \d{1,2}:\d{2})?$/.test(v) ? undefined : 'date: not a date'),
  name: (v) => (!v ? 'empty' : HAN.test(v) ? ([...v].length > 10 ? 'name: over 10 Chinese characters' : undefined) : /^[A-Za-z\x21-\x7e ]{1,20}$/.test(v) ? undefined : 'name: over 20 letters'),
  number: (v) => (/^\d{1,32}(\.\d+)?$/.test(v) ? undefined : 'number: digits only, at most 32'),
  letter: (v) => (/^[A-Za-z]{1,32}$/.test(v) ? undefined : 'letter: letters only, at most 32'),
};

/** Status phrases said shorter where a phrase keyword allows only 5 Chinese characters. */
const SHORT_PHRASE: Record<string, string> = {
  待被申请人同意: '待对方同意',
  待上级指定: '待指定',
  请确认是否同意延长调解期限: '待确认延期',
  当事人不同意延期: '不同意延期',
};

export function shortPhrase(phrase: string): string {
  return [...(SHORT_PHRASE[phrase] ?? phrase).replace(/[^\u4e00-\u9fff]/g, '')].slice(0, 5).join('');
}

/** A notice field fitted to a keyword type's rule (cut to length, characters the type refuses left out). */
export function fitValue(type: KeywordType, value: string): string {
  switch (type) {
    case 'thing':
      return [...value].slice(0, 20).join('');
    case 'character_string':
      return value.replace(/[^\x21-\x7e]/g, '').slice(0, 32);
    case 'phrase':
      return shortPhrase(value);
    case 'name':
      return [...value].slice(0, 10).join('');
    default:
      return value;
  }
}

/** The message's data for the notice's own template: each keyword of its row, filled from its field. */
export function subscribeData(n: { caseNo: string; phrase: string; at: string; template: string }): SubscribeData {
  const spec = templateSpec(n.template);
  const fields: Record<NoticeField, string> = { caseNo: n.caseNo, status: n.phrase, time: chinaTime(n.at), hint: spec.hint, title: spec.title };
  return Object.fromEntries(Object.entries(spec.keywords).map(([id, k]) => [id, { value: fitValue(keywordType(id), fields[k.from]) }]));
}

/** The keyword id of a template that carries the given field (e.g. where the case number goes). */
export function keywordFor(template: NoticeTemplate, field: NoticeField): string {
  const hit = Object.entries(TEMPLATES[template].keywords).find(([, k]) => k.from === field);
  if (!hit) throw new Error(`${template} has no keyword for ${field}`);
  return hit[0];
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
