// Staff are sent notices too — transfers to their organisation, deadline alerts, new assignments, progress — and
// WeChat delivers a subscribe message only to someone who allowed that template: so staff pages ask, in the tap
// itself (wx.requestSubscribeMessage works only there), for the templates of the notices their role receives.
import { FakeTransport, ok } from './helpers/fake-transport';
import { sleep, tap } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { CASE_ID, DIRECTORY, grant, openPage, staffView, withRoles } from './helpers/staff-fixtures';

function recordPrompts(): string[][] {
  const asked: string[][] = [];
  currentWx().requestSubscribeMessage = jest.fn((o: { tmplIds: string[]; success?: () => void }) => {
    asked.push(o.tmplIds);
    o.success?.();
  });
  return asked;
}

const step = ok({ caseId: CASE_ID, caseNo: 'QF-2025-000123', status: 'accepted', statusLabel: '已受理', holder: { orgId: 'liuan-committee', name: '柳岸社区人民调解委员会' }, urgent: false, emergencyNumbers: [] });

describe('staff allow the notices their role receives, at a tap', () => {
  it("a director opening a case from the queue allows the organisation's transfers, deadline alerts and progress, then the case opens", async () => {
    const asked = recordPrompts();
    const row = { caseId: CASE_ID, caseNo: 'QF-2025-1', categoryLabel: '邻里纠纷', statusLabel: '已登记', holderName: '柳岸社区人民调解委员会', urgent: false, registeredAt: '2025-05-05T02:00:00.000Z' };
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee')).reply('case', 'queue', ok({ orgId: 'liuan-committee', items: [row], hasMore: false }));
    const page = await openPage('pkg-director/pages/workbench/index/index', fake);
    expect(asked).toHaveLength(0);
    await tap(page, `#case-${CASE_ID}`);
    await sleep();
    expect(asked).toEqual([['local-transfer_received', 'local-deadline_alert', 'local-case_progress']]);
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-director/pages/case/triage/index?id=${CASE_ID}` }));
  });

  it('a director submitting a triage decision is asked in the same tap, and the decision is still sent', async () => {
    const asked = recordPrompts();
    const fake = withRoles(new FakeTransport(), grant('director', 'liuan-committee'))
      .reply('case', 'get', ok(staffView()), ok(staffView({ status: 'transferring', statusLabel: '转办中' })))
      .reply('org', 'directory', ok(DIRECTORY))
      .reply('case', 'transfer', step);
    const page = await openPage('pkg-director/pages/case/triage/index', fake, { id: CASE_ID });
    await tap(page, '#do-transfer');
    await sleep();
    await tap(page, '#org-donghu-centre');
    page.instance.onReason({ detail: { value: '双方住在不同社区，由街道中心调处' } });
    await sleep();
    await tap(page, '#submit');
    await sleep();
    expect(asked).toEqual([['local-transfer_received', 'local-deadline_alert', 'local-case_progress']]);
    expect(fake.callsTo('case', 'transfer')).toHaveLength(1);
  });

  it('a mediator opening an assigned case allows new assignments, deadline alerts and progress', async () => {
    const asked = recordPrompts();
    const item = { caseId: CASE_ID, caseNo: 'QF-2025-2', categoryLabel: '邻里纠纷', summary: '纠纷', status: 'in_mediation', statusLabel: '调解中', urgent: false, registeredAt: '2025-05-05T02:00:00.000Z', next: { label: '调解期限', dueAt: new Date(Date.now() + 20 * 86_400_000).toISOString() } };
    const fake = withRoles(new FakeTransport(), grant('mediator', 'liuan-committee')).reply('case', 'assigned', ok({ items: [item], hasMore: false }));
    const page = await openPage('pkg-mediator/pages/workbench/index/index', fake);
    await tap(page, `#case-${CASE_ID}`);
    await sleep();
    expect(asked).toEqual([['local-case_assigned', 'local-deadline_alert', 'local-case_progress']]);
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pkg-mediator/pages/case/detail/index?id=${CASE_ID}` }));
  });
});
