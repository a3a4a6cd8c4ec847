// Reading an inbound request body with a size cap, the same way for every platform's HTTP endpoint.
import type { IncomingMessage } from 'node:http';

/** A request refused before it reached any listener: the HTTP status and a reason safe to send back. */
export class InboundRejected extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'InboundRejected';
  }
}

/**
 * The raw body, at most `maxBytes`. A declared or actual size over the cap is a 413; a body that cannot
 * be read or is cut off is a 400. A client that keeps streaming far past the cap is disconnected.
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let over = Number.isFinite(declared) && declared > maxBytes;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) over = true;
      if (!over) chunks.push(c);
      if (size > maxBytes * 8) req.destroy();
    });
    req.on('end', () => (over ? reject(new InboundRejected(413, 'request body too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', () => reject(new InboundRejected(over ? 413 : 400, over ? 'request body too large' : 'request body could not be read')));
    req.on('close', () => {
      if (!req.complete) reject(new InboundRejected(over ? 413 : 400, over ? 'request body too large' : 'request body was cut off'));
    });
  });
}
