/** The pseudo-locale's words, made from English: accented, 40 % longer, placeholders untouched. */

const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  y: 'ý',
  A: 'Å',
  E: 'É',
  I: 'Î',
  O: 'Ø',
  U: 'Ü',
  C: 'Ç',
  N: 'Ñ',
  Y: 'Ý',
};

export function pseudoText(english: string): string {
  // Keep {{placeholders}} and <0>tags</0> as they are; accent everything else.
  const pieces = english.split(/(\{\{[^}]+\}\}|<\/?\d+>)/);
  const accented = pieces
    .map((piece, i) =>
      i % 2 === 1 ? piece : piece.replace(/[a-zA-Z]/g, (ch) => ACCENTED[ch] ?? ch),
    )
    .join('');
  const letters = english.replace(/\{\{[^}]+\}\}/g, '').length;
  const padding = '~'.repeat(Math.ceil(letters * 0.4));
  return `[${accented}${padding ? ` ${padding}` : ''}]`;
}

export type Catalogue = { [key: string]: string | Catalogue };

export function pseudoCatalogue(english: Catalogue): Catalogue {
  const out: Catalogue = {};
  for (const [key, value] of Object.entries(english)) {
    out[key] = typeof value === 'string' ? pseudoText(value) : pseudoCatalogue(value);
  }
  return out;
}
