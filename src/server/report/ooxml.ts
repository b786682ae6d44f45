// What the spreadsheet and Word writers share: XML text escaping and the ZIP package (Office Open XML, ECMA-376
// Part 2) that carries their parts.
//
// Why these files are written here and not by exceljs and docx: a month's register of 133 rows took those libraries
// 20–30 ms of the function's own time (their object models, renderers and, for exceljs, a stream through archiver
// and zlib's thread pool; the docx library about 5 ms a file before any content), against a target of 5 ms for a
// screen's read. The parts these files need are few and fixed — one sheet of text cells in four styles, or
// paragraphs and bordered tables — and are written below as strings, about 1–2 ms a register. The package is
// zipped by fflate's streaming `Zip` (its documented way to add a file compressed elsewhere), each part deflated
// by Node's own zlib, synchronously (fflate's own deflate is JavaScript, about ten times slower here), with its
// CRC-32 from crc-32. The tests read every file back with independent readers (exceljs, jszip).
import { deflateRawSync } from 'node:zlib';
import CRC32 from 'crc-32';
import { Zip, type ZipInputFile } from 'fflate';

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Text as XML character data or an attribute value: the five specials escaped, and the control characters XML 1.0
 * cannot carry (all below U+0020 but tab, line feed and carriage return) left out — a pasted text can hold them, and
 * one would make the whole file unreadable.
 */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&<>"]/g, (c) => ENTITY[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** The package's core properties (author, title, when made), as both file kinds carry them. */
export function coreProperties(p: { creator: string; title: string }, now: Date): string {
  const at = `${now.toISOString().slice(0, 19)}Z`;
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(p.title)}</dc:title><dc:creator>${xmlText(p.creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const CT = 'application/vnd.openxmlformats-officedocument.';

/**
 * A package's content types and root relationships: its main part (the workbook, the Word document) and the other
 * parts by their content type (after `application/vnd.openxmlformats-officedocument.`), with the core properties.
 */
export function packageFrame(main: [part: string, type: string], others: Array<[part: string, type: string]>): { contentTypes: string; rootRels: string } {
  const override = ([part, type]: [string, string]) => `<Override PartName="/${part}" ContentType="${CT}${type}"/>`;
  return {
    contentTypes:
      XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      [main, ...others].map(override).join('') +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    rootRels:
      XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main[0]}"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
  };
}

/**
 * Level 1: a month's register of 133 rows deflates in about 0.2 ms against 0.6 at zlib's default level, for a file
 * about 2 KB larger (12 against 10 KB), which a phone on a poor network hardly notices.
 */
const LEVEL = 1;

interface Packed {
  size: number;
  crc: number;
  deflated: Buffer;
}

function pack(xml: string): Packed {
  const raw = Buffer.from(xml, 'utf8');
  return { size: raw.length, crc: CRC32.buf(raw) >>> 0, deflated: deflateRawSync(raw, { level: LEVEL }) };
}

/** Parts whose text never changes (content types, relationships, styles): deflated once per function instance. */
const fixedParts = new Map<string, Packed>();

/** A part of a package: its name, its XML, and whether that XML is the same in every file made. */
export type Part = [name: string, xml: string, fixed?: 'fixed'];

/** The package of the given parts, in order (the content types first, as readers expect). */
export function zipPackage(parts: Part[], mtime: Date): Buffer {
  const chunks: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else chunks.push(chunk);
  });
  for (const [filename, xml, fixed] of parts) {
    let packed = fixed ? fixedParts.get(xml) : undefined;
    if (!packed) {
      packed = pack(xml);
      if (fixed) fixedParts.set(xml, packed);
    }
    const file: ZipInputFile = { filename, size: packed.size, crc: packed.crc, compression: 8, mtime };
    zip.add(file);
    file.ondata!(null, packed.deflated as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  if (failed) throw failed;
  return Buffer.concat(chunks);
}
