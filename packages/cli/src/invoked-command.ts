/**
 * Which commands a command line needs built: the one it names (also as `help <command>`), or every
 * one when it names none (bare `agno-migrate`, `--help`), an unknown one (commander suggests the
 * nearest by comparing them all) or `completion` (whose script lists them all). Building one
 * command, not nine, is part of what keeps a whole-process no-op near a bare driver's cost.
 *
 * `takesValue` says whether a program-level option consumes the next word (`--db x.db up`).
 */
export function commandsToBuild(
  argv: readonly string[],
  known: readonly string[],
  takesValue: (flag: string) => boolean,
): readonly string[] | 'all' {
  const words = positionalWords(argv, takesValue);
  const [first, second] = words;
  if (first === undefined || first === 'completion') return 'all';
  if (first === 'help') return second !== undefined && known.includes(second) ? [second] : 'all';
  return known.includes(first) ? [first] : 'all';
}

/** The words before the first `--` that are neither options nor program-level option values, up to two. */
function positionalWords(argv: readonly string[], takesValue: (flag: string) => boolean): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const word = argv[i]!;
    if (word === '--') break;
    if (word.startsWith('-')) {
      if (words.length === 0 && isProgramHelp(word)) return [];
      if (words.length === 0 && !word.includes('=') && takesValue(word)) i++;
      continue;
    }
    words.push(word);
  }
  return words;
}

/** The program's own help (before any command) lists every command. */
function isProgramHelp(word: string): boolean {
  return word === '--help' || word === '-h' || word === '--version' || word === '-V';
}
