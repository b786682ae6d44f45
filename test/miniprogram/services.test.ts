import * as path from 'path';
import type { CallResult } from '../../src/server/contract';
import { FakeTransport, err, fail, ok } from './helpers/fake-transport';
import { currentWx } from './helpers/wx-stub';
import { MP_ROOT } from './helpers/simulate';

type CallModule = typeof import('../../miniprogram/services/call');
type ErrorsModule = typeof import('../../miniprogram/services/errors');

/** The service layer as the mini-program would load it, with config.ts overridden. */
function services(config: Record<string, unknown> = {}) {
  jest.resetModules();
  const configPath = path.join(MP_ROOT, 'config');
  const actual = jest.requireActual(configPath);
  jest.doMock(configPath, () => ({ ...actual, ...config }));
  const call = require(path.join(MP_ROOT, 'services/call')) as CallModule;
  const errors = require(path.join(MP_ROOT, 'services/errors')) as ErrorsModule;
  const feedback = require(path.join(MP_ROOT, 'services/feedback')) as typeof import('../../miniprogram/services/feedback');
  return { ...call, ...errors, ...feedback, LOCAL_OPENID: actual.LOCAL_OPENID as string };
}

const noWait = async () => undefined;
const SERVER_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/; // the server kernel's EventSchema

describe('transport chosen by config.TRANSPORT', () => {
  it("'cloud' calls wx.cloud.callFunction with { action, data, requestId }", async () => {
    const wx = currentWx();
    wx.cloud.callFunction.mockImplementation((opts) => opts.success({ result: { ok: true, data: { id: 'c1' } } }));
    const { callFunction } = services({ TRANSPORT: 'cloud' });

    const result = await callFunction<{ id: string }>('case', 'get', { id: 'c1' });

    expect(result).toEqual({ ok: true, data: { id: 'c1' } });
    expect(wx.request).not.toHaveBeenCalled();
    const [opts] = wx.cloud.callFunction.mock.calls[0];
    expect(opts.name).toBe('case');
    expect(opts.data).toEqual({ action: 'get', data: { id: 'c1' }, requestId: expect.stringMatching(SERVER_REQUEST_ID) });
  });

  it("'local' POSTs the event to the local gateway as the demo user", async () => {
    const wx = currentWx();
    wx.request.mockImplementation((opts) => opts.success({ statusCode: 200, data: { ok: true, data: [] } }));
    const { callFunction, LOCAL_OPENID } = services({ TRANSPORT: 'local', LOCAL_BASE_URL: 'http://127.0.0.1:3000' });

    const result = await callFunction('case', 'listMine');

    expect(result).toEqual({ ok: true, data: [] });
    expect(wx.cloud.callFunction).not.toHaveBeenCalled();
    const [opts] = wx.request.mock.calls[0];
    expect(opts).toMatchObject({ url: 'http://127.0.0.1:3000/fn/case', method: 'POST' });
    expect(opts.header['X-Openid']).toBe(LOCAL_OPENID);
    expect(opts.data).toEqual({ action: 'listMine', data: {}, requestId: expect.stringMatching(SERVER_REQUEST_ID) });
  });
});

