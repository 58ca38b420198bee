import type { Localized, UnitKind } from '../protocol/state.js';
import type { DisplayConfig } from '../protocol/display.js';
import type { IndicatorConfig, ReportingConfig, RiskConfig } from './schema.js';

export interface UnitConfig {
  id: string;
  code: string | null;
  name: Localized;
  kind: UnitKind;
  type: string;
}

/** The validated, resolved configuration the server runs on. */
export interface AppConfig {
  /** Absolute path of the province file, for messages. */
  file: string;
  province: { id: string; code: string | null; name: Localized };
  timezone: string;
  boundaries: { file: string; idProperty: string; attribution: Localized };
  units: UnitConfig[];
  indicators: IndicatorConfig[];
  reporting: ReportingConfig;
  risk: RiskConfig;
  display: DisplayConfig;
  access: { read: 'open' | 'token' };
  /** Absolute path of the demo scenario, if any. */
  demoFile: string | null;
}
