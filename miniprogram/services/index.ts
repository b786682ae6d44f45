// The mini-program's only seam to the backend. Pages import from here: the typed API objects (one per cloud
// function, one method per action), the wire types, and how failures are shown.
export { agreementApi, bookingApi, caseApi, orgApi, reportApi, userApi } from './api';
export type { ActionRef, Client, CommandMethod, CommandOptions, InputOfMethod, OutputOfMethod, QueryMethod } from './api';
export type { Answer, CallOptions } from './call';
export { CLIENT_ERRORS, GENERIC_MESSAGE, NETWORK_MESSAGE, clientError, isNetworkError, messageFor } from './errors';
export type { ClientErrorCode, ErrorCode, Failure } from './errors';
export { showError, showSuccess } from './feedback';
export { STAFF_NOTICES, askForReminder, askToSubscribe, uploadEvidence, uploadScan } from './wechat';
export type * from './types';
