import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPABILITIES } from '../src/dialect-api.js';
import { AGNO_STEPS, createIndex, FLAVORS, resolveTableType, TABLE_TYPES, tableTypeNames, VersionGraph } from '../src/index.js';
import type { Dialect } from '../src/index.js';
import { checkIdentifierLengths, DEFAULT_NAMES_MAX_BYTES, identifierCandidates } from '../src/manager/table-names.js';

const graph = new VersionGraph('2.0.0', AGNO_STEPS, tableTypeNames());
/** Only what the check reads: the limit, the flavour and the name. */
const mysqlLike = {
  name: 'mysql',
  flavor: 'mysql',
  namespace: 'ai',
  capabilities: { ...DEFAULT_CAPABILITIES, maxIdentifierBytes: 64 },
} as unknown as Dialect;
const metrics = (name: string) => [{ info: resolveTableType('metrics'), name }];

describe('identifier lengths checked before any work', () => {
  it('a metrics name whose 3.0 key would pass 64 bytes is left to the step (which blocks that table) on up and down', () => {
    expect(() => checkIdentifierLengths(mysqlLike, graph, metrics('m'.repeat(37)), 'agno_schema_versions')).not.toThrow();
  });
  it('init creates that key outright, so it refuses the name there', () => {
    expect(() => checkIdentifierLengths(mysqlLike, graph, metrics('m'.repeat(37)), 'agno_schema_versions', false)).toThrow(
      /identifier "m{37}_uq_metrics_user_date_period" is 65 bytes; mysql allows 64/,
    );
  });
  it('other names are still refused up front', () => {
    expect(() => checkIdentifierLengths(mysqlLike, graph, metrics('m'.repeat(65)), 'agno_schema_versions')).toThrow(/is 65 bytes/);
  });
});

describe("Agno's own names", () => {
  it('fit in DEFAULT_NAMES_MAX_BYTES on every flavour, so a default-named table skips the check', () => {
    const longest = FLAVORS.flatMap((flavor) =>
      identifierCandidates(
        { flavor, capabilities: DEFAULT_CAPABILITIES },
        graph,
        TABLE_TYPES.map((info) => ({ info, name: info.defaultName })),
        'agno_schema_versions',
        false,
      ),
    ).reduce((most, name) => Math.max(most, Buffer.byteLength(name, 'utf8')), 0);
    expect(longest).toBe(DEFAULT_NAMES_MAX_BYTES);
  });

  it('a custom graph, a renamed table or a renamed versions table is still checked', () => {
    const tight = { ...mysqlLike, capabilities: { ...DEFAULT_CAPABILITIES, maxIdentifierBytes: DEFAULT_NAMES_MAX_BYTES } } as Dialect;
    const defaults = [{ info: resolveTableType('metrics'), name: 'agno_metrics' }];
    expect(() => checkIdentifierLengths(tight, graph, defaults, 'agno_schema_versions')).not.toThrow();
    expect(() => checkIdentifierLengths(tight, graph, defaults, 'v'.repeat(DEFAULT_NAMES_MAX_BYTES + 1))).toThrow(/bytes; mysql allows/);
    expect(() => checkIdentifierLengths(tight, graph, metrics('m'.repeat(DEFAULT_NAMES_MAX_BYTES + 1)), 'agno_schema_versions')).toThrow(
      /bytes; mysql allows/,
    );
    const tiny = { ...mysqlLike, capabilities: { ...DEFAULT_CAPABILITIES, maxIdentifierBytes: 12 } } as Dialect;
    expect(() => checkIdentifierLengths(tiny, graph, defaults, 'agno_schema_versions')).toThrow(/bytes; mysql allows 12/);
    const long = 'x'.repeat(DEFAULT_NAMES_MAX_BYTES + 1);
    const custom = new VersionGraph(
      '2.0.0',
      [{ from: '2.0.0', to: '2.0.1', tables: { metrics: { up: () => [createIndex(long, ['id'])], down: () => [] } } }],
      tableTypeNames(),
    );
    expect(() => checkIdentifierLengths(tight, custom, defaults, 'agno_schema_versions')).toThrow(/bytes; mysql allows/);
  });
});
