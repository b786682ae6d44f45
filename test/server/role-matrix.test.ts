// Who may do what: every action of every function, called by every kind of person, through the real bundles.
// Each cell names the outcome: 'ok' (the action succeeds on a case in the right state) or the refusal code.
// A refused call must change nothing. A new action fails the completeness check until it has a row here.
import { demoRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { allRoutes } from '../helpers/functions';
import { TYPICAL_REVISION, TYPICAL_TEXT } from '../helpers/typical-text';
import { DEFAULT_CALENDAR, DEFAULT_SLOT_RULES, openSlots } from '../../src/domain';

let rt: LocalRuntime;
/** The expert's entry in the pool, made by `setUpExpert` in each runtime. */
let expertPoolId = '';
beforeAll(async () => {
  rt = await demoRuntime();
  await setUpExpert();
});

/** The district centre adds an expert to its pool and invites their account. */
async function setUpExpert(): Promise<void> {
  const saved = await must(call(rt, 'org', WHO.districtDirector, 'saveExpert', { name: '周律师', field: '法律', affiliation: '明德律师事务所', mobile: '13955556666' }, rid()));
  expertPoolId = saved.expertId;
  const inv = await must(call(rt, 'org', WHO.districtDirector, 'inviteStaff', { orgId: 'district-centre', role: 'expert', note: '周律师', expertId: expertPoolId }, rid()));
  await must(call(rt, 'org', WHO.expert, 'joinStaff', { code: inv.code, name: '周律师' }, rid()));
}

/** The district director is a director above the committee like the street director, unless a row says otherwise. */
function expectedFor(row: Row, who: Who): Outcome {
  return row.expect[who] ?? (who === 'districtDirector' ? row.expect.streetDirector : undefined) ?? row.others;
}
afterAll(() => rt.close());

/** The demo mediator takes sessions every day 08:00–20:00 here, so every booking cell finds a slot of its own. */
const WIDE_HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
let slotList: string[] = [];
beforeAll(async () => {
  await must(call(rt, 'booking', 'demo-mediator', 'setAvailability', { weekly: WIDE_HOURS, exceptions: [] }, rid()));
  slotList = openSlots({ weekly: WIDE_HOURS, exceptions: [] }, DEFAULT_CALENDAR, DEFAULT_SLOT_RULES, new Date(Date.now() + 30 * 60_000).toISOString());
});
const nextSlot = (): string => {
  const s = slotList.shift();
  if (!s) throw new Error('no slot left');
  return s;
};

const WHO = {
  stranger: 'mx-stranger',
  applicant: 'mx-applicant',
  respondent: 'mx-respondent',
  mediator: 'demo-mediator',
  director: 'demo-director',
  streetDirector: 'demo-street-director',
  otherDirector: 'demo-labour-director',
  intake: 'demo-intake',
  supervisor: 'demo-supervisor',
  officer: 'demo-officer',
  /** Director of the district centre (the top): above every committee, and keeper of the expert pool. */
  districtDirector: 'demo-district-director',
  /** An invited expert of the pool (特邀调解员) whose account joined; on no case unless a row's stage adds them. */
  expert: 'mx-expert',
  timer: '',
} as const;
type Who = keyof typeof WHO;
/** 'ok', a kernel refusal (FORBIDDEN, NOT_FOUND, UNAUTHENTICATED), or the domain's own refusal code. */
type Outcome = string;
const PEOPLE = Object.keys(WHO) as Who[];

async function must<T = any>(p: Promise<any>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`setup failed: ${r.code} ${r.message} ${JSON.stringify(r.fields ?? {})}`);
  return r.data as T;
}

/** The case states the rows start from; each allowed cell gets a case of its own. */
interface Fixture {
  caseId: string;
  code?: string;
  bookingId?: string;
  /** The agreement's current hash, and a scan in storage, for the agreement rows. */
  hash?: string;
  fileId?: string;
  /** A typical case the committee's director published from the closed case ('typical' stage). */
  typicalId?: string;
}
type Stage =
  | 'staffCode' | 'registered' | 'accepted' | 'assigned' | 'consent' | 'mediating'
  /** In mediation, the respondent (p2) never in WeChat: the mediator recorded their consent given by phone. */
  | 'mediatingOffline'
  | 'transferring' | 'designating' | 'held' | 'extension' | 'booked'
  /** In mediation with the pool's expert added by the director. */
  | 'withExpert'
  | 'drafted' | 'confirmed' | 'signed' | 'performing' | 'visited'
  /** Mediation failed and the case closed: its electronic file is made. */
  | 'closed'
  /** Closed, and written up as a typical case the committee's director published. */
  | 'typical'
  /** An inheritance agreement (paper only) drafted, with a scan uploaded under the path issued for p1. */
  | 'paperDrafted'
  /** A case a court referred, closed (referred on), its outcome not yet reported back. */
  | 'referredInClosed';

