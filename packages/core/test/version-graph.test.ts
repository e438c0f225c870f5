import { describe, expect, it } from 'vitest';
import { AGNO_STEPS, GraphError, tableTypeNames, VersionError, VersionGraph } from '../src/index.js';

const graph = new VersionGraph('2.0.0', AGNO_STEPS, tableTypeNames());
const versions = (steps: readonly { to: string }[]) => steps.map((s) => s.to);

describe('VersionGraph', () => {
  it('has Agno’s versions', () => expect(graph.nodes).toEqual(['2.0.0', '2.3.0', '2.5.0', '2.5.6']));

  it('plans every step above the recorded version', () => {
    expect(versions(graph.planUp('2.0.0', '2.5.6').steps)).toEqual(['2.3.0', '2.5.0', '2.5.6']);
    expect(versions(graph.planUp('2.3.0', '2.5.6').steps)).toEqual(['2.5.0', '2.5.6']);
    expect(graph.planUp('2.5.6', '2.5.6').steps).toEqual([]);
  });

  it('forced, plans every step up to the target from the baseline', () => {
    expect(versions(graph.planUp('2.5.6', '2.5.6', true).steps)).toEqual(['2.3.0', '2.5.0', '2.5.6']);
    expect(versions(graph.planUp('2.5.6', '2.3.0', true).steps)).toEqual(['2.3.0']);
  });

  it('plans down in reverse, bounded by the recorded version unless forced', () => {
    expect(graph.planDown('2.5.6', '2.0.0').steps.map((s) => s.from)).toEqual(['2.5.0', '2.3.0', '2.0.0']);
    expect(graph.planDown('2.3.0', '2.0.0').steps.map((s) => s.from)).toEqual(['2.0.0']);
    expect(graph.planDown('2.0.0', '2.0.0').steps).toEqual([]);
    expect(graph.planDown('2.0.0', '2.0.0', true).steps.map((s) => s.from)).toEqual(['2.5.0', '2.3.0', '2.0.0']);
  });

  it('resolves a target between versions to the highest one below it, as Agno stamps', () => {
    expect(graph.resolveTarget('2.4.0')).toBe('2.3.0');
    expect(graph.resolveTarget('v2.5.2')).toBe('2.5.0');
  });

  it('rejects targets outside the known range', () => {
    expect(() => graph.resolveTarget('9.0.0')).toThrow(VersionError);
    expect(() => graph.resolveTarget('1.9.9')).toThrow(/outside the known range/);
  });

  it('reads a missing or empty recorded version as the baseline', () => {
    expect(graph.resolveRecorded(undefined)).toBe('2.0.0');
    expect(graph.resolveRecorded('')).toBe('2.0.0');
    expect(() => graph.resolveRecorded('3.0.0')).toThrow(/upgrade agno-migrate/);
  });

  it('refuses an inconsistent graph', () => {
    const [a, b] = AGNO_STEPS;
    expect(() => new VersionGraph('2.0.0', [b!, a!])).toThrow(GraphError);
    expect(() => new VersionGraph('2.0.0', [{ ...a!, tables: { nope: a!.tables['memories']! } }], tableTypeNames())).toThrow(/unknown table type nope/);
  });
});
