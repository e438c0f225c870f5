import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPABILITIES } from '../src/dialect-api.js';
import { AGNO_STEPS, resolveTableType, tableTypeNames, VersionGraph } from '../src/index.js';
import type { Dialect } from '../src/index.js';
import { checkIdentifierLengths } from '../src/manager/table-names.js';

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
