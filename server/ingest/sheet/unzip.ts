import yauzl from 'yauzl';

/** Largest unpacked XLSX accepted: a real monthly file is well under; a "zip bomb" is refused. */
export const MAX_UNPACKED = 64 * 1024 * 1024;

/**
 * Inflate every entry of a ZIP, counting the bytes actually produced (not the sizes the
 * directory claims), and stop at the first entry, or the running total, past `limit`.
 * Resolves with the total; rejects with a message fit for the uploader. Inflation runs on
 * libuv's threads, so the event loop stays free.
 */
export function inflatedSize(zip: Buffer, limit = MAX_UNPACKED): Promise<number> {
  return new Promise((resolve, reject) => {
    const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
    // validateEntrySizes (the default) also fails an entry that inflates to more than it declares.
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (err, file) => {
      if (err || !file) return reject(new Error(`it is damaged (${err?.message ?? 'no ZIP directory'})`));
      let total = 0;
      const fail = (message: string) => {
        file.close();
        reject(new Error(message));
      };
      file.on('error', (e: Error) => fail(`it is damaged (${e.message})`));
      file.on('end', () => resolve(total));
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.uncompressedSize > limit || total + entry.uncompressedSize > limit) return fail(`it unpacks to more than the ${mb(limit)} allowed`);
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(`it is damaged (${e?.message ?? 'unreadable entry'})`);
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > limit) {
              stream.destroy();
              fail(`it unpacks to more than the ${mb(limit)} allowed`);
            }
          });
          stream.on('error', (se: Error) =>
            fail(/too many bytes/.test(se.message) ? `it unpacks to more than its directory says (${se.message})` : `it is damaged (${se.message})`),
          );
          stream.on('end', () => file.readEntry());
        });
      });
      file.readEntry();
    });
  });
}
