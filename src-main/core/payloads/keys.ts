// How keys and sequencers are written in event records: S3's form URL-encoding and AWS's hex sequencer. Pure.

/** Form-URL-encode a key as S3 does in event records: space → `+`, `/` kept, `!'()~` escaped. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/');
}

/** AWS's sequencer: upper-case hex, zero-padded to 16 characters. */
export function awsSequencer(sequencer: number): string {
  return sequencer.toString(16).toUpperCase().padStart(16, '0');
}
