// The contract of connection profiles: "This computer" and remote S3 services, their presets and connection tests.

import type { Empty } from './common';

/** The id of the built-in "This computer" connection profile (always present, the default). */
export const LOCAL_PROFILE = 'local';
/** A connection profile as the renderer sees it: never the secret key, only whether one is saved. */
export interface ProfileView {
  name: string; endpoint: string; region: string; accessKey: string; pathStyle: boolean; verifyTls: boolean;
  /** True for "This computer" (not editable). */
  builtIn: boolean;
  hasSecret: boolean;
}
/** Add or edit a remote profile; `secretKey` omitted on edit keeps the saved one; `originalName` renames. */
export interface ProfileInput {
  name: string; endpoint: string; region: string; accessKey: string; secretKey?: string;
  pathStyle: boolean; verifyTls: boolean; originalName?: string;
}
/** What "Test connection" found: buckets listed, or the one reason it failed. */
export type ConnectionFailure = 'auth' | 'tls' | 'dns' | 'timeout' | 'refused' | 'not-s3' | 'error';
export type ConnectionOutcome =
  | { ok: true; bucketCount: number; message: string }
  | { ok: false; kind: ConnectionFailure; code: string; message: string };
/** Presets of the profile form: endpoint and region filled in (AWS: region chosen, endpoint from it). */
export const PROFILE_PRESETS = [
  { id: 'vk-msk', label: 'VK Cloud Moscow', endpoint: 'https://hb.ru-msk.vkcloud-storage.ru', region: 'ru-msk', pathStyle: false },
  { id: 'vk-kz', label: 'VK Cloud Kazakhstan', endpoint: 'https://hb.kz-ast.vkcloud-storage.ru', region: 'kz-ast', pathStyle: false },
  { id: 'aws', label: 'AWS S3', endpoint: 'https://s3.{region}.amazonaws.com', region: 'us-east-1', pathStyle: false },
  { id: 'custom', label: 'MinIO / custom', endpoint: '', region: 'us-east-1', pathStyle: true },
] as const;

/** The profiles methods of the app API. */
export interface ProfilesMethods {
  'profiles.list': (input: Empty) => Promise<ProfileView[]>;
  'profiles.save': (input: ProfileInput) => Promise<ProfileView>;
  'profiles.remove': (input: { name: string }) => Promise<Empty>;
  /** List buckets with a saved profile (`name`) or unsaved form values (`profile`); never throws for the remote's failures. */
  'profiles.test': (input: { name?: string; profile?: ProfileInput }) => Promise<ConnectionOutcome>;
}
