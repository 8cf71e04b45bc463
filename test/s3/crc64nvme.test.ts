// CRC-64/NVME against its published check value ("123456789" → ae8b14860a799888), a value S3 gives for 1 KiB of
// 'A', and the same result whatever the input's chunking.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Crc64Nvme } from '../../src-main/core/storage/crc64nvme';

function crcOf(...pieces: Buffer[]): Buffer {
  const c = new Crc64Nvme();
  for (const p of pieces) c.update(p);
  return c.digest();
}

describe('Crc64Nvme', () => {
  it('gives the CRC-64/NVME check value and S3 values', () => {
    expect(crcOf(Buffer.from('123456789')).toString('hex')).toBe('ae8b14860a799888');
    expect(crcOf(Buffer.alloc(1024, 'A')).toString('base64')).toBe('Qeh8oXvGiSo=');
    expect(crcOf(Buffer.alloc(0)).toString('hex')).toBe('0000000000000000');
  });

  it('is the same whatever the chunking', () => {
    const data = randomBytes(97);
    const whole = crcOf(data).toString('hex');
    expect(whole).not.toBe(crcOf(data.subarray(1)).toString('hex'));
    for (let cut = 0; cut <= data.length; cut++) expect(crcOf(data.subarray(0, cut), data.subarray(cut)).toString('hex')).toBe(whole);
  });
});
