import type { AgreementContent, OralAgreementContent, PerformanceItemSpec, WrittenAgreement } from './content';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './sha256';
import { isValidResidentId } from '../personal/resident-id';
import { addCalendarDays, chinaDateOf, isIsoDate, type IsoDate, type IsoInstant } from '../shared/time';
import { JUDICIAL_CONFIRMATION_DAYS, type DeploymentRules } from '../config/rules';
import { isWorkingDay, type WorkCalendar } from '../calendar/working-days';

export interface AgreementIssue {
  /** Where the problem is, e.g. `parties[1].idNumber`, `performance[0].place`. */
  field: string;
  code: string;
  message: string;
}

/** The canonical content hash a confirmation, signature and seal are bound to. */
export function agreementHash(content: AgreementContent | OralAgreementContent): string {
  return sha256Hex(canonicalJson(content));
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim().length === 0;

/** What a template leaves for the mediator to fill in; an agreement still containing it is not complete. */
export const TEMPLATE_BLANK = '____';

/** Every text of the agreement where a template blank was left unfilled. */
function unfilledBlanks(content: { facts?: string; disputedMatters?: string; responsibilities?: string; terms: string[]; performance: PerformanceItemSpec[] }): AgreementIssue[] {
  const texts: Array<[string, string | undefined]> = [
    ['facts', content.facts],
    ['disputedMatters', content.disputedMatters],
    ['responsibilities', content.responsibilities],
    ...content.terms.map((t, i): [string, string] => [`terms[${i}]`, t]),
    ...content.performance.flatMap((p, i): Array<[string, string]> => [
      [`performance[${i}].description`, p.description],
      [`performance[${i}].method`, p.method],
      [`performance[${i}].place`, p.place],
    ]),
  ];
  return texts
    .filter(([, text]) => text?.includes(TEMPLATE_BLANK))
    .map(([field]) => ({ field, code: 'BLANK_NOT_FILLED', message: '范本中的“____”处尚未填写' }));
}

function checkItems(
  items: PerformanceItemSpec[],
  partyIds: string[],
  today: IsoDate,
): AgreementIssue[] {
  const issues: AgreementIssue[] = [];
  if (items.length === 0) {
    issues.push({ field: 'performance', code: 'PERFORMANCE_MISSING', message: '协议须写明履行方式和期限' });
  }
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = `performance[${i}]`;
    if (blank(item.itemId) || seen.has(item.itemId)) {
      issues.push({ field: `${at}.itemId`, code: 'ITEM_ID_INVALID', message: `第${i + 1}项履行事项编号为空或重复` });
    }
    seen.add(item.itemId);
    if (blank(item.description)) issues.push({ field: `${at}.description`, code: 'ITEM_DESCRIPTION_MISSING', message: `第${i + 1}项履行事项未写明内容` });
    if (blank(item.method)) issues.push({ field: `${at}.method`, code: 'ITEM_METHOD_MISSING', message: `第${i + 1}项履行事项未写明履行方式` });
    if (blank(item.place)) issues.push({ field: `${at}.place`, code: 'ITEM_PLACE_MISSING', message: `第${i + 1}项履行事项未写明履行地点` });
    if (!isIsoDate(item.dueDate)) {
      issues.push({ field: `${at}.dueDate`, code: 'ITEM_DUE_DATE_INVALID', message: `第${i + 1}项履行事项的履行期限不是有效日期` });
    } else if (item.dueDate < today) {
      issues.push({ field: `${at}.dueDate`, code: 'ITEM_DUE_DATE_PAST', message: `第${i + 1}项履行事项的履行期限早于今天` });
    }
    if (!partyIds.includes(item.obligorPartyId) || !partyIds.includes(item.obligeePartyId)) {
      issues.push({ field: `${at}.obligorPartyId`, code: 'ITEM_PARTY_UNKNOWN', message: `第${i + 1}项履行事项的义务人或权利人不是本案当事人` });
    } else if (item.obligorPartyId === item.obligeePartyId) {
      issues.push({ field: `${at}.obligeePartyId`, code: 'ITEM_PARTY_SAME', message: `第${i + 1}项履行事项的义务人和权利人不能是同一人` });
    }
    if (item.amountYuan !== undefined && !(Number.isFinite(item.amountYuan) && item.amountYuan > 0)) {
      issues.push({ field: `${at}.amountYuan`, code: 'ITEM_AMOUNT_INVALID', message: `第${i + 1}项履行事项的金额应为正数` });
    }
  });
  return issues;
}

