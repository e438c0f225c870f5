export type { ChildDialect, ChildDialectModule, TestDatabase, TestTarget } from './target.js';
export type { TargetTraits } from './traits.js';
export { gate } from './gate.js';
export { targetEnv } from './target-env.js';
export type { TargetEnv } from './target-env.js';
export { sqliteTarget } from './targets/sqlite.js';
export type { SqliteTargetOptions } from './targets/sqlite.js';
export { postgresTarget, postgresTestUrl, DEFAULT_POSTGRES_URL } from './targets/postgres.js';
export type { PostgresDialectFactory, PostgresTargetOptions } from './targets/postgres.js';
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
export { runKilledRunsSuite } from './conformance/killed-runs-suite.js';
export { runRacingSuite } from './conformance/racing-suite.js';
export { AGNO_GRAPH, reachedVersion } from './conformance/reached.js';
export { runV3CatalogSuite } from './conformance/v3-catalog-suite.js';
export { runLearningsRekeySuite, rekeyReport } from './conformance/learnings-rekey-suite.js';
export { readTable, normalizeShape, shapeOf } from './conformance/shape.js';
export { createAgno22Database } from './fixtures/index.js';
export type { FixtureBuilder } from './fixtures/index.js';
export { SEED, seedAgno22 } from './fixtures/seed-rows.js';
export { DEFAULT_NAMES } from './fixtures/table-names.js';
export type { Agno22Names } from './fixtures/table-names.js';
export * from './fixtures/v1/index.js';
export { runRunsCopySuite } from './conformance/runs-copy-suite.js';
export { runRunsRevertSuite } from './conformance/runs-revert-suite.js';
export {
  ALICE,
  BOB,
  createLearningsTable,
  EXPECTED_REKEY_REPORT,
  insertLearnings,
  LEARNINGS_FIXTURE,
  LEARNINGS_TABLE,
  learningsSnapshot,
} from './fixtures/learnings.js';
export type { LearningFixture } from './fixtures/learnings.js';
export { planStatements } from './plan-sql.js';
export type { PlanOptions } from './plan-sql.js';
export { runV3ConformanceSuite } from './conformance/v3-suite.js';
export { createAgno29Database, agno29TypesOn, insertRow } from './fixtures/agno-2-9.js';
export { AGNO_29_NAMES, AGNO_29_TYPES } from './fixtures/agno-2-9-names.js';
export type { Agno29Names, Agno29Type } from './fixtures/agno-2-9-names.js';
export { epochNow, snapshot, VERSIONS_TABLE } from './conformance/processes/snapshot.js';
export type { Snapshot } from './conformance/processes/snapshot.js';
export { SAMPLE_RUN_ROW } from './fixtures/run-row.js';
