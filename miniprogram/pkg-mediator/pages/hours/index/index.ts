// 我的可约时间 (mediator): the weekly hours in which parties may book a session with me, and the days or hours I am
// away (leave, training) or take extra. Bookings already made keep their time; new ones follow what is saved.
// Reads `booking.availability`; writes `booking.setAvailability` (the caller's own hours).
import { STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { bookingApi, messageFor } from '../../../../services/index';
import { weeklySummary, type HoursException, type WeeklyWindow } from '../../../../utils/hours';
import { chinaDate } from '../../../../utils/format';

definePage({
  role: { roles: ['mediator'], name: STAFF_ROLE_LABEL.mediator },
  data: {
    weekly: [] as WeeklyWindow[],
    exceptions: [] as HoursException[],
    summary: [] as string[],
    slotMinutes: 60,
    today: '',
    /** Changed since loaded or saved. */
    dirty: false,
  },
  async load() {
    const data = await this.runLoad(() => bookingApi.availability({}), { isEmpty: () => false });
    if (!data) return;
    this.setData({
      weekly: data.weekly,
      exceptions: data.exceptions,
      summary: weeklySummary(data.weekly),
      slotMinutes: data.slotMinutes,
      today: chinaDate(Date.now()),
      dirty: false,
      errors: {},
    });
  },
  methods: {
    onHours(e: WechatMiniprogram.CustomEvent<{ weekly: WeeklyWindow[]; exceptions: HoursException[] }>) {
      const { weekly, exceptions } = e.detail;
      this.setData({ weekly, exceptions, summary: weeklySummary(weekly), dirty: true, 'errors.hours': '' });
    },
    async onSave() {
      const { weekly, exceptions } = this.data;
      await this.submit(
        bookingApi.setAvailability,
        { weekly, exceptions },
        {
          done: '已保存',
          onError: (failure) => {
            if (failure.code !== 'INVALID_HOURS' && failure.code !== 'HOURS_OVERLAP' && failure.code !== 'VALIDATION_FAILED') return false;
            this.setData({ errors: { hours: messageFor(failure) } });
            return true;
          },
        },
      );
    },
  },
});
