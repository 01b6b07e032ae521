// The refresh bench's fake X in its own process (fake-x-host.ts): answers the bench's requests
// over the IPC channel, one at a time, in order.
import { startFakeX } from '../src-main/demo/fake-x';
import { answer, type FakeRequest } from './fake-x-host';

const fake = await startFakeX();
process.send!({ origins: fake.origins, baseUrl: fake.baseUrl });
process.on('message', (request: FakeRequest) => {
  void answer(fake, request).then((reply) => process.send!(reply ?? null));
});
