import type { Duration } from '../calendar/working-days';

/** The authority a matter is referred to when it is not for mediation (告知/引导). */
export type ReferralAuthority =
  | 'court'
  | 'police'
  | 'procuratorate'
  | 'labour_arbitration'
  | 'arbitration'
  | 'administrative'
  | 'petition_office'
  | 'other';

export const AUTHORITY_LABEL: Record<ReferralAuthority, string> = {
  court: '人民法院',
  police: '公安机关',
  procuratorate: '人民检察院',
  labour_arbitration: '劳动人事争议仲裁委员会',
  arbitration: '仲裁机构',
  administrative: '有关行政机关',
  petition_office: '信访部门',
  other: '其他有权机关',
};

/**
 * Everything a deployment may tune. The default below follows the brief; a deployment's file gives a partial
 * override (`rules`), merged onto it and checked whole by `checkRulesOverride` (config/schema.ts).
 */
export interface DeploymentRules {
  triage: {
    /** Amount in dispute (yuan) from which the street/township centre handles it. */
    largeAmountYuan: number;
    /** People involved from which the street/township centre handles it. */
    streetPeopleMin: number;
    /** People involved from which a dispute is a group dispute (群体性) for the district centre. */
    groupPeopleMin: number;
    /** Categories the district centre always handles (e.g. 征地拆迁, 环境污染). */
    districtCategories: string[];
    /** Categories a specialised committee takes when one serves the area. */
    specialisedCategories: string[];
    /** Categories the law reserves to a specific authority: referred out, not mediated. */
    reservedCategories: Array<{ category: string; authority: ReferralAuthority }>;
  };
  /** Matters that cannot be confirmed electronically (Electronic Signature Law Art. 3): offline signing only. */
  paperOnlyCategories: string[];
  /**
   * Reminders to both parties before the last date to apply for judicial confirmation (Art. 33): calendar days
   * before it, each sent once per party while they have not said they applied and the agreement is not performed.
   */
  judicialConfirmationReminderDays: number[];
  /** Numbers shown to a resident when a dispute is high-risk. */
  emergencyNumbers: Array<{ label: string; number: string }>;
  deadlines: {
    /** First-inquiry organisation decides: accept, transfer or refer. */
    triage: Duration;
    /** The same for an urgent (high-risk) case. */
    urgentTriage: Duration;
    /** Receiving organisation accepts or returns a transfer. */
    transferResponse: Duration;
    /** A parent organisation designates who handles an escalated case. */
    designation: Duration;
    /** Accepted case gets a mediator. */
    mediatorAssignment: Duration;
    /** Respondent says whether they agree to mediate. */
    respondentReply: Duration;
    /** Extra time a respondent may ask for, once. */
    respondentExtraTime: Duration;
    /** Mediation concluded, counted from acceptance (MoJ 2002: normally one month). */
    mediation: Duration;
    /** The one extension both parties may agree to. */
    mediationExtension: Duration;
    /** Return visit after the last performance due date. */
    returnVisit: Duration;
    /** Reminder this long before a performance item is due. */
    performanceReminder: Duration;
    /** Reminder this long before a session. */
    sessionReminder: Duration;
  };
  /** 以案定补: what a mediator's closed cases earn each month (seeds 001 个案奖励, 004 工作业绩与工作补贴直接挂钩). */
  subsidy: SubsidyRates;
  /**
   * Years a closed case's electronic file (电子卷宗) is kept, counted from the day it closed: its record says so
   * (`keepUntil`) and nothing of it is removed before then.
   */
  archiveRetentionYears: number;
}

/**
 * The rates of the monthly subsidy ledger. A case earns its amount only if it meets every condition: it closed with
 * an outcome named in `countedOutcomes` (default: resolved — agreement performed and return visit done, the file
 * complete), its mediation concluded within the deadline (`onTimeOnly`), and the parties' ratings, if any, average
 * at least `minSatisfaction` (群众评议).
 */
export interface SubsidyRates {
  /** Yuan per counted case. */
  baseYuan: number;
  /** A category's own amount instead of the base (e.g. a larger one for land or labour disputes). */
  categoryYuan: Array<{ category: string; yuan: number }>;
  /** Parties from which a case counts as one with several parties. */
  severalPartiesMin: number;
  /** Yuan added for a case with several parties. */
  severalPartiesExtraYuan: number;
  /** Yuan added for an urgent or high-risk case. */
  highRiskExtraYuan: number;
  countedOutcomes: Array<'resolved' | 'failed' | 'terminated' | 'withdrawn' | 'respondent_refused' | 'no_reply' | 'referred'>;
  onTimeOnly: boolean;
  /** 1–5; 0 for no condition on ratings. */
  minSatisfaction: number;
  /** The most one mediator may receive in a month, in yuan. */
  monthlyCapYuan: number;
}

export const DEFAULT_RULES: DeploymentRules = {
  triage: {
    largeAmountYuan: 50_000,
    streetPeopleMin: 5,
    groupPeopleMin: 10,
    districtCategories: ['land_requisition', 'environmental_pollution'],
    specialisedCategories: ['labour', 'traffic', 'medical', 'property', 'family', 'marriage'],
    reservedCategories: [],
  },
  paperOnlyCategories: ['marriage', 'adoption', 'inheritance'],
  judicialConfirmationReminderDays: [10, 3],
  emergencyNumbers: [
    { label: '报警', number: '110' },
    { label: '急救', number: '120' },
    { label: '心理援助热线', number: '12356' },
  ],
  deadlines: {
    triage: { amount: 1, unit: 'working_days' },
    urgentTriage: { amount: 2, unit: 'hours' },
    transferResponse: { amount: 2, unit: 'working_days' },
    designation: { amount: 2, unit: 'working_days' },
    mediatorAssignment: { amount: 1, unit: 'working_days' },
    respondentReply: { amount: 5, unit: 'working_days' },
    respondentExtraTime: { amount: 5, unit: 'working_days' },
    mediation: { amount: 30, unit: 'calendar_days' },
    mediationExtension: { amount: 30, unit: 'calendar_days' },
    returnVisit: { amount: 5, unit: 'working_days' },
    performanceReminder: { amount: 3, unit: 'calendar_days' },
    sessionReminder: { amount: 24, unit: 'hours' },
  },
  subsidy: {
    baseYuan: 100,
    categoryYuan: [],
    severalPartiesMin: 3,
    severalPartiesExtraYuan: 50,
    highRiskExtraYuan: 100,
    countedOutcomes: ['resolved'],
    onTimeOnly: true,
    minSatisfaction: 3,
    monthlyCapYuan: 1000,
  },
  archiveRetentionYears: 10,
};

/** Judicial confirmation must be applied for within 30 days of the agreement taking effect (Art. 33). Law, not config. */
export const JUDICIAL_CONFIRMATION_DAYS = 30;
