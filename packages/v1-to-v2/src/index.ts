export { migrateV1ToV2 } from './migrate.js';
export type { MigrateV1Options } from './options.js';
export { DEFAULT_BATCH_SIZE } from './options.js';
export type { SourceKind, TableReport, TargetReport, V1MigrationEvent, V1MigrationReport } from './report.js';
export { V1MigrationError } from './errors.js';
export { DEFAULT_PROGRESS_TABLE } from './run/progress-store.js';
