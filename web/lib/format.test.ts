import { describe, expect, it } from 'vitest';
import { daysText, gapText, NBSP, num, valueText } from './format.js';

describe('one number format for every screen', () => {
  it('rounds to one decimal, half away from zero, in the language', () => {
    expect(num('vi', 64.44)).toBe('64,4');
    expect(num('vi', 64.45)).toBe('64,5');
    expect(num('en', 64.45)).toBe('64.5');
    expect(num('vi', 65)).toBe('65');
    expect(num('vi', -0.01)).toBe('0');
  });
  it('keeps a number and its unit together with a no-break space', () => {
    expect(valueText('vi', 64.4, 'points')).toBe(`64,4${NBSP}điểm`);
    expect(valueText('en', 45.5, 'percent')).toBe(`45.5${NBSP}%`);
    expect(valueText('vi', 12.6, 'count')).toBe('13');
    expect(daysText('vi', -12)).toBe(`12${NBSP}ngày`);
    expect(daysText('en', 1)).toBe(`1${NBSP}day`);
  });
  it('signs a gap with a true minus', () => {
    expect(gapText('vi', -15.74, 'points')).toBe(`−15,7${NBSP}điểm`);
    expect(gapText('en', 2, 'percent')).toBe(`+2${NBSP}%`);
    expect(gapText('vi', 0.01, 'percent')).toBe(`0${NBSP}%`);
  });
});
