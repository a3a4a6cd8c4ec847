// The organisation digest as a card: totals, a table of every team's headline, then the A-grade
// customers of all teams with their team, index, problems and the reasons behind them.
import { formatMoney, say, type Locale } from '../../core/i18n.js';
import type { OrgDigestModel } from '../../core/digest/org-digest.js';
import type { Block, CardSpec } from '../../ui/card.js';
import { commonText } from '../shared/common.messages.js';
import { BUILT_IN_TAG_LABELS, indexWithDelta, tagLabels, type TagLabels } from '../shared/view-text.js';
import { digestText } from './digest.messages.js';
import { orgDigestText as T } from './org-digest.messages.js';

/** A-grade customers listed in the card; the rest are counted (the JSON has them all). */
export const ORG_FLAGS_SHOWN = 30;

/** `tagsOf`: each team's tag names (its custom tags as that team configured them). */
export function orgDigestCard(model: OrgDigestModel, locale: Locale, tagsOf: (teamId: number) => TagLabels = () => BUILT_IN_TAG_LABELS): CardSpec {
  const t = model.totals;
  const title = say(locale, T.title(model.week, t.gradeA, model.teams.length));
  const blocks: Block[] = [{
    type: 'fields', fields: [
      { label: say(locale, T.aAndB), value: [`${t.gradeA} / ${t.gradeB}`, say(locale, digestText.new(t.newFlags))] },
      { label: say(locale, commonText.reportsIn), value: [`${t.submitted}/${t.reps}`] },
      { label: say(locale, commonText.openTasks), value: [`${t.openTasks}`, ...(t.overdueTasks > 0 ? [' · ', { colored: say(locale, digestText.overdue(t.overdueTasks)), tone: 'red' as const }] : [])] },
      { label: say(locale, digestText.resolvedThisWeek), value: [`${t.resolved}`] },
    ],
  }];

  blocks.push({ type: 'heading', text: say(locale, T.teamsAtAGlance) }, {
    type: 'table',
    columns: [
      { key: 'team', label: say(locale, T.teamName) },
      { key: 'ab', label: say(locale, T.aAndB), align: 'right' },
      { key: 'reports', label: say(locale, T.reportsColumn), align: 'right' },
      { key: 'missing', label: say(locale, T.missingColumn), align: 'right' },
      { key: 'open', label: say(locale, T.openColumn), align: 'right' },
      { key: 'overdue', label: say(locale, T.overdueColumn), align: 'right' },
      { key: 'revenue', label: say(locale, T.revenueColumn), align: 'right' },
    ],
    rows: model.teams.map((h) => ({
      team: h.teamName,
      ab: `${h.gradeA} / ${h.gradeB}`,
      reports: `${h.submitted}/${h.reps}`,
      missing: `${h.missing}`,
      open: `${h.openTasks}`,
      overdue: `${h.overdueTasks}`,
      revenue: formatMoney(h.revenue),
    })),
  });

  blocks.push({ type: 'divider' }, { type: 'heading', text: say(locale, T.gradeAAcrossTeams(model.gradeA.length)) });
  if (model.gradeA.length === 0) blocks.push({ type: 'text', text: [say(locale, T.noGradeA)] });
  for (const f of model.gradeA.slice(0, ORG_FLAGS_SHOWN)) {
    blocks.push({
      type: 'text',
      unit: `org-flag-${f.teamId}-${f.customerId}`,
      text: [
        { colored: '🔴', tone: 'red' }, ' ', { bold: f.customerName }, ` · ${f.teamName} · ${indexWithDelta(f.index, f.delta, locale)}`,
        ` · ${tagLabels(f.tags, locale, tagsOf(f.teamId))}`, ...(f.repName ? [` · ${f.repName}`] : []),
        say(locale, f.tasks > 0 ? T.openFollowUps(f.tasks) : T.noFollowUp),
      ],
    }, { type: 'note', unit: `org-flag-${f.teamId}-${f.customerId}`, text: [f.reasons.map((r) => say(locale, r)).join(locale === 'zh' ? '；' : '; ')] });
  }
  if (model.gradeA.length > ORG_FLAGS_SHOWN) blocks.push({ type: 'note', text: [say(locale, T.andMore(model.gradeA.length - ORG_FLAGS_SHOWN))] });
  blocks.push({ type: 'note', text: [say(locale, T.seeTeamDigest)] });
  return { title, tone: t.gradeA > 0 ? 'red' : t.gradeB > 0 ? 'orange' : 'green', blocks, summary: title };
}
