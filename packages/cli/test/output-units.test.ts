import type { MigrationEvent } from '@agno-migrate/core';
import { mysqlDialect } from '@agno-migrate/dialect-mysql';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDryRunSql } from '../src/output/dry-run-sql.js';
import type { LiveLine } from '../src/output/progress.js';
import { progressReporter } from '../src/output/progress.js';
import { displayWidth, renderTable } from '../src/output/table.js';
import { closest } from '../src/suggest.js';
import { colorsFor } from '../src/output/colors.js';

const plain = colorsFor({ isTTY: false });

describe('tables line up in terminal columns', () => {
  it('CJK takes two columns, emoji two, colour codes none', () => {
    expect(displayWidth('memories')).toBe(8);
    expect(displayWidth('记忆')).toBe(4);
    expect(displayWidth('📚')).toBe(2);
    expect(displayWidth('\x1b[32mok\x1b[39m')).toBe(2);
  });
  it('columns after a CJK or emoji name start at the same column', () => {
    const text = renderTable(
      ['TABLE', 'TYPE'],
      [
        ['记忆表', 'memories'],
        ['sessions_📚', 'sessions'],
        ['plain', 'evals'],
      ],
      plain,
    );
    const starts = text.split('\n').map((line) => displayWidth(line.slice(0, line.search(/(memories|sessions|evals|TYPE)$/))));
    expect(new Set(starts).size).toBe(1);
  });
});

describe('dry-run SQL pastes into psql, mysql and sqlite3 (each dialect writes its own literals)', () => {
  const inline = {
    postgres: postgresDialect({ url: 'postgresql://app@db.example/agno' }).emitter,
    mysql: mysqlDialect({ url: 'mysql://app@db.example/agno' }).emitter,
    sqlite: sqliteDialect({ path: ':memory:' }).emitter,
  };
  it('inlines values as quoted literals', () => {
    expect(inline.postgres.inlineParams({ sql: 'INSERT INTO "v" VALUES ($1, $2, $3)', params: ['agno_memories', "it's", 12] })).toBe(
      `INSERT INTO "v" VALUES ('agno_memories', 'it''s', 12)`,
    );
    expect(inline.mysql.inlineParams({ sql: 'INSERT INTO `v` VALUES (?, ?)', params: ['a\\b', null] })).toBe(
      "INSERT INTO `v` VALUES ('a\\\\b', NULL)",
    );
    expect(inline.sqlite.inlineParams({ sql: 'UPDATE "t" SET "x" = ? WHERE "y" = ?', params: [true, 7n] })).toBe(
      'UPDATE "t" SET "x" = 1 WHERE "y" = 7',
    );
    expect(inline.postgres.inlineParams({ sql: 'SELECT $1', params: [false] })).toBe('SELECT FALSE');
  });
  it('leaves ? and $1 inside quoted strings, identifiers and comments alone', () => {
    expect(inline.sqlite.inlineParams({ sql: `SELECT '?', "a?b", ? FROM t -- why?\n WHERE x = ?`, params: [1, 2] })).toBe(
      `SELECT '?', "a?b", 1 FROM t -- why?\n WHERE x = 2`,
    );
    expect(inline.postgres.inlineParams({ sql: `SELECT '$1', $1`, params: ['v'] })).toBe(`SELECT '$1', 'v'`);
    // A backslash escapes the quote in MySQL's strings, not in standard SQL's.
    expect(inline.mysql.inlineParams({ sql: `SELECT 'a\\'?', ?`, params: [1] })).toBe(`SELECT 'a\\'?', 1`);
    expect(inline.sqlite.inlineParams({ sql: `SELECT 'a\\', ?`, params: [1] })).toBe(`SELECT 'a\\', 1`);
  });
  it('objects become JSON text, buffers hex (bytea on PostgreSQL)', () => {
    expect(inline.postgres.inlineParams({ sql: 'SELECT $1', params: [{ a: "b'c" }] })).toBe(`SELECT '{"a":"b''c"}'`);
    expect(inline.sqlite.inlineParams({ sql: 'SELECT ?', params: [Buffer.from([1, 255])] })).toBe("SELECT X'01ff'");
    expect(inline.postgres.inlineParams({ sql: 'SELECT $1', params: [Buffer.from([1, 255])] })).toBe("SELECT '\\x01ff'::bytea");
  });
  it('an operation another statement carries is a comment naming it, not its SQL again', () => {
    const operations = [
      {
        description: 'add column a',
        needed: true,
        statements: [{ sql: 'ALTER TABLE "t" ADD COLUMN "a" TEXT, ADD COLUMN "b" TEXT', params: [] }],
      },
      { description: 'add column b', needed: true, statements: [], carriedBy: 0 },
      { description: 'add column c', needed: false, statements: [] },
    ];
    const result = {
      command: 'up' as const,
      dryRun: true,
      targetVersion: '2.1.0',
      status: 'ok' as const,
      tables: [
        {
          tableType: 'memories',
          tableName: 't',
          from: '2.0.0',
          to: '2.1.0',
          outcome: 'migrated' as const,
          steps: [{ from: '2.0.0', to: '2.1.0', direction: 'up' as const, operations }],
        },
      ],
    };
    expect(formatDryRunSql(result, inline.postgres.inlineParams.bind(inline.postgres)).split('\n')).toEqual([
      '-- t (memories): 2.0.0 → 2.1.0',
      '-- step 2.0.0 → 2.1.0',
      'ALTER TABLE "t" ADD COLUMN "a" TEXT, ADD COLUMN "b" TEXT;',
      '--   add column b: in the statement of add column a',
      '--   add column c: already done',
    ]);
  });
});

