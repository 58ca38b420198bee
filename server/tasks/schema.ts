/** The task register's file format (config `tasks`): tasks with owners, deadlines, milestones and dependencies. */
import { z } from 'zod';

const localized = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a lower-case id of letters, digits and "-"' });
const localDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

/** The owner that stands for every reporting unit of the geography in force at the deadline. */
export const EVERY_UNIT = '*';

/** A deadline as decided: a day (2024-09-30), a month (2024-09) or a quarter (2024-Q4); it ends with that period. */
export const deadlineSpecSchema = z
  .string()
  .regex(/^\d{4}-(\d{2}-\d{2}|\d{2}|Q[1-4])$/, { error: 'expected a deadline as a date 2024-09-30, a month 2024-09 or a quarter 2024-Q4' })
  .refine((s) => !/^\d{4}-\d{2}(-\d{2})?$/.test(s) || (Number(s.slice(5, 7)) >= 1 && Number(s.slice(5, 7)) <= 12), { error: 'expected a month 01–12' })
  .refine((s) => s.length !== 10 || !Number.isNaN(Date.parse(s)), { error: 'expected a real calendar date' });

export const milestoneSchema = z.strictObject({ title: localized, date: localDate });

/** One task as decided (a version of it). */
export const taskSchema = z.strictObject({
  id: slug,
  title: localized,
  /** Unit or department ids, or "*" for every reporting unit of the geography in force at the deadline. */
  owners: z.array(z.string().min(1)).min(1),
  deadline: deadlineSpecSchema,
  source: localized,
  /** When the task was given (its time runs from here); default: 90 days before the deadline. */
  assigned: localDate.optional(),
  milestones: z.array(milestoneSchema).default([]),
  dependsOn: z.array(slug).default([]),
  /** Whether "done" needs the province office's confirmation (default: the register's rule). */
  confirm: z.boolean().optional(),
});

/** The rules of task risk (all shares of the task's whole time, assigned → deadline). */
export const taskRulesSchema = z
  .strictObject({
    /** Not started with less than this share of its time left: at risk… */
    atRiskShare: z.number().gt(0).lt(1).default(0.3),
    /** …and with less than this share: off track. */
    offTrackShare: z.number().gt(0).lt(1).default(0.1),
    /** Achieved ÷ required pace of the percentage below this: off track (at risk below 1). */
    atRiskRatio: z.number().gt(0).lt(1).default(0.75),
    /** "Done" reported by an owner counts once the province office confirms it. */
    confirmDone: z.boolean().default(true),
  })
  .refine((r) => r.offTrackShare < r.atRiskShare, { error: 'expected offTrackShare < atRiskShare', path: ['offTrackShare'] });

export const taskFileSchema = z.strictObject({
  rules: taskRulesSchema.default(taskRulesSchema.parse({})),
  tasks: z.array(taskSchema).default([]),
});

export type TaskDef = z.infer<typeof taskSchema>;
export type TaskRules = z.infer<typeof taskRulesSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;

/** The register the server runs on: the rules and the configured tasks (each the first version of its task). */
export interface TaskRegister {
  rules: TaskRules;
  tasks: TaskDef[];
}
