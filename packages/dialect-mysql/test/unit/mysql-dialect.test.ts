import { ConfigurationError } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { MysqlDialect, mysqlDialect, parseMysqlUrl } from '../../src/index.js';

describe('MysqlDialect', () => {
  const dialect = mysqlDialect({ url: 'mysql://agno:s3cret%21@db.example:3307/app' });

  it('declares the MySQL family capabilities', () => {
    expect(dialect).toBeInstanceOf(MysqlDialect);
    expect(dialect.flavor).toBe('mysql');
    expect(dialect.capabilities).toMatchObject({
      transactionalDdl: false,
      jsonb: false,
      namespaces: true,
      synchronous: false,
      maxIdentifierBytes: 64,
      alterPrimaryKey: true,
    });
    expect(dialect.emitter.stepTransaction()).toBeNull();
    expect(dialect.emitter.placeholder(3)).toBe('?');
  });

  it("keeps the tables in `ai` unless a schema is given, as Agno's MySQLDb does", () => {
    expect(dialect.namespace).toBe('ai');
    expect(dialect.emitter.qualify('agno_sessions')).toBe('`ai`.`agno_sessions`');
    expect(mysqlDialect({ url: 'mysql://h/app', schema: 'agents' }).emitter.qualify('t')).toBe('`agents`.`t`');
  });

  it('never shows the password', () => {
    expect(dialect.displayTarget).toBe('mysql://agno@db.example:3307/ai');
    expect(mysqlDialect({ url: 'mariadb://root@localhost/x', schema: 'y' }).displayTarget).toBe('mariadb://root@localhost:3306/y');
    const client = { query: async () => [[]] as const, escape: String };
    expect(mysqlDialect({ client, schema: 'z' }).displayTarget).toBe('mysql:(client)/z');
  });

  it('rejects a bad URL without repeating it', () => {
    expect(() => mysqlDialect('postgres://u:hunter2@h/db')).toThrow(ConfigurationError);
    expect(() => mysqlDialect('not a url hunter2')).toThrow(/malformed/);
    try {
      mysqlDialect('postgres://u:hunter2@h/db');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => new MysqlDialect({})).toThrow(/exactly one of `url` and `client`/);
  });

  it('parses the URL parts', () => {
    expect(parseMysqlUrl('mysql://a%40b:p%3Ass@[::1]:3310/my%20db')).toEqual({
      scheme: 'mysql',
      host: '::1',
      port: 3310,
      user: 'a@b',
      password: 'p:ss',
      database: 'my db',
    });
    expect(parseMysqlUrl('mariadb://localhost')).toMatchObject({ host: 'localhost', port: 3306, user: undefined, database: undefined });
  });

  it('creates its database as utf8mb4', () => {
    expect(dialect.emitter.createNamespace()).toEqual([{ sql: 'CREATE DATABASE IF NOT EXISTS `ai` CHARACTER SET utf8mb4', params: [] }]);
  });

  it('upserts a version row overwriting created_at, as Agno does on MySQL', () => {
    expect(
      dialect.emitter.upsertVersion('agno_schema_versions', { tableName: 'agno_sessions', version: '2.5.6' }, '2026-01-02T03:04:05.678000'),
    ).toEqual({
      sql:
        'INSERT INTO `ai`.`agno_schema_versions` (`table_name`, `version`, `created_at`, `updated_at`) VALUES (?, ?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE `version` = ?, `created_at` = ?, `updated_at` = ?',
      params: [
        'agno_sessions',
        '2.5.6',
        '2026-01-02T03:04:05.678000',
        '2026-01-02T03:04:05.678000',
        '2.5.6',
        '2026-01-02T03:04:05.678000',
        '2026-01-02T03:04:05.678000',
      ],
    });
    expect(dialect.emitter.readVersions('agno_schema_versions')).toEqual({
      sql: 'SELECT `table_name`, `version` FROM `ai`.`agno_schema_versions`',
      params: [],
    });
  });

  it('suggests a multi-table DELETE for duplicate session ids', () => {
    expect(dialect.emitter.duplicateFixSql('agno_sessions', 'session_id')).toBe(
      [
        '-- keep, per session_id, the row with the greatest updated_at (else created_at):',
        'USE `ai`;',
        'DELETE older FROM `ai`.`agno_sessions` AS older JOIN `ai`.`agno_sessions` AS newer ' +
          'ON newer.`session_id` = older.`session_id` ' +
          'AND COALESCE(newer.`updated_at`, newer.`created_at`, 0) > COALESCE(older.`updated_at`, older.`created_at`, 0);',
        '-- rows with the same session_id and the same timestamps are not removed: review what this still lists, then re-run:',
        'SELECT `session_id`, COUNT(*) AS `n` FROM `ai`.`agno_sessions` GROUP BY `session_id` HAVING COUNT(*) > 1;',
      ].join('\n'),
    );
  });
});
