// A fresh in-memory local runtime per test file, running the built function bundles.
import { LocalRuntime } from '../../src/local/runtime';
import { seedDemo } from '../../src/local/seed';
import { newPiiKey } from '../../src/server/kernel/pii';
import { newAuditKey } from '../../src/server/kernel/audit-chain';

// Personal data and the audit chains need keys, as in any deployment (never fixed ones in the repository).
process.env.PII_KEY ??= newPiiKey();
process.env.AUDIT_KEY ??= newAuditKey();
// Tests file many cases from one account to set up their scenes; the filing limits themselves, at their real
// values, are proven in test/server/rate-limits.test.ts.
process.env.FILING_LIMITS ??= JSON.stringify({ perAccountPerHour: 100000, perAccountPerDay: 100000, urgentPerAccountPerDay: 100000, urgentPerOrgPerHour: 100000 });

let current: LocalRuntime | undefined;

export function freshRuntime(): LocalRuntime {
  current?.close();
  current = new LocalRuntime();
  return current;
}

export async function call<T = any>(rt: LocalRuntime, fn: string, openid: string, action: string, data?: unknown, requestId?: string) {
  const inv = await rt.invoke<any>(fn, { action, ...(data !== undefined ? { data } : {}), ...(requestId ? { requestId } : {}) }, { openid });
  return inv.result as { ok: true; data: T } | { ok: false; code: string; message: string; fields?: Record<string, string> };
}

let counter = 0;
export function rid(prefix = 'req'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A fresh runtime with the demo deployment (organisations, staff) loaded. */
export async function demoRuntime(): Promise<LocalRuntime> {
  const rt = freshRuntime();
  await seedDemo(rt, new Date('2026-11-20T01:00:00Z'));
  return rt;
}

/** The data of a successful call; a refusal fails the test with its code and message. */
export async function ok<T = any>(p: Promise<any>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.code}: ${r.message} ${JSON.stringify(r.fields ?? {})}`);
  return r.data as T;
}

/**
 * Runs the timer's archive numbering (卷宗号, src/server/cases/archive.ts) as a tick would, once the cases closed
 * before now have settled: call it after closing cases and before reading their archive numbers.
 */
export async function numberArchives(rt: LocalRuntime, at: Date = new Date(Date.now() + 2 * 60_000)): Promise<{ numbered: number; more: boolean }> {
  const inv = (await rt.fireTimer('timer', 'archives', at)).result as { ok: boolean; data?: { numbered: number; more: boolean }; message?: string };
  if (!inv.ok) throw new Error(`archive numbering failed: ${inv.message}`);
  return inv.data!;
}

/**
 * Runs the timer's figures roll-up until no case waits (report.figures and report.overview answer from counters
 * the timer keeps, src/server/report/figure-counters.ts): call it after the steps and before reading figures.
 */
export async function rollUp(rt: LocalRuntime, at: Date = new Date()): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    const inv = (await rt.fireTimer('timer', 'figures', at)).result as { ok: boolean; data?: { cases: number; retried: number }; message?: string };
    if (!inv.ok) throw new Error(`figures roll-up failed: ${inv.message}`);
    if (inv.data!.cases + inv.data!.retried < 200) return;
  }
}

/**
 * A case filed in 柳岸 by the demo resident, accepted and given to the demo mediator, its respondent (the account
 * `${responder}-${i}`) joined by invitation and agreed to mediation: ready to book a session.
 */
export async function mediatingCase(rt: LocalRuntime, i: number, responder = 'resp'): Promise<string> {
  const { caseId } = await ok<{ caseId: string }>(
    call(rt, 'case', 'demo-resident', 'file', {
      category: 'neighbourhood',
      summary: `第${i}号纠纷：邻里之间因停车位发生争执。`,
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: `邻居${i}` }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  await ok(call(rt, 'case', 'demo-director', 'accept', { caseId }, rid()));
  await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId, mediatorId: 'demo-mediator' }, rid()));
  const inv = await ok(call(rt, 'case', 'demo-mediator', 'invite', { caseId }, rid()));
  await ok(call(rt, 'case', `${responder}-${i}`, 'join', { code: inv.invite.code }, rid()));
  await ok(call(rt, 'case', `${responder}-${i}`, 'reply', { caseId, reply: 'agree' }, rid()));
  return caseId;
}
