import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { auditOf, guard } from '../auth/guard.js';
import { invalid, issueDetails, lostCommit, refuse } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import type { ErrorDetail } from '../protocol/errors.js';
import { ROUTES, targetChangeSchema } from '../protocol/routes.js';
import { localInstant, toLocalIso } from '../time/local.js';
import type { IngestDeps } from './deps.js';
import type { TargetVersion } from '../store/rows.js';

/**
 * Targets and deadlines change by decision (admin): POST /api/targets keeps each change with who,
 * when and why, and the engine uses the version in force at each time; GET /api/targets lists
 * them (anyone who may read).
 */
export function registerTargets(app: FastifyInstance, deps: IngestDeps, read: RouteShorthandOptions): void {
  const list = async (): Promise<{ versions: (Omit<TargetVersion, 'effectiveFrom' | 'recordedAt'> & { effectiveFrom: string; recordedAt: string })[] }> => ({
    versions: (await deps.store.listTargetVersions()).map((v) => ({
      ...v,
      effectiveFrom: toLocalIso(v.effectiveFrom, deps.config.timezone),
      recordedAt: new Date(v.recordedAt).toISOString(),
    })),
  });
  app.get('/api/targets', { ...read, schema: schemaOf(ROUTES.targets) }, list);

  app.post('/api/targets', { onRequest: guard(deps, 'admin', 'targets.post'), schema: schemaOf(ROUTES.setTarget) }, async (req, reply) => {
    const p = targetChangeSchema.safeParse(req.body);
    const details: ErrorDetail[] = p.success ? [] : issueDetails(p.error.issues);
    const ind = p.success ? deps.config.indicators.find((i) => i.id === p.data.indicator) : undefined;
    if (p.success && !ind) details.push({ field: 'indicator', problem: 'unknown_indicator', message: `unknown indicator "${p.data.indicator}"` });
    if (p.success && p.data.target === undefined && p.data.deadline === undefined) {
      details.push({ field: 'target', problem: 'missing', message: 'give a new target, a new deadline, or both' });
    }
    if (p.success && ind && p.data.target !== undefined && (p.data.target < ind.min || p.data.target > ind.max)) {
      details.push({ field: 'target', problem: 'out_of_range', message: `expected a target in [${ind.min}, ${ind.max}]` });
    }
    if (!p.success || !ind || details.length) {
      return refuse(deps, 'targets.post', req, reply, 400, invalid('The change is not valid; nothing was stored.', details).error);
    }
    const tz = deps.config.timezone;
    const e = p.data.effectiveFrom;
    const effectiveFrom = e.length === 10 ? localInstant(tz, Number(e.slice(0, 4)), Number(e.slice(5, 7)), Number(e.slice(8, 10))) : Date.parse(e);
    // The previous version in force carries over what this change does not set.
    const current = (await deps.store.listTargetVersions())
      .filter((v) => v.indicator === ind.id && v.effectiveFrom <= effectiveFrom)
      .sort((a, b) => a.effectiveFrom - b.effectiveFrom || a.recordedAt - b.recordedAt)
      .at(-1);
    const version: TargetVersion = {
      indicator: ind.id,
      target: p.data.target ?? current?.target ?? ind.target,
      deadline: p.data.deadline ?? current?.deadline ?? ind.deadline,
      effectiveFrom,
      // On the data clock, like readings: "known at" views compare it with their own time.
      recordedAt: deps.dataClock.now(),
      setBy: req.principal!.id,
      reason: p.data.reason,
    };
    try {
      await deps.store.commit({
        targetVersions: [version],
        audit: [
          auditOf(req, 'targets.post', deps.systemNow, { status: 201, target: ind.id, detail: `target ${version.target}, deadline ${version.deadline}` }),
        ],
      });
    } catch (err) {
      return lostCommit(req, reply, err, 'the change', 'Look at GET /api/targets before sending it again: a change stored twice is listed twice.');
    }
    const seq = await deps.publish({ versions: [version] });
    return reply.code(201).send({ ...version, effectiveFrom: toLocalIso(effectiveFrom, tz), recordedAt: new Date(version.recordedAt).toISOString(), seq });
  });
}
