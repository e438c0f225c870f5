import { describe, expect, it } from 'vitest';
import type { LearningRow } from '../src/graph/steps/v3-0-0/learnings/classify.js';
import { classifyRow } from '../src/graph/steps/v3-0-0/learnings/classify.js';
import { legacyEntityId, quarantineId, sameUser, userEntityId, userKeyDigest } from '../src/graph/steps/v3-0-0/learnings/keys.js';
import { mergeIntoTarget, UnmergeableError } from '../src/graph/steps/v3-0-0/learnings/merge.js';
import { reportLine as rekeyReportLine, wroteSomething as rekeyWroteSomething } from '../src/graph/steps/v3-0-0/learnings/report.js';
import { legacyKeysNotice } from '../src/graph/steps/v3-0-0/learnings/index.js';
import { ReportBuilder } from '../src/graph/steps/v3-0-0/learnings/report.js';
import { asObject } from '../src/graph/steps/v3-0-0/learnings/json.js';

describe('entity memory keys', () => {
  // Digests computed independently with Python's hashlib (sha256(str(u).encode("utf-8")).hexdigest()[:16]).
  it.each([
    ['alice@corp.com', 'a1e48674b77de978'],
    ['bob@corp.com', '32e7ccbae8d132f1'],
    ['123', 'a665a45920422f9d'],
    ['Zoë', 'c6a12698582fc110'],
  ])('digest of %s is %s', (user, digest) => {
    expect(userKeyDigest(user)).toBe(digest);
  });

  it('builds the legacy, per-user and quarantine ids', () => {
    expect(legacyEntityId('acme', 'company')).toBe('entity_user_company_acme');
    expect(legacyEntityId('acme', 'company', 'global')).toBe('entity_global_company_acme');
    expect(legacyEntityId('acme', 'company', null)).toBe('entity_global_company_acme');
    expect(userEntityId('acme', 'company', 'alice@corp.com')).toBe('entity_user_a1e48674b77de978_company_acme');
    expect(quarantineId('acme', 'company')).toBe('entity_quarantined_user_company_acme');
  });

  it.each([
    ['alice', 'alice', true],
    ['alice', 'bob', false],
    [123, '123', true],
    [true, 'True', true],
    [null, null, false],
    ['alice', null, false],
    [{ id: 'alice' }, 'alice', false],
  ])('same user %j and %j: %s', (a, b, same) => {
    expect(sameUser(a, b)).toBe(same);
  });
});

const row = (over: Partial<LearningRow>): LearningRow => ({
  learning_id: 'entity_user_company_acme',
  user_id: 'alice',
  agent_id: null,
  team_id: null,
  workflow_id: null,
  session_id: null,
  entity_id: 'acme',
  entity_type: 'company',
  content: { user_id: 'alice', facts: [] },
  metadata: null,
  ...over,
});
const keyed = userEntityId('acme', 'company', 'alice');

describe('classifyRow (Agno _classify_row)', () => {
  it.each<[string, Partial<LearningRow>, string]>([
    ['legacy id, owned, consistent', {}, 'legacy'],
    ['legacy id, content without user', { content: { facts: [] } }, 'legacy'],
    ['legacy id, content user null', { content: { user_id: null } }, 'legacy'],
    ['legacy id, content as JSON text (SQLite)', { content: '{"user_id": "alice"}' }, 'legacy'],
    ['legacy id, content encoded twice', { content: JSON.stringify('{"user_id": "alice"}') }, 'legacy'],
    ['legacy id, numeric content user equal as text', { user_id: '123', content: { user_id: 123 } }, 'legacy'],
    ['legacy id, another user recorded', { content: { user_id: 'bob' } }, 'contaminated'],
    ['legacy id, no owner', { user_id: null }, 'unowned'],
    ['legacy id, empty owner', { user_id: '' }, 'unowned'],
    ['legacy id, no owner, another user recorded', { user_id: null, content: { user_id: 'bob' } }, 'unowned'],
    ['per-user id', { learning_id: keyed }, 'keyed'],
    ['per-user id, another user recorded', { learning_id: keyed, content: { user_id: 'bob' } }, 'contaminated_keyed'],
    ['some other id shape', { learning_id: 'custom-id' }, 'keyed'],
    ['no entity id', { entity_id: null }, 'malformed'],
    ['empty entity type', { entity_type: '' }, 'malformed'],
    ['content a list', { content: [1, 2] }, 'malformed'],
    ['content text that is not JSON', { content: 'not json' }, 'malformed'],
    ['content null', { content: null }, 'malformed'],
    ['metadata text that is not JSON', { metadata: '{broken' }, 'malformed'],
  ])('%s → %s', (_name, over, bucket) => {
    expect(classifyRow(row(over)).bucket).toBe(bucket);
  });

  it('hands over the parsed content of a legacy row only', () => {
    expect(classifyRow(row({ content: '{"user_id":"alice","facts":["x"]}' })).content).toEqual({ user_id: 'alice', facts: ['x'] });
    expect(classifyRow(row({ learning_id: keyed })).content).toBeUndefined();
  });
});

