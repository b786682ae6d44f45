// CloudBase answers at most 1,000 documents per read, and a deployment has thousands of communities: the
// directory is read page by page, so a resident can file in any of them.
import { freshRuntime, call, rid } from '../helpers/runtime';
import type { LocalRuntime } from '../../src/local/runtime';
import { applyDeployment, type Deployment } from '../../src/server/setup/deployment';
import { getCloud } from '../../src/server/kernel/platform';
import { demoDeployment } from '../../src/local/seed';

const EXTRA = 1_100;

let rt: LocalRuntime;
beforeAll(async () => {
  rt = freshRuntime();
  const extra = Array.from({ length: EXTRA }, (_, i) => ({ id: `c-${String(i + 1).padStart(4, '0')}`, name: `第${i + 1}社区`, streetOrgId: 'donghu-centre' }));
  const deployment: Deployment = {
    ...demoDeployment,
    communities: [...demoDeployment.communities, ...extra],
    orgs: demoDeployment.orgs.map((o) => (o.id === 'donghu-centre' ? { ...o, communityIds: [...o.communityIds, ...extra.map((c) => c.id)] } : o)),
  };
  await applyDeployment(getCloud().database() as never, deployment, new Date());
}, 60_000);
afterAll(() => rt.close());

describe('a deployment with more than 1,000 communities', () => {
  it('holds them all', () => {
    expect(rt.db.dump('communities').length).toBe(demoDeployment.communities.length + EXTRA);
  });

  it('a resident files a case in the 1,001st community (past one read of the directory), and its street centre holds it', async () => {
    const r = await call(rt, 'case', 'paging-resident', 'file', {
      category: 'neighbourhood',
      summary: '楼上装修噪音持续到深夜，多次沟通无果',
      communityId: 'c-1001',
      applicant: { name: '周一', mobile: '13800001111' },
      respondents: [{ name: '吴二' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid());
    expect(r).toMatchObject({ ok: true });
    const doc = rt.db.dump('cases').find((d: any) => d._id === (r as any).data.caseId) as any;
    expect(doc.responsibleOrgId).toBe('donghu-centre');
  });

  it('the local database, like CloudBase, answers at most 1,000 documents per read and 100 without limit()', async () => {
    const db = getCloud().database() as any;
    expect((await db.collection('communities').limit(5000).get()).data).toHaveLength(1000);
    expect((await db.collection('communities').get()).data).toHaveLength(100);
  });
});
