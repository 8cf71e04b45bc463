// Reading a ?notification body: at most 1 MiB, detected while streaming (no Content-Length) or up front; the
// stream is left undestroyed so the protocol layer can still answer and drain the connection.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBodyText } from '../../src-main/core/s3/xml';
import { MAX_CONFIG_BYTES } from '../../src-main/core/notifications/types';

const readConfigBody = (stream: Readable, contentLength?: number) => readBodyText(stream, MAX_CONFIG_BYTES, contentLength);

const MiB = 1024 * 1024;
function chunks(total: number, size = 64 * 1024): { stream: Readable; pulled: () => number } {
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) { this.push(null); return; }
      const n = Math.min(size, total - sent);
      sent += n;
      this.push(Buffer.alloc(n, 0x20));
    },
  });
  return { stream, pulled: () => sent };
}

describe('readBodyText with the ?notification limit', () => {
  it('reads a body of exactly 1 MiB', async () => {
    expect((await readConfigBody(chunks(MiB).stream)).length).toBe(MiB);
  });

  it('rejects 1 MiB + 1 while streaming, without reading the whole body first', async () => {
    const big = chunks(64 * MiB);
    await expect(readConfigBody(big.stream)).rejects.toMatchObject({ code: 'MaxMessageLengthExceeded', status: 400 });
    expect(big.pulled()).toBeLessThan(2 * MiB);
    expect(big.stream.destroyed).toBe(false);
    await expect(readConfigBody(chunks(MiB + 1).stream)).rejects.toMatchObject({ code: 'MaxMessageLengthExceeded' });
  });

  it('rejects up front when the declared length is over 1 MiB', async () => {
    const big = chunks(2 * MiB);
    await expect(readConfigBody(big.stream, 2 * MiB)).rejects.toMatchObject({ code: 'MaxMessageLengthExceeded' });
    expect(big.pulled()).toBe(0);
  });
});
