// A bot process for the crash test: runs the real prompt step and delivers it through the real
// Slack ChatPort to the fake Web API, then exits. The test SIGKILLs it mid-fan-out and starts it again.
// Args: DB_PATH SLACK_API_URL WEEK
import { openDb } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import { DEFAULT_SETTINGS } from '../../../src/config/radar-config.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { SlackChatPort } from '../../../adapters/slack/transport/chat-port.js';
import { createOutboxWorker } from '../../../src/runtime/delivery/outbox-worker.js';
import { runCycleStep } from '../../../src/runtime/run-step.js';
import type { RadarApp } from '../../../src/app/radar-app.js';

const [dbPath, apiUrl, week] = process.argv.slice(2) as [string, string, string];
const logger = silentLogger();
const db = openDb(dbPath);
const repos = createRepositories(db);
const team = repos.teams.listTeams()[0]!;
const chat = new SlackChatPort({ botToken: 'xoxb-crash-test', apiUrl, logger, timeoutMs: 60_000 });
// Generous limits: the test is about exactly-once, not pacing.
const worker = createOutboxWorker({
  outbox: repos.outbox,
  ports: { slack: chat },
  logger,
  limits: { 'slack.channel': [{ limit: 1000, perMs: 1000 }], 'slack.workspace': [{ limit: 1_000_000, perMs: 1000 }] },
  concurrency: 8,
});
const app: RadarApp = { ctx: { repos, settings: DEFAULT_SETTINGS, clock: () => new Date(), logger }, platforms: [{ platform: 'slack', chat, managerChannel: 'CMGR' }], notifyOutbox: () => undefined };

await runCycleStep(app, team.id, week, 'prompt');
for (;;) {
  const r = await worker.drainOnce();
  if (r.sent + r.failed + r.retried === 0) break;
}
process.stdout.write(`done ${repos.outbox.due('9999-01-01T00:00:00Z', 10_000).length} pending\n`);
db.close();
