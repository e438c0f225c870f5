import type { CommonOptions } from '../common-options.js';
import { openContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output/json.js';
import { formatVerify } from '../output/verify-report.js';
import { connectionArgs } from '../output/rerun-args.js';
import { checkTableType } from '../suggest.js';
import { writeStdout } from '../output/standard-streams.js';

export interface VerifyCommandOptions extends CommonOptions {
  tableType?: string;
}

/** `agno-migrate verify`: exit 1 when any table differs from the shape expected at its recorded version. */
export async function verifyCommand(options: VerifyCommandOptions): Promise<number> {
  checkTableType(options.tableType);
  const ctx = await openContext(options, true);
  try {
    const result = await ctx.manager.verify(options.tableType !== undefined ? { tableType: options.tableType } : {});
    if (ctx.json) printJson(result);
    else writeStdout(`${formatVerify(result, ctx, connectionArgs(options))}\n`);
    return result.status === 'drift' ? EXIT.failed : EXIT.ok;
  } finally {
    await ctx.manager.close();
  }
}
