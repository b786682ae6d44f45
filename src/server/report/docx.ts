// Writes a document's blocks as a Word file (docx): the organisation and title centred, the case number, then
// paragraphs, tables and signature/seal lines on the right. Fonts: 宋体 body, 黑体 headings.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, DocContent } from './documents';

const BODY = { font: '宋体', size: 24 };

function paragraph(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ spacing: { before: 160, after: 80 }, children: [new TextRun({ text: b.text, bold: true, font: '黑体', size: 24 })] })];
    case 'para':
      return [
        new Paragraph({
          alignment: b.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { after: 80, line: 360 },
          children: [new TextRun({ text: b.text, bold: b.bold, ...BODY })],
        }),
      ];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map(
            (r) =>
              new TableRow({
                children: r.map(
                  (cell) =>
                    new TableCell({
                      borders: {
                        top: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
                        bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
                        left: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
                        right: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
                      },
                      children: [new Paragraph({ children: [new TextRun({ text: cell, ...BODY })] })],
                    }),
                ),
              }),
          ),
        }),
        new Paragraph({ children: [] }),
      ];
    case 'sign':
      return b.lines.map((line) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 240 }, children: [new TextRun({ text: line, ...BODY })] }));
  }
}

export async function documentFile(doc: DocContent): Promise<Buffer> {
  const file = new Document({
    creator: doc.orgName,
    title: doc.title,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.orgName, font: '宋体', size: 28 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: doc.title, bold: true, font: '黑体', size: 36 })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [new TextRun({ text: `编号：${doc.caseNo}`, ...BODY })] }),
          ...doc.blocks.flatMap(paragraph),
        ],
      },
    ],
  });
  return Packer.toBuffer(file);
}
