// Runs serve mode's HTTP server in a process of its own (the test starts it under a low open-file
// limit), with a stand-in core: static files are what is under test. Prints `ready <port>`.
import { startServeServer } from '../../src-main/serve/server';
import { createLogger } from '../../src-main/core/logger';

const rendererDir = process.argv[2]!;
const core = {
  dispatch: async () => ({ ok: true as const, value: null }),
  subscribe: () => () => {},
};
const server = await startServeServer({
  core,
  rendererDir,
  port: 0,
  log: createLogger((line) => process.stderr.write(`${line}\n`)),
});
process.stdout.write(`ready ${server.port}\n`);
