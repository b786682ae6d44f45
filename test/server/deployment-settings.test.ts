// A deployment's own rules and holiday years (the deployment file's `rules` and `holidays`): refused by the loader
// when wrong, with zod's explanation in Chinese; stored in the `settings` document; and followed by the functions
// and the timer instead of the shipped defaults — through the real bundles on the local runtime.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { call, freshRuntime, ok, rid } from '../helpers/runtime';
import { demoDeployment } from '../../src/local/seed';
import { applyDeployment, type Deployment } from '../../src/server/setup/deployment';
import { parseDeploymentFile } from '../../src/server/setup/deployment-file';
import { getCloud } from '../../src/server/kernel/platform';
import { DEFAULT_RULES } from '../../src/domain/config/rules';
import type { LocalRuntime } from '../../src/local/runtime';

const ROOT = path.join(__dirname, '..', '..');
const DAY = 86_400_000;
/** The settings are cached for a minute per warm instance: moving the clock past it makes the next call read them. */
const PAST_THE_CACHE = 61_000;

let rt: LocalRuntime;
afterAll(() => {
  jest.useRealTimers();
  rt?.close();
});

/** Moves only the clock (Date), leaving timers and I/O alone. */
function clockAt(ms: number) {
  jest.useFakeTimers({
    now: ms,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

async function load(over: Partial<Deployment>) {
  await applyDeployment(getCloud().database() as never, { ...demoDeployment, ...over }, new Date());
}

async function fileDebt(amountYuan: number) {
  const filed = await ok(call(rt, 'case', 'demo-resident', 'file', {
    category: 'debt',
    summary: '邻居借款到期未还，多次催要无果。',
    communityId: 'liuan',
    amountYuan,
    applicant: { name: '张阿姨', mobile: '13812345678' },
    respondents: [{ name: '李先生' }],
    consent: { privacy: true, shareWithOtherOrgs: true },
  }, rid()));
  return filed.caseId as string;
}

const caseOf = (caseId: string) => (rt.db.dump('cases').find((d) => d._id === caseId) as any).case;

describe('rules per deployment, through the functions', () => {
  beforeAll(async () => {
    rt = freshRuntime();
    // A deployment that sends disputes from 10,000 yuan to the street centre, and concludes mediation in 20 days.
    await load({ rules: { triage: { largeAmountYuan: 10_000 }, deadlines: { mediation: { amount: 20 } } } });
  });

  it('stores the override as given in the settings document', () => {
    expect(rt.db.dump('settings')).toEqual([expect.objectContaining({ _id: 'deployment', rules: { triage: { largeAmountYuan: 10_000 }, deadlines: { mediation: { amount: 20 } } }, holidays: [] })]);
  });

  it('a lower amount threshold sends a 20,000-yuan dispute to the street centre: the committee must give a reason to keep it', async () => {
    const caseId = await fileDebt(20_000);
    const view = await ok(call(rt, 'case', 'demo-director', 'get', { caseId }));
    expect(view.triage.suggestedOrgId).toBe('donghu-centre');
    expect(DEFAULT_RULES.triage.largeAmountYuan).toBeGreaterThan(20_000); // with the shipped rules it would stay at 柳岸
    expect(await call(rt, 'case', 'demo-director', 'accept', { caseId }, rid())).toMatchObject({ ok: false, code: 'OVERRIDE_REASON_REQUIRED' });
  });

  it("the filing forms follow the deployment too: org.directory gives its paper-only categories and head-count thresholds", async () => {
    await load({ rules: { triage: { largeAmountYuan: 10_000, streetPeopleMin: 3, groupPeopleMin: 6 }, deadlines: { mediation: { amount: 20 } } } });
    clockAt(Date.now() + PAST_THE_CACHE);
    const dir = await ok(call(rt, 'org', 'demo-resident', 'directory', {}));
    expect(dir.filing).toMatchObject({ paperOnlyCategories: DEFAULT_RULES.paperOnlyCategories, peopleThresholds: { street: 3, group: 6 } });
    jest.useRealTimers();
  });

  it('a shorter mediation limit: accepted today, due in 20 days, and the timer reports it overdue after that', async () => {
    const caseId = await fileDebt(3_000);
    await ok(call(rt, 'case', 'demo-director', 'accept', { caseId }, rid()));
    const c = caseOf(caseId);
    const days = Math.floor((Date.parse(c.mediationDueAt) - Date.parse(c.acceptedAt)) / DAY);
    expect(days).toBe(20);
    await ok(call(rt, 'case', 'demo-director', 'assignMediator', { caseId, mediatorId: 'demo-mediator' }, rid()));
    await rt.fireTimer('timer', 'deadlines', new Date(Date.parse(c.mediationDueAt) + 3_600_000));
    expect(caseOf(caseId).missedDeadlines.map((m: any) => m.kind)).toContain('mediation');
  });

  it('loading the file again without rules puts the deployment back on the shipped defaults', async () => {
    await load({});
    expect(rt.db.dump('settings')).toEqual([expect.objectContaining({ rules: null, holidays: [] })]);
    clockAt(Date.now() + PAST_THE_CACHE);
    const caseId = await fileDebt(20_000);
    expect((await ok(call(rt, 'case', 'demo-director', 'get', { caseId }))).triage.suggestedOrgId).toBe('liuan-committee');
    await ok(call(rt, 'case', 'demo-director', 'accept', { caseId }, rid()));
    const c = caseOf(caseId);
    expect(Math.floor((Date.parse(c.mediationDueAt) - Date.parse(c.acceptedAt)) / DAY)).toBe(DEFAULT_RULES.deadlines.mediation.amount);
    jest.useRealTimers();
  });
});

describe('holiday years per deployment, through the functions', () => {
  it("a loaded year replaces the shipped one: the days it gives off move a working-day deadline", async () => {
    // The year's notice as a deployment loads it: the shipped statutory days plus two days a locality gives off.
    const { HOLIDAYS_2027_STATUTORY } = await import('../../src/domain/calendar/holidays');
    const notice = {
      year: 2027,
      source: '2027年放假安排（测试）',
      holidays: [...HOLIDAYS_2027_STATUTORY.holidays, { name: '地方安排', from: '2027-03-11', to: '2027-03-12' }],
      makeUpWorkdays: [],
    };
    await load({ holidays: [notice] });
    expect(rt.db.dump('settings')).toEqual([expect.objectContaining({ holidays: [notice] })]);
    // Wednesday 2027-03-10, 10:00 China time: triage is due within one working day.
    clockAt(Date.parse('2027-03-10T10:00:00+08:00'));
    const filed = await ok(call(rt, 'case', 'demo-resident', 'file', {
      category: 'neighbourhood',
      summary: '楼上邻居深夜装修，噪音很大。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()));
    // Thursday and Friday are off in this deployment: due at the end of Monday 03-15 (the shipped calendar: Thursday).
    expect(filed.next).toEqual({ label: expect.any(String), dueAt: new Date('2027-03-15T23:59:59.999+08:00').toISOString() });
    jest.useRealTimers();
  });
});

describe('categories a deployment reserves for another authority', () => {
  it('a category the deployment reserves for another authority is suggested for referral with the reason in words (REFER_RESERVED)', async () => {
    // Labour disputes reserved for labour arbitration here (the other tests file debts, which stay as they were).
    await load({ rules: { triage: { largeAmountYuan: 10_000, reservedCategories: [{ category: 'labour', authority: 'labour_arbitration' }] }, deadlines: { mediation: { amount: 20 } } } });
    // A time well past anything cached by the tests above.
    clockAt(Date.parse('2028-03-01T10:00:00+08:00'));
    const filed = await ok(call(rt, 'case', 'demo-resident', 'file', {
      category: 'labour',
      summary: '在装修公司做工三个月，老板拖欠工资。',
      communityId: 'liuan',
      applicant: { name: '何春生', mobile: '13606711234' },
      respondents: [{ kind: 'organisation', name: '某装饰公司', representative: '周经理' }],
      consent: { privacy: true, shareWithOtherOrgs: true },
    }, rid()));
    const view = await ok(call(rt, 'case', 'demo-director', 'get', { caseId: filed.caseId }));
    expect(view.triage.reasons.join('')).toMatch(/依法由.*仲裁.*处理，应告知当事人向其申请/);
    jest.useRealTimers();
  });
});

describe('the loader refuses settings that do not hold, in Chinese', () => {
  const demoFile = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'local', 'demo-deployment.json'), 'utf8'));

  it('an invalid rules block or holiday year: one line per problem, at its place, with zod explaining in Chinese', () => {
    const file = { ...demoFile(), rules: { triage: { groupPeopleMin: 3 }, deadlines: { mediation: { amount: -5 } } }, holidays: [{ year: 2027, source: '通知', holidays: [{ name: '春节', from: '2027-02-05' }], makeUpWorkdays: [] }] };
    const r = parseDeploymentFile(JSON.stringify(file));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'rules.triage: 群体性纠纷人数门槛必须大于街道受理人数门槛',
      expect.stringMatching(/^rules\.deadlines\.mediation\.amount: 数值过小/),
      expect.stringMatching(/^holidays\.0\.holidays\.0\.to: 无效输入/),
    ]);
  });

  it('deployment:load says so before any network, and --dry-run shows the settings and flags provisional holiday years', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-settings-'));
    const run = (file: string, args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'load-deployment.cjs'), '--file', file, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    try {
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ ...demoFile(), rules: { triage: { largeAmountYuan: '五万' } } }));
      const refused = run(bad, ['--env', 'prod-123']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`${bad} is not a valid deployment:`);
      expect(refused.stderr).toMatch(/ {2}- rules\.triage\.largeAmountYuan: 无效输入：期望 \S+，实际接收 string/);

      const good = path.join(dir, 'good.json');
      fs.writeFileSync(good, JSON.stringify({ ...demoFile(), rules: { deadlines: { mediation: { amount: 20 } } } }));
      const dry = run(good, ['--dry-run']);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain('settings: rules override deadlines.mediation.amount (the rest as shipped)');
      expect(dry.stdout).toContain('categories: as shipped (17 offered for filing)');
      expect(dry.stdout).toContain('holidays: 2026, 2027 (provisional)');
      expect(dry.stdout).toContain('warning: holidays of 2027 are provisional');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
