import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../tests/helpers/random.js';
import { instantSchema } from '../protocol/readings.js';
import { instantMs } from './fast-instant.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('instantMs: Date.parse of an accepted instant', () => {
  it('equals Date.parse on the forms it computes and on those it hands over', () => {
    const fixed = [
      '2024-08-31T10:00:00+07:00',
      '2024-08-30T17:00:00Z',
      '2024-08-01T00:00:00.5+07:00',
      '2024-08-01T00:00:00.123+07:00',
      '2024-08-01T00:00:00.123456Z',
      '2024-02-29T23:59:59.999-12:00',
      '0024-08-31T10:00:00+07:00',
      '1999-12-31T23:59:59+14:00',
    ];
    const rnd = mulberry32(16);
    const pick = (n: number) => Math.floor(rnd() * n);
    const random = Array.from({ length: 5_000 }, () => {
      const t = new Date(Date.UTC(1900, 0, 1) + pick(200 * 365) * 86_400_000 + pick(86_400_000));
      const frac = ['', `.${pad(pick(1000), 3)}`, `.${pick(10)}`][pick(3)]!;
      const off = pick(4) === 0 ? 'Z' : `${pick(2) ? '+' : '-'}${pad(pick(15), 2)}:${pad(pick(4) * 15, 2)}`;
      return `${t.toISOString().slice(0, 19)}${frac}${off}`;
    });
    for (const at of [...fixed, ...random]) {
      expect(instantSchema.safeParse(at).success, at).toBe(true);
      expect(instantMs(at), at).toBe(Date.parse(at));
    }
  });
});
