import { main } from './main.js';

// Reports are written to the descriptors directly (output/standard-streams.ts): a reader that stops
// early (`| head`) ends the process quietly there. Whatever still uses Node's stream does the same.
process.exitCode = await main(process.argv.slice(2));
