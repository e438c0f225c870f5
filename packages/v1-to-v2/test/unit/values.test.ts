import { describe, expect, it } from 'vitest';
import { decodeJson, truthy } from '../../src/transform/json-value.js';
import { sanitizeDeep } from '../../src/transform/sanitize.js';
import { toEpochSeconds } from '../../src/transform/timestamps.js';

describe('JSON column values', () => {
  it.each([
    ['a parsed object passes through', { a: 1 }, { a: 1 }],
    ['JSON text of an object is parsed (SQLite)', '{"a": 1}', { a: 1 }],
    ['JSON text of a list is parsed', ' [1, 2] ', [1, 2]],
    ['a JSON string holding JSON is parsed twice', '"{\\"a\\": 1}"', { a: 1 }],
    ['text JSON null is null', 'null', null],
    ['a JSON string of plain text becomes the text', '"hello"', 'hello'],
    ['plain text stays text', 'hello', 'hello'],
    ['a number-looking text stays text', '123', '123'],
    ['broken JSON stays text', '{"a": ', '{"a": '],
    ['bytes are read as UTF-8 text', Buffer.from('{"b": 2}'), { b: 2 }],
    ['null stays null', null, null],
  ])('%s', (_case, value, decoded) => {
    expect(decodeJson(value)).toEqual(decoded);
  });

  it("uses Python's truthiness", () => {
    expect([null, undefined, false, 0, '', [], {}].map(truthy)).toEqual(Array(7).fill(false));
    expect([true, 1, 'a', [0], { a: 0 }].map(truthy)).toEqual(Array(5).fill(true));
  });

  it('sanitises nested values and keys without touching numbers', () => {
    expect(sanitizeDeep({ 'a\u0003': ['x\u0000', 1, { y: 'z\u000b' }] })).toEqual({ a: ['x', 1, { y: 'z' }] });
  });
});

describe('timestamps to epoch seconds', () => {
  it.each([
    ['an epoch number', 1_700_000_000, 1_700_000_000],
    ['an epoch with a fraction', 1_700_000_000.9, 1_700_000_000],
    ['an epoch string (pg BIGINT)', '1700000000', 1_700_000_000],
    ['a bigint', 1_700_000_000n, 1_700_000_000],
    ['a Date', new Date('2024-01-02T03:04:05Z'), 1_704_164_645],
    ['SQLite CURRENT_TIMESTAMP text, read as UTC', '2024-01-02 03:04:05', 1_704_164_645],
    ['microseconds', '2024-01-02 03:04:05.123456', 1_704_164_645],
    ['an ISO string with an offset', '2024-01-02T05:04:05+02:00', 1_704_164_645],
    ['an offset without colon', '2024-01-02 05:04:05+0200', 1_704_164_645],
    ['a bare date', '2024-01-02', 1_704_153_600],
    ['garbage', 'yesterday', null],
    ['null', null, null],
    ['an invalid Date', new Date('x'), null],
  ])('%s', (_case, value, seconds) => {
    expect(toEpochSeconds(value)).toBe(seconds);
  });
});
