import { ACTIVE_STATES, TASK_STATES, type FollowUpTask, type TaskState } from '../../core/follow-up/task.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import { renderTable } from '../table.js';
import type { Command } from './command.js';
import { localeOpt, stringOpt } from './command.js';
import { taskEventLine, type TaskHistoryItem } from '../../app/follow-up/task-history.view.js';
import { headerIn, roleIn, stateIn, tagIn } from '../cli-labels.js';
import { teamTagLabels } from '../../app/shared/view-text.js';

/** The outcome log of a closed task: the customer's index when it closed, and 2 and 4 weeks later. */
const outcome = (t: FollowUpTask): string =>
  t.indexAtClose === null ? '' : [t.indexAtClose, t.indexAfter2w, t.indexAfter4w].map((x) => (x === null ? '…' : String(Math.round(x)))).join(' → ');

export const tasksCommand: Command = {
  name: 'tasks',
  usage: 'radar tasks [--all | --state open,claimed,…] [--history] [--json] [--lang zh|en] [--db PATH]',
  options: { all: { type: 'boolean' }, state: { type: 'string' }, history: { type: 'boolean' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  async run(input) {
    const requested = stringOpt(input, 'state')?.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = requested?.filter((s) => !TASK_STATES.includes(s as TaskState));
    if (bad && bad.length > 0) throw new CliError(`--state: unknown ${bad.join(', ')} (expected ${TASK_STATES.join(', ')})`);
    const states = input.values.all ? undefined : (requested as TaskState[] | undefined) ?? [...ACTIVE_STATES];
    return withCliContext(input, async (cli) => {
    const { repos } = cli.ctx;
    const tasks = repos.tasks.listTasks(cli.team.id, states ? { states } : undefined);
    const customers = new Map(repos.customers.listCustomers(cli.team.id).map((c) => [c.id, c.name]));
    const members = new Map(repos.teams.listMembers(cli.team.id).map((m) => [m.id, m.name]));
    const history = (t: FollowUpTask): TaskHistoryItem[] =>
      repos.tasks.events(t.id).map((event) => ({ event, actor: event.actorId === null ? null : members.get(event.actorId) ?? `#${event.actorId}` }));
    if (input.values.json) {
      process.stdout.write(`${JSON.stringify(tasks.map((t) => ({
        ...t, customer: customers.get(t.customerId) ?? null, assignee: t.assigneeId === null ? null : members.get(t.assigneeId) ?? null,
        ...(input.values.history ? { events: history(t).map(({ event, actor }) => ({ ...event, actor })) } : {}),
      })), null, 2)}\n`);
      return 0;
    }
    const locale = localeOpt(input, cli.team.locale);
    if (tasks.length === 0) {
      process.stdout.write(locale === 'zh' ? '没有任务\n' : 'no tasks\n');
      return 0;
    }
    const h = headerIn(locale);
    process.stdout.write(`${renderTable(
      [{ header: h('id'), align: 'right' }, { header: h('customer'), max: 24 }, { header: h('problems') }, { header: h('grade') }, { header: h('leads') }, { header: h('role') }, { header: h('assignee'), max: 16 }, { header: h('state') }, { header: h('due') }, { header: h('week') }, { header: h('outcome') }],
      tasks.map((t) => [String(t.id), customers.get(t.customerId) ?? `#${t.customerId}`, tagIn(t.tag, locale, teamTagLabels(cli.ctx.settings)), `${t.grade}${t.escalated ? '↑' : ''}`, roleIn(t.ownerRole, locale), roleIn(t.role, locale),
        t.assigneeId === null ? '—' : members.get(t.assigneeId) ?? `#${t.assigneeId}`, t.state === 'snoozed' ? `${stateIn(t.state, locale)}→${t.snoozedUntil}` : stateIn(t.state, locale), t.dueDate, t.createdWeek,
          outcome(t)]),
    )}\n`);
    if (input.values.history) {
      for (const t of tasks) {
        process.stdout.write(`\n#${t.id} ${customers.get(t.customerId) ?? `#${t.customerId}`} · ${tagIn(t.tag, locale, teamTagLabels(cli.ctx.settings))}\n${history(t).map((item) => `  ${taskEventLine(item, locale)}`).join('\n')}\n`);
      }
    }
    return 0;
    });
  },
};
