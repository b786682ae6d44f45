// Fixtures for the staff pages' tests: the caller's roles (`user.me`), a staff CaseView, and opening a page
// with a query as WeChat does (onLoad(query), then onShow).
import { FakeTransport, ok, useFakeTransport } from './fake-transport';
import { loadPage, RenderedComponent, sleep } from './simulate';
import { SHIPPED_CATEGORIES } from '../../../miniprogram/utils/filing-categories';

/** The shipped categories as `org.directory`'s `filing.categories` lists them for a deployment that adds none. */
export const SHIPPED_FILING_CATEGORIES = [...SHIPPED_CATEGORIES];

export const grant = (role: string, orgId: string) => ({ role, orgId });

/** Scripts `user.me` with the given role grants. */
export function withRoles(fake: FakeTransport, ...roles: Array<{ role: string; orgId: string }>): FakeTransport {
  return fake.reply('user', 'me', ok({ prefs: { largeText: false }, roles, registered: true }));
}

/** `before` runs in the page's fresh module registry before its code does (e.g. `jest.doMock` of its config). */
export async function openPage(pagePath: string, fake: FakeTransport, query: Record<string, string> = {}, before?: () => void): Promise<RenderedComponent> {
  const page = loadPage(pagePath, {
    before: () => {
      before?.();
      useFakeTransport(fake);
    },
  });
  if (typeof page.instance.onLoad === 'function') page.instance.onLoad(query);
  if (typeof page.instance.onShow === 'function') page.instance.onShow();
  await sleep();
  await sleep();
  return page;
}

export const CASE_ID = 'c0123456789abcdef0123';

/** A CaseView as staff of the responsible organisation get it (src/server/case/view.ts). */
export function staffView(over: Record<string, unknown> = {}) {
  return {
    caseId: CASE_ID,
    caseNo: 'QF-2025-000123',
    relation: 'staff',
    status: 'registered',
    statusLabel: '已登记',
    category: 'neighbourhood',
    categoryLabel: '邻里纠纷',
    summary: '楼上漏水导致我家天花板发霉，多次协商未果。',
    urgent: false,
    emergencyNumbers: [],
    holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会', phone: '0571-86000111' },
    firstInquiry: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' },
    next: { label: '分流期限', dueAt: '2025-05-06T15:59:59.999Z', ownerOrgName: '柳岸社区人民调解委员会' },
    timeline: [{ at: '2025-05-05T02:00:00.000Z', label: '登记受理申请', orgName: '柳岸社区人民调解委员会' }],
    parties: [
      { partyId: 'p1', role: 'applicant', name: '张三', mobile: '138****1234', isMe: false, kind: 'person', joined: 'self' },
      { partyId: 'p2', role: 'respondent', name: '李四', mobile: '139****5678', isMe: false, kind: 'person', joined: false },
    ],
    triage: {
      suggestedOrgId: 'donghu-centre',
      suggestedOrgName: '东湖街道矛盾纠纷调处化解中心',
      reasons: ['当事人居住在本街道的不同社区', '涉及金额较大（5万元以上）'],
    },
    version: 3,
    ...over,
  };
}

export const DIRECTORY = {
  communities: [
    { id: 'liuan', name: '柳岸社区', streetOrgId: 'donghu-centre', streetName: '东湖街道', committeeOrgId: 'liuan-committee' },
    { id: 'wangjiang', name: '望江社区', streetOrgId: 'donghu-centre', streetName: '东湖街道', committeeOrgId: 'wangjiang-committee' },
  ],
  orgs: [
    { id: 'liuan-committee', name: '柳岸社区人民调解委员会', level: 'community', kind: 'general', parentId: 'donghu-centre', categories: [], address: '', phone: '' },
    { id: 'wangjiang-committee', name: '望江社区人民调解委员会', level: 'community', kind: 'general', parentId: 'donghu-centre', categories: [], address: '', phone: '' },
    { id: 'donghu-centre', name: '东湖街道矛盾纠纷调处化解中心', level: 'street', kind: 'general', parentId: 'district-centre', categories: [], address: '', phone: '' },
  ],
  filing: { paperOnlyCategories: ['marriage', 'adoption', 'inheritance'], peopleThresholds: { street: 5, group: 10 }, categories: SHIPPED_FILING_CATEGORIES },
};