describe('mergeIntoTarget (Agno _merge_into_target)', () => {
  // Expected values cross-checked against Agno's own function on the same input.
  it('target wins scalars; collections union with the source first; gaps filled; aliases folded', () => {
    const source = {
      name: 'Acme',
      user_id: 'alice',
      description: 'old desc',
      aliases: ['ACME Inc'],
      facts: [{ id: 'f1', content: 'Renewal at  50k' }, { id: 'f2', content: 'Uses Postgres' }, 'bare fact'],
      events: [
        { content: 'signed', date: '2024-01-01' },
        { content: 'churned', date: '2024-02-01' },
      ],
      relationships: [{ entity_id: 'bob', entity_type: 'person', relation: 'ceo', direction: 'incoming' }],
      properties: { tier: 'gold', region: 'eu' },
      extra: 1,
    };
    const target = {
      name: 'acme',
      user_id: 'alice',
      description: '',
      aliases: [],
      facts: [{ id: 'x9', content: 'renewal at 50k' }],
      events: [{ content: 'signed', date: '2024-01-01' }],
      relationships: [],
      properties: { tier: 'platinum' },
    };
    expect(mergeIntoTarget(source, target)).toEqual({
      name: 'acme',
      user_id: 'alice',
      description: 'old desc',
      aliases: ['ACME Inc'],
      facts: [{ id: 'f2', content: 'Uses Postgres' }, 'bare fact', { id: 'x9', content: 'renewal at 50k' }],
      events: [
        { content: 'churned', date: '2024-02-01' },
        { content: 'signed', date: '2024-01-01' },
      ],
      relationships: [{ entity_id: 'bob', entity_type: 'person', relation: 'ceo', direction: 'incoming' }],
      properties: { tier: 'platinum', region: 'eu' },
      extra: 1,
    });
  });

  it('a bare fact equals an object fact of the same text; a fact without text keys on its id', () => {
    const merged = mergeIntoTarget(
      { facts: ['I like X', { content: '', id: 'a' }] },
      { facts: [{ content: 'i  like x' }, { id: 'a' }], name: 'N', aliases: ['n2'] },
    );
    expect(merged).toEqual({
      facts: [{ content: 'i  like x' }, { id: 'a' }],
      name: 'N',
      aliases: ['n2'],
      events: [],
      relationships: [],
      properties: {},
    });
  });

  it('keeps the target description when it has one', () => {
    expect(mergeIntoTarget({ description: 'a' }, { description: 'b' })['description']).toBe('b');
  });

  it('refuses a collection that is not a list', () => {
    expect(() => mergeIntoTarget({ facts: 'oops' }, {})).toThrow(UnmergeableError);
    expect(() => mergeIntoTarget({}, { events: { a: 1 } })).toThrow('events is not a list');
  });
});

describe('report', () => {
  it("lists ids per bucket in Agno's order and logs its one line", () => {
    const builder = new ReportBuilder();
    builder.scanned = 3;
    builder.keyed = 1;
    builder.add('rekeyed', 'a');
    builder.add('unowned', 'b');
    const report = builder.build(false);
    expect(Object.keys(report)).toEqual([
      'scanned',
      'keyed',
      'dry_run',
      'rekeyed',
      'merged',
      'quarantined',
      'contaminated',
      'contaminated_keyed',
      'unowned',
      'malformed',
      'conflicts',
      'failed',
      'purged',
    ]);
    expect(report.rekeyed).toEqual(['a']);
    expect(rekeyReportLine(report)).toBe(
      'scanned=3 keyed=1 rekeyed=1 merged=0 quarantined=0 contaminated=0 contaminated_keyed=0 unowned=1 malformed=0 conflicts=0 failed=0 purged=0 dry_run=False',
    );
    expect(rekeyWroteSomething(report)).toBe(true);
    expect(rekeyWroteSomething(new ReportBuilder().build(true))).toBe(false);
  });

  it('status words for rows still on pre-3.0 keys', () => {
    expect(legacyKeysNotice(1)).toMatch(/^1 entity memory of namespace "user" still hold/);
    expect(legacyKeysNotice(4)).toMatch(/^4 entity memories .* run up before the app serves traffic$/);
    expect(legacyKeysNotice(2, true)).toMatch(/^2 entity memories of namespace "user" kept pre-3.0 keys after the re-key/);
  });
});

describe('JSON columns', () => {
  it.each([
    [{ a: 1 }, { a: 1 }],
    ['{"a":1}', { a: 1 }],
    [JSON.stringify('{"a":1}'), { a: 1 }],
    ['[1]', null],
    ['"text"', null],
    ['text', null],
    [null, null],
  ])('%j reads as %j', (value, expected) => {
    expect(asObject(value)).toEqual(expected);
  });
});
