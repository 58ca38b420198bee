import type { Localized } from '../protocol/state.js';

/** How a unit is called before (vi) or after (en) its name, by GSO type. */
const TYPE_NAMES: Record<string, Localized> = {
  city: { vi: 'thành phố', en: 'city' },
  town: { vi: 'thị xã', en: 'town' },
  district: { vi: 'huyện', en: 'district' },
  urban_district: { vi: 'quận', en: 'urban district' },
  ward: { vi: 'phường', en: 'ward' },
  commune: { vi: 'xã', en: 'commune' },
  special_zone: { vi: 'đặc khu', en: 'special zone' },
};

/** "phường Tam Kỳ" / "Tam Ky ward": the name with its type, so ward and former city differ. */
export function typedName(unit: { name: Localized; type: string }): Localized {
  const t = TYPE_NAMES[unit.type];
  return t ? { vi: `${t.vi} ${unit.name.vi}`, en: `${unit.name.en} ${t.en}` } : unit.name;
}
