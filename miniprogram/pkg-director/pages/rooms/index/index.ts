// 调解室与开放时间 (director): the committee's mediation rooms — name, how many people fit, opening hours each week
// and dated exceptions (closed for repairs, open on an extra evening) — and whether each is in use. On-site sessions
// are booked only in a room open at that time. Where the room is — its address and its map point (latitude and
// longitude, as WeChat's map gives them) — is what parties see on their appointment card, with 导航 when both are set. A room is added or changed in one form; a room no longer used is
// closed (停用), not deleted, so the bookings made in it keep their place. Reads `booking.rooms`; writes
// `booking.setRoom`.
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { bookingApi, messageFor } from '../../../../services/index';
import type { RoomView } from '../../../../services/types';
import { exceptionText, weeklySummary, type HoursException, type WeeklyWindow } from '../../../../utils/hours';
import { chinaDate } from '../../../../utils/format';

interface RoomRow {
  roomId: string;
  name: string;
  capacity: number;
  active: boolean;
  address: string;
  /** Parties get 导航 only when the room has a map point. */
  hasMap: boolean;
  hours: string[];
  exceptions: string[];
}

interface RoomForm {
  /** '' for a new room. */
  roomId: string;
  name: string;
  capacity: string;
  address: string;
  latitude: string;
  longitude: string;
  weekly: WeeklyWindow[];
  exceptions: HoursException[];
  active: boolean;
}

/** A new room opens on weekdays, mornings and afternoons, until the director says otherwise. */
const OFFICE_HOURS: WeeklyWindow[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '12:00' },
  { weekday, start: '14:00', end: '17:30' },
]);

function toRow(r: RoomView): RoomRow {
  return { roomId: r.roomId, name: r.name, capacity: r.capacity, active: r.active, address: r.address ?? '', hasMap: typeof r.latitude === 'number' && typeof r.longitude === 'number', hours: weeklySummary(r.hours), exceptions: r.exceptions.map(exceptionText) };
}

definePage({
  role: { roles: ['director'], name: STAFF_ROLE_LABEL.director },
  data: {
    orgId: '',
    rooms: [] as RoomView[],
    rows: [] as RoomRow[],
    /** The room being added or changed; null shows the list. */
    form: null as RoomForm | null,
    today: '',
  },
  async load(grant) {
    this.setData({ orgId: grant.orgId, today: chinaDate(Date.now()) });
    const data = await this.runLoad(() => bookingApi.rooms({ orgId: grant.orgId }), { isEmpty: (d) => d.rooms.length === 0 });
    if (data) this.setData({ rooms: data.rooms, rows: data.rooms.map(toRow), form: null });
  },
  methods: {
    onAdd() {
      this.setData({ form: { roomId: '', name: '', capacity: '6', address: '', latitude: '', longitude: '', weekly: OFFICE_HOURS, exceptions: [], active: true }, errors: {} });
    },
    onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const r = this.data.rooms.find((x) => x.roomId === e.currentTarget.dataset.id);
      if (!r) return;
      this.setData({ form: { roomId: r.roomId, name: r.name, capacity: String(r.capacity), address: r.address ?? '', latitude: r.latitude === undefined ? '' : String(r.latitude), longitude: r.longitude === undefined ? '' : String(r.longitude), weekly: r.hours, exceptions: r.exceptions, active: r.active }, errors: {} });
    },
    onCancel() {
      this.setData({ form: null, errors: {} });
    },
    onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.name': e.detail.value, 'errors.name': '' });
    },
    onCapacity(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.capacity': e.detail.value, 'errors.capacity': '' });
    },
    /** Address, latitude or longitude, by the input's `data-field`. */
    onPlace(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: 'address' | 'latitude' | 'longitude' }>) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
    onHours(e: WechatMiniprogram.CustomEvent<{ weekly: WeeklyWindow[]; exceptions: HoursException[] }>) {
      this.setData({ 'form.weekly': e.detail.weekly, 'form.exceptions': e.detail.exceptions, 'errors.hours': '' });
    },
    onActive(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value?: boolean }>) {
      this.setData({ 'form.active': Boolean(e.currentTarget.dataset.value) });
    },
    async onSave() {
      const { form, orgId } = this.data;
      if (!form) return;
      const name = form.name.trim();
      const capacity = Number(form.capacity);
      const errors: Record<string, string> = {};
      if (!name) errors.name = '请填写调解室名称';
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > 200) errors.capacity = '请填写 1 至 200 之间的人数';
      const lat = form.latitude.trim();
      const lng = form.longitude.trim();
      const latitude = Number(lat);
      const longitude = Number(lng);
      if (lat && !(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90)) errors.latitude = '纬度应在 -90 到 90 之间';
      if (lng && !(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180)) errors.longitude = '经度应在 -180 到 180 之间';
      if (Boolean(lat) !== Boolean(lng)) errors[lat ? 'longitude' : 'latitude'] = '经度和纬度须同时填写或同时不填';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      await this.submit(
        bookingApi.setRoom,
        { orgId, ...(form.roomId ? { roomId: form.roomId } : {}), name, capacity, address: form.address.trim(), ...(lat && lng ? { latitude, longitude } : {}), hours: form.weekly, exceptions: form.exceptions, active: form.active },
        {
          done: form.roomId ? '已保存' : '已添加调解室',
          fields: ['name', 'capacity', 'address', 'latitude', 'longitude'],
          onError: (failure) => {
            if (failure.code !== 'INVALID_HOURS' && failure.code !== 'HOURS_OVERLAP') return false;
            this.setData({ errors: { hours: messageFor(failure) } });
            return true;
          },
          reloadOn: ['CONFLICT', 'ROOM_NOT_FOUND'],
        },
      );
    },
  },
});
