// The bench's scenario per action: who calls it, on a case in which state, with what input.
//
// ONE ENTRY PER ACTION. A new action is one entry in SCENARIOS below (and, if it needs a case in a new
// state, one more stage in `stage()`). An action of a built function without an entry is printed as
// "not measured", never skipped, and fails test/server/bench-scenarios.test.ts. A path of an action its entry
// does not take (another caller, an input option) is a named variant in VARIANTS, measured and printed as its
// own row, `fn.action (name)`, right after the action's.
//
// Stages are reached through the real API, as a user would get there; a mutating action gets a fresh
// fixture for every measured run, a read shares one.
import type { LocalRuntime } from '../../src/local/runtime';
import { CALENDARS } from '../../src/server/booking/resources';
import { ROLLUP_BATCH } from '../../src/server/report/figure-counters';
import { ledgerIdOf, SUBSIDY_LEDGERS } from '../../src/server/report/subsidies';
import { EXPIRY_MINUTE } from '../../src/server/timer/schedule';
import { TYPICAL_REVISION, TYPICAL_TEXT } from '../../test/helpers/typical-text';

export interface Fixture {
  caseId: string;
  /** An invitation code (respondent or staff), when the stage made one. */
  code?: string;
  /** This fixture's own residents (each fixture has its own, so `case.mine` lists a realistic handful). */
  applicant: string;
  respondent: string;
  /** The agreement's content hash (agreement stages). */
  hash?: string;
  /** Free slots of the case's mediator, and a booking made (booking stages). */
  slots?: string[];
  bookingId?: string;
  roomId?: string;
  /** The pool's expert (expert stages), a scan in storage (paper stage), an officer's report (brewing stage). */
  expertId?: string;
  fileId?: string;
  reportId?: string;
  /** A typical case published from the fixture's closed case ('typical' stage). */
  typicalId?: string;
}

export type Stage =
  | 'none'
  | 'staffCode'
  | 'room'
  | 'registered'
  | 'held'
  | 'accepted'
  | 'assigned'
  | 'consent'
  | 'joined'
  | 'mediating'
  /** In mediation, the respondent never in WeChat: the mediator recorded their consent given by phone. */
  | 'mediatingOffline'
  | 'drafted'
  | 'confirmed'
  | 'signed'
  | 'inForce'
  | 'visited'
  | 'slotsKnown'
  | 'booked'
  /** Slots known for a session in a room ('on_site'): the organisation has a room open at the bench's hours. */
  | 'slotsKnownOnSite'
  /** A session in a room booked by the applicant, not yet confirmed by the respondent. */
  | 'bookedOnSite'
  | 'transferring'
  | 'designating'
  | 'extension'
  /** The district's expert pool holds an expert whose account joined (no case). */
  | 'expertPool'
  /** A new pool entry, and a staff code for it (the expert's invitation, not yet redeemed). */
  | 'expertCode'
  /** In mediation, with the pool's expert at hand ('withExpert': added to the case by the director). */
  | 'expertReady'
  | 'withExpert'
  /** Mediation failed and the case closed: its electronic file is made. */
  | 'closed'
  /** Closed, and written up as a typical case the committee's director published. */
  | 'typical'
  /** A court's referral, referred on and closed: its outcome not yet reported back to the court. */
  | 'referredInClosed'
  /** An inheritance agreement (paper only) drafted ('paperScanned': a scan uploaded under the path issued for p1). */
  | 'paperDrafted'
  | 'paperScanned'
  /** A report of the committee's information officer, not yet registered as a case. */
  | 'brewing';

export interface Scenario {
  /** The caller's OPENID ('' for a timer), fixed or from the fixture. */
  who: string | ((f: Fixture) => string);
  /** The case state each run starts from; default 'none' (no case needed). */
  stage?: Stage;
  /** The action's `data`. */
  input?: (f: Fixture) => unknown;
  /** The whole event instead of { action, data, requestId } (timer triggers). */
  event?: (f: Fixture) => unknown;
  /** Prepares something the call needs besides the stage (e.g. the content check's next verdict). */
  before?: (rt: LocalRuntime, f: Fixture) => void | Promise<void>;
  /**
   * Once before the runs at each store size (e.g. clearing a backlog other scenarios left behind, or what the
   * write scenarios measured before added to the list a read shows, so the read lists the same at each size).
   */
  prepare?: (rt: LocalRuntime) => Promise<void>;
}

export const DEMO = {
  director: 'demo-director',
  mediator: 'demo-mediator',
  streetDirector: 'demo-street-director',
  intake: 'demo-intake',
  officer: 'demo-officer',
  supervisor: 'demo-supervisor',
  districtDirector: 'demo-district-director',
} as const;

/** The account of the bench's expert in the district pool. */
const EXPERT = 'bench-expert';
/** What the `org.saveExpert` runs add to the pool (one entry a run). */
const SAVED_EXPERT = { name: '王医生', field: '医疗', affiliation: '区人民医院', mobile: '13966667777' } as const;
/** Where the staff write scenarios grant and remove roles: not 柳岸, whose staff the reads list. */
const STAFF_WRITES_ORG = 'wangjiang-committee';
/**
 * The committee whose month the bench's month reads read (`report.register`, `report.subsidyLedger` and its approval,
 * `case.overdue`), and its director (an account setUp makes). No write scenario touches it (they file in 柳岸,
 * transfer to 东湖, designate to 望江): what those reads list is the store's, the same at 1,000 and 100,000 cases
 * (this month's 200 and a full last month's 200: bulk.ts). 柳岸's own month also holds every case the write
 * scenarios file and leave open, more at each size (the subsidy ledger reads a month's cases with the ones open now).
 */
