// What a person reads when a call fails. Server codes and their sentences come from the server's own
// catalogue (generated/errors.ts); the few codes only the phone produces are below. `res.code` is typed
// as the union of both, so a page comparing it with a misspelt or renamed code does not compile.
import type { ErrResult } from '../../src/server/contract';
import { SERVER_ERRORS, type ServerErrorCode } from '../generated/errors';

/** Codes produced on the phone, never by a cloud function, with what the person reads. */
export const CLIENT_ERRORS = {
  /** Every attempt failed for network reasons or timed out. */
  NETWORK_ERROR: '网络不佳，请稍后重试',
  /** The platform could not run the function (crashed, missing, wrong environment). */
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  /** Something answered, but not in the agreed shape. */
  BAD_RESPONSE: '服务暂时不可用，请稍后再试',
  /** The user declined the privacy guide, so a personal-information feature cannot run. */
  PRIVACY_DENIED: '需要您同意隐私保护指引后才能使用此功能',
  /** A staff page opened by someone who does not hold its role (the page loads nothing). */
  ROLE_NOT_HELD: '您没有使用此页面的身份',
  /** Cloud storage is not available where the app runs (an old base library). */
  UPLOAD_UNAVAILABLE: '当前环境暂不支持上传照片，可在调解时出示',
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERRORS;
/** Every code a page can see in a failed answer. */
export type ErrorCode = ServerErrorCode | ClientErrorCode;
/** A failed answer as the phone sees it. */
export type Failure = ErrResult<ErrorCode>;

export const NETWORK_MESSAGE = CLIENT_ERRORS.NETWORK_ERROR;
export const GENERIC_MESSAGE = '操作没有成功，请稍后重试';

const CATALOGUE: Readonly<Record<string, string>> = { ...SERVER_ERRORS, ...CLIENT_ERRORS };

export function isNetworkError(err: Pick<Failure, 'code'>): boolean {
  return err.code === 'NETWORK_ERROR';
}

/**
 * The sentence to show for a failed call: the answer's own (the server's is specific: "该预约已取消，不能改期"),
 * else the catalogue's for its code, else a generic one.
 */
export function messageFor(err: { code: string; message?: string }): string {
  const own = typeof err.message === 'string' ? err.message.trim() : '';
  return own || CATALOGUE[err.code] || GENERIC_MESSAGE;
}

/** A failed answer made on the phone (network, privacy, role), in the same shape the server uses. */
export function clientError(code: ClientErrorCode, message?: string): ErrResult<ClientErrorCode> {
  return { ok: false, code, message: message ?? CLIENT_ERRORS[code] };
}
