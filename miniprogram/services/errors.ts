// Backend error codes → what a resident reads. The server's own Chinese message is used for codes this
// table does not know (use-case codes added later), and a generic sentence when there is none.
import type { ErrResult } from '../../src/server/contract';

/** Codes produced on the phone, never by a cloud function. */
export const CLIENT_CODES = {
  /** Every attempt failed for network reasons or timed out. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** The platform could not run the function (crashed, missing, wrong environment). */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Something answered, but not in the agreed shape. */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** The user declined the privacy guide, so a personal-information feature cannot run. */
  PRIVACY_DENIED: 'PRIVACY_DENIED',
} as const;

export const NETWORK_MESSAGE = '网络不佳，请稍后重试';
export const GENERIC_MESSAGE = '操作没有成功，请稍后重试';

export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  [CLIENT_CODES.NETWORK_ERROR]: NETWORK_MESSAGE,
  [CLIENT_CODES.SERVICE_UNAVAILABLE]: '服务暂时不可用，请稍后再试',
  [CLIENT_CODES.BAD_RESPONSE]: '服务暂时不可用，请稍后再试',
  [CLIENT_CODES.PRIVACY_DENIED]: '需要您同意隐私保护指引后才能使用此功能',
  BAD_REQUEST: '请求有误，请更新小程序后重试',
  UNKNOWN_ACTION: '当前版本不支持此操作，请更新小程序',
  VALIDATION_FAILED: '填写的信息有误，请检查后重试',
  UNAUTHENTICATED: '请在微信中打开后再试',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关记录',
  CONFLICT: '信息已被他人更新，请刷新后重试',
  REQUEST_ID_REQUIRED: '请求缺少编号，请重试',
  REQUEST_ID_REUSED: '重复提交的内容与第一次不一致，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};

export function isNetworkError(err: Pick<ErrResult, 'code'>): boolean {
  return err.code === CLIENT_CODES.NETWORK_ERROR;
}

/** The sentence to show for a failed call. */
export function messageFor(err: Pick<ErrResult, 'code'> & { message?: string }): string {
  const known = ERROR_MESSAGES[err.code];
  if (known) return known;
  const fromServer = typeof err.message === 'string' ? err.message.trim() : '';
  return fromServer || GENERIC_MESSAGE;
}

/** Builds a client-side error envelope (network, privacy, …) in the same shape the server uses. */
export function clientError(code: keyof typeof CLIENT_CODES): ErrResult {
  return { ok: false, code, message: ERROR_MESSAGES[code] };
}