const MONTH_ORG = 'taoyuan-committee';
const MONTH_DIRECTOR = 'bench-director-taoyuan';
/** Each committee's mediator on the store's cases (bulk.ts): the demo's for 柳岸, accounts setUp makes for the rest. */
export const COMMITTEE_MEDIATORS: Record<string, string> = {
  liuan: 'demo-mediator',
  wangjiang: 'bench-mediator-wangjiang',
  taoyuan: 'bench-mediator-taoyuan',
  shiqiao: 'bench-mediator-shiqiao',
};
/** The district's expert pool as the bench's reads find it (a couple of dozen experts, the bench's one among them). */
export const POOL_SIZE = 24;
/** 柳岸's staff history as setUp makes it: people who joined by invitation, and how many of them left since. */
export const COMMITTEE_JOINED = 12;
export const COMMITTEE_LEFT = 6;

const applicant = (f: Fixture) => f.applicant;
const respondent = (f: Fixture) => f.respondent;
const caseRef = (f: Fixture) => ({ caseId: f.caseId });

export const filing = (over: Record<string, unknown> = {}) => ({
  category: 'debt',
  summary: '借给邻居两万元，约定半年归还，到期后多次催要未果，对方称暂时没钱。',
  wants: '希望对方按约定归还借款',
  communityId: 'liuan',
  amountYuan: 20000,
  applicant: { name: '张阿姨', mobile: '13812345678' },
  respondents: [{ name: '李先生', mobile: '13987654321' }],
  consent: { privacy: true, shareWithOtherOrgs: true },
  ...over,
});

/** Every day 07:00–22:00: enough free hours for every booking the bench makes. */
const WIDE_HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '07:00', end: '22:00' }));

/** A complete written agreement for the bench's filing (the respondent pays in two instalments). */
function agreementContent(over: Record<string, unknown> = {}) {
  const day = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
  return {
    parties: [
      { partyId: 'p1', role: 'applicant', kind: 'person', name: '张阿姨', idType: 'resident_id', idNumber: '11010519491231002X', address: '柳岸社区3栋201' },
      { partyId: 'p2', role: 'respondent', kind: 'person', name: '李先生', idType: 'resident_id', idNumber: '32010619851203041X', address: '柳岸社区3栋301' },
    ],
    facts: '2026年5月，李先生向张阿姨借款两万元，约定半年归还，到期未还。',
    disputedMatters: '借款的归还期限和方式。',
    responsibilities: '李先生应按约定归还借款。',
    terms: ['李先生分两期归还张阿姨借款两万元。'],
    performance: [
      { itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '归还第一期借款', amountYuan: 10000, method: '微信转账', place: '柳岸社区人民调解委员会', dueDate: day(5) },
      { itemId: 'i2', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '归还第二期借款', amountYuan: 10000, method: '微信转账', place: '柳岸社区人民调解委员会', dueDate: day(20) },
    ],
    ...over,
  };
}

/** China's calendar day `days` from now, as YYYY-MM-DD. */
const dayFromNow = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

/**
 * A different past month at every call, newest first (last month, the one before, …): a screening report is
 * once per month, so each run takes one not taken yet. Runs after the first few reach months
 * with none of the bench's cases (all filed this month), so they measure the action on a quiet month.
 */
function monthsBack(): () => string {
  let back = 0;
  return () => {
    back += 1;
    const d = new Date(Date.now() + 8 * 3600_000);
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
    return m.toISOString().slice(0, 7);
  };
}
const screeningMonth = monthsBack();

/**
 * Last month (China time): the register a director makes once the month has ended, a full month's (MONTH_ORG's
 * 200 cases at every store size: bulk.ts). `report.subsidyLedger` reads the same month (its default).
 */
