// The contract of the event catalog: per payload flavour, each event type with the request BucketHooks sends for it
// (headers and body, built by the code that delivers) and a JSON Schema of the body, plus hard keys as each flavour
// writes them.
import type { PayloadFlavour } from './flavours';

/** One event type of a flavour: the sample request and the schema of its body. */
export interface CatalogEvent {
  /** The S3 event name that fires it. */
  event: string;
  headers: Record<string, string>;
  body: string;
  /** JSON Schema (draft 2020-12) of the body, derived from the sample's structure. */
  schema: Record<string, unknown>;
}

/** A key that trips receivers, raw and as the flavour writes it in bodies. */
export interface CatalogKey { raw: string; encoded: string }

/** One flavour of the catalog. */
export interface CatalogFlavour { flavour: PayloadFlavour; description: string; events: CatalogEvent[]; hardKeys: CatalogKey[] }

/** The catalog methods of the app API. */
export interface CatalogMethods {
  /** The catalog: every flavour, or the one asked for. */
  'catalog.list': (input: { flavour?: PayloadFlavour }) => Promise<CatalogFlavour[]>;
}
