// Running checksums of the S3 flexible-checksum algorithms (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), base64 as
// S3 sends them in x-amz-checksum-* headers and trailers. Native where Node has it (zlib.crc32, crypto).
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Crc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '../../storage/crc64nvme';

/** A checksum fed piece by piece. */
export interface RunningChecksum {
  /** The header/trailer name it answers, e.g. `x-amz-checksum-crc32`. */
  readonly name: string;
  update(data: Buffer): void;
  /** Base64 of the digest. */
  digest(): string;
}

function uint32Base64(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
}

function hashChecksum(name: string, algorithm: string): RunningChecksum {
  const hash: Hash = createHash(algorithm);
  return { name, update: (d) => { hash.update(d); }, digest: () => hash.digest('base64') };
}

/** A running checksum for a header name like `x-amz-checksum-crc32c`; undefined when unsupported. */
export function createChecksum(name: string): RunningChecksum | undefined {
  switch (name) {
    case 'x-amz-checksum-crc32': {
      let value = 0;
      return { name, update: (d) => { value = crc32(d, value); }, digest: () => uint32Base64(value) };
    }
    case 'x-amz-checksum-crc32c': {
      const c = new Crc32c();
      return { name, update: (d) => { c.update(d); }, digest: () => uint32Base64(c.digest()) };
    }
    case 'x-amz-checksum-crc64nvme': {
      const c = new Crc64Nvme();
      return { name, update: (d) => { c.update(d); }, digest: () => c.digest().toString('base64') };
    }
    case 'x-amz-checksum-sha1': return hashChecksum(name, 'sha1');
    case 'x-amz-checksum-sha256': return hashChecksum(name, 'sha256');
    default: return undefined;
  }
}

/** The algorithm label AWS uses in BadDigest messages. */
export function checksumLabel(name: string): string {
  return name.replace('x-amz-checksum-', '').toUpperCase();
}