const AGREEMENT_STAGES: Stage[] = ['drafted', 'confirmed', 'signed', 'performing', 'visited', 'paperDrafted'];
const dayFromNow = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
const agreementContent = (terms = ['李先生于约定日期前归还借款两万元。']) => ({
  parties: [
    { partyId: 'p1', role: 'applicant', kind: 'person', name: '张阿姨', idType: 'resident_id', idNumber: '11010519491231002X', address: '柳岸社区3栋201' },
    { partyId: 'p2', role: 'respondent', kind: 'person', name: '李先生', idType: 'resident_id', idNumber: '32010619851203041X', address: '柳岸社区3栋301' },
  ],
  facts: '李先生向张阿姨借款两万元，到期未还。',
  disputedMatters: '借款的归还。',
  responsibilities: '李先生应按约定归还借款。',
  terms,
  performance: [{ itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '归还借款', amountYuan: 20000, method: '银行转账', place: '柳岸社区人民调解委员会', dueDate: dayFromNow(10) }],
});

async function fixture(stage: Stage): Promise<Fixture> {
  if (stage === 'staffCode') {
    const inv = await must(call(rt, 'org', WHO.director, 'inviteStaff', { orgId: 'liuan-committee', role: 'intake', note: '窗口' }, rid()));
    return { caseId: '', code: inv.code };
  }
  if (stage === 'referredInClosed') {
    const reg = await must(
      call(rt, 'case', WHO.director, 'register', {
        ...visitor,
        source: 'court',
        referral: { body: '清风区人民法院', reference: '(2026)清民诉前调1号', referredOn: dayFromNow(-3), contact: { name: '王书记员', mobile: '13700001111' } },
      }, rid()),
    );
    await must(call(rt, 'case', WHO.director, 'referOut', { caseId: reg.caseId, authority: 'court', guidance: '已告知当事人向清风区人民法院起诉', reason: '当事人坚持诉讼' }, rid()));
    return { caseId: reg.caseId };
  }
  if (stage === 'held') rt.openapi.secQueue.push('risky');
  const filed = await must(
    call(rt, 'case', WHO.applicant, 'file', {
      category: stage === 'paperDrafted' ? 'inheritance' : 'debt',
      summary: '借给邻居两万元，到期未还。',
      communityId: 'liuan',
      amountYuan: 20000,
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生', mobile: '13987654321' }],
      consent: { privacy: true, shareWithOtherOrgs: true },
    }, rid()),
  );
  const caseId = filed.caseId as string;
  if (stage === 'registered' || stage === 'held') return { caseId };
  if (stage === 'transferring') {
    await must(call(rt, 'case', WHO.director, 'transfer', { caseId, toOrgId: 'donghu-centre', reason: '涉及街道层面协调', overrideReason: '需街道中心统一协调' }, rid()));
    return { caseId };
  }
  if (stage === 'designating') {
    await must(call(rt, 'case', WHO.director, 'escalate', { caseId, reason: '案情复杂，报请上级指定' }, rid()));
    return { caseId };
  }
  const accepted = await call(rt, 'case', WHO.director, 'accept', { caseId }, rid());
  if (!accepted.ok && accepted.code === 'OVERRIDE_REASON_REQUIRED') {
    await must(call(rt, 'case', WHO.director, 'accept', { caseId, overrideReason: '双方均为本社区居民，由本调委会调解' }, rid()));
  } else if (!accepted.ok) {
    throw new Error(`setup failed: ${accepted.code} ${accepted.message}`);
  }
  if (stage === 'accepted') return { caseId };
  await must(call(rt, 'case', WHO.director, 'assignMediator', { caseId, mediatorId: WHO.mediator }, rid()));
  if (stage === 'assigned') return { caseId };
  const inv = await must(call(rt, 'case', WHO.mediator, 'invite', { caseId }, rid()));
  if (stage === 'consent') return { caseId, code: inv.invite.code };
  if (stage === 'mediatingOffline') {
    await must(call(rt, 'case', WHO.mediator, 'recordForParty', { caseId, partyId: 'p2', act: 'reply', reply: 'agree', how: 'phone' }, rid()));
    return { caseId };
  }
  await must(call(rt, 'case', WHO.respondent, 'join', { code: inv.invite.code }, rid()));
  await must(call(rt, 'case', WHO.respondent, 'reply', { caseId, reply: 'agree' }, rid()));
  if (stage === 'closed' || stage === 'typical') {
    await must(call(rt, 'agreement', WHO.mediator, 'close', { caseId, outcome: 'failed', reason: '双方分歧较大，调解不成' }, rid()));
    if (stage === 'closed') return { caseId };
    const published = await must(call(rt, 'org', WHO.director, 'publishTypical', { caseId, orgId: 'liuan-committee', ...TYPICAL_TEXT }, rid()));
    return { caseId, typicalId: published.typicalId };
  }
  if (stage === 'withExpert') {
    await must(call(rt, 'case', WHO.director, 'addExpert', { caseId, expertId: expertPoolId, reason: '需要律师提供法律意见' }, rid()));
    return { caseId };
  }
  if (stage === 'extension') await must(call(rt, 'case', WHO.mediator, 'requestExtension', { caseId, reason: '需要时间核对账目' }, rid()));
  if (AGREEMENT_STAGES.includes(stage)) {
    const d = await must(call(rt, 'agreement', WHO.mediator, 'draft', { caseId, content: agreementContent() }, rid()));
    const hash = d.agreement.hash as string;
    if (stage === 'drafted') return { caseId, hash };
    if (stage === 'paperDrafted') {
      const where = await must(call(rt, 'agreement', WHO.mediator, 'scanPath', { caseId, partyId: 'p1' }, rid()));
      const up = await rt.storage.api().uploadFile({ cloudPath: where.cloudPath, fileContent: Buffer.from('scan') });
      return { caseId, hash, fileId: up.fileID };
    }
    await must(call(rt, 'agreement', WHO.applicant, 'confirm', { caseId, hash }, rid()));
    await must(call(rt, 'agreement', WHO.respondent, 'confirm', { caseId, hash }, rid()));
    if (stage === 'confirmed') return { caseId, hash };
    await must(call(rt, 'agreement', WHO.mediator, 'sign', { caseId, hash }, rid()));
    if (stage === 'signed') return { caseId, hash };
    await must(call(rt, 'agreement', WHO.director, 'seal', { caseId, hash }, rid()));
    if (stage === 'performing') return { caseId, hash };
    await must(call(rt, 'agreement', WHO.mediator, 'returnVisit', { caseId, result: 'not_performed', notes: '尚未还款，已督促' }, rid()));
    return { caseId, hash };
  }
  if (stage === 'booked') {
    const b = await must(call(rt, 'booking', WHO.applicant, 'book', { caseId, startAt: nextSlot(), mode: 'online' }, rid()));
    return { caseId, bookingId: b.booking.bookingId };
  }
  return { caseId };
}

