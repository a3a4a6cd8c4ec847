// `radar serve [--port P]`: the web dashboard (看板) on its own, with no chat platform.
import { once } from 'node:events';
import { openCliRoot, targetOf } from '../context.js';
import { startHttpServer } from '../../runtime/server/http-server.js';
import { createLogger } from '../../runtime/logging/logger.js';
import { createDashboard, DASHBOARD_PATH } from '../../web/index.js';
import { createDashboardCharts } from '../../web/charts.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';
import { portOpt, publicUrlFor } from './dashboard-url.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'radar serve [--port P] [--db PATH]   (default port: $PORT or 3000)',
  options: { port: { type: 'string' } },
  async run(input) {
    const cli = openCliRoot(targetOf(input));
    try {
      const port = portOpt(stringOpt(input, 'port'), cli.config.port);
      const logger = createLogger({ level: cli.config.logLevel, name: 'radar-web' });
      const ctx = { ...cli.ctx, logger };
      const dashboard = createDashboard({
        ctx, secret: cli.config.web?.secret ?? null, publicUrl: publicUrlFor(cli.config, port), charts: createDashboardCharts(ctx),
      });
      const server = await startHttpServer([], port, logger, dashboard.mount);
      process.stderr.write(`dashboard: http://localhost:${server.port}${DASHBOARD_PATH}/ (sign in with \`npm run radar -- link --member EMAIL\`); Ctrl-C stops\n`);
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      await server.close();
      return 0;
    } finally {
      cli.close();
    }
  },
};
