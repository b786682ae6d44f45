// exceljs and docx are most of the report function's bundle: loaded when a file is first made, not when the
// function starts, so a cold start that only reads figures or the overview does not pay for them.
import type { DocContent } from './documents';
import type { RegisterSheet } from './registers';

export async function registerWorkbook(sheet: RegisterSheet, subtitle: string): Promise<Buffer> {
  return (await import('./xlsx')).registerWorkbook(sheet, subtitle);
}

export async function documentFile(doc: DocContent): Promise<Buffer> {
  return (await import('./docx')).documentFile(doc);
}
