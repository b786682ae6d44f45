// Wire codec: what @cloudbase/database sends is EJSON (canonical mode) with two CloudBase extensions,
// `{ $tcb_server_date: { offset } }` for db.serverDate() and `$regularExpression` for db.RegExp().
import { BSONRegExp, EJSON } from 'bson';

export type Doc = Record<string, any>;

const SERVER_DATE = '$tcb_server_date';

/** Parse one EJSON string from the SDK; server dates become `Date`s at `nowMs`. */
export function decodeData(text: string | undefined | null, nowMs: number): any {
  if (text === undefined || text === null || text === '') return undefined;
  return resolveMarkers(EJSON.parse(text, { relaxed: true }), nowMs, false);
}

/** Like decodeData, but for query criteria: BSON regular expressions become native RegExps for mingo. */
export function decodeQuery(text: string | undefined | null, nowMs: number): Doc {
  const parsed = text === undefined || text === null || text === '' ? {} : EJSON.parse(text, { relaxed: true });
  return resolveMarkers(parsed, nowMs, true) ?? {};
}

/** Stage values of an aggregation are EJSON for objects and plain JSON for scalars; EJSON.parse reads both. */
export function decodeStage(text: string, nowMs: number): any {
  return resolveMarkers(EJSON.parse(text, { relaxed: true }), nowMs, true);
}

export function encodeDoc(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

/**
 * Reads a stored document (relaxed EJSON). Most documents hold only JSON values and dates, which a
 * JSON.parse plus a `$date` pass reads several times faster than EJSON.parse; anything else goes to EJSON.
 */
export function decodeStored(body: string): Doc {
  const doc = JSON.parse(body);
  if (!body.includes('"$')) return doc;
  const state = { other: false };
  const out = reviveDates(doc, state);
  return state.other ? EJSON.parse(body, { relaxed: true }) : out;
}

function reviveDates(value: any, state: { other: boolean }): any {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveDates(value[i], state);
    return value;
  }
  for (const k in value) {
    if (k.charCodeAt(0) === 36 /* $ */) {
      if (k === '$date' && typeof value.$date === 'string' && Object.keys(value).length === 1) {
        return new Date(value.$date);
      }
      state.other = true;
      return value;
    }
    value[k] = reviveDates(value[k], state);
  }
  return value;
}

function resolveMarkers(value: any, nowMs: number, nativeRegExp: boolean): any {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value instanceof BSONRegExp) return nativeRegExp ? toNativeRegExp(value) : value;
  if (Array.isArray(value)) return value.map((v) => resolveMarkers(v, nowMs, nativeRegExp));
  if (!isPlainObject(value)) return value; // other BSON values (ObjectId, …)
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === SERVER_DATE) {
    const offset = Number(value[SERVER_DATE]?.offset ?? 0) || 0;
    return new Date(nowMs + offset);
  }
  const out: Doc = {};
  for (const k of keys) out[k] = resolveMarkers(value[k], nowMs, nativeRegExp);
  return out;
}

function toNativeRegExp(re: BSONRegExp): RegExp {
  // MongoDB options i, m, s, x, u; JavaScript has no `x`, so it is dropped.
  const flags = Array.from(new Set(re.options.split('').filter((f) => 'imsu'.includes(f)))).join('');
  return new RegExp(re.pattern, flags);
}

/** Deep copy of plain data; Dates are copied, other class instances (BSON values) are immutable and shared. */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as any;
  if (Array.isArray(value)) return value.map(clone) as any;
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const k of Object.keys(value as Doc)) out[k] = clone((value as Doc)[k]);
  return out as T;
}

/** Plain object test that also holds across vm contexts (jest runs modules in one). */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || proto.constructor?.name === 'Object';
}
