import { describe, expect, it } from 'vitest';
import { mapSession } from '../../src/map/sessions.js';
import { convertDeep } from '../../src/transform/deep-convert.js';
import { isSafeJsonText } from '../../src/transform/raw-json.js';
import { sanitizeDeep } from '../../src/transform/sanitize.js';
import { MediaIds } from '../../src/transform/stable-id.js';

const ctx = { scope: 'agno_sessions', nowSeconds: 1_800_000_000 };

/** Text-level escapes and raw characters that decode to something the sanitiser removes. */
const UNSAFE = [
  ['an escaped NUL', String.raw`{"a": "x\u0000y"}`],
  ['an escaped control character', String.raw`{"a": "x\u001fy"}`],
  ['a backspace escape', String.raw`{"a": "x\by"}`],
  ['a form feed escape', String.raw`{"a": "x\fy"}`],
  ['an escaped non-character', String.raw`{"a": "x\uFFFEy"}`],
  ['an escaped lone surrogate', String.raw`{"a": "x\ud800y"}`],
  ['an unsafe key', String.raw`{"k\u0001": 1}`],
  ['text encoded twice with an escape inside', JSON.stringify(JSON.stringify({ a: 'x\u0000y' }))],
  ['a raw lone surrogate', '{"a": "x\ud800y"}'],
] as const;

describe('JSON text known safe skips sanitising', () => {
  it.each(UNSAFE)('%s is not safe', (_case, text) => {
    expect(isSafeJsonText(text)).toBe(false);
  });

  it('plain JSON text with newline and tab escapes is safe; non-text is not known safe', () => {
    expect(isSafeJsonText(String.raw`{"a": "line\nnext\ttab", "b": [1, null]}`)).toBe(true);
    expect(isSafeJsonText({ a: 1 })).toBe(false);
    expect(isSafeJsonText(Buffer.from('{}'))).toBe(false);
  });

  it('converts clean data the same with and without the sanitiser', () => {
    const data = () => ({
      thinking: 't',
      images: [{ url: 'u', format: 'png' }],
      metrics: { time: 1 },
      nested: [{ extra_data: { references: ['r'] }, s: 'ok' }],
    });
    expect(convertDeep(data(), new MediaIds('x'), false)).toEqual(convertDeep(data(), new MediaIds('x'), true));
  });

  // Text encoded twice decodes to a string holding an escape, not the character: nothing to remove.
  it.each(UNSAFE.filter(([name]) => !name.includes('twice')))('a session whose JSON text holds %s is still sanitised', (_case, text) => {
    const memory = `{"runs": [{"agent_id": "a", "thinking": "t", "data": ${text}}]}`;
    const v1 = {
      session_id: 's',
      session_data: `{"images": [], "data": ${text}}`,
      extra_data: `{"thinking": "t", "data": ${text}}`,
      memory,
    };
    const mapped = mapSession(v1, 'agent', ctx);
    if ('skip' in mapped) throw new Error(mapped.skip);
    for (const column of ['session_data', 'metadata', 'runs']) {
      const written = JSON.parse(String(mapped.row[column])) as unknown;
      // Sanitising what was written changes nothing: the unsafe character is gone.
      expect(sanitizeDeep(structuredClone(written))).toEqual(written);
      expect(JSON.stringify(written)).toContain('"data"');
    }
  });
});
