// One bot replica for the replicas test: the real startBot in HTTP mode on PostgreSQL (scheduler under
// the leader lock, outbox worker with a short lease) against the fake Slack Web API of the test process.
// Prints `port N` once listening and `leader` when it takes the scheduler lock; runs until killed.
// Args: PG_URL SLACK_API_URL BASE_ISO T0_MS — its clock reads BASE_ISO at epoch ms T0_MS and runs on.
import { loadConfig } from '../../../src/config/env.js';
import { DEFAULT_SETTINGS } from '../../../src/config/radar-config.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { startBot } from '../../../src/runtime/start-bot.js';

const [pgUrl, apiUrl, baseIso, t0] = process.argv.slice(2) as [string, string, string, string];
const base = Date.parse(baseIso);
const clock = () => new Date(base + (Date.now() - Number(t0)));

const config = loadConfig({
  RADAR_DB: pgUrl, PORT: '0', LOG_LEVEL: 'warn', RADAR_TEAM_NAME: 'Sales', RADAR_TIMEZONE: 'Asia/Shanghai', RADAR_LOCALE: 'en',
  SLACK_BOT_TOKEN: 'xoxb-replicas', SLACK_SIGNING_SECRET: 'replicas-signing-secret', SLACK_MANAGER_CHANNEL: 'CMGR',
  SLACK_BOT_USER_ID: 'UBOT', SLACK_BOT_ID: 'BBOT', SLACK_API_URL: apiUrl,
  // The workspace budget the test's proxy enforces; the replicas share it (fleet pacing).
  RADAR_RATE_LIMITS: 'slack.workspace=60/s',
});
const bot = await startBot({
  config, settings: DEFAULT_SETTINGS, logger: silentLogger(), clock,
  // Short leases and send timeout: a held message (in flight: 2 × send timeout) is taken over in seconds.
  worker: { leaseMs: 3000, sendTimeoutMs: 1500, pollIntervalMs: 50, concurrency: 8 },
  leaderRetryMs: 300,
  fleetIntervalMs: 250,
});
process.stdout.write(`port ${bot.server!.port}\n`);
void bot.scheduler!.whenLeader().then(() => process.stdout.write('leader\n'));
process.on('SIGTERM', () => { void bot.stop().then(() => process.exit(0)); });
