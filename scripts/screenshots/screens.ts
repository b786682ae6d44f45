// Every screen `npm run screenshots` photographs: each page of app.json, for each role that uses it, in its
// meaningful states — loaded with demo data, empty, an error, each step of the filing wizard, the party case page
// at each stage of a dispute, and large-text mode (大字模式) for the resident's and respondent's pages. A screen
// is reached the way a person reaches it: the page opened with its query, the server's answers scripted
// (demo-data.ts), then taps or the page's own methods. `expect` reads the page's data and says what must
// therefore be drawn; the browser step checks it (checks.ts).
import type { FakeTransport } from '../../test/miniprogram/helpers/fake-transport';
import { mp, sleep, tap, type RenderedComponent } from '../../test/miniprogram/helpers/simulate';
import { currentWx } from '../../test/miniprogram/helpers/wx-stub';
import type { OutputOf } from '../../src/server/api.types';
import { PARTY_NOTICE_LINE } from '../../src/domain/case/labels';
import {
  agreementView,
  AGREEMENT_CONTENT,
  answer,
  booking,
  CASE_ID,
  CASE_NO,
  caseView,
  cst,
  DIRECTOR,
  DIRECTORY,
  DONGHU,
  endOf,
  grantsOf,
  type Grant,
  INTAKE,
  LIUAN,
  LIUAN_ROOM,
  listItem,
  me,
  MEDIATOR,
  MY_CLOSED_CASES,
  MY_OPEN_CASES,
  offline,
  orgName,
  refuse,
  SLOTS,
  SUPERVISOR,
} from './demo-data';

import type { Role } from './roles';

export { ROLES, type Role } from './roles';

/** What the page's data says must be on screen (checked in the browser on the real rendering). */
export interface Expectations {
  /** Ids (as given in WXML) of elements that must be drawn: visible, with a size, inside the screen's width. */
  shows?: string[];
  /** Pairs of ids that must look different (a chosen option and one not chosen). */
  distinct?: Array<[string, string, string]>;
}

export interface Screen {
  /** `<role>/<name>`: the file names. */
  id: string;
  role: Role;
  /** Page path under miniprogram/. */
  page: string;
  /** What state this is, in words (the report and the gallery captions). */
  state: string;
  largeText?: boolean;
  /** Shown in the README's gallery. */
  gallery?: boolean;
  query?: Record<string, string>;
  /** The server's answers. */
  script?: (fake: FakeTransport) => void;
  /** Phone storage before the page opens. */
  storage?: Record<string, unknown>;
  /** After opening: what the person did to get here. */
  act?: (page: RenderedComponent) => Promise<void>;
  expect?: (page: RenderedComponent) => Expectations;
}

// ---- helpers -------------------------------------------------------------------------------------------

const PAGES = {
  home: 'pages/home/index/index',
  cases: 'pages/cases/index/index',
  me: 'pages/me/index/index',
  apply: 'pkg-resident/pages/dispute/apply/index',
  detail: 'pkg-resident/pages/case/detail/index',
  agreement: 'pkg-resident/pages/case/agreement/index',
  booking: 'pkg-resident/pages/case/booking/index',
  myData: 'pkg-resident/pages/account/my-data/index',
  inbox: 'pkg-resident/pages/account/inbox/index',
  invite: 'pkg-respondent/pages/invite/respond/index',
  mWorkbench: 'pkg-mediator/pages/workbench/index/index',
  mCase: 'pkg-mediator/pages/case/detail/index',
  mExtension: 'pkg-mediator/pages/case/extension/index',
  mRecord: 'pkg-mediator/pages/session/record/index',
  mDraft: 'pkg-mediator/pages/agreement/draft/index',
  mFollowUp: 'pkg-mediator/pages/agreement/follow-up/index',
  mPaper: 'pkg-mediator/pages/agreement/paper/index',
  mOral: 'pkg-mediator/pages/agreement/oral/index',
  mHours: 'pkg-mediator/pages/hours/index/index',
  dWorkbench: 'pkg-director/pages/workbench/index/index',
  dTriage: 'pkg-director/pages/case/triage/index',
  dAssign: 'pkg-director/pages/case/assign/index',
  dInvite: 'pkg-director/pages/staff/invite/index',
  dStats: 'pkg-director/pages/stats/index/index',
  dReview: 'pkg-director/pages/review/index/index',
  dRooms: 'pkg-director/pages/rooms/index/index',
  register: 'pkg-intake/pages/visit/register/index',
  overview: 'pkg-supervisor/pages/overview/index/index',
  oWorkbench: 'pkg-officer/pages/workbench/index/index',
  oScreening: 'pkg-officer/pages/screening/monthly/index',
  oBrewing: 'pkg-officer/pages/brewing/report/index',
  dBrewing: 'pkg-director/pages/brewing/list/index',
  dConvert: 'pkg-director/pages/brewing/convert/index',
  dScreenings: 'pkg-director/pages/screening/status/index',
  dStaffAudit: 'pkg-director/pages/staff/audit/index',
  dMediators: 'pkg-director/pages/mediators/index/index',
  caseAudit: 'pkg-mediator/pages/case/audit/index',
  caseArchive: 'pkg-mediator/pages/case/archive/index',
  typicalList: 'pkg-resident/pages/typical/list/index',
  dTypical: 'pkg-director/pages/typical/publish/index',
  dExperts: 'pkg-director/pages/experts/index/index',
  sExperts: 'pkg-supervisor/pages/experts/index/index',
} as const;

export { PAGES };

const byCase = { id: CASE_ID };

/** The district's expert pool as a committee's director reads it for a case (numbers masked). */
const EXPERT_POOL = {
  orgId: 'district-centre',
  orgName: '区矛盾纠纷调处化解中心',
  mayEdit: false,
  items: [
    { expertId: 'x0123456789abcdef', name: '周明德', field: '法律', affiliation: '明德律师事务所', mobileMasked: '139****6666', active: true, joined: true, onCase: false, recused: false },
    { expertId: 'x1123456789abcdef', name: '孙建华', field: '法律', affiliation: '区人民法院（退休）', mobileMasked: '137****1200', active: true, joined: true, onCase: false, recused: false },
    { expertId: 'x2123456789abcdef', name: '钱立新', field: '建筑工程', affiliation: '市建筑设计研究院', mobileMasked: '136****8801', active: true, joined: false, onCase: false, recused: false },
  ],
};
/** The same pool as a supervisor reads it (no case): every entry, one withdrawn. */
const SUPERVISOR_POOL = {
  ...EXPERT_POOL,
  items: [
    ...EXPERT_POOL.items.map(({ onCase: _o, recused: _r, ...e }) => e),
    { expertId: 'x3123456789abcdef', name: '吴静', field: '心理', affiliation: '区心理咨询中心', mobileMasked: '135****2207', active: false, joined: true },
    { expertId: 'x4123456789abcdef', name: '郑海燕', field: '医疗', affiliation: '区人民医院', mobileMasked: '158****3310', active: true, joined: true },
  ],
};
const settle = async () => {
  await sleep();
  await sleep();
};

/** Calls one of the page's own methods (the kit's typed `this`), then lets it finish. */
async function call(page: RenderedComponent, method: string, ...args: unknown[]): Promise<void> {
  await (page.instance[method] as (...a: unknown[]) => unknown)(...args);
  await settle();
}
const detail = (value: unknown) => ({ detail: { value } });

/** The filing wizard's answers, as 张秀兰 fills them in. */
const FILLED: Array<[string, unknown]> = [
  ['category', 'neighbourhood'],
  ['personalRelations', 'no'],
  ['communityId', 'liuan'],
  ['summary', '楼上 502 室卫生间漏水，我家客厅天花板发霉、墙皮脱落。3 月起找对方协商两次，对方说不是他家的问题，一直没修。'],
  ['wants', '请对方修好防水层，赔偿天花板和墙面的维修费。'],
  ['amountYuan', '3000'],
  ['applicantName', '张秀兰'],
  ['applicantMobile', '13857126621'],
  ['respondentName', '李建国'],
  ['respondentMobile', ''],
  ['people', 'few'],
  ['otherSide', 'same'],
  ['handled', 'none'],
  ['riskViolence', 'no'],
  ['riskSelfHarm', 'no'],
  ['riskCrowd', 'no'],
  ['preferredTimes', ['工作日下午', '周末']],
  ['privacy', true],
  ['shareWithOtherOrgs', 'yes'],
];

/** Fills the wizard up to `step` through the page's own `set` (which keeps the draft and derived data) and shows that step. */
function wizardAt(step: number, over: Record<string, unknown> = {}) {
  return async (page: RenderedComponent) => {
    const upTo: Record<number, string[]> = {
      0: ['category', 'personalRelations', 'communityId'],
      1: ['summary', 'wants', 'amountYuan'],
      2: ['applicantName', 'applicantMobile', 'respondentName', 'respondentMobile'],
      3: ['people', 'otherSide', 'handled'],
      4: ['riskViolence', 'riskSelfHarm', 'riskCrowd'],
      5: ['preferredTimes'],
      6: ['privacy', 'shareWithOtherOrgs'],
    };
    const fields = new Set(Object.entries(upTo).flatMap(([s, f]) => (Number(s) <= step ? f : [])));
    for (const [field, value] of FILLED) if (fields.has(field)) await call(page, 'set', field, field in over ? over[field] : value);
    for (const [field, value] of Object.entries(over)) if (!fields.has(field)) await call(page, 'set', field, value);
    // Through the page's own way to a step, so what it shows on arrival (the review of every answer) is there.
    await call(page, 'goTo', step);
    await settle();
  };
}

/** The wizard's chosen preferred times must look chosen: each chosen button differs from an unchosen one. */
function chosenTimesShow(page: RenderedComponent): Expectations {
  const options = page.instance.data.timeOptions as Array<{ value: string; chosen: boolean }>;
  const on = options.flatMap((o, i) => (o.chosen ? [`time-${i}`] : []));
  const off = options.findIndex((o) => !o.chosen);
  return { shows: on, distinct: off < 0 ? [] : on.map((id) => [id, `time-${off}`, `选中的时间“${options[Number(id.slice(5))].value}”与未选中的“${options[off].value}”`]) };
}

/** Opens the privacy popup as WeChat does when a page calls a personal-information API (wx.chooseMedia). */
async function privacyAsked(referrer: string): Promise<void> {
  const privacy = mp<typeof import('../../miniprogram/utils/privacy')>('utils/privacy');
  privacy.handlePrivacyRequest(() => undefined, referrer);
  await settle();
}

const LARGE = { 'prefs.v1': { largeText: true } };

/** 统计报表 opens on this month (a week old on the screens' day): the month before has figures to show. */
async function lastMonth(page: RenderedComponent): Promise<void> {
  await tap(page, '#prev');
  await settle();
}

/** The resident's pages again in large-text mode. */
function large(s: Screen): Screen {
  return { ...s, id: `${s.id}--large`, state: `${s.state}（大字模式）`, largeText: true, gallery: false, storage: { ...s.storage, ...LARGE } };
}

// ---- the screens -----------------------------------------------------------------------------------------

