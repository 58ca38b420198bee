import { relative } from 'node:path';
import type { Localized } from '../protocol/state.js';

/** A province of `vn-provinces-2025.json`. */
export interface NationalProvince {
  code: string;
  name: string;
  name_en: string;
  full_name: string;
}

/** The properties of a commune of `vn-communes-2025.geojson`. */
export interface NationalCommune {
  id: string;
  name: string;
  name_en: string;
  type: string;
  code: string;
  province: string;
}

/** Where the generated file will live and what it points at (absolute paths). */
export interface GenerateOptions {
  outFile: string;
  catalogues: string[];
  displayFile: string;
  /** Go-live date: months before it are "before the rule applied". */
  since: string;
  /** The national boundary file's name in IOC_GEO_DIR. */
  boundaryFile?: string;
}

const NATIONAL = 'vn-communes-2025.geojson';
/** Đặc khu Hoàng Sa has no functioning local administration: no reports are expected. */
const NOT_REPORTING = new Set(['20333']);

export const ATTRIBUTION_2025: Localized = {
  vi: 'Ranh giới đơn vị hành chính cấp xã năm 2025: Bản đồ tra cứu các đơn vị hành chính Việt Nam (sapnhap.bando.com.vn), Nhà xuất bản Tài nguyên, Môi trường và Bản đồ Việt Nam, Bộ Nông nghiệp và Môi trường; qua dự án vietnamese-provinces-database (© 2021 Thang Le Quoc, giấy phép MIT). Mã đơn vị hành chính: Cục Thống kê, Bộ Tài chính.',
  en: '2025 commune-level boundaries: Vietnam Administrative Units Reference Map (sapnhap.bando.com.vn), Vietnam Natural Resources, Environment and Cartography Publishing House, Ministry of Agriculture and Environment; via the vietnamese-provinces-database project (© 2021 Thang Le Quoc, MIT licence). Administrative codes: Statistics Office, Ministry of Finance.',
};

/** A departments template to edit: the offices most provinces have after the 2025 reorganisation. */
function departments(city: boolean): { id: string; name: Localized }[] {
  const level = city ? { vi: 'thành phố', en: 'City' } : { vi: 'tỉnh', en: 'Provincial' };
  return [
    { id: 'van-phong-ubnd', name: { vi: `Văn phòng UBND ${level.vi}`, en: `Office of the ${level.en} People's Committee` } },
    { id: 'so-noi-vu', name: { vi: 'Sở Nội vụ', en: 'Department of Home Affairs' } },
    { id: 'so-tai-chinh', name: { vi: 'Sở Tài chính', en: 'Department of Finance' } },
    { id: 'so-tu-phap', name: { vi: 'Sở Tư pháp', en: 'Department of Justice' } },
    { id: 'so-khcn', name: { vi: 'Sở Khoa học và Công nghệ', en: 'Department of Science and Technology' } },
    { id: 'so-nong-nghiep-moi-truong', name: { vi: 'Sở Nông nghiệp và Môi trường', en: 'Department of Agriculture and Environment' } },
    { id: 'cong-an', name: { vi: `Công an ${level.vi}`, en: `${level.en} Police` } },
  ];
}

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A province file for one of the 34 provinces, its communes as the units of one geography valid
 * from 1 Jul 2025; the boundaries point at the national file with a filter on `province`
 * (no geometry is copied). Paths in it are relative to `o.outFile`'s folder.
 */
export function provinceConfig(p: NationalProvince, communes: readonly NationalCommune[], o: GenerateOptions): object {
  const mine = communes.filter((c) => c.province === p.code);
  if (!mine.length) throw new Error(`no commune of province ${p.code} in the national file`);
  const rel = (f: string) =>
    relative(o.outFile.replace(/[/\\][^/\\]*$/, ''), f)
      .split('\\')
      .join('/');
  return {
    province: { id: slugOf(p.name_en), code: p.code, name: { vi: p.name, en: p.name_en } },
    timezone: 'Asia/Ho_Chi_Minh',
    geographies: [
      {
        id: 'communes-2025',
        name: { vi: `${mine.length} xã, phường, đặc khu, từ 01/07/2025`, en: `${mine.length} communes and wards, from 1 Jul 2025` },
        from: '2025-07-01',
        boundaries: { files: [{ file: o.boundaryFile ?? NATIONAL, filter: { property: 'province', equals: p.code } }], attribution: ATTRIBUTION_2025 },
        units: mine.map((c) => ({
          id: c.code,
          code: c.code,
          name: { vi: c.name, en: c.name_en },
          type: c.type,
          ...(NOT_REPORTING.has(c.code) ? { reporting: false } : {}),
        })),
      },
    ],
    departments: departments(p.full_name.startsWith('Thành phố')),
    indicators: o.catalogues.map(rel),
    reporting: {
      period: 'monthly',
      dueDay: 15,
      history: 6,
      rule: { vi: 'Báo cáo định kỳ hằng tháng gửi trước ngày 15', en: 'Monthly report due before the 15th' },
      since: o.since,
    },
    display: rel(o.displayFile),
  };
}
