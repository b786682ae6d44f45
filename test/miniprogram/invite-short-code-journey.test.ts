/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// A respondent who cannot open a link: the mediator invites them from the case page and reads the 8-digit code
// out over the phone; the respondent types it into the boxes of the invitation page and agrees. And the
// mini-program code staff print or show opens that page with the code as its scene. Through the pages, against
// the built functions on the local runtime with the demo deployment. Run `npm run build` first.
import { acceptAndAssign, call, ok, openAs, pageBackend, rid, until, type Runtime, type RuntimeTransport } from './helpers/backend';
import { currentWx } from './helpers/wx-stub';
import { sleep, tap, visibleText } from './helpers/simulate';

jest.setTimeout(90_000);

let rt: Runtime;
let transport: RuntimeTransport;
beforeAll(async () => {
  ({ rt, transport } = await pageBackend());
});
afterAll(() => rt.close());

it('the mediator invites from the case page; the respondent types the short code into the boxes and agrees', async () => {
  const filed = await ok(
    call<{ caseId: string }>(rt, 'case', 'short-journey-applicant', 'file', {
      category: 'neighbourhood',
      summary: '楼上卫生间漏水，导致我家吊顶受损。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  const caseId = filed.caseId;
  await acceptAndAssign(rt, caseId);

  const staffPage = await openAs(transport, 'demo-mediator', 'pkg-mediator/pages/case/detail/index', { id: caseId });
  await tap(staffPage, '#invite');
  await until(() => Boolean(staffPage.instance.data.invite), 'the invitation');
  const spoken = visibleText(staffPage.querySelector('#short-code')!);
  expect(spoken).toMatch(/^\d{4} \d{4}$/);

  // What the respondent hears on the phone, typed a digit at a time.
  const invitation = await openAs(transport, 'short-journey-respondent', 'pkg-respondent/pages/invite/respond/index');
  const digits = spoken.replace(' ', '');
  for (let i = 1; i <= 8; i++) {
    invitation.querySelector('#digits-input')!.dispatchEvent('input', { detail: { value: digits.slice(0, i) } });
    await sleep();
  }
  await until(() => Boolean(invitation.instance.data.preview), 'the invitation to open');
  expect(visibleText(invitation.querySelector('#invite')!)).toContain('张** 申请人民调解');
  expect(visibleText(invitation.querySelector('#invite')!)).toContain('等待答复是否同意调解');

  currentWx().requestSubscribeMessage = jest.fn((o: { success?: () => void }) => o.success?.());
  await tap(invitation, '#reply-agree');
  await until(() => currentWx().redirectTo.mock.calls.length > 0, 'the answer');
  expect(currentWx().redirectTo).toHaveBeenCalledWith({ url: `/pkg-resident/pages/case/detail/index?id=${caseId}` });
  const seen = await ok(call<{ status: string }>(rt, 'case', 'short-journey-respondent', 'get', { caseId }));
  expect(seen.status).not.toBe('awaiting_consent');
});

it('the mini-program code made for a printed or shown invitation opens the invitation page with the code filled in', async () => {
  const filed = await ok(
    call<{ caseId: string }>(rt, 'case', 'qr-journey-applicant', 'file', {
      category: 'neighbourhood',
      summary: '楼上卫生间漏水，导致我家吊顶受损。',
      communityId: 'liuan',
      applicant: { name: '张阿姨', mobile: '13812345678' },
      respondents: [{ name: '李先生' }],
      consent: { privacy: true, shareWithOtherOrgs: false },
    }, rid()),
  );
  const caseId = filed.caseId;
  await acceptAndAssign(rt, caseId);
  const invited = await ok(call<{ invite: { code: string } }>(rt, 'case', 'demo-mediator', 'invite', { caseId }, rid()));
  await ok(call(rt, 'case', 'demo-mediator', 'inviteQr', { caseId, code: invited.invite.code }));
  // What WeChat was asked to encode: the page and the scene it opens with.
  const codes = (rt as unknown as { openapi: { codes: Array<{ scene: string; page?: string }> } }).openapi.codes;
  const made = codes[codes.length - 1];
  expect(made.scene.length).toBeLessThanOrEqual(32);

  // WeChat opens that page with the scene, URL-encoded, as `options.scene`.
  const opened = await openAs(transport, 'qr-journey-respondent', made.page!, { scene: encodeURIComponent(made.scene) });
  await until(() => Boolean(opened.instance.data.preview), 'the invitation to open');
  expect(visibleText(opened.querySelector('#invite')!)).toContain('申请人民调解');
  expect(opened.querySelector('#reply-agree')).toBeTruthy();
});
