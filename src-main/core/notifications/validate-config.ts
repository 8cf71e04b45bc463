// Validates raw hooks into hook specs with the S3 errors of SPEC §3 (events, targets, filters,
// duplicate Ids, overlapping rules, limits). Pure: no I/O; generated Ids come from the caller.
import { randomUUID } from 'node:crypto';
import { overlapEvent } from '../../../src-shared/hook-overlap';
import { invalidArgument } from './errors';
import type { RawHook } from './parse-config';
import { suggestEvent } from './lint-config';
import {
  DIALECT_ELEMENTS, MAX_HOOKS, MAX_URL_LENGTH, SUPPORTED_EVENTS, filterOf, ruleKind,
  type FilterRule, type HookSpec,
} from './types';

const OVERLAP_MESSAGE = 'Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules '
  + 'if the prefixes are overlapping for the same event type.';

/** An Id as AWS generates it for a configuration without one: base64 of a random UUID. */
export function generateHookId(): string {
  return Buffer.from(randomUUID()).toString('base64').replace(/=+$/, '');
}

function checkEvents(hook: RawHook): void {
  if (hook.events.length === 0) throw invalidArgument('At least one Event must be specified', 'Event', '');
  for (const event of hook.events) {
    if (!SUPPORTED_EVENTS.includes(event)) {
      const meant = suggestEvent(event);
      throw invalidArgument(`The event is not supported for notifications${meant ? ` (did you mean ${meant}?)` : ''}`, 'Event', event);
    }
  }
}

/** Check a hook target: present, an http(s) URL, at most 2048 characters. */
export function checkTarget(hook: Pick<RawHook, 'dialect' | 'target'>): string {
  const name = DIALECT_ELEMENTS[hook.dialect].target;
  const target = hook.target ?? '';
  if (target === '') throw invalidArgument(`${name} must be specified`, name, '');
  if (!/^https?:\/\//i.test(target)) {
    if (hook.dialect !== 'vk') {
      // compat: only http(s) targets; AWS would check SNS/SQS/Lambda permissions here.
      throw invalidArgument('Unable to validate the following destination configurations', target,
        'BucketHooks delivers only to http:// or https:// URLs');
    }
    throw invalidArgument('The Url must be an absolute http:// or https:// URL', name, target);
  }
  if (target.length > MAX_URL_LENGTH) {
    throw invalidArgument(`The ${name} must not be longer than ${MAX_URL_LENGTH} characters`, name, target.slice(0, 64) + '…');
  }
  let parsed: URL;
  try { parsed = new URL(target); } catch {
    throw invalidArgument(`The ${name} is not a valid URL`, name, target);
  }
  if (!parsed.hostname) throw invalidArgument(`The ${name} has no host`, name, target);
  return target;
}

/** Check filter rules: names prefix/suffix (any case), one of each, non-empty values. */
export function checkRules(rules: readonly FilterRule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    const kind = ruleKind(rule.name);
    if (!kind) throw invalidArgument('filter rule name must be either prefix or suffix', 'FilterRule.Name', rule.name);
    if (seen.has(kind)) throw invalidArgument(`Cannot specify more than one ${kind} rule in a filter.`, 'FilterRule.Name', rule.name);
    seen.add(kind);
    if (rule.value === '') throw invalidArgument(`The ${kind} rule value must not be empty`, 'FilterRule.Value', '');
  }
}

/** The event two hooks could both fire for (on some key), or undefined when their rules never overlap. */
export function overlapping(a: HookSpec, b: HookSpec): string | undefined {
  return overlapEvent({ events: a.events, ...filterOf(a.rules) }, { events: b.events, ...filterOf(b.rules) });
}

/**
 * Validate a whole configuration (SPEC §3). Hooks without an Id get one from `newId`.
 * @throws ConfigError InvalidArgument naming the offending argument.
 */
export function validateConfig(raw: readonly RawHook[], newId: () => string = generateHookId): HookSpec[] {
  if (raw.length > MAX_HOOKS) {
    throw invalidArgument(`A bucket may have at most ${MAX_HOOKS} notification configurations`, 'NotificationConfiguration', String(raw.length));
  }
  const specs: HookSpec[] = [];
  const ids = new Set<string>();
  for (const hook of raw) {
    checkEvents(hook);
    const url = checkTarget(hook);
    checkRules(hook.rules);
    if (hook.id !== undefined && hook.id.length > 255) throw invalidArgument('The Id must not be longer than 255 characters', 'Id', hook.id);
    const id = hook.id || newId();
    if (ids.has(id)) throw invalidArgument('Two notification configurations cannot have the same Id', 'Id', id);
    ids.add(id);
    specs.push({ id, dialect: hook.dialect, url, events: [...hook.events], rules: hook.rules.map((r) => ({ ...r })) });
  }
  for (let i = 0; i < specs.length; i++) {
    for (let j = i + 1; j < specs.length; j++) {
      const event = overlapping(specs[i], specs[j]);
      if (event) throw invalidArgument(OVERLAP_MESSAGE, 'Event', event);
    }
  }
  return specs;
}
