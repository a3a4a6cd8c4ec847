// The import's strings, in zh and en.
import { text } from '../../core/i18n.js';

export const importText = {
  noTeamNamed: (name: string, teams: string) => text(
    `没有名为「${name}」的团队（现有团队：${teams}；可用 radar teams add ${name} 添加）`,
    `no team named "${name}" (teams: ${teams}; add one with radar teams add ${name})`,
  ),
} as const;
