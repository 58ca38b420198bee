import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config/load.js';
import { assessAll } from '../../server/risk/assess.js';
import { seriesOf } from '../../server/risk/series.js';
import { LiveState } from '../../server/state/live.js';
import { NATIONAL_NOW, writeCountry, type NationalSize } from './national.js';
import { summary, type Summary } from './stats.js';

export interface EngineResult {
  units: number;
  indicators: number;
  readings: number;
  /** The pure assessAll (no diff), ms. */
  assessAll: Summary;
  /** LiveState.recompute() when the clock moved (every unit reassessed and diffed), ms. */
  full: Summary;
  /** LiveState.recompute('data') after one new reading, the clock moving 100 ms between writes, ms. */
  incremental: Summary;
}

/** The risk engine at a given scale: full and one-reading recomputes of the live state. */
export function benchEngine(size: NationalSize, rounds: number): EngineResult {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-engine-'));
  try {
    const country = writeCountry(dir, size);
    const config = loadConfig(country.configFile);
    let now = NATIONAL_NOW;
    const clock = { now: () => now, demo: false };
    const state = new LiveState(config, clock, () => now);
    const rows = country.rows();
    state.addReadings(rows);
    state.recompute();

    const input = { readings: seriesOf(country.readings), reports: new Map<string, Map<string, number>>() };
    const pure: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(rounds / 10)); i++) {
      const t0 = performance.now();
      assessAll(config, input, now);
      pure.push(performance.now() - t0);
    }

    const full: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(rounds / 10)); i++) {
      now += 60_000; // time moves: the periodic tick reassesses everything
      const t0 = performance.now();
      state.recompute();
      full.push(performance.now() - t0);
    }

    const inc: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const unit = country.unitIds[(i * 7919) % country.unitIds.length]!;
      const indicator = country.indicatorIds[i % country.indicatorIds.length]!;
      // A real clock moves between writes; a write is still assessed at the last pass's instant.
      now += 100;
      const t0 = performance.now();
      state.addReadings([{ unit, indicator, value: 50 + (i % 40), at: now - 3_600_000 - i }]);
      state.recompute('data');
      inc.push(performance.now() - t0);
    }
    return {
      units: country.unitIds.length,
      indicators: size.indicators,
      readings: rows.length,
      assessAll: summary(pure),
      full: summary(full),
      incremental: summary(inc),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
