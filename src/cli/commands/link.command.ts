// `radar link --member EMAIL [--ttl 7d]`: print a personal sign-in link to the dashboard (last line of
// stdout). `radar link --revoke EMAIL`: invalidate every link and session that member holds.
import { withCliContext } from '../context.js';
import { CliError } from '../cli-error.js';
import { createWebAuth, DEFAULT_LINK_TTL_MS, parseTtl } from '../../web/auth/web-auth.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';
import { portOpt, publicUrlFor } from './dashboard-url.js';

export const linkCommand: Command = {
  name: 'link',
  usage: 'radar link --member EMAIL [--ttl 7d|12h|30m] [--port P] [--db PATH]\nradar link --revoke EMAIL [--db PATH]',
  options: { member: { type: 'string' }, revoke: { type: 'string' }, ttl: { type: 'string' }, port: { type: 'string' } },
  async run(input) {
    const email = stringOpt(input, 'member');
    const revoke = stringOpt(input, 'revoke');
    if ((email === undefined) === (revoke === undefined)) throw new CliError('link: give either --member EMAIL (print a link) or --revoke EMAIL');
    const rawTtl = stringOpt(input, 'ttl');
    const ttl = rawTtl === undefined ? DEFAULT_LINK_TTL_MS : parseTtl(rawTtl);
    if (ttl === null) throw new CliError(`--ttl: expected a duration such as 7d, 12h or 30m, got "${rawTtl}"`);
    return withCliContext(input, (cli) => {
      const target = (email ?? revoke)!;
      const member = cli.ctx.repos.teams.memberByEmail(cli.team.id, target);
      if (!member) throw new CliError(`no member with email "${target}": add them with \`radar members add EMAIL --name N --role R\` (imports add reps)`);
      const auth = createWebAuth({
        repos: cli.ctx.repos, secret: cli.config.web?.secret ?? null, clock: cli.ctx.clock,
        publicUrl: publicUrlFor(cli.config, portOpt(stringOpt(input, 'port'), cli.config.port)),
      });
      if (revoke !== undefined) {
        auth.revoke(member);
        process.stdout.write(`revoked every dashboard link and session of ${member.email}\n`);
        return 0;
      }
      const { url, expiresAt } = auth.issue(member, ttl);
      process.stderr.write(`sign-in link for ${member.name} <${member.email}> (${member.role}), valid until ${expiresAt.toISOString()}:\n`);
      process.stdout.write(`${url}\n`);
      return 0;
    });
  },
};
