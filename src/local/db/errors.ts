// Errors as the CloudBase database service reports them. The node-sdk transport throws an error carrying the
// service's string `code`; wx-server-sdk then turns it into `errCode` (-502001 for DATABASE_REQUEST_FAILED,
// -501001 for codes it has no number for) with `errMsg` "<api>:fail <errCode> <text>. <message>".
// @cloudbase/database's runTransaction retries only when `code === 'DATABASE_TRANSACTION_CONFLICT'`.

export class LocalDbError extends Error {
  readonly code: string;
  readonly requestId: string;
  constructor(code: string, message: string, requestId: string) {
    super(message);
    this.name = 'LocalDbError';
    this.code = code;
    this.requestId = requestId;
  }
}

export const DB_ERROR = {
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  INVALID_PARAM: 'INVALID_PARAM',
  /** Local only: a query no index declared in the schema covers (CloudBase would scan the collection). */
  INDEX_NOT_DECLARED: 'DATABASE_INDEX_NOT_DECLARED',
} as const;

/** The duplicate-key message CloudBase passes through from its MongoDB driver. */
export function duplicateWriteMessage(env: string, collection: string, id: unknown): string {
  return (
    '[DuplicateWrite] Multiple write errors: [{write errors: [{E11000 duplicate key error collection: ' +
    `${env}.${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }}]}, {<nil>}]`
  );
}

export const TRANSACTION_CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ' +
  'Please check your request, but if the problem persists, contact us.';

export const TRANSACTION_NOT_EXIST_MESSAGE =
  '[ResourceNotFound.TransactionNotExist] Transaction does not exist on the server, it may have been ' +
  'committed, aborted or expired.';
