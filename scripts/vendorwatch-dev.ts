// `npm run dev -- <command>`: the `vendorwatch` command run from the TypeScript sources through tsx, so an edit is
// live at once with no build. Tests that spawn the command run this too (test/support/spawn-cli.ts), so they
// never see a stale dist/. Production runs the compiled bin/vendorwatch.js; both call adapters/cli.ts.

import { run } from '../adapters/cli.js';

process.exitCode = await run(process.argv.slice(2));