function residentScreens(): Screen[] {
  const home: Screen = { id: 'resident/home', role: 'resident', page: PAGES.home, state: '首页', gallery: true };
  const casesList: Screen = {
    id: 'resident/cases',
    role: 'resident',
    page: PAGES.cases,
    state: '我的案件：进行中',
    gallery: true,
    script: (f) => answer(f, 'case', 'mine', MY_OPEN_CASES),
  };
  const casesEmpty: Screen = {
    id: 'resident/cases-empty',
    role: 'resident',
    page: PAGES.cases,
    state: '我的案件：还没有案件',
    script: (f) => answer(f, 'case', 'mine', { items: [], hasMore: false }),
    expect: () => ({ shows: ['empty-apply'] }),
  };
  const meResident: Screen = { id: 'resident/me', role: 'resident', page: PAGES.me, state: '我的', script: (f) => me(f) };

  const apply = (name: string, state: string, step: number, extra: Partial<Screen> = {}, over: Record<string, unknown> = {}): Screen => ({
    id: `resident/apply-${name}`,
    role: 'resident',
    page: PAGES.apply,
    state,
    script: (f) => answer(f, 'org', 'directory', DIRECTORY),
    act: wizardAt(step, over),
    ...extra,
  });
  const step0 = apply('1-type', '申请调解 第1步：纠纷类型和发生地', 0, { gallery: true });
  const step1 = apply('2-what', '申请调解 第2步：发生了什么', 1);
  const step2 = apply('3-parties', '申请调解 第3步：双方信息', 2);
  const step2Several = apply('3-parties-several', '申请调解 第3步：几户一起申请，对方是物业公司和维保公司', 2, {
    expect: () => ({ shows: ['co-applicant-0', 'respondent-rep', 'more-respondent-0', 'add-co-applicant'] }),
  }, {
    coApplicants: [{ name: '302业主', mobile: '', kind: 'person', representative: '' }],
    respondentKind: 'organisation',
    respondentName: '安居物业公司',
    respondentRep: '王经理',
    moreRespondents: [{ name: '电梯维保公司', mobile: '', kind: 'organisation', representative: '刘工' }],
  });
  const stepScope = apply('4-scope', '申请调解 第4步：涉及范围（人数、对方住处、是否已有机关处理）', 3);
  const step3 = apply('5-safety', '申请调解 第5步：安全情况', 4);
  const step4 = apply('6-times', '申请调解 第6步：材料与时间（已选两个时间）', 5, { gallery: true, expect: chosenTimesShow });
  const step5 = apply('7-confirm', '申请调解 第7步：确认提交（已选择是否同意转交）', 6);
  const stepShareUnchosen: Screen = {
    id: 'resident/apply-7-consent-unchosen',
    role: 'resident',
    page: PAGES.apply,
    state: '申请调解 第7步：未选择是否同意转交就提交',
    script: (f) => answer(f, 'org', 'directory', DIRECTORY),
    act: async (page) => {
      await wizardAt(6, { shareWithOtherOrgs: '' })(page);
      await tap(page, '#submit');
      await settle();
    },
    expect: () => ({ shows: ['err-shareWithOtherOrgs', 'share-yes', 'share-no'] }),
  };
  const stepErrors: Screen = {
    id: 'resident/apply-1-errors',
    role: 'resident',
    page: PAGES.apply,
    state: '申请调解 第1步：未选择就点下一步',
    script: (f) => answer(f, 'org', 'directory', DIRECTORY),
    act: async (page) => {
      await tap(page, '#next');
      await settle();
    },
    expect: () => ({ shows: ['err-category', 'err-communityId'] }),
  };
  const stepRisk = apply('5-risk', '申请调解 第5步：有人身危险（显示紧急电话）', 4, {}, { riskViolence: 'yes' });
  const restored: Screen = {
    id: 'resident/apply-restored',
    role: 'resident',
    page: PAGES.apply,
    state: '申请调解：恢复上次未提交的内容',
    storage: {
      'disputeDraft.v1': { step: 1, form: { ...Object.fromEntries(FILLED.slice(0, 5)), evidence: [], preferredTimes: [], privacy: false, shareWithOtherOrgs: '' }, savedAt: NOW_MS },
    },
    script: (f) => answer(f, 'org', 'directory', DIRECTORY),
    expect: () => ({ shows: ['restored', 'start-over'] }),
  };
  const privacy = apply('6-privacy', '申请调解 第6步：添加照片前的隐私提示', 5, {
    act: async (page) => {
      await wizardAt(5)(page);
      await privacyAsked('chooseMedia');
    },
    expect: () => ({ shows: ['privacy-agree'] }),
  });
  const filed: Screen = {
    id: 'resident/apply-done',
    role: 'resident',
    page: PAGES.apply,
    state: '申请调解：已提交，显示案件编号',
    gallery: true,
    script: (f) => {
      answer(f, 'org', 'directory', DIRECTORY);
      answer(f, 'case', 'file', { caseId: CASE_ID, caseNo: CASE_NO, status: 'registered', statusLabel: '已登记', holder: { orgId: LIUAN, name: orgName(LIUAN) }, next: { label: '分流期限', dueAt: endOf(8) }, urgent: false, emergencyNumbers: [] });
    },
    act: async (page) => {
      await wizardAt(6)(page);
      await tap(page, '#submit');
      await settle();
    },
    expect: () => ({ shows: ['case-no', 'open-case'] }),
  };
  const applyError: Screen = {
    id: 'resident/apply-error',
    role: 'resident',
    page: PAGES.apply,
    state: '申请调解：网络不通，加载失败',
    script: (f) => offline(f, 'org', 'directory'),
  };

  const party = (name: string, state: string, over: Parameters<typeof caseView>[0], extra: Partial<Screen> = {}): Screen => ({
    id: `resident/case-${name}`,
    role: 'resident',
    page: PAGES.detail,
    state: `案件详情：${state}`,
    query: byCase,
    script: (f) => answer(f, 'case', 'get', caseView(over)),
    ...extra,
  });
  const stages: Screen[] = [
    party('1-registered', '已登记，等待受理（一句话说明谁在何时前决定）', { status: 'registered' }, { gallery: true, expect: () => ({ shows: ['next-step', 'stages'] }) }),
    party('2-transferring', '转办中（首问负责，等待街道中心接收）', { status: 'transferring' }),
    party('3-accepted', '已受理，可以预约时间', { status: 'accepted' }),
    party('4-awaiting-consent', '等待对方答复', { status: 'awaiting_consent' }),
    party('5-scheduled', '已约定调解时间', { status: 'scheduled' }, { gallery: true }),
    party('6-in-mediation', '调解中', { status: 'in_mediation' }),
    party(
      '7-agreement',
      '协议待我确认（页首大按钮）',
      {
        status: 'agreement_pending',
        over: { agreement: { form: 'written', version: 2, paperOnly: false, confirmedBy: ['李*国'], awaiting: ['张秀兰'], signed: false, sealed: false } },
      },
      { expect: () => ({ shows: ['next-step', 'task-agreement'] }) },
    ),
    party(
      '8-performing',
      '协议履行中：确认收到、评价',
      {
        status: 'performing',
        over: {
          agreement: { form: 'written', version: 2, paperOnly: false, confirmedBy: ['张秀兰', '李*国'], awaiting: [], signed: true, sealed: true, effectiveAt: cst(12, 10) },
          performance: [
            { itemId: 'i1', description: '修复卫生间防水层', dueDate: '2025-05-20', place: '柳岸社区 3 幢 502 室', done: true, iAmObligee: true },
            { itemId: 'i2', description: '支付维修费', amountYuan: 3000, dueDate: '2025-05-31', place: '柳岸社区调解室', done: false, iAmObligee: true },
          ],
          mayRate: true,
          nextStep: { step: 'receive', text: '对方应在5月31日前完成：支付维修费；收到后请告诉我们', mine: true, itemId: 'i2' },
        },
      },
      { gallery: true, expect: () => ({ shows: ['task-receive', 'done-i2', 'rate'] }) },
    ),
    party('9-closed', '已结案：调解成功并履行完毕，已评价', {
      status: 'closed',
      over: {
        statusLabel: '已结案',
        outcomeLabel: '调解成功并履行完毕',
        next: undefined,
        closing: { outcomeLabel: '调解成功并履行完毕', reason: '协议约定事项均已履行，回访双方满意。' },
        myRating: { score: 5, comment: '李调解员很耐心，事情解决了。' },
      },
    }),
    party('9-failed', '已结案：调解不成，告知其他途径', {
      status: 'closed',
      over: {
        statusLabel: '已结案',
        outcomeLabel: '调解不成',
        next: undefined,
        closing: {
          outcomeLabel: '调解不成',
          reason: '双方对维修费金额分歧较大，经两次调解未能达成一致。',
          guidance: '您可以向清风区人民法院起诉（诉讼服务中心：人民路 8 号），或就物业责任向区住建局反映。调解不成不影响您的诉讼权利。',
        },
      },
    }),
    party('urgent', '情况紧急，显示报警电话', { status: 'registered', over: { urgent: true, emergencyNumbers: [{ label: '报警', number: '110' }, { label: '急救', number: '120' }] } }),
    {
      id: 'resident/case-error',
      role: 'resident',
      page: PAGES.detail,
      state: '案件详情：案件不存在',
      query: byCase,
      script: (f) => refuse(f, 'case', 'get', 'NOT_FOUND', '案件不存在或您无权查看'),
    },
  ];

  const agreementPending: Screen = {
    id: 'resident/agreement',
    role: 'resident',
    page: PAGES.agreement,
    state: '调解协议：阅读并确认',
    gallery: true,
    query: byCase,
    script: (f) => answer(f, 'agreement', 'get', agreementView('pending')),
    expect: () => ({ shows: ['confirm', 'read'] }),
  };
  const agreementEffective: Screen = {
    id: 'resident/agreement-effective',
    role: 'resident',
    page: PAGES.agreement,
    state: '调解协议：已生效，司法确认期限、受理法院、下载申请书',
    query: byCase,
    script: (f) => answer(f, 'agreement', 'get', agreementView('effective')),
    expect: () => ({ shows: ['judicial-by', 'done-i2', 'judicial-court', 'judicial-download', 'judicial-record'] }),
  };
  const agreementPaper: Screen = {
    id: 'resident/agreement-paper',
    role: 'resident',
    page: PAGES.agreement,
    state: '调解协议：须当面签字',
    query: byCase,
    script: (f) => answer(f, 'agreement', 'get', agreementView('paper')),
  };
  const agreementError: Screen = {
    id: 'resident/agreement-error',
    role: 'resident',
    page: PAGES.agreement,
    state: '调解协议：还没有协议',
    query: byCase,
    script: (f) => refuse(f, 'agreement', 'get', 'NO_AGREEMENT', '本案还没有调解协议'),
  };

  const bookingNew: Screen = {
    id: 'resident/booking',
    role: 'resident',
    page: PAGES.booking,
    state: '预约调解时间：选择时间',
    gallery: true,
    query: byCase,
    script: (f) => {
      answer(f, 'booking', 'bookings', { caseId: CASE_ID, bookings: [booking('cancelled', { label: '2025-05-06 14:00', reason: '对方临时有事，改约', startAt: cst(6, 14), endAt: cst(6, 15) })] });
      answer(f, 'booking', 'slots', SLOTS);
    },
    act: async (page) => {
      await tap(page, '#slot-1');
      await settle();
    },
  };
  const bookingProposed: Screen = {
    id: 'resident/booking-proposed',
    role: 'resident',
    page: PAGES.booking,
    state: '预约调解时间：调解员提出时间，待我确认',
    query: byCase,
    script: (f) => answer(f, 'booking', 'bookings', { caseId: CASE_ID, bookings: [booking('proposed')] }),
    expect: () => ({ shows: ['confirm', 'cancel'] }),
  };
  const bookingConfirmed: Screen = {
    id: 'resident/booking-confirmed',
    role: 'resident',
    page: PAGES.booking,
    state: '预约调解时间：双方已确认',
    query: byCase,
    script: (f) => answer(f, 'booking', 'bookings', { caseId: CASE_ID, bookings: [booking('confirmed')] }),
  };
  const bookingNoSlots: Screen = {
    id: 'resident/booking-empty',
    role: 'resident',
    page: PAGES.booking,
    state: '预约调解时间：近期没有可约时间',
    query: byCase,
    script: (f) => {
      answer(f, 'booking', 'bookings', { caseId: CASE_ID, bookings: [] });
      answer(f, 'booking', 'slots', { ...SLOTS, slots: [] });
    },
    expect: () => ({ shows: ['slots-empty'] }),
  };
  const bookingError: Screen = {
    id: 'resident/booking-error',
    role: 'resident',
    page: PAGES.booking,
    state: '预约调解时间：查询可约时间失败',
    query: byCase,
    script: (f) => {
      answer(f, 'booking', 'bookings', { caseId: CASE_ID, bookings: [] });
      offline(f, 'booking', 'slots');
    },
    expect: () => ({ shows: ['slots-error', 'slots-retry'] }),
  };

  const exportData = {
    exportedAt: cst(7, 10),
    account: { registered: true, prefs: { largeText: false }, roles: [] },
    cases: [
      {
        caseNo: CASE_NO,
        myRole: '申请人' as const,
        myName: '张秀兰',
        myMobile: '13857126621',
        category: '邻里纠纷',
        status: '已预约调解',
        registeredAt: cst(28, 9, 12, 4),
        summary: '楼上 502 室卫生间漏水……',
        timeline: [{ at: cst(28, 9, 12, 4), label: '登记受理申请' }],
      },
      { caseNo: 'QF-2025-000061', myRole: '申请人' as const, myName: '张秀兰', category: '邻里纠纷', status: '已结案 · 申请人撤回', registeredAt: cst(18, 14, 30, 1), timeline: [] },
    ],
    deletionRequests: [],
  };
  const myData: Screen = { id: 'resident/my-data', role: 'resident', page: PAGES.myData, state: '我的数据', script: (f) => answer(f, 'user', 'exportData', exportData) };
  const myDataDeleted: Screen = {
    id: 'resident/my-data-deletion',
    role: 'resident',
    page: PAGES.myData,
    state: '我的数据：申请删除之后',
    script: (f) => {
      answer(f, 'user', 'exportData', exportData, { ...exportData, deletionRequests: [{ at: cst(7, 10, 2), status: 'partly_done' }] });
      answer(f, 'user', 'requestDeletion', {
        status: 'partly_done',
        erased: { preferences: true, phoneNumbersOnClosedCases: 1 },
        kept: [{ caseNo: CASE_NO, why: '案件办理中，办结后才能删除电话号码' }],
      });
    },
    act: async (page) => {
      currentWx().showModal = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false })) as never;
      await tap(page, '#request-deletion');
      await settle();
    },
  };
  const myDataError: Screen = { id: 'resident/my-data-error', role: 'resident', page: PAGES.myData, state: '我的数据：加载失败', script: (f) => offline(f, 'user', 'exportData') };

  const notices = [
    { id: 'n5', caseId: CASE_ID, caseNo: CASE_NO, title: '调解时间', phrase: '已确定', message: '5月8日 15:00 现场调解，柳岸和事佬调解室', at: cst(6, 17, 1), read: false },
    { id: 'n4', caseId: CASE_ID, caseNo: CASE_NO, title: '案件进度', phrase: '对方已同意调解', message: '调解员将与您商定时间', at: cst(6, 14, 21), read: false },
    { id: 'n3', caseId: CASE_ID, caseNo: CASE_NO, title: '案件进度', phrase: '已指派调解员', message: '柳岸社区人民调解委员会', at: cst(30, 9, 1, 4), read: true },
    { id: 'n2', caseId: CASE_ID, caseNo: CASE_NO, title: '案件进度', phrase: '已受理', message: `案件${CASE_NO}：${PARTY_NOTICE_LINE.accepted}`, at: cst(29, 16, 31, 4), read: true },
    { id: 'n1', caseId: CASE_ID, caseNo: CASE_NO, title: '案件进度', phrase: '已登记', message: `案件${CASE_NO}：${PARTY_NOTICE_LINE.registered}`, at: cst(28, 9, 13, 4), read: true },
  ];
  const inbox: Screen = { id: 'resident/inbox', role: 'resident', page: PAGES.inbox, state: '我的消息：两条未读', script: (f) => answer(f, 'user', 'inbox', { items: notices, hasMore: false, unread: 2 }) };
  const inboxEmpty: Screen = { id: 'resident/inbox-empty', role: 'resident', page: PAGES.inbox, state: '我的消息：暂无消息', script: (f) => answer(f, 'user', 'inbox', { items: [], hasMore: false, unread: 0 }) };
  const inboxError: Screen = { id: 'resident/inbox-error', role: 'resident', page: PAGES.inbox, state: '我的消息：加载失败', script: (f) => offline(f, 'user', 'inbox') };
  const typical = {
    typicalId: 't0123456789abcdef0123',
    orgId: 'liuan-committee',
    orgName: '柳岸社区人民调解委员会',
    category: 'neighbourhood',
    categoryLabel: '邻里纠纷',
    title: '楼上漏水引发的邻里纠纷',
    happened: '某小区楼上住户卫生间漏水，楼下住户吊顶受损，双方多次协商未果，矛盾逐渐升级。',
    howMediated: '调解员到现场查看漏水情况，分别听取双方意见，讲解相邻关系的法律规定，促成双方各让一步。',
    result: '楼上住户赔偿维修费并修好防水，双方握手言和。',
    publishedAt: cst(20, 10),
  };
  const typicalList: Screen = {
    id: 'resident/typical',
    role: 'resident',
    page: PAGES.typicalList,
    state: '典型案例：邻里纠纷',
    query: { category: 'neighbourhood' },
    script: (f) => answer(f, 'org', 'typicalCases', { items: [typical], hasMore: false }),
    expect: () => ({ shows: [`case-${typical.typicalId}`] }),
  };
  const typicalEmpty: Screen = { id: 'resident/typical-empty', role: 'resident', page: PAGES.typicalList, state: '典型案例：这一类还没有', script: (f) => answer(f, 'org', 'typicalCases', { items: [], hasMore: false }) };
  const typicalError: Screen = { id: 'resident/typical-error', role: 'resident', page: PAGES.typicalList, state: '典型案例：加载失败', script: (f) => offline(f, 'org', 'typicalCases') };

  const normal: Screen[] = [
    home,
    casesList,
    { id: 'resident/cases-closed', role: 'resident', page: PAGES.cases, state: '我的案件：已办结', script: (f) => answer(f, 'case', 'mine', MY_OPEN_CASES, MY_CLOSED_CASES), act: async (page) => call(page, 'onTab', detail('closed')) },
    casesEmpty,
    { id: 'resident/cases-error', role: 'resident', page: PAGES.cases, state: '我的案件：网络不通', script: (f) => offline(f, 'case', 'mine') },
    meResident,
    typicalList,
    typicalEmpty,
    typicalError,
    step0,
    stepErrors,
    step1,
    step2,
    step2Several,
    stepScope,
    step3,
    stepRisk,
    step4,
    privacy,
    step5,
    stepShareUnchosen,
    filed,
    restored,
    applyError,
    ...stages,
    agreementPending,
    agreementEffective,
    agreementPaper,
    agreementError,
    bookingNew,
    bookingProposed,
    bookingConfirmed,
    bookingNoSlots,
    bookingError,
    myData,
    myDataDeleted,
    myDataError,
    inbox,
    inboxEmpty,
    inboxError,
  ];
  const meLarge: Screen = { ...large(meResident), state: '我的：大字模式已打开' };
  const largeOnes = [home, casesList, casesEmpty, step0, step1, step2, step2Several, stepScope, step3, step4, step5, filed, stages[0], stages[2], stages[4], stages[6], stages[7], agreementPending, agreementEffective, bookingNew, bookingProposed, myData, inbox, typicalList].map(large);
  // The gallery shows the case page a resident checks most at three stages (waiting for acceptance, a session
  // booked with its appointment card, the agreement performed) in large-text mode too.
  for (const id of ['resident/case-1-registered--large', 'resident/case-5-scheduled--large', 'resident/case-8-performing--large']) largeOnes.find((s) => s.id === id)!.gallery = true;
  return [...normal, meLarge, ...largeOnes];
}