/**
 * People's Mediation Law Art. 29: the parties' basic information; the main facts, the matters in
 * dispute and each side's responsibility; the agreed terms with how and by when they are performed —
 * and, by the Ministry of Justice's 2002 rules, where. Every party of the case appears, with a valid
 * identity number (collected only now, at the agreement stage).
 */
export function validateAgreement(
  content: AgreementContent,
  caseParties: Array<{ partyId: string; role: 'applicant' | 'respondent' }>,
  today: IsoDate,
): AgreementIssue[] {
  const issues: AgreementIssue[] = [];
  const listed = content.parties.map((p) => p.partyId);
  for (const party of caseParties) {
    if (!listed.includes(party.partyId)) {
      issues.push({ field: 'parties', code: 'PARTY_MISSING', message: '协议须列明本案全部当事人' });
      break;
    }
  }
  if (listed.some((id) => !caseParties.some((p) => p.partyId === id))) {
    issues.push({ field: 'parties', code: 'PARTY_UNKNOWN', message: '协议列出的当事人不属于本案' });
  }
  content.parties.forEach((p, i) => {
    const at = `parties[${i}]`;
    const who = blank(p.name) ? `第${i + 1}位当事人` : p.name;
    if (blank(p.name)) issues.push({ field: `${at}.name`, code: 'PARTY_NAME_MISSING', message: `第${i + 1}位当事人未填写姓名或名称` });
    if (blank(p.address)) issues.push({ field: `${at}.address`, code: 'PARTY_ADDRESS_MISSING', message: `${who}未填写住所` });
    if (p.idDigest !== undefined) {
      // Checked in full before it was sealed; what is kept is the masked number and the digest.
      if (!/^[0-9a-f]{64}$/.test(p.idDigest) || blank(p.idNumber)) {
        issues.push({ field: `${at}.idNumber`, code: 'PARTY_ID_INVALID', message: `${who}的身份证件号码有误` });
      }
    } else if (p.idType === 'resident_id' && !isValidResidentId(p.idNumber, today)) {
      issues.push({ field: `${at}.idNumber`, code: 'PARTY_ID_INVALID', message: `${who}的公民身份号码有误` });
    } else if (p.idType === 'credit_code' && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(p.idNumber)) {
      issues.push({ field: `${at}.idNumber`, code: 'PARTY_ID_INVALID', message: `${who}的统一社会信用代码有误` });
    } else if (p.idType === 'other' && blank(p.idNumber)) {
      issues.push({ field: `${at}.idNumber`, code: 'PARTY_ID_INVALID', message: `${who}未填写身份证件号码` });
    }
    if (p.kind === 'organisation' && blank(p.representative)) {
      issues.push({ field: `${at}.representative`, code: 'PARTY_REPRESENTATIVE_MISSING', message: `${who}未填写法定代表人或负责人` });
    }
  });
  if (blank(content.facts)) issues.push({ field: 'facts', code: 'FACTS_MISSING', message: '协议须写明纠纷的主要事实' });
  if (blank(content.disputedMatters)) issues.push({ field: 'disputedMatters', code: 'MATTERS_MISSING', message: '协议须写明争议事项' });
  if (blank(content.responsibilities)) issues.push({ field: 'responsibilities', code: 'RESPONSIBILITY_MISSING', message: '协议须写明各方当事人的责任' });
  if (content.terms.filter((t) => !blank(t)).length === 0) issues.push({ field: 'terms', code: 'TERMS_MISSING', message: '协议须写明当事人达成的协议内容' });
  return [...issues, ...checkItems(content.performance, caseParties.map((p) => p.partyId), today), ...unfilledBlanks(content)];
}