describe('did you mean', () => {
  it('the nearest name when close, nothing when not', () => {
    expect(closest('memries', ['memories', 'sessions'])).toBe('memories');
    expect(closest('Sessons', ['memories', 'sessions'])).toBe('sessions');
    expect(closest('xyz', ['memories', 'sessions'])).toBeUndefined();
  });
});

function fakeLine() {
  const frames: string[] = [];
  const kept: string[] = [];
  let current: string | undefined;
  const line = ((text: string) => {
    current = text;
    frames.push(text);
  }) as LiveLine;
  line.clear = () => {
    current = undefined;
  };
  line.done = () => {
    if (current !== undefined) kept.push(current);
    current = undefined;
  };
  return { line, frames, kept, current: () => current };
}

describe('progress on a terminal', () => {
  beforeAll(() => {
    process.env['NO_COLOR'] = '1';
  });
  const terminal = (columns: number) => ({ isTTY: true, columns, write: () => true }) as unknown as NodeJS.WriteStream;
  const setup = (columns = 120) => {
    let now = 0;
    const live = fakeLine();
    const reporter = progressReporter(terminal(columns), live.line, { now: () => now, autoRender: false });
    const at = (ms: number, event?: MigrationEvent) => {
      now = ms;
      if (event) reporter.onEvent(event);
      reporter.render();
    };
    return { live, reporter, at };
  };

  it('the lock line appears only after a second of waiting, shows the time waited, and is cleared', () => {
    const { live, at } = setup();
    at(0, { type: 'lock-waiting', name: 'agno_migrate' });
    at(900);
    expect(live.frames).toEqual([]);
    at(3200);
    expect(live.current()).toMatch(/^waiting for the migration lock agno_migrate: another run holds it · 3s/);
    at(3300, { type: 'lock-acquired', name: 'agno_migrate' });
    expect(live.current()).toBeUndefined();
    expect(live.kept).toEqual([]);
  });

  it('the lock line names the holder when the database tells who it is', () => {
    const { live, at } = setup();
    at(0, { type: 'lock-waiting', name: 'agno_migrate' });
    at(10, { type: 'lock-contended', name: 'agno_migrate', holder: 'pid 4242, application "agentos"' });
    at(2100);
    expect(live.current()).toMatch(/^waiting for the migration lock agno_migrate: held by pid 4242, application "agentos" · 2s/);
  });

  it('a step retrying on a table another session holds says so, with the time since it first waited', () => {
    const { live, at } = setup();
    at(0, { type: 'step-start', tableName: 'agno_memories', from: '2.0.0', to: '2.3.0', direction: 'up' });
    const retry = { type: 'table-lock-retry', tableName: 'agno_memories', message: 'lock timeout' } as const;
    at(1000, { ...retry, attempt: 1, waitedMs: 1000 });
    at(4200, { ...retry, attempt: 3, waitedMs: 4200 });
    expect(live.current()).toBe("  agno_memories: locked by another session's open transaction; trying again (3) · 4s (--lock-timeout)");
  });

  it('no lock line at all when the lock comes at once', () => {
    const { live, at } = setup();
    at(0, { type: 'lock-waiting', name: 'l' });
    at(20, { type: 'lock-acquired', name: 'l' });
    at(5000);
    expect(live.frames).toEqual([]);
  });

  it('a long statement shows its elapsed time; each step is kept with its duration', () => {
    const { live, at } = setup();
    const statement = { sql: 'ALTER TABLE "agno_sessions"\n  ADD PRIMARY KEY ("session_id")', params: [] };
    at(0, { type: 'table-start', tableType: 'sessions', tableName: 'agno_sessions', from: '2.3.0', to: '2.5.0' });
    at(0, { type: 'step-start', tableName: 'agno_sessions', from: '2.3.0', to: '2.5.0', direction: 'up' });
    at(10, { type: 'statement', tableName: 'agno_sessions', statement, dryRun: false });
    at(500);
    expect(live.current()).toBeUndefined();
    at(65_010);
    // One line: the SQL's own line breaks are gone.
    expect(live.current()).toBe('  agno_sessions: ALTER TABLE "agno_sessions" ADD PRIMARY KEY ("session_id") · 1m05s');
    at(66_000, { type: 'statement-done', tableName: 'agno_sessions', statement });
    expect(live.current()).toBeUndefined();
    at(66_000, { type: 'table-done', result: {} as never });
    expect(live.kept).toEqual(['  agno_sessions: up 2.3.0 → 2.5.0 · 1m06s']);
  });

  it('lines are cut to a narrow terminal so they never wrap', () => {
    const { live, at } = setup(40);
    const statement = { sql: `UPDATE "${'x'.repeat(100)}" SET "a" = 1`, params: [] };
    at(0, { type: 'step-start', tableName: 'x'.repeat(100), from: '2.0.0', to: '2.3.0', direction: 'up' });
    at(0, { type: 'statement', tableName: 'x'.repeat(100), statement, dryRun: false });
    at(2000);
    expect(live.current()!.length).toBe(39);
    expect(live.current()!.endsWith('…')).toBe(true);
    at(2010, { type: 'table-done', result: {} as never });
    expect(live.kept[0]!.length).toBe(39);
  });
});

describe('a terminal that reports no size', () => {
  it('reads as 80×24 for the redraw, and writes through', async () => {
    const { sizedTerminal } = await import('../src/output/progress.js');
    const written: string[] = [];
    const raw = { isTTY: true, columns: 0, rows: 0, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const sized = sizedTerminal(raw);
    expect([sized.columns, sized.rows]).toEqual([80, 24]);
    const { createLogUpdate } = await import('log-update');
    const live = createLogUpdate(sized, { showCursor: true });
    live('  agno_memories: up 2.0.0 → 2.3.0');
    live.done();
    expect(written.join('')).toContain('  agno_memories: up 2.0.0 → 2.3.0\n');
    const sizedOnly = sizedTerminal({ ...raw, columns: 132, rows: 50 } as NodeJS.WriteStream);
    expect([sizedOnly.columns, sizedOnly.rows]).toEqual([132, 50]);
  });
});
