// Realistic answers for the screens: the demo deployment's organisations, communities, rooms and staff
// (src/local/demo-deployment.json), a few residents and their disputes, typed as the server's own answers
// (src/server/<area>/<area>.types.ts via OutputOf), so data that no longer fits what the server sends fails to
// compile. Times are China time around the screens' "now", Wednesday 7 May 2025, 10:00.
import { DEFAULT_RULES } from '../../src/domain/config/rules';
import { SHIPPED_CATEGORIES } from '../../src/domain/config/categories';
import { PARTY_STATUS_LABEL, STATUS_LABEL, type PartyStep } from '../../src/domain/case/labels';
import { monthDay, monthDayTime, partyStepText } from '../../src/domain/case/next-step';
import deployment from '../../src/local/demo-deployment.json';
import type { ActionName, FunctionName, OutputOf } from '../../src/server/api.types';
import type { ServerErrorCode } from '../../miniprogram/generated/errors';
import { err, FakeTransport, fail, ok } from '../../test/miniprogram/helpers/fake-transport';

/** The instant every screen is photographed at: 2025-05-07 10:00 China time (Wednesday). */
export const NOW = Date.UTC(2025, 4, 7, 2, 0);

/** An ISO instant for a China-time day of May 2025 (or another month) and hour. */
export function cst(day: number, hour: number, minute = 0, month = 5): string {
  return new Date(Date.UTC(2025, month - 1, day, hour - 8, minute)).toISOString();
}
/** End of a China-time day (deadlines are "before 23:59" of a working day). */
export const endOf = (day: number, month = 5) => new Date(Date.UTC(2025, month - 1, day, 15, 59, 59, 999)).toISOString();

/** Scripts `fn.action` to answer `data` (typed as the server's answer) every time. */
export function answer<F extends FunctionName, A extends ActionName<F>>(fake: FakeTransport, fn: F, action: A, ...data: Array<OutputOf<F, A>>): FakeTransport {
  return fake.reply(fn, action, ...data.map((d) => ok(d)));
}
/** Scripts `fn.action` to be refused with a server error (its code must be one the server answers with). */
export function refuse(fake: FakeTransport, fn: FunctionName, action: string, code: ServerErrorCode, message: string, fields?: Record<string, string>): FakeTransport {
  return fake.reply(fn, action, err(code, message, fields));
}
/** Scripts `fn.action` to fail as a lost network would (every retry too). */
export function offline(fake: FakeTransport, fn: FunctionName, action: string): FakeTransport {
  return fake.reply(fn, action, fail('network'));
}

// ---- the demo deployment ----------------------------------------------------------------------------------

type Org = OutputOf<'org', 'directory'>['orgs'][number];
const orgs = deployment.orgs as Array<Org & { communityIds: string[] }>;
export const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
export const orgPhone = (id: string) => orgs.find((o) => o.id === id)?.phone ?? '';

export const DIRECTORY: OutputOf<'org', 'directory'> = {
  communities: deployment.communities.map((c) => {
    const committee = orgs.find((o) => o.level === 'community' && o.kind === 'general' && o.communityIds.includes(c.id));
    return { id: c.id, name: c.name, streetOrgId: c.streetOrgId, streetName: orgName(c.streetOrgId), ...(committee ? { committeeOrgId: committee.id } : {}) };
  }),
  orgs: orgs.map(({ id, name, level, kind, parentId, categories, address, phone }) => ({ id, name, level, kind, ...(parentId ? { parentId } : {}), categories, address, phone })),
  filing: { paperOnlyCategories: [...DEFAULT_RULES.paperOnlyCategories], peopleThresholds: { street: DEFAULT_RULES.triage.streetPeopleMin, group: DEFAULT_RULES.triage.groupPeopleMin }, categories: SHIPPED_CATEGORIES.filing },
};

export const LIUAN = 'liuan-committee';
export const DONGHU = 'donghu-centre';
export const LIUAN_ROOM = { roomId: 'liuan-room-1', name: '柳岸和事佬调解室', address: '东湖街道柳岸社区党群服务中心一楼（柳岸路26号）', latitude: 30.2769, longitude: 120.2488 };
const staff = (openid: string) => deployment.staff.find((s) => s.openid === openid)!;
export const MEDIATOR = staff('demo-mediator'); // 李调解员, 柳岸
export const DIRECTOR = staff('demo-director'); // 王主任, 柳岸
export const INTAKE = staff('demo-intake'); // 孙窗口, 东湖街道中心
export const SUPERVISOR = staff('demo-supervisor'); // 司法所刘所长, 东湖街道