function lastMonth(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

const visitor = {
  source: 'walk_in',
  category: 'neighbourhood',
  summary: '来访人反映楼上邻居在楼道堆放杂物，影响通行和消防安全，多次沟通无果。',
  communityId: 'liuan',
  applicants: [{ name: '赵大爷' }],
  respondents: [{ name: '钱某' }],
  visitorConsent: true,
  shareWithOtherOrgs: false,
};

export const SCENARIOS: Record<string, Scenario> = {
  // ---- case: intake and reads
  'case.file': { who: applicant, input: () => filing() },
  'case.register': { who: DEMO.director, input: () => visitor },
  'case.get': { who: applicant, stage: 'mediating', input: caseRef },
  'case.audit': { who: DEMO.director, stage: 'mediating', input: caseRef },
  'case.assigned': { who: DEMO.mediator, input: () => ({}) },
  'case.overdue': { who: MONTH_DIRECTOR, input: () => ({ orgId: MONTH_ORG }) },
  'case.mine': { who: applicant, stage: 'mediating', input: () => ({}) },
  'case.queue': { who: DEMO.director, input: () => ({}) },
  'case.raiseRisk': { who: DEMO.mediator, stage: 'mediating', input: (f) => ({ caseId: f.caseId, risk: 'high', riskSignals: ['violence_threat'], reason: '对方扬言上门动手' }) },
  'case.markPersonalRelations': { who: DEMO.mediator, stage: 'mediating', input: (f) => ({ caseId: f.caseId, reason: '调解中查明涉及遗产继承' }) },
  // ---- case: routing under the first-inquiry rule
  'case.accept': { who: DEMO.director, stage: 'registered', input: caseRef },
  'case.transfer': {
    who: DEMO.director,
    stage: 'registered',
    input: (f) => ({ caseId: f.caseId, toOrgId: 'donghu-centre', reason: '对方住在望江社区，需街道协调', overrideReason: '属跨社区纠纷' }),
  },
  'case.acceptTransfer': { who: DEMO.streetDirector, stage: 'transferring', input: caseRef },
  'case.returnTransfer': { who: DEMO.streetDirector, stage: 'transferring', input: (f) => ({ caseId: f.caseId, reason: '双方均在柳岸社区居住，应由社区调处' }) },
  'case.escalate': { who: DEMO.director, stage: 'registered', input: (f) => ({ caseId: f.caseId, reason: '案情复杂，报请上级' }) },
  'case.designate': { who: DEMO.streetDirector, stage: 'designating', input: (f) => ({ caseId: f.caseId, orgId: 'wangjiang-committee', reason: '指定望江社区承办' }) },
  'case.referOut': {
    who: DEMO.director,
    stage: 'registered',
    input: (f) => ({ caseId: f.caseId, authority: 'court', guidance: '可向清风区人民法院起诉', reason: '已进入诉讼程序' }),
  },
  'case.assignMediator': { who: DEMO.director, stage: 'accepted', input: (f) => ({ caseId: f.caseId, mediatorId: DEMO.mediator }) },
  // ---- case: the respondent
  'case.invite': { who: DEMO.mediator, stage: 'assigned', input: caseRef },
  'case.openInvite': { who: respondent, stage: 'consent', input: (f) => ({ code: f.code }) },
  'case.join': { who: respondent, stage: 'consent', input: (f) => ({ code: f.code }) },
  'case.inviteQr': { who: DEMO.mediator, stage: 'consent', input: (f) => ({ caseId: f.caseId, code: f.code }) },
  // The respondent is not in WeChat: the mediator records their answer given on the phone.
  'case.recordForParty': {
    who: DEMO.mediator,
    stage: 'consent',
    input: (f) => ({ caseId: f.caseId, partyId: 'p2', act: 'reply', reply: 'agree', how: 'phone', reason: '电话中表示同意调解' }),
  },
  'case.reply': { who: respondent, stage: 'joined', input: (f) => ({ caseId: f.caseId, reply: 'agree' }) },
  'case.recuse': { who: applicant, stage: 'mediating', input: (f) => ({ caseId: f.caseId, reason: '调解员与对方是亲戚' }) },
  // The respondent is not in WeChat: the director records their recusal request made at the office.
  'case.recordRecusal': {
    who: DEMO.director,
    stage: 'mediatingOffline',
    input: (f) => ({ caseId: f.caseId, partyId: 'p2', how: 'in_person', reason: '调解员与申请人是亲戚' }),
  },
  // ---- case: the district's invited experts on a case
  'case.addExpert': { who: DEMO.director, stage: 'expertReady', input: (f) => ({ caseId: f.caseId, expertId: f.expertId, reason: '需要律师提供法律意见' }) },
  'case.removeExpert': { who: DEMO.director, stage: 'withExpert', input: (f) => ({ caseId: f.caseId, expertId: f.expertId, reason: '专家已出具法律意见' }) },
  'case.recuseExpert': { who: applicant, stage: 'withExpert', input: (f) => ({ caseId: f.caseId, expertId: f.expertId, reason: '专家曾为对方提供法律服务' }) },
  // ---- case: personal data, extension, review, ending
  'case.revealContact': { who: DEMO.mediator, stage: 'mediating', input: (f) => ({ caseId: f.caseId, partyId: 'p1' }) },
  'case.requestExtension': { who: DEMO.mediator, stage: 'mediating', input: (f) => ({ caseId: f.caseId, reason: '需要时间核对账目' }) },
  'case.consentExtension': { who: applicant, stage: 'extension', input: (f) => ({ caseId: f.caseId, agree: true }) },
  'case.reviewQueue': { who: DEMO.director, input: () => ({}) },
  'case.review': { who: DEMO.director, stage: 'held', input: (f) => ({ caseId: f.caseId, decision: 'clear' }) },
  'case.withdraw': { who: applicant, stage: 'mediating', input: (f) => ({ caseId: f.caseId, reason: '已自行和解' }) },
  'case.terminate': { who: applicant, stage: 'mediating', input: (f) => ({ caseId: f.caseId, reason: '不愿继续调解' }) },
  'case.referralFeedbackSent': { who: DEMO.director, stage: 'referredInClosed', input: (f) => ({ caseId: f.caseId, sentOn: dayFromNow(0), how: 'post' }) },
  // ---- agreement
  'agreement.template': { who: DEMO.mediator, stage: 'mediating', input: caseRef },
  'agreement.draft': { who: DEMO.mediator, stage: 'mediating', input: (f) => ({ caseId: f.caseId, content: agreementContent() }) },
  'agreement.revise': {
    who: DEMO.mediator,
    stage: 'drafted',
    input: (f) => ({ caseId: f.caseId, content: agreementContent({ terms: ['李先生赔偿张阿姨维修费3200元，分两期支付。', '李先生于十日内修好卫生间防水。'] }), reason: '根据双方意见调整赔偿数额' }),
  },
  'agreement.get': { who: applicant, stage: 'inForce', input: caseRef },
  'agreement.confirm': { who: applicant, stage: 'drafted', input: (f) => ({ caseId: f.caseId, hash: f.hash }) },
  // The paper path (an agreement the law wants on paper): where to put a party's scan, then the scan recorded.
  'agreement.scanPath': { who: DEMO.mediator, stage: 'paperDrafted', input: (f) => ({ caseId: f.caseId, partyId: 'p1' }) },
  'agreement.uploadScan': { who: DEMO.mediator, stage: 'paperScanned', input: (f) => ({ caseId: f.caseId, partyId: 'p1', hash: f.hash, fileId: f.fileId }) },
  'agreement.sign': { who: DEMO.mediator, stage: 'confirmed', input: (f) => ({ caseId: f.caseId, hash: f.hash }) },
  'agreement.seal': { who: DEMO.director, stage: 'signed', input: (f) => ({ caseId: f.caseId, hash: f.hash }) },
  'agreement.oral': {
    who: DEMO.mediator,
    stage: 'mediating',
    // Settled on the spot with nothing to perform, every party saying they need no written agreement (Art. 28).
    input: (f) => ({ caseId: f.caseId, content: { terms: ['李先生当面向张阿姨道歉，双方和好。'] }, partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'] }),
  },
  'agreement.markDone': { who: applicant, stage: 'inForce', input: (f) => ({ caseId: f.caseId, itemId: 'i1' }) },
  'agreement.returnVisit': { who: DEMO.mediator, stage: 'inForce', input: (f) => ({ caseId: f.caseId, result: 'not_performed', notes: '尚未付款，已督促履行' }) },
  'agreement.rate': { who: applicant, stage: 'visited', input: (f) => ({ caseId: f.caseId, score: 5, comment: '调解员很耐心' }) },
  'agreement.judicialApplied': { who: applicant, stage: 'inForce', input: (f) => ({ caseId: f.caseId, appliedOn: dayFromNow(0) }) },
  'agreement.close': { who: DEMO.mediator, stage: 'mediating', input: (f) => ({ caseId: f.caseId, outcome: 'failed', reason: '双方对赔偿数额分歧较大' }) },
  // ---- booking (the demo mediator's hours are widened once, so runs do not run out of slots)
  'booking.rooms': { who: applicant, input: () => ({ orgId: 'liuan-committee' }) },
  'booking.setRoom': { who: DEMO.director, stage: 'room', input: (f) => ({ orgId: 'liuan-committee', roomId: f.roomId, name: '基准测试调解室', capacity: 4 }) },
  'booking.availability': { who: DEMO.mediator, input: () => ({}) },
  'booking.setAvailability': { who: DEMO.mediator, input: () => ({ weekly: WIDE_HOURS }) },
  'booking.slots': { who: applicant, stage: 'mediating', input: (f) => ({ caseId: f.caseId, mode: 'online' }) },
  'booking.book': { who: applicant, stage: 'slotsKnown', input: (f) => ({ caseId: f.caseId, startAt: f.slots![0], mode: 'online' }) },
  'booking.confirm': { who: respondent, stage: 'booked', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId }) },
  'booking.reschedule': { who: applicant, stage: 'booked', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, startAt: f.slots![1], mode: 'online', reason: '临时有事，改约时间' }) },
  'booking.cancel': { who: applicant, stage: 'booked', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, reason: '临时有事，取消预约' }) },
  'booking.record': {
    who: DEMO.mediator,
    stage: 'mediating',
    input: (f) => ({ caseId: f.caseId, kind: 'investigation', attendeePartyIds: ['p1'], summary: '走访申请人，了解借款经过和还款约定。' }),
  },
  'booking.bookings': { who: applicant, stage: 'booked', input: caseRef },
  // ---- report (figures and registers read the organisation's cases of the period)
  'report.figures': { who: DEMO.director, input: () => ({ orgId: 'liuan-committee' }) },
  'report.overview': { who: DEMO.supervisor, input: () => ({}) },
  'report.register': { who: MONTH_DIRECTOR, input: () => ({ orgId: MONTH_ORG, kind: 'acceptance', month: lastMonth() }) },
  'report.document': { who: DEMO.director, stage: 'accepted', input: (f) => ({ caseId: f.caseId, kind: 'rights_notice' }) },
  'report.archive': { who: DEMO.director, stage: 'closed', input: caseRef },
  'report.submitScreening': {
    who: DEMO.officer,
    input: () => ({ month: screeningMonth(), findings: [{ category: 'neighbourhood', count: 2 }], notes: '两处楼道堆物纠纷，已告知社区' }),
  },
  'report.convertReport': {
    who: DEMO.director,
    stage: 'brewing',
    input: (f) => ({ reportId: f.reportId, applicants: [{ name: '吴先生', mobile: '13600001234' }], respondents: [{ name: '邻居钱某' }], visitorConsent: true, shareWithOtherOrgs: false }),
  },
  'report.reportBrewing': {
    who: DEMO.officer,
    input: () => ({ communityId: 'liuan', category: 'neighbourhood', risk: 'low', description: '两户居民因楼道堆物多次争吵，需关注。' }),
  },
  'report.brewingReports': { who: DEMO.director, input: () => ({ orgId: 'liuan-committee' }) },
  'report.lateReports': { who: DEMO.director, input: () => ({ orgId: 'liuan-committee' }) },
  'report.myScreening': { who: DEMO.officer, input: () => ({}) },
  // The ledger read live (as before the month is approved), and the approval of that same full month, taken back
  // before each run (bench-only: in the service an approved month never changes), so both read 桃源's 318 cases.
  'report.subsidyLedger': { who: MONTH_DIRECTOR, prepare: () => unapproveLastMonth(), input: () => ({ orgId: MONTH_ORG }) },
  'report.approveSubsidies': { who: MONTH_DIRECTOR, before: () => unapproveLastMonth(), input: () => ({ orgId: MONTH_ORG, month: lastMonth() }) },
  // ---- org
  'org.directory': { who: applicant, input: () => ({}) },
  // The staff writes go to another committee (望江, by the street centre's director above it): each run grants or
  // would remove a role, and the reads of 柳岸's staff and chain (below) then find the same committee at every
  // store size — the one setUp gives it.
  'org.inviteStaff': { who: DEMO.streetDirector, input: () => ({ orgId: STAFF_WRITES_ORG, role: 'mediator', note: '新调解员' }) },
  'org.joinStaff': { who: (f) => `${f.applicant}-staff`, stage: 'staffCode', input: (f) => ({ code: f.code, name: '新同事' }) },
  'org.staff': { who: DEMO.director, input: () => ({ orgId: 'liuan-committee' }) },
  'org.removeStaff': { who: DEMO.streetDirector, input: () => ({ orgId: STAFF_WRITES_ORG, openid: 'bench-nobody', role: 'mediator', reason: '调离' }) },
  'org.staffAudit': { who: DEMO.director, input: () => ({ orgId: 'liuan-committee' }) },
  'org.typicalCases': { who: applicant, input: () => ({ category: 'neighbourhood' }) },
  'org.publishTypical': {
    who: DEMO.director,
    stage: 'closed',
    input: (f) => ({ caseId: f.caseId, orgId: 'liuan-committee', ...TYPICAL_TEXT }),
  },
  'org.reviseTypical': {
    who: DEMO.director,
    stage: 'typical',
    input: (f) => ({ typicalId: f.typicalId, ...TYPICAL_REVISION }),
  },
  'org.withdrawTypical': { who: DEMO.director, stage: 'typical', input: (f) => ({ typicalId: f.typicalId, reason: '案例内容需要重新核实' }) },
  // ---- org: the district centre's expert pool
  // The pool as setUp made it: the entries the org.saveExpert runs added (at the size before) are taken out first.
  'org.experts': { who: DEMO.director, prepare: () => removeSavedExperts(), input: () => ({}) },
  'org.saveExpert': { who: DEMO.districtDirector, input: () => ({ ...SAVED_EXPERT }) },
  'org.revealExpertPhone': { who: DEMO.districtDirector, stage: 'expertPool', input: (f) => ({ expertId: f.expertId }) },
  // ---- user
  'user.me': { who: applicant, input: () => ({}) },
  'user.setPreferences': { who: applicant, input: () => ({ largeText: true }) },
  'user.exportData': { who: applicant, stage: 'mediating', input: () => ({}) },
  'user.requestDeletion': { who: applicant, stage: 'mediating', input: () => ({}) },
  'user.inbox': { who: applicant, stage: 'mediating', input: () => ({}) },
  'user.markRead': { who: applicant, stage: 'mediating', input: () => ({ all: true }) },
  // ---- timer (fired by CloudBase with no caller; the trigger name is the action). Each run starts after a
  // new filing, so the relay has notices to send. The tick runs the jobs its minute makes due (timer/schedule.ts):
  // measured at the next ordinary minute (relay, archives, figures), its other minutes as variants.
  'timer.tick': { who: '', stage: 'registered', prepare: (rt) => settleTick(rt), event: () => tickAt((m) => m % 15 !== 0 && m !== EXPIRY_MINUTE) },
  'timer.relay': { who: '', stage: 'registered', prepare: () => settleOutbox(), event: () => ({ Type: 'Timer', TriggerName: 'relay', Time: new Date().toISOString() }) },
  'timer.deadlines': { who: '', stage: 'registered', event: () => ({ Type: 'Timer', TriggerName: 'deadlines', Time: new Date().toISOString() }) },
  'timer.expiry': { who: '', event: () => ({ Type: 'Timer', TriggerName: 'expiry', Time: new Date().toISOString() }) },
  'timer.figures': { who: '', stage: 'registered', event: () => ({ Type: 'Timer', TriggerName: 'figures', Time: new Date().toISOString() }) },
  'timer.archives': { who: '', stage: 'closed', event: () => ({ Type: 'Timer', TriggerName: 'archives', Time: new Date().toISOString() }) },
};