const INVITE_CODE = 'QF7M2K4X6PZ3R5T2W4Y6A3C5E7';

function respondentScreens(): Screen[] {
  const preview = (over: Partial<import('../../miniprogram/services/types').InvitePreview> = {}) => ({
    caseId: CASE_ID,
    caseNo: CASE_NO,
    categoryLabel: '邻里纠纷',
    statusLabel: '待被申请人同意',
    orgName: orgName(LIUAN),
    orgPhone: '0571-86000111',
    applicantName: '张*兰',
    joined: 'no' as const,
    invitee: { role: 'respondent' as const, forAgent: false },
    replyDueAt: endOf(9),
    ...over,
  });
  const decide: Screen = {
    id: 'respondent/invite',
    role: 'respondent',
    page: PAGES.invite,
    state: '收到调解邀请：了解并答复',
    gallery: true,
    query: { code: INVITE_CODE },
    script: (f) => answer(f, 'case', 'openInvite', preview()),
    expect: () => ({ shows: ['reply-agree', 'reply-ask_for_time', 'reply-refuse', 'due'] }),
  };
  const enterCode: Screen = {
    id: 'respondent/invite-code',
    role: 'respondent',
    page: PAGES.invite,
    state: '输入数字邀请码或扫一扫',
    act: async (page) => {
      await call(page, 'onDigits', detail('4021'));
      await settle();
    },
    expect: () => ({ shows: ['box-0', 'box-7', 'open-digits', 'scan', 'show-long'] }),
  };
  const replyOnCase: Screen = {
    id: 'respondent/case-reply',
    role: 'respondent',
    page: PAGES.detail,
    state: '案件详情（被申请人）：答复是否同意调解',
    gallery: true,
    query: byCase,
    script: (f) => answer(f, 'case', 'get', caseView({ status: 'awaiting_consent', viewer: 'respondent' })),
    expect: () => ({ shows: ['next-step', 'reply-agree', 'reply-ask_for_time', 'reply-refuse'] }),
  };
  const normal: Screen[] = [
    enterCode,
    {
      id: 'respondent/invite-code-error',
      role: 'respondent',
      page: PAGES.invite,
      state: '输入字母邀请码：格式不对',
      act: async (page) => {
        await tap(page, '#show-long');
        await call(page, 'onCodeInput', detail('QF7M2K'));
        await tap(page, '#open-code');
        await settle();
      },
      expect: () => ({ shows: ['err-code'] }),
    },
    {
      id: 'respondent/invite-phone',
      role: 'respondent',
      page: PAGES.invite,
      state: '数字邀请码：请验证手机号',
      query: { code: '40213587' },
      script: (f) => refuse(f, 'case', 'openInvite', 'INVITE_PHONE_REQUIRED', '用数字邀请码加入，需要先验证您的手机号'),
      expect: () => ({ shows: ['phone'] }),
    },
    decide,
    {
      id: 'respondent/invite-joined',
      role: 'respondent',
      page: PAGES.invite,
      state: '邀请：已加入本案',
      query: { code: INVITE_CODE },
      script: (f) => answer(f, 'case', 'openInvite', preview({ joined: 'me', replyDueAt: undefined, statusLabel: '已受理' })),
      expect: () => ({ shows: ['open-case'] }),
    },
    { id: 'respondent/invite-used', role: 'respondent', page: PAGES.invite, state: '邀请：已被其他账号接受', query: { code: INVITE_CODE }, script: (f) => answer(f, 'case', 'openInvite', preview({ joined: 'other' })) },
    { id: 'respondent/invite-invalid', role: 'respondent', page: PAGES.invite, state: '邀请：邀请码无效', query: { code: 'NOT-A-CODE' } },
    { id: 'respondent/invite-error', role: 'respondent', page: PAGES.invite, state: '邀请：网络不通', query: { code: INVITE_CODE }, script: (f) => offline(f, 'case', 'openInvite') },
    replyOnCase,
    { id: 'respondent/case-scheduled', role: 'respondent', page: PAGES.detail, state: '案件详情（被申请人）：已约定时间', query: byCase, script: (f) => answer(f, 'case', 'get', caseView({ status: 'scheduled', viewer: 'respondent' })) },
  ];
  return [...normal, large(decide), large(enterCode), large(replyOnCase)];
}

/** 李调解员's hours: weekday mornings and afternoons, Saturday morning, a day of training and an evening session. */
const MEDIATOR_HOURS: OutputOf<'booking', 'availability'> = {
  mediatorId: MEDIATOR.openid,
  weekly: [
    ...[1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, start: '09:00', end: '12:00' },
      { weekday, start: '14:00', end: '17:30' },
    ]),
    { weekday: 6, start: '09:00', end: '12:00' },
  ],
  exceptions: [
    { date: '2025-05-12', kind: 'unavailable', note: '区司法局业务培训' },
    { date: '2025-05-15', kind: 'extra', start: '18:30', end: '20:30', note: '夜间调解' },
  ],
  slotMinutes: 60,
};

/** 柳岸's rooms: the mediation room, open on weekdays and Saturday mornings, closed one day for repairs; a small one no longer used. */
const ROOMS: OutputOf<'booking', 'rooms'> = {
  orgId: LIUAN,
  rooms: [
    {
      roomId: LIUAN_ROOM.roomId,
      orgId: LIUAN,
      name: LIUAN_ROOM.name,
      capacity: 8,
      address: LIUAN_ROOM.address,
      latitude: LIUAN_ROOM.latitude,
      longitude: LIUAN_ROOM.longitude,
      hours: [
        ...[1, 2, 3, 4, 5].flatMap((weekday) => [
          { weekday, start: '09:00', end: '12:00' },
          { weekday, start: '14:00', end: '17:30' },
        ]),
        { weekday: 6, start: '09:00', end: '12:00' },
      ],
      exceptions: [{ date: '2025-05-20', kind: 'unavailable', note: '墙面维修' }],
      active: true,
    },
    { roomId: 'liuan-room-2', orgId: LIUAN, name: '第二调解室', capacity: 4, address: '', hours: [1, 3, 5].map((weekday) => ({ weekday, start: '14:00', end: '17:00' })), exceptions: [], active: false },
  ],
};

/** A paper-only agreement (marriage, adoption, inheritance) with the parties in `signed` having signed on paper. */
function paperSigned(signed: string[]): OutputOf<'agreement', 'get'> {
  const a = agreementView('paper', 'staff');
  const names: Record<string, string> = { p1: '张秀兰', p2: '李建国' };
  return {
    ...a,
    confirmations: signed.map((partyId, i) => ({ partyId, name: names[partyId], method: 'paper' as const, at: cst(7, 9, 20 + i * 15), current: true, hasScan: true })),
    awaiting: ['p1', 'p2'].filter((id) => !signed.includes(id)).map((partyId) => ({ partyId, name: names[partyId] })),
  };
}

