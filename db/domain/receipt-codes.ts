// Receipt codes: what a teller keeps to read back and withdraw their story. Made the same way in
// the server and in the resident's browser (which chooses one, so a story sent twice is known as
// one: server/routes/public/story-form.ts). Only their hash is stored (db/repositories/stories/receipts.ts).

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // 32 symbols: no 0/O, no 1/I
const LENGTH = 12; // 12 × 5 bits = 60 bits

/** A new receipt code like K7QF-2MZP-9XRA, from the platform's secure random source. */
export function newReceiptCode(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(LENGTH));
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** A receipt code as typed (any case, with or without dashes and spaces) in its plain form, or null if it cannot be one. */
export function plainReceiptCode(code: string): string | null {
  const clean = code.toUpperCase().replace(/[\s-]/g, '');
  return clean.length === LENGTH && [...clean].every((ch) => ALPHABET.includes(ch)) ? clean : null;
}
