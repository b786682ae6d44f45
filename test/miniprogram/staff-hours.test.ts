// Rooms and hours, against a fake transport: a mediator's weekly hours and days off (the hours parties book
// within), and the committee's mediation rooms with their opening hours and exceptions (the director's).
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText, type RenderedComponent } from './helpers/simulate';
import { grant, openPage, withRoles } from './helpers/staff-fixtures';

const MEDIATOR = grant('mediator', 'liuan-committee');
const HOURS = 'pkg-mediator/pages/hours/index/index';

const WORKDAYS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '12:00' },
  { weekday, start: '14:00', end: '17:30' },
]);

/** Chooses a time (or a date) in one of WeChat's pickers inside the hours editor. */
async function pick(page: RenderedComponent, id: string, value: string): Promise<void> {
  const editor = page.querySelector('#hours')!;
  const picker = editor.querySelector(`#${id}`);
  if (!picker) throw new Error(`no picker #${id}`);
  picker.dispatchEvent('change', { detail: { value } });
  await sleep();
}

describe('我的可约时间', () => {
  it('shows the week in words; a window added and a day off set are saved as the server takes them', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('booking', 'availability', ok({ mediatorId: 'demo-mediator', weekly: WORKDAYS, exceptions: [], slotMinutes: 60 }))
      .reply('booking', 'setAvailability', (e) => ok({ mediatorId: 'demo-mediator', ...(e.data as object) }));
    const page = await openPage(HOURS, fake);
    expect(visibleText(page.querySelector('#summary')!)).toContain('周一至周五 09:00–12:00、14:00–17:30');
    expect(visibleText(page.querySelector('#hours')!.querySelector('#day-6')!)).toContain('休息');
    expect(page.querySelector('#save')!.data.disabled).toBe(true);

    const editor = page.querySelector('#hours')!;
    // Saturday morning.
    await tap(editor, '#add-window-6');
    expect(visibleText(page.querySelector('#summary')!)).toContain('周六 09:00–12:00');
    // Friday afternoon ends earlier.
    await pick(page, 'end-9', '16:30');
    expect(visibleText(page.querySelector('#summary')!)).toContain('周五 09:00–12:00、14:00–16:30');
    // A day of training.
    await pick(page, 'draft-date', '2025-05-12');
    editor.instance.onDraftNote({ detail: { value: '外出培训' } });
    await tap(editor, '#add-exception');
    expect(visibleText(editor)).toContain('5月12日 全天不开放（外出培训）');

    await tap(page, '#save');
    await sleep();
    const [sent] = fake.callsTo('booking', 'setAvailability');
    expect(sent.data).toEqual({
      weekly: [...WORKDAYS.slice(0, 9), { weekday: 5, start: '14:00', end: '16:30' }, { weekday: 6, start: '09:00', end: '12:00' }],
      exceptions: [{ date: '2025-05-12', kind: 'unavailable', note: '外出培训' }],
    });
    expect(sent.requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('extra hours need their times; a window ending before it starts is said at once; the server’s refusal shows under the hours', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR)
      .reply('booking', 'availability', ok({ mediatorId: 'demo-mediator', weekly: [{ weekday: 1, start: '09:00', end: '12:00' }], exceptions: [], slotMinutes: 60 }))
      .reply('booking', 'setAvailability', err('HOURS_OVERLAP', '周一的时段有重叠'));
    const page = await openPage(HOURS, fake);
    const editor = page.querySelector('#hours')!;
    await tap(editor, '#add-exception');
    expect(visibleText(editor.querySelector('#draft-problem')!)).toBe('请选择日期');
    await pick(page, 'draft-date', '2025-05-17');
    await tap(editor, '#draft-extra');
    await pick(page, 'draft-start', '18:00');
    await pick(page, 'draft-end', '17:00');
    await tap(editor, '#add-exception');
    expect(visibleText(editor.querySelector('#draft-problem')!)).toBe('结束时间应晚于开始时间');
    await pick(page, 'draft-end', '20:00');
    await tap(editor, '#add-exception');
    expect(visibleText(editor)).toContain('5月17日 加开 18:00–20:00');

    await pick(page, 'start-0', '13:00');
    expect(visibleText(editor.querySelector('#window-problem')!)).toBe('周一 13:00–12:00：结束时间应晚于开始时间');
    await pick(page, 'start-0', '08:30');
    await tap(editor, '#add-window-1');
    await tap(page, '#save');
    await sleep();
    expect(visibleText(editor.querySelector('#hours-error')!)).toBe('周一的时段有重叠');
    expect(currentWx().showToast).not.toHaveBeenCalled();
  });

  it('copies Monday to the other weekdays, removes a window; an empty week says parties cannot book', async () => {
    const fake = withRoles(new FakeTransport(), MEDIATOR).reply('booking', 'availability', ok({ mediatorId: 'demo-mediator', weekly: [], exceptions: [], slotMinutes: 60 }));
    const page = await openPage(HOURS, fake);
    expect(visibleText(page.querySelector('#no-hours')!)).toContain('当事人暂时无法预约');
    const editor = page.querySelector('#hours')!;
    await tap(editor, '#add-window-1');
    await tap(editor, '#add-window-1');
    await tap(editor, '#copy-monday');
    expect(visibleText(page.querySelector('#summary')!)).toContain('周一至周五 09:00–12:00、14:00–17:30');
    await tap(editor, '#remove-window-0');
    expect(visibleText(page.querySelector('#summary')!)).toContain('周一 14:00–17:30');
  });

  it('only mediators; a lost network has its retry; the workbench leads here', async () => {
    const director = await openPage(HOURS, withRoles(new FakeTransport(), grant('director', 'liuan-committee')));
    expect(visibleText(director.querySelector('#state')!)).toContain('仅供调解员使用');
    const offline = await openPage(HOURS, withRoles(new FakeTransport(), MEDIATOR).reply('booking', 'availability', fail('network')));
    expect(visibleText(offline.querySelector('#state')!)).toContain('重试');
    const workbench = await openPage('pkg-mediator/pages/workbench/index/index', withRoles(new FakeTransport(), MEDIATOR).reply('case', 'assigned', ok({ items: [], hasMore: false })));
    await tap(workbench, '#hours');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-mediator/pages/hours/index/index' }));
  });
});
