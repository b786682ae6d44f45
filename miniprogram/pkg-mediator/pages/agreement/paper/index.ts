// 线下签字 (staff): a marriage, adoption or inheritance agreement cannot be confirmed online (Electronic Signature
// Law Art. 3), so each party signs the printed agreement at the committee and staff record it here. Per party:
// the photo of the signed paper is taken (`wx.chooseMedia`), the server issues where it goes (`agreement.scanPath`,
// a path for this case and party), it is uploaded there (`wx.cloud.uploadFile`) and recorded as that party's
// confirmation of this exact version (`agreement.uploadScan`). The page says who is still to sign; once all have,
// the mediator signs and the committee seals on the follow-up page. Reads `agreement.get`.
import { PARTY_ROLE_LABEL, STAFF_ROLE_LABEL } from '../../../../generated/labels';
import { definePage } from '../../../../kit/page';
import { agreementApi, reportApi, showError, uploadScan, type Answer } from '../../../../services/index';
import type { AgreementView } from '../../../../services/types';
import { openGeneratedFile } from '../../../../utils/open-file';
import { isPrivacyDenied } from '../../../../utils/privacy';
import { ROUTES } from '../../../../utils/routes';
import { formatTime } from '../../../../utils/format';

const ROLE_LABELS: Readonly<Record<string, string>> = PARTY_ROLE_LABEL;

interface SignerRow {
  partyId: string;
  name: string;
  roleLabel: string;
  signed: boolean;
  /** 已签字 · 5月8日 15:00 上传签字件, or 待签字. */
  note: string;
}

/** Every party who must sign this version: those who have (on paper) and those still awaited. */
function signers(a: AgreementView): SignerRow[] {
  const roleOf = (partyId: string) => {
    const p = 'parties' in a.content ? a.content.parties.find((x) => x.partyId === partyId) : undefined;
    return p ? ROLE_LABELS[p.role] ?? p.role : '';
  };
  const done = a.confirmations
    .filter((c) => c.current)
    .map((c) => ({
      partyId: c.partyId,
      name: c.name,
      roleLabel: roleOf(c.partyId),
      signed: true,
      note: c.method === 'paper' ? `已签字 · ${formatTime(c.at)} 上传签字件` : `已确认 · ${formatTime(c.at)}`,
    }));
  const waiting = a.awaiting.map((w) => ({ partyId: w.partyId, name: w.name, roleLabel: roleOf(w.partyId), signed: false, note: '待签字' }));
  return [...waiting, ...done].sort((x, y) => x.partyId.localeCompare(y.partyId, 'en', { numeric: true }));
}

/** The agreement; none drafted yet is an empty page, not a failure. */
async function agreementOf(caseId: string): Promise<Answer<AgreementView | null>> {
  const a = await agreementApi.get({ caseId });
  if (!a.ok && a.code === 'NO_AGREEMENT') return { ok: true, data: null };
  return a;
}

/** Asks for one photo of the signed paper (camera first: the paper is on the desk). */
function choosePhoto(): Promise<string | undefined> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['original'],
      success: (res) => resolve(res.tempFiles[0]?.tempFilePath),
      fail: (err) => {
        if (isPrivacyDenied(err)) wx.showToast({ title: '未同意隐私保护指引，无法拍照上传签字件', icon: 'none', duration: 3000 });
        // Cancelling the camera is not an error.
        resolve(undefined);
      },
    });
  });
}

definePage({
  role: { roles: ['mediator', 'director', 'intake'], name: `${STAFF_ROLE_LABEL.mediator}和工作人员` },
  data: {
    caseId: '',
    hash: '',
    title: '',
    versionText: '',
    /** The agreement is confirmed on paper (marriage, adoption, inheritance); otherwise this page has nothing to do. */
    paperOnly: false,
    /** Still at the confirming stage (agreement_pending): scans can be recorded. */
    open: false,
    signers: [] as SignerRow[],
    waitingText: '',
    allSigned: false,
    /** Past the confirming stage: where the agreement stands instead. */
    closedText: '',
    /** The party whose paper is being photographed, uploaded and recorded (their button shows it). */
    uploading: '',
    printing: false,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const a = await this.runLoad(() => agreementOf(this.data.caseId));
    if (!a) return;
    const rows = signers(a);
    const waiting = rows.filter((r) => !r.signed);
    this.setData({
      hash: a.hash,
      title: a.title,
      versionText: a.version ? `第 ${a.version} 稿` : '',
      paperOnly: a.form === 'written' && a.paperOnly,
      open: a.status === 'agreement_pending',
      signers: rows,
      waitingText: waiting.length ? `还需签字：${waiting.map((r) => r.name).join('、')}` : '',
      allSigned: waiting.length === 0,
      closedText: a.status === 'agreement_pending' ? '' : a.effectiveAt ? `协议已于${formatTime(a.effectiveAt)}生效` : `案件${a.statusLabel}，不再上传签字件`,
    });
  },
  methods: {
    /** 打印协议: the agreement as a Word file the committee prints for the parties to sign. */
    async onPrint() {
      if (this.data.printing) return;
      this.setData({ printing: true });
      const res = await reportApi.document({ caseId: this.data.caseId, kind: 'agreement' });
      if (!res.ok) {
        this.setData({ printing: false });
        showError(res);
        return;
      }
      const opened = await openGeneratedFile(res.data, 'docx');
      this.setData({ printing: false });
      if (!opened) wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
    },
    /**
     * 拍照上传: photograph one party's signed paper, upload it where the server says, and record it as their
     * signature of the version on screen. A failure at any step is shown and nothing is recorded.
     */
    async onScan(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const party = this.data.signers.find((s) => s.partyId === e.currentTarget.dataset.id);
      if (!party || party.signed || this.data.busy || this.data.uploading) return;
      const filePath = await choosePhoto();
      if (!filePath) return;
      const { caseId, hash } = this.data;
      this.setData({ uploading: party.partyId });
      const where = await this.submit(agreementApi.scanPath, { caseId, partyId: party.partyId }, { reload: false, reloadOn: ['CONFLICT', 'INVALID_TRANSITION', 'PAPER_NOT_ALLOWED'] });
      if (!where) {
        this.setData({ uploading: '' });
        return;
      }
      const up = await uploadScan(filePath, where.cloudPath);
      if (!up.ok) {
        this.setData({ uploading: '' });
        showError(up);
        return;
      }
      await this.submit(
        agreementApi.uploadScan,
        { caseId, partyId: party.partyId, hash, fileId: up.data.fileId },
        { done: `已记录${party.name}的签字件`, reloadOn: ['CONFLICT', 'AGREEMENT_VERSION_CHANGED', 'INVALID_TRANSITION'] },
      );
      this.setData({ uploading: '' });
    },
    onFollowUp() {
      wx.redirectTo({ url: `${ROUTES.mediatorFollowUp}?id=${encodeURIComponent(this.data.caseId)}` });
    },
  },
});
