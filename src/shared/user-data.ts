// Free-form user data that crosses the contract (scan `md`, metadata values, settings layouts): the keys, depth
// and size it may have. JavaScript objects look names up along their prototype, so a key such as "__proto__" or
// "constructor" reaches Object.prototype; deep nesting overflows the stack of every recursive consumer
// (JSON.stringify, the NeXus writer, the catalog). One walk that is not itself recursive checks all three, and
// the accepted value is copied into null-prototype objects, so no later lookup by a user key reaches a prototype.
import { z } from 'zod';

/** Keys refused anywhere in user data: they name prototypes, not data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** The deepest nesting of objects and lists in one value (the value itself is depth 0). */
export const MAX_DEPTH = 32;
/** The largest metadata value or scan `md`, in bytes of JSON. */
export const MAX_VALUE_BYTES = 64 * 1024;
/** The largest free-form settings section (the Scan panel's last set-up, panel layouts), in bytes of JSON. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

/** The message for a forbidden key, used by every schema that takes user-chosen names. */
export function forbiddenKeyMessage(key: string): string {
  return `"${key}" cannot be used as a name (it is reserved by JavaScript); choose another name`;
}

/** A schema refinement for a user-chosen name (metadata category or key, md keys in a search). */
export function notForbidden(key: string): boolean {
  return !FORBIDDEN_KEYS.has(key);
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function showPath(path: string): string {
  return path || 'the value';
}

function tooBig(maxBytes: number): string {
  return `the value is larger than ${Math.round(maxBytes / 1024)} kB of JSON; keep it under ${Math.round(maxBytes / 1024)} kB (store big data in files)`;
}

/**
 * Why a value cannot be stored as user data, or undefined when it can. Checks every key against FORBIDDEN_KEYS,
 * the nesting against MAX_DEPTH and the JSON size (estimated while walking, stopping as soon as it is over)
 * against maxBytes. Only JSON values are accepted: plain objects, lists, strings, numbers, booleans and null.
 */
export function userValueProblem(value: unknown, maxBytes: number | undefined = MAX_VALUE_BYTES): string | undefined {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  let bytes = 0;
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || v === undefined || typeof v === 'boolean') {
      bytes += 5;
    } else if (typeof v === 'number') {
      bytes += 24;
    } else if (typeof v === 'string') {
      bytes += v.length + 2;
    } else if (typeof v === 'object') {
      if (depth >= MAX_DEPTH) return `${showPath(path)} is nested more than ${MAX_DEPTH} levels deep; flatten it (at most ${MAX_DEPTH} levels of objects and lists)`;
      if (seen.has(v)) return `${showPath(path)} refers to itself; give plain JSON`;
      seen.add(v);
      if (Array.isArray(v)) {
        bytes += 2 + v.length;
        if (maxBytes !== undefined && bytes > maxBytes) return tooBig(maxBytes);
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
      } else if (isPlainObject(v)) {
        bytes += 2;
        // Own keys, including a "__proto__" that JSON.parse makes an own property.
        for (const key of Object.keys(v)) {
          if (FORBIDDEN_KEYS.has(key)) return `${showPath(path)}: ${forbiddenKeyMessage(key)}`;
          bytes += key.length + 4;
          stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1, path: path ? `${path}.${key}` : key });
          if (maxBytes !== undefined && bytes > maxBytes) break;
        }
      } else {
        return `${showPath(path)} is not plain JSON (objects, lists, text, numbers, true/false, null)`;
      }
    } else {
      return `${showPath(path)} is not plain JSON (objects, lists, text, numbers, true/false, null)`;
    }
    if (maxBytes !== undefined && bytes > maxBytes) return tooBig(maxBytes);
  }
  return undefined;
}

/** A copy of a checked value in which every object has a null prototype (user keys never reach a prototype). */
export function nullProtoCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => nullProtoCopy(v)) as T;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    out[key] = nullProtoCopy((value as Record<string, unknown>)[key]);
  }
  return out as T;
}

/** Any JSON value within the limits, copied into null-prototype objects. */
export function userValue(maxBytes: number | undefined = MAX_VALUE_BYTES) {
  return z.unknown().transform((v, ctx) => {
    const problem = userValueProblem(v, maxBytes);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return nullProtoCopy(v);
  });
}

/** A JSON object (string keys) within the limits, copied into null-prototype objects. */
export function userRecord(maxBytes: number | undefined = MAX_VALUE_BYTES) {
  // z.custom, not z.record: a record parse would copy a "__proto__" key by assignment before any check runs.
  return z.custom<Record<string, unknown>>().transform((v, ctx): Record<string, unknown> => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON object, e.g. {"sample": {"name": "Si"}}' });
      return z.NEVER;
    }
    const problem = userValueProblem(v, maxBytes);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return nullProtoCopy(v as Record<string, unknown>);
  });
}
