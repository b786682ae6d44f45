// Opening a register or document the report function made: download it by its short-lived link (or from cloud
// storage when there is none) and hand it to WeChat's viewer. Resolves true when the viewer opened it.
import type { FileAnswer } from '../services/types';

export function openGeneratedFile(file: FileAnswer, fileType: 'xlsx' | 'docx'): Promise<boolean> {
  return new Promise((resolve) => {
    const open = (filePath: string) =>
      wx.openDocument({ filePath, fileType, showMenu: true, success: () => resolve(true), fail: () => resolve(false) });
    const failed = () => resolve(false);
    if (file.url) wx.downloadFile({ url: file.url, success: (d) => open(d.tempFilePath), fail: failed });
    else wx.cloud.downloadFile({ fileID: file.fileID, success: (d) => open(d.tempFilePath), fail: failed });
  });
}
