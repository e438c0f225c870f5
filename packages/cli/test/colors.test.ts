import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../src/output/colors.js';

describe('colour is decided per stream', () => {
  it('by that stream’s terminal', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });
  it('CI=true alone does not force it', () => {
    expect(colorEnabled({ isTTY: false }, { CI: 'true' })).toBe(false);
  });
  it('NO_COLOR wins over a terminal and over FORCE_COLOR; TERM=dumb has none', () => {
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
  it('FORCE_COLOR=0 does not force', () => {
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '0' })).toBe(false);
  });
});
