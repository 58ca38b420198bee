/** Which owner a status report or confirmation is for: a unit token speaks for its own unit; the province office names the unit. */
import type { ApiError } from '../protocol/errors.js';
import type { TaskDetail } from '../protocol/tasks.js';
import { reportFor } from './register.js';

/** The owner, or the refusal (status and answer) that says why there is none. */
export type OwnerChoice = { ok: true; unit: string } | { ok: false; status: 400 | 403; error: ApiError['error'] };

const refusal = (status: 400 | 403, problem: string, message: string): OwnerChoice => ({
  ok: false,
  status,
  error: { code: status === 403 ? 'forbidden' : 'validation_failed', message, details: [{ field: 'unit', problem, message }] },
});

/** The owner unit of a report on task `id`: the token's unit, else the one named, else the only owner. */
export function chooseOwner(id: string, owners: readonly string[], tokenUnit: string | null, named: string | undefined): OwnerChoice {
  if (tokenUnit !== null) {
    if (!owners.includes(tokenUnit))
      return refusal(403, 'forbidden_unit', `The task "${id}" is not owned by the unit "${tokenUnit}": a unit reports on its own tasks only.`);
    if (named !== undefined && named !== tokenUnit)
      return refusal(403, 'forbidden_unit', `A token of the unit "${tokenUnit}" reports for its own unit only, not for "${named}".`);
    return { ok: true, unit: tokenUnit };
  }
  if (named === undefined) {
    if (owners.length === 1) return { ok: true, unit: owners[0]! };
    return refusal(400, 'required', `The task "${id}" has ${owners.length} owners: name the owner unit this is for (unit).`);
  }
  if (!owners.includes(named)) return refusal(400, 'not_owner', `The unit "${named}" is not an owner of the task "${id}".`);
  return { ok: true, unit: named };
}

/** A task as one owner sees it: that owner's level, progress and reasons, and only the reports for it. */
export function ownerView(t: TaskDetail, unit: string): TaskDetail {
  const own = t.byOwner.find((o) => o.unit === unit);
  if (!own) return t;
  const { level, progress, percent, daysLate, reasons } = own;
  return { ...t, level, progress, percent, daysLate, reasons, byOwner: [own], reports: t.reports.filter((r) => reportFor(r, unit)) };
}
