/** What a receipt says: its number, when, for which unit, and what was recorded. */
export interface Receipt {
  /** The state sequence number the write produced, after the unit's code: unique and ordered. */
  number: string;
  /** When the server recorded it (ISO, system clock as this page saw it). */
  at: string;
  unit: string;
  lines: { label: string; value: string; correction: boolean }[];
}
