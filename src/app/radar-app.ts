// The app as the adapters and the scheduler see it: use-case context, the connected platforms,
// and the outbox every outbound message goes through.
import { randomUUID } from 'node:crypto';
import type { CardSpec } from '../ui/card.js';
import { identityOn, type Member } from '../core/team.js';
import type { ChatPort, Destination, Platform } from './ports/chat.port.js';
import type { AppContext } from './context.js';
import type { DashboardLinks } from './ports/dashboard.port.js';

/** A connected chat platform: its port (for user lookups) and the environment's manager channel. */
export interface PlatformBinding {
  platform: Platform;
  chat: ChatPort;
  /**
   * Slack channel id / Feishu chat id from the environment: the configured team's manager channel unless
   * it set its own (other teams name theirs: src/app/team/manager-channel.ts).
   */
  managerChannel: string;
}

export interface RadarApp {
  ctx: AppContext;
  platforms: readonly PlatformBinding[];
  /** Wake the outbox worker after enqueueing (no-op when nothing delivers, e.g. in the CLI dry run). */
  notifyOutbox(): void;
  /** Personal sign-in links to the web dashboard, when it is served. */
  dashboard?: DashboardLinks;
}

export interface OutboundCard {
  teamId: number;
  key: string;
  platform: Platform;
  destination: Destination;
  card: CardSpec;
  /** Hold the message until then (a rep's prompt at their own local time). */
  notBefore?: Date;
  /** Post in the thread of the message sent under this outbox key (delivered after it). */
  threadOf?: string;
}

/** Queue a new message. Returns false when a message with the same key was queued before. */
export function enqueueSend(app: RadarApp, msg: OutboundCard): boolean {
  const { notBefore, ...input } = msg;
  const now = app.ctx.clock();
  const at = notBefore && notBefore > now ? notBefore : now;
  const queued = app.ctx.repos.outbox.enqueue({ ...input, op: 'send' }, at.toISOString());
  if (queued) app.notifyOutbox();
  return queued;
}

/**
 * Queue a replacement of the message sent under `sendKey`, if one was queued. Each refresh gets its own
 * key so later states are delivered in order after earlier ones.
 */
export function enqueueRefresh(app: RadarApp, sendKey: string, card: CardSpec): boolean {
  const original = app.ctx.repos.outbox.byKey(sendKey);
  // Nothing to refresh: never queued, or never deliverable (and already reported once).
  if (!original || original.state === 'failed') return false;
  // The message shows (or is about to show) this very card already: no platform call for nothing.
  if (JSON.stringify(app.ctx.repos.outbox.latestCard(sendKey)) === JSON.stringify(card)) return false;
  const at = app.ctx.clock().toISOString();
  const queued = app.ctx.repos.outbox.enqueue({
    teamId: original.teamId,
    // Unique even for two refreshes in the same millisecond (two managers clicking at once).
    key: `refresh:${sendKey}:${at}:${randomUUID().slice(0, 8)}`,
    platform: original.platform,
    op: 'update',
    destination: original.destination,
    card,
    updateOf: sendKey,
  }, at);
  if (queued) app.notifyOutbox();
  return queued;
}

/** Outbox keys: one place, so every step agrees on what "the same message" is. */
export const outboxKeys = {
  prompt: (week: string, memberId: number, platform: Platform) => `prompt:${week}:${memberId}:${platform}`,
  reminder: (week: string, memberId: number, platform: Platform, n: number | string) => `remind:${week}:${memberId}:${platform}:${n}`,
  digest: (teamId: number, week: string, platform: Platform) => `digest:${teamId}:${week}:${platform}`,
  /** The digest's charts (heat map, red flags by rep), in the digest's thread. */
  digestCharts: (teamId: number, week: string, platform: Platform) => `digest-charts:${teamId}:${week}:${platform}`,
  review: (teamId: number, month: string, platform: Platform) => `review:${teamId}:${month}:${platform}`,
  ranking: (teamId: number, period: string, memberId: number, platform: Platform) => `ranking:${teamId}:${period}:${memberId}:${platform}`,
  task: (taskId: number, memberId: number, platform: Platform) => `task:${taskId}:${memberId}:${platform}`,
  /** The DM of a task the radar reopened in `week` (a dismissal that stopped holding): news again, once. */
  taskReopened: (taskId: number, week: string, memberId: number, platform: Platform) => `task:${taskId}:${memberId}:${platform}:reopened:${week}`,
  escalation: (taskId: number, memberId: number, platform: Platform) => `escalated:${taskId}:${memberId}:${platform}`,
  nudge: (taskId: number, memberId: number, date: string, platform: Platform) => `nudge:${taskId}:${memberId}:${date}:${platform}`,
  failureReport: (teamId: number, messageKey: string, platform: Platform) => `failed:${teamId}:${messageKey}:${platform}`,
};

/** Where a member gets a DM on `platform`: their user id there, or null when they were never matched. */
export const userIdOn = (platform: Platform, m: Pick<Member, 'identities'>): string | null => identityOn(m, platform);
