import { createRequire } from 'node:module';
import { fs } from '../builtins.js';

/**
 * The CLI's reports go out through the file descriptors themselves. Touching `process.stdout` or
 * `process.stderr` builds a stream (and loads the stream, net and tty modules) that costs more than
 * a no-op run's own queries; a piped or scripted run, the usual case in a deploy, never needs one.
 */

/**
 * Whether fd 1 or 2 is a terminal. `tty` loads only for a character device other than /dev/null:
 * a pipe, a file or a discarded stream (`> /dev/null`, a spawn's 'ignore') is not one.
 */
export function isTerminal(fd: 1 | 2): boolean {
  try {
    // BigInt stats on purpose: a plain stat leaves its result in an array Node's own realpath reads
    // back, and a pipe found there makes module resolution stop short of symlinks (pnpm's layout).
    const stat = fs.fstatSync(fd, { bigint: true });
    if (!stat.isCharacterDevice() || stat.rdev === fs.statSync('/dev/null', { bigint: true }).rdev) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** Once a descriptor would block, the rest goes through Node's stream for it, in order. */
const streaming = { 1: false, 2: false };

/** Writes all of `text` to stdout; a reader that stopped early (`| head`) ends the process quietly. */
export function writeStdout(text: string): void {
  writeFd(1, text);
}

export function writeStderr(text: string): void {
  writeFd(2, text);
}

function writeFd(fd: 1 | 2, text: string): void {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  if (streaming[fd]) {
    stream().write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += fs.writeSync(fd, bytes, at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      // A descriptor the parent left non-blocking, with its reader behind: the stream waits for it.
      if (code !== 'EAGAIN') throw error;
      streaming[fd] = true;
      stream().on('error', (streamError: NodeJS.ErrnoException) => {
        if (streamError.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw streamError;
      });
      stream().write(bytes.subarray(at));
      return;
    }
  }
}
