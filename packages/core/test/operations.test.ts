import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPABILITIES } from '../src/dialect-api.js';
import type { OperationContext, TableState } from '../src/index.js';
import {
  addColumn,
  addPrimaryKey,
  backfill,
  col,
  createIndex,
  dropColumn,
  dropIndex,
  dropPrimaryKey,
  dropUnique,
  jsonToJsonb,
  requireNoNulls,
  requireUnique,
  setNotNull,
  specOf,
  value,
} from '../src/index.js';

const state: TableState = {
  name: 't',
  columns: [
    { name: 'id', dataType: 'varchar', nullable: true },
    { name: 'doc', dataType: 'json', nullable: true },
    { name: 'n', dataType: 'bigint', nullable: false },
  ],
  indexes: [
    { name: 'idx_t_n', columns: ['n'], unique: false, valid: true },
    { name: 'broken', columns: ['id'], unique: false, valid: false },
  ],
  primaryKey: null,
  uniqueConstraints: [{ name: 't_uq_id', columns: ['id'] }],
};
const ctx: OperationContext = { table: 't', capabilities: DEFAULT_CAPABILITIES };
const pgCtx: OperationContext = { table: 't', capabilities: { ...DEFAULT_CAPABILITIES, jsonb: true } };
const needed = (op: Parameters<typeof specOf>[0], c = ctx, s = state) => specOf(op).isNeeded(op, s, c);

describe('check-before-act', () => {
  it('adds a column only when missing', () => {
    expect(needed(addColumn({ name: 'x', type: { kind: 'text' }, nullable: true }))).toBe(true);
    expect(needed(addColumn({ name: 'n', type: { kind: 'bigint' }, nullable: true }))).toBe(false);
  });
  it('drops a column only when present', () => {
    expect(needed(dropColumn('n'))).toBe(true);
    expect(needed(dropColumn('x'))).toBe(false);
  });
  it('treats an INVALID index as missing, and an index on the same columns under another name as present', () => {
    expect(needed(createIndex('broken', ['id']))).toBe(true);
    expect(needed(createIndex('ix_t_n', ['n']))).toBe(false);
    expect(needed(dropIndex('broken'))).toBe(true);
  });
  it('adds a primary key only when there is none', () => {
    expect(needed(addPrimaryKey(['id']))).toBe(true);
    expect(needed(addPrimaryKey(['id']), ctx, { ...state, primaryKey: { name: 'pk', columns: ['n'] } })).toBe(false);
    expect(needed(dropPrimaryKey())).toBe(false);
  });
  it('drops a unique constraint only by its name', () => {
    expect(needed(dropUnique('t_uq_id'))).toBe(true);
    expect(needed(dropUnique('other'))).toBe(false);
  });
  it('sets NOT NULL and backfills only nullable columns', () => {
    expect(needed(setNotNull('id'))).toBe(true);
    expect(needed(setNotNull('n'))).toBe(false);
    expect(needed(backfill('id', value(1)))).toBe(true);
    expect(needed(backfill('n', col('id')))).toBe(false);
  });
  it('converts JSON to JSONB only where the dialect has JSONB', () => {
    expect(needed(jsonToJsonb('doc'))).toBe(false);
    expect(needed(jsonToJsonb('doc'), pgCtx)).toBe(true);
    expect(needed(jsonToJsonb('n', 'missing'), pgCtx)).toBe(false);
  });
  it('skips a data check the primary key already guarantees', () => {
    expect(needed(requireNoNulls('id'))).toBe(true);
    expect(needed(requireNoNulls('id'), ctx, { ...state, primaryKey: { name: null, columns: ['id'] } })).toBe(false);
  });
  it('skips a data check a constraint of the live table proves: NOT NULL, a unique key over exactly the column', () => {
    expect(needed(requireNoNulls('n'))).toBe(false);
    const noKeys = { ...state, uniqueConstraints: [] };
    expect(needed(requireUnique('id'))).toBe(false);
    expect(needed(requireUnique('id'), ctx, noKeys)).toBe(true);
    const index = (over: Partial<(typeof state.indexes)[number]>) => ({
      ...noKeys,
      indexes: [{ name: 'uq', columns: ['id'], unique: true, valid: true, ...over }],
    });
    expect(needed(requireUnique('id'), ctx, index({}))).toBe(false);
    // An invalid index, a partial one, a wider one or a plain one proves nothing.
    expect(needed(requireUnique('id'), ctx, index({ valid: false }))).toBe(true);
    expect(needed(requireUnique('id'), ctx, index({ where: 'n > 0' }))).toBe(true);
    expect(needed(requireUnique('id'), ctx, index({ columns: ['id', 'n'] }))).toBe(true);
    expect(needed(requireUnique('id'), ctx, index({ unique: false }))).toBe(true);
  });
  it('carries effects forward so a dry run plans later operations', () => {
    const op = addColumn({ name: 'x', type: { kind: 'bigint' }, nullable: true });
    const after = specOf(op).apply(op, state);
    expect(needed(setNotNull('x'), ctx, after)).toBe(true);
    const pk = addPrimaryKey(['id']);
    expect(
      specOf(pk)
        .apply(pk, state)
        .columns.find((c) => c.name === 'id')?.nullable,
    ).toBe(false);
  });
});
