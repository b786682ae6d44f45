// Database as code, checked against what the functions really do: a full demo flow through every function
// (filing, triage, invitation, booking, agreement, inbox, staff, data export, every timer) touches only
// collections declared in src/server/database/schema.ts and issues no query its indexes do not cover.
import { demoRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { SCHEMA, CLOSED } from '../../src/server/database/schema';

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await demoRuntime();
});
afterAll(() => rt.close());

const RESIDENT = 'demo-resident';
const RESPONDENT = 'demo-respondent';
const DIRECTOR = 'demo-director';
const MEDIATOR = 'demo-mediator';

/** Every answer, for the check that none was an unexpected failure (a refused query surfaces as INTERNAL). */
const answers: Array<{ step: string; code?: string }> = [];

async function step<T = any>(fn: string, openid: string, action: string, data?: unknown, mutates = false): Promise<T | undefined> {
  const r = await call(rt, fn, openid, action, data, mutates ? rid('schema') : undefined);
  answers.push({ step: `${fn}.${action}`, code: r.ok ? undefined : r.code });
  return r.ok ? (r.data as T) : undefined;
}

async function must<T = any>(fn: string, openid: string, action: string, data?: unknown, mutates = false): Promise<T> {
  const r = await call(rt, fn, openid, action, data, mutates ? rid('schema') : undefined);
  answers.push({ step: `${fn}.${action}`, code: r.ok ? undefined : r.code });
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
  return r.data as T;
}

const WIDE = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

