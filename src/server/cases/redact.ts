// Free text (what happened, reasons, guidance, notes, preferred times) is stored as written, except phone and
// resident ID numbers, which are masked on the way in: contact numbers belong in the encrypted fields, never in
// plaintext text. People type numbers every which way — `138 1234 5678`, `138-1234-5678`, `+86 138…`,
// full-width digits, an ID in groups or with a wrong check digit — so the text is matched in a normalised
// form (full-width digits and plus folded to ASCII, spaces and hyphens between digits ignored).
import { maskMobile, maskResidentId } from '../../domain/personal/mask';

/** Full-width digits, plus and X → ASCII, one character for one (so positions in the folded text are positions in the original). */
function foldWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0B\uFF38\uFF58]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

// A separator people put between digit groups: spaces (incl. full-width), hyphens, dashes, dots.
const SEP = '[\\s\\u3000\\-\\u2010-\\u2015.]?';
const digitsWithSeps = (n: number) => Array.from({ length: n }, () => '\\d').join(SEP);

/** 18-character resident IDs (check digit right or wrong), optionally in groups. */
const ID_LIKE = new RegExp(`(?<![0-9])[1-9]${SEP}${digitsWithSeps(16)}${SEP}[\\dXx](?![0-9])`, 'g');
/** Mainland mobiles, with or without +86 / 0086 / 86, optionally in groups. */
const MOBILE_LIKE = new RegExp(`(?<![0-9+])(?:(?:\\+|00)?86${SEP})?1${SEP}[3-9]${SEP}${digitsWithSeps(9)}(?![0-9])`, 'g');

const onlyDigits = (s: string) => s.replace(/[^\dXx]/g, '').toUpperCase();

/** Replaces what `pattern` finds in the folded text, at the same places in `text`; the rest stays as written. */
function maskWhere(text: string, folded: string, pattern: RegExp, mask: (match: string) => string): { text: string; folded: string } {
  let out = '';
  let outFolded = '';
  let last = 0;
  for (const m of folded.matchAll(pattern)) {
    const at = m.index ?? 0;
    const masked = mask(m[0]);
    out += text.slice(last, at) + masked;
    outFolded += folded.slice(last, at) + masked;
    last = at + m[0].length;
  }
  return { text: out + text.slice(last), folded: outFolded + folded.slice(last) };
}

export function redactPersonalNumbers(text: string): string {
  const ids = maskWhere(text, foldWidth(text), ID_LIKE, (m) => maskResidentId(onlyDigits(m)));
  return maskWhere(ids.text, ids.folded, MOBILE_LIKE, (m) => maskMobile(onlyDigits(m).replace(/^(0086|86)(?=1\d{10}$)/, ''))).text;
}
