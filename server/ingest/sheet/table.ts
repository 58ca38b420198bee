import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeText } from './decode.js';

/** A cell as read: text, a number, a date (Excel date cells), or a number shown as a percentage. */
export type Cell = string | number | Date | { percent: number } | null;

export interface Table {
  /** Column headers as written in the file. */
  headers: string[];
  /** Data rows with their row number in the file (1 = the header row). */
  rows: { row: number; cells: Cell[] }[];
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
    rows: rest.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c === '' ? null : c)) })),
    format: `CSV, ${encoding}, "${delimiter === '\t' ? 'tab' : delimiter}" separated`,
  };
}

/** The first worksheet of an XLSX file. */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    throw new SheetError(`the XLSX file cannot be read: ${(err as Error).message}`);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new SheetError('the XLSX file has no worksheet');
  const read = (c: ExcelJS.Cell): Cell => {
    const v = c.value;
    if (v === null || v === undefined || v === '') return null;
    if (v instanceof Date) return v;
    if (typeof v === 'number') return /%/.test(c.numFmt ?? '') ? { percent: v * 100 } : v;
    if (typeof v === 'object' && 'result' in v) return typeof v.result === 'number' ? v.result : v.result instanceof Date ? v.result : String(v.result ?? '');
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
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