function mediatorScreens(): Screen[] {
  const grants = grantsOf(MEDIATOR);
  const HOUR = 3_600_000;
  const due = (ms: number) => new Date(NOW_MS + ms).toISOString();
  const assigned = [
    { ...listItem('131', { categoryLabel: '物业纠纷', statusLabel: '调解中', next: { label: '调解期限', dueAt: due(-5 * HOUR) } }), status: 'in_mediation' as const },
    { ...listItem('147', { caseId: CASE_ID, caseNo: CASE_NO, statusLabel: '已预约调解', next: { label: '调解期限', dueAt: due(30 * HOUR) } }), status: 'scheduled' as const },
    { ...listItem('158', { categoryLabel: '婚姻家庭', statusLabel: '已受理', next: { label: '邀请对方期限', dueAt: due(4 * 24 * HOUR) }, urgent: true }), status: 'accepted' as const },
    { ...listItem('120', { categoryLabel: '债务', statusLabel: '协议履行中', next: { label: '回访期限', dueAt: due(20 * 24 * HOUR) } }), status: 'performing' as const },
    { ...listItem('109', { categoryLabel: '损害赔偿', statusLabel: '调解中', next: { label: '调解期限', dueAt: due(12 * 24 * HOUR) } }), status: 'in_mediation' as const },
  ];
  const staffCase = (status: Parameters<typeof caseView>[0]['status'], over = {}) => caseView({ status, viewer: 'staff', over });
  const m = (name: string, state: string, page: string, script: (f: FakeTransport) => void, extra: Partial<Screen> = {}): Screen => ({
    id: `mediator/${name}`,
    role: 'mediator',
    page,
    state,
    script: (f) => {
      me(f, grants);
      script(f);
    },
    ...extra,
  });
  return [
    m('workbench', '调解员工作台：按期限分组', PAGES.mWorkbench, (f) => answer(f, 'case', 'assigned', { items: assigned, hasMore: false }), { gallery: true }),
    m('workbench-empty', '调解员工作台：暂无案件', PAGES.mWorkbench, (f) => answer(f, 'case', 'assigned', { items: [], hasMore: false })),
    m('workbench-error', '调解员工作台：网络不通', PAGES.mWorkbench, (f) => offline(f, 'case', 'assigned')),
    { id: 'mediator/workbench-refused', role: 'mediator', page: PAGES.mWorkbench, state: '调解员工作台：没有调解员身份', script: (f) => me(f) },
    m('case', '案件办理：提出调解时间', PAGES.mCase, (f) => {
      answer(f, 'case', 'get', staffCase('accepted'));
      answer(f, 'booking', 'slots', SLOTS);
    }, { gallery: true, query: byCase, act: async (page) => { await tap(page, '#show-slots'); await settle(); }, expect: () => ({ shows: ['slot-0', 'call-p1', 'call-p2'] }) }),
    m('case-mediating', '案件办理：调解中，可起草协议', PAGES.mCase, (f) => answer(f, 'case', 'get', staffCase('in_mediation')), { query: byCase, expect: () => ({ shows: ['draft', 'record'] }) }),
    m('case-raise-risk', '案件办理：提高风险等级（升为高风险，写明发现的情况）', PAGES.mCase, (f) => answer(f, 'case', 'get', staffCase('in_mediation', { risk: { level: 'low', signals: [] }, paperOnly: false })), {
      query: byCase,
      act: async (page) => {
        await tap(page, '#raise-risk');
        await settle();
        await call(page, 'onPickLevel', { currentTarget: { dataset: { value: 'high' } } });
        await call(page, 'onToggleSignal', { currentTarget: { dataset: { value: 'violence_threat' } } });
        await call(page, 'onRiskReason', detail('回访时得知对方扬言要上门动手，申请人很害怕。'));
      },
      expect: () => ({ shows: ['risk-form', 'submit-risk'] }),
    }),
    m('case-paper-only', '案件办理：涉及婚姻、收养、继承关系，协议须线下签字', PAGES.mCase, (f) =>
      answer(f, 'case', 'get', staffCase('in_mediation', { category: 'family', categoryLabel: '婚姻家庭纠纷', risk: { level: 'medium', signals: [] }, paperOnly: true })), {
      query: byCase,
      expect: () => ({ shows: ['paper-only', 'raise-risk'] }),
    }),
    m('case-performing', '案件办理：协议履行中', PAGES.mCase, (f) => answer(f, 'case', 'get', staffCase('performing')), { query: byCase, expect: () => ({ shows: ['follow-up'] }) }),
    m('case-error', '案件办理：加载失败', PAGES.mCase, (f) => offline(f, 'case', 'get'), { query: byCase }),
    m('extension', '延长调解期限：写明理由，勾选已当面同意的当事人', PAGES.mExtension, (f) => answer(f, 'case', 'get', staffCase('in_mediation', { mediationLimit: { dueAt: endOf(6, 6), extended: false } })), {
      query: byCase,
      act: async (page) => {
        await call(page, 'onReason', detail('双方需要时间向物业调取维修记录、核对费用。'));
        await tap(page, '#party-p1');
        await settle();
      },
      expect: () => ({ shows: ['due', 'reason', 'submit'] }),
    }),
    m('extension-waiting', '延长调解期限：等待被申请人同意', PAGES.mExtension, (f) =>
      answer(f, 'case', 'get', staffCase('in_mediation', {
        mediationLimit: { dueAt: endOf(6, 6), extended: false },
        extensionRequest: { reason: '双方需要时间向物业调取维修记录、核对费用。', requestedAt: cst(7, 9, 40), waitingFor: ['p2'], myConsentNeeded: false },
      })), { query: byCase, expect: () => ({ shows: ['waiting-for'] }) }),
    m('extension-error', '延长调解期限：加载失败', PAGES.mExtension, (f) => offline(f, 'case', 'get'), { query: byCase }),
    m('record', '记录调查或调解', PAGES.mRecord, (f) => answer(f, 'case', 'get', staffCase('in_mediation')), {
      query: byCase,
      act: async (page) => {
        await call(page, 'onSummary', detail('双方到场。申请人陈述漏水经过并出示照片；被申请人承认卫生间防水层多年未修，同意请施工队查看。物业到场确认漏点在 502 室卫生间。'));
        await call(page, 'onNextStep', detail('5月9日前由调解员起草协议，双方确认。'));
      },
    }),
    m('record-errors', '记录调查或调解：未填写就保存', PAGES.mRecord, (f) => {
      answer(f, 'case', 'get', staffCase('in_mediation'));
      refuse(f, 'booking', 'record', 'VALIDATION_FAILED', '填写的信息有误', { summary: '请填写主要内容' });
    }, { query: byCase, act: async (page) => { await tap(page, '#submit'); await settle(); }, expect: () => ({ shows: ['err-summary'] }) }),
    m('draft', '起草调解协议：从模板开始', PAGES.mDraft, (f) => {
      refuse(f, 'agreement', 'get', 'NO_AGREEMENT', '本案还没有调解协议');
      answer(f, 'agreement', 'template', { caseId: CASE_ID, title: '人民调解协议书', category: 'neighbourhood', categoryLabel: '邻里纠纷', content: { ...AGREEMENT_CONTENT, terms: [''], performance: [] } as never, fields: {} });
    }, { gallery: true, query: byCase }),
    m('draft-errors', '修改调解协议：服务器指出的问题显示在字段旁', PAGES.mDraft, (f) => {
      answer(f, 'agreement', 'get', agreementView('pending', 'staff'));
      refuse(f, 'agreement', 'revise', 'AGREEMENT_INVALID', '协议内容不完整', { 'performance.1.place': '请写明履行地点', reason: '请写明修改理由' });
    }, { query: byCase, act: async (page) => { await tap(page, '#submit'); await settle(); }, expect: () => ({ shows: ['err-reason'] }) }),
    m('follow-up', '履行、回访与结案', PAGES.mFollowUp, (f) => {
      answer(f, 'agreement', 'get', agreementView('effective', 'staff'));
      answer(f, 'case', 'get', staffCase('performing', { returnVisits: [{ at: cst(21, 10), result: 'partly', resultLabel: '部分履行', notes: '防水层已修好，维修费约定月底前转账。' }] }));
    }, { gallery: true, query: byCase }),
    m('follow-up-close-failed', '结案：调解不成，告知其他途径', PAGES.mFollowUp, (f) => {
      answer(f, 'agreement', 'get', agreementView('effective', 'staff'));
      answer(f, 'case', 'get', staffCase('performing'));
    }, { query: byCase, act: async (page) => { await tap(page, '#outcome-failed'); await settle(); } }),
    m('paper', '线下签字：一方已上传签字件，还需另一方签字', PAGES.mPaper, (f) => answer(f, 'agreement', 'get', paperSigned(['p2'])), { query: byCase, expect: () => ({ shows: ['waiting', 'scan-p1', 'print'] }) }),
    m('paper-all-signed', '线下签字：各方均已签字，去签名盖章', PAGES.mPaper, (f) => answer(f, 'agreement', 'get', paperSigned(['p1', 'p2'])), { query: byCase, expect: () => ({ shows: ['all-signed', 'follow-up'] }) }),
    m('oral', '记录口头协议：没有需要履行的事项，双方均表示无需书面协议', PAGES.mOral, (f) => answer(f, 'case', 'get', staffCase('in_mediation')), {
      query: byCase,
      act: async (page) => {
        await tap(page, '#perform-none');
        await call(page, 'onTerms', detail('李建国当面向张秀兰赔礼道歉。\n张秀兰表示谅解，双方今后有事先通过物业协商。'));
        await tap(page, '#party-p1');
        await tap(page, '#party-p2');
        await settle();
      },
      expect: () => ({ shows: ['terms', 'submit'] }),
    }),
    m('oral-needs-written', '记录口头协议：有需要履行的事项，应当起草书面协议', PAGES.mOral, (f) => answer(f, 'case', 'get', staffCase('in_mediation')), {
      query: byCase,
      act: async (page) => {
        await tap(page, '#perform-some');
        await settle();
      },
      expect: () => ({ shows: ['err-perform', 'written'] }),
    }),
    m('hours', '我的可约时间：每周时段和请假日期', PAGES.mHours, (f) => answer(f, 'booking', 'availability', MEDIATOR_HOURS), { expect: () => ({ shows: ['summary', 'save'] }) }),
    m('hours-error', '我的可约时间：加载失败', PAGES.mHours, (f) => offline(f, 'booking', 'availability')),
    m('oral-error', '记录口头协议：加载失败', PAGES.mOral, (f) => offline(f, 'case', 'get'), { query: byCase }),
    m('paper-error', '线下签字：加载失败', PAGES.mPaper, (f) => offline(f, 'agreement', 'get'), { query: byCase }),
    m('record-error', '记录调查或调解：加载失败', PAGES.mRecord, (f) => offline(f, 'case', 'get'), { query: byCase }),
    m('draft-error', '起草调解协议：加载失败', PAGES.mDraft, (f) => offline(f, 'agreement', 'get'), { query: byCase }),
    m('follow-up-visit-after-close', '回访：调解不成结案后的回访', PAGES.mFollowUp, (f) => {
      refuse(f, 'agreement', 'get', 'NO_AGREEMENT', '本案还没有调解协议');
      answer(f, 'case', 'get', staffCase('closed', { closing: { outcomeLabel: '调解不成', reason: '双方对赔偿数额分歧较大' }, next: { label: '回访', dueAt: cst(28, 18), ownerOrgName: '柳岸社区人民调解委员会' } }));
    }, { query: byCase, expect: () => ({ shows: ['save-visit', 'result-taken_up'] }) }),
    m('follow-up-no-reply', '结案：被申请人逾期未答复', PAGES.mFollowUp, (f) => {
      refuse(f, 'agreement', 'get', 'NO_AGREEMENT', '本案还没有调解协议');
      answer(f, 'case', 'get', staffCase('awaiting_consent'));
    }, { query: byCase, expect: () => ({ shows: ['outcome-no_reply', 'no-reply-hint'] }) }),
    m('follow-up-error', '履行、回访与结案：加载失败', PAGES.mFollowUp, (f) => {
      offline(f, 'agreement', 'get');
      offline(f, 'case', 'get');
    }, { query: byCase }),
    m('follow-up-empty', '履行、回访与结案：还没有协议', PAGES.mFollowUp, (f) => {
      refuse(f, 'agreement', 'get', 'NO_AGREEMENT', '本案还没有调解协议');
      answer(f, 'case', 'get', staffCase('in_mediation'));
    }, { query: byCase }),
  ];
}

/** The committee's published typical cases, as its director's 典型案例 page lists them (one revised since). */
const OWN_TYPICAL: Array<OutputOf<'org', 'typicalCases'>['items'][number]> = [
  {
    typicalId: 't0123456789abcdef0124',
    orgId: LIUAN,
    orgName: orgName(LIUAN),
    category: 'debt',
    categoryLabel: '债务纠纷',
    title: '朋友借款到期未还的纠纷',
    happened: '两位朋友之间借款两万元，约定一年归还，到期后借款人以资金紧张为由一再拖延。',
    howMediated: '调解员核对借条和转账记录，讲解借款合同的法律规定，帮助双方商定分期还款方案。',
    result: '借款人分三期归还，双方签订调解协议。',
    publishedAt: cst(2, 15),
    revisedAt: cst(6, 9, 30),
  },
  {
    typicalId: 't0123456789abcdef0123',
    orgId: LIUAN,
    orgName: orgName(LIUAN),
    category: 'neighbourhood',
    categoryLabel: '邻里纠纷',
    title: '楼上漏水引发的邻里纠纷',
    happened: '某小区楼上住户卫生间漏水，楼下住户吊顶受损，双方多次协商未果，矛盾逐渐升级。',
    howMediated: '调解员到现场查看漏水情况，分别听取双方意见，讲解相邻关系的法律规定，促成双方各让一步。',
    result: '楼上住户赔偿维修费并修好防水，双方握手言和。',
    publishedAt: cst(20, 10, 0, 4),
  },
];

/** The 典型案例 page's two reads: the directory (categories) and the committee's own published cases. */
function ownTypical(f: FakeTransport, items: typeof OWN_TYPICAL): void {
  answer(f, 'org', 'directory', DIRECTORY);
  answer(f, 'org', 'typicalCases', { items, hasMore: false });
}

