// Which connection profile an API call works on: the input's `profile` ("This computer" when absent), the S3
// client and error mapping for it, and a combinator that sends each method to its local or remote implementation.
import type { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_PROFILE } from '../../../src-shared/contract';
import type { Remotes } from '../remote/create-remotes';
import type { Connection } from '../remote/connection';
import { toRemoteAppError } from '../remote/remote-error';
import type { UploadRelay } from '../remote/upload-relay';
import { s3Call } from './s3-client';
import { asInput, optStr, type Input } from './validate';

/** An S3 client and the call wrapper that turns its failures into readable AppErrors. */
export interface S3Access {
  s3: S3Client;
  call<T>(fn: () => Promise<T>): Promise<T>;
  /** True for a remote profile. */
  remote: boolean;
  /** The endpoint's host (and port). */
  host: string;
  /** Remote profiles: a one-time URL on this computer that relays an upload to the service (upload-relay.ts). */
  relayUpload?: (target: { bucket: string; key: string; size: number; contentType?: string }) => string;
}

/** The profile named by an input ('local' when absent). */
export function profileOf(input: Input): string {
  return optStr(input, 'profile', 64) || LOCAL_PROFILE;
}

/** Resolves the S3 access of an input's profile. */
export type S3Resolver = (input: Input) => S3Access;

/** The local client for "This computer", an open connection of the remote profile otherwise. */
export function createS3Resolver(local: S3Client, localEndpoint: string, remotes: Remotes, uploads: UploadRelay): S3Resolver {
  const localAccess: S3Access = { s3: local, call: s3Call, remote: false, host: new URL(localEndpoint).host };
  return (input) => {
    const name = profileOf(input);
    if (name === LOCAL_PROFILE) return localAccess;
    const conn = remotes.connection(name);
    return { ...remoteAccess(conn), relayUpload: (target) => localEndpoint + uploads.register(conn, target) };
  };
}

/** S3 access over a remote connection: errors keep the service's code or name their kind (TLS, timeout, …). */
export function remoteAccess(conn: Connection): S3Access {
  const host = new URL(conn.profile.endpoint).host;
  return {
    s3: conn.s3, remote: true, host,
    async call(fn) {
      try { return await fn(); } catch (err) { throw toRemoteAppError(err, host); }
    },
  };
}

/** Methods that take their profile from the input: each goes to `local` or `remote` by the profile named. */
export function byProfile<M extends Record<string, (input: never) => Promise<unknown>>>(local: M, remote: M): M {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(local)) {
    out[name] = (raw) => {
      const impl = profileOf(asInput(raw)) === LOCAL_PROFILE ? local : remote;
      return (impl[name] as (input: unknown) => Promise<unknown>)(raw);
    };
  }
  return out as unknown as M;
}
