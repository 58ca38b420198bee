import { post } from './server.js';

export type Row = { unit: string; indicator: string; value: number; at: string };
const UNITS = ['tam-ky', 'hoi-an', 'tay-giang'];
const INDICATORS = ['online-dossier-rate', 'online-payment-rate'];

/** A reading's identity as the store keeps it: unit, indicator and instant (ms). */
export const readingKey = (r: { unit: string; indicator: string; at: string | number }): string =>
  `${r.unit}|${r.indicator}|${typeof r.at === 'number' ? r.at : Date.parse(r.at)}`;

/**
 * Writes batches of readings through the real API, one after another, each an hour and more
 * before `now` and a minute apart, until stopped; remembers every acknowledged reading.
 */
export function writeStream(url: string, now: number) {
  const acked: Row[] = [];
  const waits: { n: number; res: () => void }[] = [];
  let stop = false;
  let n = 0;
  const done = (async () => {
    while (!stop) {
      const at = new Date(now - 3600_000 - n * 60_000).toISOString();
      const batch: Row[] = UNITS.flatMap((unit) => INDICATORS.map((indicator) => ({ unit, indicator, value: (n % 97) + 1, at })));
      n++;
      const { status, json } = await post(url, '/api/readings', { readings: batch });
      if (status !== 200) throw new Error(`write refused: ${status} ${JSON.stringify(json)}`);
      acked.push(...batch);
      for (const w of waits.filter((x) => acked.length >= x.n)) w.res();
    }
  })();
  return {
    acked,
    count: () => acked.length,
    /** Resolves once `k` readings are acknowledged. */
    reached: (k: number) => new Promise<void>((res) => (acked.length >= k ? res() : waits.push({ n: k, res }))),
    /** Stops after the batch in flight; rejects if a write was refused. */
    stop: () => ((stop = true), done),
  };
}