function directorScreens(): Screen[] {
  const grants = grantsOf(DIRECTOR);
  const d = (name: string, state: string, page: string, script: (f: FakeTransport) => void, extra: Partial<Screen> = {}): Screen => ({
    id: `director/${name}`,
    role: 'director',
    page,
    state,
    script: (f) => {
      me(f, grants);
      script(f);
    },
    ...extra,
  });
  const queue = {
    orgId: LIUAN,
    items: [
      listItem('163', { categoryLabel: '损害赔偿', statusLabel: '已登记', next: { label: '分流期限', dueAt: endOf(8) }, urgent: true, registeredAt: cst(7, 8, 40) }),
      listItem('161', { categoryLabel: '邻里纠纷', statusLabel: '已登记', next: { label: '分流期限', dueAt: endOf(8) }, registeredAt: cst(6, 19, 5) }),
      listItem('152', { categoryLabel: '物业纠纷', statusLabel: '转办中', next: { label: '接收期限', dueAt: endOf(9) }, registeredAt: cst(5, 16, 2) }),
    ],
    hasMore: false,
  };
  const staffCase = (status: Parameters<typeof caseView>[0]['status'], over = {}) =>
    caseView({
      status,
      viewer: 'staff',
      over: {
        triage: { suggestedOrgId: LIUAN, suggestedOrgName: orgName(LIUAN), reasons: ['双方住在同一社区（柳岸社区）', '邻里纠纷，涉及金额 3,000 元'] },
        ...over,
      },
    });
  const staffList = {
    orgId: LIUAN,
    // The caseloads as the roll-up last counted them (its tick a few minutes before the screens' now).
    caseloadsAsOf: '2025-05-07T01:55:00.000Z',
    staff: [
      { openid: 'demo-director', name: '王主任', roles: ['director' as const] },
      { openid: 'demo-mediator', name: '李调解员', roles: ['mediator' as const], openCases: 5 },
      { openid: 'm-2', name: '钱桂芳', roles: ['mediator' as const], openCases: 2 },
      { openid: 'm-3', name: '孙德明', roles: ['mediator' as const], openCases: 3, recused: true },
      { openid: 'demo-officer', name: '郑信息员', roles: ['officer' as const] },
    ],
    invites: [{ note: '周晓燕', roleLabel: '调解员', expiresAt: endOf(14), used: false }],
  };
  const figures = FIGURES;
  const heldTexts: OutputOf<'case', 'reviewQueue'> = {
    orgId: LIUAN,
    items: [
      {
        ...listItem('163', { categoryLabel: '邻里纠纷', statusLabel: '已登记', registeredAt: cst(7, 8, 40) }),
        summary: '楼上 502 室那家人简直不是东西，卫生间漏水漏到我家天花板发霉，找他两次还骂人。',
        why: 'risky',
        heldAt: cst(7, 8, 40),
        texts: [{ textId: 'summary', kind: 'summary', kindLabel: '纠纷情况', text: '楼上 502 室那家人简直不是东西，卫生间漏水漏到我家天花板发霉，找他两次还骂人。', why: 'risky', heldAt: cst(7, 8, 40) }],
      },
      {
        ...listItem('160', { categoryLabel: '借款纠纷', statusLabel: '调解中', registeredAt: cst(6, 15, 2) }),
        summary: '去年借给同事两万元，说好年底还，现在一直拖着不还。',
        heldAt: cst(7, 9, 5),
        texts: [{ textId: 't1', kind: 'reply_reason', kindLabel: '对调解邀请的答复理由', text: '钱早就还了一半，他到处乱说，同意调解但要他道歉。', why: 'api_error', heldAt: cst(7, 9, 5) }],
      },
    ],
    hasMore: false,
  };
  return [
    d('workbench', '调委会工作台：待分流', PAGES.dWorkbench, (f) => answer(f, 'case', 'queue', queue), { gallery: true }),
    d('workbench-overdue', '调委会工作台：超期督办', PAGES.dWorkbench, (f) => {
      answer(f, 'case', 'queue', queue);
      answer(f, 'case', 'overdue', { orgId: LIUAN, items: [{ ...listItem('131', { categoryLabel: '物业纠纷', statusLabel: '调解中', next: { label: '调解期限', dueAt: endOf(6) } }), mediatorName: '李调解员' }], hasMore: false });
    }, { act: async (page) => { await tap(page, '#tab-overdue'); await settle(); } }),
    d('workbench-empty', '调委会工作台：没有待分流的案件', PAGES.dWorkbench, (f) => answer(f, 'case', 'queue', { orgId: LIUAN, items: [], hasMore: false })),
    d('workbench-error', '调委会工作台：网络不通', PAGES.dWorkbench, (f) => offline(f, 'case', 'queue')),
    d('triage', '分流：受理、转办或告知引导', PAGES.dTriage, (f) => answer(f, 'case', 'get', staffCase('registered')), { gallery: true, query: byCase, expect: () => ({ shows: ['do-accept', 'do-transfer', 'do-refer', 'suggestion'] }) }),
    d('triage-transfer', '分流：转办给其他单位', PAGES.dTriage, (f) => {
      answer(f, 'case', 'get', staffCase('registered'));
      answer(f, 'org', 'directory', DIRECTORY);
    }, { query: byCase, act: async (page) => { await tap(page, '#do-transfer'); await settle(); }, expect: () => ({ shows: ['form', 'submit'] }) }),
    d('triage-refer', '分流：不属调解范围，告知引导', PAGES.dTriage, (f) => answer(f, 'case', 'get', staffCase('registered')), { query: byCase, act: async (page) => { await tap(page, '#do-refer'); await settle(); } }),
    d('triage-accepted', '已受理：指派调解员', PAGES.dTriage, (f) => answer(f, 'case', 'get', staffCase('accepted', { triage: undefined })), { query: byCase, expect: () => ({ shows: ['do-assign'] }) }),
    d('triage-error', '分流：加载失败', PAGES.dTriage, (f) => offline(f, 'case', 'get'), { query: byCase }),
    {
      id: 'director/triage-designate',
      role: 'director',
      page: PAGES.dTriage,
      state: '指定承办单位：街道中心主任指定社区调委会承办',
      query: byCase,
      script: (f) => {
        me(f, [{ role: 'director', orgId: DONGHU }]);
        answer(f, 'case', 'get', staffCase('awaiting_designation', {
          next: { label: '上级指定管辖', dueAt: endOf(9), ownerOrgName: orgName(DONGHU) },
          pendingDesignation: {
            designatorOrgId: DONGHU,
            designatorOrgName: orgName(DONGHU),
            fromOrgId: LIUAN,
            fromOrgName: orgName(LIUAN),
            trigger: 'escalation',
            triggerLabel: '下级调解组织上报',
            reason: '漏水涉及 402、502 两户和楼道公共管道，需街道协调物业一并处理。',
            requestedAt: cst(7, 9, 15),
            dueAt: endOf(9),
            shareConsent: true,
          },
        }));
        answer(f, 'org', 'directory', DIRECTORY);
      },
      act: async (page) => {
        await tap(page, '#do-designate');
        await settle();
        await call(page, 'onPickOrg', { currentTarget: { dataset: { id: LIUAN } } });
        await call(page, 'onReason', detail('仍由柳岸社区调委会承办，街道协调物业配合。'));
      },
      expect: () => ({ shows: ['designation', 'form', 'submit'] }),
    },
    d('assign', '指派调解员', PAGES.dAssign, (f) => answer(f, 'org', 'staff', staffList), { gallery: true, query: byCase, act: async (page) => { await tap(page, '#m-m-2'); await settle(); } }),
    d('assign-empty', '指派调解员：本单位还没有调解员', PAGES.dAssign, (f) => answer(f, 'org', 'staff', { orgId: LIUAN, caseloadsAsOf: staffList.caseloadsAsOf, staff: [staffList.staff[0]], invites: [] }), { query: byCase }),
    d('assign-error', '指派调解员：加载失败', PAGES.dAssign, (f) => offline(f, 'org', 'staff'), { query: byCase }),
    d('invite-error', '邀请工作人员：加载失败', PAGES.dInvite, (f) => offline(f, 'org', 'staff')),
    d('invite', '邀请工作人员：已生成邀请码', PAGES.dInvite, (f) => {
      answer(f, 'org', 'staff', staffList);
      answer(f, 'org', 'inviteStaff', { code: 'K7P2M4Q6R3T5V7X2Z4B6D3F5H7', expiresAt: endOf(14), orgName: orgName(LIUAN), roleLabel: '调解员', path: 'pages/me/index/index' });
    }, {
      act: async (page) => {
        await tap(page, '#role-mediator');
        await call(page, 'onNote', detail('周晓燕'));
        await tap(page, '#submit');
        await settle();
      },
      expect: () => ({ shows: ['issued'] }),
    }),
    d('stats', '统计报表：上月', PAGES.dStats, (f) => answer(f, 'report', 'figures', figures), { gallery: true, act: lastMonth }),
    d('stats-error', '统计报表：加载失败', PAGES.dStats, (f) => offline(f, 'report', 'figures')),
    d('mediators', '调解员考核与补贴：待审核', PAGES.dMediators, (f) => answer(f, 'report', 'subsidyLedger', MEDIATORS), { expect: () => ({ shows: ['approve', 'export', 'ledger-total'] }) }),
    d('mediators-approved', '调解员考核与补贴：已审核通过', PAGES.dMediators, (f) =>
      answer(f, 'report', 'subsidyLedger', { ...MEDIATORS, state: 'approved', canApprove: false, approved: { byName: '王主任', at: '2025-05-06T02:00:00.000Z' } }), { expect: () => ({ shows: ['export', 'ledger-state'] }) }),
    d('mediators-error', '调解员考核与补贴：加载失败', PAGES.dMediators, (f) => offline(f, 'report', 'subsidyLedger')),
    d('review', '内容审核：未通过内容安全检测的文字', PAGES.dReview, (f) => answer(f, 'case', 'reviewQueue', heldTexts), { expect: () => ({ shows: [`clear-${heldTexts.items[0].caseId}-summary`, `edit-${heldTexts.items[1].caseId}-t1`] }) }),
    d('review-redact', '内容审核：删改后放行，写明理由', PAGES.dReview, (f) => answer(f, 'case', 'reviewQueue', heldTexts), {
      act: async (page) => {
        await call(page, 'onEdit', { currentTarget: { dataset: { key: `${heldTexts.items[0].caseId}|summary` } } });
        await call(page, 'onEdited', detail('楼上 502 室卫生间漏水，我家天花板发霉。找对方协商两次，对方不承认，双方发生争吵。'));
        await call(page, 'onReason', detail('删去侮辱性用语，事实部分保留'));
      },
      expect: () => ({ shows: ['edited', 'reason', 'redact'] }),
    }),
    d('review-empty', '内容审核：没有待审核的内容', PAGES.dReview, (f) => answer(f, 'case', 'reviewQueue', { orgId: LIUAN, items: [], hasMore: false })),
    d('review-error', '内容审核：加载失败', PAGES.dReview, (f) => offline(f, 'case', 'reviewQueue')),
    d('rooms', '调解室与开放时间', PAGES.dRooms, (f) => answer(f, 'booking', 'rooms', ROOMS), { expect: () => ({ shows: ['add', `edit-${LIUAN_ROOM.roomId}`] }) }),
    d('rooms-edit', '调解室：修改开放时间', PAGES.dRooms, (f) => answer(f, 'booking', 'rooms', ROOMS), {
      act: async (page) => {
        await tap(page, `#edit-${LIUAN_ROOM.roomId}`);
        await settle();
      },
      expect: () => ({ shows: ['name', 'capacity', 'save'] }),
    }),
    d('rooms-empty', '调解室：还没有调解室', PAGES.dRooms, (f) => answer(f, 'booking', 'rooms', { orgId: LIUAN, rooms: [] }), { expect: () => ({ shows: ['add'] }) }),
    d('rooms-error', '调解室：加载失败', PAGES.dRooms, (f) => offline(f, 'booking', 'rooms')),
    d('typical', '发布典型案例：依据一件已结案件', PAGES.dTypical, (f) => ownTypical(f, []), { query: { caseId: CASE_ID, caseNo: 'QF-2025-000098' }, expect: () => ({ shows: ['from-case', 'rules', 'category-neighbourhood', 'submit'] }) }),
    d('typical-pick', '发布典型案例：先选一件已结案件', PAGES.dTypical, (f) => ownTypical(f, []), { expect: () => ({ shows: ['pick-case', 'mine-empty'] }) }),
    d('typical-mine', '典型案例：本单位已发布的，可修改、撤回', PAGES.dTypical, (f) => ownTypical(f, OWN_TYPICAL), {
      expect: () => ({ shows: ['mine', 'mine-more', ...OWN_TYPICAL.flatMap((t) => [`revise-${t.typicalId}`, `withdraw-${t.typicalId}`])] }),
    }),
    d('typical-revise', '典型案例：修改已发布的一篇', PAGES.dTypical, (f) => ownTypical(f, OWN_TYPICAL), {
      act: async (page) => {
        await tap(page, `#revise-${OWN_TYPICAL[0].typicalId}`);
        await settle();
      },
      expect: () => ({ shows: ['editing', 'rules', 'submit', 'cancel-revise'] }),
    }),
    d('typical-error', '典型案例：加载失败', PAGES.dTypical, (f) => offline(f, 'org', 'directory')),
    d('experts', '邀请专家参与：从专家库中选择', PAGES.dExperts, (f) => answer(f, 'org', 'experts', EXPERT_POOL), { query: { caseId: CASE_ID }, act: async (page) => { await tap(page, `#expert-${EXPERT_POOL.items[0].expertId}`); await settle(); } }),
    d('experts-error', '专家库：加载失败', PAGES.dExperts, (f) => offline(f, 'org', 'experts')),
    d('case-recusal', '案件办理：代当事人申请回避（未用微信的当事人在场口头提出，主任记录）', PAGES.mCase, (f) => {
      const v = staffCase('in_mediation', { triage: undefined, risk: { level: 'low', signals: [] }, paperOnly: false, mediator: { isMe: false } });
      answer(f, 'case', 'get', { ...v, parties: (v.parties ?? []).map((p) => (p.role === 'respondent' ? { ...p, joined: false as const } : p)) });
    }, {
      query: byCase,
      act: async (page) => {
        await tap(page, '#open-recusal');
        await settle();
        await call(page, 'onRecusalHow', { currentTarget: { dataset: { value: 'in_person' } } });
        await call(page, 'onRecusalReason', detail('调解员与申请人是多年的老同事，担心调解不公正。'));
      },
      expect: () => ({ shows: ['recusal-form', 'recusal-party-p2', 'recusal-target-mediator', 'submit-recusal'] }),
    }),
    d('me', '我的：工作身份', PAGES.me, (f) => answer(f, 'org', 'directory', DIRECTORY), { expect: () => ({ shows: ['role-director-liuan-committee'] }) }),
  ];
}

