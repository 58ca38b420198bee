import { describe, expect, it } from 'vitest';
import { lineBox, placeValueLabels, textBox, type Box, type Spot } from './valuelabels.js';

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const BOUNDS: Box = [64, 0, 640, 262];
const spot = (x: number, y: number, anchor: Spot['anchor'] = 'end'): Spot => ({ x, y, anchor });

describe('textBox and lineBox', () => {
  it('spans the text from its anchor, accents and halo included', () => {
    const b = textBox('80 %', 20, spot(100, 50, 'start'), 0);
    expect(b[0]).toBe(100);
    expect(b[2]).toBeCloseTo(100 + 4 * 20 * 0.62);
    expect(b[1]).toBeLessThan(50 - 18);
    expect(textBox('80 %', 20, spot(100, 50, 'end'), 0)[2]).toBe(100);
  });
  it('gives a line its thickness and some air', () => {
    expect(lineBox(0, 100, 500, 100, 2, 2)).toEqual([-3, 97, 503, 103]);
  });
});

describe('placeValueLabels', () => {
  it('moves a projected value off the target line it would sit on', () => {
    // Projected 80,4 % against a target of 80 %: the first spot's text lies across the target line at y = 100.
    const target = lineBox(64, 100, 618, 100);
    const placed = placeValueLabels([{ id: 'projected', text: '80,4 %', px: 18, spots: [spot(560, 106), spot(560, 86), spot(560, 130)] }], [target], BOUNDS);
    const s = placed.get('projected')!;
    expect(s).toEqual(spot(560, 86));
    expect(overlaps(textBox('80,4 %', 18, s), target)).toBe(false);
  });
  it('keeps value labels off the now and deadline lines and off each other', () => {
    const lines = [lineBox(64, 120, 618, 120), lineBox(560, 24, 560, 262), lineBox(600, 24, 600, 262)];
    const placed = placeValueLabels(
      [
        { id: 'target', text: 'Mục tiêu 100 %', px: 18, keep: true, spots: [spot(70, 110, 'start'), spot(70, 144, 'start')] },
        // The projection ends at the deadline, 40 px after now: its figure cannot sit between the two lines.
        { id: 'projected', text: '95 %', px: 18, spots: [spot(594, 60), spot(594, 92), spot(534, 60)] },
      ],
      lines,
      BOUNDS,
    );
    expect([...placed.keys()]).toEqual(['target', 'projected']);
    expect(placed.get('projected')).toEqual(spot(534, 60));
    const boxes = [textBox('Mục tiêu 100 %', 18, placed.get('target')!), textBox('95 %', 18, placed.get('projected')!)];
    for (const b of boxes) for (const l of lines) expect(overlaps(b, l)).toBe(false);
    expect(overlaps(boxes[0]!, boxes[1]!)).toBe(false);
  });
  it('drops a value label with no clear spot, but keeps one that must show', () => {
    const wall = lineBox(300, 0, 300, 262, 600);
    const placed = placeValueLabels(
      [
        { id: 'target', text: 'Mục tiêu', px: 18, keep: true, spots: [spot(70, 50, 'start')] },
        { id: 'projected', text: '95 %', px: 18, spots: [spot(400, 50)] },
      ],
      [wall],
      BOUNDS,
    );
    expect(placed.get('target')).toEqual(spot(70, 50, 'start'));
    expect(placed.has('projected')).toBe(false);
  });
  it('never places a label outside the plot', () => {
    const placed = placeValueLabels([{ id: 'projected', text: '95 %', px: 18, spots: [spot(80, 10), spot(300, 80)] }], [], BOUNDS);
    expect(placed.get('projected')).toEqual(spot(300, 80));
  });
});
