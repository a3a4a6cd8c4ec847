// Charts in Slack: each `image` block's PNG is uploaded the way Slack now requires
// (files.getUploadURLExternal → POST the bytes to upload_url → files.completeUploadExternal; files.upload
// is retired) and then shown by an image block with `slack_file: {id}`. The PNG renderer is injected
// at composition (adapters do not import the chart renderer). Uploads run inside the outbox send, so
// they are retried and rate-limited with it; the same chart is uploaded once per process: known by the
// hash of its spec (not even drawn again: App Home asks for its charts on every open) and by the hash
// of its PNG.
import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Block, CardSpec } from '../../../src/ui/card.js';
import type { ChartSpec } from '../../../src/ui/chart.js';
import { ChatDeliveryError } from '../../../src/app/ports/chat.port.js';
import { PlatformError } from '../../../src/app/ports/platform-error.js';
import { platformErrorCode, toDeliveryError } from './slack-errors.js';

/** Draws a chart as PNG bytes (src/chart-render's renderPng, injected). */
export type ChartPngRenderer = (chart: ChartSpec) => Buffer | Promise<Buffer>;

/** Chart specs remembered with their file (each a hash and a file id). */
const MAX_KNOWN_SPECS = 1000;

export class SlackChartUploader {
  /** sha256 of the PNG → Slack file id. */
  private readonly uploaded = new Map<string, string>();
  /** sha256 of the chart spec → Slack file id (an LRU bounded by MAX_KNOWN_SPECS). */
  private readonly bySpec = new Map<string, string>();

  constructor(
    private readonly client: WebClient,
    private readonly render: ChartPngRenderer | undefined,
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** The card with every chart image uploaded (`uploaded.slackFileId` set); unchanged without images. */
  async prepare(card: CardSpec): Promise<CardSpec> {
    if (!this.render || !card.blocks.some((b) => b.type === 'image' && !b.uploaded?.slackFileId)) return card;
    const blocks: Block[] = [];
    for (const block of card.blocks) {
      if (block.type !== 'image' || block.uploaded?.slackFileId) {
        blocks.push(block);
        continue;
      }
      const id = await this.upload(block.chart);
      blocks.push(id ? { ...block, uploaded: { ...block.uploaded, slackFileId: id } } : block);
    }
    return { ...card, blocks };
  }

  /** The file id, or null when Slack refuses files to this app (e.g. no files:write): the card then shows the numbers. */
  private async upload(chart: ChartSpec): Promise<string | null> {
    const specHash = createHash('sha256').update(JSON.stringify(chart)).digest('hex');
    const drawn = this.bySpec.get(specHash);
    if (drawn) {
      this.bySpec.delete(specHash);
      this.bySpec.set(specHash, drawn);
      return drawn;
    }
    const id = await this.uploadPng(chart);
    if (id) {
      if (this.bySpec.size >= MAX_KNOWN_SPECS) this.bySpec.delete(this.bySpec.keys().next().value!);
      this.bySpec.set(specHash, id);
    }
    return id;
  }

  private async uploadPng(chart: ChartSpec): Promise<string | null> {
    const png = await this.render!(chart);
    const hash = createHash('sha256').update(png).digest('hex');
    const known = this.uploaded.get(hash);
    if (known) return known;
    const filename = `radar-${chart.kind}-${hash.slice(0, 12)}.png`;
    let step = 'files.getUploadURLExternal';
    try {
      const ticket = await this.client.files.getUploadURLExternal({ filename, length: png.length, alt_text: chart.alt.slice(0, 1000) });
      if (!ticket.upload_url || !ticket.file_id) throw new PlatformError('slack_no_upload_url', 'files.getUploadURLExternal returned no upload_url');
      step = 'upload_url';
      const res = await fetch(ticket.upload_url, {
        method: 'POST', body: png, headers: { 'content-type': 'image/png' }, signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) {
        const kind = res.status >= 500 || res.status === 429 ? (res.status === 429 ? 'rate_limited' : 'transient') : 'permanent';
        throw new ChatDeliveryError(kind, `slack upload_url: HTTP ${res.status}`, null);
      }
      step = 'files.completeUploadExternal';
      const done = await this.client.files.completeUploadExternal({ files: [{ id: ticket.file_id, title: chart.title }] });
      const id = done.files?.[0]?.id ?? ticket.file_id;
      this.uploaded.set(hash, id);
      return id;
    } catch (err) {
      const code = platformErrorCode(err);
      // A refusal that a retry will not cure: show the chart's numbers instead of holding the message back.
      if (code && ['missing_scope', 'not_allowed_token_type', 'not_authed', 'invalid_auth', 'restricted_action', 'file_uploads_disabled'].includes(code)) {
        this.log.warn({ code, step }, 'chart upload refused; sending the chart as text');
        return null;
      }
      if (err instanceof ChatDeliveryError) throw err;
      if (step === 'upload_url') throw new ChatDeliveryError('transient', 'slack upload_url: request failed', null, { cause: err });
      throw toDeliveryError(err, step);
    }
  }
}