/**
 * Paths of an action its scenario above does not take, each measured like an action and printed as
 * `fn.action (name)`: staff taking a booking step (their record read beside the case), a session in a room (the
 * organisation's calendar holding the room and, for a mediator of that organisation alone, theirs) booked by a
 * party or by staff, `org.staff` for a case (its
 * recusals), an urgent filing (the organisation's counter of urgent alerts), an expert's invitation code (the pool
 * entry) and the tick's quarter-hour and hourly-expiry minutes.
 */
export const VARIANTS: Record<string, Record<string, Scenario>> = {
  'case.file': { urgent: { who: applicant, input: () => filing({ riskSignals: ['violence_threat'] }) } },
  'org.staff': { 'for a case': { who: DEMO.director, stage: 'mediating', input: (f) => ({ orgId: 'liuan-committee', caseId: f.caseId }) } },
  'org.joinStaff': { expert: { who: (f) => `${f.applicant}-expert`, stage: 'expertCode', input: (f) => ({ code: f.code, name: '新专家' }) } },
  'booking.book': {
    staff: { who: DEMO.mediator, stage: 'slotsKnown', input: (f) => ({ caseId: f.caseId, startAt: f.slots![0], mode: 'online' }) },
    'in a room': { who: applicant, stage: 'slotsKnownOnSite', input: (f) => ({ caseId: f.caseId, startAt: f.slots![0], mode: 'on_site' }) },
    'staff, in a room': { who: DEMO.mediator, stage: 'slotsKnownOnSite', input: (f) => ({ caseId: f.caseId, startAt: f.slots![0], mode: 'on_site' }) },
  },
  'booking.confirm': { staff: { who: DEMO.mediator, stage: 'booked', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, partyId: 'p2', how: 'phone' }) } },
  'booking.reschedule': {
    staff: { who: DEMO.mediator, stage: 'booked', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, startAt: f.slots![1], mode: 'online', reason: '调解员临时有事，改约时间' }) },
    'in a room': { who: applicant, stage: 'bookedOnSite', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, startAt: f.slots![1], reason: '临时有事，改约时间' }) },
    'staff, in a room': { who: DEMO.mediator, stage: 'bookedOnSite', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, startAt: f.slots![1], reason: '调解员临时有事，改约时间' }) },
  },
  'timer.tick': {
    'quarter hour': { who: '', stage: 'registered', prepare: (rt) => settleTick(rt), event: () => tickAt((m) => m % 15 === 0) },
    'hourly expiry': { who: '', stage: 'registered', prepare: (rt) => settleTick(rt), event: () => tickAt((m) => m === EXPIRY_MINUTE) },
  },
  'booking.cancel': {
    staff: { who: DEMO.mediator, stage: 'booked', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, reason: '调解员临时有事，取消预约' }) },
    'in a room': { who: applicant, stage: 'bookedOnSite', input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, reason: '临时有事，取消预约' }) },
  },
};