function intakeScreens(): Screen[] {
  const grants = grantsOf(INTAKE);
  const i = (name: string, state: string, extra: Partial<Screen> = {}, script: (f: FakeTransport) => void = () => undefined): Screen => ({
    id: `intake/${name}`,
    role: 'intake',
    page: PAGES.register,
    state,
    script: (f) => {
      me(f, grants);
      answer(f, 'org', 'directory', DIRECTORY);
      script(f);
    },
    ...extra,
  });
  const fill = async (page: RenderedComponent) => {
    const pick = async (field: string, value: string) => call(page, 'onPick', { currentTarget: { dataset: { field, value } } });
    const input = async (field: string, value: string) => call(page, 'onInput', { currentTarget: { dataset: { field } }, detail: { value } });
    await pick('source', 'walk_in');
    await pick('category', 'labour');
    await pick('personalRelations', 'no');
    await pick('communityId', 'wangjiang');
    await input('summary', '在望江社区装修公司做工三个月，老板拖欠工资 8,600 元，多次讨要未果。');
    await input('wants', '要回拖欠的工资');
    await input('amountYuan', '8600');
    await input('peopleInvolved', '6');
    const party = async (side: string, index: number, field: string, value: string) =>
      call(page, 'onPartyInput', { currentTarget: { dataset: { side, index, field } }, detail: { value } });
    await party('applicants', 0, 'name', '何春生');
    await party('applicants', 0, 'mobile', '13606711234');
    await call(page, 'onPartyKind', { currentTarget: { dataset: { side: 'respondents', index: 0, kind: 'organisation' } } });
    await party('respondents', 0, 'name', '杭州某装饰工程有限公司');
    await party('respondents', 0, 'representative', '周经理');
    await pick('risk', 'medium');
    await call(page, 'onConsent', detail(true));
    await pick('shareWithOtherOrgs', 'yes');
  };
  return [
    i('register', '来访登记', { gallery: true }),
    i('register-filled', '来访登记：已填写', { act: fill }),
    i('register-police', '来访登记：派出所移送的轻微刑事案件（公调对接）', {
      act: async (page) => {
        await fill(page);
        await call(page, 'onPick', { currentTarget: { dataset: { field: 'source', value: 'police' } } });
        await call(page, 'onPick', { currentTarget: { dataset: { field: 'criminal', value: 'minor_referred' } } });
      },
    }),
    i('register-heirs', '来访登记：三位继承人，一位由委托代理人（特别授权）办理', {
      act: async (page) => {
        await fill(page);
        await call(page, 'onPick', { currentTarget: { dataset: { field: 'category', value: 'inheritance' } } });
        await call(page, 'onPartyKind', { currentTarget: { dataset: { side: 'respondents', index: 0, kind: 'person' } } });
        const party = async (side: string, index: number, field: string, value: string) =>
          call(page, 'onPartyInput', { currentTarget: { dataset: { side, index, field } }, detail: { value } });
        await party('respondents', 0, 'name', '何春梅');
        await call(page, 'onAddParty', { currentTarget: { dataset: { side: 'respondents' } } });
        await party('respondents', 1, 'name', '何老太');
        await party('respondents', 1, 'agentName', '何小军');
        await call(page, 'onAgentPowers', { currentTarget: { dataset: { side: 'respondents', index: 1 } }, detail: { value: true } });
      },
      expect: () => ({ shows: ['respondents-1', 'respondents-1-special', 'add-respondents'] }),
    }),
    i('register-errors', '来访登记：未填写就提交', { act: async (page) => { await tap(page, '#submit'); await settle(); } }),
    i('register-done', '来访登记：已登记，告知案件编号', { gallery: true, act: async (page) => { await fill(page); await tap(page, '#submit'); await settle(); }, expect: () => ({ shows: ['case-no', 'another'] }) }, (f) =>
      answer(f, 'case', 'register', { caseId: 'c0000000000000000171', caseNo: 'QF-2025-000171', status: 'registered', statusLabel: '已登记', holder: { orgId: DONGHU, name: orgName(DONGHU) }, next: { label: '分流期限', dueAt: endOf(8) }, urgent: false, emergencyNumbers: [] }),
    ),
    i('register-error', '来访登记：加载失败', {}, (f) => offline(f, 'org', 'directory')),
    { id: 'intake/me', role: 'intake', page: PAGES.me, state: '我的：工作身份', script: (f) => { me(f, grants); answer(f, 'org', 'directory', DIRECTORY); } },
  ];
}

function supervisorScreens(): Screen[] {
  const grants = grantsOf(SUPERVISOR);
  const s = (name: string, state: string, page: string, script: (f: FakeTransport) => void, extra: Partial<Screen> = {}): Screen => ({
    id: `supervisor/${name}`,
    role: 'supervisor',
    page,
    state,
    script: (f) => {
      me(f, grants);
      script(f);
    },
    ...extra,
  });
  const row = (id: string, over: Record<string, unknown>) => {
    const { urgent: _u, registeredAt: _r, ...rest } = listItem(id);
    return { ...rest, ...over };
  };
  const overview = {
    orgId: DONGHU,
    orgName: orgName(DONGHU),
    asOf: '2025-05-07T01:55:00.000Z',
    byOrg: [
      { orgId: DONGHU, name: orgName(DONGHU), open: 6, overdue: 0 },
      { orgId: LIUAN, name: orgName(LIUAN), open: 11, overdue: 1 },
      { orgId: 'wangjiang-committee', name: orgName('wangjiang-committee'), open: 4, overdue: 0 },
    ],
    overdue: [row('131', { categoryLabel: '物业纠纷', statusLabel: '调解中', next: { label: '调解期限', dueAt: endOf(6) } })],
    recentClosures: [
      row('098', { categoryLabel: '债务', statusLabel: '已结案', holderName: orgName(DONGHU), outcomeLabel: '调解成功并履行完毕', closedAt: cst(6, 15, 30) }),
      row('117', { categoryLabel: '邻里纠纷', statusLabel: '已结案', outcomeLabel: '调解不成', closedAt: cst(5, 11, 0) }),
    ],
  };
  return [
    s('overview', '辖区总览', PAGES.overview, (f) => answer(f, 'report', 'overview', overview), { gallery: true }),
    s('overview-empty', '辖区总览：暂无数据', PAGES.overview, (f) => answer(f, 'report', 'overview', { ...overview, byOrg: [], overdue: [], recentClosures: [] })),
    s('overview-error', '辖区总览：网络不通', PAGES.overview, (f) => offline(f, 'report', 'overview')),
    s('stats', '统计报表：上月（督导：不含个人信息）', PAGES.dStats, (f) => answer(f, 'report', 'figures', { ...FIGURES, orgId: DONGHU, orgName: orgName(DONGHU), viewer: 'supervisor', overdue: { ...FIGURES.overdue, byPerson: [] } }), { gallery: true, act: lastMonth }),
    s('experts', '专家库：按专业领域（只读，号码部分显示）', PAGES.sExperts, (f) => answer(f, 'org', 'experts', SUPERVISOR_POOL), { expect: () => ({ shows: ['summary', `expert-${SUPERVISOR_POOL.items[0].expertId}`] }) }),
    s('experts-empty', '专家库：还没有专家', PAGES.sExperts, (f) => answer(f, 'org', 'experts', { ...SUPERVISOR_POOL, items: [] })),
    s('experts-error', '专家库：网络不通', PAGES.sExperts, (f) => offline(f, 'org', 'experts')),
    { id: 'supervisor/me', role: 'supervisor', page: PAGES.me, state: '我的：工作身份', script: (f) => { me(f, grants); answer(f, 'org', 'directory', DIRECTORY); } },
  ];
}

// ---- information officers' reports and the audit trails ------------------------------------------------------

const OFFICER_GRANTS: Grant[] = [{ role: 'officer', orgId: LIUAN }];
const REPORT_ID = 'b3f9a1c2d4e5f60718293';
const CONVERTED_CASE_ID = 'c00000000000000000171';

type BrewingItem = OutputOf<'report', 'brewingReports'>['items'][number];
function brewingItem(over: Partial<BrewingItem> = {}): BrewingItem {
  return {
    reportId: REPORT_ID,
    orgId: LIUAN,
    orgName: orgName(LIUAN),
    communityName: '柳岸社区',
    category: 'property',
    categoryLabel: '物业纠纷',
    risk: 'medium',
    riskLabel: '中风险',
    description: '3 幢电梯停运两周，业主与物业公司因维修费分摊争执，有业主说要去物业办公室讨说法，情绪较大。',
    peopleInvolved: 12,
    officerName: '郑信息员',
    at: cst(6, 16, 20),
    status: 'open',
    ...over,
  };
}
const BREWING_ITEMS: BrewingItem[] = [
  brewingItem(),
  brewingItem({
    reportId: 'b3f9a1c2d4e5f60718294',
    communityName: '柳岸社区',
    category: 'neighbourhood',
    categoryLabel: '邻里纠纷',
    risk: 'low',
    riskLabel: '低风险',
    description: '5 幢两户因楼道堆放杂物多次口角，尚未动手。',
    peopleInvolved: undefined,
    at: cst(2, 9, 40),
  }),
];
const CONVERTED: BrewingItem = brewingItem({
  reportId: 'b3f9a1c2d4e5f60718290',
  category: 'family',
  categoryLabel: '婚姻家庭纠纷',
  risk: 'high',
  riskLabel: '高风险',
  description: '7 幢一对夫妻近日争吵升级，男方扬言要动手，邻居报告。',
  peopleInvolved: 2,
  at: cst(25, 20, 10, 4),
  status: 'converted',
  caseId: CONVERTED_CASE_ID,
});

type MyScreening = OutputOf<'report', 'myScreening'>;
const screening = (over: Partial<MyScreening> = {}): MyScreening => ({ orgId: LIUAN, orgName: orgName(LIUAN), month: '2025-05', dueAt: endOf(31), state: 'pending', ...over });
const filedScreening = (over: Partial<NonNullable<MyScreening['filed']>> = {}): NonNullable<MyScreening['filed']> => ({
  screeningId: 's3f9a1c2d4e5f60718293',
  month: '2025-05',
  zero: true,
  total: 0,
  late: false,
  filedAt: cst(7, 9, 12),
  findings: [],
  notes: '',
  ...over,
});

/** Builds one role's staff screens: `<role>/<name>`, the role's grants answered by `user.me` before the page's own answers. */
function staffScreen(role: Role, grants: Grant[]) {
  return (name: string, state: string, page: string, script: (f: FakeTransport) => void, extra: Partial<Screen> = {}): Screen => ({
    id: `${role}/${name}`,
    role,
    page,
    state,
    script: (f) => {
      me(f, grants);
      script(f);
    },
    ...extra,
  });
}

