export * from './projection.js';
export * from './checkpoints.js';
export * from './projection-runner.js';
export * from './read-model-database.js';
export * from './deal-state/deal-state.projection.js';
export * from './deal-state/deal-state.reader.js';
export * from './deal-state/deal-state.views.js';
export * from './deal-state/deal-state.schema.js';
