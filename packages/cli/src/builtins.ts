import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Node's builtins through `require`: an ESM import of one builds its whole export namespace, and
 * `node:fs`'s brings `fs.promises` and the stream modules with it, into every run, a no-op included.
 */
export const fs = require('node:fs') as typeof import('node:fs');
export const path = require('node:path') as typeof import('node:path');
export const url = require('node:url') as typeof import('node:url');
