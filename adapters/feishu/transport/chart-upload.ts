// Charts in Feishu cards: a chart Card 2.0 draws natively (the customer trend and radar, as VChart
// specs within MAX_NATIVE_CHART_BYTES: see render/vchart.ts) goes as its `chart` component and is not
// uploaded; every other `image` block's PNG is uploaded through POST /open-apis/im/v1/images
// (image_type=message) and shown by an `img` element with its image_key. The PNG renderer is injected
// at composition; the same chart uploads once per process (by its spec, then by its bytes).
// @see https://open.feishu.cn/document/server-docs/im-v1/image/create
import { createHash } from 'node:crypto';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { Block, CardSpec } from '../../../src/ui/card.js';
import type { ChartSpec } from '../../../src/ui/chart.js';
import { PlatformError } from '../../../src/app/ports/platform-error.js';
import { toDeliveryError } from './open-api.js';
import { nativeChartPlan } from '../render/vchart.js';

const MAX_KNOWN_SPECS = 1000;

export type ChartPngRenderer = (chart: ChartSpec) => Buffer | Promise<Buffer>;

export class FeishuChartUploader {
  private readonly keys = new Map<string, string>();
  /** sha256 of the chart spec → image_key (the chart is not drawn again). */
  private readonly bySpec = new Map<string, string>();

  constructor(private readonly client: lark.Client, private readonly render: ChartPngRenderer | undefined, private readonly logger: Logger) {}

  /** The card with every chart image uploaded (`uploaded.feishuImageKey` set). */
  async prepare(card: CardSpec): Promise<CardSpec> {
    const native = nativeChartPlan(card.blocks);
    const toUpload = (b: Block, i: number) => b.type === 'image' && !b.uploaded?.feishuImageKey && !native[i];
    if (!this.render || !card.blocks.some(toUpload)) return card;
    const blocks: Block[] = [];
    for (const [i, block] of card.blocks.entries()) {
      if (block.type !== 'image' || !toUpload(block, i)) {
        blocks.push(block);
        continue;
      }
      const key = await this.upload(block.chart);
      blocks.push({ ...block, uploaded: { ...block.uploaded, feishuImageKey: key } });
    }
    return { ...card, blocks };
  }

  private async upload(chart: ChartSpec): Promise<string> {
    const specHash = createHash('sha256').update(JSON.stringify(chart)).digest('hex');
    const drawn = this.bySpec.get(specHash);
    if (drawn) return drawn;
    const key = await this.uploadPng(chart);
    if (this.bySpec.size >= MAX_KNOWN_SPECS) this.bySpec.delete(this.bySpec.keys().next().value!);
    this.bySpec.set(specHash, key);
    return key;
  }

  private async uploadPng(chart: ChartSpec): Promise<string> {
    const png = await this.render!(chart);
    const hash = createHash('sha256').update(png).digest('hex');
    const known = this.keys.get(hash);
    if (known) return known;
    let res: unknown;
    try {
      res = await this.client.im.v1.image.create({ data: { image_type: 'message', image: png } });
    } catch (e) {
      throw toDeliveryError(e, 'upload image');
    }
    // The SDK hands back the `data` object ({image_key}); a non-zero code comes back as the whole body.
    const r = res as { image_key?: string; code?: number; msg?: string; data?: { image_key?: string } } | null;
    const key = r?.image_key ?? r?.data?.image_key;
    if (!key) throw toDeliveryError(new PlatformError('feishu_image_upload_failed', `image upload answered ${r?.code ?? 'nothing'} ${r?.msg ?? ''}`), 'upload image');
    this.logger.debug({ kind: chart.kind, bytes: png.length }, 'chart image uploaded');
    this.keys.set(hash, key);
    return key;
  }
}
