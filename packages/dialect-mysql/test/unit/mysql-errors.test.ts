import { DatabaseError, LockTimeoutError } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { isMysqlUndefinedTable, translateMysqlError } from '../../src/index.js';

const where = { server: 'db.example:3306', database: 'ai' };

function driverError(code: string, errno: number | undefined, message: string): Error {
  return Object.assign(new Error(message), { code, errno });
}

function kindOf(error: Error): unknown {
  return error instanceof DatabaseError ? error.details['kind'] : undefined;
}

describe('MySQL errors', () => {
  it('authentication, without the password', () => {
    const error = translateMysqlError(
      driverError('ER_ACCESS_DENIED_ERROR', 1045, "Access denied for user 'agno'@'10.0.0.1' (using password: YES)"),
      where,
    );
    expect(kindOf(error)).toBe('authentication');
    expect(error.message).toMatch(/db\.example:3306 refused the login .*check the user name and password/);
  });

  it('unknown database', () => {
    const error = translateMysqlError(driverError('ER_BAD_DB_ERROR', 1049, "Unknown database 'nope'"), where);
    expect(kindOf(error)).toBe('unknown-database');
    expect(error.message).toContain("Unknown database 'nope'");
  });

  it('connection', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT']) {
      const error = translateMysqlError(driverError(code, undefined, `connect ${code}`), where);
      expect(kindOf(error)).toBe('connection');
      expect(error.message).toContain('is MySQL running at db.example:3306');
    }
  });

  it('a session that ended is not reported as a server that cannot be reached', () => {
    for (const [code, errno] of [
      ['PROTOCOL_CONNECTION_LOST', undefined],
      ['ECONNRESET', undefined],
      ['ER_CONNECTION_KILLED', 1927],
      ['ER_SERVER_SHUTDOWN', 1053],
    ] as const) {
      const error = translateMysqlError(driverError(code, errno, 'Connection lost: The server closed the connection.'), where);
      expect(kindOf(error)).toBe('connection');
      expect(error.message).not.toContain('is MySQL running');
      expect(error.message).toMatch(
        /^MySQL at db\.example:3306 ended the session \(.*\): it was killed, timed out or the server restarted; .*running the command again finishes/,
      );
    }
  });

  it('an interrupted statement says why it may have been', () => {
    for (const errno of [1317, 3024, 1969]) {
      const error = translateMysqlError(driverError('ER_QUERY_INTERRUPTED', errno, 'Query execution was interrupted'), where);
      expect(kindOf(error)).toBe('interrupted');
      expect(error.message).toContain('max_execution_time');
    }
  });

  it('a missing CREATE privilege names the user, the privilege, the table and the GRANT', () => {
    const error = translateMysqlError(
      driverError(
        'ER_TABLEACCESS_DENIED_ERROR',
        1142,
        "CREATE command denied to user 'app'@'10.0.0.1' for table `ai`.`agno_schema_versions`",
      ),
      where,
    );
    expect(error.message).toBe(
      "the MySQL user 'app'@'10.0.0.1' has no CREATE privilege on ai.agno_schema_versions: grant it what a migration needs " +
        "(GRANT CREATE, ALTER, INDEX, SELECT, INSERT, UPDATE, DELETE ON `ai`.* TO 'app'@'10.0.0.1')",
    );
  });

  it('permission', () => {
    expect(kindOf(translateMysqlError(driverError('ER_TABLEACCESS_DENIED_ERROR', 1142, 'ALTER command denied'), where))).toBe('permission');
    expect(kindOf(translateMysqlError(driverError('ER_DBACCESS_DENIED_ERROR', 1044, 'Access denied to database'), where))).toBe(
      'permission',
    );
  });

  it('passes typed errors through and wraps anything else', () => {
    const lock = new LockTimeoutError('held');
    expect(translateMysqlError(lock, where)).toBe(lock);
    const other = translateMysqlError(driverError('ER_PARSE_ERROR', 1064, 'You have an error'), where);
    expect(kindOf(other)).toBe('other');
    expect((other as DatabaseError).cause).toBeInstanceOf(Error);
  });

  it('knows a missing table', () => {
    expect(isMysqlUndefinedTable(driverError('ER_NO_SUCH_TABLE', 1146, "Table 'ai.x' doesn't exist"))).toBe(true);
    expect(isMysqlUndefinedTable(driverError('ER_PARSE_ERROR', 1064, 'x'))).toBe(false);
  });
});
