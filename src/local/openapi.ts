// Local stand-ins for the WeChat open APIs the project calls through wx-server-sdk, with the same call
// shape and the documented result contract. They keep everything sent so tests and the developer can see it.
//
// - security.msgSecCheck (v2): resolves { errCode: 0, errMsg, result: { suggest, label }, detail, traceId };
//   suggest is 'pass' | 'review' | 'risky'. API failures reject with { errCode, errMsg }.
// - subscribeMessage.send: resolves { errCode: 0, errMsg } or rejects with an error carrying errCode,
//   e.g. 43101 "user refuse to accept the msg" (no subscription quota: permanent for that message). As WeChat
//   does, it refuses with 47003 (naming the field) a keyword the template lacks and a value outside its keyword
//   type's rule (thing ≤ 20 characters, phrase ≤ 5 Chinese characters, …); the templates it knows are the ids the
//   server would use for each kind of notice (`templates`, from src/server/notify/templates.ts), and tests may add
//   others.
// - wxacode.getUnlimited: resolves { errCode: 0, errMsg, contentType: 'image/png', buffer } — here a stand-in PNG
//   (a pattern drawn from the scene, not a scannable code); rejects 40097 for a scene over 32 characters or with
//   characters the API does not take, 41030 for a page not in the form `pkg/pages/.../index` without a leading /.
// - phonenumber.getPhoneNumber: resolves { errCode: 0, errMsg, phoneInfo: { phoneNumber, purePhoneNumber,
//   countryCode } } for a code the page's getPhoneNumber button gave: here a code registered with `phoneCodes`
//   (tests) or `local-phone:<11 digits>` (the developer); each code answers once, as WeChat's do; any other
//   rejects 40029 "invalid code".
// Called from a function that does not declare the API in its config.json (`permissions.openapi`), each rejects
// with -604101 "function has no permission to call this API", as CloudBase does.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { declaredOpenApi } from './identity';
import { SEC_CHECK_MAX_CHARS } from '../server/kernel/content-check';
import { RULES, TEMPLATES, templateId } from '../server/notify/templates';

/** Template id → its keyword ids, for every kind of notice, under the ids this environment configures. */
function knownTemplates(): Map<string, string[]> {
  return new Map(Object.keys(TEMPLATES).map((kind) => [templateId(kind), Object.keys(TEMPLATES[kind as keyof typeof TEMPLATES].keywords)]));
}

/** Why WeChat would refuse this message's data (47003), or undefined. */
export function subscribeDataProblem(keywords: string[] | undefined, data: Record<string, { value: string }>): string | undefined {
  for (const [key, field] of Object.entries(data)) {
    if (keywords && !keywords.includes(key)) return `data.${key} is not a keyword of this template`;
    const type = key.replace(/\d+$/, '') as keyof typeof RULES;
    const rule = RULES[type];
    if (!rule) return `data.${key}: unknown keyword type`;
    const why = typeof field?.value === 'string' ? rule(field.value) : 'value missing';
    if (why) return `data.${key}.value invalid (${why})`;
  }
  return undefined;
}

export type SecSuggest = 'pass' | 'review' | 'risky';

export interface SecCheckRequest {
  content: string;
  openid?: string;
  scene?: number;
  version?: number;
  title?: string;
  nickname?: string;
  signature?: string;
}

export interface SubscribeSendRequest {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: string;
}

export interface SentMessage extends SubscribeSendRequest {
  sentAt: string;
}

/** An outcome a test (or the developer) can script: a verdict, or an API error code. */
export type SecOutcome = SecSuggest | { errCode: number; errMsg?: string };
export type SendOutcome = 'ok' | { errCode: number; errMsg?: string };

export class OpenApiError extends Error {
  constructor(public errCode: number, public errMsg: string) {
    super(errMsg);
    this.name = 'OpenApiError';
  }
}

// A default verdict so the review queue can be seen locally; the real service decides by its own models.
const DEFAULT_RISKY_WORDS = ['炸药', '砍死你', '同归于尽'];

const SEND_ERRORS: Record<number, string> = {
  43101: 'user refuse to accept the msg',
  40003: 'invalid openid',
  47003: 'argument invalid! data.thing1.value invalid',
  45009: 'reach max api daily quota limit',
  [-1]: 'system error',
};

/** CloudBase's refusal of an open API the function's config.json does not declare. */
function requirePermission(api: string): void {
  const declared = declaredOpenApi();
  if (declared && !declared.includes(api)) throw new OpenApiError(-604101, `openapi.${api}:fail function has no permission to call this API`);
}