// ---------------------------------------------------------------------------------------------------
// Stages, reached through the API.

let seq = 0;
let rids = 0;
export const requestId = (prefix = 'bench') => `${prefix}-${process.pid}-${++rids}-${Math.random().toString(36).slice(2, 8)}`;

export async function call(rt: LocalRuntime, fn: string, openid: string, action: string, data?: unknown, mutates = false) {
  const inv = await rt.invoke<any>(fn, { action, ...(data !== undefined ? { data } : {}), ...(mutates ? { requestId: requestId() } : {}) }, { openid });
  return inv;
}

async function must(rt: LocalRuntime, fn: string, openid: string, action: string, data: unknown, mutates = true): Promise<any> {
  const inv = await call(rt, fn, openid, action, data, mutates);
  const r = inv.result;
  if (!r?.ok) throw new Error(`bench stage: ${fn}.${action} as ${openid} failed: ${r?.code} ${r?.message} ${JSON.stringify(r?.fields ?? {})}`);
  return r.data;
}

/** Every calendar's claimed slots given back, straight in the store (bench fixtures only; see the booking stages). */
function releaseCalendars(rt: LocalRuntime): void {
  const full = rt.db.dump(CALENDARS).filter((d) => Array.isArray(d.claimed) && d.claimed.length);
  if (full.length) rt.db.seed(CALENDARS, full.map((d) => ({ ...d, claimed: [], version: Number(d.version ?? 0) + 1 })), { replace: true });
}

