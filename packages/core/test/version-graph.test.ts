import { describe, expect, it } from 'vitest';
import { AGNO_STEPS, GraphError, tableTypeNames, VersionError, VersionGraph } from '../src/index.js';

const graph = new VersionGraph('2.0.0', AGNO_STEPS, tableTypeNames());
const versions = (steps: readonly { to: string }[]) => steps.map((s) => s.to);

describe('VersionGraph', () => {
  it('has Agno’s versions', () => expect(graph.nodes).toEqual(['2.0.0', '2.3.0', '2.5.0', '2.5.6', '3.0.0']));

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
    expect(graph.planDown('2.0.0', '2.0.0', true).steps.map((s) => s.from)).toEqual(['2.5.6', '2.5.0', '2.3.0', '2.0.0']);
  });

  it('stops a table type below a step it cannot pass, and says where and why', () => {
    const plan = graph.planUp('2.0.0', '3.0.0', false, 'culture');
    expect(versions(plan.steps)).toEqual(['2.3.0', '2.5.0', '2.5.6']);
    expect(plan.target).toBe('2.5.6');
    expect(plan.held).toEqual({ at: '2.5.6', reason: expect.stringMatching(/removed culture/) });
    expect(graph.planUp('2.5.6', '3.0.0', false, 'culture')).toMatchObject({ steps: [], held: { at: '2.5.6' } });
    // Below the hold nothing is said; a type without a hold goes all the way.
    expect(graph.planUp('2.0.0', '2.5.6', false, 'culture').held).toBeUndefined();
    expect(versions(graph.planUp('2.5.6', '3.0.0', false, 'memories').steps)).toEqual(['3.0.0']);
  });

  it('never reverts a table type through a step it cannot pass', () => {
    const holding = new VersionGraph('2.0.0', [
      { from: '2.0.0', to: '2.1.0', tables: {} },
      { from: '2.1.0', to: '2.2.0', tables: {}, holds: { memories: 'not written' } },
      { from: '2.2.0', to: '2.3.0', tables: {} },
    ]);
    expect(holding.planDown('2.3.0', '2.0.0', false, 'memories')).toMatchObject({
      target: '2.2.0',
      held: { at: '2.2.0', reason: 'not written' },
    });
    expect(versions(holding.planDown('2.3.0', '2.0.0', false, 'memories').steps)).toEqual(['2.3.0']);
    expect(versions(holding.planDown('2.3.0', '2.0.0', false, 'sessions').steps)).toEqual(['2.3.0', '2.2.0', '2.1.0']);
    expect(versions(graph.planDown('3.0.0', '2.5.0', false, 'memories').steps)).toEqual(['3.0.0', '2.5.6']);
  });

  it('keeps a version newer than it knows and plans nothing for it, either way', () => {
    expect(graph.resolveRecorded('3.1.0')).toBe('3.1.0');
    expect(graph.isNewer('3.1.0')).toBe(true);
    expect(graph.isNewer('3.0.0')).toBe(false);
    expect(graph.planUp('3.1.0', '3.0.0', true).steps).toEqual([]);
    expect(graph.planDown('3.1.0', '2.0.0', true).steps).toEqual([]);
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
    expect(graph.resolveRecorded('3.0')).toBe('3.0.0');
    expect(() => graph.resolveRecorded('three')).toThrow(VersionError);
  });

  it('refuses an inconsistent graph', () => {
    const [a, b] = AGNO_STEPS;
    expect(() => new VersionGraph('2.0.0', [b!, a!])).toThrow(GraphError);
    expect(() => new VersionGraph('2.0.0', [{ ...a!, tables: { nope: a!.tables['memories']! } }], tableTypeNames())).toThrow(
      /unknown table type nope/,
    );
  });
});
