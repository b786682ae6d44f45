// The local HTTP gateway: every cloud function on 127.0.0.1.
//   POST /fn/<name>              body: the event as JSON; X-Openid: the caller (local mode only; none = anonymous)
//   POST /timer/<fn>/<trigger>   fires a timer trigger now (or as of ?at=<ISO time>)
//   GET  /health                 liveness and the function list
//   GET  /files/<cloudPath>      files from local cloud storage (temp URLs point here; refused after ?expires=)
//   POST /upload                 multipart (file, cloudPath) → { fileID }: wx.cloud.uploadFile for the local transport
//   GET  /local/messages         subscribe messages sent so far (developer view)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalRuntime } from './runtime';

const MAX_BODY = 1024 * 1024;

export interface Gateway {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

export function startGateway(runtime: LocalRuntime, port: number, host = '127.0.0.1'): Promise<Gateway> {
  const server = http.createServer((req, res) => {
    handle(runtime, req, res).catch((e) => {
      console.error('gateway error', (e as Error)?.stack ?? e);
      if (!res.headersSent) send(res, 500, { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
      else res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      const url = `http://${host}:${actual}`;
      runtime.storage.baseUrl = url;
      resolve({
        server,
        url,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections?.();
          }),
      });
    });
  });
}

async function handle(runtime: LocalRuntime, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  let parts: string[];
  try {
    parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return send(res, 400, { ok: false, code: 'BAD_REQUEST', message: '地址格式不正确' });
  }

  if (req.method === 'GET' && url.pathname === '/health') {
    return send(res, 200, { ok: true, functions: runtime.functionNames() });
  }
  if (req.method === 'GET' && parts[0] === 'files' && parts.length > 1) {
    // A temporary URL past its time is refused, as CloudBase refuses an expired signature.
    const expires = url.searchParams.get('expires');
    if (expires !== null && !(Number(expires) * 1000 > Date.now())) {
      return send(res, 403, { ok: false, code: 'FORBIDDEN', message: '下载链接已过期，请重新获取' });
    }
    // A path the store refuses (outside storage, `..`) is answered like a missing file: 404, never a 500.
    let content: Buffer | undefined;
    try {
      content = runtime.storage.read(parts.slice(1).join('/'));
    } catch {
      content = undefined;
    }
    if (!content) return send(res, 404, { ok: false, code: 'NOT_FOUND', message: '文件不存在' });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': content.length });
    res.end(content);
    return;
  }
  if (req.method === 'POST' && url.pathname === '/upload') {
    return upload(runtime, req, res);
  }
  if (req.method === 'GET' && url.pathname === '/local/messages') {
    return send(res, 200, { ok: true, data: runtime.openapi.sent });
  }
  if (req.method === 'POST' && parts[0] === 'fn' && parts.length === 2) {
    // JSON only: a browser page elsewhere can send `text/plain` without asking first (no CORS preflight), so a
    // body in any other type is refused rather than parsed.
    if (!/^application\/json\b/i.test(headerValue(req.headers['content-type']))) {
      return send(res, 415, { ok: false, code: 'BAD_REQUEST', message: '请求格式不正确' });
    }
    const body = await readJson(req);
    if (!body.ok) return send(res, 400, { ok: false, code: 'BAD_REQUEST', message: '请求格式不正确' });
    if (!runtime.functionNames().includes(parts[1])) {
      return send(res, 404, { ok: false, code: 'FUNCTION_NOT_FOUND', message: '不支持的操作' });
    }
    const openid = headerValue(req.headers['x-openid']);
    const inv = await runtime.invoke(parts[1], body.value, { openid });
    res.setHeader('x-db-requests', String(inv.dbRequests));
    res.setHeader('x-function-ms', inv.ms.toFixed(2));
    return send(res, 200, inv.result);
  }
  if (req.method === 'POST' && parts[0] === 'timer' && parts.length === 3) {
    const trigger = runtime.triggers().find((t) => t.fn === parts[1] && t.name === parts[2]);
    if (!trigger) return send(res, 404, { ok: false, code: 'NOT_FOUND', message: '没有这个定时触发器' });
    // `?at=<ISO time>` fires it as of that moment (walks and demos of what happens when a deadline passes).
    const atParam = url.searchParams.get('at');
    const at = atParam ? new Date(atParam) : new Date();
    if (Number.isNaN(at.getTime())) return send(res, 400, { ok: false, code: 'BAD_REQUEST', message: '时间格式不正确' });
    const inv = await runtime.fireTimer(trigger.fn, trigger.name, at);
    return send(res, 200, { ok: true, data: inv.result, dbRequests: inv.dbRequests });
  }
  send(res, 404, { ok: false, code: 'NOT_FOUND', message: '没有这个地址' });
}

function headerValue(h: string | string[] | undefined): string {
  const v = Array.isArray(h) ? h[0] : h;
  return (v ?? '').trim();
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const MAX_UPLOAD = 10 * 1024 * 1024;

/**
 * What `wx.cloud.uploadFile` does against CloudBase, for the local transport: the mini-program's
 * `wx.uploadFile` posts multipart form data (`file`, and `cloudPath`); the answer has the same `fileID` shape.
 * Only a signed-in caller may upload (as in CloudBase, where storage rules need a user).
 */
async function upload(runtime: LocalRuntime, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (!headerValue(req.headers['x-openid'])) return send(res, 401, { ok: false, code: 'UNAUTHENTICATED', message: '请在微信中打开后再试' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_UPLOAD) return send(res, 413, { ok: false, code: 'FILE_TOO_LARGE', message: '文件不能超过 10MB' });
    chunks.push(c as Buffer);
  }
  let form: FormData;
  try {
    // Node's fetch implementation parses multipart bodies.
    form = await new Request('http://local/upload', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: Buffer.concat(chunks) }).formData();
  } catch {
    return send(res, 400, { ok: false, code: 'BAD_REQUEST', message: '请求格式不正确' });
  }
  const file = form.get('file');
  const cloudPath = form.get('cloudPath');
  if (typeof cloudPath !== 'string' || !cloudPath || !file || typeof file === 'string') {
    return send(res, 400, { ok: false, code: 'BAD_REQUEST', message: '请求格式不正确' });
  }
  try {
    const done = await runtime.storage.api().uploadFile({ cloudPath, fileContent: Buffer.from(await file.arrayBuffer()) });
    return send(res, 200, done);
  } catch {
    return send(res, 400, { ok: false, code: 'BAD_REQUEST', message: '文件路径不正确' });
  }
}

function readJson(req: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooBig) return resolve({ ok: false });
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve({ ok: true, value: text ? JSON.parse(text) : {} });
      } catch {
        resolve({ ok: false });
      }
    });
    req.on('error', () => resolve({ ok: false }));
  });
}
