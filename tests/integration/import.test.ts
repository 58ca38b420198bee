import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problems } from '../helpers/fixtures.js';
import { connect, next, post, startServer, TOKEN, type TestServer } from '../helpers/server.js';
import { csv, SAMPLE_VI, upload } from '../helpers/import.js';

/**
 * Vietnamese as Windows-1258 writes it: base letters (â, ơ, ư, đ…) precomposed, tone marks as
 * separate combining characters (the code page has no precomposed toned letters).
 */
function cp1258(text: string): Buffer {
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  const split = [...text.normalize('NFC')]
    .map((ch) => {
      const d = ch.normalize('NFD');
      const tones = d.match(TONES)?.join('') ?? '';
      return d.replace(TONES, '').normalize('NFC') + tones;
    })
    .join('');
  return iconv.encode(split, 'windows-1258');
}

describe('spreadsheet import', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.stop());

  const encodings: [string, () => Uint8Array][] = [
    ['UTF-8, ";"', () => Buffer.from(csv(SAMPLE_VI, ';'), 'utf8')],
    [
      'UTF-8 with BOM, ","',
      () =>
        Buffer.from(
          `\ufeff${csv(
            SAMPLE_VI.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c))),
            ',',
          )}`,
          'utf8',
        ),
    ],
    ['UTF-16 LE with BOM, tab', () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv(SAMPLE_VI, '\t'), 'utf-16le')])],
    ['Windows-1258, ";"', () => cp1258(csv(SAMPLE_VI, ';'))],
  ];
  it.each(encodings)('reads %s: units by name, code, prefix and NFD; decimal commas and percents; dd/mm/yyyy', async (_name, make) => {
    const r = await upload(srv.url, make(), { dryRun: true });
    expect(r.status, JSON.stringify(r.json.error)).toBe(200);
    expect(r.json.readings!.map((x) => [x.row, x.unit, x.indicator, x.value, x.at.slice(0, 10)])).toEqual([
      [2, 'que-son', 'land-database', 45.5, '2024-08-20'],
      [3, 'que-son', 'dossier-digitisation', 61.2, '2024-08-31'],
      [4, 'dien-ban', 'online-dossier-rate', 48.5, '2024-08-25'],
      [5, 'hoi-an', 'service-index-766', 81.75, '2024-08-28'],
    ]);
  });

  it('reads XLSX: date cells, percentage cells, numbers, English headers', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('data');
    sheet.addRow(['unit', 'indicator', 'period', 'value', 'date']);
    sheet.addRow(['tam-ky', 'land-database', new Date(Date.UTC(2024, 7, 1)), 0.62, new Date(Date.UTC(2024, 7, 30))]);
    sheet.getCell('D2').numFmt = '0.0%';
    sheet.addRow(['Nam Giang', 'online-payment-rate', '08/2024', 77, '30/08/2024']);
    const r = await upload(srv.url, Buffer.from(await book.xlsx.writeBuffer()), {
      dryRun: true,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(r.status, JSON.stringify(r.json.error)).toBe(200);
    expect(r.json.format).toBe('XLSX');
    expect(r.json.readings!.map((x) => [x.unit, x.indicator, x.value, x.at.slice(0, 10)])).toEqual([
      ['tam-ky', 'land-database', 62, '2024-08-30'],
      ['nam-giang', 'online-payment-rate', 77, '2024-08-30'],
    ]);
  });

  it('names every problem by row and column, suggests units, and stores nothing', async () => {
    const counts = await srv.store.counts();
    const bad = csv(
      [
        ['Đơn vị', 'Chỉ tiêu', 'Kỳ báo cáo', 'Giá trị'],
        ['Que Sonn', 'land-database', '08/2024', '45'],
        ['Tam Kỳ', 'happiness', '13/2024', 'nhiều'],
        ['Tam Kỳ', 'land-database', '08/2024', '140'],
        ['Tam Kỳ', 'land-database', '08/2024', '50'],
      ],
      ';',
    );
    const r = await upload(srv.url, Buffer.from(bad, 'utf8'));
    expect(r.status).toBe(400);
    expect(problems(r.json.error!.details)).toEqual([
      'row 2 Đơn vị: unknown_unit',
      'row 3 Chỉ tiêu: unknown_indicator',
      'row 3 Kỳ báo cáo: invalid_period',
      'row 3 Giá trị: invalid_number',
      'row 4 Giá trị: out_of_range',
      'row 5 Kỳ báo cáo/Ngày số liệu: duplicate',
    ]);
    expect(r.json.error!.details[0]!.message).toContain('did you mean Quế Sơn');
    const missing = await upload(srv.url, Buffer.from('Đơn vị;Giá trị\nTam Kỳ;5\n', 'utf8'));
    expect(missing.json.error!.details.map((d) => d.field)).toEqual(['Chỉ tiêu', 'Kỳ báo cáo']);
    expect(await srv.store.counts()).toEqual(counts);
  });

  it('refuses what it would have to guess, and what real files get wrong', async () => {
    const r = await upload(
      srv.url,
      Buffer.from(
        csv(
          [
            ['unit', 'indicator', 'period', 'value', 'date'],
            ['TP.Tam Kỳ', 'land-database', '08/2024', '1.234', ''],
            ['H. Quế Sơn', 'land-database', '08/2024', '45', '15/07/2024'],
            ['tam-ky', 'online-dossier-rate', '08/2024', '45', '30/09/2024'],
            ['tam-ky', 'online-payment-rate', '08/2024', '45', '', '5'],
          ],
          ';',
        ),
        'utf8',
      ),
    );
    expect(r.json.error!.details.map((d) => [d.row, d.problem])).toEqual([
      [2, 'ambiguous_number'],
      [3, 'outside_period'],
      [4, 'outside_period'],
      [5, 'extra_cells'],
    ]);
    expect(
      (await fetch(`${srv.url}/api/import?dryrun=1`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' }, body: 'x' }))
        .status,
    ).toBe(400);
    // Spreadsheet bodies are for /api/import only: elsewhere a CSV is still refused with 415.
    expect(
      (await fetch(`${srv.url}/api/readings`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' }, body: 'a;b' }))
        .status,
    ).toBe(415);
  });

  it('reads "1,234.5", "1.234,5", UTF-16 without a BOM, and formula cells shown as percentages', async () => {
    const rows = [
      ['unit', 'indicator', 'period', 'value', 'date'],
      ['tam-ky', 'land-database', '08/2024', '51,25', '10/08/2024'],
      ['hoi-an', 'land-database', '08/2024', '1,234.5', '10/08/2024'],
      ['que-son', 'land-database', '08/2024', '1.234,5', '10/08/2024'],
    ];
    const utf16 = await upload(srv.url, iconv.encode(csv(rows, ';'), 'utf-16le'), { dryRun: true });
    expect(utf16.json.error!.details.map((d) => [d.row, d.problem])).toEqual([
      [3, 'out_of_range'],
      [4, 'out_of_range'],
    ]);
    expect(utf16.json.error!.details[0]!.message).toContain('got 1234.5');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('data');
    sheet.addRow(['unit', 'indicator', 'period', 'value', 'date']);
    sheet.addRow(['tam-ky', 'online-dossier-rate', '08/2024', { formula: 'B9/C9', result: 0.455 }, '12/08/2024']);
    sheet.getCell('D2').numFmt = '0.0%';
    const x = await upload(srv.url, Buffer.from(await book.xlsx.writeBuffer()), { dryRun: true, type: 'application/octet-stream' });
    expect(x.json.readings!.map((r) => r.value)).toEqual([45.5]);
  });

  it('files the monthly report with the figures (unless ?reports=0)', async () => {
    const before = srv.state.reportFiledAt('phu-ninh', '2024-08');
    const file = Buffer.from(
      csv(
        [
          ['unit', 'indicator', 'period', 'value'],
          ['phu-ninh', 'land-database', '08/2024', '70'],
        ],
        ';',
      ),
      'utf8',
    );
    const figuresOnly = await fetch(`${srv.url}/api/import?reports=0`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: new Uint8Array(file),
    });
    expect(((await figuresOnly.json()) as { reports: number }).reports).toBe(0);
    expect(srv.state.reportFiledAt('phu-ninh', '2024-08')).toBe(before);
    srv.state.recompute();
    const withReport = await fetch(`${srv.url}/api/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: new Uint8Array(file),
    });
    expect(((await withReport.json()) as { reports: number }).reports).toBe(1);
    // The earliest filing still counts: an earlier on-time report stays on time.
    expect(srv.state.reportFiledAt('phu-ninh', '2024-08')).toBe(before ?? srv.clock.now());
  });

  it('a dry run shows what would change and writes nothing; the import then lands in one go, live', async () => {
    const file = Buffer.from(csv(SAMPLE_VI, ';'), 'utf8');
    const counts = await srv.store.counts();
    const dry = await upload(srv.url, file, { dryRun: true });
    expect(dry.json).toMatchObject({ dryRun: true, new: 4, update: 0 });
    expect(await srv.store.counts()).toEqual(counts);
    const c = await connect(srv.url);
    const delta = next(c.socket, 'state:delta');
    const done = await upload(srv.url, file);
    expect(done).toMatchObject({ status: 200, json: { accepted: 4 } });
    expect((await delta).units.some((u) => u.id === 'que-son')).toBe(true);
    c.socket.disconnect();
    expect((await srv.store.counts()).readings).toBe(counts.readings + 4);
    // The same file again is a correction of the same readings, not more data.
    const again = await upload(srv.url, file, { dryRun: true });
    expect(again.json).toMatchObject({ new: 0, update: 0 });
  });

  it('a unit token imports its own unit only; the template downloads in both formats', async () => {
    const mint = await post(srv.url, '/api/tokens', { role: 'unit', unit: 'tam-ky', label: 'Tam Kỳ' });
    const token = (mint.json as unknown as { token: string }).token;
    const counts = await srv.store.counts();
    const r = await upload(srv.url, Buffer.from(csv(SAMPLE_VI, ';'), 'utf8'), { token });
    expect(r.status).toBe(403);
    expect(r.json.error!.details[0]).toMatchObject({ row: 2, field: 'unit', problem: 'forbidden_unit' });
    expect(await srv.store.counts()).toEqual(counts);
    const own = await upload(
      srv.url,
      Buffer.from(
        csv(
          [
            ['unit', 'indicator', 'period', 'value'],
            ['Tam Kỳ', 'land-database', '08/2024', '66'],
          ],
          ';',
        ),
        'utf8',
      ),
      { token },
    );
    expect(own).toMatchObject({ status: 200, json: { accepted: 1 } });
    const tCsv = Buffer.from(await (await fetch(`${srv.url}/api/import/template.csv`)).arrayBuffer());
    expect([...tCsv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so that Excel reads UTF-8
    expect(tCsv.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      'Đơn vị (unit);Chỉ tiêu (indicator);Kỳ báo cáo (period);Giá trị (value);Ngày số liệu (date)',
    );
    const tXlsx = await fetch(`${srv.url}/api/import/template.xlsx`);
    const back = await upload(srv.url, new Uint8Array(await tXlsx.arrayBuffer()), { dryRun: true, type: 'application/octet-stream' });
    expect(back.status, JSON.stringify(back.json.error)).toBe(200);
  });
});