export type Grant = { role: 'director' | 'mediator' | 'intake' | 'supervisor' | 'officer'; orgId: string };
export const grantsOf = (s: { roles: Array<{ role: string; orgId: string }> }) => s.roles as Grant[];

/** `user.me` for someone holding these roles (a resident holds none). */
export function me(fake: FakeTransport, roles: Grant[] = [], largeText = false): FakeTransport {
  return answer(fake, 'user', 'me', { prefs: { largeText }, roles, registered: true });
}

// ---- the resident's dispute ---------------------------------------------------------------------------------

export const CASE_ID = 'c5a1b2c3d4e5f60718293';
export const CASE_NO = 'QF-2025-000147';
export const APPLICANT = { partyId: 'p1', role: 'applicant', name: '张秀兰' };
export const RESPONDENT = { partyId: 'p2', role: 'respondent', name: '李建国' };
const SUMMARY = '楼上 502 室卫生间漏水，我家（402 室）客厅天花板发霉、墙皮脱落。今年 3 月起找对方协商两次，对方说不是他家的问题，一直没有修。';

type CaseView = OutputOf<'case', 'get'>;
type Status = CaseView['status'];

const TIMELINE = [
  { at: cst(28, 9, 12, 4), label: '登记受理申请', orgName: orgName(LIUAN) },
  { at: cst(28, 15, 40, 4), label: '转交街道调处中心', orgName: orgName(LIUAN), reason: '双方分属不同小区物业' },
  { at: cst(29, 10, 5, 4), label: '退回', orgName: orgName(DONGHU), reason: '属社区内邻里纠纷，由社区调委会办理' },
  { at: cst(29, 16, 30, 4), label: '调解组织已受理', orgName: orgName(LIUAN) },
  { at: cst(30, 9, 0, 4), label: '指派调解员 李调解员', orgName: orgName(LIUAN) },
  { at: cst(30, 9, 5, 4), label: '已邀请被申请人', orgName: orgName(LIUAN) },
  { at: cst(6, 14, 20), label: '被申请人同意调解', orgName: orgName(LIUAN) },
  { at: cst(6, 17, 0), label: '约定调解时间', orgName: orgName(LIUAN) },
  { at: cst(8, 15, 0), label: '现场调解', orgName: orgName(LIUAN) },
  { at: cst(9, 11, 0), label: '调解协议已起草', orgName: orgName(LIUAN) },
  { at: cst(12, 10, 0), label: '调解协议生效', orgName: orgName(LIUAN) },
];

/** How far the dispute has got: how many timeline entries it has at each stage. */
const TIMELINE_AT: Record<string, number> = {
  accepted: 5,
  awaiting_consent: 6,
  scheduled: 8,
  in_mediation: 9,
  agreement_pending: 10,
  performing: 11,
  closed: 11,
};

/**
 * The timeline at a stage. A case still being triaged or transferred came in yesterday or today (its deadlines
 * are ahead); from acceptance on it is the dispute filed on 28 April.
 */
function timelineAt(status: Status): CaseView['timeline'] {
  if (status === 'registered') return [{ at: cst(7, 8, 40), label: '登记受理申请', orgName: orgName(LIUAN) }];
  if (status === 'transferring') {
    return [
      { at: cst(6, 9, 12), label: '登记受理申请', orgName: orgName(LIUAN) },
      { at: cst(6, 15, 40), label: '转交街道调处中心', orgName: orgName(LIUAN), reason: '双方分属不同小区物业' },
    ];
  }
  return TIMELINE.slice(0, TIMELINE_AT[status] ?? 1);
}

export interface CaseOptions {
  status: Status;
  /** Who looks: the applicant (default), the respondent, or staff of the holder. */
  viewer?: 'applicant' | 'respondent' | 'staff';
  over?: Partial<CaseView>;
}

