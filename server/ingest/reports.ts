import type { FastifyInstance } from 'fastify';
import { auditOf, guard } from '../auth/guard.js';
import type { AppConfig } from '../config/types.js';
import { checkRows, issueDetails, lostCommit, refuse } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import type { ApiError, ErrorDetail } from '../protocol/errors.js';
import { reportInputSchema, reportsBodySchema, type ReportsAccepted } from '../protocol/reports.js';
import { ROUTES } from '../protocol/routes.js';
import { reportDueAt } from '../risk/reports.js';
import { unitsById } from '../geography/validity.js';
import { validityProblem } from './validate.js';
import { localInstant, localPeriod, shiftPeriod, toLocalIso } from '../time/local.js';
import { outsideUnit, type IngestDeps } from './deps.js';

/** Validate a POST /api/reports body completely: every problem with its row and field. */
export function validateReports(
  body: unknown,
  config: AppConfig,
  now: number,
): { ok: true; rows: { unit: string; period: string }[] } | { ok: false; details: ErrorDetail[] } {
  const top = reportsBodySchema.safeParse(body);
  if (!top.success) return { ok: false, details: issueDetails(top.error.issues) };
  const current = localPeriod(now, config.timezone);
  const oldest = shiftPeriod(current, -24);
  const seen = new Map<string, number>();
  const units = unitsById(config.geography);
  const { rows, details } = checkRows(top.data.reports, reportInputSchema, (r, problem, row) => {
    const unit = units.get(r.unit);
    if (!unit) problem('unit', 'unknown_unit', `unknown unit "${r.unit}"`);
    else {
      // A unit reports for the months it existed in (a part of the month is enough).
      const [y, m] = r.period.split('-').map(Number) as [number, number];
      const start = localInstant(config.timezone, y, m, 1);
      const end = localInstant(config.timezone, m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1);
      const outside = unit.start < end && unit.end > start ? null : validityProblem(unit, start);
      if (outside) problem('unit', 'outside_validity', outside);
    }
    if (r.period > current) problem('period', 'in_future', `period ${r.period} has not started (now: ${current})`);
    if (r.period < oldest) problem('period', 'too_old', `period ${r.period} is more than 24 months back`);
    const key = `${r.unit}|${r.period}`;
    if (seen.has(key)) problem('period', 'duplicate', `duplicate of row ${seen.get(key)}`);
    else seen.set(key, row);
    return r;
  });
  return details.length ? { ok: false, details } : { ok: true, rows };
}

/**
 * POST /api/reports: a unit files its monthly report for a period. Filed now (the data clock);
 * on time or late against the reporting rule in provincial local time. The wall follows live.
 */
export function registerReports(app: FastifyInstance, deps: IngestDeps): void {
  const options = { onRequest: guard(deps, 'write', 'reports.post'), schema: schemaOf(ROUTES.reports) };
  app.post<{ Reply: ReportsAccepted | ApiError }>('/api/reports', options, async (req, reply) => {
    const now = deps.dataClock.now();
    const v = validateReports(req.body, deps.config, now);
    if (!v.ok)
      return refuse(deps, 'reports.post', req, reply, 400, {
        code: 'validation_failed',
        message: `${v.details.length} problem(s) in the reports; nothing was stored.`,
        details: v.details,
      });
    const foreign = outsideUnit(req.principal!.unit, v.rows);
    if (foreign.length)
      return refuse(deps, 'reports.post', req, reply, 403, {
        code: 'forbidden',
        message: 'A report is for another unit; nothing was stored.',
        details: foreign,
      });

    const rows = v.rows.map((r) => ({ ...r, submittedAt: now, source: 'api' as const, submittedBy: req.principal!.id }));
    const units = [...new Set(rows.map((r) => r.unit))];
    try {
      await deps.store.commit({
        reports: rows,
        audit: [
          auditOf(req, 'reports.post', deps.systemNow, {
            target: units.length === 1 ? units[0]! : `${units.length} units`,
            detail: rows
              .map((r) => r.period)
              .join(',')
              .slice(0, 200),
          }),
        ],
      });
    } catch (err) {
      return lostCommit(req, reply, err, 'the reports', 'Send them again (a report already filed keeps its first filing time).');
    }
    const seq = await deps.publish({ reports: rows });
    const tz = deps.config.timezone;
    return {
      accepted: rows.length,
      seq,
      // Judged by the first filing, as the wall judges it: filing again never changes it.
      reports: rows.map((r) => {
        const due = reportDueAt(r.period, deps.config.reporting, tz);
        const first = deps.state.reportFiledAt(r.unit, r.period) ?? now;
        return { unit: r.unit, period: r.period, dueAt: toLocalIso(due, tz), status: first < due ? ('on_time' as const) : ('late' as const) };
      }),
    };
  });
}
