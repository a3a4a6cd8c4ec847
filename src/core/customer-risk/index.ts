// Customer-risk scoring: public surface (wiring only).
export * from './types.js';
export { DEFAULT_SCORING, parseScoringConfig, ScoringConfigError, scoringConfigSchema, type ScoringConfig } from './weights.js';
export { scoreCustomer } from './score-customer.js';
export { gradeCustomer, type GradeInput, type GradeResult } from './grade.js';
export { reasonLines, reasonSummary } from './reasons.js';
export {
  historyWindowStart, scoreHistory, scoreWeek,
  type ExcusedRow, type ScoreHistoryArgs, type ScoreWeekArgs, type WeekEntryRow,
} from './score-week.js';
