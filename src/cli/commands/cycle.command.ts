import { createOutboxWorker } from '../../runtime/delivery/outbox-worker.js';
import type { RadarApp } from '../../app/radar-app.js';
import { isWeekId, weekOfInstant } from '../../core/weekly-report/week.js';
import { runCycleStep } from '../../runtime/run-step.js';
import { sendOnlyPlatforms } from '../../runtime/send-only-platforms.js';
import { reportPermanentFailure } from '../../app/team/delivery-failure.service.js';
import { createLogger } from '../../runtime/logging/logger.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import { lastClosedWeek, openReportWeek } from '../../app/schedule/schedule.service.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';

const STEPS = ['prompt', 'remind', 'digest', 'nudge'] as const;
type Step = (typeof STEPS)[number];
const DRAIN_LIMIT_MS = 120_000;

export const cycleCommand: Command = {
  name: 'cycle',
  usage: 'radar cycle prompt|remind|digest|nudge [--week YYYY-Www] [--db PATH]\n  Sends through every platform configured in the environment; never sends the same message twice.',
  options: { week: { type: 'string' } },
  async run(input) {
    const step = input.positionals[0] as Step | undefined;
    if (!step || !STEPS.includes(step)) throw new CliError(`cycle: expected one of ${STEPS.join(', ')}`);
    const rawWeek = stringOpt(input, 'week');
    if (rawWeek !== undefined && !isWeekId(rawWeek)) throw new CliError(`--week: expected an ISO week such as 2026-W48, got "${rawWeek}"`);
    return withCliContext(input, async (cli) => {
    const platforms = sendOnlyPlatforms(cli.config, createLogger({ level: cli.config.logLevel, name: 'radar' }));
    if (platforms.length === 0) {
      throw new CliError('cycle: no chat platform is configured. Set SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET/SLACK_MANAGER_CHANNEL or FEISHU_APP_ID/FEISHU_APP_SECRET/FEISHU_MANAGER_CHAT_ID (see .env.example).');
    }
    // By default each step acts on the week it would act on when scheduled now.
    const week = rawWeek ?? (step === 'prompt' ? weekOfInstant(new Date(), cli.team.timezone)
      : step === 'digest' ? lastClosedWeek(cli.ctx, cli.team) : openReportWeek(cli.ctx, cli.team));
    let app: RadarApp;
    const worker = createOutboxWorker({
      outbox: cli.ctx.repos.outbox,
      ports: Object.fromEntries(platforms.map((p) => [p.platform, p.chat])),
      logger: cli.ctx.logger,
      limits: cli.config.rateLimits,
      onPermanentFailure: (m) => reportPermanentFailure(app, m),
    });
    app = { ctx: cli.ctx, platforms, notifyOutbox: () => undefined };
    const { jobRuns } = cli.ctx.repos;
    const at = () => new Date().toISOString();
    const claimed = jobRuns.claim(cli.team.id, week, step, at());
    const result = await runCycleStep(app, cli.team.id, week, step);
    if (claimed) jobRuns.finish(cli.team.id, week, step, at());
    process.stderr.write(`${step} ${week}: ${JSON.stringify(result)}\n`);

    // Deliver what is due now; anything waiting on a retry stays in the outbox for the running bot.
    const started = Date.now();
    let totals = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const r = await worker.drainOnce();
      totals = { sent: totals.sent + r.sent, retried: totals.retried + r.retried, failed: totals.failed + r.failed };
      if (r.sent + r.failed === 0 || Date.now() - started > DRAIN_LIMIT_MS) break;
    }
    const waiting = cli.ctx.repos.outbox.due('9999-12-31T00:00:00.000Z', 10_000).length;
    process.stdout.write(`${step} ${week}: ${totals.sent} sent, ${totals.failed} failed permanently, ${waiting} waiting for retry\n`);
    return totals.failed > 0 ? 1 : 0;
    });
  },
};
