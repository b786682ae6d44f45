// Fixtures for the resident's and respondent's page tests: server answers typed as the server's own wire types
// (src/server/<area>/<area>.types.ts), so a fixture that no longer fits what the server sends does not compile.
import type { AgreementView, BookingView, CaseStepResult, CaseView, DirectoryView } from '../../../miniprogram/services/types';
import { CASE_ID, SHIPPED_FILING_CATEGORIES } from './staff-fixtures';

export { CASE_ID };

export const DIRECTORY: DirectoryView = {
  communities: [
    { id: 'liuan', name: '柳岸社区', streetOrgId: 'donghu-centre', streetName: '东湖街道', committeeOrgId: 'liuan-committee' },
    { id: 'wangjiang', name: '望江社区', streetOrgId: 'donghu-centre', streetName: '东湖街道', committeeOrgId: 'wangjiang-committee' },
  ],
  orgs: [],
  filing: { paperOnlyCategories: ['marriage', 'adoption', 'inheritance'], peopleThresholds: { street: 5, group: 10 }, categories: SHIPPED_FILING_CATEGORIES },
};

export const LIUAN = { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' };

export function stepResult(over: Partial<CaseStepResult> = {}): CaseStepResult {
  return {
    caseId: CASE_ID,
    caseNo: 'QF-2025-000123',
    status: 'registered',
    statusLabel: '已登记',
    holder: LIUAN,
    next: { label: '分流期限', dueAt: '2025-05-06T15:59:59.999Z' },
    urgent: false,
    emergencyNumbers: [],
    ...over,
  };
}

/** A CaseView as a party reads it. */
export function partyView(over: Partial<CaseView> = {}): CaseView {
  return {
    caseId: CASE_ID,
    caseNo: 'QF-2025-000123',
    relation: 'party',
    status: 'registered',
    statusLabel: '已登记',
    category: 'neighbourhood',
    categoryLabel: '邻里纠纷',
    summary: '楼上漏水导致我家天花板发霉，多次协商未果。',
    urgent: false,
    emergencyNumbers: [],
    holder: { ...LIUAN, phone: '0571-86000111' },
    firstInquiry: LIUAN,
    next: { label: '受理期限', dueAt: '2025-05-08T15:59:59.999Z', ownerOrgName: '柳岸社区人民调解委员会' },
    nextStep: { step: 'triage', text: '柳岸社区人民调解委员会将在5月8日前决定是否受理', mine: false, dueAt: '2025-05-08T15:59:59.999Z' },
    timeline: [
      { at: '2025-05-05T02:00:00.000Z', label: '登记受理申请', orgName: '柳岸社区人民调解委员会' },
      { at: '2025-05-06T03:30:00.000Z', label: '调解组织已受理', orgName: '柳岸社区人民调解委员会' },
    ],
    parties: [
      { partyId: 'p1', role: 'applicant', name: '张三', mobile: '138****1234', isMe: true, kind: 'person', joined: 'self' },
      { partyId: 'p2', role: 'respondent', name: '李*', isMe: false, kind: 'person', joined: false },
    ],
    sessions: [],
    version: 3,
    ...over,
  };
}

export function agreementView(over: Partial<AgreementView> = {}): AgreementView {
  return {
    caseId: CASE_ID,
    caseNo: 'QF-2025-000123',
    status: 'agreement_pending',
    statusLabel: '协议待确认',
    title: '人民调解协议书',
    form: 'written',
    version: 2,
    hash: 'h'.repeat(64),
    paperOnly: false,
    content: {
      parties: [
        { partyId: 'p1', role: 'applicant', kind: 'person', name: '张三', idType: 'resident_id', idNumber: '110105********002X', address: '柳岸社区 3 幢 402 室' },
        { partyId: 'p2', role: 'respondent', kind: 'person', name: '李四', idType: 'other', idNumber: 'E1****678', address: '柳岸社区 3 幢 502 室' },
      ],
      facts: '502 室卫生间漏水至 402 室',
      disputedMatters: '维修费用由谁承担',
      responsibilities: '被申请人负主要责任',
      terms: ['被申请人支付维修费 3000 元', '被申请人于五日内修好防水层'],
      performance: [],
    },
    confirmations: [],
    awaiting: [
      { partyId: 'p1', name: '张三' },
      { partyId: 'p2', name: '李四' },
    ],
    signed: false,
    sealed: false,
    myPartyId: 'p1',
    myTurn: true,
    performance: [
      { itemId: 'i1', description: '支付维修费', amountYuan: 3000, method: '微信转账', place: '柳岸社区调解室', dueDate: '2025-06-30', obligor: '李四', obligee: '张三', done: false, mayMarkDone: true },
    ],
    ...over,
  };
}

export function bookingView(over: Partial<BookingView> = {}): BookingView {
  return {
    bookingId: 'b0123456789abcdef0123',
    startAt: '2025-05-12T01:00:00.000Z',
    endAt: '2025-05-12T02:00:00.000Z',
    label: '2025-05-12 09:00',
    mode: 'on_site',
    modeLabel: '现场调解',
    room: { roomId: 'room-1', name: '第一调解室' },
    nonPublic: false,
    status: 'proposed',
    statusLabel: '待确认',
    proposedBy: 'staff',
    confirmedPartyIds: [],
    awaitingPartyIds: ['p1', 'p2'],
    myTurn: true,
    ...over,
  };
}
