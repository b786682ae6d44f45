// Free text (what happened, reasons, guidance, notes, preferred times) is stored as written, except phone and
// resident ID numbers, which are masked on the way in: contact numbers belong in the encrypted fields, never in
// plaintext text. People type numbers every which way — `138 1234 5678`, `138-1234-5678`, `+86 138…`,
// full-width digits, an ID in groups or with a wrong check digit — so the text is matched in a normalised
// form (full-width digits and plus folded to ASCII, spaces and hyphens between digits ignored).
import { maskMobile, maskResidentId } from '../../domain/personal/mask';

/** Full-width digits and plus → ASCII (NFKC would also fold Chinese punctuation, which must stay). */
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

export function redactPersonalNumbers(text: string): string {
  return foldWidth(text)
    .replace(ID_LIKE, (m) => maskResidentId(onlyDigits(m)))
    .replace(MOBILE_LIKE, (m) => maskMobile(onlyDigits(m).replace(/^(0086|86)(?=1\d{10}$)/, '')));
}
