// The WeChat features that are not cloud-function calls: uploading an evidence photo or the photo of a signed
// paper to cloud storage (or to the local gateway under `npm start`) and asking for permission to send subscribe messages.
import { LOCAL_BASE_URL, LOCAL_OPENID, SUBSCRIBE_TEMPLATES, SubscribeTopic, TRANSPORT } from '../config';
import type { Answer } from './call';
import { clientError } from './errors';

// ---- files: evidence photos and signed papers -------------------------------------------------------

/**
 * Uploads one local file to `cloudPath` in cloud storage and answers its fileID: `wx.cloud.uploadFile` in
 * cloud mode, the local gateway's `/upload` (what `wx.uploadFile` sends) in local mode.
 */
function uploadTo(filePath: string, cloudPath: string): Promise<Answer<{ fileId: string }>> {
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
    return Promise.resolve(clientError('UPLOAD_UNAVAILABLE'));
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

/** Uploads one chosen evidence photo and answers its fileID (what `case.file` takes as evidenceFileIds). */
export function uploadEvidence(filePath: string, now = Date.now()): Promise<Answer<{ fileId: string }>> {
  const ext = (/\.(\w{1,5})$/.exec(filePath)?.[1] ?? 'jpg').toLowerCase();
  return uploadTo(filePath, `evidence/${now.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}.${ext}`);
}

/**
 * Uploads the photo of a party's signed paper to the path the server issued for that case and party
 * (`agreement.scanPath`'s cloudPath) and answers its fileID, for `agreement.uploadScan`.
 */
export function uploadScan(filePath: string, cloudPath: string): Promise<Answer<{ fileId: string }>> {
  return uploadTo(filePath, cloudPath);
}

// ---- subscribe messages ---------------------------------------------------------------------------

/**
 * The notices each member of staff asks to receive (at most three per prompt, WeChat's limit): what the server
 * sends them — organisations' directors and intake staff get transfers, deadline alerts and progress (待盖章,
 * 高风险预警, a case they first registered closed); mediators get assignments, deadlines and progress (bookings,
 * 待回访), and session reminders when they propose a time.
 */
export const STAFF_NOTICES = {
  organisation: ['transfer_received', 'deadline_alert', 'case_progress'],
  mediator: ['case_assigned', 'deadline_alert', 'case_progress'],
  mediatorSession: ['session_reminder'],
} as const satisfies Record<string, readonly SubscribeTopic[]>;

/**
 * Asks (inside a tap handler) whether WeChat may send the given notices. Never blocks the action: a refusal
 * or an old base library only means the user reads progress in the app.
 */
export function askToSubscribe(topics: readonly SubscribeTopic[]): Promise<void> {
  const tmplIds = topics.map((t) => SUBSCRIBE_TEMPLATES[t]).filter(Boolean).slice(0, 3);
  if (!tmplIds.length || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({ tmplIds, success: () => resolve(), fail: () => resolve() } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}

/**
 * Asks (inside a tap handler) for one notice and says what the person chose: `accepted`, `refused` (or the
 * template is not configured), or `unavailable` (an old base library or WeChat could not ask).
 */
export function askForReminder(topic: SubscribeTopic): Promise<'accepted' | 'refused' | 'unavailable'> {
  const tmplId = SUBSCRIBE_TEMPLATES[topic];
  if (!tmplId || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve('unavailable');
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [tmplId],
      success: (res: Record<string, string>) => resolve(res[tmplId] === 'accept' ? 'accepted' : 'refused'),
      fail: () => resolve('unavailable'),
    } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}
