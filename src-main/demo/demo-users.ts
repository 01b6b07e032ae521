import { demoAvatarUrl } from './fake-avatars';
import type { FakeInstagramAccount, FakeUser } from './fake-users';

// Pleasant people for demo mode and default test users; their pictures are PNGs the fake
// platforms serve on their avatar CDN origins (fake-avatars.ts), all on 127.0.0.1.

export const GOOGLE_DEMO_USERS: FakeUser[] = [
  {
    id: 'UCmayaMakes0000000000001',
    name: 'Maya Makes',
    handle: 'mayamakes',
    followers: 128_400,
    posts: 212,
    avatarUrl: demoAvatarUrl('https://yt3.ggpht.com', 'MM', '#e4572e'),
  },
  {
    id: 'UCleoCooks00000000000002',
    name: 'Leo Cooks',
    handle: 'leocooks',
    followers: 9_870,
    posts: 64,
    avatarUrl: demoAvatarUrl('https://yt3.ggpht.com', 'LC', '#17bebb'),
  },
  {
    id: 'UCstudioSol0000000000003',
    name: 'Studio Sol',
    handle: 'studiosol',
    followers: 1_520,
    posts: 18,
    avatarUrl: demoAvatarUrl('https://yt3.ggpht.com', 'SS', '#ffc914'),
  },
];

// Instagram user ids exceed 2^53: the token response sends one as a JSON number (fake-instagram.ts).
export const INSTAGRAM_DEMO_USERS: FakeUser[] = [
  {
    id: '17841400000000101',
    name: 'Nia Brooks',
    handle: 'niabrooks.art',
    followers: 23_900,
    following: 412,
    posts: 184,
    avatarUrl: demoAvatarUrl('https://scontent.cdninstagram.com', 'NB', '#8e44ad'),
  },
  {
    id: '17841400000000102',
    name: 'Kenji Ito Photo',
    handle: 'kenji.frames',
    followers: 5_310,
    following: 98,
    posts: 77,
    instagramAccountType: 'BUSINESS',
    avatarUrl: demoAvatarUrl('https://scontent.cdninstagram.com', 'KI', '#2e86de'),
  },
  {
    id: '17841400000000103',
    name: 'Lou Garden',
    handle: 'lou.grows',
    followers: 880,
    following: 150,
    posts: 41,
    avatarUrl: demoAvatarUrl('https://scontent.cdninstagram.com', 'LG', '#27ae60'),
  },
];

const ig = (
  id: string,
  username: string,
  name: string,
  followers: number,
  mediaCount: number,
  color: string,
): FakeInstagramAccount => ({
  id,
  username,
  name,
  followers,
  mediaCount,
  avatarUrl: demoAvatarUrl(
    'https://scontent.xx.fbcdn.net',
    name.slice(0, 1) + name.split(' ')[1]?.slice(0, 1),
    color,
  ),
});

/** One Page, several Pages (two linked, one not), and no Page: the three cases the app must handle. */
export const FACEBOOK_DEMO_USERS: FakeUser[] = [
  {
    id: '10220000000000001',
    name: 'Ana Lima',
    handle: 'ana.lima',
    followers: 0,
    avatarUrl: demoAvatarUrl('https://scontent.xx.fbcdn.net', 'AL', '#c0392b'),
    pages: [
      {
        id: '105000000000001',
        name: 'Ana Lima Studio',
        instagram: ig(
          '17841400000000201',
          'analima.studio',
          'Ana Lima Studio',
          48_200,
          311,
          '#c0392b',
        ),
      },
    ],
  },
  {
    id: '10220000000000002',
    name: 'Ravi Patel',
    handle: 'ravi.patel',
    followers: 0,
    avatarUrl: demoAvatarUrl('https://scontent.xx.fbcdn.net', 'RP', '#d35400'),
    pages: [
      {
        id: '105000000000002',
        name: 'Ravi Eats',
        instagram: ig('17841400000000202', 'ravieats', 'Ravi Eats', 61_050, 540, '#d35400'),
      },
      {
        id: '105000000000003',
        name: 'Ravi Travels',
        instagram: ig('17841400000000203', 'ravi.travels', 'Ravi Travels', 7_420, 96, '#16a085'),
      },
      { id: '105000000000004', name: 'Patel Family Bakery' },
    ],
  },
  {
    id: '10220000000000003',
    name: 'Jo Weber',
    handle: 'jo.weber',
    followers: 0,
    avatarUrl: demoAvatarUrl('https://scontent.xx.fbcdn.net', 'JW', '#7f8c8d'),
    pages: [],
  },
];

export const TIKTOK_DEMO_USERS: FakeUser[] = [
  {
    id: '-000OpenIdZaraDances0001',
    name: 'Zara Dances',
    handle: 'zara.dances',
    followers: 412_000,
    following: 180,
    posts: 640,
    verified: true,
    avatarUrl: demoAvatarUrl('https://p16-sign-va.tiktokcdn.com', 'ZD', '#ff0050'),
  },
  {
    id: '-000OpenIdTomFixesIt0002',
    name: 'Tom Fixes It',
    handle: 'tomfixesit',
    followers: 18_300,
    following: 75,
    posts: 122,
    avatarUrl: demoAvatarUrl('https://p16-sign-va.tiktokcdn.com', 'TF', '#00a3a3'),
  },
  {
    id: '-000OpenIdPipPlants00003',
    name: 'Pip Plants',
    handle: 'pip.plants',
    followers: 2_040,
    following: 310,
    posts: 35,
    avatarUrl: demoAvatarUrl('https://p16-sign-va.tiktokcdn.com', 'PP', '#5b8c2a'),
  },
];

export const X_DEMO_USERS: FakeUser[] = [
  {
    id: '1460000000000000001',
    name: 'Sam Rivera',
    handle: 'samrivera',
    followers: 52_300,
    following: 611,
    posts: 8_420,
    verified: true,
    avatarUrl: demoAvatarUrl('https://pbs.twimg.com', 'SR', '#111111'),
  },
  {
    id: '1460000000000000002',
    name: 'Priya Codes',
    handle: 'priyacodes',
    followers: 7_950,
    following: 302,
    posts: 2_104,
    avatarUrl: demoAvatarUrl('https://pbs.twimg.com', 'PC', '#1d9bf0'),
  },
  {
    id: '1460000000000000003',
    name: 'Otto Draws',
    handle: 'ottodraws',
    followers: 640,
    following: 88,
    posts: 315,
    avatarUrl: demoAvatarUrl('https://pbs.twimg.com', 'OD', '#f4a261'),
  },
];
