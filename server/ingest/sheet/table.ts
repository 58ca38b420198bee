import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { decodeText } from './decode.js';
import { MAX_IMPORT_ROWS } from './interpret.js';
import { inflatedSize } from './unzip.js';

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
    // Stop parsing one record past the cap: a huge file is refused without being read whole.
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, to: MAX_IMPORT_ROWS + 2 });
  } catch (err) {
    throw new SheetError(`the CSV cannot be read: ${(err as Error).message}`);
  }
  const [headers = [], ...rest] = records;
  if (rest.length > MAX_IMPORT_ROWS) throw tooMany();
  return {
    headers,
    rows: rest.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c === '' ? null : c)), extra: cells.slice(headers.length).some((c) => c !== '') })),
    format: `CSV, ${encoding}, "${delimiter === '\t' ? 'tab' : delimiter}" separated`,
  };
}

const tooMany = () => new SheetError(`the file has more than ${MAX_IMPORT_ROWS} rows; split it into files of at most ${MAX_IMPORT_ROWS}`);

/** The first worksheet of an XLSX file, read as a stream: stops at the row cap, never holds the whole sheet's XML. */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    await inflatedSize(buf);
  } catch (err) {
    throw new SheetError(`the XLSX file cannot be read: ${(err as Error).message}`);
  }
  // Loaded on first use: exceljs costs the server about 27 MiB resident whether or not anyone imports a sheet.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
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
  let headers: string[] | null = null;
  const rows: Table['rows'] = [];
  try {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        if (headers === null) {
          // The header row is row 1; a sheet whose first row is later has no headers.
          const h = r.number === 1 ? r : null;
          headers = h ? Array.from({ length: h.cellCount }, (_, i) => String(read(h.getCell(i + 1)) ?? '')) : [];
          if (h) continue;
        }
        const cells = Array.from({ length: headers.length }, (_, i) => read(r.getCell(i + 1)));
        if (!cells.some((c) => c !== null)) continue;
        if (rows.length === MAX_IMPORT_ROWS) throw tooMany();
        rows.push({ row: r.number, cells });
      }
      break;
    }
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(`the XLSX file cannot be read: ${(err as Error).message}`);
  }
  if (headers === null) throw new SheetError('the XLSX file has no worksheet, or its first worksheet is empty');
  return { headers, rows, format: 'XLSX' };
}

/** Read an uploaded spreadsheet: XLSX by its signature (a ZIP), CSV otherwise. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? readXlsx(bytes) : readCsv(bytes);
}
