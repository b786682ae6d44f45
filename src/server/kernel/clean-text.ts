// Every string a caller sends is cleaned before validation: characters nobody can see or type on purpose —
// control characters (NUL, escapes; line breaks and tabs stay), zero-width and joiner characters, bidi overrides
// that make text read differently from how it is stored, the BOM — are removed, so a name of two zero-width
// spaces is empty and refused by its schema like any empty name, and no stored text carries hidden content.
// A lone surrogate (half of a character, which WeChat never sends) makes the whole call invalid.

// C0 controls except \t \n \r, DEL and C1 controls; zero-width space/joiners, LRM/RLM, bidi embeddings,
// overrides and isolates, word joiner and invisible operators, BOM; interlinear annotation; tag characters.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type Cleaned = { ok: true; value: unknown } | { ok: false; path: string };

/** The value with every string cleaned (objects and arrays walked); or the path of a string that cannot be. */
export function cleanStrings(value: unknown, path = ''): Cleaned {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) return { ok: false, path };
    return { ok: true, value: value.replace(INVISIBLE, '') };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const r = cleanStrings(value[i], path ? `${path}.${i}` : String(i));
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = cleanStrings(v, path ? `${path}.${k}` : k);
      if (!r.ok) return r;
      out[k] = r.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}