/** `case.get` for the demo dispute at a stage, as a party or as staff see it. */
export function caseView({ status, viewer = 'applicant', over = {} }: CaseOptions): CaseView {
  const staffView = viewer === 'staff';
  const parties = [
    { ...APPLICANT, mobile: staffView ? '138****6621' : viewer === 'applicant' ? '138****6621' : undefined, isMe: viewer === 'applicant', kind: 'person' as const, joined: 'self' as const },
    { ...RESPONDENT, mobile: staffView ? '139****0835' : viewer === 'respondent' ? '139****0835' : undefined, isMe: viewer === 'respondent', kind: 'person' as const, joined: status === 'accepted' || status === 'registered' ? (false as const) : ('self' as const) },
  ].map((p) => {
    const { mobile, ...rest } = p;
    return mobile ? { ...rest, mobile } : rest;
  });
  if (!staffView) parties[viewer === 'applicant' ? 1 : 0].name = viewer === 'applicant' ? '李*国' : '张*兰';
  const transferring = status === 'transferring';
  const holderId = LIUAN;
  const next: Partial<Record<Status, CaseView['next']>> = {
    registered: { label: '分流期限', dueAt: endOf(8), ownerOrgName: orgName(LIUAN) },
    transferring: { label: '接收期限', dueAt: endOf(8), ownerOrgName: orgName(DONGHU) },
    accepted: { label: '邀请对方期限', dueAt: endOf(9), ownerOrgName: orgName(LIUAN) },
    awaiting_consent: { label: '对方答复期限', dueAt: endOf(9), ownerOrgName: orgName(LIUAN) },
    scheduled: { label: '调解期限', dueAt: endOf(29), ownerOrgName: orgName(LIUAN) },
    in_mediation: { label: '调解期限', dueAt: endOf(29), ownerOrgName: orgName(LIUAN) },
    agreement_pending: { label: '协议确认期限', dueAt: endOf(16), ownerOrgName: orgName(LIUAN) },
    performing: { label: '回访期限', dueAt: endOf(15, 7), ownerOrgName: orgName(LIUAN) },
  };
  // What the server tells a party comes next (src/domain/case/next-step.ts), for the demo's days.
  const step = (kind: PartyStep, mine: boolean, v: { date?: string; org?: string; dueAt?: string } = {}): NonNullable<CaseView['nextStep']> => ({
    step: kind,
    text: partyStepText(kind, mine, v),
    mine,
    ...(v.dueAt ? { dueAt: v.dueAt } : {}),
  });
  const partySteps: Record<Status, NonNullable<CaseView['nextStep']>> = {
    registered: step('triage', false, { date: monthDay(endOf(8)), org: orgName(LIUAN), dueAt: endOf(8) }),
    transferring: step('transfer_response', false, { date: monthDay(endOf(8)), org: orgName(DONGHU), dueAt: endOf(8) }),
    awaiting_designation: step('designation', false, { date: monthDay(endOf(9)), dueAt: endOf(9) }),
    accepted: step('mediation', false, { date: monthDay(endOf(29)), dueAt: endOf(29) }),
    awaiting_consent: step('respondent_reply', viewer === 'respondent', { date: monthDay(endOf(9)), dueAt: endOf(9) }),
    scheduled: step('session', true, { date: monthDayTime(cst(8, 15)), dueAt: cst(8, 15) }),
    in_mediation: step('mediation', false, { date: monthDay(endOf(29)), dueAt: endOf(29) }),
    agreement_pending: step('agreement_confirm', true, { date: monthDay(endOf(16)), dueAt: endOf(16) }),
    performing: step('return_visit', false, { date: monthDay(endOf(15, 7)), dueAt: endOf(15, 7) }),
    closed: step('closed', false),
  };
  const view: CaseView = {
    caseId: CASE_ID,
    caseNo: CASE_NO,
    relation: staffView ? 'staff' : 'party',
    status,
    statusLabel: staffView ? STATUS_LABEL[status] : PARTY_STATUS_LABEL[status],
    ...(staffView ? {} : { nextStep: partySteps[status] }),
    category: 'neighbourhood',
    categoryLabel: '邻里纠纷',
    summary: SUMMARY,
    urgent: false,
    emergencyNumbers: [],
    holder: { orgId: holderId, name: orgName(holderId), phone: orgPhone(holderId) },
    firstInquiry: { orgId: LIUAN, name: orgName(LIUAN) },
    ...(transferring ? { pendingTransfer: { toOrgId: DONGHU, toOrgName: orgName(DONGHU), dueAt: endOf(8) } } : {}),
    ...(next[status] ? { next: next[status] } : {}),
    timeline: timelineAt(status),
    parties,
    ...(status === 'scheduled' ? {
          nextSession: {
            at: cst(8, 15),
            endAt: cst(8, 16),
            mode: 'on_site' as const,
            modeLabel: '现场调解',
            roomId: LIUAN_ROOM.roomId,
            room: { name: LIUAN_ROOM.name, address: LIUAN_ROOM.address, latitude: LIUAN_ROOM.latitude, longitude: LIUAN_ROOM.longitude },
            mediatorName: MEDIATOR.name,
            bring: ['身份证', '与纠纷有关的材料（合同、票据、照片等）'],
            nonPublic: false,
          },
        } : {}),
    version: 7,
    ...over,
  };
  return view;
}

