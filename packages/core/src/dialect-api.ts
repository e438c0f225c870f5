/**
 * What a dialect package is built from: the base class of each role, the `Db` generator protocol,
 * the operations a dialect renders and the pieces of SQL every dialect shares. Applications use
 * the main entry; this one is for dialect authors (`@agno-migrate/core/dialect`).
 */
export type {
  Connector,
  Dialect,
  Emitter,
  ErrorTranslator,
  ForeignKeySpec,
  Introspector,
  Lock,
  LockRequest,
  SessionSetting,
  SpanningLock,
  StepTransaction,
  UpsertSpec,
  VersionRow,
  WriteLimits,
} from './dialect/dialect.js';
export { BaseConnector, BATCH_BYTES, HUGE_ROW_BYTES } from './dialect/base-connector.js';
export { BaseEmitter } from './dialect/base-emitter.js';
export { inlineParams, standardLiteral } from './dialect/inline-params.js';
export type { InlineRules } from './dialect/inline-params.js';
export type { PlannedOperation, PlannedStatements, StatementPlan } from './dialect/statement-plan.js';
export { isCarried, renderEachOperation } from './dialect/statement-plan.js';
export type { AlterFusionRules, AlterGroup, FusedPlan } from './dialect/alter-fusion.js';
export { alterClauses, alterStatements, columnTouches, fuseAlters } from './dialect/alter-fusion.js';
export { BaseIntrospector } from './dialect/base-introspector.js';
export { BaseLock } from './dialect/base-lock.js';
export { BaseErrors } from './dialect/base-errors.js';
export { onConflictUpsert } from './dialect/on-conflict-upsert.js';
export { renderCreateTable } from './dialect/render-create-table.js';
export { TABLE_LOCK_WAIT_MS } from './manager/lock-wait-retry.js';
export type { TypeRules } from './verify/type-match.js';
export { STRICT_TYPE_RULES, typeMatchesUnder } from './verify/type-match.js';

export type { DialectCapabilities } from './dialect/capabilities.js';
export { DEFAULT_CAPABILITIES } from './dialect/capabilities.js';
export type { TableState, ColumnState, IndexState, ConstraintState, ForeignKeyState } from './dialect/table-state.js';
export { findColumn, findIndex, findUnique } from './dialect/table-state.js';
export type { Connection, Db, DbRequest, QueryResult, Row } from './dialect/db.js';
export { query, sleep, runAsync, runSync } from './dialect/db.js';
export { checkNotStopped, stopRunningStatements, trackCancellable } from './dialect/cancel-registry.js';
export type { Cancellable } from './dialect/cancel-registry.js';

export type { Operation, OperationContext, OperationSpec, Task, TaskContext, TaskOutcome } from './operations/types.js';
export { specOf } from './operations/specs.js';
export { columnsStillJson } from './operations/json-to-jsonb.js';
export type { Statement } from './sql/statement.js';
export { sql } from './sql/statement.js';
export type { Expression } from './sql/expression.js';
export { renderExpression } from './sql/expression.js';
export { columnTypeName, STANDARD_TYPE_NAMES } from './sql/column-types.js';
export type { TypeNames } from './sql/column-types.js';

export type { RunsSql, RunsTables, SessionBatch, RunRow } from './dialect/runs-sql.js';
export { RUN_COLUMNS, COUNT_COLUMNS } from './dialect/runs-sql.js';
export { StandardRunsSql } from './dialect/standard-runs-sql.js';
export type { SqlQuoting } from './dialect/standard-runs-sql.js';

export type { Flavor, LogicalType, ColumnDef, TableDef, IndexDef, ForeignKeyDef, NamedColumnsDef } from './catalog/types.js';
export { compareVersions } from './versions.js';
export { AgnoMigrateError, ConfigurationError, DatabaseError, LockTimeoutError } from './errors.js';
export type { DatabaseErrorKind } from './errors.js';
