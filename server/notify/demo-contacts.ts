import type { UnitState } from '../protocol/state.js';
import type { Contact } from '../store/contact-rows.js';

/** The demo's example contacts (addresses under example.org): an officer and a leader per reporting unit, and the province office. */
export function demoContacts(units: readonly Pick<UnitState, 'id' | 'name' | 'kind' | 'notReporting'>[], now: number): Contact[] {
  const c = (id: string, kind: Contact['kind'], unit: string | null, name: string, role: string): Contact => ({
    id,
    kind,
    unit,
    name,
    role,
    email: `${id}@example.org`,
    chat: null,
    language: 'vi',
    updatedAt: now,
  });
  return [
    c('van-phong-ubnd', 'office', null, 'Văn phòng UBND', 'Văn phòng tổng hợp'),
    ...units
      .filter((u) => !u.notReporting)
      .flatMap((u) => [
        c(`van-thu.${u.id}`, 'unit', u.id, `Văn thư ${u.name.vi}`, 'Cán bộ báo cáo'),
        c(`chu-tich.${u.id}`, 'leader', u.id, `Chủ tịch ${u.name.vi}`, 'Chủ tịch UBND'),
      ]),
  ];
}
