import type { ProviderId } from '../../../src-shared/platforms';

/**
 * How a creator (or a self-hoster who wants no relay) registers their own developer app, per
 * platform: the console, the steps in plain words, what to enable, and the traps that cost people
 * an afternoon. The exact redirect URI (main's status) and the scopes (the shared platform list)
 * are shown beside these words, never written into them, so nothing here can drift.
 */
export interface OwnAppGuide {
  console: { name: string; url: string };
  /** In order; "the redirect URI above" is the card's own field, with its Copy button. */
  steps: readonly string[];
  /** Products or APIs to switch on in the console. */
  products: readonly string[];
  traps: readonly string[];
}

const META_CONSOLE = { name: 'Meta for Developers', url: 'https://developers.facebook.com/apps' };
const META_DEV_MODE =
  'While the Meta app is in development mode, only people with a role on the app can sign in: add your own accounts under App roles (Instagram testers must accept the invitation in Instagram). A live Meta app accepts only an https redirect, which a desktop app cannot own: keep your own app in development mode, or use a build with a relay.';

export const OWN_APP_GUIDES: Record<ProviderId, OwnAppGuide> = {
  youtube: {
    console: { name: 'Google Cloud console', url: 'https://console.cloud.google.com/' },
    steps: [
      'Create a project, then under APIs & Services → Library enable the YouTube Data API v3.',
      'Under OAuth consent screen choose External, give the app a name and your email, and add the scopes below.',
      'Under Credentials create an OAuth client ID of type "Desktop app". It needs no redirect URI: Google accepts any port on 127.0.0.1.',
      'Paste its client id (it ends in .apps.googleusercontent.com) and its client secret here.',
    ],
    products: ['YouTube Data API v3'],
    traps: [
      'An app whose consent screen is in "Testing" loses its sign-ins 7 days after you consent, and refreshing does not extend them: publish it ("In production") to keep them. Switchboard warns you before the 7 days end.',
      'Use the "Desktop app" type: a "Web application" client refuses the loopback redirect.',
    ],
  },
  instagram: {
    console: META_CONSOLE,
    steps: [
      'Create an app of type Business.',
      'Add the Instagram product and open "API setup with Instagram login".',
      'Under Business login settings → OAuth redirect URIs, add the redirect URI above (Copy) exactly, port included.',
      'Paste the Instagram app ID and Instagram app secret from that same page (not the Meta App ID) here.',
    ],
    products: ['Instagram (API setup with Instagram login)'],
    traps: [
      META_DEV_MODE,
      'Only professional Instagram accounts (Creator or Business) can connect; a personal account can switch in the Instagram app.',
    ],
  },
  facebook: {
    console: META_CONSOLE,
    steps: [
      'Create an app of type Business.',
      'Add Facebook Login for Business, and under its Settings add the redirect URI above (Copy) to "Valid OAuth Redirect URIs", port included.',
      'Paste the App ID and App secret (App settings → Basic) here.',
    ],
    products: ['Facebook Login for Business', 'Instagram Graph API'],
    traps: [
      META_DEV_MODE,
      'The Instagram account must be a professional account linked to a Facebook Page you manage.',
    ],
  },
  tiktok: {
    console: { name: 'TikTok for Developers', url: 'https://developers.tiktok.com/apps' },
    steps: [
      'Create an app and choose Desktop as its platform.',
      'Add Login Kit (and Content Posting API to upload videos), and request the scopes below.',
      'Register the redirect URI above (Copy); the * lets Switchboard pick any free port.',
      'Submit the app for review; once approved, paste its client key and client secret here.',
    ],
    products: ['Login Kit', 'Content Posting API'],
    traps: [
      'Until TikTok approves the app for Login Kit, only its sandbox’s target users can sign in.',
      'Direct posting (video.publish) needs TikTok’s audit; until then uploads land in the creator’s inbox as drafts.',
    ],
  },
  x: {
    console: { name: 'X Developer Portal', url: 'https://developer.x.com/en/portal/dashboard' },
    steps: [
      'Create a Project and an App in it.',
      'Under User authentication settings choose OAuth 2.0 with the type "Native App" (a public client).',
      'Enter the redirect URI above (Copy) as the callback URI exactly: X matches it character for character, port included.',
      'Paste the OAuth 2.0 Client ID (not the API key) here; no secret is needed.',
    ],
    products: ['OAuth 2.0 user authentication'],
    traps: [
      'The port is part of the callback: change the sign-in port here and at X together, or sign-ins end in an error page.',
      'X sign-in codes live 30 seconds: finish the consent page without pausing.',
    ],
  },
};
