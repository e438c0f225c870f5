import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, VersionError } from '../src/index.js';

describe('parseVersion', () => {
  it.each([
    ['2.5.6', '2.5.6'],
    ['v2.3.0', '2.3.0'],
    ['V2.3', '2.3.0'],
    ['2', '2.0.0'],
    [' 2.5.6 ', '2.5.6'],
  ])('reads %j as %s', (input, text) => expect(parseVersion(input).text).toBe(text));

  it.each(['', 'abc', '2.x', '2.5.6-beta', '..', '2..3', 'v', '-1.0', '2.3.0.0', '2.5.6.0', 'vv2.3', '2.3.'])(
    'rejects %j naming it',
    (input) => {
      expect(() => parseVersion(input)).toThrow(VersionError);
      expect(() => parseVersion(input)).toThrow(JSON.stringify(input));
    },
  );
});

describe('compareVersions', () => {
  it('treats missing components as zero', () => expect(compareVersions('2.3', '2.3.0')).toBe(0));
  it('compares numerically, not as text', () => expect(compareVersions('2.10.0', '2.9.0')).toBe(1));
  it('orders', () => expect(['2.5.6', '2.0.0', '2.3.0'].sort(compareVersions)).toEqual(['2.0.0', '2.3.0', '2.5.6']));
});
