// Fills a receiver starter file's placeholders with a hook's URL and secret. Pure, so the tests that run the
// receivers fill them exactly as the dialog does.

/** The literals every receiver file under examples/receivers defaults to, double quotes included. */
export const STARTER_PLACEHOLDERS = {
  url: '"http://127.0.0.1:8080/webhook"',
  secret: '"whsec_PASTE_THE_HOOK_SECRET"',
} as const;

/** What the dialog knows of the hook; empty strings leave the placeholder. */
export interface StarterValues { url: string; secret: string }

/**
 * Replace the placeholder string literals of `source` with `values`, written as JSON strings: a JSON string is
 * also a valid string literal in JavaScript, Python and Go, so any URL or secret stays one literal.
 */
export function fillStarter(source: string, values: StarterValues): string {
  let out = source;
  for (const field of ['url', 'secret'] as const) {
    if (values[field] !== '') out = out.split(STARTER_PLACEHOLDERS[field]).join(JSON.stringify(values[field]));
  }
  return out;
}
