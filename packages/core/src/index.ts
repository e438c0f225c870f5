export { parseVersion, compareVersions } from './versions.js';
export type { SchemaVersion } from './versions.js';
export {
  AgnoMigrateError,
  ConfigurationError,
  VersionError,
  GraphError,
  LockTimeoutError,
  DatabaseError,
  VersionsTableError,
  MigrationStepError,
} from './errors.js';
export type { DatabaseErrorKind } from './errors.js';

export type { Flavor, LogicalType, ColumnDef, TableDef, IndexDef, ForeignKeyDef, NamedColumnsDef } from './catalog/types.js';
export { FLAVORS } from './catalog/types.js';
export { TABLE_TYPES, VERSIONS_TABLE, resolveTableType, tableTypeNames } from './catalog/registry.js';
export { migratedTableTypeNames, availableOn } from './catalog/registry.js';
export type { TableTypeInfo } from './catalog/registry.js';
export { indexesFor } from './catalog/indexes.js';
export { SCHEDULE_PROVENANCE_COLUMNS } from './catalog/tables/schedules.js';

export type { Operation, OperationContext, OperationSpec, Task, TaskContext, TaskOutcome } from './operations/types.js';
export { addColumn } from './operations/add-column.js';
export { dropColumn } from './operations/drop-column.js';
export { createIndex } from './operations/create-index.js';
export { dropIndex } from './operations/drop-index.js';
export { addPrimaryKey, dropPrimaryKey } from './operations/primary-key.js';
export { addUnique, dropUnique } from './operations/unique.js';
export { setNotNull } from './operations/set-not-null.js';
export { jsonToJsonb } from './operations/json-to-jsonb.js';
export { backfill } from './operations/backfill.js';
export { requireNoNulls, requireUnique } from './operations/preconditions.js';
export { requireNoData } from './operations/require-no-data.js';
export { requireNameFits } from './operations/require-name-fits.js';
export { dropDefault } from './operations/drop-default.js';
export { dropUniqueByColumns } from './operations/drop-unique-by-columns.js';
export { custom } from './operations/custom.js';
export { task } from './operations/task.js';
export { specOf } from './operations/specs.js';

export { VersionGraph, AGNO_STEPS } from './graph/version-graph.js';
export type { Plan, Direction, Hold } from './graph/version-graph.js';
export type { Step, TableStep, StepContext } from './graph/types.js';

export type {
  Connector,
  Dialect,
  Emitter,
  ErrorTranslator,
  Introspector,
  Lock,
  LockRequest,
  SessionSetting,
  StepTransaction,
  UpsertSpec,
  VersionRow,
  WriteLimits,
} from './dialect/dialect.js';
export type { PlannedOperation, PlannedStatements, StatementPlan } from './dialect/statement-plan.js';
export { isCarried, renderEachOperation } from './dialect/statement-plan.js';
export { stopRunningStatements } from './dialect/cancel-registry.js';
export type { DialectCapabilities } from './dialect/capabilities.js';
export type { TableState, ColumnState, IndexState, ConstraintState, ForeignKeyState } from './dialect/table-state.js';
export { findColumn, findIndex, findUnique } from './dialect/table-state.js';
export type { Connection, Db, DbRequest, QueryResult, Row } from './dialect/db.js';
export { query, sleep, runAsync, runSync } from './dialect/db.js';
export type { Statement } from './sql/statement.js';
export { sql } from './sql/statement.js';
export type { Expression } from './sql/expression.js';
export { col, value, coalesce, renderExpression } from './sql/expression.js';

export { MigrationManager } from './manager/migration-manager.js';
export type { ManagerOptions, StatusOptions } from './manager/migration-manager.js';
export type { CreateOptions, DownOptions, UpOptions } from './manager/commands.js';
export type { VerifyOptions } from './manager/run-verify.js';
export type { VerifyResult, TableVerification, Finding, FindingKind, Fix, TableHealth } from './verify/types.js';
export { KNOWN_DIFFERENCES } from './verify/known-differences.js';
export type { KnownDifference } from './verify/known-differences.js';
export type { Logger, MigrationEvent } from './manager/events.js';
export type {
  RunResult,
  TableResult,
  TableOutcome,
  StepResult,
  OperationRecord,
  StatementRecord,
  BlockedDetails,
  StatusResult,
  TableStatus,
} from './manager/results.js';
export { agnoTimestamp } from './manager/run-context.js';
export type { RunsSql, RunsTables, SessionBatch, RunRow } from './dialect/runs-sql.js';
export { RUN_COLUMNS, COUNT_COLUMNS } from './dialect/runs-sql.js';
export type { CleanupRunsOptions, CleanupRunsResult } from './manager/run-cleanup-runs.js';
export { buildRunRows } from './graph/steps/v3-0-0/run-rows.js';
export type { BuiltRuns, SkipReason } from './graph/steps/v3-0-0/run-rows.js';
// How Agno 3.0 keys a user's entity memory in learnings: for applications that look one up.
export { userEntityId } from './graph/steps/v3-0-0/learnings/keys.js';
export { wroteSomething as rekeyWroteSomething } from './graph/steps/v3-0-0/learnings/report.js';
export type { RekeyReport } from './graph/steps/v3-0-0/learnings/report.js';
export { IRREVERSIBLE as LEARNINGS_IRREVERSIBLE } from './graph/steps/v3-0-0/learnings/index.js';
