#!/usr/bin/env node
import { runCli } from './main';

// The `switchboard` command's entry: everything it does is in main.ts, testable in-process.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
