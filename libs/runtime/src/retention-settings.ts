import { DEFAULT_RETENTION_SCHEDULE, RECORD_CATEGORIES, type RecordCategory, type RetentionSchedule } from '#application';

/** The variable that sets each category's years. */
export const RETENTION_VARIABLES: Readonly<Record<RecordCategory, string>> = {
  'deal-events': 'LEDGER_RETENTION_DEAL_EVENTS_YEARS',
  'access-log': 'LEDGER_RETENTION_ACCESS_LOG_YEARS',
  'admin-events': 'LEDGER_RETENTION_ADMIN_EVENTS_YEARS',
};

/** Longer than any record-keeping rule asks; a typo of 600 for 6 stops the start. */
const MAX_YEARS = 100;

/** Whole years from 1 to 100 per category (default six each); a bad value stops the start with its name. */
export function retentionScheduleOf(env: NodeJS.ProcessEnv): RetentionSchedule {
  const schedule = { ...DEFAULT_RETENTION_SCHEDULE };
  for (const category of RECORD_CATEGORIES) {
    const name = RETENTION_VARIABLES[category];
    const setting = env[name];
    if (setting === undefined) continue;
    const years = Number(setting);
    if (setting.trim() === '' || !Number.isSafeInteger(years) || years < 1 || years > MAX_YEARS) {
      throw new Error(`${name} must be whole years from 1 to ${MAX_YEARS}, not ${setting}`);
    }
    schedule[category] = years;
  }
  return schedule;
}
