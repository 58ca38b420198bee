import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected HH:MM (24 h, local time)' });

/**
 * When reminders and alerts go out (the province file's `notifications`; every field has a
 * default). Times are the province's local time.
 */
export const notificationsSchema = z.strictObject({
  /** Remind a unit whose report for the period is not filed this many days before it is due (e.g. 5 and 2 before the 15th). */
  remindDaysBefore: z.array(z.number().int().min(1).max(27)).default([5, 2]),
  /** From the due day: tell a unit whose latest due report is missing, and its leader (once per period). */
  late: z.boolean().default(true),
  /** The weekly digest to the province office: ISO weekday (1 = Monday) and the hour from which it goes. */
  digest: z.strictObject({ weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23) }).default({ weekday: 1, hour: 8 }),
  /** A unit worsening to one of these levels: its contacts and the office get one message. */
  escalateTo: z.array(z.enum(['off_track', 'overdue'])).default(['off_track', 'overdue']),
  /** More units than this worsening at once (one decision): one grouped message to the office instead. */
  groupAbove: z.number().int().min(1).default(3),
  /** No message leaves between these times; those due are held until the end. null: none. */
  quietHours: z.strictObject({ from: hhmm, to: hhmm }).nullable().default({ from: '21:00', to: '07:00' }),
  /** At most this many messages per contact per local day; more are held to the next day. */
  dailyCap: z.number().int().min(1).default(5),
  /** The server's address as recipients reach it: acknowledgement links start with it. */
  publicUrl: z.url().default('http://127.0.0.1:8080'),
});

export type NotificationSchedule = z.infer<typeof notificationsSchema>;

/** The schedule with every default (a province file without `notifications`). */
export const DEFAULT_SCHEDULE: NotificationSchedule = notificationsSchema.parse({});
