// Local stand-ins for the WeChat open APIs the project calls through wx-server-sdk, with the same call
// shape and the documented result contract. They keep everything sent so tests and the developer can see it.
//
// - security.msgSecCheck (v2): resolves { errCode: 0, errMsg, result: { suggest, label }, detail, traceId };
//   suggest is 'pass' | 'review' | 'risky'. API failures reject with { errCode, errMsg }.
// - subscribeMessage.send: resolves { errCode: 0, errMsg } or rejects with an error carrying errCode,
//   e.g. 43101 "user refuse to accept the msg" (no subscription quota: permanent for that message).
// Called from a function that does not declare the API in its config.json (`permissions.openapi`), both reject
// with -604101 "function has no permission to call this API", as CloudBase does.
import { declaredOpenApi } from './identity';

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

export class LocalOpenApi {
  readonly sent: SentMessage[] = [];
  readonly checked: SecCheckRequest[] = [];
  /** Outcomes consumed in order before the policy applies. */
  secQueue: SecOutcome[] = [];
  sendQueue: SendOutcome[] = [];
  /** Fallback policies when the queues are empty. */
  secPolicy: (req: SecCheckRequest) => SecOutcome = (req) =>
    DEFAULT_RISKY_WORDS.some((w) => req.content.includes(w)) ? 'risky' : 'pass';
  sendPolicy: (req: SubscribeSendRequest) => SendOutcome = () => 'ok';

  constructor(private readonly clock: () => Date = () => new Date()) {}

  reset(): void {
    this.sent.length = 0;
    this.checked.length = 0;
    this.secQueue = [];
    this.sendQueue = [];
    this.secPolicy = (req) => (DEFAULT_RISKY_WORDS.some((w) => req.content.includes(w)) ? 'risky' : 'pass');
    this.sendPolicy = () => 'ok';
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
          this.checked.push({ ...req });
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
      subscribeMessage: {
        send: async (req: SubscribeSendRequest) => {
          requirePermission('subscribeMessage.send');
          if (!req || !req.touser || !req.templateId || typeof req.data !== 'object') {
            throw new OpenApiError(47003, 'openapi.subscribeMessage.send:fail argument invalid!');
          }
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
