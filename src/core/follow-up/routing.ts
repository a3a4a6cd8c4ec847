// Who follows up on which problem type, how fast, and when a lingering problem escalates.
// Defaults are built in; a team's config file may override any part (validated here).
import { z } from 'zod';
import { CoreError } from '../errors.js';
import { text } from '../i18n.js';
import { ROLES } from '../team.js';
import type { Role } from '../team.js';
import { TAGS } from '../customer-risk/types.js';
import { isBuiltInTag, type Grade, type Tag, type TagId } from '../customer-risk/types.js';

/** Routing of follow-up tasks. */
export interface RoutingConfig {
  /**
   * Roles per problem type. The first role owns the task (`FollowUpTask.role`); the others are
   * collaborators who are told about it (e.g. the owning rep on an overdue payment).
   */
  routes: Record<Tag, readonly Role[]>;
  /** Days from creation until the task is due, per grade. */
  dueDays: Record<Grade, number>;
  /** A task still red this many weeks after it was created escalates (once) to the director. */
  escalateAfterWeeks: number;
  /**
   * A dismissed task ("客户春节停工，正常") is not raised again for the same problem while the dismissal holds:
   * until its until-date, else `holdWeeks` after it was dismissed, unless the index rose `reopenMargin`
   * points above its value at dismissal or a hard trigger (90+ days overdue) appeared. It then reopens and says why.
   */
  dismissal: { holdWeeks: number; reopenMargin: number };
  /**
   * The owner role of each custom problem tag, taken from `scoring.customTags.<id>.route` when the settings
   * are put together (not a key of its own: the tag's rule, label and route are set in one place).
   */
  customRoutes?: Readonly<Record<string, Role>>;
}

export const DEFAULT_ROUTING: RoutingConfig = Object.freeze({
  routes: {
    overdue: ['finance', 'rep'],
    complaints: ['customer_service'],
    silent: ['manager'],
    low_fit: ['tech_support'],
    requirement_churn: ['legal', 'rep'],
    declining: ['manager'],
    cycle_slip: ['manager'],
  },
  dueDays: { A: 2, B: 5 },
  escalateAfterWeeks: 2,
  dismissal: { holdWeeks: 8, reopenMargin: 10 },
}) as RoutingConfig;

const roleList = z.array(z.enum(ROLES)).min(1, 'at least one role');

/** Every key optional: what is absent keeps the default. Unknown keys are errors (typos must not pass silently). */
export const routingConfigSchema = z.strictObject({
  routes: z.strictObject(Object.fromEntries(TAGS.map((t) => [t, roleList.optional()])) as Record<Tag, z.ZodOptional<typeof roleList>>).optional(),
  dueDays: z.strictObject({
    A: z.number().int().min(0).max(90).optional(),
    B: z.number().int().min(0).max(90).optional(),
  }).optional(),
  escalateAfterWeeks: z.number().int().min(1).max(52).optional(),
  dismissal: z.strictObject({
    holdWeeks: z.number().int().min(0).max(52).optional(),
    reopenMargin: z.number().min(0).max(100).optional(),
  }).optional(),
});

export interface ConfigIssue {
  /** Dotted key path, e.g. `routes.overdue[0]`. */
  path: string;
  message: string;
}

/** A bad routing config; the message lists every key path and what is expected. */
export class RoutingConfigError extends CoreError {
  declare readonly code: 'routing_config_invalid';
  constructor(readonly issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    super('routing_config_invalid', `invalid routing config: ${lines}`, { userMessage: text(`任务分派配置无效：${lines}`, `Routing config is invalid: ${lines}`) });
    this.name = 'RoutingConfigError';
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>, prefix: string): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/**
 * Validate a routing config (e.g. the `routing` section of the team config file) and merge it over
 * the defaults. `undefined`/`null` → defaults. Throws RoutingConfigError naming each bad key path.
 */
export function parseRoutingConfig(raw: unknown, pathPrefix = ''): RoutingConfig {
  if (raw === undefined || raw === null) return cloneRouting(DEFAULT_ROUTING);
  const parsed = routingConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new RoutingConfigError(parsed.error.issues.map((issue) => {
      // Unknown keys: name the offending key itself, not its parent.
      const extra = issue.code === 'unrecognized_keys' ? issue.keys : [];
      if (extra.length > 0) {
        return { path: formatPath([...issue.path, extra[0]!], pathPrefix), message: `unknown key (allowed: ${allowedKeys(issue.path)})` };
      }
      return { path: formatPath(issue.path, pathPrefix), message: issue.message };
    }));
  }
  const base = cloneRouting(DEFAULT_ROUTING);
  const v = parsed.data;
  for (const tag of TAGS) {
    const roles = v.routes?.[tag];
    if (roles) base.routes[tag] = dedupe(roles);
  }
  if (v.dueDays?.A !== undefined) base.dueDays.A = v.dueDays.A;
  if (v.dueDays?.B !== undefined) base.dueDays.B = v.dueDays.B;
  if (v.escalateAfterWeeks !== undefined) base.escalateAfterWeeks = v.escalateAfterWeeks;
  if (v.dismissal?.holdWeeks !== undefined) base.dismissal.holdWeeks = v.dismissal.holdWeeks;
  if (v.dismissal?.reopenMargin !== undefined) base.dismissal.reopenMargin = v.dismissal.reopenMargin;
  return base;
}

function allowedKeys(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return 'routes, dueDays, escalateAfterWeeks, dismissal';
  if (path[0] === 'dismissal') return 'holdWeeks, reopenMargin';
  if (path[0] === 'routes') return TAGS.join(', ');
  if (path[0] === 'dueDays') return 'A, B';
  return '';
}

const dedupe = (roles: readonly Role[]): Role[] => [...new Set(roles)];

function cloneRouting(c: RoutingConfig): RoutingConfig {
  return {
    routes: Object.fromEntries(TAGS.map((t) => [t, [...c.routes[t]]])) as Record<Tag, Role[]>,
    dueDays: { ...c.dueDays },
    escalateAfterWeeks: c.escalateAfterWeeks,
    dismissal: { ...(c.dismissal ?? DEFAULT_ROUTING.dismissal) },
    ...(c.customRoutes ? { customRoutes: { ...c.customRoutes } } : {}),
  };
}

/** The role that owns tasks of this tag (a custom tag: its configured route; unknown: the manager). */
export const primaryRole = (config: RoutingConfig, tag: TagId): Role =>
  (isBuiltInTag(tag) ? config.routes[tag][0] : config.customRoutes?.[tag]) ?? 'manager';

/** Roles told about tasks of this tag besides the owner role (custom tags have none). */
export const collaboratorRoles = (config: RoutingConfig, tag: TagId): Role[] => (isBuiltInTag(tag) ? config.routes[tag].slice(1) : []);
