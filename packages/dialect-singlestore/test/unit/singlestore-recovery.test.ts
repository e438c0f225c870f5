import { describe, expect, it } from 'vitest';
import { recoverInterruptedRebuilds } from '../../src/index.js';
import { drive } from '../support/drive.js';

const r = { quoteIdent: (n: string) => `\`${n}\``, qualify: (t: string) => `\`app\`.\`${t}\`` };
const present = (...names: string[]) => names.map((table_name) => ({ table_name }));

describe('finishing a rebuild a killed run left behind', () => {
  it('looks for each table and its two rebuild names in one query', () => {
    const run = drive(recoverInterruptedRebuilds(r, 'app', ['a', 'b']), [present('a', 'b')]);
    expect(run.requests).toEqual([
      {
        sql: 'SELECT TABLE_NAME AS table_name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?, ?, ?, ?, ?)',
        params: ['app', 'a', 'a__agno_new', 'a__agno_old', 'b', 'b__agno_new', 'b__agno_old'],
      },
    ]);
    expect(run.result).toEqual([]);
  });

  it('completes a swap killed between its two renames', () => {
    const run = drive(recoverInterruptedRebuilds(r, 'app', ['s']), [present('s__agno_new', 's__agno_old')]);
    expect(run.result).toEqual(['ALTER TABLE `app`.`s__agno_new` RENAME TO `app`.`s`', 'DROP TABLE `app`.`s__agno_old`']);
  });

  it('puts the old table back when it is all that is left', () => {
    const run = drive(recoverInterruptedRebuilds(r, 'app', ['s']), [present('s__agno_old')]);
    expect(run.result).toEqual(['ALTER TABLE `app`.`s__agno_old` RENAME TO `app`.`s`']);
  });

  it('drops spare copies when the table itself is whole', () => {
    expect(drive(recoverInterruptedRebuilds(r, 'app', ['s']), [present('s', 's__agno_old')]).result).toEqual([
      'DROP TABLE `app`.`s__agno_old`',
    ]);
    expect(drive(recoverInterruptedRebuilds(r, 'app', ['s']), [present('s', 's__agno_new')]).result).toEqual([
      'DROP TABLE `app`.`s__agno_new`',
    ]);
  });

  it('leaves alone a new table it cannot account for', () => {
    expect(drive(recoverInterruptedRebuilds(r, 'app', ['s']), [present('s__agno_new')]).result).toEqual([]);
  });
});
