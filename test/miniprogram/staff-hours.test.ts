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

describe('调解室与开放时间', () => {
  const DIRECTOR = grant('director', 'liuan-committee');
  const ROOMS = 'pkg-director/pages/rooms/index/index';
  const room = (over: Record<string, unknown> = {}) => ({
    roomId: 'liuan-room-1',
    orgId: 'liuan-committee',
    name: '柳岸和事佬调解室',
    capacity: 8,
    address: '柳岸路26号社区服务中心一楼',
    latitude: 30.2769,
    longitude: 120.2488,
    hours: WORKDAYS,
    exceptions: [{ date: '2025-05-20', kind: 'unavailable', note: '墙面维修' }],
    active: true,
    ...over,
  });

  it("lists the committee's rooms with their hours and exceptions; a change of hours and a room closed are saved", async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('booking', 'rooms', ok({ orgId: 'liuan-committee', rooms: [room(), room({ roomId: 'liuan-room-2', name: '小会议室', capacity: 4, exceptions: [], active: false })] }), ok({ orgId: 'liuan-committee', rooms: [room({ active: false })] }))
      .reply('booking', 'setRoom', (e) => ok({ ...room(), ...(e.data as object) }));
    const page = await openPage(ROOMS, fake);
    expect(fake.callsTo('booking', 'rooms')[0].data).toEqual({ orgId: 'liuan-committee' });
    const first = visibleText(page.querySelector('#room-liuan-room-1')!);
    expect(first).toContain('可容纳 8 人');
    expect(first).toContain('周一至周五 09:00–12:00、14:00–17:30');
    expect(first).toContain('5月20日 全天不开放（墙面维修）');
    expect(first).toContain('使用中');
    expect(visibleText(page.querySelector('#room-liuan-room-2')!)).toContain('已停用');

    await tap(page, '#edit-liuan-room-1');
    expect(page.instance.data.form).toMatchObject({ roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: '8' });
    const editor = page.querySelector('#hours')!;
    await tap(editor, '#remove-window-9'); // Friday afternoon
    await tap(page, '#active-no');
    expect(visibleText(page.querySelector('#room-form')!)).toContain('已预约的调解不受影响');
    await tap(page, '#save');
    await sleep();
    const [sent] = fake.callsTo('booking', 'setRoom');
    expect(sent.data).toEqual({
      orgId: 'liuan-committee',
      roomId: 'liuan-room-1',
      name: '柳岸和事佬调解室',
      capacity: 8,
      address: '柳岸路26号社区服务中心一楼',
      latitude: 30.2769,
      longitude: 120.2488,
      hours: WORKDAYS.slice(0, 9),
      exceptions: [{ date: '2025-05-20', kind: 'unavailable', note: '墙面维修' }],
      active: false,
    });
    expect(sent.requestId).toBeTruthy();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
    // Back to the list, reloaded.
    expect(page.querySelector('#room-form')).toBeFalsy();
    expect(visibleText(page.querySelector('#room-liuan-room-1')!)).toContain('已停用');
  });

  it("shows where each room is, and saves its address and map point; one coordinate alone or off the globe is refused in place", async () => {
    const bare = room({ roomId: 'liuan-room-2', name: '小会议室', address: '', latitude: undefined, longitude: undefined });
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('booking', 'rooms', ok({ orgId: 'liuan-committee', rooms: [room(), bare] }))
      .reply('booking', 'setRoom', (e) => ok({ ...room(), ...(e.data as object) }));
    const page = await openPage(ROOMS, fake);
    expect(visibleText(page.querySelector('#address-liuan-room-1')!)).toBe('柳岸路26号社区服务中心一楼');
    expect(visibleText(page.querySelector('#map-liuan-room-1')!)).toBe('已设置导航位置');
    expect(visibleText(page.querySelector('#address-liuan-room-2')!)).toBe('未填写地址');
    expect(visibleText(page.querySelector('#map-liuan-room-2')!)).toBe('未设置导航位置，当事人看不到“导航”');

    await tap(page, '#edit-liuan-room-2');
    const type = (field: string, value: string) => page.instance.onPlace({ detail: { value }, currentTarget: { dataset: { field } } } as never);
    type('address', '望江路101号居委会二楼');
    type('latitude', '30.2698');
    await tap(page, '#save');
    expect(fake.callsTo('booking', 'setRoom')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-longitude')!)).toBe('经度和纬度须同时填写或同时不填');
    type('longitude', '200');
    await tap(page, '#save');
    expect(visibleText(page.querySelector('#err-longitude')!)).toBe('经度应在 -180 到 180 之间');
    type('longitude', '120.2613');
    await tap(page, '#save');
    await sleep();
    expect(fake.callsTo('booking', 'setRoom')[0].data).toMatchObject({ roomId: 'liuan-room-2', address: '望江路101号居委会二楼', latitude: 30.2698, longitude: 120.2613 });
  });

  it('adds a room starting from office hours; name and size are checked in place, the server’s refusal of the hours under them', async () => {
    const fake = withRoles(new FakeTransport(), DIRECTOR)
      .reply('booking', 'rooms', ok({ orgId: 'liuan-committee', rooms: [] }))
      .reply('booking', 'setRoom', err('INVALID_HOURS', '周六 18:00–17:00 结束时间应晚于开始时间'), (e) => ok({ ...room(), ...(e.data as object), roomId: 'liuan-committee-room-1a2b3c4d' }));
    const page = await openPage(ROOMS, fake);
    expect(visibleText(page.querySelector('#state')!)).toContain('本单位还没有调解室');
    await tap(page, '#add');
    page.instance.onCapacity({ detail: { value: '0' } });
    await tap(page, '#save');
    expect(fake.callsTo('booking', 'setRoom')).toHaveLength(0);
    expect(visibleText(page.querySelector('#err-name')!)).toBe('请填写调解室名称');
    expect(visibleText(page.querySelector('#err-capacity')!)).toBe('请填写 1 至 200 之间的人数');

    page.instance.onName({ detail: { value: '人民调解室' } });
    page.instance.onCapacity({ detail: { value: '10' } });
    await tap(page, '#save');
    await sleep();
    expect(fake.callsTo('booking', 'setRoom')[0].data).toEqual({ orgId: 'liuan-committee', name: '人民调解室', capacity: 10, address: '', hours: WORKDAYS, exceptions: [], active: true });
    expect(visibleText(page.querySelector('#hours')!.querySelector('#hours-error')!)).toContain('结束时间应晚于开始时间');
    await tap(page, '#save');
    await sleep();
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已添加调解室' }));
  });

  it('only directors; a lost network has its retry; the workbench leads here', async () => {
    const mediator = await openPage(ROOMS, withRoles(new FakeTransport(), MEDIATOR));
    expect(visibleText(mediator.querySelector('#state')!)).toContain('仅供调委会主任使用');
    const offline = await openPage(ROOMS, withRoles(new FakeTransport(), DIRECTOR).reply('booking', 'rooms', fail('network')));
    expect(visibleText(offline.querySelector('#state')!)).toContain('重试');
    expect(offline.querySelector('#add')).toBeFalsy();
    const workbench = await openPage('pkg-director/pages/workbench/index/index', withRoles(new FakeTransport(), DIRECTOR).reply('case', 'queue', ok({ orgId: 'liuan-committee', items: [], hasMore: false })));
    await tap(workbench, '#rooms');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-director/pages/rooms/index/index' }));
  });
});
