// The rules of joining parts at CompleteMultipartUpload: which stored part each listed entry names (ascending
// numbers; when a number repeats, its last entry wins), the checks (ETag, part checksums, minimum size), and the
// object's ETag and composite checksum made from the chosen parts. Pure functions over part rows.
import { createHash } from 'node:crypto';
import { CoreError } from '../kernel/core-error';
import { digester, type ChecksumAlgorithm, type Checksums } from './hashing';
import type { PartInfo, PartLayout } from './types';

/** Every part but the last must be at least this big. */
const MIN_PART = 5 * 1024 * 1024;

/** One part named in CompleteMultipartUpload: its number, its ETag as hex (no quotes) and any part checksums. */
export interface CompletePart { partNumber: number; etag: string; checksums?: Checksums }

/** The parts to join, in the order asked for: at least one. */
export type CompletePartList = readonly [CompletePart, ...CompletePart[]];

const invalidPart = (want: CompletePart) => new CoreError('InvalidPart',
  'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.',
  { PartNumber: String(want.partNumber), ETag: want.etag });

/** The listed entries that count: ascending part numbers, the last entry of a repeated number kept. */
function lastEntries(list: CompletePartList): CompletePart[] {
  const kept: CompletePart[] = [];
  for (const want of list) {
    const previous = kept[kept.length - 1];
    if (previous && want.partNumber < previous.partNumber) {
      throw new CoreError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
    }
    if (previous?.partNumber === want.partNumber) kept.pop();
    kept.push(want);
  }
  return kept;
}

/**
 * The stored parts the list names, checked: each must exist with the listed ETag and checksums (InvalidPart),
 * an upload with a COMPOSITE checksum needs each part's checksum listed (InvalidRequest), and every part but the
 * last must be 5 MiB or more (EntityTooSmall).
 */
export function chooseParts(list: CompletePartList, stored: ReadonlyMap<number, PartInfo>, composite?: ChecksumAlgorithm): PartInfo[] {
  const wanted = lastEntries(list);
  const chosen = wanted.map((want) => {
    const part = stored.get(want.partNumber);
    if (!part || part.etag !== want.etag.toLowerCase()) throw invalidPart(want);
    for (const [algorithm, value] of Object.entries(want.checksums ?? {}) as [ChecksumAlgorithm, string][]) {
      if (part.checksums[algorithm] !== value) throw invalidPart(want);
    }
    if (composite && want.checksums?.[composite] === undefined) {
      throw new CoreError('InvalidRequest', `The upload was created using a ${composite.toLowerCase()} checksum. The complete request `
        + `must include the checksum for each part. It was missing for part ${want.partNumber} in the request.`);
    }
    return part;
  });
  chosen.forEach((p, i) => {
    if (i < chosen.length - 1 && p.size < MIN_PART) {
      throw new CoreError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.',
        { ProposedSize: String(p.size), MinSizeAllowed: String(MIN_PART), PartNumber: String(p.partNumber), ETag: p.etag });
    }
  });
  return chosen;
}

/** The multipart ETag: MD5 of the parts' binary MD5s, then `-N`. */
export function multipartEtag(parts: readonly PartInfo[]): string {
  const md5 = createHash('md5');
  for (const p of parts) md5.update(Buffer.from(p.etag, 'hex'));
  return `${md5.digest('hex')}-${parts.length}`;
}

/**
 * The COMPOSITE checksum, as AWS makes it: the algorithm over the concatenated binary part checksums, base64,
 * then `-N`. Every part carries the upload's algorithm (UploadPart computes it).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export function compositeChecksum(algorithm: ChecksumAlgorithm, parts: readonly PartInfo[]): string {
  const d = digester(algorithm);
  for (const p of parts) d.update(Buffer.from(p.checksums[algorithm] ?? '', 'base64'));
  return `${d.digest().toString('base64')}-${parts.length}`;
}

/** The layout kept with a completed object: each part's size and checksums, in order. */
export function partLayout(parts: readonly PartInfo[]): PartLayout[] {
  return parts.map((p) => ({ size: p.size, checksums: p.checksums }));
}
