// Pure schedule math of the weekly cycle (re-exports only).
export { DEFAULT_SCHEDULE, parseScheduleSettings, ScheduleSettingsError, type ScheduleSettings, type WeeklyAt } from './schedule-settings.schema.js';
export { planWeek, promptDate, promptTimeFor, type PlannedStep, type StepKind, type WeekPlan } from './week-plan.js';
export { dueSteps, nextStepAt, type DueStep, type DueStepsInput } from './due-steps.js';
export { isValidTimeZone, wallClock, zonedInstant } from './zoned-time.js';
