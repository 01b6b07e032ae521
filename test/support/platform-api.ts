import { createServer, type Server, type ServerResponse } from 'node:http';
import type { PlatformId } from '../../src-shared/platforms';
import { DEFAULT_ENDPOINTS } from '../../src-main/core/platforms/endpoints';

/** What each platform's API answers a request without a token, per its documentation. */
const UNAUTHENTICATED: Record<PlatformId, { path: string; status: number; body: unknown }> = {
  youtube: {
    path: '/youtube/v3/channels',
    status: 401,
    body: {
      error: {
        code: 401,
        message: 'Request is missing required authentication credential.',
        errors: [{ message: 'Login Required.', domain: 'global', reason: 'required' }],
        status: 'UNAUTHENTICATED',
      },
    },
  },
  instagram: {
    path: '/me',
    status: 400,
    body: {
      error: {
        message: 'An active access token must be used to query information about the current user.',
        type: 'OAuthException',
        code: 2500,
        fbtrace_id: 'AbCdEf',
      },
    },
  },
  tiktok: {
    path: '/v2/user/info/',
    status: 401,
    body: {
      error: {
        code: 'access_token_invalid',
        message: 'The access token is invalid or not found in the request.',
        log_id: '2026112512000000',
      },
    },
  },
  x: {
    path: '/2/users/me',
    status: 401,
    body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  },
};

export type FakeApiMode = 'normal' | 'hang';

export interface FakePlatformApi {
  /** Origin-table entries sending this platform's probe host here. */
  origins: Record<string, string>;
  /** Requests seen, by path. */
  requests: string[];
  setMode(mode: FakeApiMode): void;
  close(): Promise<void>;
}

/**
 * A platform API host on 127.0.0.1. `normal` answers like the platform does without a token;
 * `hang` accepts the connection and never answers (a platform having a bad day).
 */
export async function startFakePlatformApi(
  platform: PlatformId,
  mode: FakeApiMode = 'normal',
): Promise<FakePlatformApi> {
  const answer = UNAUTHENTICATED[platform];
  const requests: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (mode === 'hang') {
      hanging.add(response);
      return;
    }
    response.writeHead(answer.status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origins: { [new URL(DEFAULT_ENDPOINTS[platform].apiProbe).origin]: `http://127.0.0.1:${port}` },
    requests,
    setMode: (next) => {
      mode = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An address where nothing listens: connection refused, like a laptop offline. */
export const UNREACHABLE_ORIGIN = 'http://127.0.0.1:9';

/** Origin-table entries sending a platform's probe host where nothing listens. */
export function unreachable(platform: PlatformId): Record<string, string> {
  return { [new URL(DEFAULT_ENDPOINTS[platform].apiProbe).origin]: UNREACHABLE_ORIGIN };
}
