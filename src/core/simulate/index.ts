// Book simulator and scorer evaluation: public surface (wiring only).
export * from './types.js';
export { simulateBook, paramsForSeed, DEFAULT_END_WEEK, MIN_SIM_WEEKS } from './simulate-book.js';
export { evaluate, type Evaluation, type EvaluateOptions } from './evaluate.js';
export { naiveFlags, type FlagLike } from './naive-flags.js';
export { recordsToScoreArgs, type ScoreArgsFromRecords } from './to-score-args.js';
export { createRng, mulberry32, type Rng } from './prng.js';
