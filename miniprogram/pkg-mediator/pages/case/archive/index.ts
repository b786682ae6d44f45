// 电子卷宗: a closed case's file as it was filed when the case closed (report.archive) — its archive number (卷宗号,
// given by the timer a few minutes after closing: until then the page says 编号中),
// where and until when it is kept, the table of contents (卷内目录) with each paper openable (documents made again
// from the case record with report.document, evidence and signed papers from storage), and the audit chain's proof
// checked again for this read. The organisation's staff and the area's supervisors read it; the server leaves
// names and file links out for a supervisor. A director may write the case up as a typical case from here.
import { definePage } from '../../../../kit/page';
import { reportApi } from '../../../../services/index';
import { showError } from '../../../../services/feedback';
import type { ArchiveAnswer, ArchiveEntry, FileAnswer } from '../../../../services/types';
import { formatDate, formatDateTimeWithYear, formatTime, yearsText } from '../../../../utils/format';
import { openGeneratedFile } from '../../../../utils/open-file';
import { ROUTES } from '../../../../utils/routes';

interface Row {
  seq: number;
  title: string;
  note: string;
  /** A document to make, or a stored file's link; neither: listed only (a supervisor's copy). */
  document: string;
  url: string;
  openable: boolean;
}

const IMAGE = /\.(jpe?g|png|gif|webp|heic)(\?|$)/i;

function rowOf(e: ArchiveEntry): Row {
  return {
    seq: e.seq,
    title: `${e.seq}. ${e.title}`,
    note: `${formatDate(e.date)} · ${e.extent}${e.addedAfterClose ? ' · 结案后补入' : ''}`,
    document: e.document ?? '',
    url: e.url ?? '',
    openable: Boolean(e.document || e.url),
  };
}

definePage({
  role: { roles: ['mediator', 'director', 'intake', 'supervisor'], name: '办案人员和督导人员' },
  data: {
    caseId: '',
    archiveNo: '',
    caseNo: '',
    orgName: '',
    closedLine: '',
    keepLine: '',
    verified: false,
    proofLine: '',
    problem: '',
    supervisor: false,
    rows: [] as Row[],
    index: null as FileAnswer | null,
    /** The paper being opened (its seq), or -1 for the 卷内目录 itself. */
    opening: 0,
  },
  onLoad(query) {
    this.setData({ caseId: query.id ?? '' });
  },
  async load() {
    const a = await this.runLoad(() => reportApi.archive({ caseId: this.data.caseId }));
    if (!a) return;
    this.show(a);
  },
  methods: {
    show(a: ArchiveAnswer) {
      const p = a.proof;
      this.setData({
        archiveNo: a.archiveNo ?? '',
        caseNo: a.caseNo,
        orgName: a.orgName,
        closedLine: `${formatDateTimeWithYear(a.closedAt)}结案 · ${a.outcomeLabel}`,
        keepLine: `保管${yearsText(a.retentionYears)}，至${formatDate(a.keepUntil)}`,
        verified: p.verified,
        proofLine: `结案时共 ${p.entries} 条记录，末条摘要 ${p.headHash.slice(0, 16)}…；${formatTime(p.verifiedAt)}核验${p.entriesNow > p.entries ? `（结案后又有 ${p.entriesNow - p.entries} 条）` : ''}`,
        problem: p.problemText ?? '',
        supervisor: a.viewer === 'supervisor',
        rows: a.contents.map(rowOf),
        index: a.index,
      });
    },
    /** One paper of the file: a document is made again from the case record; a stored file opens by its link. */
    async onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { seq?: number }>) {
      const row = this.data.rows.find((r) => r.seq === Number(e.currentTarget.dataset.seq));
      if (!row || !row.openable || this.data.opening) return;
      if (row.url) {
        if (IMAGE.test(row.url)) {
          wx.previewImage({ urls: [row.url], current: row.url });
          return;
        }
        this.setData({ opening: row.seq });
        wx.downloadFile({
          url: row.url,
          success: (d) => wx.openDocument({ filePath: d.tempFilePath, showMenu: true, complete: () => this.setData({ opening: 0 }) }),
          fail: () => {
            this.setData({ opening: 0 });
            wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
          },
        });
        return;
      }
      this.setData({ opening: row.seq });
      const res = await reportApi.document({ caseId: this.data.caseId, kind: row.document as NonNullable<ArchiveEntry['document']> });
      if (!res.ok) {
        this.setData({ opening: 0 });
        showError(res);
        return;
      }
      const opened = await openGeneratedFile(res.data, 'docx');
      this.setData({ opening: 0 });
      if (!opened) wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
    },
    /** A director writes the closed case up as a typical case (典型案例) for residents. */
    onTypical() {
      wx.navigateTo({ url: `${ROUTES.directorTypical}?caseId=${encodeURIComponent(this.data.caseId)}&caseNo=${encodeURIComponent(this.data.caseNo)}` });
    },
    onAudit() {
      wx.navigateTo({ url: `${ROUTES.caseAudit}?id=${encodeURIComponent(this.data.caseId)}` });
    },
    /** 卷内目录 as a Word file, made for this read. */
    async onIndex() {
      const file = this.data.index;
      if (!file || this.data.opening) return;
      this.setData({ opening: -1 });
      const opened = await openGeneratedFile(file, 'docx');
      this.setData({ opening: 0 });
      if (!opened) wx.showToast({ title: '文件下载失败，请下拉刷新后重试', icon: 'none' });
    },
  },
});
