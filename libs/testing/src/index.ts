export * from './seed-files.js';
export * from './record-commands.js';
export * from './controlled-clock.js';
export * from './sqlite-dump.js';
export * from './projection-dump.js';
export * from './activity-projection.js';
export * from './seed-deals.js';
export * from './seeded-random.js';
