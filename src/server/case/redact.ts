// Free text (what happened, reasons, guidance) is stored as written, except phone and resident ID numbers,
// which are masked on the way in: contact numbers belong in the encrypted fields, never in plaintext text.
import { maskMobile, maskResidentId } from '../../domain/personal/mask';
import { isValidResidentId } from '../../domain/personal/resident-id';

const ID_LIKE = /(?<![0-9])[1-9]\d{16}[\dXx](?![0-9])/g;
const MOBILE_LIKE = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;

export function redactPersonalNumbers(text: string): string {
  return text
    .replace(ID_LIKE, (m) => (isValidResidentId(m.toUpperCase()) ? maskResidentId(m.toUpperCase()) : m))
    .replace(MOBILE_LIKE, (m) => maskMobile(m));
}
