// Receipt codes: what a teller keeps to read back and withdraw their story. Made the same way in
// the server and in the resident's browser (which chooses one, so a story sent twice is known as
// one: server/routes/public/story-form.ts). Only their hash is stored (db/repositories/stories/receipts.ts).

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // 32 symbols: no 0/O, no 1/I
const LENGTH = 12; // 12 × 5 bits = 60 bits

/** Secure random bytes drawn a hundred codes at a time: one call to the random source, not one per code. */
const pool = new Uint8Array(LENGTH * 100);
let used = pool.length;

/** A new receipt code like K7QF-2MZP-9XRA, from the platform's secure random source. */
export function newReceiptCode(): string {
  if (used === pool.length) {
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += (i && i % 4 === 0 ? '-' : '') + ALPHABET[pool[used++]! & 31];
  return code;
}

/** A receipt code as typed (any case, with or without dashes and spaces) in its plain form, or null if it cannot be one. */
export function plainReceiptCode(code: string): string | null {
  const clean = code.toUpperCase().replace(/[\s-]/g, '');
  return clean.length === LENGTH && [...clean].every((ch) => ALPHABET.includes(ch)) ? clean : null;
}