/** A case (or code) in the given state, with residents of its own. */
export async function stage(rt: LocalRuntime, s: Stage): Promise<Fixture> {
  seq += 1;
  const f: Fixture = { caseId: '', applicant: `bench-applicant-${seq}`, respondent: `bench-respondent-${seq}` };
  if (s === 'none') return f;
  if (s === 'room') {
    roomId ??= (await must(rt, 'booking', DEMO.director, 'setRoom', { orgId: 'liuan-committee', name: '基准测试调解室', capacity: 4 })).roomId as string;
    return { ...f, roomId };
  }
  if (s === 'staffCode') {
    const inv = await must(rt, 'org', DEMO.streetDirector, 'inviteStaff', { orgId: STAFF_WRITES_ORG, role: 'intake', note: '窗口' });
    return { ...f, code: inv.code };
  }
  if (s === 'expertPool') return { ...f, expertId: await poolExpert(rt) };
  if (s === 'expertCode') {
    const saved = await must(rt, 'org', DEMO.districtDirector, 'saveExpert', { name: `基准专家${seq}`, field: '法律', affiliation: '明德律师事务所', mobile: '13955556666' });
    const inv = await must(rt, 'org', DEMO.districtDirector, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: `基准专家${seq}`, expertId: saved.expertId });
    return { ...f, code: inv.code, expertId: saved.expertId };
  }
  if (s === 'brewing') {
    const rep = await must(rt, 'report', DEMO.officer, 'reportBrewing', { communityId: 'liuan', category: 'neighbourhood', risk: 'medium', description: '两户因占用楼道发生争吵。' });
    return { ...f, reportId: rep.reportId };
  }
  if (s === 'referredInClosed') {
    const reg = await must(rt, 'case', DEMO.director, 'register', {
      ...visitor,
      source: 'court',
      referral: { body: '清风区人民法院', reference: `(2026)清民诉前调${seq}号`, referredOn: dayFromNow(-3), contact: { name: '王书记员', mobile: '13700001111' } },
    });
    await must(rt, 'case', DEMO.director, 'referOut', { caseId: reg.caseId, authority: 'court', guidance: '已告知当事人向清风区人民法院起诉', reason: '当事人坚持诉讼' });
    return { ...f, caseId: reg.caseId };
  }
  if (s === 'held') rt.openapi.secQueue.push('risky');
  const paper = s === 'paperDrafted' || s === 'paperScanned';
  // An inheritance agreement is on paper only (the law wants it signed by hand).
  const filed = await must(rt, 'case', f.applicant, 'file', filing(paper ? { category: 'inheritance' } : {}));
  f.caseId = filed.caseId;
  if (s === 'registered' || s === 'held') return f;
  if (s === 'transferring') {
    await must(rt, 'case', DEMO.director, 'transfer', { caseId: f.caseId, toOrgId: 'donghu-centre', reason: '涉及街道层面协调', overrideReason: '需街道中心统一协调' });
    return f;
  }
  if (s === 'designating') {
    await must(rt, 'case', DEMO.director, 'escalate', { caseId: f.caseId, reason: '案情复杂，报请上级指定' });
    return f;
  }
  const accepted = await call(rt, 'case', DEMO.director, 'accept', { caseId: f.caseId }, true);
  if (accepted.result?.code === 'OVERRIDE_REASON_REQUIRED') {
    await must(rt, 'case', DEMO.director, 'accept', { caseId: f.caseId, overrideReason: '双方均为本社区居民，由本调委会调解' });
  } else if (!accepted.result?.ok) {
    throw new Error(`bench stage: case.accept failed: ${accepted.result?.code} ${accepted.result?.message}`);
  }
  if (s === 'accepted') return f;
  await must(rt, 'case', DEMO.director, 'assignMediator', { caseId: f.caseId, mediatorId: DEMO.mediator });
  if (s === 'assigned') return f;
  const inv = await must(rt, 'case', DEMO.mediator, 'invite', { caseId: f.caseId });
  if (s === 'consent') return { ...f, code: inv.invite.code };
  if (s === 'mediatingOffline') {
    await must(rt, 'case', DEMO.mediator, 'recordForParty', { caseId: f.caseId, partyId: 'p2', act: 'reply', reply: 'agree', how: 'phone' });
    return f;
  }
  await must(rt, 'case', f.respondent, 'join', { code: inv.invite.code });
  if (s === 'joined') return f;
  await must(rt, 'case', f.respondent, 'reply', { caseId: f.caseId, reply: 'agree' });
  if (s === 'extension') await must(rt, 'case', DEMO.mediator, 'requestExtension', { caseId: f.caseId, reason: '需要时间核对账目' });
  if (s === 'mediating' || s === 'extension') return f;
  if (s === 'closed' || s === 'typical') {
    await must(rt, 'agreement', DEMO.mediator, 'close', { caseId: f.caseId, outcome: 'failed', reason: '双方分歧较大，调解不成' });
    if (s === 'typical') f.typicalId = (await must(rt, 'org', DEMO.director, 'publishTypical', { caseId: f.caseId, orgId: 'liuan-committee', ...TYPICAL_TEXT })).typicalId;
    return f;
  }
  if (s === 'expertReady' || s === 'withExpert') {
    f.expertId = await poolExpert(rt);
    if (s === 'withExpert') await must(rt, 'case', DEMO.director, 'addExpert', { caseId: f.caseId, expertId: f.expertId, reason: '需要律师提供法律意见' });
    return f;
  }
  if (s === 'slotsKnown' || s === 'booked' || s === 'slotsKnownOnSite' || s === 'bookedOnSite') {
    if (!widened) {
      await must(rt, 'booking', DEMO.mediator, 'setAvailability', { weekly: WIDE_HOURS });
      widened = true;
    }
    const onSite = s === 'slotsKnownOnSite' || s === 'bookedOnSite';
    // A room of its own open at the same hours (the 'room' stage's room keeps the organisation's hours).
    if (onSite) onSiteRoomId ??= (await must(rt, 'booking', DEMO.director, 'setRoom', { orgId: 'liuan-committee', name: '基准测试第二调解室', capacity: 6, hours: WIDE_HOURS })).roomId as string;
    // In a room: evenings only (19:00 China time on), when only the bench's own room is open, so a booking and its
    // move stay in that room (the organisation's room keeps office hours: a move there in the evening is ROOM_CLOSED).
    const evening = (startAt: string) => new Date(Date.parse(startAt) + 8 * 3_600_000).getUTCHours() >= 19;
    const freeSlots = async () =>
      ((await must(rt, 'booking', f.applicant, 'slots', { caseId: f.caseId, mode: onSite ? 'on_site' : 'online', days: 28 }, false)).slots as Array<{ startAt: string }>)
        .map((x) => x.startAt)
        .filter((t) => !onSite || evening(t));
    let found = await freeSlots();
    if (found.length < 2) {
      // The bench books hundreds of sessions with one mediator and one room, more than four weeks hold: once they
      // are full, the calendars are emptied (the earlier fixtures' bookings are never used again).
      releaseCalendars(rt);
      found = await freeSlots();
    }
    // Random free slots, so many runs rarely reach for the same one.
    const free = found.sort(() => Math.random() - 0.5);
    if (free.length < 2) throw new Error('bench stage: the demo mediator has no free slots left');
    f.slots = free.slice(0, 2);
    if (s === 'slotsKnown' || s === 'slotsKnownOnSite') return f;
    const booked = await must(rt, 'booking', f.applicant, 'book', { caseId: f.caseId, startAt: f.slots[0], mode: onSite ? 'on_site' : 'online' });
    f.bookingId = booked.booking.bookingId;
    f.slots = [f.slots[1], f.slots[1]];
    return f;
  }
  const drafted = await must(rt, 'agreement', DEMO.mediator, 'draft', { caseId: f.caseId, content: agreementContent() });
  f.hash = drafted.agreement.hash;
  if (s === 'drafted' || s === 'paperDrafted') return f;
  if (s === 'paperScanned') {
    const where = await must(rt, 'agreement', DEMO.mediator, 'scanPath', { caseId: f.caseId, partyId: 'p1' });
    const up = await rt.storage.api().uploadFile({ cloudPath: where.cloudPath, fileContent: Buffer.from('scan') });
    return { ...f, fileId: up.fileID };
  }
  await must(rt, 'agreement', f.applicant, 'confirm', { caseId: f.caseId, hash: f.hash });
  await must(rt, 'agreement', f.respondent, 'confirm', { caseId: f.caseId, hash: f.hash });
  if (s === 'confirmed') return f;
  await must(rt, 'agreement', DEMO.mediator, 'sign', { caseId: f.caseId, hash: f.hash });
  if (s === 'signed') return f;
  await must(rt, 'agreement', DEMO.director, 'seal', { caseId: f.caseId, hash: f.hash });
  if (s === 'inForce') return f;
  await must(rt, 'agreement', DEMO.mediator, 'returnVisit', { caseId: f.caseId, result: 'not_performed', notes: '尚未付款，已督促履行' });
  return f;
}

