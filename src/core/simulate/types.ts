// Public shapes of the simulator: import-format records, ground truth, options.
import type { Tag, Tier } from '../customer-risk/types.js';
import type { EntryValues } from '../weekly-report/template.js';
import type { WeekId } from '../weekly-report/week.js';

/** One line of the import format (JSON Lines / CSV): one (week, rep, customer) with all template fields. */
export interface SimRecord extends EntryValues {
  week: WeekId;
  rep: string;
  repName: string;
  customer: string;
  industry: string | null;
  region: string | null;
  tier: Tier;
  since: string | null;
}

/** A planted problem: which customer, which tag, and the first week it shows in the data. */
export interface SimTruth {
  customer: string;
  tag: Tag;
  onsetWeek: WeekId;
}

export type DistractorKind =
  | 'lumpy_revenue' | 'team_holiday' | 'rep_quiet_week' | 'rep_absent' | 'one_off_complaint' | 'payment_lag'
  | 'single_requirement_change' | 'one_pushed_close' | 'missing_report' | 'optimistic_health' | 'usage_blip' | 'big_order';

/** A noisy-but-healthy pattern the simulator put in, for debugging false alarms. */
export interface SimDistractor {
  kind: DistractorKind;
  customer: string | null;
  rep: string | null;
  week: WeekId | null;
}

export interface SimulateOptions {
  seed: number;
  /** Number of customers; default varies by seed (120–220). */
  customers?: number;
  /** Number of reps; default varies by seed (6–12). */
  reps?: number;
  /** Weeks of history; default varies by seed (26–36). */
  weeks?: number;
  /** Last simulated week; default 2026-W20 (the core has no clock). */
  endWeek?: WeekId;
}

export interface SimRep {
  email: string;
  name: string;
}

export interface SimCustomer {
  name: string;
  rep: string;
  industry: string;
  region: string;
  tier: Tier;
  since: string;
  /** steady run-rate, lumpy project orders, or an open deal in the pipeline. */
  kind: 'steady' | 'project' | 'pipeline';
}

export interface SimBook {
  seed: number;
  weeks: WeekId[];
  endWeek: WeekId;
  reps: SimRep[];
  customers: SimCustomer[];
  /** Import-format records, ascending by week. Missing reports simply have no record. */
  records: SimRecord[];
  truth: SimTruth[];
  distractors: SimDistractor[];
  /** The noise and shape parameters drawn for this seed. */
  params: SimParams;
}

/** Shape of a simulated book; drawn from the seed so no single shape is tuned for. */
export interface SimParams {
  customers: number;
  reps: number;
  weeks: number;
  revenueCv: [number, number];
  contactsMean: [number, number];
  /** Gamma-Poisson shape for contacts; lower = more over-dispersed. */
  contactsShape: number;
  repMissRate: number;
  entryMissRate: number;
  optionalFillRate: number;
  plantedPerTag: number;
  rampWeeks: [number, number];
  teamHoliday: boolean;
}
