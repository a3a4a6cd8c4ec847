// Where the problems are: region (or industry) × problem type; a cell counts the flagged customers
// with that problem (a customer with two problems counts in both), its shade is their worst index.
import { isBuiltInTag, TAGS, type Grade, type TagId } from '../../core/customer-risk/types.js';
import type { Locale } from '../../core/i18n.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import { withAlt, type HeatmapChart } from '../../ui/chart.js';
import { tagText, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { C } from './labels.js';
import { say } from '../../core/i18n.js';
import { chartsText } from './charts.messages.js';

export type HeatmapBy = 'region' | 'industry';

export interface TeamHeatmapInput {
  week: WeekId;
  by: HeatmapBy;
  /** The week's flagged customers: their group (null = not set), tags and index. */
  flagged: ReadonlyArray<{ group: string | null; tags: readonly TagId[]; index: number; grade: Grade }>;
  /** Rows beyond this are merged into "Others". */
  maxRows?: number;
  /** The team's tag names (teamTagLabels of its settings), for custom tag columns. */
  tagLabels?: TagLabels;
  /** Whose customers, when not the whole team's (a rep's own book): named in the title. */
  owner?: string;
}

export function teamHeatmapChart(input: TeamHeatmapInput, locale: Locale): HeatmapChart {
  const maxRows = input.maxRows ?? 10;
  const groupName = (g: string | null) => (g === null || g.trim() === '' ? say(locale, C.unknown) : g);
  // Rows: the groups with most flagged customers first; the tail merged into one row.
  const perGroup = new Map<string, number>();
  for (const f of input.flagged) perGroup.set(groupName(f.group), (perGroup.get(groupName(f.group)) ?? 0) + 1);
  const ranked = [...perGroup.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([g]) => g);
  const others = say(locale, C.others);
  const kept = ranked.length > maxRows ? ranked.slice(0, maxRows - 1) : ranked;
  const rows = ranked.length > maxRows ? [...kept, others] : kept;
  const rowOf = (g: string) => (kept.includes(g) ? kept.indexOf(g) : rows.length - 1);

  // The built-in problem types, then any custom tag (scoring.customTags) that is flagged this week.
  const columnTags: TagId[] = [...TAGS, ...new Set(input.flagged.flatMap((f) => f.tags.filter((tag) => !isBuiltInTag(tag))))];
  const cells = new Map<string, { row: number; column: number; count: number; shade: number }>();
  for (const f of input.flagged) {
    const row = rowOf(groupName(f.group));
    for (const tag of new Set(f.tags)) {
      const column = columnTags.indexOf(tag);
      const key = `${row}:${column}`;
      const cell = cells.get(key) ?? { row, column, count: 0, shade: 0 };
      cell.count++;
      cell.shade = Math.max(cell.shade, Math.round(f.index));
      cells.set(key, cell);
    }
  }
  const groupLabel = say(locale, input.by === 'region' ? C.region : C.industry);
  return withAlt<HeatmapChart>({
    kind: 'heatmap', locale,
    title: input.owner
      ? say(locale, chartsText.sRedFlagsHeatMap(input.owner))
      : say(locale, chartsText.redFlagsHeatMap),
    subtitle: say(locale, chartsText.problemTypeFlagged(input.week, groupLabel, input.flagged.length)),
    rows,
    columns: columnTags.map((tag) => say(locale, tagText(tag, input.tagLabels ?? BUILT_IN_TAG_LABELS))),
    rowLabel: groupLabel,
    columnLabel: say(locale, C.problem),
    cells: [...cells.values()].sort((a, b) => a.row - b.row || a.column - b.column),
    countLabel: say(locale, chartsText.customers),
    shadeLabel: say(locale, C.worstIndex),
    shadeMax: 100,
  });
}
