// The HTTP gateway behind `npm start`: functions over POST, identity from X-Openid, clear errors.
import { startGateway, type Gateway } from '../../src/local/gateway';
import { freshRuntime } from '../helpers/runtime';

const rt = freshRuntime();
let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway(rt, 0);
});
afterAll(async () => {
  await gw.close();
  rt.close();
});

async function post(path: string, body: unknown, openid?: string) {
  const res = await fetch(gw.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('gateway', () => {
  it('takes a photo upload the way wx.uploadFile sends it, and serves it back by its fileID', async () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
    const form = new FormData();
    form.append('cloudPath', 'evidence/test-photo.jpg');
    form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'a.jpg');
    const res = await fetch(`${gw.url}/upload`, { method: 'POST', headers: { 'x-openid': 'gw-uploader' }, body: form });
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ fileID: expect.stringMatching(/evidence\/test-photo\.jpg$/), errMsg: 'uploadFile:ok' });
    const back = await fetch(`${gw.url}/files/evidence/test-photo.jpg`);
    expect(Buffer.from(await back.arrayBuffer())).toEqual(photo);

    // Anonymous uploads and paths outside storage are refused.
    const anon = await fetch(`${gw.url}/upload`, { method: 'POST', body: form });
    expect(anon.status).toBe(401);
    const outside = new FormData();
    outside.append('cloudPath', '../../etc/passwd');
    outside.append('file', new Blob([photo]), 'x');
    const bad = await fetch(`${gw.url}/upload`, { method: 'POST', headers: { 'x-openid': 'gw-uploader' }, body: outside });
    expect(bad.status).toBe(400);
  });

  it('reports health and the functions it serves', async () => {
    const res = await fetch(`${gw.url}/health`);
    const body = (await res.json()) as any;
    expect(body.ok).toBe(true);
    expect(body.functions).toContain('user');
  });

  it('writes through a real function and reads it back', async () => {
    const set = await post('/fn/user', { action: 'setPreferences', data: { largeText: true }, requestId: 'gw-test-0001' }, 'gw-user');
    expect(set.body).toEqual({ ok: true, data: { prefs: { largeText: true } } });
    const me = await post('/fn/user', { action: 'me' }, 'gw-user');
    expect(me.body.data.prefs.largeText).toBe(true);
    expect(Number(me.headers.get('x-db-requests'))).toBe(1);
  });

  it('without X-Openid the caller is anonymous', async () => {
    const me = await post('/fn/user', { action: 'me' });
    expect(me.body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('answers bad JSON, unknown functions and unknown actions with coded Chinese errors', async () => {
    const bad = await post('/fn/user', '{not json', 'u');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const nofn = await post('/fn/nope', { action: 'me' }, 'u');
    expect(nofn.status).toBe(404);
    const noaction = await post('/fn/user', { action: 'dropTables' }, 'u');
    expect(noaction.body).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION', message: '当前版本不支持此操作，请更新小程序' });
  });

  it('takes a call only as JSON: a text/plain body (sent cross-site without asking first) is refused unread', async () => {
    const res = await fetch(gw.url + '/fn/user', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-openid': 'u' },
      body: JSON.stringify({ action: 'setPreferences', data: { largeText: true }, requestId: 'gw-plain-0001' }),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const me = await post('/fn/user', { action: 'me' }, 'u');
    expect(me.body.data.prefs.largeText).not.toBe(true);
  });

  it('answers a refused or malformed file path with 404 or 400, never 500', async () => {
    const traversal = await fetch(`${gw.url}/files/..%2F..%2Fetc%2Fpasswd`);
    expect(traversal.status).toBe(404);
    const malformed = await fetch(`${gw.url}/files/%E0%A4%A`);
    expect(malformed.status).toBe(400);
  });

  it('rejects unknown fields in the event and in the input', async () => {
    const extraEvent = await post('/fn/user', { action: 'me', openid: 'demo-director' }, 'u');
    expect(extraEvent.body.code).toBe('BAD_REQUEST');
    const extraInput = await post('/fn/user', { action: 'setPreferences', data: { largeText: true, role: 'director' }, requestId: 'gw-test-0002' }, 'u');
    expect(extraInput.body.code).toBe('VALIDATION_FAILED');
    expect(extraInput.body.fields._unknown).toMatch(/role/);
  });

  it('requires a request id on mutating actions', async () => {
    const res = await post('/fn/user', { action: 'setPreferences', data: { largeText: false } }, 'u');
    expect(res.body.code).toBe('REQUEST_ID_REQUIRED');
  });

  it('serves stored files at the temp URL', async () => {
    const { getCloud } = await import('../../src/server/kernel/platform');
    const up = await getCloud().uploadFile({ cloudPath: 'docs/x.txt', fileContent: Buffer.from('文书') });
    const urls = (await getCloud().getTempFileURL({ fileList: [up.fileID] })) as any;
    const res = await fetch(urls.fileList[0].tempFileURL);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('文书');
  });

  it('a temporary URL stops working once the time it was asked for is up, as a signed CloudBase URL does', async () => {
    const { getCloud } = await import('../../src/server/kernel/platform');
    const up = await getCloud().uploadFile({ cloudPath: 'docs/short.txt', fileContent: Buffer.from('短链接') });
    const urls = (await getCloud().getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 600 }, { fileID: up.fileID, maxAge: 0 }] as never })) as any;
    const fresh = await fetch(urls.fileList[0].tempFileURL);
    expect(fresh.status).toBe(200);
    const expired = await fetch(urls.fileList[1].tempFileURL);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { message: string }).message).toBe('下载链接已过期，请重新获取');
  });
});
