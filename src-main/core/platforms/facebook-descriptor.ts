import { PROVIDERS } from '../../../src-shared/platforms';
import {
  GRAPH_PARAMS,
  GRAPH_ROOT,
  GRAPH_VERSION,
  INSTAGRAM_PLATFORM,
  META_EXTEND,
  META_HINT,
} from './instagram-descriptor';
import type { ProviderDescriptor } from './platform-descriptor';

/** Instagram through Facebook Login: an Instagram account linked to a Facebook Page. */
export const FACEBOOK_DESCRIPTOR: ProviderDescriptor = {
  id: 'facebook',
  displayName: PROVIDERS.facebook.displayName,
  // The same platform as Instagram Login: one probe, one forecast, one set of usage headers.
  platform: INSTAGRAM_PLATFORM,
  envName: 'FACEBOOK',
  scopes: [
    'instagram_basic',
    'instagram_content_publish',
    'pages_show_list',
    'pages_read_engagement',
  ],
  needsSecret: true,
  redirect: { fixedPort: true, portSetting: 'facebook' },
  hint: () => META_HINT,
  origins: ['https://www.facebook.com', 'https://graph.facebook.com'],
  api: {
    origin: 'https://graph.facebook.com',
    // `me/accounts` answers each Page's token by default; a batch at the root could ask for it.
    tokenGuard: {
      paths: [new RegExp(`^${GRAPH_VERSION}/oauth(?:/|$)`, 'i'), GRAPH_ROOT],
      params: GRAPH_PARAMS,
      fields: ['access_token'],
      tokenEdges: ['accounts'],
      bodyParams: true,
    },
  },
  refresh: META_EXTEND,
};
