// STUB (to be replaced by the UI owner): THE contract between renderer and main. No imports.
export interface AppApiMethods {
  'server.status': (input: Record<string, never>) => Promise<{ endpoint: string; region: string; accessKey: string }>;
}
export type AppApi = { [M in keyof AppApiMethods]: AppApiMethods[M] };
