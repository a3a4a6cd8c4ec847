// Grade A / B / none from the index, then hard triggers, key-account and persistence escalation.
import type { LocalizedText } from '../i18n.js';
import { text } from '../i18n.js';
import type { WeekId } from '../weekly-report/week.js';
import { cachedWeekBefore } from './dates.js';
import type { Grade, PreviousScore, Tier } from './types.js';
import type { ScoringConfig } from './weights.js';

export interface GradeInput {
  week: WeekId;
  index: number;
  overdueDays: number | null;
  tier: Tier;
  previous: PreviousScore | null;
  hasData: boolean;
  /** Grade floors from matching custom tags (`scoring.customTags`), with the tag's label for the note. */
  floors?: ReadonlyArray<{ grade: Grade; label: LocalizedText }>;
}

export interface GradeResult {
  grade: Grade | null;
  weeksInRed: number;
  /** Why the grade is higher than the index alone says, in zh and en. */
  notes: LocalizedText[];
}

const rank = (g: Grade | null) => (g === 'A' ? 2 : g === 'B' ? 1 : 0);
const atLeast = (g: Grade | null, floor: Grade): Grade => (rank(g) >= rank(floor) ? g! : floor);

/** Whether `previous` is the score of the week right before `week` (so deltas and streaks continue). */
export function isPreviousWeek(previous: PreviousScore | null, week: WeekId): boolean {
  return previous !== null && previous.week === cachedWeekBefore(week);
}

export function gradeCustomer(input: GradeInput, cfg: ScoringConfig): GradeResult {
  const notes: LocalizedText[] = [];
  if (!input.hasData) return { grade: null, weeksInRed: 0, notes };
  const { A, B, hysteresis } = cfg.grades;
  let grade: Grade | null = input.index >= A ? 'A' : input.index >= B ? 'B' : null;
  const continuing = isPreviousWeek(input.previous, input.week);
  // Hysteresis: a customer flagged last week is not cleared by a point or two of noise.
  if (!grade && continuing && input.previous!.grade && input.index >= B - hysteresis) grade = 'B';

  const days = input.overdueDays ?? 0;
  if (days >= cfg.hardTriggers.overdueDaysA) {
    if (grade !== 'A') notes.push(text(`逾期 ${days} 天（≥${cfg.hardTriggers.overdueDaysA} 天），直接列为 A 级`, `${days} days overdue (≥${cfg.hardTriggers.overdueDaysA}): grade A`));
    grade = 'A';
  } else if (days >= cfg.hardTriggers.overdueDaysB && rank(grade) < 1) {
    notes.push(text(`逾期 ${days} 天（≥${cfg.hardTriggers.overdueDaysB} 天），至少列为 B 级`, `${days} days overdue (≥${cfg.hardTriggers.overdueDaysB}): at least grade B`));
    grade = atLeast(grade, 'B');
  }
  for (const floor of input.floors ?? []) {
    if (rank(grade) >= rank(floor.grade)) continue;
    notes.push(text(`「${floor.label.zh}」规则：至少列为 ${floor.grade} 级`, `Rule "${floor.label.en}": at least grade ${floor.grade}`));
    grade = floor.grade;
  }
  if (grade === 'B' && input.tier === 'key' && input.index >= cfg.keyAccount.escalateFrom) {
    notes.push(text('重点客户，升级为 A 级', 'Key account: escalated to grade A'));
    grade = 'A';
  }
  const weeksInRed = grade ? (continuing ? input.previous!.weeksInRed : 0) + 1 : 0;
  if (grade === 'B' && cfg.escalateAfterWeeks > 0 && weeksInRed >= cfg.escalateAfterWeeks) {
    notes.push(text(`已连续 ${weeksInRed} 周处于预警，升级为 A 级`, `In red for ${weeksInRed} weeks in a row: escalated to grade A`));
    grade = 'A';
  }
  return { grade, weeksInRed, notes };
}
