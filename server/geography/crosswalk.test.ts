import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { CrosswalkError, lineage, loadCrosswalks, parseCrosswalk } from './index.js';
import { DA_NANG, GEO_DIR } from './testing.js';

const geo = loadConfig(DA_NANG).geography;
const [v2024, , v2025] = geo.versions as [(typeof geo.versions)[0], unknown, (typeof geo.versions)[0]];
const FILE = join(GEO_DIR, 'crosswalk-2024-2025.csv');
const TEXT = readFileSync(FILE, 'utf8');
const [HEADER, ...ROWS] = TEXT.trim().split('\n') as [string, ...string[]];

/** The error of parsing the real CSV with `edit` applied to its data rows. */
function errorOf(edit: (rows: string[]) => string[], header = HEADER): CrosswalkError {
  try {
    parseCrosswalk([header, ...edit([...ROWS])].join('\n'), 'x.csv', v2024, v2025);
  } catch (err) {
    expect(err).toBeInstanceOf(CrosswalkError);
    return err as CrosswalkError;
  }
  throw new Error('expected the crosswalk to be refused');
}
const at = (i: number, f: (r: string) => string) => (rows: string[]) => rows.map((r, n) => (n === i ? f(r) : r));

describe('the crosswalk 2024 → 2025 (loaded and checked at start)', () => {
  const [cw] = loadCrosswalks(GEO_DIR, geo);

  it('loads the shipped CSV: 100 links, 88 whole and 12 partial, every 2025 unit linked', () => {
    expect(cw!.links).toHaveLength(100);
    expect(cw!.links.filter((l) => l.share === 'partial')).toHaveLength(12);
    expect(v2025.units.every((u) => cw!.predecessors(u.id).length > 0)).toBe(true);
  });

  it('predecessors carry whole/partial and the article and item of NQ 1659', () => {
    const p = cw!.predecessors('phuong-hoa-xuan');
    expect(p.map((l) => [l.from.id, l.share]).sort()).toEqual([
      ['cam-le', 'partial'],
      ['hoa-vang', 'partial'],
    ]);
    expect(p[0]!.legal).toMatchObject({ act: 'NQ 1659/NQ-UBTVQH15', article: 1 });
    expect(cw!.predecessors('xa-nong-son')[0]).toMatchObject({ share: 'whole', from: { id: 'nong-son', province: '49' } });
  });

  it('successors: Nông Sơn became xã Nông Sơn and xã Quế Phước', () => {
    expect(
      cw!
        .successors('nong-son')
        .map((l) => l.to.id)
        .sort(),
    ).toEqual(['xa-nong-son', 'xa-que-phuoc']);
    expect(cw!.successors('hoa-vang')).toHaveLength(7);
  });

  it('lineage sentences for the web, partial links marked', () => {
    expect(lineage(cw!, 'xa-que-phuoc')).toEqual({
      vi: 'từ 01/07/2025; trước đó thuộc huyện Nông Sơn',
      en: 'since 01/07/2025; before that in Nong Son district',
    });
    expect(lineage(cw!, 'phuong-an-khe')!.vi).toBe('từ 01/07/2025; trước đó thuộc quận Cẩm Lệ (một phần) và quận Thanh Khê (một phần)');
    expect(lineage(cw!, 'phuong-tam-ky')!.vi).toBe('từ 01/07/2025; trước đó thuộc thành phố Tam Kỳ');
    expect(lineage(cw!, 'nong-son')).toBeNull();
  });
});

describe('crosswalk loading errors name the row and field', () => {
  it.each([
    ['an unknown 2025 unit', at(0, (r) => r.replace('phuong-hai-chau', 'phuong-khong-co')), 2, 'unit_2025_id'],
    ["a 2025 code that is not the unit's", at(1, (r) => r.replace('20257', '20258')), 3, 'unit_2025_code'],
    ['a 2024 district code not in the 2024 geography', at(2, (r) => r.replace(',491,', ',999,')), 4, 'district_2024_code'],
    ["a province code that is not the district's", at(3, (r) => r.replace(',48,', ',49,')), 5, 'province_2024_code'],
    ['a share other than whole/partial', at(0, (r) => r.replace(',whole,', ',most,')), 2, 'share'],
    ['no legal source', at(0, (r) => r.replace(/,NQ 1659[^\n]*$/, ',')), 2, 'source'],
    ['a link given twice', (rows: string[]) => [...rows, rows[0]!], 102, 'district_2024_code'],
    ['a 2025 unit without predecessor', (rows: string[]) => rows.filter((r) => !r.startsWith('xa-que-phuoc,')), 100, 'unit_2025_id'],
  ])('%s', (_, edit, row, field) => {
    const e = errorOf(edit);
    expect([e.row, e.field]).toEqual([row, field]);
    expect(e.message).toContain(`row ${row}: ${field}:`);
  });

  it('a missing column is named at the header row', () => {
    const e = errorOf((r) => r, HEADER.replace('share', 'part'));
    expect(e.message).toBe('x.csv: row 1: share: expected a column "share"');
  });

  it('a missing file says to set IOC_GEO_DIR', () => {
    expect(() => loadCrosswalks('/nonexistent', geo)).toThrow(/IOC_GEO_DIR/);
  });
});
