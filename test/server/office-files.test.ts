// The register and document writers (src/server/report/xlsx.ts, docx.ts, ooxml.ts) write Office Open XML by hand:
// these read their files back with independent readers — a strict XML parser for every part, exceljs for the
// spreadsheet, jszip for the package — on the text a register or a document can carry: XML's special characters,
// control characters pasted into a dispute, line breaks in an agreement term, an empty month, a long title.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { documentFile } from '../../src/server/report/docx';
import { columnName, registerWorkbook, sheetName } from '../../src/server/report/xlsx';
import type { RegisterSheet } from '../../src/server/report/registers';

const NOW = new Date('2026-12-02T08:00:00.000Z');
const TRICKY = '张三 <b>&amp; "引号" \'单引号\' ]]> 😀';

/** Every part of the package, parsed strictly (well-formed XML 1.0, namespaces declared): its name and text. */
async function partsOf(file: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    const xml = await zip.file(name)!.async('string');
    const parser = new SaxesParser({ xmlns: true });
    parser.on('error', (e) => {
      throw new Error(`${name}: ${e.message}`);
    });
    parser.write(xml).close();
    parts.set(name, xml);
  }
  return parts;
}

async function sheetOf(file: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as never);
  return wb.worksheets[0];
}

const sheet = (over: Partial<RegisterSheet> = {}): RegisterSheet => ({
  title: '案件受理登记册',
  columns: ['序号', '申请人', '纠纷简要情况', '调解次数'],
  widths: [6, 14, 40, 10],
  rows: [
    [1, TRICKY, '楼上漏水\u0001\u000b\u001f，天花板受损\n第二行', 0],
    [2, '', '—', 3],
  ],
  ...over,
});

describe('the spreadsheet writer', () => {
  it('keeps every text as written, numbers as numbers, and drops only the control characters XML cannot carry', async () => {
    const file = registerWorkbook(sheet(), '填报单位：桃源社区人民调解委员会 & 下级', NOW);
    const parts = await partsOf(file);
    expect([...parts.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/sharedStrings.xml']));
    const ws = await sheetOf(file);
    expect(ws.name).toBe('案件受理登记册');
    expect(ws.getCell(2, 1).value).toBe('填报单位：桃源社区人民调解委员会 & 下级');
    expect(ws.getRow(4).values).toEqual([undefined, 1, TRICKY, '楼上漏水，天花板受损\n第二行', 0]);
    expect(ws.getCell(5, 4).value).toBe(3);
    expect(typeof ws.getCell(5, 4).value).toBe('number');
    // A blank cell is still a boxed cell of the table.
    expect(ws.getCell(5, 2).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(ws.getColumn(3).width).toBe(40);
  });

  it('says an empty month has no records, across the table', async () => {
    const ws = await sheetOf(registerWorkbook(sheet({ rows: [] }), '统计期间：2026年11月', NOW));
    expect(ws.getCell(4, 1).value).toBe('本期无记录');
    expect(ws.getCell(4, 4).master.address).toBe('A4');
    expect(ws.getRow(3).values).toEqual([undefined, '序号', '申请人', '纠纷简要情况', '调解次数']);
  });

  it("names the sheet as Excel allows (31 characters, none of : \\ / ? * [ ], no apostrophe at either end) and columns past Z", async () => {
    expect(sheetName('调解案件登记册:2026/11 [桃源] 第一页*?共计三十二个字符以上的很长标题')).toBe('调解案件登记册_2026_11 _桃源_ 第一页__共计三十二');
    expect(sheetName("'台账'")).toBe('台账');
    expect(sheetName('')).toBe('Sheet1');
    expect([1, 26, 27, 52, 53, 702, 703].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    const wide = sheet({ title: '很长的标题：' + '字'.repeat(40), columns: Array.from({ length: 30 }, (_, i) => `列${i + 1}`), widths: Array(30).fill(8), rows: [Array.from({ length: 30 }, (_, i) => i)] });
    const ws = await sheetOf(registerWorkbook(wide, '', NOW));
    expect(ws.name).toHaveLength(31);
    expect(ws.getCell(3, 30).value).toBe('列30');
    expect(ws.getCell(4, 28).value).toBe(27);
    expect(ws.getCell(1, 30).master.address).toBe('A1');
  });
});

describe('the Word writer', () => {
  const doc = {
    title: '人民调解协议书',
    orgName: '桃源社区人民调解委员会 & 调解室',
    caseNo: '（2026）桃调字第101号',
    blocks: [
      { kind: 'heading' as const, text: '协议内容' },
      { kind: 'para' as const, text: `一、${TRICKY}\n二、李四于\u00012026年12月10日前付清。`, bold: true },
      { kind: 'table' as const, rows: [['序号', '文件题名', '备注'], ['1', '调解申请书']] },
      { kind: 'sign' as const, lines: ['调解员（签名）：', '2026年12月2日'] },
    ],
  };

  it('writes every block, keeps a line break as a break and the text as written', async () => {
    const parts = await partsOf(documentFile(doc, NOW));
    const xml = parts.get('word/document.xml')!;
    // The body's text, a paragraph ending in ¶, a break as a line feed.
    const body = xml.slice(xml.indexOf('<w:body>'));
    const decoded = body
      .replace(/<w:br\/>/g, '\n')
      .replace(/<\/w:p>/g, '¶')
      .replace(/<w:p\/>/g, '¶')
      .replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(decoded.split('¶')).toEqual([
      '桃源社区人民调解委员会 & 调解室',
      '人民调解协议书',
      '编号：（2026）桃调字第101号',
      '协议内容',
      `一、${TRICKY}\n二、李四于2026年12月10日前付清。`,
      '序号',
      '文件题名',
      '备注',
      '1',
      '调解申请书',
      '',
      '',
      '调解员（签名）：',
      '2026年12月2日',
      '',
    ]);
    // One table, its short row given the empty cell it lacks; the signature lines on the right.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml.match(/<w:tc>/g)).toHaveLength(6);
    expect(xml).toContain('<w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:cs="宋体"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">调解员（签名）：');
    // A4 portrait; the title and author in the package's properties.
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(parts.get('docProps/core.xml')).toContain('<dc:title>人民调解协议书</dc:title><dc:creator>桃源社区人民调解委员会 &amp; 调解室</dc:creator>');
  });
});
