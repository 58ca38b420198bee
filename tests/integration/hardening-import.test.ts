import { monitorEventLoopDelay } from 'node:perf_hooks';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS } from '../../server/ingest/sheet/interpret.js';
import { readTable, SheetError } from '../../server/ingest/sheet/table.js';
import { startServer, TOKEN, type TestServer } from '../helpers/server.js';

interface Entry {
  name: string;
  data: Buffer;
  /** The uncompressed size the headers claim (the truth when absent). */
  claims?: number;
}

/** A little-endian record: [offset, value, bytes] for each field, zeros elsewhere. */
function put(size: number, fields: [number, number, 2 | 4][]): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, v, n] of fields) {
    if (n === 2) b.writeUInt16LE(v, at);
    else b.writeUInt32LE(v, at);
  }
  return b;
}

/** A ZIP written by hand, so that its headers can lie about sizes. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data, { level: 9 });
    const size = e.claims ?? e.data.length;
    const crc = crc32(e.data);
    const local = put(30, [
      [0, 0x04034b50, 4],
      [4, 20, 2],
      [8, 8, 2],
      [14, crc, 4],
      [18, packed.length, 4],
      [22, size, 4],
      [26, name.length, 2],
    ]);
    const central = put(46, [
      [0, 0x02014b50, 4],
      [4, 20, 2],
      [6, 20, 2],
      [10, 8, 2],
      [16, crc, 4],
      [20, packed.length, 4],
      [24, size, 4],
      [28, name.length, 2],
      [42, offset, 4],
    ]);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = put(22, [
    [0, 0x06054b50, 4],
    [8, entries.length, 2],
    [10, entries.length, 2],
    [12, dir.length, 4],
    [16, offset, 4],
  ]);
  return Buffer.concat([...locals, dir, end]);
}

const NS = 'http://schemas.openxmlformats.org/';
const cell = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;

/** A real XLSX (one sheet: the template's headers and one row), with `padding` bytes of whitespace in its sheet. */
function xlsx(padding: number, claims?: (real: number) => number, rows = 1): Buffer {
  const row = (n: number) =>
    `<row r="${n}">${cell(`A${n}`, 'tam-ky')}${cell(`B${n}`, 'igate-entry')}${cell(`C${n}`, '08/2024')}<c r="D${n}"><v>50</v></c></row>`;
  const sheet = Buffer.concat([
    Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}spreadsheetml/2006/main"><sheetData>`),
    Buffer.from(`<row r="1">${cell('A1', 'Đơn vị')}${cell('B1', 'Chỉ tiêu')}${cell('C1', 'Kỳ báo cáo')}${cell('D1', 'Giá trị')}</row>`),
    Buffer.alloc(padding, 0x20),
    Buffer.from(`${Array.from({ length: rows }, (_, i) => row(i + 2)).join('')}</sheetData></worksheet>`),
  ]);
  const rel = (type: string, target: string) => `<Relationship Id="rId1" Type="${NS}officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const rels = (r: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}package/2006/relationships">${r}</Relationships>`);
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${NS}package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/></Types>`,
      ),
    },
    { name: '_rels/.rels', data: rels(rel('officeDocument', 'xl/workbook.xml')) },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}spreadsheetml/2006/main" xmlns:r="${NS}officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: rels(rel('worksheet', 'worksheets/sheet1.xml')) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(claims && { claims: claims(sheet.length) }) },
  ]);
}

describe('hardening: spreadsheets cannot inflate beyond a limit', { timeout: 60_000 }, () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.stop());

  it('the hand-made XLSX is a real one: read when it is honest', async () => {
    const t = await readTable(xlsx(1000));
    expect(t.headers).toEqual(['Đơn vị', 'Chỉ tiêu', 'Kỳ báo cáo', 'Giá trị']);
    expect(t.rows).toEqual([{ row: 2, cells: ['tam-ky', 'igate-entry', '08/2024', 50] }]);
  });

  it('a zip bomb whose directory claims 4 KB but inflates 200 MB is refused while inflating, before 70 MB are held', async () => {
    const bomb = xlsx(200 * 2 ** 20, () => 4096);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const res = await fetch(`${srv.url}/api/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bomb),
    });
    const body = (await res.json()) as { error?: { message: string } };
    const grew = process.memoryUsage().rss - before;
    console.log(
      `zip bomb: ${(bomb.length / 1024).toFixed(0)} KB upload, ${res.status} in ${(performance.now() - t0).toFixed(0)} ms, RSS +${(grew / 2 ** 20).toFixed(0)} MB`,
    );
    expect(res.status).toBe(400);
    expect(body.error?.message).toMatch(/unpacks to more than/);
    expect(grew).toBeLessThan(70 * 2 ** 20);
  });

  it('a zip bomb with honest headers past 64 MB is refused too', async () => {
    await expect(readTable(xlsx(80 * 2 ** 20))).rejects.toThrow(/unpacks to more than the 64 MB allowed/);
  });

  it(`a CSV of more than ${MAX_IMPORT_ROWS} rows is refused while reading`, async () => {
    const line = 'tam-ky;igate-entry;08/2024;50\n';
    const csv = Buffer.from(`Đơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị\n${line.repeat(MAX_IMPORT_ROWS + 1)}`);
    const err = await readTable(csv).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetError);
    expect(String(err)).toMatch(/more than 100000 rows/);
  });

  it(`an XLSX of more than ${MAX_IMPORT_ROWS} rows is refused while reading`, async () => {
    await expect(readTable(xlsx(0, undefined, MAX_IMPORT_ROWS + 1))).rejects.toThrow(/more than 100000 rows/);
  });

  it('a 99,999-row file is read and checked off the event loop: the server never stalls 1 s', async () => {
    // Daily figures from 2014: the last rows are after the demo's today, so the whole file is checked and refused.
    const units = srv.config.units.filter((u) => u.kind !== 'department').map((u) => u.id);
    const lines = ['Đơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị;Ngày số liệu'];
    for (let i = 0; i < 99_999; i++) {
      const d = new Date(Date.UTC(2014, 0, 1) + Math.floor(i / units.length) * 86_400_000);
      const [y, m, day] = [d.getUTCFullYear(), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')];
      lines.push(`${units[i % units.length]};online-dossier-rate;${m}/${y};${i % 100};${day}/${m}/${y}`);
    }
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const t0 = performance.now();
    const res = await fetch(`${srv.url}/api/import?dryRun=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: lines.join('\n'),
    });
    const body = (await res.json()) as { error: { details: { problem: string }[] } };
    h.disable();
    console.log(`large import: ${res.status} in ${(performance.now() - t0).toFixed(0)} ms, longest event-loop stall ${(h.max / 1e6).toFixed(0)} ms`);
    expect(res.status).toBe(400);
    expect(body.error.details[0]!.problem).toBe('in_future');
    expect(h.max / 1e6).toBeLessThan(1000);
  });
});
