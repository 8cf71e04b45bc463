// Input validation at the API boundary: the renderer is untrusted, so every field is checked here
// before a service sees it. Small readers that throw AppError('InvalidInput') naming the field.
import { AppError } from '../kernel/app-error';

/** A plain object input (anything else is rejected). */
export type Input = Record<string, unknown>;

function fail(field: string, why: string): never {
  throw new AppError('InvalidInput', `${field}: ${why}`);
}

/** The input as an object; `undefined`/`null` become `{}`. */
export function asInput(value: unknown): Input {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail('input', 'must be an object');
  return value as Input;
}

/** A UTF-16 surrogate without its pair: not text, and it would reach S3 and SQLite as U+FFFD, another name. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** True when `v` holds what an XML 1.0 document cannot carry as text: C0 controls but tab and LF (CR is normalised away), U+FFFE/FFFF. */
function hasNonXmlText(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0xfffe || c === 0xffff) return true;
  }
  return false;
}

/** A required string of at most `max` characters (`min` 1 unless given), valid Unicode. */
export function str(input: Input, field: string, max = 1024, min = 1): string {
  const v = input[field];
  if (typeof v !== 'string') fail(field, 'must be a string');
  if (v.length < min) fail(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  if (v.length > max) fail(field, `must be at most ${max} characters`);
  if (LONE_SURROGATE.test(v)) fail(field, 'must be valid Unicode text');
  return v;
}

/** A string that goes into the notification XML as is: no control characters but tab and newline. */
export function xmlText(input: Input, field: string, max = 1024, min = 1): string {
  const v = str(input, field, max, min);
  if (hasNonXmlText(v)) fail(field, 'must not contain control characters (it is kept in the notification XML)');
  return v;
}

/** An optional xmlText (absent, null → undefined). */
export function optXmlText(input: Input, field: string, max = 1024): string | undefined {
  const v = input[field];
  return v === undefined || v === null ? undefined : xmlText(input, field, max, 0);
}

/** An optional string (absent, null → undefined). */
export function optStr(input: Input, field: string, max = 1024): string | undefined {
  const v = input[field];
  return v === undefined || v === null ? undefined : str(input, field, max, 0);
}

/** A required integer within [min, max]. */
export function int(input: Input, field: string, min: number, max: number): number {
  const v = input[field];
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(field, 'must be an integer');
  if (v < min || v > max) fail(field, `must be between ${min} and ${max}`);
  return v;
}

/** An optional integer within [min, max]. */
export function optInt(input: Input, field: string, min: number, max: number): number | undefined {
  return input[field] === undefined || input[field] === null ? undefined : int(input, field, min, max);
}

/** An optional boolean. */
export function optBool(input: Input, field: string): boolean | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') fail(field, 'must be true or false');
  return v;
}

/** One of the allowed string values. */
export function oneOf<T extends string>(input: Input, field: string, allowed: readonly T[]): T {
  const v = input[field];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(field, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

/** An optional choice. */
export function optOneOf<T extends string>(input: Input, field: string, allowed: readonly T[]): T | undefined {
  return input[field] === undefined || input[field] === null ? undefined : oneOf(input, field, allowed);
}

/** A required array of strings (1..maxItems items, each at most `max` characters). */
export function strList(input: Input, field: string, maxItems: number, max = 1024): string[] {
  const v = input[field];
  if (!Array.isArray(v) || v.length === 0) fail(field, 'must be a non-empty list');
  if (v.length > maxItems) fail(field, `must have at most ${maxItems} items`);
  return v.map((item: unknown, i) => {
    if (typeof item !== 'string' || item.length === 0 || item.length > max) fail(`${field}[${i}]`, `must be a non-empty string of at most ${max} characters`);
    if (LONE_SURROGATE.test(item)) fail(`${field}[${i}]`, 'must be valid Unicode text');
    return item;
  });
}

/** An optional list of non-negative integers (retry schedules), at most `maxItems`; null kept. */
export function optIntList(input: Input, field: string, maxItems: number, maxValue: number): number[] | null | undefined {
  const v = input[field];
  if (v === undefined || v === null) return v as null | undefined;
  if (!Array.isArray(v) || v.length > maxItems) fail(field, `must be a list of at most ${maxItems} numbers`);
  return v.map((n) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > maxValue) fail(field, `values must be integers 0–${maxValue}`);
    return n;
  });
}

/** A nested object field. */
export function obj(input: Input, field: string): Input {
  const v = input[field];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(field, 'must be an object');
  return v as Input;
}
