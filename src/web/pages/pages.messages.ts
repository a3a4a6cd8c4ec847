// Strings shared by the dashboard pages, in zh and en.
import { text } from '../../core/i18n.js';

export const pagesText = {
  region: text('区域', 'Region'),
  team: text('团队', 'Team'),
  thisWeek: text('本周', 'This week'),
  navigation: text('导航', 'Navigation'),
  signOut: text('退出', 'Sign out'),
} as const;
