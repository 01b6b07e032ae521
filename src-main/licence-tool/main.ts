import { runLicenceTool } from './licence-tool';

process.exitCode = runLicenceTool(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  now: Date.now,
});
