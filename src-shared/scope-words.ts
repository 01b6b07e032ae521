// Shared: the detail page lists granted permissions, and core names missing ones, in these words.
/** What each granted scope lets Switchboard do, in a creator's words. */
const SCOPE_WORDS: Record<string, string> = {
  'https://www.googleapis.com/auth/youtube.upload': 'Upload videos to your channel',
  'https://www.googleapis.com/auth/youtube.readonly': 'See your channel and its videos',
  'https://www.googleapis.com/auth/youtube': 'Manage your YouTube account',
  instagram_business_basic: 'See your profile and media',
  instagram_business_content_publish: 'Publish posts, reels and stories',
  instagram_basic: 'See your profile and media',
  instagram_content_publish: 'Publish posts, reels and stories',
  pages_show_list: 'See the Facebook Pages you manage',
  pages_read_engagement: 'Read your Page’s content and its linked Instagram account',
  business_management: 'See the businesses your Pages belong to',
  public_profile: 'See your public Facebook profile',
  'user.info.basic': 'See your name and avatar',
  'user.info.profile': 'See your profile (bio, link, verification)',
  'user.info.stats': 'See your follower and like counts',
  'video.upload': 'Send videos to your TikTok drafts',
  'video.publish': 'Publish videos to your TikTok profile',
  'tweet.read': 'Read posts',
  'tweet.write': 'Post on your behalf',
  'users.read': 'See your profile',
  'offline.access': 'Stay connected without signing in again',
  'media.write': 'Upload images and videos',
};

/** The scope in words, or the scope itself when Switchboard has no words for it. */
export function scopeWords(scope: string): string {
  return SCOPE_WORDS[scope] ?? scope;
}

/** Scopes in words for a sentence: "“Upload videos to your channel” and “See your profile”". */
export function scopeList(scopes: readonly string[]): string {
  const words = scopes.map((scope) => `“${scopeWords(scope)}”`);
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
