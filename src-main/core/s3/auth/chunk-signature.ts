// The chained signatures of STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) bodies: each chunk's signature
// covers the previous one, starting from the request's seed signature.
// @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
import { EMPTY_SHA256, hmacHex, sameSignature, sha256Hex } from './signing-key';

/** Verifies chunk and trailer signatures in order; each success advances the chain. */
export class ChunkSignatureChain {
  private previous: string;

  constructor(private readonly signingKey: Buffer, private readonly amzDate: string,
    private readonly scope: string, seedSignature: string) {
    this.previous = seedSignature;
  }

  /** Check the signature of a chunk whose data hashes to `chunkSha256Hex`. */
  verifyChunk(signature: string, chunkSha256Hex: string): boolean {
    const expected = hmacHex(this.signingKey,
      `AWS4-HMAC-SHA256-PAYLOAD\n${this.amzDate}\n${this.scope}\n${this.previous}\n${EMPTY_SHA256}\n${chunkSha256Hex}`);
    return this.advance(expected, signature);
  }

  /** Check the trailer signature over the canonical trailer lines (`name:value\n` each). */
  verifyTrailer(signature: string, canonicalTrailer: string): boolean {
    const expected = hmacHex(this.signingKey,
      `AWS4-HMAC-SHA256-TRAILER\n${this.amzDate}\n${this.scope}\n${this.previous}\n${sha256Hex(canonicalTrailer)}`);
    return this.advance(expected, signature);
  }

  private advance(expected: string, got: string): boolean {
    if (!sameSignature(expected, got)) return false;
    this.previous = expected;
    return true;
  }
}
