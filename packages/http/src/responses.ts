/** JSON responses in AgentOS's shapes: errors are `{"detail": …}`, as FastAPI renders HTTPException. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

export function detail(status: number, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { detail: message }, headers);
}

/** FastAPI's request-validation answer: 422 with the list of what failed and where. */
export function validationError(where: 'query' | 'body', field: string, message: string, input: unknown): Response {
  return json(422, { detail: [{ type: 'value_error', loc: [where, field], msg: message, input }] });
}
