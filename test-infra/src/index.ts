export type { TestDatabase, TestTarget } from './target.js';
export { gate } from './gate.js';
export { targetEnv } from './target-env.js';
export type { TargetEnv } from './target-env.js';
export { sqliteTarget } from './targets/sqlite.js';
export { postgresTarget, postgresTestUrl, DEFAULT_POSTGRES_URL } from './targets/postgres.js';
export type { PostgresDialectFactory } from './targets/postgres.js';
export { mysqlTarget, DEFAULT_MYSQL_TEST_URL } from './targets/mysql.js';
export type { MysqlTargetOptions } from './targets/mysql.js';
export { singlestoreTarget } from './targets/singlestore.js';
export type { SinglestoreTargetOptions } from './targets/singlestore.js';
export { postgresAgno22Tables } from './fixtures/postgres-agno-2-2.js';
export type { Agno22PostgresTable } from './fixtures/postgres-agno-2-2.js';
export { mysqlAgno22Schema } from './fixtures/mysql-agno-2-2.js';
export type { MysqlAgno22TableType, MysqlAgno22Tables } from './fixtures/mysql-agno-2-2.js';
export { singlestoreAgno22Schema } from './fixtures/singlestore-agno-2-2.js';
export { runConformanceSuite } from './conformance/suite.js';
export { runVerifySuite } from './conformance/verify-suite.js';
export { readTable, normalizeShape, shapeOf } from './conformance/shape.js';
export { createAgno22Database, registerAgno22Fixture } from './fixtures/index.js';
export type { FixtureBuilder } from './fixtures/index.js';
export { SEED, seedAgno22 } from './fixtures/seed-rows.js';
export { DEFAULT_NAMES } from './fixtures/table-names.js';
export type { Agno22Names } from './fixtures/table-names.js';
export {
  V1_NAMES,
  v1TableSql,
  createV1Fixture,
  insertV1Rows,
  insertV1RowsBulk,
  rawJson,
  V1DateTime,
  v1AgentSession,
  v1FixtureRows,
  v1Memory,
  v1TeamSession,
  v1WorkflowSession,
  v1WorkflowV2Session,
} from './fixtures/v1/index.js';
export type { V1Names, V1TableKind, RawJson, V1Row } from './fixtures/v1/index.js';
