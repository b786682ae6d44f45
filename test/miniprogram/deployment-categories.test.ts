// The category buttons follow the deployment (`org.directory`'s `filing.categories`): a county's own category is
// offered and filed, a category it hides is not offered — in the resident's wizard and at the window.
import { FileDisputeInput, RegisterVisitInput } from '../../src/server/case/schemas';
import type { DirectoryView } from '../../miniprogram/services/types';
import { FakeTransport, ok } from './helpers/fake-transport';
import { RenderedComponent, sleep, tap, visibleText } from './helpers/simulate';
import { currentWx } from './helpers/wx-stub';
import { grant, openPage, SHIPPED_FILING_CATEGORIES, withRoles } from './helpers/staff-fixtures';
import { DIRECTORY, stepResult } from './helpers/resident-fixtures';

/** A county that adds 渔业纠纷 (before 其他) and no longer offers 收养. */
const COUNTY: DirectoryView = {
  ...DIRECTORY,
  filing: {
    ...DIRECTORY.filing,
    categories: [
      ...SHIPPED_FILING_CATEGORIES.filter((c) => c.code !== 'other' && c.code !== 'adoption'),
      { code: 'fishery', name: '渔业纠纷', shortName: '渔业', guidance: '渔业生产中发生的纠纷，可以申请调解（《渔业法》）。需要法律咨询可拨打12348。' },
      ...SHIPPED_FILING_CATEGORIES.filter((c) => c.code === 'other'),
    ],
  },
};

describe("the resident's wizard", () => {
  const PAGE = 'pkg-resident/pages/dispute/apply/index';
  const input = (page: RenderedComponent, field: string, value: string) => page.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });

  it("offers the deployment's own category, not the one it hides, and files it", async () => {
    const fake = new FakeTransport().reply('org', 'directory', ok(COUNTY)).reply('case', 'file', ok(stepResult()));
    const page = await openPage(PAGE, fake);
    currentWx().requestSubscribeMessage = jest.fn((o: { success?: () => void }) => o.success?.());
    expect(page.querySelector('#category-fishery')).toBeTruthy();
    expect(visibleText(page)).toContain('渔业');
    expect(page.querySelector('#category-adoption')).toBeFalsy();

    await tap(page, '#category-fishery');
    // The county's own guidance for its own category.
    expect(visibleText(page.querySelector('#guidance')!)).toContain('渔业生产中发生的纠纷，可以申请调解（《渔业法》）');
    await tap(page, '#relations-no');
    await tap(page, '#community-liuan');
    await tap(page, '#next');
    input(page, 'summary', '相邻鱼塘放水，对方的鱼苗跑进了我家塘里');
    input(page, 'wants', '对方赔偿鱼苗损失');
    await tap(page, '#next');
    input(page, 'applicantName', '张三');
    input(page, 'applicantMobile', '13812341234');
    input(page, 'respondentName', '李四');
    await tap(page, '#next');
    await tap(page, '#people-few');
    await tap(page, '#other-side-same');
    await tap(page, '#handled-none');
    await tap(page, '#next');
    await tap(page, '#riskViolence-no');
    await tap(page, '#riskSelfHarm-no');
    await tap(page, '#riskCrowd-no');
    await tap(page, '#next');
    await tap(page, '#next');
    page.instance.onPrivacy({ detail: { value: true } });
    await tap(page, '#share-yes');
    await tap(page, '#submit');
    await sleep();
    const sent = fake.callsTo('case', 'file');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({ category: 'fishery' });
    expect(FileDisputeInput.safeParse(sent[0].data).success).toBe(true);
  });

  it('offers the shipped list until the directory has loaded', async () => {
    const fake = new FakeTransport().reply('org', 'directory', ok(DIRECTORY));
    const page = await openPage(PAGE, fake);
    expect(page.querySelector('#category-fishery')).toBeFalsy();
    expect(page.querySelector('#category-adoption')).toBeTruthy();
  });
});

describe('the window (来访登记)', () => {
  it("offers the deployment's own category, not the one it hides, and registers it", async () => {
    const fake = withRoles(new FakeTransport(), grant('intake', 'donghu-centre'))
      .reply('org', 'directory', ok(COUNTY))
      .reply('case', 'register', ok({ ...stepResult(), caseNo: 'QF-2025-000456' }));
    const page = await openPage('pkg-intake/pages/visit/register/index', fake);
    expect(page.querySelector('#category-fishery')).toBeTruthy();
    expect(visibleText(page)).toContain('渔业');
    expect(page.querySelector('#category-adoption')).toBeFalsy();

    await tap(page, '#source-walk_in');
    await tap(page, '#category-fishery');
    await tap(page, '#relations-no');
    await tap(page, '#community-liuan');
    await tap(page, '#risk-low');
    await tap(page, '#share-yes');
    page.instance.onInput({ currentTarget: { dataset: { field: 'summary' } }, detail: { value: '来访反映相邻鱼塘放水引起鱼苗损失' } });
    page.instance.onInput({ currentTarget: { dataset: { field: 'wants' } }, detail: { value: '要求对方赔偿' } });
    page.instance.onPartyInput({ currentTarget: { dataset: { side: 'applicants', index: 0, field: 'name' } }, detail: { value: '王阿姨' } });
    page.instance.onPartyInput({ currentTarget: { dataset: { side: 'respondents', index: 0, field: 'name' } }, detail: { value: '李四' } });
    page.instance.onConsent({ detail: { value: true } });
    await sleep();
    await tap(page, '#submit');
    await sleep();
    const sent = fake.callsTo('case', 'register');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({ category: 'fishery' });
    expect(RegisterVisitInput.safeParse(sent[0].data).success).toBe(true);
  });
});

describe("the information officer's brewing-dispute report", () => {
  it("offers the deployment's own category, not the one it hides", async () => {
    const fake = withRoles(new FakeTransport(), grant('officer', 'liuan-committee')).reply('org', 'directory', ok(COUNTY));
    const page = await openPage('pkg-officer/pages/brewing/report/index', fake);
    expect(page.querySelector('#category-fishery')).toBeTruthy();
    expect(page.querySelector('#category-adoption')).toBeFalsy();
    await tap(page, '#category-fishery');
    expect(page.instance.data.form.category).toBe('fishery');
  });
});
