// Writes a register as a spreadsheet (SpreadsheetML, ECMA-376; why not exceljs: see ooxml.ts): a title row, a line
// naming the organisation and period, the column headings, then one row per case. Printing: landscape, A4, one
// page wide, headings repeated on every page. Text goes to the shared-strings part (as Excel itself writes it, and
// what every phone viewer reads), numbers stay numbers. Row heights are left to the reader, which fits wrapped text.
import { coreProperties, packageFrame, XML_HEAD, xmlText, zipPackage } from './ooxml';
import type { Cell, RegisterSheet } from './registers';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Cell styles, by their index in styles.xml's cellXfs. */
const STYLE = { plain: 0, title: 1, heading: 2, body: 3 } as const;

// 宋体 11 for text (what a county office's copy of WPS or Excel shows by default), the title in bold 16, headings
// bold; headings and body cells with thin borders, wrapped; headings centred, body text at the top of its cell.
const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font>' +
  '<font><b/><sz val="16"/><name val="宋体"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const { contentTypes: CONTENT_TYPES, rootRels: ROOT_RELS } = packageFrame(
  ['xl/workbook.xml', 'spreadsheetml.sheet.main+xml'],
  [
    ['xl/worksheets/sheet1.xml', 'spreadsheetml.worksheet+xml'],
    ['xl/styles.xml', 'spreadsheetml.styles+xml'],
    ['xl/sharedStrings.xml', 'spreadsheetml.sharedStrings+xml'],
  ],
);

const WORKBOOK_RELS =
  XML_HEAD +
  `<Relationships xmlns="${NS_PKG_REL}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';

/** The column's letters: 1 → A, 27 → AA. */
export function columnName(n: number): string {
  let s = '';
  for (let m = n; m > 0; m = Math.floor((m - 1) / 26)) s = String.fromCharCode(65 + ((m - 1) % 26)) + s;
  return s;
}

/** A sheet's name as Excel allows it: at most 31 characters, none of : \ / ? * [ ], no apostrophe at either end, not empty. */
export function sheetName(title: string): string {
  return (
    title
      .replace(/[:\\/?*[\]]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31)
      .replace(/'+$/, '') || 'Sheet1'
  );
}

/** The workbook's texts, each stored once and referred to by its index. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private uses = 0;

  of(text: string): number {
    this.uses++;
    let i = this.index.get(text);
    if (i === undefined) this.index.set(text, (i = this.index.size));
    return i;
  }

  xml(): string {
    let items = '';
    for (const text of this.index.keys()) items += `<si><t xml:space="preserve">${xmlText(text)}</t></si>`;
    return XML_HEAD + `<sst xmlns="${NS_MAIN}" count="${this.uses}" uniqueCount="${this.index.size}">${items}</sst>`;
  }
}

function cell(strings: SharedStrings, ref: string, value: Cell | null | undefined, style: number): string {
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  return `<c r="${ref}" s="${style}" t="s"><v>${strings.of(value === null || value === undefined ? '' : String(value))}</v></c>`;
}

function worksheet(sheet: RegisterSheet, subtitle: string, letters: string[], strings: SharedStrings): string {
  const last = letters[letters.length - 1];
  const rows: string[] = [`<row r="1">${cell(strings, 'A1', sheet.title, STYLE.title)}</row>`, `<row r="2">${cell(strings, 'A2', subtitle, STYLE.plain)}</row>`];
  rows.push(`<row r="3">${sheet.columns.map((title, i) => cell(strings, `${letters[i]}3`, title, STYLE.heading)).join('')}</row>`);
  const merges = [`A1:${last}1`, `A2:${last}2`];
  sheet.rows.forEach((row, j) => {
    const r = j + 4;
    let cells = '';
    for (let i = 0; i < letters.length; i++) cells += cell(strings, `${letters[i]}${r}`, row[i], STYLE.body);
    rows.push(`<row r="${r}">${cells}</row>`);
  });
  if (!sheet.rows.length) {
    rows.push(`<row r="4">${cell(strings, 'A4', '本期无记录', STYLE.plain)}</row>`);
    merges.push(`A4:${last}4`);
  }
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${last}${Math.max(4, sheet.rows.length + 3)}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>'
  );
}

export function registerWorkbook(sheet: RegisterSheet, subtitle: string, now: Date): Buffer {
  const letters = Array.from({ length: Math.max(1, sheet.columns.length) }, (_, i) => columnName(i + 1));
  const name = xmlText(sheetName(sheet.title));
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews>` +
    `<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets>` +
    // The headings' row printed at the top of every page.
    `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'${name.replace(/'/g, "''")}'!$3:$3</definedName></definedNames></workbook>`;
  const strings = new SharedStrings();
  const sheetXml = worksheet(sheet, subtitle, letters, strings);
  return zipPackage(
    [
      ['[Content_Types].xml', CONTENT_TYPES, 'fixed'],
      ['_rels/.rels', ROOT_RELS, 'fixed'],
      ['docProps/core.xml', coreProperties({ creator: '人民调解', title: sheet.title }, now)],
      ['xl/workbook.xml', workbook],
      ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS, 'fixed'],
      ['xl/styles.xml', STYLES, 'fixed'],
      ['xl/worksheets/sheet1.xml', sheetXml],
      ['xl/sharedStrings.xml', strings.xml()],
    ],
    now,
  );
}
