export * from './seed-files.js';
export * from './record-commands.js';
export * from './controlled-clock.js';
export * from './sqlite-dump.js';