function officerScreens(): Screen[] {
  const o = staffScreen('officer', OFFICER_GRANTS);
  const pick = (page: RenderedComponent, field: string, value: string) => call(page, 'onPick', { currentTarget: { dataset: { field, value } } });
  const fillReport = async (page: RenderedComponent) => {
    await pick(page, 'communityId', 'liuan');
    await pick(page, 'category', 'property');
    await pick(page, 'risk', 'medium');
    await call(page, 'onInput', { currentTarget: { dataset: { field: 'description' } }, detail: { value: BREWING_ITEMS[0].description } });
    await call(page, 'onInput', { currentTarget: { dataset: { field: 'peopleInvolved' } }, detail: { value: '12' } });
  };
  const findings = async (page: RenderedComponent) => {
    await tap(page, '#open-findings');
    await tap(page, '#category-neighbourhood');
    await tap(page, '#category-property');
    await tap(page, '#plus-neighbourhood');
    await call(page, 'onNotes', detail('两起均已告知社区调委会，物业纠纷已约双方周五面谈。'));
  };
  const workbench = o('workbench', '信息员工作台：我上报的苗头纠纷', PAGES.oWorkbench, (f) => answer(f, 'report', 'brewingReports', { items: [BREWING_ITEMS[0], CONVERTED] }), { gallery: true });
  const screeningDue = o('screening', '排查月报：本月尚未报送', PAGES.oScreening, (f) => answer(f, 'report', 'myScreening', screening()), { gallery: true, expect: () => ({ shows: ['zero', 'open-findings', 'state-text'] }) });
  const screeningFindings = o('screening-findings', '排查月报：逐类填写发现的纠纷', PAGES.oScreening, (f) => answer(f, 'report', 'myScreening', screening()), {
    act: findings,
    expect: () => ({ shows: ['count-neighbourhood', 'plus-neighbourhood', 'minus-neighbourhood', 'submit-findings'] }),
  });
  const report = o('report', '上报苗头纠纷：已填写', PAGES.oBrewing, (f) => answer(f, 'org', 'directory', DIRECTORY), { gallery: true, act: fillReport });
  return [
    workbench,
    o('workbench-empty', '信息员工作台：还没有上报过', PAGES.oWorkbench, (f) => answer(f, 'report', 'brewingReports', { items: [] }), { expect: () => ({ shows: ['screening', 'report'] }) }),
    o('workbench-error', '信息员工作台：网络不通', PAGES.oWorkbench, (f) => offline(f, 'report', 'brewingReports')),
    screeningDue,
    screeningFindings,
    o('screening-findings-errors', '排查月报：没有选择纠纷类型就报送', PAGES.oScreening, (f) => answer(f, 'report', 'myScreening', screening()), {
      act: async (page) => {
        await tap(page, '#open-findings');
        await tap(page, '#submit-findings');
        await settle();
      },
      expect: () => ({ shows: ['err-findings'] }),
    }),
    o('screening-filed', '排查月报：本月已报送（发现 3 件）', PAGES.oScreening, (f) =>
      answer(f, 'report', 'myScreening', screening({ state: 'filed', filed: filedScreening({ zero: false, total: 3, findings: [{ category: 'neighbourhood', categoryLabel: '邻里纠纷', count: 2 }, { category: 'property', categoryLabel: '物业纠纷', count: 1 }], notes: '两起均已告知社区调委会，物业纠纷已约双方周五面谈。' }) })),
    ),
    o('screening-zero', '排查月报：本月已报零报告', PAGES.oScreening, (f) => {
      answer(f, 'report', 'myScreening', screening(), screening({ state: 'filed', filed: filedScreening({ filedAt: cst(7, 10) }) }));
      answer(f, 'report', 'submitScreening', { screeningId: 's3f9a1c2d4e5f60718293', month: '2025-05', zero: true, total: 0, late: false, filedAt: cst(7, 10) });
    }, { act: async (page) => { await tap(page, '#zero'); await settle(); } }),
    o('screening-late', '排查月报：上月逾期未报，可以补报', PAGES.oScreening, (f) => answer(f, 'report', 'myScreening', screening(), screening({ month: '2025-04', dueAt: endOf(30, 4), state: 'late' })), {
      act: async (page) => {
        await tap(page, '#prev');
        await settle();
      },
      expect: () => ({ shows: ['state-text', 'zero'] }),
    }),
    o('screening-already-filed', '排查月报：本月已在别处报送（重复报送被拒绝）', PAGES.oScreening, (f) => {
      answer(f, 'report', 'myScreening', screening(), screening({ state: 'filed', filed: filedScreening({ filedAt: cst(3, 18, 5) }) }));
      refuse(f, 'report', 'submitScreening', 'ALREADY_FILED', '2025年5月的排查情况已经报送');
    }, { act: async (page) => { await tap(page, '#zero'); await settle(); }, expect: () => ({ shows: ['already-filed'] }) }),
    o('screening-error', '排查月报：加载失败', PAGES.oScreening, (f) => offline(f, 'report', 'myScreening')),
    o('report-empty', '上报苗头纠纷', PAGES.oBrewing, (f) => answer(f, 'org', 'directory', DIRECTORY)),
    report,
    o('report-errors', '上报苗头纠纷：未填写就上报', PAGES.oBrewing, (f) => answer(f, 'org', 'directory', DIRECTORY), {
      act: async (page) => {
        await tap(page, '#submit');
        await settle();
      },
      expect: () => ({ shows: ['err-communityId', 'err-category', 'err-risk', 'err-description'] }),
    }),
    o('report-high', '上报苗头纠纷：高风险的提示', PAGES.oBrewing, (f) => answer(f, 'org', 'directory', DIRECTORY), {
      act: async (page) => {
        await fillReport(page);
        await pick(page, 'risk', 'high');
      },
      expect: () => ({ shows: ['high-hint'] }),
    }),
    o('report-done', '上报苗头纠纷：已上报', PAGES.oBrewing, (f) => {
      answer(f, 'org', 'directory', DIRECTORY);
      answer(f, 'report', 'reportBrewing', { reportId: REPORT_ID, risk: 'medium', riskLabel: '中风险', status: 'open', at: cst(7, 10) });
    }, {
      act: async (page) => {
        await fillReport(page);
        await tap(page, '#submit');
        await settle();
      },
      expect: () => ({ shows: ['done', 'back', 'another'] }),
    }),
    o('report-error', '上报苗头纠纷：加载失败', PAGES.oBrewing, (f) => offline(f, 'org', 'directory')),
    o('me', '我的：工作身份', PAGES.me, (f) => answer(f, 'org', 'directory', DIRECTORY), { expect: () => ({ shows: ['role-officer-liuan-committee'] }) }),
    // Officers are often older volunteers: their pages in 大字模式 too.
    ...[workbench, screeningDue, screeningFindings, report].map(large),
  ];
}

/** The director's pages for the officers' reports, and the staff chain. */
function officerReportScreens(): Screen[] {
  const d = staffScreen('director', grantsOf(DIRECTOR));
  const byReport = { id: REPORT_ID };
  const party = (page: RenderedComponent, side: string, index: number, field: string, value: string) => call(page, 'onPartyInput', { currentTarget: { dataset: { side, index, field } }, detail: { value } });
  const fill = async (page: RenderedComponent) => {
    await party(page, 'applicants', 0, 'name', '吴建华');
    await party(page, 'applicants', 0, 'mobile', '13600001234');
    await tap(page, '#respondents-0-organisation');
    await party(page, 'respondents', 0, 'name', '杭州安居物业服务有限公司');
    await party(page, 'respondents', 0, 'representative', '周立新');
    await call(page, 'onWants', detail('公开电梯维修费用明细，按户合理分摊'));
    await call(page, 'onConsent', detail(true));
    await tap(page, '#share-yes');
  };
  const late = {
    orgId: LIUAN,
    month: '2025-05',
    dueAt: endOf(31),
    filed: [{ userId: 'demo-officer', name: '郑信息员', orgName: orgName(LIUAN), filedAt: cst(3, 18, 5), filedOn: '2025-05-03', zero: true, total: 0, late: false }],
    missing: [{ userId: 'o-2', name: '冯网格员', orgId: LIUAN, orgName: orgName(LIUAN), state: 'pending' as const, dueAt: endOf(31) }],
  };
  const staffChain: OutputOf<'org', 'staffAudit'> = {
    orgId: LIUAN,
    verified: true,
    entries: [
      { seq: 1, at: cst(3, 9, 20, 3), type: 'role_granted', role: 'mediator', roleLabel: '调解员', subject: 'm-2', subjectName: '钱桂芳', actor: 'm-2', actorName: '钱桂芳', grantedBy: 'demo-director', grantedByName: '王主任', hash: 'h1' },
      { seq: 2, at: cst(17, 14, 5, 4), type: 'role_granted', role: 'officer', roleLabel: '信息员', subject: 'o-9', subjectName: '赵网格员', actor: 'o-9', actorName: '赵网格员', grantedBy: 'demo-director', grantedByName: '王主任', hash: 'h2' },
      { seq: 3, at: cst(6, 16, 0), type: 'role_removed', role: 'officer', roleLabel: '信息员', subject: 'o-9', subjectName: '赵网格员', actor: 'demo-director', actorName: '王主任', hash: 'h3' },
      { seq: 4, at: cst(7, 10, 30), type: 'typical_revised', role: 'director', roleLabel: '调委会主任', subject: 't0123456789abcdef0123', typicalTitle: '楼上漏水引发的邻里纠纷', actor: 'demo-director', actorName: '王主任', hash: 'h4' },
      { seq: 5, at: cst(7, 15, 10), type: 'typical_withdrawn', role: 'director', roleLabel: '调委会主任', subject: 't0123456789abcdef0125', typicalTitle: '宠物噪音引发的邻里纠纷', actor: 'demo-director', actorName: '王主任', hash: 'h5' },
    ],
  };
  const expert = { role: 'expert' as const, roleLabel: '特邀调解专家', subject: 'x0123456789abcdef', subjectName: '周明德', actor: 'demo-district-director', actorName: '赵主任' };
  const poolChain: OutputOf<'org', 'staffAudit'> = {
    orgId: 'district-centre',
    verified: true,
    entries: [
      { seq: 1, at: cst(2, 9, 30), type: 'expert_saved', ...expert, hash: 'p1' },
      { seq: 2, at: cst(5, 14, 0), type: 'expert_saved', ...expert, hash: 'p2' },
      { seq: 3, at: cst(6, 10, 15), type: 'expert_contact_revealed', ...expert, hash: 'p3' },
    ],
  };
  return [
    d('brewing', '信息员上报：待核实的苗头纠纷', PAGES.dBrewing, (f) => answer(f, 'report', 'brewingReports', { items: BREWING_ITEMS }), { expect: () => ({ shows: [`convert-${REPORT_ID}`, 'screenings'] }) }),
    d('brewing-converted', '信息员上报：已转为案件', PAGES.dBrewing, (f) => answer(f, 'report', 'brewingReports', { items: BREWING_ITEMS }, { items: [CONVERTED] }), {
      act: async (page) => {
        await tap(page, '#tab-converted');
        await settle();
      },
    }),
    d('brewing-empty', '信息员上报：没有待核实的', PAGES.dBrewing, (f) => answer(f, 'report', 'brewingReports', { items: [] })),
    d('brewing-error', '信息员上报：加载失败', PAGES.dBrewing, (f) => offline(f, 'report', 'brewingReports')),
    d('convert', '信息员上报的苗头纠纷登记为案件', PAGES.dConvert, (f) => answer(f, 'report', 'brewingReports', { items: BREWING_ITEMS }), { gallery: true, query: byReport, act: fill }),
    d('convert-unchosen', '登记为案件：未选择是否同意转交就登记', PAGES.dConvert, (f) => answer(f, 'report', 'brewingReports', { items: BREWING_ITEMS }), {
      query: byReport,
      act: async (page) => {
        await tap(page, '#add-applicants');
        await tap(page, '#submit');
        await settle();
      },
      expect: () => ({ shows: ['err-applicants-0-name', 'err-visitorConsent', 'err-shareWithOtherOrgs', 'share-yes', 'share-no'] }),
    }),
    d('convert-done', '登记为案件：已登记，告知案件编号', PAGES.dConvert, (f) => {
      answer(f, 'report', 'brewingReports', { items: BREWING_ITEMS });
      answer(f, 'report', 'convertReport', { caseId: CONVERTED_CASE_ID, caseNo: 'QF-2025-000171', status: 'registered', statusLabel: '已登记', holder: { orgId: LIUAN, name: orgName(LIUAN) }, next: { label: '分流期限', dueAt: endOf(8) }, urgent: false, emergencyNumbers: [], reportId: REPORT_ID });
    }, {
      query: byReport,
      act: async (page) => {
        await fill(page);
        await tap(page, '#submit');
        await settle();
      },
      expect: () => ({ shows: ['case-no', 'open-case'] }),
    }),
    d('convert-already', '登记为案件：已被其他主任登记', PAGES.dConvert, (f) => {
      answer(f, 'report', 'brewingReports', { items: BREWING_ITEMS }, { items: [{ ...BREWING_ITEMS[0], status: 'converted', caseId: CONVERTED_CASE_ID }] });
      refuse(f, 'report', 'convertReport', 'ALREADY_CONVERTED', '该报告已转为案件');
    }, {
      query: byReport,
      act: async (page) => {
        await fill(page);
        await tap(page, '#submit');
        await settle();
      },
      expect: () => ({ shows: ['already-converted', 'open-converted'] }),
    }),
    d('convert-error', '登记为案件：加载失败', PAGES.dConvert, (f) => offline(f, 'report', 'brewingReports'), { query: byReport }),
    d('screenings', '排查月报报送情况：本月', PAGES.dScreenings, (f) => answer(f, 'report', 'lateReports', late)),
    d('screenings-late', '排查月报报送情况：上月有人逾期未报', PAGES.dScreenings, (f) =>
      answer(f, 'report', 'lateReports', late, { ...late, month: '2025-04', dueAt: endOf(30, 4), filed: [{ ...late.filed[0], filedAt: cst(30, 17, 40, 4), filedOn: '2025-04-30', zero: false, total: 2 }], missing: [{ ...late.missing[0], state: 'late', dueAt: endOf(30, 4) }] }), {
      act: async (page) => {
        await tap(page, '#prev');
        await settle();
      },
    }),
    d('screenings-empty', '排查月报报送情况：还没有信息员', PAGES.dScreenings, (f) => answer(f, 'report', 'lateReports', { ...late, filed: [], missing: [] })),
    d('screenings-error', '排查月报报送情况：加载失败', PAGES.dScreenings, (f) => offline(f, 'report', 'lateReports')),
    d('staff-audit', '人员变动记录：核验通过', PAGES.dStaffAudit, (f) => answer(f, 'org', 'staffAudit', staffChain), { expect: () => ({ shows: ['check', 'change-3', 'change-5'] }) }),
    d('staff-audit-failed', '人员变动记录：核验未通过', PAGES.dStaffAudit, (f) =>
      answer(f, 'org', 'staffAudit', { ...staffChain, verified: false, problem: '{"kind":"edited","seq":2}', problemText: '第 2 条记录与写入时不一致：被改动过，或记录被重新生成' }),
    ),
    d('staff-audit-empty', '人员变动记录：还没有记录', PAGES.dStaffAudit, (f) => answer(f, 'org', 'staffAudit', { ...staffChain, entries: [] })),
    // The district centre keeps the expert pool: its chain holds the pool's registrations, changes and phone reads.
    staffScreen('director', [{ role: 'director', orgId: 'district-centre' }])('staff-audit-pool', '人员变动记录：专家库的登记、修改和电话查看', PAGES.dStaffAudit, (f) => answer(f, 'org', 'staffAudit', poolChain), {
      expect: () => ({ shows: ['check', 'change-1', 'change-2', 'change-3'] }),
    }),
    d('staff-audit-error', '人员变动记录：加载失败', PAGES.dStaffAudit, (f) => offline(f, 'org', 'staffAudit')),
  ];
}

