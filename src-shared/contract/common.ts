// Shapes every noun of the contract shares: the transport result, empty values, profile and bucket references,
// and the name-set type that keeps method and event lists complete.

/** Error shape crossing the IPC/HTTP boundary (an AppError's code and message). */
export interface ApiError { code: string; message: string }
/** What a transport carries back for one call. */
export type ApiResult<T> = { ok: true; result: T } | { ok: false; error: ApiError };
/** An empty input or output. */
export type Empty = Record<string, never>;

/** Names the connection profile a bucket, object or hook call works on; absent = "This computer". */
export interface OnProfile { profile?: string }
/** A bucket on a profile. */
export interface BucketRef { profile?: string; bucket: string }

/**
 * A set of names written as an object with one `true` per name: typed `NameSet<K>`, it must name every member of
 * `K` and nothing else, so a name added to the contract but not to its list fails the type-check.
 */
export type NameSet<K extends string> = { readonly [N in K]: true };
