export * from './retention-schedule.js';
export * from './retention-scan.js';
export * from './retention-report.js';
export * from './dispose-records.js';
export * from './retention-admin.js';
