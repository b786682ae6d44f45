// The local open APIs and storage answer through the real wx-server-sdk object with WeChat's documented
// result shapes, keep what was sent, and can be scripted to fail the way the real services do.
import { freshRuntime } from '../helpers/runtime';
import { getCloud } from '../../src/server/kernel/platform';
import { runAsInvocation } from '../../src/local/identity';

const rt = freshRuntime();
afterAll(() => rt.close());
beforeEach(() => rt.openapi.reset());

describe('security.msgSecCheck', () => {
  it('returns a v2 verdict and records the checked text', async () => {
    const res = await getCloud().openapi.security.msgSecCheck({ content: '邻居装修噪音', version: 2, scene: 1, openid: 'u1' });
    expect(res).toMatchObject({ errCode: 0, result: { suggest: 'pass' } });
    expect(rt.openapi.checked.map((c) => c.content)).toEqual(['邻居装修噪音']);
  });

  it('gives risky and review verdicts and API errors when scripted', async () => {
    rt.openapi.secQueue.push('risky', 'review', { errCode: -1 });
    const sec = getCloud().openapi.security;
    expect((await sec.msgSecCheck({ content: 'a', version: 2 })).result.suggest).toBe('risky');
    expect((await sec.msgSecCheck({ content: 'b', version: 2 })).result.suggest).toBe('review');
    await expect(sec.msgSecCheck({ content: 'c', version: 2 })).rejects.toMatchObject({ errCode: -1 });
  });
});

describe('open-API permissions', () => {
  it("are refused (-604101) to a function whose config.json does not declare them, as CloudBase refuses them", async () => {
    const asFunction = (openapi: string[]) => <T>(f: () => Promise<T>) => runAsInvocation({ openid: 'u1', openapi }, () => f());
    const check = () => getCloud().openapi.security.msgSecCheck({ content: '邻居装修噪音', version: 2, scene: 1, openid: 'u1' });
    await expect(asFunction([])(check)).rejects.toMatchObject({ errCode: -604101 });
    await expect(asFunction(['subscribeMessage.send'])(check)).rejects.toMatchObject({ errCode: -604101 });
    await expect(asFunction(['security.msgSecCheck'])(check)).resolves.toMatchObject({ errCode: 0 });
    expect(rt.openapi.checked).toHaveLength(1);
  });

  it('are declared for the content check by every function whose actions carry text others read', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const declared = (fn: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions', fn, 'config.json'), 'utf8')).permissions.openapi;
    for (const fn of ['case', 'agreement', 'booking', 'report']) expect(declared(fn)).toContain('security.msgSecCheck');
  });
});

describe('subscribeMessage.send', () => {
  const msg = { touser: 'u1', templateId: 'tpl-case-progress', page: 'pages/home/index', data: { thing1: { value: '您的案件有新进展' } } };

  it('delivers and keeps the message', async () => {
    await expect(getCloud().openapi.subscribeMessage.send(msg)).resolves.toMatchObject({ errCode: 0 });
    expect(rt.openapi.sent).toHaveLength(1);
    expect(rt.openapi.sent[0].templateId).toBe('tpl-case-progress');
  });

  it('refuses with 43101 when the user has no subscription, and nothing is kept as sent', async () => {
    rt.openapi.sendQueue.push({ errCode: 43101 });
    await expect(getCloud().openapi.subscribeMessage.send(msg)).rejects.toMatchObject({ errCode: 43101 });
    expect(rt.openapi.sent).toHaveLength(0);
  });

  it('rejects a malformed request like the real API', async () => {
    await expect(getCloud().openapi.subscribeMessage.send({ touser: 'u1' })).rejects.toMatchObject({ errCode: 47003 });
  });

  it("refuses (47003, naming the field) a keyword the template lacks and a value outside its type's rule, as WeChat does", async () => {
    const send = (data: Record<string, { value: string }>) => getCloud().openapi.subscribeMessage.send({ touser: 'u1', templateId: 'local-case_progress', data });
    const good = { character_string1: { value: '20261201-5K3DC' }, thing2: { value: '已受理' }, time3: { value: '2026-12-01 10:30' }, thing4: { value: '请进入小程序查看详情' } };
    await expect(send(good)).resolves.toMatchObject({ errCode: 0 });
    // Another kind's keywords sent to this template (the old shared keys): refused, nothing kept as sent.
    await expect(send({ ...good, phrase2: { value: '已受理' } })).rejects.toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.phrase2') });
    await expect(send({ ...good, thing2: { value: '这是一段超过二十个字的办理进度说明文字会被微信拒绝' } })).rejects.toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.thing2.value invalid') });
    await expect(send({ ...good, character_string1: { value: '案件编号' } })).rejects.toMatchObject({ errCode: 47003 });
    await expect(send({ ...good, time3: { value: '明天上午' } })).rejects.toMatchObject({ errCode: 47003 });
    expect(rt.openapi.sent).toHaveLength(1);
  });
});

describe('cloud storage', () => {
  it('uploads, gives a temp URL, downloads and deletes', async () => {
    const cloud = getCloud();
    const up = await cloud.uploadFile({ cloudPath: 'docs/case-1/transfer.docx', fileContent: Buffer.from('hello') });
    expect(up.fileID).toMatch(/^cloud:\/\/.+\/docs\/case-1\/transfer\.docx$/);
    const urls = (await cloud.getTempFileURL({ fileList: [up.fileID] })) as any;
    expect(urls.fileList[0]).toMatchObject({ status: 0 });
    expect(urls.fileList[0].tempFileURL).toContain('/files/docs/case-1/transfer.docx');
    const down = await cloud.downloadFile({ fileID: up.fileID });
    expect(down.fileContent.toString()).toBe('hello');
    const del = (await cloud.deleteFile({ fileList: [up.fileID] })) as any;
    expect(del.fileList[0].status).toBe(0);
    await expect(cloud.downloadFile({ fileID: up.fileID })).rejects.toMatchObject({ errCode: -503003 });
  });

  it('refuses paths that climb out of the storage folder', async () => {
    await expect(getCloud().uploadFile({ cloudPath: '../../etc/passwd', fileContent: Buffer.from('x') })).rejects.toThrow();
  });
});
