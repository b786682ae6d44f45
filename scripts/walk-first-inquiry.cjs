#!/usr/bin/env node
// A scripted walk over HTTP against a running `npm start`: a resident files a dispute at a community,
// the community transfers it to the street centre, the centre returns it once, the community transfers it
// again and the centre accepts. At every step it prints who holds the case as the resident sees it, and
// fails (exit 1) if that is not who should.
//   node scripts/walk-first-inquiry.cjs [baseUrl]      (default http://127.0.0.1:$PORT or :3000)
const base = process.argv[2] || `http://127.0.0.1:${process.env.PORT || 3000}`;
const run = Math.random().toString(36).slice(2, 10);
let n = 0;

async function call(openid, action, data, mutates) {
  const event = { action, data, ...(mutates ? { requestId: `walk-${run}-${++n}` } : {}) };
  const res = await fetch(`${base}/fn/case`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify(event) });
  const body = await res.json();
  if (!body.ok) throw new Error(`${action} as ${openid}: ${body.code} ${body.message}`);
  return body.data;
}

let failures = 0;
async function step(title, caseId, expected) {
  const v = await call('demo-resident', 'get', { caseId });
  const seen = { status: v.status, holder: v.holder.orgId, pending: v.pendingTransfer ? v.pendingTransfer.toOrgId : undefined };
  const ok = seen.status === expected.status && seen.holder === expected.holder && seen.pending === expected.pending;
  if (!ok) failures++;
  const due = v.next ? `${v.next.label}截止 ${v.next.dueAt}` : '';
  console.log(`${ok ? '✓' : '✗'} ${title}\n    居民看到：${v.statusLabel}，由「${v.holder.name}」负责${v.pendingTransfer ? `，待「${v.pendingTransfer.toOrgName}」接收` : ''}${due ? `；${due}` : ''}`);
  if (!ok) console.log(`    expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}`);
}

(async () => {
  const filed = await call('demo-resident', 'file', {
    category: 'neighbourhood',
    summary: '楼上漏水多次，协商无果。',
    communityId: 'liuan',
    applicant: { name: '张阿姨', mobile: '13812345678' },
    respondents: [{ name: '李先生' }],
    consent: { privacy: true, shareWithOtherOrgs: true },
  }, true);
  console.log(`案件编号 ${filed.caseNo}`);
  const id = filed.caseId;
  await step('1. 居民在柳岸社区提交申请', id, { status: 'registered', holder: 'liuan-committee' });
  await call('demo-director', 'transfer', { caseId: id, toOrgId: 'donghu-centre', reason: '对方住在望江社区', overrideReason: '跨社区纠纷，报街道调处' }, true);
  await step('2. 社区调委会转交东湖街道中心（首问单位仍负责）', id, { status: 'transferring', holder: 'liuan-committee', pending: 'donghu-centre' });
  await call('demo-street-director', 'returnTransfer', { caseId: id, reason: '双方均在柳岸社区居住' }, true);
  await step('3. 街道中心退回', id, { status: 'registered', holder: 'liuan-committee' });
  await call('demo-director', 'transfer', { caseId: id, toOrgId: 'donghu-centre', reason: '补充对方居住证明', overrideReason: '确属跨社区纠纷' }, true);
  await step('4. 社区调委会再次转交', id, { status: 'transferring', holder: 'liuan-committee', pending: 'donghu-centre' });
  await call('demo-street-director', 'acceptTransfer', { caseId: id }, true);
  await step('5. 街道中心接收，责任随之转移', id, { status: 'accepted', holder: 'donghu-centre' });
  console.log(failures ? `${failures} step(s) wrong` : 'walk complete: the resident saw the right holder at every step');
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
