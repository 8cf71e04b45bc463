// THE contract between renderer and main: method names 'noun.verb' → (input) => Promise<output>, the list of
// names, the live-event map and the IPC channel names. Each noun's types and methods live in contract/<noun>.ts;
// this file joins them. Shared by preload, shell, HTTP API and renderer; imports nothing outside src-shared/.

export * from './contract/common';
export * from './contract/errors';
export * from './contract/flavours';
export * from './contract/hook-auth';
export * from './contract/catalog';
export * from './contract/server';
export * from './contract/profiles';
export * from './contract/buckets';
export * from './contract/objects';
export * from './contract/hooks';
export * from './contract/deliveries';
export * from './contract/inbox';
export * from './contract/listen';
export * from './contract/check';
export * from './contract/health';

import type { ApiResult, NameSet } from './contract/common';
import type { ServerMethods } from './contract/server';
import type { ProfilesMethods } from './contract/profiles';
import type { BucketsMethods } from './contract/buckets';
import type { ObjectsMethods } from './contract/objects';
import type { BackfillProgress, HooksMethods, ObjectChangeView } from './contract/hooks';
import type { AttemptEvent, DeliveriesMethods, DeliveryRow, ReplayProgress } from './contract/deliveries';
import type { InboxMethods } from './contract/inbox';
import type { ListenForwarded, ListenMethods, ListenNotice, ListenSession } from './contract/listen';
import type { CatalogMethods } from './contract/catalog';
import type { CheckCaseEvent, CheckMethods } from './contract/check';
import type { HealthMethods } from './contract/health';

/** Every method of the app API. */
export interface AppApiMethods extends ServerMethods, ProfilesMethods, BucketsMethods, ObjectsMethods, HooksMethods,
  DeliveriesMethods, InboxMethods, ListenMethods, CatalogMethods, CheckMethods, HealthMethods {}
export type ApiMethod = keyof AppApiMethods;
export type ApiInput<M extends ApiMethod> = Parameters<AppApiMethods[M]>[0];
export type ApiOutput<M extends ApiMethod> = Awaited<ReturnType<AppApiMethods[M]>>;


/** Every method of the contract, once. */
export const API_METHOD_SET: NameSet<ApiMethod> = {
  'server.status': true, 'server.rotateToken': true, 'settings.get': true, 'settings.update': true,
  'profiles.list': true, 'profiles.save': true, 'profiles.remove': true, 'profiles.test': true,
  'buckets.list': true, 'buckets.create': true, 'buckets.delete': true, 'buckets.stats': true,
  'objects.list': true, 'objects.head': true, 'objects.delete': true, 'objects.presign': true, 'objects.createFolder': true,
  'objects.createUpload': true, 'objects.completeUpload': true, 'objects.abortUpload': true,
  'hooks.list': true, 'hooks.upsert': true, 'hooks.delete': true, 'hooks.setState': true, 'hooks.sendTest': true,
  'hooks.exportXml': true, 'hooks.importXml': true, 'hooks.previewImport': true, 'hooks.previewApply': true, 'hooks.apply': true,
  'hooks.explain': true, 'hooks.backfill': true, 'hooks.cancelBackfill': true, 'hooks.check': true, 'hooks.lastCheck': true,
  'hooks.stats': true, 'hooks.timeline': true, 'hooks.lint': true, 'deliveries.histogram': true,
  'deliveries.list': true, 'deliveries.count': true, 'deliveries.get': true, 'deliveries.replay': true, 'deliveries.replayAll': true,
  'deliveries.cancelReplay': true,
  'inbox.list': true, 'inbox.captures': true, 'inbox.setFailure': true, 'inbox.url': true, 'inbox.usage': true,
  'inbox.delete': true, 'listen.start': true, 'listen.stop': true, 'listen.renew': true, 'listen.list': true,
  'catalog.list': true,
};

/** Every method name, in one list (IPC registration, HTTP routing, the renderer client). */
export const API_METHODS = Object.keys(API_METHOD_SET) as readonly ApiMethod[];

/** Live events pushed from main to the renderer. */
export interface ApiEvents {
  /** A delivery was created or finished (delivered, failed). */
  'deliveries.changed': DeliveryRow;
  'deliveries.attempted': AttemptEvent;
  'deliveries.replayProgress': ReplayProgress;
  /** A bucket's hooks changed (added, removed, state). */
  'hooks.changed': { bucket: string };
  /** An object change committed on this computer (the live view and `buckethooks watch`). */
  'objects.changed': ObjectChangeView;
  'hooks.backfillProgress': BackfillProgress;
  /** `listen` forwarded one event to the local receiver. */
  'listen.forwarded': ListenForwarded;
  /** `listen` answered a handshake, its tunnel's URL changed, or something failed. */
  'listen.notice': ListenNotice;
  /** A listen session started, changed (new public URL) or stopped. */
  'listen.changed': ListenSession;
  /** A case of a receiver check (`hooks.check`) finished. */
  'hooks.checkCase': CheckCaseEvent;
}
export type ApiEventName = keyof ApiEvents;
/** Every live event of the contract, once. */
export const API_EVENT_SET: NameSet<ApiEventName> = {
  'deliveries.changed': true, 'deliveries.attempted': true, 'deliveries.replayProgress': true, 'hooks.changed': true,
  'objects.changed': true, 'hooks.backfillProgress': true, 'listen.forwarded': true, 'listen.notice': true, 'listen.changed': true,
  'hooks.checkCase': true,
};
export const API_EVENTS = Object.keys(API_EVENT_SET) as readonly ApiEventName[];
/** One event as a discriminated union. */
export type ApiEventMessage = { [E in ApiEventName]: { name: E; payload: ApiEvents[E] } }[ApiEventName];

/** The API object main implements: every method plus a live-event subscription. */
export type AppApi = AppApiMethods & {
  /** Receive every live event; returns the unsubscribe function. */
  subscribe(listener: (event: ApiEventMessage) => void): () => void;
};

/** IPC channel of a method (`api:objects.list`) and of a live event (`api-event:deliveries.changed`). */
export const IPC_METHOD_PREFIX = 'api:';
export const IPC_EVENT_PREFIX = 'api-event:';

/** What the preload exposes as `window.bucketHooks`. */
export interface BucketHooksBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(name: string, cb: (payload: unknown) => void): () => void;
}

/** True when `name` is a method of the contract. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHOD_SET, name);
}
/** True when `name` is a live event of the contract. */
export function isApiEvent(name: string): name is ApiEventName {
  return Object.hasOwn(API_EVENT_SET, name);
}
