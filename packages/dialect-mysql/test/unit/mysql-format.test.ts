import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/mysql-format.js';
import { needsIndexPrefix, normaliseDataType, stateColumnType } from '../../src/mysql-types.js';

const escapeForTest = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "\\'")}'`);

describe('client-side interpolation', () => {
  it('fills placeholders outside quotes only', () => {
    expect(interpolate('SELECT `a?b` FROM t WHERE x = ? AND y = ?', ["it's", 3], escapeForTest)).toBe(
      "SELECT `a?b` FROM t WHERE x = 'it\\'s' AND y = 3",
    );
    expect(interpolate('SELECT \'?\', "?" , ?', [null], escapeForTest)).toBe('SELECT \'?\', "?" , NULL');
    expect(interpolate('SELECT `x``?` , ?', [1], escapeForTest)).toBe('SELECT `x``?` , 1');
  });

  it('sends objects as JSON, never as key lists', () => {
    expect(interpolate('SELECT ?', [{ a: 1 }], escapeForTest)).toBe(`SELECT '{"a":1}'`);
    expect(interpolate('SELECT ?', [10n], escapeForTest)).toBe('SELECT 10');
  });

  it('refuses a parameter count that does not match', () => {
    expect(() => interpolate('SELECT ?', [], escapeForTest)).toThrow(/more placeholders/);
    expect(() => interpolate('SELECT 1', [1], escapeForTest)).toThrow(/0 placeholder/);
  });
});

describe('MySQL types read back', () => {
  it('normalises what information_schema reports', () => {
    expect(normaliseDataType({ dataType: 'longtext', columnType: 'longtext', jsonChecked: true })).toBe('json');
    expect(normaliseDataType({ dataType: 'longtext', columnType: 'longtext', jsonChecked: false })).toBe('longtext');
    expect(normaliseDataType({ dataType: 'tinyint', columnType: 'tinyint(1)', jsonChecked: false })).toBe('boolean');
    expect(normaliseDataType({ dataType: 'tinyint', columnType: 'tinyint(4)', jsonChecked: false })).toBe('tinyint');
    expect(normaliseDataType({ dataType: 'int', columnType: 'int(11)', jsonChecked: false })).toBe('integer');
    expect(normaliseDataType({ dataType: 'JSON', columnType: 'json', jsonChecked: false })).toBe('json');
  });

  it('restates a column type for MODIFY', () => {
    expect(stateColumnType({ name: 'a', dataType: 'varchar', length: 128, nullable: true })).toBe('VARCHAR(128)');
    expect(stateColumnType({ name: 'a', dataType: 'bigint', nullable: true })).toBe('BIGINT');
    expect(stateColumnType({ name: 'a', dataType: 'boolean', nullable: true })).toBe('BOOL');
    expect(() => stateColumnType({ name: 'a', dataType: 'string', nullable: true })).toThrow(/no known length/);
  });

  it('knows which columns need an index prefix', () => {
    expect(needsIndexPrefix({ name: 'a', dataType: 'text', nullable: true })).toBe(true);
    expect(needsIndexPrefix({ name: 'a', dataType: 'varchar', length: 20, nullable: true })).toBe(false);
    expect(needsIndexPrefix(undefined)).toBe(false);
  });
});
