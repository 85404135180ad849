export * from './personal-data-vault.js';
export * from './sqlite-personal-data-vault.js';
export * from './personal-data-sealer.js';
export * from './personal-data-resolver.js';
export * from './erase-personal-data.js';
export * from './forget-disposed-names.js';