/** A case's audit trail: for staff working it, and for a supervisor (no names, no reasons). */
function auditScreens(): Screen[] {
  type Trail = OutputOf<'case', 'audit'>;
  const liuan = { actorOrgId: LIUAN, orgName: orgName(LIUAN) };
  const trail: Trail = {
    caseNo: CASE_NO,
    statusLabel: '已预约调解',
    verified: true,
    entries: [
      { seq: 1, at: cst(28, 9, 12, 4), type: 'case_registered', typeLabel: '登记受理申请', actor: 'resident-1', who: '张秀兰（申请人）', hash: 'h1' },
      { seq: 2, at: cst(28, 15, 40, 4), type: 'case_transferred', typeLabel: '转交其他调解组织', actor: 'demo-director', who: '王主任', ...liuan, reason: '双方分属不同小区物业', hash: 'h2' },
      { seq: 3, at: cst(29, 10, 5, 4), type: 'transfer_returned', typeLabel: '接收单位退回', actor: 'demo-street-director', who: '陈主任', actorOrgId: DONGHU, orgName: orgName(DONGHU), reason: '属社区内邻里纠纷，由社区调委会办理', hash: 'h3' },
      { seq: 4, at: cst(29, 16, 30, 4), type: 'case_accepted', typeLabel: '调解组织已受理', actor: 'demo-director', who: '王主任', ...liuan, hash: 'h4' },
      { seq: 5, at: cst(30, 9, 0, 4), type: 'mediator_assigned', typeLabel: '已指派调解员', actor: 'demo-director', who: '王主任', ...liuan, hash: 'h5' },
      { seq: 6, at: cst(6, 11, 2), type: 'contact_revealed', typeLabel: '调取当事人完整电话号码', actor: 'demo-mediator', who: '李调解员', ...liuan, hash: 'h6' },
      { seq: 7, at: cst(6, 17, 0), type: 'session_scheduled', typeLabel: '已预约调解', actor: 'resident-2', who: '李建国（被申请人）', hash: 'h7' },
    ],
  };
  const anonymous: Trail = { ...trail, entries: trail.entries.map(({ reason: _r, ...e }) => ({ ...e, who: e.who.includes('（') ? '当事人' : '工作人员' })) };
  const m = staffScreen('mediator', grantsOf(MEDIATOR));
  const s = staffScreen('supervisor', grantsOf(SUPERVISOR));
  return [
    m('audit', '审计记录：每一步由谁办理，核验通过', PAGES.caseAudit, (f) => answer(f, 'case', 'audit', trail), { gallery: true, query: byCase, expect: () => ({ shows: ['check', 'entry-7'] }) }),
    m('audit-failed', '审计记录：核验未通过', PAGES.caseAudit, (f) =>
      answer(f, 'case', 'audit', { ...trail, verified: false, problem: '{"kind":"state_mismatch","seq":7}', problemText: '第 7 条记录之后，案件内容被直接改动过，没有经过任何办理步骤' }),
    { query: byCase }),
    m('audit-error', '审计记录：无权查看', PAGES.caseAudit, (f) => refuse(f, 'case', 'audit', 'NOT_FOUND', '案件不存在或您无权查看'), { query: byCase }),
    s('audit', '审计记录（督导：不含姓名和理由）', PAGES.caseAudit, (f) => answer(f, 'case', 'audit', anonymous), { query: byCase }),
  ];
}

/** A closed case's electronic file (电子卷宗): for the organisation's staff, and for a supervisor (no names, no links). */
function archiveScreens(): Screen[] {
  type Archive = OutputOf<'report', 'archive'>;
  const file: Archive = {
    caseId: CASE_ID,
    caseNo: CASE_NO,
    archiveNo: 'LIUAN-COMMITTEE-2025-0012',
    orgName: orgName(LIUAN),
    closedAt: cst(6, 16, 30),
    outcomeLabel: '调解成功并履行完毕',
    keepUntil: '2035-05-06',
    retentionYears: 10,
    viewer: 'staff',
    contents: [
      { seq: 1, kind: 'document', title: '权利义务告知书', date: '2025-04-29', extent: '1份', document: 'rights_notice' },
      { seq: 2, kind: 'document', title: '调查与调解笔录', date: '2025-04-30', extent: '2次记录', document: 'session_record' },
      { seq: 3, kind: 'document', title: '人民调解协议书', date: '2025-05-02', extent: '1份', document: 'agreement' },
      { seq: 4, kind: 'document', title: '回访记录', date: '2025-05-06', extent: '1次回访', document: 'return_visit' },
      { seq: 5, kind: 'evidence', title: '证据材料（1）', date: '2025-04-28', extent: '电子文件 leak-photo.jpg', url: 'https://example.invalid/leak-photo.jpg' },
      { seq: 6, kind: 'evidence', title: '证据材料（2）', date: '2025-04-28', extent: '电子文件 repair-quote.jpg', url: 'https://example.invalid/repair-quote.jpg' },
    ],
    proof: { headHash: 'a3f1c9e07b52d4468e0f2b9c1d7e5a3f0b8c6d4e2f1a0b9c8d7e6f5a4b3c2d1e', entries: 18, entriesNow: 18, verified: true, verifiedAt: cst(7, 10, 0) },
    index: { fileID: 'cloud://env/generated/x/index.docx', fileName: '卷内目录-LIUAN-COMMITTEE-2025-0012.docx', size: 6 },
  };
  const supervisorCopy: Archive = { ...file, viewer: 'supervisor', contents: file.contents.map(({ url: _u, ...e }) => e) };
  const m = staffScreen('mediator', grantsOf(MEDIATOR));
  const s = staffScreen('supervisor', grantsOf(SUPERVISOR));
  return [
    m('archive', '电子卷宗：卷宗号、卷内目录、审计链核验通过', PAGES.caseArchive, (f) => answer(f, 'report', 'archive', file), { gallery: true, query: byCase, expect: () => ({ shows: ['archive-no', 'proof', 'paper-6'] }) }),
    m('archive-numbering', '电子卷宗：刚结案，卷宗号编号中', PAGES.caseArchive, (f) => answer(f, 'report', 'archive', { ...file, archiveNo: null }), { query: byCase, expect: () => ({ shows: ['archive-no', 'proof'] }) }),
    m('archive-error', '电子卷宗：尚未立卷', PAGES.caseArchive, (f) => refuse(f, 'report', 'archive', 'NOT_ARCHIVED', '本案还没有电子卷宗（案件结案时立卷）'), { query: byCase }),
    s('archive', '电子卷宗（督导：不含姓名和文件链接）', PAGES.caseArchive, (f) => answer(f, 'report', 'archive', supervisorCopy), { query: byCase }),
  ];
}

const NOW_MS = Date.UTC(2025, 4, 7, 2, 0);

const rate = (num: number, den: number) => ({ num, den, percent: den ? Math.round((num / den) * 1000) / 10 : null });

const FIGURES: OutputOf<'report', 'figures'> = {
  orgId: LIUAN,
  orgIds: [LIUAN],
  period: { key: '2025-04', firstDate: '2025-04-01', lastDate: '2025-04-30' },
  orgName: orgName(LIUAN),
  periodLabel: '2025年4月',
  viewer: 'director',
  asOf: '2025-05-07T01:55:00.000Z',
  received: 23,
  accepted: 19,
  transferred: 3,
  referred: 1,
  mediated: 15,
  successful: 13,
  resolved: 10,
  successRate: rate(13, 15),
  performanceRate: rate(9, 10),
  averageDaysToClose: 11.4,
  closed: 12,
  onTimeRate: rate(11, 12),
  overdue: { total: 2, byOrg: [{ id: LIUAN, count: 2, name: orgName(LIUAN) }], byPerson: [{ id: 'demo-mediator', count: 1, name: '李调解员' }, { id: 'm-2', count: 1, name: '钱桂芳' }] },
  resolvedAtFirstLevel: rate(11, 13),
  satisfaction: { count: 18, average: 4.6, satisfiedRate: rate(16, 18) },
  byCategory: [
    { category: 'neighbourhood', label: '邻里纠纷', received: 8, mediated: 6, successful: 5 },
    { category: 'property', label: '物业纠纷', received: 5, mediated: 4, successful: 3 },
    { category: 'family', label: '婚姻家庭', received: 4, mediated: 2, successful: 2 },
    { category: 'debt', label: '债务', received: 3, mediated: 2, successful: 2 },
    { category: 'labour', label: '劳动争议', received: 2, mediated: 1, successful: 1 },
    { category: 'other', label: '其他', received: 1, mediated: 0, successful: 0 },
  ],
  bySource: [
    { source: 'resident', label: '群众自行申请', received: 12 },
    { source: 'walk_in', label: '来访登记', received: 7 },
    { source: 'phone', label: '来电登记', received: 3 },
    { source: 'info_officer', label: '信息员上报', received: 1 },
  ],
  referralsIn: { total: 0, bySource: [], feedbackSent: 0 },
  referralsOut: { total: 1, byAuthority: [{ authority: 'labour_arbitration', label: '劳动人事争议仲裁委员会', count: 1 }] },
};

const NO_OUTCOMES = { resolved: 0, failed: 0, respondent_refused: 0, no_reply: 0, withdrawn: 0, terminated: 0, referred: 0 };
const subsidyLine = (caseNo: string, over: Partial<OutputOf<'report', 'subsidyLedger'>['ledger']['mediators'][number]['lines'][number]> = {}) => ({
  caseId: `c${caseNo.replace(/\D/g, '').padStart(20, '0')}`,
  caseNo,
  category: 'neighbourhood',
  categoryLabel: '邻里纠纷',
  outcome: 'resolved' as const,
  outcomeLabel: '调解成功并履行完毕',
  closedAt: '2025-04-18T02:00:00.000Z',
  closedDate: '2025-04-18',
  parties: 2,
  highRisk: false,
  baseYuan: 100,
  severalPartiesYuan: 0,
  highRiskYuan: 0,
  amountYuan: 100,
  ...over,
});

const MEDIATORS: OutputOf<'report', 'subsidyLedger'> = {
  orgId: LIUAN,
  orgName: orgName(LIUAN),
  month: '2025-04',
  monthLabel: '2025年4月',
  viewer: 'director',
  mediators: [
    { mediatorId: 'demo-mediator', name: '李调解员', closed: 4, byOutcome: { ...NO_OUTCOMES, resolved: 3, failed: 1 }, open: 2, onTime: rate(4, 4), satisfaction: { count: 5, average: 4.6 }, returnVisits: 3, recusals: 0 },
    { mediatorId: 'm-2', name: '钱桂芳', closed: 2, byOutcome: { ...NO_OUTCOMES, resolved: 1, withdrawn: 1 }, open: 3, onTime: rate(1, 2), satisfaction: { count: 1, average: 4 }, returnVisits: 1, recusals: 1 },
  ],
  ledger: {
    totalYuan: 450,
    rates: { baseYuan: 100, categoryYuan: [], severalPartiesMin: 3, severalPartiesExtraYuan: 50, highRiskExtraYuan: 100, countedOutcomes: ['resolved'], onTimeOnly: true, minSatisfaction: 3, monthlyCapYuan: 1000 },
    mediators: [
      {
        mediatorId: 'demo-mediator',
        name: '李调解员',
        lines: [
          subsidyLine('QF-2025-000101', { closedDate: '2025-04-08', closedAt: '2025-04-08T02:00:00.000Z' }),
          subsidyLine('QF-2025-000107', { category: 'property', categoryLabel: '物业纠纷', parties: 4, highRisk: true, severalPartiesYuan: 50, highRiskYuan: 100, amountYuan: 250 }),
          subsidyLine('QF-2025-000112', { closedDate: '2025-04-22', closedAt: '2025-04-22T02:00:00.000Z' }),
          subsidyLine('QF-2025-000115', { outcome: 'failed', outcomeLabel: '调解不成', baseYuan: 0, amountYuan: 0, excluded: 'outcome', excludedLabel: '结案方式不计补贴' }),
        ],
        countedCases: 3,
        subtotalYuan: 450,
        totalYuan: 450,
        capped: false,
      },
      {
        mediatorId: 'm-2',
        name: '钱桂芳',
        lines: [
          subsidyLine('QF-2025-000103', { baseYuan: 0, amountYuan: 0, excluded: 'late', excludedLabel: '未按期办结' }),
          subsidyLine('QF-2025-000109', { outcome: 'withdrawn', outcomeLabel: '申请人撤回', baseYuan: 0, amountYuan: 0, excluded: 'outcome', excludedLabel: '结案方式不计补贴' }),
        ],
        countedCases: 0,
        subtotalYuan: 0,
        totalYuan: 0,
        capped: false,
      },
    ],
  },
  state: 'ready',
  canApprove: true,
};

/** Every screen, in the order the report lists them. */
export function allScreens(): Screen[] {
  return [
    ...residentScreens(),
    ...respondentScreens(),
    ...mediatorScreens(),
    ...directorScreens(),
    ...officerReportScreens(),
    ...intakeScreens(),
    ...supervisorScreens(),
    ...officerScreens(),
    ...auditScreens(),
    ...archiveScreens(),
  ];
}

/** The screens whose id contains `only` (all without it). */
export function selectScreens(only?: string): Screen[] {
  const all = allScreens();
  if (!only) return all;
  const parts = only.split(',').map((s) => s.trim()).filter(Boolean);
  return all.filter((s) => parts.some((p) => s.id.includes(p)));
}
