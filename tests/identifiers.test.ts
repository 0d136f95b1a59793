import { describe, expect, it } from 'vitest';
import { findIdentifiers, markIdentifiers, type IdentifierKind } from '../db/domain/identifiers.js';

const found = (text: string) => findIdentifiers(text).map((f) => [f.kind, f.text] as [IdentifierKind, string]);
const kinds = (text: string, kind: IdentifierKind) =>
  findIdentifiers(text)
    .filter((f) => f.kind === kind)
    .map((f) => f.text);

describe('the identifying-details detector (a help for the reviewer)', () => {
  it('marks the details of the story in the issue', () => {
    const text =
      'Mevrouw Yilmaz vertelde na de dood van haar man over de buurt. Ze woont op de Dapperstraat 12-3, 1093 BV Amsterdam, ' +
      'en is bereikbaar op 06-12345678 of via ayse.yilmaz@example.nl. Op 12 maart 2026 kwam haar zoon van 14 mee, ' +
      'hij zit op Basisschool De Regenboog. Haar buurvrouw Fatima werkt bij Albert Heijn en gaat naar de Mevlana moskee.';
    const f = found(text);
    expect(f).toContainEqual(['name', 'Mevrouw Yilmaz']);
    expect(f).toContainEqual(['address', 'Dapperstraat 12-3']);
    expect(f).toContainEqual(['postcode', '1093 BV']);
    expect(f).toContainEqual(['phone', '06-12345678']);
    expect(f).toContainEqual(['email', 'ayse.yilmaz@example.nl']);
    expect(f).toContainEqual(['date', '12 maart 2026']);
    expect(f).toContainEqual(['age', 'zoon van 14']);
    expect(f).toContainEqual(['institution', 'Basisschool De Regenboog']);
    expect(f).toContainEqual(['name', 'Fatima']);
    expect(f).toContainEqual(['institution', 'Albert Heijn']);
    expect(f).toContainEqual(['institution', 'Mevlana moskee']);
  });

  it('knows the common Dutch and international forms', () => {
    expect(kinds('Bel +31 20 123 4567 of (020) 1234567 of 0031-6-12345678.', 'phone')).toEqual(['+31 20 123 4567', '(020) 1234567', '0031-6-12345678']);
    expect(kinds('Postcode 1234AB en 5611 EM, niet 1234 SS.', 'postcode')).toEqual(['1234AB', '5611 EM']);
    expect(kinds('Op 3-4-2025, op 2026-01-31 en op 7 januari.', 'date')).toEqual(['3-4-2025', '2026-01-31', '7 januari']);
    expect(kinds('Een 82-jarige buurman, een meisje van 9 en iemand van 40 jaar oud.', 'age')).toEqual(['82-jarige', 'meisje van 9', '40 jaar oud']);
    expect(kinds('Hij woont aan de Eerste Oosterparkstraat 8 hs en zij op Kerkplein 3a.', 'address')).toEqual(['Eerste Oosterparkstraat 8 hs', 'Kerkplein 3a']);
    expect(kinds('We gingen naar de Westerkerk en naar het Sint Lucas ziekenhuis.', 'institution')).toEqual(['Westerkerk', 'Sint Lucas ziekenhuis']);
    expect(kinds('Onze buurman heet Jan de Vries en juf Anja kwam ook.', 'name')).toEqual(['Jan de Vries', 'juf Anja']);
  });

  it('does not mark ordinary sentences', () => {
    expect(findIdentifiers('We zijn samen een moestuin begonnen. Iedereen hielp mee, ook in de regen.')).toEqual([]);
    expect(findIdentifiers('In maart was het koud. Op maandag kwamen er twintig mensen.')).toEqual([]);
  });

  it('cuts the text into marked and plain pieces that join up to the text', () => {
    const text = 'Ik sprak meneer Bakker op 1 mei.';
    const pieces = markIdentifiers(text);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => 'kind' in p)).toEqual([
      { text: 'meneer Bakker', kind: 'name' },
      { text: '1 mei', kind: 'date' },
    ]);
  });
});
