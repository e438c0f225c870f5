import { EXIT } from './exit-codes.js';
import { disableColor } from './output/colors.js';
import { buildProgram } from './program.js';
import { knownSecrets } from './secrets.js';

/** Runs the CLI and resolves to its exit code; never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const json = argv.includes('--json');
  if (argv.includes('--no-color')) disableColor();
  try {
    const program = buildProgram(argv, (code) => {
      exitCode = code;
    });
    // Bare `agno-migrate`: the overview, as `agno-migrate help`.
    await program.parseAsync(argv.length === 0 ? ['help'] : [...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    const { reportError, isCommanderExit } = await import('./errors.js');
    if (isCommanderExit(error)) return EXIT.ok;
    return reportError(error, json, knownSecrets(argv));
  }
}
