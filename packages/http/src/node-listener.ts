import type { IncomingMessage, ServerResponse } from 'node:http';

/** Larger request bodies are refused: the endpoints read at most `{"target_version": "…"}`. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Adapts a fetch-style handler to `http.createServer()`: IncomingMessage → Request,
 * Response → ServerResponse, with no framework in between.
 */
type Handler = ((request: Request) => Promise<Response>) & { refuseMethod?: (method: string, pathname: string) => Response };

/** Methods the fetch API refuses to build a Request with: answered 405 without one. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

export function toNodeListener(handler: Handler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void serve(handler, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: 'Internal Server Error' }));
    });
  };
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function serve(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) {
    req.resume();
    const pathname = (req.url ?? '/').split('?')[0]!;
    await send(
      res,
      handler.refuseMethod
        ? handler.refuseMethod(method, pathname)
        : new Response(JSON.stringify({ detail: 'Method Not Allowed' }), {
            status: 405,
            headers: { 'content-type': 'application/json', allow: 'GET, POST' },
          }),
    );
    return;
  }
  const body = await readBody(req);
  if (body === 'too-large') {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ detail: 'Request body too large' }));
    return;
  }
  await send(res, await handler(toRequest(req, body)));
}

function toRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  // The host only completes the URL; routes look at the path and the query.
  const url = new URL(req.url ?? '/', `http://${safeHost(req.headers.host)}`);
  const method = req.method ?? 'GET';
  const withBody = method !== 'GET' && method !== 'HEAD' && body.length > 0;
  return new Request(url, { method, headers, ...(withBody ? { body } : {}) });
}

function safeHost(host: string | undefined): string {
  return host && /^[a-z0-9.:[\]-]+$/i.test(host) ? host : 'localhost';
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
