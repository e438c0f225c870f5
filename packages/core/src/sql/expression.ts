/** The small, dialect-neutral expression language of backfills. */
export type Expression =
  | { readonly column: string }
  | { readonly value: string | number | null }
  | { readonly coalesce: readonly Expression[] };

export const col = (column: string): Expression => ({ column });
export const value = (v: string | number | null): Expression => ({ value: v });
export const coalesce = (...args: Expression[]): Expression => ({ coalesce: args });

export interface ExpressionRenderer {
  quoteIdent(name: string): string;
  placeholder(index: number): string;
}

/** Renders an expression, appending its values to `params` (1-based placeholders follow them). */
export function renderExpression(expr: Expression, r: ExpressionRenderer, params: unknown[]): string {
  if ('column' in expr) return r.quoteIdent(expr.column);
  if ('value' in expr) {
    params.push(expr.value);
    return r.placeholder(params.length);
  }
  return `COALESCE(${expr.coalesce.map((e) => renderExpression(e, r, params)).join(', ')})`;
}
