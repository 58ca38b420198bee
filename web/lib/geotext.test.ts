import { describe, expect, it } from 'vitest';
import type { GeographyMeta, Lineage } from '../../server/protocol/index.js';
import { geographyCaption, lineageLines } from './geotext.js';
import { fold, nameMatches, typedPlaceName } from './names.js';

const meta = (o: Partial<GeographyMeta>): GeographyMeta => ({
  id: 'v',
  name: { vi: '', en: '' },
  from: null,
  until: null,
  attribution: { vi: '', en: '' },
  ...o,
});

describe('map caption', () => {
  it('names the version with its dates, Vietnamese first, English on request', () => {
    const communes = meta({ name: { vi: '94 xã, phường, đặc khu', en: '94 communes, wards and special zone' }, from: '2025-07-01' });
    expect(geographyCaption(communes, 'vi')).toBe('Bản đồ: 94 xã, phường, đặc khu (từ 01/07/2025)');
    expect(geographyCaption(communes, 'en')).toBe('Map: 94 communes, wards and special zone (from 01/07/2025)');
    const districts = meta({ name: { vi: '18 huyện Quảng Nam + 8 quận/huyện Đà Nẵng', en: '' }, until: '2024-12-31' });
    expect(geographyCaption(districts, 'vi')).toBe('Bản đồ: 18 huyện Quảng Nam + 8 quận/huyện Đà Nẵng (đến 31/12/2024)');
  });
  it('does not repeat dates the name already carries', () => {
    const named = meta({ name: { vi: '94 xã, phường, đặc khu, từ 01/07/2025', en: '' }, from: '2025-07-01' });
    expect(geographyCaption(named, 'vi')).toBe('Bản đồ: 94 xã, phường, đặc khu, từ 01/07/2025');
  });
});

describe('lineage', () => {
  it('gives the text and marks partial predecessors', () => {
    const l: Lineage = {
      from: '2025-07-01',
      text: { vi: 'từ 01/07/2025; trước đó thuộc huyện Quế Sơn', en: 'since 1 Jul 2025; before, part of Quế Sơn district' },
      predecessors: [
        { id: 'que-son', name: { vi: 'Quế Sơn', en: 'Que Son' }, partial: true, version: 'districts-2024' },
        { id: 'nong-son', name: { vi: 'Nông Sơn', en: 'Nong Son' }, partial: false, version: 'districts-2024' },
      ],
    };
    expect(lineageLines(l, 'vi')).toEqual({ text: 'từ 01/07/2025; trước đó thuộc huyện Quế Sơn', partial: true, links: ['Quế Sơn (một phần)', 'Nông Sơn'] });
  });
});

describe('searching names', () => {
  it('finds Vietnamese names with or without diacritics, in either language', () => {
    expect(fold('  Quế   Sơn ')).toBe('que son');
    expect(fold('Đà Nẵng')).toBe('da nang');
    const u = { name: { vi: 'Quế Sơn', en: 'Que Son' } };
    for (const q of ['que son', 'Quế', 'QUE SON', 'son', '']) expect(nameMatches(u, q), q).toBe(true);
    expect(nameMatches(u, 'que phu')).toBe(false);
    expect(nameMatches({ name: { vi: 'Điện Bàn', en: 'Dien Ban' } }, 'dien')).toBe(true);
  });
  it('puts the type word before an inset name once', () => {
    expect(typedPlaceName({ name: { vi: 'Hoàng Sa', en: 'Hoang Sa' }, type: 'special_zone' }, 'vi')).toBe('Đặc khu Hoàng Sa');
    expect(typedPlaceName({ name: { vi: 'Hoàng Sa', en: 'Hoang Sa' }, type: 'district' }, 'vi')).toBe('Huyện Hoàng Sa');
    expect(typedPlaceName({ name: { vi: 'Đặc khu Hoàng Sa', en: 'Hoang Sa' }, type: 'special_zone' }, 'vi')).toBe('Đặc khu Hoàng Sa');
    expect(typedPlaceName({ name: { vi: 'Hoàng Sa', en: 'Hoang Sa' }, type: 'special_zone' }, 'en')).toBe('Special zone Hoàng Sa');
  });
});
