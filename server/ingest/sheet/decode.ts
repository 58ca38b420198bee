import iconv from 'iconv-lite';

/**
 * Text of a CSV file as officials' tools write it: UTF-8 with or without BOM, UTF-16 (with
 * BOM, as Excel's "Unicode text"), or Windows-1258 (Vietnamese ANSI). Also returns the name.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: b.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(b.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  // UTF-16 without a BOM: every other byte of ASCII text is zero (valid UTF-8, but not text).
  const head = b.subarray(0, 200);
  const zeros = (odd: number) => head.filter((x, i) => i % 2 === odd && x === 0).length;
  if (head.length >= 4 && zeros(1) > head.length / 4) return { text: iconv.decode(b, 'utf-16le'), encoding: 'utf-16le' };
  if (head.length >= 4 && zeros(0) > head.length / 4) return { text: iconv.decode(b, 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: a Vietnamese Windows file. Windows-1258 writes tones as combining marks.
    return { text: iconv.decode(b, 'windows-1258').normalize('NFC'), encoding: 'windows-1258' };
  }
}