it('a full demo flow touches only declared collections and every query it issues is covered by a declared index', async () => {
  // Staff: a director invites an officer, who joins; the staff list with caseloads.
  await must('org', RESIDENT, 'directory', {});
  const invite = await must('org', DIRECTOR, 'inviteStaff', { orgId: 'liuan-committee', role: 'mediator', note: '新调解员' }, true);
  await must('org', 'schema-new-staff', 'joinStaff', { code: invite.code, name: '王调解员' }, true);

  // A resident files; the committee accepts, assigns, invites; the respondent joins and agrees.
  const filed = await must('case', RESIDENT, 'file', {
    category: 'neighbourhood',
    summary: '楼上邻居装修噪音持续到深夜，多次沟通无果。',
    communityId: 'liuan',
    applicant: { name: '张阿姨', mobile: '13812345678' },
    respondents: [{ name: '李先生', mobile: '13987654321' }],
    consent: { privacy: true, shareWithOtherOrgs: true },
  }, true);
  const caseId = filed.caseId as string;
  await must('case', DIRECTOR, 'queue', {});
  await must('case', DIRECTOR, 'reviewQueue', {});
  await must('case', DIRECTOR, 'accept', { caseId }, true);
  await must('org', DIRECTOR, 'staff', { orgId: 'liuan-committee', caseId });
  await must('case', DIRECTOR, 'assignMediator', { caseId, mediatorId: MEDIATOR }, true);
  const inv = await must('case', MEDIATOR, 'invite', { caseId }, true);
  await must('case', RESPONDENT, 'openInvite', { code: inv.invite.code });
  await must('case', RESPONDENT, 'join', { code: inv.invite.code }, true);
  await must('case', RESPONDENT, 'reply', { caseId, reply: 'agree' }, true);
  await must('case', MEDIATOR, 'assigned', {});
  await must('case', RESIDENT, 'mine', { open: true });
  await must('case', DIRECTOR, 'overdue', { orgId: 'liuan-committee' });
  await must('case', DIRECTOR, 'audit', { caseId });

  // Booking: room and hours, slots, a booking both parties confirm, the session recorded.
  await must('booking', DIRECTOR, 'setRoom', { orgId: 'liuan-committee', roomId: 'liuan-room-1', name: '柳岸和事佬调解室', capacity: 4, hours: WIDE }, true);
  await must('booking', DIRECTOR, 'setAvailability', { mediatorId: MEDIATOR, weekly: WIDE }, true);
  await must('booking', RESIDENT, 'rooms', { orgId: 'liuan-committee' });
  const slots = await must('booking', RESIDENT, 'slots', { caseId, mode: 'on_site', days: 14 });
  const slot = slots.slots[0];
  const booked = await must('booking', RESIDENT, 'book', { caseId, startAt: slot.startAt, mode: 'on_site', roomId: slot.rooms[0].roomId }, true);
  const bookingId = booked.bookingId ?? booked.booking?.bookingId;
  await step('booking', RESPONDENT, 'confirm', { caseId, bookingId }, true);
  await must('booking', RESIDENT, 'bookings', { caseId });
  await step('booking', MEDIATOR, 'record', { caseId, kind: 'investigation', attendeePartyIds: ['p1'], summary: '了解了双方的情况。' }, true);

  // Agreement (its rules may refuse a step in this order; what matters here is what the function reads).
  await step('agreement', MEDIATOR, 'template', { caseId });
  await step('agreement', RESIDENT, 'get', { caseId });
  await must('agreement', MEDIATOR, 'oral', { caseId, content: { terms: ['楼上晚上十点后停止施工'], performance: [] }, partiesChoseOral: true, statedByPartyIds: ['p1', 'p2'] }, true);

  // Timers: deadlines, relay (subscribe messages and inbox), expiry.
  for (const trigger of ['deadlines', 'relay', 'expiry']) {
    const r = (await rt.fireTimer('timer', trigger)).result as { ok: boolean; code?: string };
    answers.push({ step: `timer.${trigger}`, code: r.ok ? undefined : r.code });
  }
  const later = new Date(Date.now() + 30 * 86_400_000);
  for (const trigger of ['deadlines', 'relay', 'expiry']) {
    const r = (await rt.fireTimer('timer', trigger, later)).result as { ok: boolean; code?: string };
    answers.push({ step: `timer.${trigger}`, code: r.ok ? undefined : r.code });
  }

  // The resident's own data: inbox, preferences, export, deletion request.
  await must('user', RESIDENT, 'me', {});
  await must('user', RESIDENT, 'inbox', {});
  await must('user', RESIDENT, 'markRead', { all: true }, true);
  await must('user', RESIDENT, 'setPreferences', { largeText: true }, true);
  await must('user', RESIDENT, 'exportData', {});
  await step('user', RESPONDENT, 'requestDeletion', { reason: '不再使用' }, true);
  await step('case', MEDIATOR, 'withdraw', { caseId }, true);
  await must('agreement', MEDIATOR, 'returnVisit', { caseId, result: 'performed', notes: '双方遵守约定，已无噪音。' }, true);
  await step('case', RESIDENT, 'withdraw', { caseId, reason: '已自行和解' }, true);
  await must('case', RESIDENT, 'mine', { open: false });

  expect(answers.filter((a) => a.code === 'INTERNAL')).toEqual([]);
  expect(rt.db.uncoveredQueries).toEqual([]);

  const declared = new Set(SCHEMA.map((c) => c.name));
  const touched = Object.keys(rt.db.requestsByCollection).sort();
  expect(touched.filter((c) => !declared.has(c))).toEqual([]);
  // The flow really went through the store: the core collections were all read or written.
  expect(touched).toEqual(expect.arrayContaining(['cases', 'audit', 'outbox', 'inbox', 'users', 'orgs', 'communities', 'invites', 'staff_invites', 'rooms', 'availability', 'slot_claims', 'deletion_requests']));
  expect(rt.db.collectionNames().filter((c) => !declared.has(c))).toEqual([]);
});

it('every declared collection is closed to the client and has sane, uniquely named indexes', () => {
  const names = SCHEMA.map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
  for (const c of SCHEMA) {
    expect(c.name).toMatch(/^[a-z][a-z0-9_]*$/);
    // Nothing is read by the mini-program directly: everything goes through a cloud function.
    expect(c.rule).toEqual(CLOSED);
    const indexNames = c.indexes.map((i) => i.name);
    expect(new Set(indexNames).size).toBe(indexNames.length);
    for (const i of c.indexes) {
      expect(i.name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
      expect(i.name).not.toBe('_id_');
      expect(Object.keys(i.keys).length).toBeGreaterThan(0);
      for (const d of Object.values(i.keys)) expect([1, -1]).toContain(d);
    }
  }
});
