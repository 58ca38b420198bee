import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeText } from './decode.js';

/** A cell as read: text, a number, a date (Excel date cells), or a number shown as a percentage. */
export type Cell = string | number | Date | { percent: number } | null;

export interface Table {
  /** Column headers as written in the file. */
  headers: string[];
  /** Data rows with their row number in the file (1 = the header row); `extra`: cells beyond the headers. */
  rows: { row: number; cells: Cell[]; extra?: boolean }[];
  format: string;
}

export class SheetError extends Error {}

/** The separator of a CSV: whichever of `;`, `,` or tab splits the header line most. */
function separator(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  return [';', ',', '\t'].sort((a, b) => count(b) - count(a))[0]!;
}

export function readCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = separator(firstLine);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new SheetError(`the CSV cannot be read: ${(err as Error).message}`);
  }
  const [headers = [], ...rest] = records;
  return {
    headers,
    rows: rest.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c === '' ? null : c)), extra: cells.slice(headers.length).some((c) => c !== '') })),
    format: `CSV, ${encoding}, "${delimiter === '\t' ? 'tab' : delimiter}" separated`,
  };
}

/** Largest unpacked XLSX accepted: a real monthly file is well under; a "zip bomb" is refused. */
const MAX_UNPACKED = 64 * 1024 * 1024;

/** Sum of the uncompressed sizes in a ZIP's central directory (null when it cannot be found). */
export function unpackedSize(b: Buffer): number | null {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_558); i--) {
    if (b.readUInt32LE(i) !== 0x06054b50) continue;
    const entries = b.readUInt16LE(i + 10);
    let p = b.readUInt32LE(i + 16);
    let total = 0;
    for (let k = 0; k < entries; k++) {
      if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return null;
      total += b.readUInt32LE(p + 24);
      p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    }
    return total;
  }
  return null;
}

/** The first worksheet of an XLSX file. */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const size = unpackedSize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (size === null) throw new SheetError('the XLSX file is damaged (no ZIP directory)');
  if (size > MAX_UNPACKED) throw new SheetError(`the XLSX file unpacks to ${Math.round(size / 2 ** 20)} MB, more than the ${MAX_UNPACKED / 2 ** 20} MB allowed`);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    throw new SheetError(`the XLSX file cannot be read: ${(err as Error).message}`);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new SheetError('the XLSX file has no worksheet');
  // A number shown as a percentage is stored as a fraction: 0.455 shown "45.5%" means 45.5.
  const num = (c: ExcelJS.Cell, n: number): Cell => (/%/.test(c.numFmt ?? '') ? { percent: Number((n * 100).toPrecision(12)) } : n);
  const read = (c: ExcelJS.Cell): Cell => {
    const v = c.value;
    if (v === null || v === undefined || v === '') return null;
    if (v instanceof Date) return v;
    if (typeof v === 'number') return num(c, v);
    if (typeof v === 'object' && 'result' in v) {
      const r = v.result;
      return typeof r === 'number' ? num(c, r) : r instanceof Date ? r : r === undefined || r === null ? null : typeof r === 'object' ? '#ERROR' : String(r);
    }
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (typeof v === 'object' && 'error' in v) return String(v.error);
    return String(v).trim();
  };
  const headerRow = sheet.getRow(1);
  const width = headerRow.cellCount;
  const headers = Array.from({ length: width }, (_, i) => String(read(headerRow.getCell(i + 1)) ?? ''));
  const rows: Table['rows'] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const cells = Array.from({ length: width }, (_, i) => read(r.getCell(i + 1)));
    if (cells.some((c) => c !== null)) rows.push({ row: n, cells });
  });
  return { headers, rows, format: 'XLSX' };
}

/** Read an uploaded spreadsheet: XLSX by its signature (a ZIP), CSV otherwise. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? readXlsx(bytes) : readCsv(bytes);
}
