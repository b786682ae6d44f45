// Where a mediation room is (address and coordinates, for a party's 导航): the deployment file checks them, in
// Chinese, at their place; a director sets them with booking.setRoom.
import { demoDeployment } from '../../src/local/seed';
import { parseDeploymentFile } from '../../src/server/setup/deployment-file';
import { demoRuntime, call, ok, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';

type Room = { id: string; name: string; capacity: number; address?: string; latitude?: number; longitude?: number };

function problemsWithRoom(room: Room): string[] {
  const d = JSON.parse(JSON.stringify(demoDeployment));
  const liuan = d.orgs.find((o: { id: string }) => o.id === 'liuan-committee');
  liuan.rooms = [room];
  const r = parseDeploymentFile(JSON.stringify(d));
  return r.ok ? [] : r.problems;
}

describe('a room in the deployment file', () => {
  const base = { id: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4 };
  const at = 'orgs.3.rooms.0';

  it('may give an address and coordinates, or none of them', () => {
    expect(problemsWithRoom({ ...base, address: '柳岸路26号', latitude: 30.2769, longitude: 120.2488 })).toEqual([]);
    expect(problemsWithRoom(base)).toEqual([]);
    expect(problemsWithRoom({ ...base, address: '柳岸路26号' })).toEqual([]);
  });

  it('refuses a latitude or longitude off the globe, and one coordinate without the other, in Chinese at its place', () => {
    expect(problemsWithRoom({ ...base, latitude: 91, longitude: 120 })).toEqual([`${at}.latitude: 纬度应在 -90 到 90 之间`]);
    expect(problemsWithRoom({ ...base, latitude: 30, longitude: -181 })).toEqual([`${at}.longitude: 经度应在 -180 到 180 之间`]);
    expect(problemsWithRoom({ ...base, latitude: 30 })).toEqual([`${at}.longitude: 经度和纬度须同时填写或同时不填`]);
  });
});

describe('booking.setRoom', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await demoRuntime();
  });
  afterAll(() => rt.close());

  it("keeps the room's address and coordinates, shows them in booking.rooms, and refuses a bad latitude", async () => {
    const room = { orgId: 'liuan-committee', roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4 };
    const set = await ok(call(rt, 'booking', 'demo-director', 'setRoom', { ...room, address: '柳岸路26号一楼', latitude: 30.28, longitude: 120.25 }, rid()));
    expect(set).toMatchObject({ address: '柳岸路26号一楼', latitude: 30.28, longitude: 120.25 });
    const listed = await ok(call(rt, 'booking', 'demo-resident', 'rooms', { orgId: 'liuan-committee' }));
    expect(listed.rooms[0]).toMatchObject({ address: '柳岸路26号一楼', latitude: 30.28, longitude: 120.25 });
    const bad = await call(rt, 'booking', 'demo-director', 'setRoom', { ...room, latitude: 120.25, longitude: 30.28 }, rid());
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(bad)).toContain('纬度应在 -90 到 90 之间');
  });
});
