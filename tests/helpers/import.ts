import { TOKEN } from './server.js';

/** What POST /api/import answers (the fields the tests read). */
export interface ImportBody {
  accepted?: number;
  dryRun?: boolean;
  format?: string;
  new?: number;
  update?: number;
  readings?: { row: number; unit: string; indicator: string; value: number; at: string; change: string; previous: number | null }[];
  error?: { code: string; message: string; details: { row: number; field: string; problem: string; message: string }[] };
}
/** POST a file to /api/import as the admin (or `token`), as a dry run when asked. */
export async function upload(url: string, body: Uint8Array, o: { dryRun?: boolean; token?: string; type?: string } = {}) {
  const res = await fetch(`${url}/api/import${o.dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.token ?? TOKEN}`, 'content-type': o.type ?? 'text/csv', 'x-filename': 'test' },
    body: new Uint8Array(body),
  });
  return { status: res.status, json: (await res.json()) as ImportBody };
}

/** A Vietnamese month sheet as a province office writes it: names, codes, decomposed diacritics, mixed periods and numbers. */
export const SAMPLE_VI = [
  ['Đơn vị', 'Chỉ tiêu', 'Kỳ báo cáo', 'Giá trị', 'Ngày số liệu'],
  ['Huyện Quế Sơn', 'land-database', '08/2024', '45,5%', '20/08/2024'],
  ['509', 'Số hóa hồ sơ', '2024-08', '61,2', ''],
  ['Thị xã Điện Bàn'.normalize('NFD'), 'online-dossier-rate', 'T8/2024', '48.5 %', '25/08/2024'],
  ['TP. Hội An', 'service-index-766', '08/2024', '81,75', '28/08/2024'],
];
/** Rows as CSV with `sep`, CRLF line ends. */
export const csv = (rows: string[][], sep: string) => `${rows.map((r) => r.join(sep)).join('\r\n')}\r\n`;