interface Row {
  /** The case state the action needs; none for actions on no particular case. */
  stage?: Stage;
  input: (f: Fixture) => unknown;
  mutates?: boolean;
  expect: Partial<Record<Who, Outcome>>;
  /** Outcome for everyone not listed. */
  others: Outcome;
}

const EVERYONE_SIGNED_IN = (): Partial<Record<Who, Outcome>> => Object.fromEntries(PEOPLE.filter((p) => p !== 'timer').map((p) => [p, 'ok']));

const visitor = {
  source: 'walk_in', category: 'neighbourhood', summary: '来访人反映邻居在楼道堆放杂物。', communityId: 'liuan',
  applicants: [{ name: '赵大爷' }], respondents: [{ name: '钱某' }], visitorConsent: true, shareWithOtherOrgs: false,
};

const MATRIX: Record<string, Row> = {
  'case.file': {
    mutates: true,
    input: () => ({ category: 'debt', summary: '邻居借款到期未还。', communityId: 'liuan', applicant: { name: '某人', mobile: '13700000000' }, respondents: [{ name: '某人' }], consent: { privacy: true, shareWithOtherOrgs: false } }),
    expect: EVERYONE_SIGNED_IN(),
    others: 'UNAUTHENTICATED',
  },
  'case.register': {
    mutates: true,
    input: () => visitor,
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'ok', otherDirector: 'ok', intake: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'case.get': {
    stage: 'mediating',
    input: (f) => ({ caseId: f.caseId }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'ok', director: 'ok', streetDirector: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.audit': {
    stage: 'mediating',
    input: (f) => ({ caseId: f.caseId }),
    expect: { applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', mediator: 'ok', director: 'ok', streetDirector: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.mine': { input: () => ({}), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'case.queue': {
    input: () => ({}),
    expect: { director: 'ok', streetDirector: 'ok', otherDirector: 'ok', intake: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  // The labour committee's director also mediates there.
  // ...and an expert sees the cases they were added to.
  'case.assigned': { input: () => ({}), expect: { mediator: 'ok', otherDirector: 'ok', expert: 'ok', timer: 'UNAUTHENTICATED' }, others: 'FORBIDDEN' },
  'case.overdue': {
    input: () => ({ orgId: 'liuan-committee' }),
    expect: { director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'case.accept': {
    stage: 'registered',
    mutates: true,
    input: (f) => ({ caseId: f.caseId }),
    // A director above can see the case, but only the responsible organisation decides on it.
    expect: { director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.transfer': {
    stage: 'registered',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, toOrgId: 'wangjiang-committee', reason: '对方住在望江社区', overrideReason: '对方当事人在望江社区' }),
    expect: { director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.acceptTransfer': {
    stage: 'transferring',
    mutates: true,
    input: (f) => ({ caseId: f.caseId }),
    expect: { streetDirector: 'ok', intake: 'ok', director: 'NOT_RECEIVING_ORG', districtDirector: 'NOT_RECEIVING_ORG', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.returnTransfer': {
    stage: 'transferring',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, reason: '应由社区先行调解' }),
    expect: { streetDirector: 'ok', intake: 'ok', director: 'NOT_RECEIVING_ORG', districtDirector: 'NOT_RECEIVING_ORG', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.escalate': {
    stage: 'registered',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, reason: '案情复杂，报请上级' }),
    expect: { director: 'ok', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', streetDirector: 'NOT_RESPONSIBLE_ORG', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.designate': {
    stage: 'designating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, orgId: 'wangjiang-committee', reason: '指定望江社区承办' }),
    expect: { streetDirector: 'ok', director: 'NOT_DESIGNATOR', districtDirector: 'NOT_DESIGNATOR', intake: 'FORBIDDEN', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.referOut': {
    stage: 'registered',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, authority: 'court', guidance: '可向清风区人民法院起诉', reason: '已进入诉讼程序' }),
    expect: { director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.referralFeedbackSent': {
    stage: 'referredInClosed',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, sentOn: dayFromNow(0), how: 'post' }),
    expect: { director: 'ok', mediator: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.raiseRisk': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, risk: 'high', riskSignals: ['violence_threat'], reason: '对方扬言上门动手' }),
    expect: { director: 'ok', mediator: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.markPersonalRelations': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, reason: '调解中查明涉及遗产继承' }),
    expect: { director: 'ok', mediator: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.invite': {
    stage: 'assigned',
    mutates: true,
    input: (f) => ({ caseId: f.caseId }),
    expect: { director: 'ok', mediator: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.openInvite': { stage: 'consent', input: (f) => ({ code: f.code }), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'case.inviteQr': {
    stage: 'consent',
    input: (f) => ({ caseId: f.caseId, code: f.code }),
    // Staff who may invite on the case; a party, even one holding the code, gets no printable code.
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.join': {
    stage: 'consent',
    mutates: true,
    input: (f) => ({ code: f.code }),
    // The code is the respondent's key: whoever holds it may join — except a party already, or staff on the case.
    expect: { applicant: 'ALREADY_A_PARTY', mediator: 'STAFF_CANNOT_JOIN', director: 'STAFF_CANNOT_JOIN', streetDirector: 'STAFF_CANNOT_JOIN', timer: 'UNAUTHENTICATED' },
    others: 'ok',
  },
  'case.recordForParty': {
    stage: 'consent',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, partyId: 'p2', act: 'reply', reply: 'ask_for_time', how: 'phone', reason: '电话中说想和家人商量' }),
    // Only staff of the responsible organisation record for a party who is not in WeChat (the domain's own rule:
    // the party, or the organisation that received the case — a director above it is neither).
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'NOT_THE_PARTY', applicant: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.reply': {
    stage: 'consent',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, reply: 'ask_for_time', reason: '想先和家人商量' }),
    // The respondent has not joined in this state, so nobody may answer for them.
    expect: { applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.assignMediator': {
    stage: 'accepted',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, mediatorId: 'demo-mediator' }),
    expect: { director: 'ok', streetDirector: 'DIRECTOR_REQUIRED', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.recuse': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, reason: '调解员与对方是亲戚' }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.recordRecusal': {
    stage: 'mediatingOffline',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, partyId: 'p2', how: 'in_person', reason: '调解员与申请人是亲戚' }),
    // The case's director records it; the mediator objected to is told to pass it on; a director above the committee
    // is not staff of the organisation that answers for the case.
    expect: { director: 'ok', mediator: 'OWN_RECUSAL', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.addExpert': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, expertId: expertPoolId, reason: '需要律师提供法律意见' }),
    expect: { director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.removeExpert': {
    stage: 'withExpert',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, expertId: expertPoolId, reason: '专家已出具法律意见' }),
    // The expert is staff of this case, but takes no director's step.
    expect: { director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', expert: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.recuseExpert': {
    stage: 'withExpert',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, expertId: expertPoolId, reason: '专家曾为对方提供法律服务' }),
    // Either party objects (回避), or the expert withdraws.
    expect: { applicant: 'ok', respondent: 'ok', expert: 'ok', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.revealContact': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, partyId: 'p1' }),
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'ok', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.requestExtension': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, reason: '需要时间核对账目' }),
    expect: { mediator: 'ok', director: 'ok', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', streetDirector: 'NOT_CASE_MEDIATOR', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.consentExtension': {
    stage: 'extension',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, agree: true }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.reviewQueue': {
    input: () => ({}),
    expect: { director: 'ok', streetDirector: 'ok', otherDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'case.review': {
    stage: 'held',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, decision: 'clear' }),
    expect: { director: 'ok', streetDirector: 'ok', applicant: 'FORBIDDEN', mediator: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.withdraw': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, reason: '已自行和解' }),
    expect: { applicant: 'ok', respondent: 'FORBIDDEN', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'case.terminate': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, reason: '不愿继续调解' }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'booking.rooms': { input: () => ({ orgId: 'liuan-committee' }), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'booking.setRoom': {
    mutates: true,
    input: () => ({ orgId: 'liuan-committee', name: '第二调解室', capacity: 4 }),
    expect: { director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'booking.availability': {
    input: () => ({ mediatorId: 'demo-mediator' }),
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'booking.setAvailability': {
    mutates: true,
    input: () => ({ mediatorId: 'demo-mediator', weekly: WIDE_HOURS }),
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'booking.slots': {
    stage: 'mediating',
    input: (f) => ({ caseId: f.caseId, mode: 'online', days: 2 }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'ok', director: 'ok', streetDirector: 'ok', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'booking.bookings': {
    stage: 'booked',
    input: (f) => ({ caseId: f.caseId }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'ok', director: 'ok', streetDirector: 'ok', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'booking.book': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, startAt: nextSlot(), mode: 'online' }),
    // A director above the committee sees the case but only the organisation working it books.
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'ok', director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'booking.confirm': {
    stage: 'booked',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, partyId: 'p2', how: 'phone' }),
    // The applicant booked (and so confirmed); the respondent confirms, or staff record their confirmation.
    expect: { applicant: 'FORBIDDEN', respondent: 'ok', mediator: 'ok', director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'booking.reschedule': {
    stage: 'booked',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, startAt: nextSlot(), reason: '临时有事，换个时间' }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'ok', director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'booking.cancel': {
    stage: 'booked',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, bookingId: f.bookingId, reason: '双方已自行和解' }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'ok', director: 'ok', streetDirector: 'ok', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'booking.record': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, kind: 'investigation', attendeePartyIds: ['p1'], summary: '走访申请人了解借款经过。' }),
    // Only the case's mediator writes its records.
    expect: {
      applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', mediator: 'ok', director: 'NOT_CASE_MEDIATOR', streetDirector: 'NOT_CASE_MEDIATOR',
      supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED',
    },
    others: 'NOT_FOUND',
  },
  'agreement.template': {
    stage: 'mediating',
    input: (f) => ({ caseId: f.caseId }),
    // Drafting is the mediator's: a director without a mediator role only reads the agreement.
    expect: { mediator: 'ok', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.draft': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, content: agreementContent() }),
    expect: { mediator: 'ok', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.revise': {
    stage: 'drafted',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, content: agreementContent(['李先生分两期归还借款两万元。']), reason: '双方同意分期归还' }),
    expect: { mediator: 'ok', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.get': {
    stage: 'drafted',
    input: (f) => ({ caseId: f.caseId }),
    // Supervisors see progress, not the agreement's personal data.
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'ok', director: 'ok', streetDirector: 'ok', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.confirm': {
    stage: 'drafted',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, hash: f.hash }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  // Paper confirmations are for paper-only agreements, with a scan under a path issued for the case and party.
  'agreement.scanPath': {
    stage: 'paperDrafted',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, partyId: 'p2' }),
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.uploadScan': {
    stage: 'paperDrafted',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, partyId: 'p1', hash: f.hash, fileId: f.fileId }),
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.sign': {
    stage: 'confirmed',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, hash: f.hash }),
    expect: { mediator: 'ok', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.seal': {
    stage: 'signed',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, hash: f.hash }),
    // The seal is the committee's: a director above it cannot put it on.
    expect: { director: 'ok', streetDirector: 'DIRECTOR_REQUIRED', mediator: 'FORBIDDEN', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.oral': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, content: { terms: ['李先生当面道歉，双方和好。'] }, partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'] }),
    expect: { mediator: 'ok', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.markDone': {
    stage: 'performing',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, itemId: 'i1' }),
    // The applicant is owed the money; the mediator may record it for them; the one who owes may not.
    expect: { applicant: 'ok', mediator: 'ok', respondent: 'NOT_OBLIGEE', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.returnVisit': {
    stage: 'performing',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, result: 'partially_performed', notes: '已还一部分' }),
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'NOT_RESPONSIBLE_ORG', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.rate': {
    stage: 'visited',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, score: 4 }),
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.judicialApplied': {
    stage: 'performing',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, appliedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) }),
    // The parties' own word that they applied; staff cannot say it for them.
    expect: { applicant: 'ok', respondent: 'ok', mediator: 'FORBIDDEN', director: 'FORBIDDEN', streetDirector: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'agreement.close': {
    stage: 'mediating',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, outcome: 'failed', reason: '双方分歧较大，调解不成' }),
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'NOT_CASE_MEDIATOR', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'report.figures': {
    input: () => ({ orgId: 'liuan-committee' }),
    // Directors of the committee or above, and the justice office whose area includes it.
    expect: { director: 'ok', streetDirector: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.overview': {
    input: () => ({ orgId: 'liuan-committee' }),
    expect: { director: 'ok', streetDirector: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.register': {
    input: () => ({ orgId: 'liuan-committee', kind: 'summary' }),
    expect: { director: 'ok', streetDirector: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.document': {
    stage: 'performing',
    input: (f) => ({ caseId: f.caseId, kind: 'agreement' }),
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'ok', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', supervisor: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'report.archive': {
    stage: 'closed',
    input: (f) => ({ caseId: f.caseId }),
    // The organisation's staff and the directors above it; the area's justice office without personal data.
    expect: { mediator: 'ok', director: 'ok', streetDirector: 'ok', supervisor: 'ok', applicant: 'FORBIDDEN', respondent: 'FORBIDDEN', timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'report.submitScreening': {
    mutates: true,
    input: () => ({ month: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) }),
    expect: { officer: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.reportBrewing': {
    mutates: true,
    input: () => ({ communityId: 'liuan', category: 'neighbourhood', risk: 'low', description: '两户因晾晒衣物发生口角。' }),
    expect: { officer: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.brewingReports': {
    input: () => ({}),
    // Directors and supervisors see their subtree's reports, an officer their own.
    expect: { director: 'ok', streetDirector: 'ok', otherDirector: 'ok', supervisor: 'ok', officer: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.convertReport': {
    mutates: true,
    input: () => ({ reportId: 'b00000000000000000000', applicants: [{ name: '吴先生' }], respondents: [{ name: '某物业公司' }], visitorConsent: true, shareWithOtherOrgs: false }),
    // No such report: nobody learns more (test/server/report.test.ts converts a real one).
    expect: { timer: 'UNAUTHENTICATED' },
    others: 'NOT_FOUND',
  },
  'report.lateReports': {
    input: () => ({ orgId: 'liuan-committee' }),
    expect: { director: 'ok', streetDirector: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.myScreening': {
    input: () => ({}),
    // An officer's own month; nobody else has one.
    expect: { officer: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.subsidyLedger': {
    input: () => ({ orgId: 'liuan-committee' }),
    // The committee's own directors, and the justice office of the area (read-only); not the street centre above.
    expect: { director: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'report.approveSubsidies': {
    mutates: true,
    input: () => ({ orgId: 'liuan-committee', month: '2025-01' }),
    expect: { director: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'org.directory': { input: () => ({}), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'org.publishTypical': {
    // Written from a closed case of the committee. (Its row comes before org.joinStaff's, which makes every caller
    // the committee's staff: after it, no respondent could join a case to bring it to 'closed'.)
    stage: 'closed',
    mutates: true,
    input: (f) => ({ caseId: f.caseId, orgId: 'liuan-committee', ...TYPICAL_TEXT }),
    // The committee's director and the directors above it publish for it.
    expect: { director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  // A typical case the committee published: its directors and those above it revise or withdraw it; another
  // committee's director may not. (Before org.joinStaff's row too: the stage closes a case.)
  'org.reviseTypical': {
    stage: 'typical',
    mutates: true,
    input: (f) => ({ typicalId: f.typicalId, ...TYPICAL_REVISION }),
    expect: { director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'org.withdrawTypical': {
    stage: 'typical',
    mutates: true,
    input: (f) => ({ typicalId: f.typicalId, reason: '案例内容需要重新核实' }),
    expect: { director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'org.inviteStaff': {
    mutates: true,
    input: () => ({ orgId: 'liuan-committee', role: 'mediator', note: '新调解员' }),
    expect: { director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'org.joinStaff': {
    stage: 'staffCode',
    mutates: true,
    input: (f) => ({ code: f.code, name: '新同事' }),
    // The code is the key: whoever holds it joins (the director hands it to one person).
    expect: { timer: 'UNAUTHENTICATED' },
    others: 'ok',
  },
  'org.staff': {
    input: () => ({ orgId: 'liuan-committee' }),
    expect: { director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'org.typicalCases': { input: () => ({ category: 'neighbourhood' }), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'org.staffAudit': {
    input: () => ({ orgId: 'liuan-committee' }),
    // The organisation's role changes: its directors and those above, and the supervisors of its area.
    expect: { director: 'ok', streetDirector: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'org.removeStaff': {
    input: () => ({ orgId: 'liuan-committee', openid: 'mx-nobody', role: 'mediator', reason: '调离' }),
    mutates: true,
    expect: { director: 'ok', streetDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  // The expert pool: every director reads it (to add an expert to a case) and supervisors; the district centre keeps it.
  'org.experts': {
    input: () => ({}),
    expect: { director: 'ok', streetDirector: 'ok', otherDirector: 'ok', supervisor: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'org.saveExpert': {
    mutates: true,
    input: () => ({ name: '王医生', field: '医疗', affiliation: '区人民医院', mobile: '13966667777' }),
    expect: { districtDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'org.revealExpertPhone': {
    mutates: true,
    input: () => ({ expertId: expertPoolId }),
    expect: { districtDirector: 'ok', timer: 'UNAUTHENTICATED' },
    others: 'FORBIDDEN',
  },
  'user.me': { input: () => ({}), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'user.setPreferences': { mutates: true, input: () => ({ largeText: true }), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'user.exportData': { input: () => ({}), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'user.requestDeletion': { mutates: true, input: () => ({}), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'user.inbox': { input: () => ({}), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'user.markRead': { mutates: true, input: () => ({ all: true }), expect: EVERYONE_SIGNED_IN(), others: 'UNAUTHENTICATED' },
  'timer.tick': { input: () => ({}), expect: { timer: 'ok' }, others: 'FORBIDDEN' },
  'timer.relay': { input: () => ({}), expect: { timer: 'ok' }, others: 'FORBIDDEN' },
  'timer.deadlines': { input: () => ({}), expect: { timer: 'ok' }, others: 'FORBIDDEN' },
  'timer.expiry': { input: () => ({}), expect: { timer: 'ok' }, others: 'FORBIDDEN' },
  'timer.figures': { input: () => ({}), expect: { timer: 'ok' }, others: 'FORBIDDEN' },
  'timer.archives': { input: () => ({}), expect: { timer: 'ok' }, others: 'FORBIDDEN' },
};

const FUNCTIONS = allRoutes();

it('has a row for every action of every function, and none for an action that is gone', () => {
  const actions = Object.entries(FUNCTIONS).flatMap(([fn, routes]) => Object.keys(routes).map((a) => `${fn}.${a}`));
  expect(Object.keys(MATRIX).sort()).toEqual(actions.sort());
});

function outcomeOf(r: any): string {
  return r.ok ? 'ok' : r.code;
}

/** What a refused call must leave alone: every collection's contents. */
function snapshot(): string {
  return JSON.stringify(rt.db.collectionNames().sort().map((c) => [c, rt.db.dump(c)]));
}

describe.each(Object.entries(MATRIX))('%s', (fnAction, row) => {
  const [fn, action] = fnAction.split('.');
  let shared: Fixture | undefined;
  beforeAll(async () => {
    if (row.stage) shared = await fixture(row.stage);
  });

  it.each(PEOPLE)('called by %s', async (who) => {
    const expected = expectedFor(row, who);
    // A successful call changes the case, so each allowed cell gets a case of its own.
    const f = expected === 'ok' && row.stage ? await fixture(row.stage) : shared ?? { caseId: 'c00000000000000000000' };
    const before = expected === 'ok' ? '' : snapshot();
    // The timer is run by its own trigger (the platform says so); every other caller calls the function.
    const res =
      fn === 'timer' && who === 'timer'
        ? ((await rt.fireTimer(fn, action)).result as Awaited<ReturnType<typeof call>>)
        : await call(rt, fn, WHO[who], action, row.input(f), row.mutates ? rid() : undefined);
    expect(`${who}: ${outcomeOf(res)}`).toBe(`${who}: ${expected}`);
    if (expected !== 'ok') expect(snapshot()).toBe(before);
  });
});

// Replay: every mutating action, sent twice with the same request id by the first person allowed to take it (a
// lost answer resent by the phone), takes effect once and answers the second time exactly as the first. The table
// is the matrix above, so a new mutating action is covered as soon as it has its row.
it("marks as mutating exactly the actions the route tables say change something", () => {
  const mutating = Object.entries(FUNCTIONS).flatMap(([fn, routes]) => Object.entries(routes).filter(([, r]) => r.mutates).map(([a]) => `${fn}.${a}`));
  expect(Object.entries(MATRIX).filter(([, row]) => row.mutates).map(([k]) => k).sort()).toEqual(mutating.sort());
});

/**
 * Rows whose matrix cell has nobody allowed (the state refuses everyone): who takes the action for the replay,
 * after what setup, with what input.
 */
const REPLAY_AS: Record<string, { who: Who; input?: (f: Fixture) => Promise<unknown> }> = {
  // The respondent joins first; then answering is theirs.
  'case.reply': {
    who: 'respondent',
    input: async (f) => {
      await must(call(rt, 'case', WHO.respondent, 'join', { code: f.code }, rid()));
      return MATRIX['case.reply'].input(f);
    },
  },
  // A real report of the committee's officer, registered by the director.
  'report.convertReport': {
    who: 'director',
    input: async () => {
      const filed = await must(call(rt, 'report', WHO.officer, 'reportBrewing', { communityId: 'liuan', category: 'neighbourhood', risk: 'medium', description: '两户因占用楼道发生争吵。' }, rid()));
      return { reportId: filed.reportId, applicants: [{ name: '吴先生' }], respondents: [{ name: '邻居钱某' }], visitorConsent: true, shareWithOtherOrgs: false };
    },
  },
};

/**
 * Actions that hand out a secret kept only as a hash cannot answer a replay with the secret: they say so instead,
 * as their rows in src/server/API.md describe. Each is checked for what it does instead.
 */
const SECRET_ISSUING: Record<string, (first: any, again: any, f: Fixture) => Promise<void>> = {
  // A fresh code replaces the first (which no longer opens anything): the phone that lost the answer gets one.
  'case.invite': async (first, again) => {
    expect(again).toMatchObject({ ok: true, data: { invite: { reissued: true } } });
    expect(again.data.invite.code).not.toBe(first.data.invite.code);
    expect(outcomeOf(await call(rt, 'case', WHO.stranger, 'openInvite', { code: first.data.invite.code }))).not.toBe('ok');
    expect(outcomeOf(await call(rt, 'case', WHO.stranger, 'openInvite', { code: again.data.invite.code }))).toBe('ok');
  },
  // The director is told the code was issued and makes another if it was lost.
  'org.inviteStaff': async (_first, again) => {
    expect(again).toMatchObject({ ok: false, code: 'INVITE_ALREADY_ISSUED' });
  },
};

const REPLAYED = Object.entries(MATRIX).filter(([fnAction, row]) => row.mutates && !fnAction.startsWith('timer.'));
describe('replaying every mutating action', () => {
  // A fresh runtime: the matrix above made its callers staff (org.joinStaff), and staff cannot join a case as a party.
  beforeAll(async () => {
    rt = await demoRuntime();
    await setUpExpert();
    await must(call(rt, 'booking', WHO.mediator, 'setAvailability', { weekly: WIDE_HOURS, exceptions: [] }, rid()));
    slotList = openSlots({ weekly: WIDE_HOURS, exceptions: [] }, DEFAULT_CALENDAR, DEFAULT_SLOT_RULES, new Date(Date.now() + 30 * 60_000).toISOString());
  });
describe.each(REPLAYED)('%s sent twice with one request id', (fnAction, row) => {
  const [fn, action] = fnAction.split('.');
  it('takes effect once and answers the same', async () => {
    const who = REPLAY_AS[fnAction]?.who ?? PEOPLE.find((p) => p !== 'timer' && expectedFor(row, p) === 'ok');
    if (!who) throw new Error(`${fnAction}: nobody may take it here; give it a REPLAY_AS row`);
    const f = row.stage ? await fixture(row.stage) : { caseId: '' };
    const input = REPLAY_AS[fnAction]?.input ? await REPLAY_AS[fnAction].input!(f) : row.input(f);
    const requestId = rid('replay');
    const first = await call(rt, fn, WHO[who], action, input, requestId);
    expect(outcomeOf(first)).toBe('ok');
    const after = snapshot();
    const again = await call(rt, fn, WHO[who], action, input, requestId);
    const instead = SECRET_ISSUING[fnAction];
    if (instead) return instead(first, again, f);
    expect(again).toEqual(first);
    expect(changedSince(after)).toEqual([]);
  });
});
});

/** The documents (collection/_id) that differ from a snapshot: written, changed or removed since. */
function changedSince(before: string): string[] {
  const then = new Map<string, string>();
  for (const [c, docs] of JSON.parse(before) as Array<[string, Array<{ _id: string }>]>) for (const d of docs) then.set(`${c}/${d._id}`, JSON.stringify(d));
  const changed: string[] = [];
  for (const c of rt.db.collectionNames()) {
    for (const d of rt.db.dump(c) as Array<{ _id: string }>) {
      const key = `${c}/${d._id}`;
      if (then.get(key) !== JSON.stringify(d)) changed.push(key);
      then.delete(key);
    }
  }
  return [...changed, ...[...then.keys()].map((k) => `${k} (removed)`)];
}
