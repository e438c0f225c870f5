import { describe, expect, it } from 'vitest';
import { connectionArgs, shellWord } from '../src/output/rerun-args.js';

describe('the connection options a suggested command repeats', () => {
  it('repeats what chose the database and named its tables, in a stable order, and nothing else', () => {
    expect(
      connectionArgs({
        db: 'postgresql://app@db/agno',
        schema: 'ai',
        table: ['memories=my_memories', 'sessions=s'],
        versionsTable: 'v',
        json: true,
        lockTimeout: 5,
      }),
    ).toEqual([
      '--db',
      'postgresql://app@db/agno',
      '--schema',
      'ai',
      '--table',
      'memories=my_memories',
      '--table',
      'sessions=s',
      '--versions-table',
      'v',
    ]);
    expect(connectionArgs({ table: [], config: './agno db.json', dbId: 'prod' })).toEqual([
      '--config',
      "'./agno db.json'",
      '--db-id',
      'prod',
    ]);
    expect(connectionArgs({ table: [] })).toEqual([]);
  });

  it('quotes a word a shell would split, expand or glob, and keeps a single quote inside one', () => {
    expect(shellWord('sqlite:./agno.db')).toBe('sqlite:./agno.db');
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord('$HOME*')).toBe("'$HOME*'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('')).toBe("''");
  });
});
