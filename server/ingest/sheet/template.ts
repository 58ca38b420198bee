import type { AppConfig } from '../../config/types.js';
import { COLUMNS } from './interpret.js';

const headers = () => COLUMNS.map((c) => `${c.vi} (${c.en})`);

/** Example rows: the first units and indicators, for the given period (YYYY-MM). */
function examples(config: AppConfig, period: string): string[][] {
  const [y, m] = period.split('-');
  const units = config.units.filter((u) => u.kind === 'area').slice(0, 2);
  const inds = config.indicators.slice(0, 2);
  return units.flatMap((u) => inds.map((i) => [u.name.vi, i.id, `${m}/${y}`, i.unit === 'percent' ? '45,5%' : '45,5', '']));
}

/** The import template as CSV (UTF-8 with BOM and ";" so that Excel opens it with Vietnamese intact). */
export function templateCsv(config: AppConfig, period: string): Buffer {
  const rows = [headers(), ...examples(config, period)];
  return Buffer.from(`\ufeff${rows.map((r) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n')}\r\n`, 'utf8');
}

/** The import template as XLSX, with a second sheet listing the valid units and indicators. */
export async function templateXlsx(config: AppConfig, period: string): Promise<Buffer> {
  // Loaded on first use (see readXlsx).
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Số liệu');
  sheet.addRow(headers());
  for (const r of examples(config, period)) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 24));
  const ref = book.addWorksheet('Danh mục');
  ref.addRow(['Mã đơn vị (unit id)', 'Mã thống kê (code)', 'Tên (name)']);
  for (const u of config.units) ref.addRow([u.id, u.code ?? '', u.name.vi]);
  ref.addRow([]);
  ref.addRow(['Mã chỉ tiêu (indicator id)', 'Tên (name)', 'Đơn vị tính (unit)']);
  for (const i of config.indicators) ref.addRow([i.id, i.name.vi, i.unit]);
  ref.columns.forEach((c) => (c.width = 32));
  return Buffer.from(await book.xlsx.writeBuffer());
}
