// Vitest setup for every test file: platform traffic goes through undici's global dispatcher,
// and this one refuses any host but the loopback, so a test that forgot its origin table fails
// loudly instead of reaching a real platform.
import { Agent, buildConnector, setGlobalDispatcher } from 'undici';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const connectLoopback = buildConnector({});

setGlobalDispatcher(
  new Agent({
    connect: (options, callback) => {
      if (!LOOPBACK.has(options.hostname)) {
        callback(new Error(`tests never reach the internet (tried ${options.hostname})`), null);
        return;
      }
      connectLoopback(options, callback);
    },
  }),
);
