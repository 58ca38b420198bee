import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { auditOf, guard } from '../auth/guard.js';
import { lostCommit, refuse as refused } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import { importQuerySchema, ROUTES } from '../protocol/routes.js';
import type { ErrorDetail } from '../protocol/errors.js';
import { localPeriod, toLocalIso } from '../time/local.js';
import { outsideUnit, type IngestDeps } from './deps.js';
import { readSheet } from './sheet/offthread.js';
import { SheetError } from './sheet/table.js';
import { templateCsv, templateXlsx } from './sheet/template.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Spreadsheet import (CSV or XLSX, one row per unit × indicator × period). `?dryRun=1` shows
 * what would change and writes nothing; otherwise all rows are stored in one transaction, or none.
 * GET /api/import/template.csv and .xlsx give the template.
 */
export function registerImport(root: FastifyInstance, deps: IngestDeps, read: RouteShorthandOptions): void {
  root.register(async (app) => importRoutes(app, deps, read));
}

/** In their own scope: the file parsers exist for /api/import only; every other route stays JSON. */
function importRoutes(app: FastifyInstance, deps: IngestDeps, read: RouteShorthandOptions): void {
  for (const type of ['text/csv', XLSX, 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  }

  app.get('/api/import/template.csv', { ...read, schema: schemaOf(ROUTES.templateCsv) }, async (_req, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="mau-nhap-so-lieu.csv"')
      .send(templateCsv(deps.config, localPeriod(deps.dataClock.now(), deps.config.timezone))),
  );
  app.get('/api/import/template.xlsx', { ...read, schema: schemaOf(ROUTES.templateXlsx) }, async (_req, reply) =>
    reply
      .header('content-type', XLSX)
      .header('content-disposition', 'attachment; filename="mau-nhap-so-lieu.xlsx"')
      .send(await templateXlsx(deps.config, localPeriod(deps.dataClock.now(), deps.config.timezone))),
  );

  const options = { onRequest: guard(deps, 'write', 'import.post'), bodyLimit: 10 * 1024 * 1024, schema: schemaOf(ROUTES.import) };
  app.post('/api/import', options, async (req, reply) => {
    // A mistyped option must not turn a preview into a real import.
    const q = importQuerySchema.safeParse(req.query);
    const dryRun = q.data?.dryRun === '1';
    const fileReports = q.data?.reports !== '0';
    if (!q.success) {
      return reply
        .code(400)
        .send({ error: { code: 'bad_request', message: 'Options: ?dryRun=1 (preview only) and ?reports=0 (do not file the monthly reports); nothing else.' } });
    }
    const raw = String(req.headers['x-filename'] ?? 'upload');
    let file: string;
    try {
      file = decodeURIComponent(raw).slice(0, 120);
    } catch {
      file = raw.slice(0, 120);
    }
    const refuse = (status: number, message: string, details: ErrorDetail[] = []) =>
      refused(
        deps,
        'import.post',
        req,
        reply,
        status,
        { code: status === 403 ? 'forbidden' : 'validation_failed', message, details },
        { target: file, detail: `${details.length} problem(s)` },
      );
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return refuse(400, 'Send the file itself as the body (text/csv or XLSX).');
    const now = deps.dataClock.now();
    let table;
    try {
      table = await readSheet(req.body, deps.config, now);
    } catch (err) {
      if (err instanceof SheetError) return refuse(400, `The file cannot be read: ${err.message}.`);
      throw err;
    }
    const { readings, errors } = table;
    if (errors.length) return refuse(400, `${errors.length} problem(s) in ${file}; nothing was stored.`, errors);
    const foreign = outsideUnit(req.principal!.unit, readings).map((d) => ({ ...d, row: readings[d.row!]!.row }));
    if (foreign.length) return refuse(403, 'Rows for another unit; nothing was stored.', foreign);

    const tz = deps.config.timezone;
    const preview = readings.map((r) => {
      const previous = deps.state.valueAt(r.unit, r.indicator, r.at);
      return {
        row: r.row,
        unit: r.unit,
        indicator: r.indicator,
        period: r.period,
        at: toLocalIso(r.at, tz),
        value: r.value,
        previous,
        change: previous === null ? 'new' : previous === r.value ? 'same' : 'update',
      };
    });
    const summary = {
      format: table.format,
      rows: table.rows,
      new: preview.filter((p) => p.change === 'new').length,
      update: preview.filter((p) => p.change === 'update').length,
      same: preview.filter((p) => p.change === 'same').length,
    };
    if (dryRun) return { dryRun: true, ...summary, readings: preview.slice(0, 1000) };

    const rows = readings.map((r) => ({
      unit: r.unit,
      indicator: r.indicator,
      value: r.value,
      at: r.at,
      source: 'import' as const,
      submittedBy: req.principal!.id,
    }));
    // The spreadsheet is the unit's monthly report: filing it files the report for each period
    // in it (now; an earlier filing still counts first). `?reports=0` imports figures only.
    const pairs = fileReports ? [...new Set(readings.map((r) => `${r.unit}|${r.period}`))].map((k) => k.split('|') as [string, string]) : [];
    const reports = pairs.map(([unit, period]) => ({ unit, period, submittedAt: now, source: 'import' as const, submittedBy: req.principal!.id }));
    req.log.info({ file, rows: rows.length }, 'import: writing');
    try {
      await deps.store.commit({
        readings: rows,
        reports,
        audit: [
          auditOf(req, 'import.post', deps.systemNow, {
            target: file,
            detail: `${rows.length} reading(s): ${summary.new} new, ${summary.update} updated; ${reports.length} report(s)`,
          }),
        ],
      });
    } catch (err) {
      return lostCommit(
        req,
        reply,
        err,
        'the file',
        'Import it again: a reading at the same unit, indicator and time replaces itself, and a report keeps its first filing time.',
      );
    }
    const seq = await deps.publish({ readings: rows, reports });
    return { accepted: rows.length, reports: reports.length, seq, ...summary };
  });
}