/** A row of 我的案件 / a worklist. */
export function listItem(id: string, over: Partial<OutputOf<'case', 'mine'>['items'][number]> = {}): OutputOf<'case', 'mine'>['items'][number] {
  return {
    caseId: `c${id.padStart(20, '0')}`,
    caseNo: `QF-2025-000${id}`,
    categoryLabel: '邻里纠纷',
    statusLabel: '已受理',
    holderName: orgName(LIUAN),
    urgent: false,
    registeredAt: cst(28, 9, 12, 4),
    ...over,
  };
}

export const MY_OPEN_CASES: OutputOf<'case', 'mine'> = {
  items: [
    listItem('147', {
      caseId: CASE_ID,
      caseNo: CASE_NO,
      statusLabel: PARTY_STATUS_LABEL.agreement_pending,
      next: { label: '调解期限', dueAt: endOf(29) },
      nextStep: { step: 'agreement_confirm', text: partyStepText('agreement_confirm', true, { date: monthDay(endOf(16)) }), mine: true, dueAt: endOf(16) },
    }),
    listItem('152', {
      categoryLabel: '物业纠纷',
      statusLabel: PARTY_STATUS_LABEL.awaiting_consent,
      holderName: orgName(LIUAN),
      next: { label: '对方答复期限', dueAt: endOf(9) },
      nextStep: { step: 'respondent_reply', text: partyStepText('respondent_reply', false, { date: monthDay(endOf(9)) }), mine: false, dueAt: endOf(9) },
      registeredAt: cst(5, 16, 2),
    }),
    listItem('163', {
      categoryLabel: '损害赔偿',
      statusLabel: PARTY_STATUS_LABEL.registered,
      next: { label: '分流期限', dueAt: endOf(8) },
      nextStep: { step: 'triage', text: partyStepText('triage', false, { date: monthDay(endOf(8)), org: orgName(LIUAN) }), mine: false, dueAt: endOf(8) },
      registeredAt: cst(7, 8, 40),
    }),
  ],
  hasMore: false,
};

export const MY_CLOSED_CASES: OutputOf<'case', 'mine'> = {
  items: [
    listItem('098', { categoryLabel: '债务', statusLabel: '已结案', holderName: orgName(DONGHU), registeredAt: cst(3, 10, 0, 2) }),
    listItem('061', { categoryLabel: '邻里纠纷', statusLabel: '已结案', registeredAt: cst(18, 14, 30, 1) }),
  ],
  hasMore: false,
};

// ---- the agreement -------------------------------------------------------------------------------------

type AgreementView = OutputOf<'agreement', 'get'>;

export const AGREEMENT_CONTENT = {
  parties: [
    { partyId: 'p1', role: 'applicant' as const, kind: 'person' as const, name: '张秀兰', idType: 'resident_id' as const, idNumber: '330106********0624', address: '柳岸社区 3 幢 402 室' },
    { partyId: 'p2', role: 'respondent' as const, kind: 'person' as const, name: '李建国', idType: 'resident_id' as const, idNumber: '330106********1517', address: '柳岸社区 3 幢 502 室' },
  ],
  facts: '502 室卫生间防水层老化，自 2025 年 3 月起渗水至 402 室，致客厅天花板发霉、墙皮脱落。',
  disputedMatters: '漏水原因的认定；402 室损失的维修费用由谁承担。',
  responsibilities: '经物业现场查看，漏水系 502 室防水层老化所致，被申请人负主要责任。',
  terms: ['被申请人于 2025 年 5 月 20 日前请有资质的施工队修复卫生间防水层。', '被申请人向申请人支付天花板和墙面维修费 3,000 元。', '双方今后如有类似问题，先通过物业协商解决。'],
  performance: [
    { itemId: 'i1', description: '修复卫生间防水层', obligorPartyId: 'p2', obligeePartyId: 'p1', method: '请施工队上门维修', place: '柳岸社区 3 幢 502 室', dueDate: '2025-05-20' },
    { itemId: 'i2', description: '支付维修费', amountYuan: 3000, obligorPartyId: 'p2', obligeePartyId: 'p1', method: '微信转账', place: '柳岸社区调解室', dueDate: '2025-05-31' },
  ],
};

