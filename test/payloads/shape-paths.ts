// Test helper: the structure of a JSON value as field paths and their JSON types, to compare a payload with a
// published sample (array elements are read through their first element).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every field path of `value` with its JSON type ('object', 'array', 'string', 'number', 'boolean', 'null'). */
export function shapePaths(value: unknown, prefix = '$', out = new Map<string, string>()): Map<string, string> {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  out.set(prefix, type);
  if (Array.isArray(value) && value.length > 0) shapePaths(value[0], `${prefix}[]`, out);
  else if (type === 'object') for (const [k, v] of Object.entries(value as object)) shapePaths(v, `${prefix}.${k}`, out);
  return out;
}

/** The sample's paths the payload lacks or types differently, as readable lines (empty: same structure). */
export function missingFrom(payload: unknown, sample: unknown): string[] {
  const ours = shapePaths(payload);
  return [...shapePaths(sample)].filter(([path, type]) => ours.get(path) !== type)
    .map(([path, type]) => `${path}: sample ${type}, sent ${ours.get(path) ?? 'nothing'}`);
}

/** A published sample from test/fixtures (parsed). */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8'));
}