export interface MiniCodeRequest {
  scene: string;
  page?: string;
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
  width?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A black-and-white PNG of `cells`×`cells` squares drawn from the scene's hash (so each scene looks different). */
export function standInCodePng(scene: string, cells = 21, scale = 10): Buffer {
  const bits = createHash('sha256').update(scene).digest();
  const size = cells * scale;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size); // filter byte 0, then one grey byte per pixel
    for (let x = 0; x < size; x++) {
      const cx = Math.floor(x / scale);
      const cy = Math.floor(y / scale);
      const i = cy * cells + cx;
      const corner = (cx < 7 && cy < 7) || (cx >= cells - 7 && cy < 7) || (cx < 7 && cy >= cells - 7);
      const ring = corner && (Math.max(Math.abs((cx % (cells - 7)) - 3), Math.abs((cy % (cells - 7)) - 3)) !== 2);
      const on = corner ? ring : (bits[i % bits.length] >> (i % 8)) & 1;
      row[1 + x] = on ? 0 : 255;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export class LocalOpenApi {
  readonly codes: MiniCodeRequest[] = [];
  readonly sent: SentMessage[] = [];
  readonly checked: SecCheckRequest[] = [];
  /** The numbers the getPhoneNumber button's codes stand for (each code answers once). */
  readonly phoneCodes = new Map<string, string>();
  private readonly usedPhoneCodes = new Set<string>();
  /** The subscribe templates chosen (template id → keyword ids); a message to another template id is not checked for keywords. */
  readonly templates: Map<string, string[]> = knownTemplates();
  /** Outcomes consumed in order before the policy applies. */
  secQueue: SecOutcome[] = [];
  sendQueue: SendOutcome[] = [];
  /** Fallback policies when the queues are empty. */
  secPolicy: (req: SecCheckRequest) => SecOutcome = (req) =>
    DEFAULT_RISKY_WORDS.some((w) => req.content.includes(w)) ? 'risky' : 'pass';
  sendPolicy: (req: SubscribeSendRequest) => SendOutcome = () => 'ok';
  /** Told of each content check as it is asked (a test can see what else is going on at that moment). */
  onSecCheck: ((req: SecCheckRequest) => void) | undefined;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  reset(): void {
    this.codes.length = 0;
    this.sent.length = 0;
    this.checked.length = 0;
    this.phoneCodes.clear();
    this.usedPhoneCodes.clear();
    this.secQueue = [];
    this.sendQueue = [];
    this.secPolicy = (req) => (DEFAULT_RISKY_WORDS.some((w) => req.content.includes(w)) ? 'risky' : 'pass');
    this.sendPolicy = () => 'ok';
    this.onSecCheck = undefined;
  }

  /** The object to install as `cloud.openapi`. */
  namespace() {
    return {
      security: {
        msgSecCheck: async (req: SecCheckRequest) => {
          requirePermission('security.msgSecCheck');
          if (!req || typeof req.content !== 'string') {
            throw new OpenApiError(40097, 'openapi.security.msgSecCheck:fail invalid args');
          }
          // WeChat documents a limit of 2,500 characters for `content` (not the error it answers past it):
          // refused here so that longer text never goes out in one call.
          if (Array.from(req.content).length > SEC_CHECK_MAX_CHARS) {
            throw new OpenApiError(47001, `openapi.security.msgSecCheck:fail content longer than ${SEC_CHECK_MAX_CHARS} characters`);
          }
          this.checked.push({ ...req });
          this.onSecCheck?.(req);
          const outcome = this.secQueue.length ? this.secQueue.shift()! : this.secPolicy(req);
          if (typeof outcome !== 'string') {
            throw new OpenApiError(outcome.errCode, `openapi.security.msgSecCheck:fail ${outcome.errMsg ?? 'system error'}`);
          }
          return {
            errCode: 0,
            errMsg: 'openapi.security.msgSecCheck:ok',
            result: { suggest: outcome, label: outcome === 'pass' ? 100 : 20001 },
            detail: [{ strategy: 'content_model', errcode: 0, suggest: outcome, label: outcome === 'pass' ? 100 : 20001 }],
            traceId: `local-${this.checked.length}`,
          };
        },
      },
      wxacode: {
        getUnlimited: async (req: MiniCodeRequest) => {
          requirePermission('wxacode.getUnlimited');
          // The scene: at most 32 visible characters of 0-9 a-z A-Z and !#$&'()*+,/:;=?@-._~ (the API's own rule).
          if (!req || typeof req.scene !== 'string' || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(req.scene)) {
            throw new OpenApiError(40097, 'openapi.wxacode.getUnlimited:fail invalid args');
          }
          if (req.page !== undefined && !/^[a-z0-9-]+(\/[A-Za-z0-9_-]+)*$/.test(req.page)) {
            throw new OpenApiError(41030, 'openapi.wxacode.getUnlimited:fail invalid page');
          }
          this.codes.push({ ...req });
          return { errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png', buffer: standInCodePng(req.scene) };
        },
      },
      phonenumber: {
        getPhoneNumber: async (req: { code?: string }) => {
          requirePermission('phonenumber.getPhoneNumber');
          const code = typeof req?.code === 'string' ? req.code : '';
          const phone = this.phoneCodes.get(code) ?? /^local-phone:(1\d{10})$/.exec(code)?.[1];
          if (!phone || this.usedPhoneCodes.has(code)) throw new OpenApiError(40029, 'openapi.phonenumber.getPhoneNumber:fail invalid code');
          this.usedPhoneCodes.add(code);
          return { errCode: 0, errMsg: 'openapi.phonenumber.getPhoneNumber:ok', phoneInfo: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86' } };
        },
      },
      subscribeMessage: {
        send: async (req: SubscribeSendRequest) => {
          requirePermission('subscribeMessage.send');
          if (!req || !req.touser || !req.templateId || typeof req.data !== 'object') {
            throw new OpenApiError(47003, 'openapi.subscribeMessage.send:fail argument invalid!');
          }
          const problem = subscribeDataProblem(this.templates.get(req.templateId), req.data);
          if (problem) throw new OpenApiError(47003, `openapi.subscribeMessage.send:fail argument invalid! ${problem}`);
          const outcome = this.sendQueue.length ? this.sendQueue.shift()! : this.sendPolicy(req);
          if (outcome !== 'ok') {
            const msg = outcome.errMsg ?? SEND_ERRORS[outcome.errCode] ?? 'system error';
            throw new OpenApiError(outcome.errCode, `openapi.subscribeMessage.send:fail ${msg}`);
          }
          this.sent.push({ ...req, sentAt: this.clock().toISOString() });
          return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
        },
      },
    };
  }
}
