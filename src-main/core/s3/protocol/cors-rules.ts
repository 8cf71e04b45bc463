// CORS rule matching as S3 evaluates it: the first rule whose AllowedOrigin (at most one `*`), AllowedMethod
// and, for a preflight, AllowedHeader patterns cover the request wins. Pure functions over storage's rules.
// @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
import type { CorsRule } from '../../storage/types';

/** The methods a CORS rule may allow. */
export const CORS_METHODS: readonly string[] = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

/** `pattern`, with at most one `*` standing for any run of characters, matches `value` exactly. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === value;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
}

/** The header names of an Access-Control-Request-Headers value, lower-cased. */
export function requestedHeaders(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
}

/** What a cross-origin request asks for. */
export interface CorsAsk { origin: string; method: string; headers: readonly string[] }

/** The rule that allows `ask` and the AllowedOrigin pattern that matched, or undefined. */
export function matchRule(rules: readonly CorsRule[], ask: CorsAsk): { rule: CorsRule; allowedOrigin: string } | undefined {
  for (const rule of rules) {
    const allowedOrigin = rule.allowedOrigins.find((o) => wildcardMatch(o, ask.origin));
    if (allowedOrigin === undefined || !rule.allowedMethods.includes(ask.method)) continue;
    const patterns = rule.allowedHeaders.map((h) => h.toLowerCase());
    if (ask.headers.every((h) => patterns.some((p) => wildcardMatch(p, h)))) return { rule, allowedOrigin };
  }
  return undefined;
}
