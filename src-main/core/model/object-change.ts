// The record of one committed object change, handed by storage to notifications inside the same
// SQLite transaction. Shared vocabulary between storage/ and notifications/; no behaviour here.

/** The S3 event names BucketHooks fires (SPEC §3, §4). */
export type S3EventName =
  | 's3:ObjectCreated:Put'
  | 's3:ObjectCreated:Post'
  | 's3:ObjectCreated:Copy'
  | 's3:ObjectCreated:CompleteMultipartUpload'
  | 's3:ObjectRemoved:Delete'
  | 's3:ObjectRemoved:DeleteMarkerCreated';

/** One object change, described with everything an event record needs. */
export interface ObjectChange {
  eventName: S3EventName;
  bucket: string;
  /** The raw key (not encoded). */
  key: string;
  /** Bytes; absent for removals. */
  size?: number;
  /** Hex ETag without quotes (may end in -N for multipart); absent for removals. */
  etag?: string;
  /** Version id on versioned buckets ('null' is never sent); absent otherwise. */
  versionId?: string;
  /** Grows with every change of the same key (a global change counter is fine). */
  sequencer: number;
  /** Milliseconds since the epoch. */
  time: number;
  requestId: string;
  hostId: string;
  sourceIp: string;
  /** Access key (principal) that made the request. */
  principalId: string;
}

/**
 * Called by storage inside the transaction that makes a change visible. It must write its rows
 * synchronously on the same connection; if it throws, the whole change rolls back.
 */
export type ObjectChangeListener = (change: ObjectChange) => void;
