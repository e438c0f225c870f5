import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { mysqlDialect } from '@agno-migrate/dialect-mysql';
import { describe, expect, it } from 'vitest';
import { splitRows } from '../../src/sql/chunks.js';
import { plainInsert } from '../../src/sql/plain-insert.js';

const spec = (table: string) => ({
  table,
  columns: ['id', 'owner', 'data', 'created_at'],
  conflict: ['id'],
  update: ['owner', 'data'],
  owner: 'owner',
});
const rows = [
  ['a', 'u', '{}', 1],
  ['b', null, null, 2],
];

describe('write SQL per dialect', () => {
  it('PostgreSQL: multi-row ON CONFLICT with the owner rule', () => {
    const statement = postgresDialect({ url: 'postgres://h/db', schema: 'ai' }).emitter.upsertRows(spec('"ai"."t"'), rows);
    expect(statement.sql).toBe(
      'INSERT INTO "ai"."t" AS "cur" ("id", "owner", "data", "created_at") VALUES ($1, $2, $3, $4), ($5, $6, $7, $8) ' +
        'ON CONFLICT ("id") DO UPDATE SET "owner" = excluded."owner", "data" = excluded."data" ' +
        'WHERE "cur"."owner" IS NULL OR "cur"."owner" = excluded."owner"',
    );
    expect(statement.params).toEqual(['a', 'u', '{}', 1, 'b', null, null, 2]);
  });

  it('SQLite: the same with ? placeholders; no owner, no WHERE', () => {
    const statement = sqliteDialect(':memory:').emitter.upsertRows(
      { ...spec('"t"'), owner: undefined as unknown as string },
      rows.slice(0, 1),
    );
    expect(statement.sql).toBe(
      'INSERT INTO "t" AS "cur" ("id", "owner", "data", "created_at") VALUES (?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "owner" = excluded."owner", "data" = excluded."data"',
    );
  });

  it('MySQL: ON DUPLICATE KEY UPDATE guarding each assignment, the owner assigned last', () => {
    const statement = mysqlDialect({ url: 'mysql://h/db', schema: 'ai' }).emitter.upsertRows(spec('`ai`.`t`'), rows.slice(0, 1));
    const guard = '(`owner` IS NULL OR `owner` <=> VALUES(`owner`))';
    expect(statement.sql).toBe(
      'INSERT INTO `ai`.`t` (`id`, `owner`, `data`, `created_at`) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE ' +
        `\`data\` = IF(${guard}, VALUES(\`data\`), \`data\`), \`owner\` = IF(${guard}, VALUES(\`owner\`), \`owner\`)`,
    );
  });

  it('PostgreSQL and SQLite: a v2 row is replaced only by a strictly newer one', () => {
    const statement = sqliteDialect(':memory:').emitter.upsertRows(
      { ...spec('"t"'), newer: 'created_at', update: ['owner', 'data', 'created_at'] },
      rows.slice(0, 1),
    );
    expect(statement.sql).toBe(
      'INSERT INTO "t" AS "cur" ("id", "owner", "data", "created_at") VALUES (?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET ' +
        '"owner" = excluded."owner", "data" = excluded."data", "created_at" = excluded."created_at" ' +
        'WHERE ("cur"."owner" IS NULL OR "cur"."owner" = excluded."owner") AND ' +
        '(excluded."created_at" IS NOT NULL AND ("cur"."created_at" IS NULL OR "cur"."created_at" < excluded."created_at"))',
    );
  });

  it('MySQL: the newer rule joins each guard, its column assigned after the owner', () => {
    const statement = mysqlDialect({ url: 'mysql://h/db', schema: 'ai' }).emitter.upsertRows(
      { ...spec('`t`'), newer: 'created_at', update: ['created_at', 'owner', 'data'] },
      rows.slice(0, 1),
    );
    const guard =
      '(`owner` IS NULL OR `owner` <=> VALUES(`owner`)) AND (VALUES(`created_at`) IS NOT NULL AND (`created_at` IS NULL OR `created_at` < VALUES(`created_at`)))';
    expect(statement.sql).toBe(
      'INSERT INTO `t` (`id`, `owner`, `data`, `created_at`) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE ' +
        `\`data\` = IF(${guard}, VALUES(\`data\`), \`data\`), \`owner\` = IF(${guard}, VALUES(\`owner\`), \`owner\`), ` +
        `\`created_at\` = IF(${guard}, VALUES(\`created_at\`), \`created_at\`)`,
    );
  });

  it('a target empty at the start gets plain multi-row INSERTs', () => {
    expect(plainInsert(postgresDialect({ url: 'postgres://h/db' }), spec('"t"'), rows).sql).toBe(
      'INSERT INTO "t" ("id", "owner", "data", "created_at") VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)',
    );
  });
});

describe('statements sized under the driver limits', () => {
  const row = (bytes: number) => ['k', 'x'.repeat(bytes)];

  it('splits by parameter count', () => {
    const { chunks } = splitRows(
      Array.from({ length: 10 }, () => row(1)),
      2,
      { maxParams: 6, batchBytes: 1e9, maxRowBytes: 1e9 },
    );
    expect(chunks).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
  });

  it('splits by bytes, a large row alone', () => {
    const { chunks } = splitRows([row(10), row(10), row(1000), row(10)], 2, { maxParams: 1e6, batchBytes: 100, maxRowBytes: 1e9 });
    expect(chunks).toEqual([[0, 1], [2], [3]]);
  });

  it('names a row too large to send at all', () => {
    const { tooLarge } = splitRows([row(10), row(5000)], 2, { maxParams: 1e6, batchBytes: 100, maxRowBytes: 1000 });
    expect(tooLarge).toMatchObject({ index: 1 });
  });
});
