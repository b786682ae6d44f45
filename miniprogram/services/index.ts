// The mini-program's only seam to the backend. Pages import from here.
export type { CallEvent, CallResult, ErrResult, OkResult } from '../../src/server/contract';
export { backoffDelay, callFunction, configureCaller, createCaller } from './call';
export type { CallFunction, CallOptions, CallerDeps } from './call';
export { newRequestId, REQUEST_ID_PATTERN } from './request-id';
export {
  CLIENT_CODES,
  ERROR_MESSAGES,
  GENERIC_MESSAGE,
  NETWORK_MESSAGE,
  clientError,
  isNetworkError,
  messageFor,
} from './errors';
export { showError, showSuccess } from './feedback';
export { TransportError, cloudTransport, initCloud, isEnvelope, localTransport, transportFor } from './transport';
export type { Transport, TransportFailure } from './transport';
