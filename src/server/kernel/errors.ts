// One error type for every function, with stable codes the mini-program maps to Chinese.
// The message here is the server's Chinese default; the mini-program may show its own wording per code.

export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求格式不正确',
  UNKNOWN_ACTION: '不支持的操作',
  VALIDATION_FAILED: '填写的信息有误，请检查后重试',
  UNAUTHENTICATED: '请在微信中打开后再试',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关记录',
  CONFLICT: '信息已被他人更新，请刷新后重试',
  REQUEST_ID_REQUIRED: '请求缺少编号，请重试',
  REQUEST_ID_REUSED: '重复提交的内容与第一次不一致，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;

export type KernelErrorCode = keyof typeof ERROR_MESSAGES;

export class AppError extends Error {
  constructor(
    /** Stable UPPER_SNAKE code: kernel codes above, or a domain/use-case code. */
    public readonly code: string,
    /** Chinese, safe to show to the user. */
    message?: string,
    public readonly fields?: Record<string, string>,
  ) {
    super(message ?? (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.INTERNAL);
    this.name = 'AppError';
  }

  static of(code: KernelErrorCode, fields?: Record<string, string>): AppError {
    return new AppError(code, ERROR_MESSAGES[code], fields);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AppError');
}
