// `npm start`: the bot with every configured chat platform, the outbox worker and the scheduler.
import { ConfigError, loadConfig, loadDotEnv } from './config/env.js';
import { createSettingsResolver, loadRadarSettings } from './config/radar-config.js';
import { createLogger } from './runtime/logging/logger.js';
import { startBot } from './runtime/start-bot.js';

const NOTHING_CONFIGURED = `sales-radar: no chat platform is configured, so there is nothing to start.

Set the variables of at least one platform (see .env.example and README.md):
  Slack:  SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_MANAGER_CHANNEL  (+ SLACK_APP_TOKEN for Socket Mode)
  Feishu: FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_MANAGER_CHAT_ID      (+ FEISHU_MODE=http with FEISHU_VERIFICATION_TOKEN)

Without a platform, try the demo and the command line:
  npm run demo
  npm run radar -- help
`;

async function main(): Promise<number> {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`sales-radar: ${err.message}\nSee .env.example for every variable.\n`);
      return 2;
    }
    throw err;
  }
  if (!config.slack && !config.feishu) {
    process.stderr.write(NOTHING_CONFIGURED);
    return 2;
  }
  const logger = createLogger({ level: config.logLevel });
  const bot = await startBot({ config, settings: loadRadarSettings(config.configFile), settingsResolver: createSettingsResolver(config.configFile), logger });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(() => process.exit(0), (err: unknown) => {
      logger.error({ err: (err as Error).message }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sales-radar failed to start: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
