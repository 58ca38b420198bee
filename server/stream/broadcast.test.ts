import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { textFrame } from './broadcast.js';

/** ws's own frame builder (untyped in @types/ws), the reference for ours. */
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, o: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }): Buffer[] };
};

describe('textFrame', () => {
  it('builds the bytes ws builds, for each length encoding', () => {
    for (const n of [0, 1, 125, 126, 127, 65_535, 65_536, 200_000]) {
      const payload = Buffer.alloc(n, 'a');
      const ours = Buffer.concat(textFrame(payload));
      const theirs = Buffer.concat(Sender.frame(payload, { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true }));
      expect(ours.equals(theirs), `length ${n}`).toBe(true);
    }
  });
});
