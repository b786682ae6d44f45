// Writes a document's blocks as a Word file (WordprocessingML, ECMA-376; why not the docx library: see ooxml.ts):
// the organisation and title centred, the case number on the right, then paragraphs, bordered tables the width of
// the page, and signature/seal lines on the right. A4 portrait, margins of an inch. Fonts: 宋体 body (小四, 12 pt),
// 黑体 headings and title. A line break inside a text (a pasted agreement term) stays a line break.
import type { Block, DocContent } from './documents';
import { coreProperties, packageFrame, XML_HEAD, xmlText, zipPackage } from './ooxml';

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The page's text width in twentieths of a point: A4 (11906) less two margins of 1440. */
const TEXT_WIDTH = 11906 - 2 * 1440;

interface RunStyle {
  font: '宋体' | '黑体';
  /** Half-points: 24 is 12 pt (小四). */
  size: number;
  bold?: boolean;
}

const BODY: RunStyle = { font: '宋体', size: 24 };

interface ParaStyle {
  align?: 'center' | 'right';
  before?: number;
  after?: number;
  /** Line spacing in 240ths of a line: 360 is one and a half. */
  line?: number;
}

function run(text: string, s: RunStyle): string {
  const props =
    `<w:rPr><w:rFonts w:ascii="${s.font}" w:eastAsia="${s.font}" w:hAnsi="${s.font}" w:cs="${s.font}"/>` +
    (s.bold ? '<w:b/><w:bCs/>' : '') +
    `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/></w:rPr>`;
  const lines = text.split(/\r?\n/).map((line) => `<w:t xml:space="preserve">${xmlText(line)}</w:t>`);
  return `<w:r>${props}${lines.join('<w:br/>')}</w:r>`;
}

function para(text: string, r: RunStyle, p: ParaStyle = {}): string {
  const spacing =
    p.before !== undefined || p.after !== undefined || p.line !== undefined
      ? `<w:spacing${p.before !== undefined ? ` w:before="${p.before}"` : ''}${p.after !== undefined ? ` w:after="${p.after}"` : ''}${
          p.line !== undefined ? ` w:line="${p.line}" w:lineRule="auto"` : ''
        }/>`
      : '';
  const props = spacing || p.align ? `<w:pPr>${spacing}${p.align ? `<w:jc w:val="${p.align}"/>` : ''}</w:pPr>` : '';
  return `<w:p>${props}${text ? run(text, r) : ''}</w:p>`;
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';
const TABLE_PROPS =
  `<w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/>` +
  `<w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders><w:tblLayout w:type="autofit"/></w:tblPr>`;

function table(rows: string[][]): string {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const grid = `<w:tblGrid>${`<w:gridCol w:w="${Math.floor(TEXT_WIDTH / columns)}"/>`.repeat(columns)}</w:tblGrid>`;
  const body = rows
    .map((r) => {
      let cells = '';
      for (let i = 0; i < columns; i++) cells += `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${para(r[i] ?? '', BODY)}</w:tc>`;
      return `<w:tr>${cells}</w:tr>`;
    })
    .join('');
  return `<w:tbl>${TABLE_PROPS}${grid}${body}</w:tbl>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return para(b.text, { font: '黑体', size: 24, bold: true }, { before: 160, after: 80 });
    case 'para':
      return para(b.text, { ...BODY, bold: b.bold }, { align: b.right ? 'right' : undefined, after: 80, line: 360 });
    case 'table':
      // An empty paragraph after the table: Word needs one between two tables, and it gives the next text room.
      return table(b.rows) + para('', BODY);
    case 'sign':
      return b.lines.map((line) => para(line, BODY, { align: 'right', before: 240 })).join('');
  }
}

const { contentTypes: CONTENT_TYPES, rootRels: ROOT_RELS } = packageFrame(['word/document.xml', 'wordprocessingml.document.main+xml'], [['word/styles.xml', 'wordprocessingml.styles+xml']]);

const DOCUMENT_RELS =
  XML_HEAD +
  `<Relationships xmlns="${NS_PKG_REL}">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';

// The defaults every paragraph starts from: 宋体 小四, Chinese as the East Asian language.
const STYLES =
  XML_HEAD +
  `<w:styles xmlns:w="${NS_W}"><w:docDefaults><w:rPrDefault><w:rPr>` +
  '<w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:cs="宋体"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>' +
  '</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>';

const SECTION =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>' +
  '<w:docGrid w:linePitch="360"/></w:sectPr>';

export function documentFile(doc: DocContent, now: Date): Buffer {
  const body =
    para(doc.orgName, { font: '宋体', size: 28 }, { align: 'center' }) +
    para(doc.title, { font: '黑体', size: 36, bold: true }, { align: 'center', after: 120 }) +
    para(`编号：${doc.caseNo}`, BODY, { align: 'right', after: 240 }) +
    doc.blocks.map(block).join('');
  const document = XML_HEAD + `<w:document xmlns:w="${NS_W}"><w:body>${body}${SECTION}</w:body></w:document>`;
  return zipPackage(
    [
      ['[Content_Types].xml', CONTENT_TYPES, 'fixed'],
      ['_rels/.rels', ROOT_RELS, 'fixed'],
      ['docProps/core.xml', coreProperties({ creator: doc.orgName, title: doc.title }, now)],
      ['word/document.xml', document],
      ['word/_rels/document.xml.rels', DOCUMENT_RELS, 'fixed'],
      ['word/styles.xml', STYLES, 'fixed'],
    ],
    now,
  );
}