export function agreementView(stage: 'pending' | 'effective' | 'paper', viewer: 'applicant' | 'staff' = 'applicant'): AgreementView {
  const effective = stage === 'effective';
  const performance = AGREEMENT_CONTENT.performance.map((p) => ({
    itemId: p.itemId,
    description: p.description,
    ...(p.amountYuan !== undefined ? { amountYuan: p.amountYuan } : {}),
    method: p.method,
    place: p.place,
    dueDate: p.dueDate,
    obligor: '李建国',
    obligee: '张秀兰',
    done: effective && p.itemId === 'i1',
    ...(effective && p.itemId === 'i1' ? { doneAt: cst(19, 16) } : {}),
    mayMarkDone: effective && p.itemId === 'i2' && viewer === 'applicant',
  }));
  return {
    caseId: CASE_ID,
    caseNo: CASE_NO,
    status: effective ? 'performing' : 'agreement_pending',
    statusLabel: effective ? '协议履行中' : '协议待确认',
    title: '人民调解协议书',
    form: 'written',
    version: 2,
    hash: '5f2c9e'.padEnd(64, '0'),
    paperOnly: stage === 'paper',
    content: { ...AGREEMENT_CONTENT, category: 'neighbourhood' } as AgreementView['content'],
    confirmations: effective
      ? [
          { partyId: 'p1', name: '张秀兰', method: 'electronic', at: cst(10, 9, 30), current: true, hasScan: false },
          { partyId: 'p2', name: '李建国', method: 'electronic', at: cst(10, 20, 12), current: true, hasScan: false },
        ]
      : [{ partyId: 'p2', name: '李建国', method: 'electronic', at: cst(9, 18, 40), current: true, hasScan: false }],
    awaiting: effective ? [] : [{ partyId: 'p1', name: '张秀兰' }],
    signed: effective,
    sealed: effective,
    ...(effective
      ? {
          effectiveAt: cst(12, 10),
          judicialConfirmationBy: '2025-06-11',
          judicial: { by: '2025-06-11', court: { name: '清风区人民法院', address: '清风区法院路 9 号诉讼服务中心', phone: '0571-86100000' }, mayRecord: viewer === 'applicant' },
        }
      : {}),
    ...(viewer === 'applicant' ? { myPartyId: 'p1' } : {}),
    myTurn: !effective && stage !== 'paper' && viewer === 'applicant',
    performance,
  };
}

// ---- booking ---------------------------------------------------------------------------------------------

type BookingView = OutputOf<'booking', 'bookings'>['bookings'][number];

export function booking(status: 'proposed' | 'confirmed' | 'cancelled', over: Partial<BookingView> = {}): BookingView {
  const labels = { proposed: '待确认', confirmed: '已确认', cancelled: '已取消' };
  return {
    bookingId: `b${status}0123456789abcdef`,
    startAt: cst(8, 15),
    endAt: cst(8, 16),
    label: '2025-05-08 15:00',
    mode: 'on_site',
    modeLabel: '现场调解',
    room: LIUAN_ROOM,
    nonPublic: false,
    status,
    statusLabel: labels[status],
    proposedBy: 'staff',
    confirmedPartyIds: status === 'confirmed' ? ['p1', 'p2'] : ['p2'],
    awaitingPartyIds: status === 'proposed' ? ['p1'] : [],
    myTurn: status === 'proposed',
    ...over,
  };
}

export const SLOTS: OutputOf<'booking', 'slots'> = {
  caseId: CASE_ID,
  mediatorName: MEDIATOR.name,
  slotMinutes: 60,
  mode: 'on_site',
  slots: [
    { startAt: cst(8, 14), endAt: cst(8, 15), label: '5月8日 周四 14:00', rooms: [LIUAN_ROOM] },
    { startAt: cst(8, 15), endAt: cst(8, 16), label: '5月8日 周四 15:00', rooms: [LIUAN_ROOM] },
    { startAt: cst(13, 14), endAt: cst(13, 15), label: '5月13日 周二 14:00', rooms: [LIUAN_ROOM] },
    { startAt: cst(13, 16), endAt: cst(13, 17), label: '5月13日 周二 16:00', rooms: [LIUAN_ROOM] },
  ],
};