/**
 * People's Mediation Law Art. 28: "当事人认为无需制作调解协议书的，可以采取口头协议方式，人民调解员应当记录协议内容";
 * MoJ 人民调解工作若干规定 (2002) Art. 34: "有民事权利义务内容的，或者当事人要求制作书面调解协议的，应当制作书面调解协议".
 * So an oral agreement is for a dispute settled with nothing left to perform (an apology, a misunderstanding
 * cleared up, a promise to keep the peace), and only when every party said they need no written agreement.
 * Returns why the oral form is not allowed here, or undefined when it is.
 */
export function oralFormProblem(
  content: OralAgreementContent,
  statedByPartyIds: readonly string[],
  partyIds: readonly string[],
): { code: 'ORAL_NOT_ALLOWED' | 'ORAL_CHOICE_REQUIRED'; message: string } | undefined {
  if (content.performance.length > 0) {
    return {
      code: 'ORAL_NOT_ALLOWED',
      message: '协议有需要履行的民事权利义务内容（付款、交付、修缮等），依法应当制作书面调解协议书，请起草调解协议',
    };
  }
  const missing = partyIds.filter((id) => !statedByPartyIds.includes(id));
  if (missing.length > 0 || statedByPartyIds.some((id) => !partyIds.includes(id))) {
    return {
      code: 'ORAL_CHOICE_REQUIRED',
      message: '须各方当事人均表示无需制作调解协议书，才能记录口头协议；有当事人要求书面协议的，请起草调解协议书',
    };
  }
  return undefined;
}

/** What the mediator must record of an oral agreement: its terms (the form itself is checked by `oralFormProblem`). */
export function validateOralAgreement(content: OralAgreementContent): AgreementIssue[] {
  const issues: AgreementIssue[] = [];
  if (content.terms.filter((t) => !blank(t)).length === 0) issues.push({ field: 'terms', code: 'TERMS_MISSING', message: '须记录当事人达成的协议内容' });
  return [...issues, ...unfilledBlanks(content)];
}

/** Marriage, adoption and inheritance matters cannot be confirmed electronically (Electronic Signature Law Art. 3). */
export function isPaperOnly(category: string, involvesPersonalRelations: boolean, rules: DeploymentRules): boolean {
  return involvesPersonalRelations || rules.paperOnlyCategories.includes(category);
}

/** The agreement takes effect when every party has confirmed, the mediator has signed and the committee has sealed this exact version. */
export function isInForce(agreement: WrittenAgreement, partyIds: string[]): boolean {
  const { hash } = agreement;
  return (
    partyIds.every((id) => agreement.confirmations.some((c) => c.partyId === id && c.hash === hash)) &&
    agreement.mediatorSignature?.hash === hash &&
    agreement.seal?.hash === hash
  );
}

export function missingConfirmations(agreement: WrittenAgreement, partyIds: string[]): string[] {
  return partyIds.filter((id) => !agreement.confirmations.some((c) => c.partyId === id && c.hash === agreement.hash));
}

/**
 * Last day (China date) to apply jointly for judicial confirmation: 30 days from the day the agreement took effect
 * (People's Mediation Law Art. 33; the day it took effect does not count). Civil Procedure Law (2023) Art. 85:
 * "期间届满的最后一日是法定休假日的，以法定休假日结束的次日为期间届满的日期" — a last day falling on a day off
 * (a statutory holiday or a weekend, per the work calendar; a make-up working day 调休 is a working day) moves to
 * the first working day after it.
 */
export function judicialConfirmationDeadline(effectiveAt: IsoInstant, calendar: WorkCalendar): IsoDate {
  let last = addCalendarDays(chinaDateOf(effectiveAt), JUDICIAL_CONFIRMATION_DAYS);
  while (!isWorkingDay(calendar, last)) last = addCalendarDays(last, 1);
  return last;
}
