import type { IncomingMessage, ServerResponse } from 'node:http';

/** Larger request bodies are refused: the endpoints read at most `{"target_version": "…"}`. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Adapts a fetch-style handler to `http.createServer()`: IncomingMessage → Request,
 * Response → ServerResponse, with no framework in between.
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void serve(handler, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: 'Internal Server Error' }));
    });
  };
}

async function serve(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (body === 'too-large') {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ detail: 'Request body too large' }));
    return;
  }
  const response = await handler(toRequest(req, body));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
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