describe('retries on a poor network', () => {
  it('retries network failures and timeouts with the SAME requestId, then succeeds', async () => {
    const { createCaller } = services();
    const fake = new FakeTransport().reply('case', 'file', fail('network'), fail('timeout'), ok({ caseNo: 'A-1' }));
    const delays: number[] = [];
    const call = createCaller({ transport: fake, sleep: async (ms) => void delays.push(ms), random: () => 0.5 });

    const result = await call('case', 'file', { summary: '楼上漏水' });

    expect(result).toEqual({ ok: true, data: { caseNo: 'A-1' } });
    const ids = fake.calls.map((c) => c.requestId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0]); // backs off
  });

  it('gives up after a few attempts and says 网络不佳，请稍后重试', async () => {
    const { createCaller, messageFor } = services();
    const fake = new FakeTransport().reply('case', 'file', fail('network'));
    const call = createCaller({ transport: fake, sleep: noWait, retries: 3 });

    const result = await call('case', 'file', {});

    expect(fake.calls).toHaveLength(4);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('NETWORK_ERROR');
    expect(messageFor(result)).toBe('网络不佳，请稍后重试');
  });

  it('never retries a business error', async () => {
    const { createCaller } = services();
    const fake = new FakeTransport().reply('booking', 'book', err('SLOT_TAKEN', '该时段已被预约，请选择其他时间'));
    const call = createCaller({ transport: fake, sleep: noWait });

    const result = await call('booking', 'book', { slot: 's1' });

    expect(fake.calls).toHaveLength(1);
    expect(result).toMatchObject({ ok: false, code: 'SLOT_TAKEN' });
  });

  it('does not retry when the function itself failed, and says the service is unavailable', async () => {
    const { createCaller, messageFor } = services();
    const fake = new FakeTransport().reply('case', 'file', fail('server'));
    const call = createCaller({ transport: fake, sleep: noWait });

    const result = (await call('case', 'file', {})) as Extract<CallResult<unknown>, { ok: false }>;

    expect(fake.calls).toHaveLength(1);
    expect(result.code).toBe('SERVICE_UNAVAILABLE');
    expect(messageFor(result)).toBe('服务暂时不可用，请稍后再试');
  });

  it('keeps a requestId the page passes for a repeated intent (manual 重试 after a failure)', async () => {
    const { createCaller } = services();
    const fake = new FakeTransport().reply('case', 'file', fail('network'), ok({}));
    const call = createCaller({ transport: fake, sleep: noWait, retries: 0 });

    await call('case', 'file', {}, { requestId: 'intent-0001' });
    await call('case', 'file', {}, { requestId: 'intent-0001' });

    expect(fake.calls.map((c) => c.requestId)).toEqual(['intent-0001', 'intent-0001']);
  });

  it('gives each new intent a new requestId', async () => {
    const { createCaller } = services();
    const fake = new FakeTransport().reply('case', 'file', ok({}));
    const call = createCaller({ transport: fake, sleep: noWait });

    await call('case', 'file', {});
    await call('case', 'file', {});

    expect(fake.calls[0].requestId).not.toBe(fake.calls[1].requestId);
  });

  it('local: an unanswered request times out and is retried with the same requestId', async () => {
    const wx = currentWx();
    wx.request.mockImplementation(() => undefined); // never answers
    const { createCaller } = services();
    const { localTransport } = require(path.join(MP_ROOT, 'services/transport'));
    const call = createCaller({ transport: localTransport, sleep: noWait, retries: 1, timeoutMs: 5 });

    const result = await call('case', 'file', {});

    expect(result).toMatchObject({ ok: false, code: 'NETWORK_ERROR' });
    const ids = wx.request.mock.calls.map(([o]) => o.data.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('local: a bare 502 from a restarting gateway is retried; an error envelope with status 400 is not', async () => {
    const wx = currentWx();
    wx.request
      .mockImplementationOnce((o) => o.success({ statusCode: 502, data: 'Bad Gateway' }))
      .mockImplementationOnce((o) => o.success({ statusCode: 400, data: { ok: false, code: 'VALIDATION_FAILED', message: 'x' } }));
    const { createCaller } = services();
    const { localTransport } = require(path.join(MP_ROOT, 'services/transport'));
    const call = createCaller({ transport: localTransport, sleep: noWait });

    const result = await call('case', 'file', {});

    expect(wx.request).toHaveBeenCalledTimes(2);
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });

  it('cloud: "request:fail" is retried; "functions execute fail" is not', async () => {
    const wx = currentWx();
    wx.cloud.callFunction
      .mockImplementationOnce((o) => o.fail({ errMsg: 'cloud.callFunction:fail request:fail' }))
      .mockImplementationOnce((o) => o.fail({ errMsg: 'cloud.callFunction:fail Error: errCode: -504002 functions execute fail' }));
    const { createCaller } = services();
    const { cloudTransport } = require(path.join(MP_ROOT, 'services/transport'));
    const call = createCaller({ transport: cloudTransport, sleep: noWait });

    const result = await call('case', 'file', {});

    expect(wx.cloud.callFunction).toHaveBeenCalledTimes(2);
    expect(result).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
  });
});

describe('error codes in Chinese', () => {
  it("shows the answer's own sentence, else the catalogue's for its code, else a generic one", () => {
    const { messageFor } = services();
    // The server's sentence is the specific one ("该预约已取消，不能改期"), so it wins.
    expect(messageFor({ code: 'BOOKING_NOT_ACTIVE', message: '该预约已取消，不能改期' })).toBe('该预约已取消，不能改期');
    // Without one, the catalogue generated from the server's tables speaks for the code.
    expect(messageFor({ code: 'CONFLICT' })).toBe('信息已被他人更新，请刷新后重试');
    expect(messageFor({ code: 'FORBIDDEN', message: '  ' })).toBe('您没有权限进行此操作');
    expect(messageFor({ code: 'PAPER_SIGNATURE_REQUIRED' })).toContain('不能在线确认');
    expect(messageFor({ code: 'SOMETHING_NEW', message: '' })).toBe('操作没有成功，请稍后重试');
    expect(messageFor({ code: 'NETWORK_ERROR' })).toBe('网络不佳，请稍后重试');
  });

  it('a long sentence opens a dialog with 知道了 instead of a toast that vanishes before it is read', () => {
    const { showError } = services();
    const text = showError({ code: 'PAPER_SIGNATURE_REQUIRED', message: '' });
    expect(currentWx().showModal).toHaveBeenCalledWith(expect.objectContaining({ content: text, showCancel: false, confirmText: '知道了' }));
    expect(currentWx().showToast).not.toHaveBeenCalled();
  });

  it('showError shows the Chinese sentence in a toast', () => {
    const { showError } = services();
    showError({ code: 'NETWORK_ERROR', message: '' });
    expect(currentWx().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不佳，请稍后重试', icon: 'none' }));
  });
});

describe('waiting as long as the function may run', () => {
  it('the phone waits at least each cloud function\'s own time limit (config.json timeout) before giving up', () => {
    const fs = require('fs') as typeof import('fs');
    const { attemptTimeoutMs, FUNCTION_TIMEOUT_S } = services();
    const root = path.join(__dirname, '..', '..', 'cloudfunctions');
    const called = fs.readdirSync(root).filter((n) => n !== 'timer');
    for (const name of called) {
      const limit = JSON.parse(fs.readFileSync(path.join(root, name, 'config.json'), 'utf8')).timeout as number;
      expect([name, FUNCTION_TIMEOUT_S[name]]).toEqual([name, limit]);
      expect(attemptTimeoutMs(name)).toBeGreaterThan(limit * 1000);
    }
  });

  it('a report is waited for past its 60 s limit, and one that times out is not started again', async () => {
    const { createCaller } = services();
    const fake = new FakeTransport().reply('report', 'register', fail('timeout'));
    const call = createCaller({ transport: fake, sleep: noWait });
    const result = await call('report', 'register', { orgId: 'liuan-committee', month: '2026-11', kind: 'acceptance' });
    expect(result).toMatchObject({ ok: false, code: 'NETWORK_ERROR' });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0].timeoutMs).toBeGreaterThanOrEqual(60_000);
    // A quick function still retries a timeout.
    const quick = new FakeTransport().reply('case', 'get', fail('timeout'), ok({}));
    expect(await createCaller({ transport: quick, sleep: noWait })('case', 'get', { caseId: 'c1' })).toEqual({ ok: true, data: {} });
    expect(quick.calls).toHaveLength(2);
  });
});
