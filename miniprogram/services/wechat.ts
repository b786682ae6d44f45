// The backend actions the resident's and respondent's pages use, typed. Every function resolves to the
// envelope (never throws); mutating ones take the request id of the user's intent so a double tap or an
// automatic retry is answered once by the server.
import type { CallResult } from '../../src/server/contract';
import { LOCAL_BASE_URL, LOCAL_OPENID, SUBSCRIBE_TEMPLATES, SubscribeTopic, TRANSPORT } from '../config';
import { callFunction } from './call';
import { clientError } from './errors';
import type {
  AgreementData,
  BookingData,
  CaseListRow,
  DeletionResult,
  FileDisputeData,
  InboxItemData,
  InvitePreviewData,
  MyDataExportData,
  PartyCaseView,
  ReplyChoice,
  SessionModeCode,
  SlotData,
  StepResult,
} from './resident-types';

export type * from './resident-types';

type Id = { requestId: string };

export interface Directory {
  communities: Array<{ id: string; name: string; streetName: string; committeeOrgId?: string }>;
}

export const residentApi = {
  directory: () => callFunction<Directory>('org', 'directory', {}),

  fileDispute: (data: FileDisputeData, o: Id) => callFunction<StepResult>('case', 'file', data, o),
  myCases: (page: number, pageSize: number, open: boolean) =>
    callFunction<{ items: CaseListRow[]; hasMore: boolean }>('case', 'mine', { open, page, pageSize }),
  getCase: (caseId: string) => callFunction<PartyCaseView>('case', 'get', { caseId }),
  withdraw: (caseId: string, reason: string, o: Id) =>
    callFunction<StepResult>('case', 'withdraw', { caseId, ...(reason ? { reason } : {}) }, o),
  terminate: (caseId: string, reason: string, o: Id) =>
    callFunction<StepResult>('case', 'terminate', { caseId, ...(reason ? { reason } : {}) }, o),

  openInvite: (code: string) => callFunction<InvitePreviewData>('case', 'openInvite', { code }),
  join: (code: string, o: Id) => callFunction<{ caseId: string }>('case', 'join', { code }, o),
  reply: (caseId: string, reply: ReplyChoice, reason: string, o: Id) =>
    callFunction<StepResult>('case', 'reply', { caseId, reply, ...(reason ? { reason } : {}) }, o),

  agreement: (caseId: string) => callFunction<AgreementData>('agreement', 'get', { caseId }),
  confirmAgreement: (caseId: string, hash: string, o: Id) => callFunction<StepResult>('agreement', 'confirm', { caseId, hash }, o),
  markDone: (caseId: string, itemId: string, o: Id) => callFunction<StepResult>('agreement', 'markDone', { caseId, itemId }, o),
  rate: (caseId: string, score: number, comment: string, o: Id) =>
    callFunction<StepResult>('agreement', 'rate', { caseId, score, ...(comment ? { comment } : {}) }, o),

  slots: (caseId: string, mode: SessionModeCode) =>
    callFunction<{ caseId: string; mediatorName: string; slots: SlotData[] }>('booking', 'slots', { caseId, mode }),
  bookings: (caseId: string) => callFunction<{ caseId: string; bookings: BookingData[] }>('booking', 'bookings', { caseId }),
  book: (caseId: string, startAt: string, mode: SessionModeCode, o: Id) =>
    callFunction<StepResult & { booking: BookingData }>('booking', 'book', { caseId, startAt, mode }, o),
  confirmBooking: (caseId: string, bookingId: string, o: Id) =>
    callFunction<StepResult & { booking: BookingData }>('booking', 'confirm', { caseId, bookingId }, o),
  cancelBooking: (caseId: string, bookingId: string, reason: string, o: Id) =>
    callFunction<StepResult & { booking: BookingData }>('booking', 'cancel', { caseId, bookingId, reason }, o),

  inbox: (page: number, pageSize: number) =>
    callFunction<{ items: InboxItemData[]; unread: number; hasMore: boolean }>('user', 'inbox', { page, pageSize }),
  markRead: (which: { ids: string[] } | { all: true }, o: Id) => callFunction<{ marked: number; unread: number }>('user', 'markRead', which, o),

  exportData: () => callFunction<MyDataExportData>('user', 'exportData', {}),
  requestDeletion: (reason: string, o: Id) =>
    callFunction<DeletionResult>('user', 'requestDeletion', reason ? { reason } : {}, o),
};

// ---- evidence photos --------------------------------------------------------------------------------

/**
 * Uploads one chosen photo to cloud storage and answers its fileID (what `case.file` takes as
 * evidenceFileIds): `wx.cloud.uploadFile` in cloud mode, the local gateway's `/upload` in local mode.
 */
export function uploadEvidence(filePath: string, now = Date.now()): Promise<CallResult<{ fileId: string }>> {
  const ext = (/\.(\w{1,5})$/.exec(filePath)?.[1] ?? 'jpg').toLowerCase();
  const cloudPath = `evidence/${now.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}.${ext}`;
  if (TRANSPORT === 'local') {
    return new Promise((resolve) => {
      wx.uploadFile({
        url: `${LOCAL_BASE_URL}/upload`,
        filePath,
        name: 'file',
        formData: { cloudPath },
        header: { 'X-Openid': LOCAL_OPENID },
        success: (res) => {
          try {
            const body = JSON.parse(res.data) as { fileID?: string };
            resolve(res.statusCode === 200 && body.fileID ? { ok: true, data: { fileId: body.fileID } } : clientError('SERVICE_UNAVAILABLE'));
          } catch {
            resolve(clientError('BAD_RESPONSE'));
          }
        },
        fail: () => resolve(clientError('NETWORK_ERROR')),
      });
    });
  }
  if (!wx.cloud?.uploadFile) {
    return Promise.resolve({ ok: false, code: 'UPLOAD_UNAVAILABLE', message: '当前环境暂不支持上传照片，可在调解时出示' });
  }
  return new Promise((resolve) => {
    wx.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve({ ok: true, data: { fileId: res.fileID } }),
      fail: () => resolve(clientError('NETWORK_ERROR')),
    });
  });
}

// ---- subscribe messages ---------------------------------------------------------------------------

/**
 * Asks (inside a tap handler) whether WeChat may send the given notices. Never blocks the action: a refusal
 * or an old base library only means the user reads progress in the app.
 */
export function askToSubscribe(topics: SubscribeTopic[]): Promise<void> {
  const tmplIds = topics.map((t) => SUBSCRIBE_TEMPLATES[t]).filter(Boolean).slice(0, 3);
  if (!tmplIds.length || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({ tmplIds, success: () => resolve(), fail: () => resolve() } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}
