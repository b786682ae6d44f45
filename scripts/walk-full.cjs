#!/usr/bin/env node
// One dispute from filing to closed, over HTTP against a running `npm start`: filed at a community
// committee, transferred to the street centre and accepted there, a mediator assigned, the respondent
// invited and agreeing, a session booked, confirmed and held, the agreement drafted, confirmed by both
// parties, signed and sealed, performed, the return visit recorded, the case closed. The timer is fired over
// HTTP where time matters (session reminder the day before, performance reminder before the due date), the
// subscribe messages and the inbox are shown, and the case's audit chain is printed and verified.
// Exits 1 at the first step that fails or if the chain does not verify.
//   node scripts/walk-full.cjs [baseUrl]      (default http://127.0.0.1:$PORT or :3000)
const base = process.argv[2] || `http://127.0.0.1:${process.env.PORT || 3000}`;
const run = Math.random().toString(36).slice(2, 10);
let n = 0;

const RESIDENT = 'demo-resident';
const RESPONDENT = 'demo-respondent';
const COMMUNITY = 'demo-director';
const STREET = 'demo-street-director';
const MEDIATOR = 'demo-street-mediator';
const SUPERVISOR = 'demo-supervisor';

async function call(fn, openid, action, data, mutates) {
  const event = { action, data, ...(mutates ? { requestId: `walk-${run}-${++n}` } : {}) };
  const res = await fetch(`${base}/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify(event) });
  const body = await res.json();
  if (!body.ok) throw new Error(`${fn}.${action} as ${openid}: ${body.code} ${body.message} ${JSON.stringify(body.fields || {})}`);
  return body.data;
}
const act = (fn, openid, action, data) => call(fn, openid, action, data, true);
const read = (fn, openid, action, data) => call(fn, openid, action, data, false);

// The timer function's one trigger, `tick`, as of `at`: on a quarter hour it sweeps deadlines (then relays),
// at other minutes it relays. Answers the relay's result.
async function timer(at) {
  const res = await fetch(`${base}/timer/timer/tick${at ? `?at=${encodeURIComponent(at)}` : ''}`, { method: 'POST' });
  const body = await res.json();
  if (!body.ok || !body.data.ok) throw new Error(`timer tick: ${JSON.stringify(body)}`);
  const ran = body.data.data;
  return ran.relay || ran.deadlines.relay;
}

let seenMessages = 0;
async function newMessages(caseNo) {
  const body = await (await fetch(`${base}/local/messages`)).json();
  const all = body.data || [];
  // Each kind of notice has its own template and keywords; the case number sits in its character_string keyword.
  const fresh = all.slice(seenMessages).filter((m) => Object.entries(m.data).some(([k, v]) => k.startsWith('character_string') && v.value === caseNo));
  seenMessages = all.length;
  return fresh;
}

let caseId;
let caseNo;
async function step(title, expectStatus, fn) {
  const detail = fn ? await fn() : '';
  const v = await read('case', RESIDENT, 'get', { caseId });
  if (v.status !== expectStatus) throw new Error(`${title}: status ${v.status}, expected ${expectStatus}`);
  console.log(`✓ ${title}\n    居民看到：${v.statusLabel}，由「${v.holder.name}」负责${detail ? `；${detail}` : ''}`);
}

async function showMessages(label) {
  const msgs = await newMessages(caseNo);
  if (msgs.length) console.log(`    ✉ ${label}（定时任务发出的订阅消息）：`);
  for (const m of msgs) console.log(`      ${m.touser} ← ${Object.entries(m.data).filter(([k]) => !k.startsWith('character_string')).map(([, v]) => v.value).join(' · ')}`);
  return msgs;
}

const chinaDate = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

(async () => {
  const filed = await act('case', RESIDENT, 'file', {
    category: 'neighbourhood',
    summary: '楼上邻居家卫生间漏水，导致我家吊顶受损，协商赔偿未果。',
    wants: '希望对方赔偿维修费用',
    communityId: 'liuan',
    applicant: { name: '张阿姨', mobile: '13812345678' },
    respondents: [{ name: '李先生', communityId: 'wangjiang' }],
    consent: { privacy: true, shareWithOtherOrgs: true },
  });
  caseId = filed.caseId;
  caseNo = filed.caseNo;
  console.log(`案件编号 ${caseNo}`);
  await step('1. 居民在柳岸社区提交申请', 'registered');

  await step('2. 社区调委会分流：转交东湖街道中心', 'transferring', async () => {
    await act('case', COMMUNITY, 'transfer', { caseId, toOrgId: 'donghu-centre', reason: '对方住在望江社区', overrideReason: '跨社区纠纷，报街道调处' });
    const relay = await timer();
    await showMessages('转办后');
    return `定时任务发送 ${relay.sent} 条订阅消息`;
  });

  await step('3. 街道中心接收并指派调解员', 'accepted', async () => {
    await act('case', STREET, 'acceptTransfer', { caseId });
    await act('case', STREET, 'assignMediator', { caseId, mediatorId: MEDIATOR });
    return '调解员已指派';
  });

  await step('4. 邀请被申请人，对方同意调解', 'in_mediation', async () => {
    const inv = await act('case', MEDIATOR, 'invite', { caseId });
    await act('case', RESPONDENT, 'join', { code: inv.invite.code });
    await act('case', RESPONDENT, 'reply', { caseId, reply: 'agree' });
    return '被申请人已同意';
  });

  let sessionAt;
  let bookingId;
  await step('5. 申请人预约调解时间，被申请人确认', 'scheduled', async () => {
    const slots = await read('booking', RESIDENT, 'slots', { caseId, mode: 'online', days: 28 });
    if (!slots.slots.length) throw new Error('no free slot in four weeks');
    const slot = slots.slots[0];
    const booked = await act('booking', RESIDENT, 'book', { caseId, startAt: slot.startAt, mode: 'online' });
    await act('booking', RESPONDENT, 'confirm', { caseId, bookingId: booked.booking.bookingId });
    sessionAt = slot.startAt;
    bookingId = booked.booking.bookingId;
    return `调解时间 ${slot.label}`;
  });

  const dayBefore = new Date(Date.parse(sessionAt) - 12 * 3600_000).toISOString();
  console.log(`  ⏱ 定时任务在调解前一天运行（${dayBefore}）`);
  await timer(dayBefore);
  const reminders = await showMessages('调解前一天');
  if (!reminders.some((m) => m.touser === RESIDENT) || !reminders.some((m) => m.touser === RESPONDENT)) throw new Error('no session reminder for both parties');

  await step('6. 调解员记录调解', 'scheduled', async () => {
    await act('booking', MEDIATOR, 'record', {
      caseId,
      bookingId,
      kind: 'session',
      mode: 'online',
      attendeePartyIds: ['p1', 'p2'],
      summary: '双方陈述意见，被申请人承认漏水并同意赔偿维修费。',
    });
    return '调解笔录已记录';
  }).catch(async (e) => {
    // Some builds move the case to in_mediation once a session is recorded.
    const v = await read('case', RESIDENT, 'get', { caseId });
    if (v.status !== 'in_mediation') throw e;
    console.log(`✓ 6. 调解员记录调解\n    居民看到：${v.statusLabel}`);
  });

  const due = chinaDate(Date.now() + 10 * 86_400_000);
  let hash;
  await step('7. 调解员起草调解协议', 'agreement_pending', async () => {
    const drafted = await act('agreement', MEDIATOR, 'draft', {
      caseId,
      content: {
        parties: [
          { partyId: 'p1', role: 'applicant', kind: 'person', name: '张阿姨', idType: 'resident_id', idNumber: '11010519491231002X', address: '柳岸社区3栋201' },
          { partyId: 'p2', role: 'respondent', kind: 'person', name: '李先生', idType: 'resident_id', idNumber: '32010619851203041X', address: '望江社区5栋301' },
        ],
        facts: '被申请人家卫生间漏水，致申请人家吊顶受损。',
        disputedMatters: '维修费用的承担。',
        responsibilities: '被申请人对漏水负全部责任。',
        terms: ['被申请人赔偿申请人维修费3000元。'],
        performance: [
          { itemId: 'i1', obligorPartyId: 'p2', obligeePartyId: 'p1', description: '支付维修费', amountYuan: 3000, method: '微信转账', place: '东湖街道调解中心', dueDate: due },
        ],
      },
    });
    hash = drafted.agreement.hash;
    return `协议版本 ${hash.slice(0, 12)}…`;
  });

  await step('8. 双方确认，调解员签名，调委会盖章，协议生效', 'performing', async () => {
    await act('agreement', RESIDENT, 'confirm', { caseId, hash });
    await act('agreement', RESPONDENT, 'confirm', { caseId, hash });
    await act('agreement', MEDIATOR, 'sign', { caseId, hash });
    await act('agreement', STREET, 'seal', { caseId, hash });
    return `履行期限 ${due}`;
  });

  const beforeDue = new Date(Date.parse(`${due}T00:00:00+08:00`) - 86_400_000).toISOString();
  console.log(`  ⏱ 定时任务在履行期限前运行（${beforeDue}）`);
  await timer(beforeDue);
  const perf = await showMessages('履行期限前');
  if (!perf.some((m) => m.touser === RESPONDENT)) throw new Error('no performance reminder for the obligor');

  await step('9. 申请人确认对方已履行', 'performing', async () => {
    await act('agreement', RESIDENT, 'markDone', { caseId, itemId: 'i1' });
    return '履行完毕，待回访';
  });

  await step('10. 回访并结案', 'closed', async () => {
    await act('agreement', MEDIATOR, 'returnVisit', { caseId, result: 'performed', satisfaction: 5, notes: '双方对结果满意，关系缓和。' });
    const v = await read('case', RESIDENT, 'get', { caseId });
    if (v.status !== 'closed') await act('agreement', STREET, 'close', { caseId, outcome: 'resolved', reason: '协议履行完毕，回访满意' });
    return '调解成功';
  });

  await timer();
  await showMessages('结案后');
  const inbox = await read('user', RESIDENT, 'inbox', { pageSize: 50 });
  const mine = inbox.items.filter((i) => i.caseNo === caseNo);
  console.log(`\n居民的消息（${mine.length} 条，未读 ${inbox.unread}）：`);
  for (const i of mine.slice().reverse()) console.log(`  · ${i.title}：${i.message}`);

  const chain = await read('case', SUPERVISOR, 'audit', { caseId });
  console.log(`\n审计链（${chain.entries.length} 条，${chain.verified ? '校验通过' : `校验失败：${chain.problem}`}）：`);
  for (const e of chain.entries) console.log(`  ${String(e.seq).padStart(3)} ${e.at} ${e.type.padEnd(24)} ${e.actor}${e.actorOrgId ? `@${e.actorOrgId}` : ''} ${e.hash.slice(0, 12)}`);
  if (!chain.verified) throw new Error('audit chain does not verify');
  console.log('walk complete: filed to closed, the audit chain verifies');
  process.exit(0);
})().catch((e) => {
  console.error(`✗ ${e.message}`);
  process.exit(1);
});
