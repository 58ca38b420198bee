/** A token as the admin API lists it (never its secret or hash). */
export interface TokenInfo {
  id: string;
  role: 'admin' | 'unit' | 'display';
  unit: string | null;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

/** One line of the audit trail (GET /api/audit). */
export interface AuditRecord {
  id: number;
  at: string;
  /** Token id (or "env-admin", or "anonymous"). */
  who: string;
  role: string | null;
  /** e.g. "readings.post", "tokens.create". */
  action: string;
  /** What it was about: a unit, a token id, a display. */
  target: string | null;
  /** Where it came from: the client address. */
  source: string;
  outcome: 'accepted' | 'refused';
  status: number;
  /** A short summary (counts, error code); never a secret. */
  detail: string | null;
  /** The id of the HTTP request that caused it (the `x-request-id` answered, and in the logs); absent for older entries. */
  requestId?: string | null;
}

/** A target/deadline version (GET /api/targets). */
export interface TargetVersionInfo {
  indicator: string;
  target: number;
  deadline: string;
  effectiveFrom: string;
  recordedAt: string;
  setBy: string;
  reason: string;
}
