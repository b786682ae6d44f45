import { currentWx } from '../helpers/wx-stub';
import { loadPage, tap, visibleText } from '../helpers/simulate';

describe('home page', () => {
  it('explains mediation in plain words: free, voluntary, court and arbitration stay open', () => {
    const page = loadPage('pages/home/index/index');
    const text = visibleText(page);
    expect(text).toContain('免费');
    expect(text).toContain('自愿');
    expect(text).toContain('不影响诉讼/仲裁权利');
    expect(text).toContain('我要调解');
    expect(text).toContain('我的案件');
    expect(text).toMatch(/报警\s*110/);
    expect(text).toMatch(/急救\s*120/);
  });

  it('我要调解 opens the application page in the resident package', async () => {
    const page = loadPage('pages/home/index/index');
    await tap(page, '#apply');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pkg-resident/pages/dispute/apply/index' }),
    );
  });

  it('someone invited as the other party finds the invitation page from home', async () => {
    const page = loadPage('pages/home/index/index');
    await tap(page, '#invited');
    expect(currentWx().navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pkg-respondent/pages/invite/respond/index' }));
  });

  it('我的案件 switches to the my-cases tab', async () => {
    const page = loadPage('pages/home/index/index');
    await tap(page, '#my-cases');
    expect(currentWx().switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/cases/index/index' }));
  });

  it('the emergency buttons dial 110 and 120', async () => {
    const page = loadPage('pages/home/index/index');
    await tap(page, '#call-110');
    await tap(page, '#call-120');
    const dialled = currentWx().makePhoneCall.mock.calls.map(([o]) => o.phoneNumber);
    expect(dialled).toEqual(['110', '120']);
  });
});
