import { describe, expect, it } from 'vitest';
import { convertDeep } from '../../src/transform/deep-convert.js';
import { MediaIds, stableUuid } from '../../src/transform/stable-id.js';

const ids = () => new MediaIds('scope');
const id = (n: number) => stableUuid(`scope\u0000${n}`);

/** One case per rule of spec 5.5, each the smallest input that shows it. */
const RULES: readonly { rule: string; input: unknown; output: unknown }[] = [
  // extra_data lifts
  { rule: 'extra_data.add_messages → additional_input', input: { extra_data: { add_messages: [1] } }, output: { additional_input: [1] } },
  { rule: 'extra_data.references → references', input: { extra_data: { references: ['r'] } }, output: { references: ['r'] } },
  {
    rule: 'extra_data.reasoning_steps → reasoning_steps',
    input: { extra_data: { reasoning_steps: ['s'] } },
    output: { reasoning_steps: ['s'] },
  },
  {
    rule: 'extra_data.reasoning_content → reasoning_content',
    input: { extra_data: { reasoning_content: 'c' } },
    output: { reasoning_content: 'c' },
  },
  {
    rule: 'extra_data.reasoning_messages → reasoning_messages',
    input: { extra_data: { reasoning_messages: ['m'] } },
    output: { reasoning_messages: ['m'] },
  },
  {
    rule: 'a lifted key replaces the top-level one',
    input: { references: 'old', extra_data: { references: 'new' } },
    output: { references: 'new' },
  },
  { rule: 'other extra_data keys are dropped with it', input: { extra_data: { other: 1 }, keep: 2 }, output: { keep: 2 } },
  { rule: 'an empty or non-dict extra_data is removed', input: { extra_data: 'text' }, output: {} },
  // thinking
  {
    rule: 'thinking + reasoning_content join with a newline',
    input: { thinking: 'a', reasoning_content: 'b' },
    output: { reasoning_content: 'a\nb' },
  },
  { rule: 'thinking alone becomes reasoning_content', input: { thinking: 'a' }, output: { reasoning_content: 'a' } },
  {
    rule: 'an empty thinking is removed and keeps reasoning_content',
    input: { thinking: '', reasoning_content: 'b' },
    output: { reasoning_content: 'b' },
  },
  {
    rule: 'extra_data reasoning_content joins thinking',
    input: { thinking: 't', extra_data: { reasoning_content: 'e' } },
    output: { reasoning_content: 't\ne' },
  },
  // media
  { rule: 'a media object without id gets a stable one', input: { images: [{ url: 'u' }] }, output: { images: [{ url: 'u', id: id(0) }] } },
  { rule: 'a media id is kept', input: { images: [{ id: 'keep' }] }, output: { images: [{ id: 'keep' }] } },
  { rule: 'a single media dict is converted', input: { audio: { url: 'u' } }, output: { audio: { url: 'u', id: id(0) } } },
  { rule: 'numeric length → duration', input: { videos: [{ id: 'v', length: 3 }] }, output: { videos: [{ id: 'v', duration: 3 }] } },
  {
    rule: 'numeric-string length → duration',
    input: { videos: [{ id: 'v', length: '2.5' }] },
    output: { videos: [{ id: 'v', duration: 2.5 }] },
  },
  {
    rule: 'a length of 0 → duration 0 (Agno drops it)',
    input: { videos: [{ id: 'v', length: 0 }] },
    output: { videos: [{ id: 'v', duration: 0 }] },
  },
  {
    rule: 'a non-numeric length is kept (Agno drops it)',
    input: { videos: [{ id: 'v', eta: 1, length: 'long' }] },
    output: { videos: [{ id: 'v', eta: 1, length: 'long' }] },
  },
  {
    rule: 'base64_audio → content',
    input: { audio: [{ id: 'a', base64_audio: 'QQ==' }] },
    output: { audio: [{ id: 'a', content: 'QQ==' }] },
  },
  { rule: 'an empty base64_audio is dropped', input: { audio: [{ id: 'a', base64_audio: '' }] }, output: { audio: [{ id: 'a' }] } },
  {
    rule: 'a transcript keeps its base64 content as v2 stores it',
    input: { response_audio: { id: 'a', transcript: 't', content: 'aGk=' } },
    output: { response_audio: { id: 'a', transcript: 't', content: 'aGk=' } },
  },
  {
    rule: 'format → mime_type (case-insensitive)',
    input: { images: [{ id: 'i', format: 'JPG' }] },
    output: { images: [{ id: 'i', format: 'JPG', mime_type: 'image/jpeg' }] },
  },
  {
    rule: 'an existing mime_type is kept',
    input: { images: [{ id: 'i', format: 'png', mime_type: 'x/y' }] },
    output: { images: [{ id: 'i', format: 'png', mime_type: 'x/y' }] },
  },
  {
    rule: 'an unknown format adds no mime_type',
    input: { videos: [{ id: 'v', format: 'mkv' }] },
    output: { videos: [{ id: 'v', format: 'mkv' }] },
  },
  { rule: 'non-dict media items are left alone', input: { images: ['u', null] }, output: { images: ['u', null] } },
  // removed keys
  { rule: 'team_session_id is removed', input: { team_session_id: 't', a: 1 }, output: { a: 1 } },
  { rule: 'formatted_tool_calls is removed', input: { formatted_tool_calls: [], a: 1 }, output: { a: 1 } },
  { rule: 'event and events are removed', input: { event: 'e', events: [], a: 1 }, output: { a: 1 } },
  // metrics
  { rule: 'time → duration', input: { time: 1 }, output: { duration: 1 } },
  { rule: 'audio_tokens → audio_total_tokens', input: { audio_tokens: 1 }, output: { audio_total_tokens: 1 } },
  {
    rule: 'input_audio_tokens → audio_input_tokens',
    input: { input_tokens: 1, total_tokens: 1, input_audio_tokens: 2 },
    output: { input_tokens: 1, total_tokens: 1, audio_input_tokens: 2 },
  },
  {
    rule: 'output_audio_tokens → audio_output_tokens',
    input: { output_tokens: 1, total_tokens: 1, output_audio_tokens: 2 },
    output: { output_tokens: 1, total_tokens: 1, audio_output_tokens: 2 },
  },
  { rule: 'cached_tokens → cache_read_tokens', input: { cached_tokens: 1 }, output: { cache_read_tokens: 1 } },
  {
    rule: 'prompt/completion tokens and details are deleted',
    input: { prompt_tokens: 1, completion_tokens: 2, prompt_tokens_details: {}, completion_tokens_details: {}, input_tokens: 1 },
    output: { input_tokens: 1 },
  },
  {
    rule: 'two v2 metrics keys make a metrics dict (not recursed into)',
    input: { input_tokens: 1, output_tokens: 2, nested: { thinking: 'x' } },
    output: { input_tokens: 1, output_tokens: 2, nested: { thinking: 'x' } },
  },
  {
    rule: 'one v2 metrics key alone is no metrics dict',
    input: { input_tokens: 1, nested: { thinking: 'x' } },
    output: { input_tokens: 1, nested: { reasoning_content: 'x' } },
  },
  { rule: 'a "metrics" key is always converted', input: { metrics: { time: [1] } }, output: { metrics: { duration: [1] } } },
  { rule: 'a renamed key replaces the v2 one', input: { time: 1, duration: 9 }, output: { duration: 1 } },
  // recursion and sanitising
  {
    rule: 'conversion applies at every depth, in lists too',
    input: { a: [{ b: { thinking: 't' } }] },
    output: { a: [{ b: { reasoning_content: 't' } }] },
  },
  { rule: 'control characters are removed from strings', input: { s: 'a\u0000b\u0001c\u001fd\ufffe\uffffe' }, output: { s: 'abcde' } },
  { rule: 'tab, newline and carriage return are kept', input: { s: 'a\tb\nc\rd' }, output: { s: 'a\tb\nc\rd' } },
  { rule: 'keys are sanitised too', input: { 'k\u0000ey': 1 }, output: { key: 1 } },
  {
    rule: 'strings inside metrics are sanitised too',
    input: { metrics: { provider_metrics: { id: 'x\u0002' } } },
    output: { metrics: { provider_metrics: { id: 'x' } } },
  },
  { rule: 'unpaired surrogates are removed, pairs kept', input: { s: 'a\ud800b😀' }, output: { s: 'ab😀' } },
  { rule: 'scalars pass through', input: [1, true, null, 2.5], output: [1, true, null, 2.5] },
];

describe('the recursive v1 → v2 conversion (spec 5.5)', () => {
  it.each(RULES)('$rule', ({ input, output }) => {
    expect(convertDeep(input, ids())).toEqual(output);
  });

  it('gives the same media ids on every run, different ones per scope', () => {
    const input = () => ({ images: [{ url: 'a' }, { url: 'b' }] });
    expect(convertDeep(input(), new MediaIds('s1'))).toEqual(convertDeep(input(), new MediaIds('s1')));
    expect(convertDeep(input(), new MediaIds('s1'))).not.toEqual(convertDeep(input(), new MediaIds('s2')));
    expect(id(0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
