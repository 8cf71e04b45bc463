// The contract of the receiver check ("Check receiver…", `buckethooks check`, `checkReceiver`): what one case sent and
// got back, its verdict, the whole report, and the app API's hooks.check / hooks.lastCheck. Types only.

/** A case's verdict. */
export type CheckOutcome = 'pass' | 'fail' | 'skip';

/** One request the check sent. */
export interface CheckRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** What it is, in a few words (`s3:ObjectRemoved:Delete of "check/delete.txt", no size or ETag`). */
  summary: string;
}

/** What came back for one request: a status and body, or the network error. */
export interface CheckAnswer {
  status: number | null;
  headers: Record<string, string> | null;
  /** The first 64 KiB of the answer's body. */
  body: string | null;
  /** `timeout`, `refused`, … with a message; null when an HTTP answer came. */
  error: string | null;
  durationMs: number;
}

/** One request and its answer. */
export interface CheckExchange { request: CheckRequest; answer: CheckAnswer }

/** The result of one case. */
export interface CheckCaseResult {
  /** Stable name (`signature.stale`), what `--only` selects. */
  name: string;
  /** What a receiver should do and why, in one line. */
  should: string;
  outcome: CheckOutcome;
  /** For a failure: what was wrong; for a skip: why; for a pass: what was seen. */
  message: string;
  /** Every request of the case with its answer (the battery's order). */
  exchanges: CheckExchange[];
  durationMs: number;
}

/** The whole battery's result. */
export interface CheckReport {
  url: string;
  flavour: string;
  /** ms epoch. */
  startedAt: number;
  durationMs: number;
  passed: number;
  failed: number;
  skipped: number;
  cases: CheckCaseResult[];
}

/** How to run the battery. */
export interface CheckOptions {
  /** Payload flavour (default `vk`). */
  flavour?: string;
  /** The hook's signing secret; without it the signature cases are skipped and deliveries go unsigned. */
  secret?: string;
  /** Extra headers on every request (the hook's custom headers, auth). */
  headers?: Record<string, string>;
  /** Case names or groups (`signature`, `key.unicode`); default: every case. */
  only?: string[];
  /** How long to wait for an answer, in ms (the hook timeout; default 10,000). */
  timeoutMs?: number;
  /** An answer slower than this fails the timing case, in ms (default 2,000). */
  slowMs?: number;
  /** Called with each case's result as it finishes (live progress). */
  onCase?: (result: CheckCaseResult) => void;
  /** Stops the battery: the cases not run yet are skipped. */
  signal?: AbortSignal;
}

/** `hooks.check`: a saved hook (`id`) and/or the dialog's values (given fields win over the saved hook's). */
export interface HookCheckInput {
  /** Chosen by the caller; the live `hooks.checkCase` events of this run carry it. */
  runId: string;
  bucket: string;
  /** A saved hook of this computer: its URL, flavour, secret and timeout are used unless given; its last report is kept. */
  id?: string;
  url?: string;
  flavour?: string;
  /** A secret typed in the dialog; absent or empty: the saved hook's. */
  secret?: string;
  only?: string[];
  profile?: string;
}

/** One case finished (live progress of `hooks.check`). */
export interface CheckCaseEvent { runId: string; bucket: string; id: string | null; result: CheckCaseResult }

/** The receiver check's methods. */
export interface CheckMethods {
  /** Run the battery against a hook's receiver; resolves with the report, each case also sent live as `hooks.checkCase`. */
  'hooks.check': (input: HookCheckInput) => Promise<CheckReport>;
  /** The hook's last report in this run of the app, or null. */
  'hooks.lastCheck': (input: { bucket: string; id: string; profile?: string }) => Promise<CheckReport | null>;
}
