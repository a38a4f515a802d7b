#!/usr/bin/env node
// The kubemodel command. Nothing imports it; cli/program.ts holds the logic.
import { main } from './program.js';
import { reportError } from './errors.js';

// A reader that goes away (`kubemodel run x --watch | head`) ends the output, not the process with a trace.
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.exitCode = reportError(e); });