let widened = false;
let roomId: string | undefined;
let onSiteRoomId: string | undefined;
let expertId: string | undefined;

/**
 * Once, before the bench makes its store and measures anything (main.ts): the organisations as a district that
 * has been running for years has them, made through the API. Every committee has a mediator for the store's cases
 * (COMMITTEE_MEDIATORS) and MONTH_ORG its director. The district's expert pool holds POOL_SIZE experts (the
 * bench's joined one among them); 柳岸 committee's staff chain holds COMMITTEE_JOINED people who joined by
 * invitation (mediators and information officers) and COMMITTEE_LEFT removals, so its staff list is the demo's
 * three and the six who stayed. Nothing a write scenario does adds to either (the staff writes are 望江's, and
 * the pool entries `org.saveExpert` adds are taken out before `org.experts` runs): what `org.experts`,
 * `org.staff` and `org.staffAudit` read is the same at every store size.
 */
export async function setUp(rt: LocalRuntime): Promise<void> {
  await poolExpert(rt);
  // The other committees' people on the store's cases: MONTH_ORG's director, and a mediator for each committee.
  const join = async (orgId: string, role: 'director' | 'mediator', openid: string, name: string) => {
    const inv = await must(rt, 'org', DEMO.districtDirector, 'inviteStaff', { orgId, role, note: name });
    await must(rt, 'org', openid, 'joinStaff', { code: inv.code, name });
  };
  await join(MONTH_ORG, 'director', MONTH_DIRECTOR, '马主任');
  const names: Record<string, string> = { wangjiang: '钱调解员', taoyuan: '孙调解员', shiqiao: '周调解员' };
  for (const [community, openid] of Object.entries(COMMITTEE_MEDIATORS)) {
    if (openid !== DEMO.mediator) await join(`${community}-committee`, 'mediator', openid, names[community]);
  }
  const fields = [
    ['法律', '律师事务所'],
    ['建筑工程', '区住建局（退休）'],
    ['医疗', '区人民医院'],
    ['心理', '区心理咨询中心'],
    ['婚姻家庭', '区妇联'],
    ['法律', '区人民法院（退休）'],
  ];
  const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张';
  for (let k = 1; k < POOL_SIZE; k++) {
    const [field, affiliation] = fields[k % fields.length];
    await must(rt, 'org', DEMO.districtDirector, 'saveExpert', { name: `${surnames[k % surnames.length]}专家`, field, affiliation, mobile: `1390000${String(k).padStart(4, '0')}` });
  }
  for (let k = 0; k < COMMITTEE_JOINED; k++) {
    const role = k % 4 === 3 ? 'officer' : 'mediator';
    const name = `${surnames[k % surnames.length]}${role === 'officer' ? '信息员' : '调解员'}`;
    const inv = await must(rt, 'org', DEMO.director, 'inviteStaff', { orgId: 'liuan-committee', role, note: name });
    const openid = `bench-committee-staff-${k}`;
    await must(rt, 'org', openid, 'joinStaff', { code: inv.code, name });
    if (k < COMMITTEE_LEFT) await must(rt, 'org', DEMO.director, 'removeStaff', { orgId: 'liuan-committee', openid, role, reason: '换届后不再担任' });
  }
}

/** Takes the entries the `org.saveExpert` runs added out of the pool (the pool is setUp's again). */
/** 桃源's last month not approved (its approved ledger, if a run made one, removed). */
async function unapproveLastMonth(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = (require('wx-server-sdk') as { database(): any }).database();
  await db.collection(SUBSIDY_LEDGERS).where({ _id: ledgerIdOf(MONTH_ORG, lastMonth()) }).remove();
}

async function removeSavedExperts(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = (require('wx-server-sdk') as { database(): any }).database();
  const pool = (await db.collection('experts').where({ orgId: 'district-centre' }).limit(1000).get()).data as Array<{ _id: string; name: string; affiliation: string }>;
  const added = pool.filter((x) => x.name === SAVED_EXPERT.name && x.affiliation === SAVED_EXPERT.affiliation).map((x) => x._id);
  if (added.length) await db.collection('experts').where({ _id: db.command.in(added) }).remove();
}

/** The district centre's expert (made once): in the pool, and their account joined as its invited expert. */
async function poolExpert(rt: LocalRuntime): Promise<string> {
  if (expertId) return expertId;
  const saved = await must(rt, 'org', DEMO.districtDirector, 'saveExpert', { name: '周律师', field: '法律', affiliation: '明德律师事务所', mobile: '13955556666' });
  const inv = await must(rt, 'org', DEMO.districtDirector, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: '周律师', expertId: saved.expertId });
  await must(rt, 'org', EXPERT, 'joinStaff', { code: inv.code, name: '周律师' });
  expertId = saved.expertId as string;
  return expertId;
}

/**
 * The notices every other scenario queued are marked done, so the relay is measured on a normal run (the
 * notices of one new filing), not on a backlog the bench itself piled up.
 */
/**
 * The figures' roll-up drained before the tick is measured: the bench's other actions ran thousands of steps in a
 * few minutes, each marking its case, where a real tick finds the marks of the last five minutes. Fired as the
 * `figures` job (at most ROLLUP_BATCH cases a run) until a run takes fewer than that.
 */
async function settleFigures(rt: LocalRuntime): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const inv = await rt.invoke<any>('timer', { Type: 'Timer', TriggerName: 'figures', Time: new Date().toISOString() }, { openid: '', source: 'wx_trigger' });
    if (!inv.result?.ok || (inv.result.data?.cases ?? 0) < ROLLUP_BATCH) return;
  }
}

/** A tick's preparation: notices sent and the roll-up drained, as a tick finds them five minutes after the last. */
async function settleTick(rt: LocalRuntime): Promise<void> {
  await settleOutbox();
  await settleFigures(rt);
}

async function settleOutbox(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = (require('wx-server-sdk') as { database(): any }).database();
  for (const c of ['audit', 'outbox']) await db.collection(c).where({ status: 'pending' }).update({ data: { status: 'done' } });
}

/**
 * A tick at the first whole minute from the next on whose minute-of-the-hour `which` holds: the jobs due at that
 * minute run, on the data as it stands now (at most an hour ahead, so little more falls due than at a real tick).
 */
function tickAt(which: (minute: number) => boolean): unknown {
  const at = new Date();
  at.setUTCSeconds(0, 0);
  do at.setUTCMinutes(at.getUTCMinutes() + 1);
  while (!which(at.getUTCMinutes()));
  return { Type: 'Timer', TriggerName: 'tick', Time: at.toISOString() };
}

/** The event a scenario sends. */
export function eventOf(sc: Scenario, action: string, f: Fixture, mutates: boolean): unknown {
  if (sc.event) return sc.event(f);
  const data = sc.input ? sc.input(f) : undefined;
  return { action, ...(data !== undefined ? { data } : {}), ...(mutates ? { requestId: requestId() } : {}) };
}

export const whoOf = (sc: Scenario, f: Fixture) => (typeof sc.who === 'function' ? sc.who(f) : sc.who);
