// How a form names a field's problem: beside the input (errorText) and in the list above the form (problemLine).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../web/api.js';
import { errorText, problemLine } from '../web/components/form-field.js';

afterEach(() => vi.unstubAllGlobals());

describe('errorText', () => {
  it('shows the message alone: the input is already marked invalid', () => {
    vi.stubGlobal('localStorage', { getItem: () => 'nl', setItem: () => undefined });
    const error = new ApiError(400, 'invalid_input', 'Ongeldige invoer / Invalid input', [
      { field: 'email', message: 'Invalid email address', code: 'invalid_format', format: 'email' },
    ]);
    expect(errorText(error, 'email').values).toEqual(['email', 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.']);
  });
});

describe('problemLine', () => {
  it('puts the field’s name before its message', () => {
    expect(problemLine('Titel', 'Geef het verhaal een titel.')).toBe('Titel: Geef het verhaal een titel.');
  });

  it('keeps a question’s own mark, in Arabic too', () => {
    expect(problemLine('Wie mag je verhaal lezen?', 'Kies wie je verhaal mag lezen.')).toBe('Wie mag je verhaal lezen? Kies wie je verhaal mag lezen.');
    expect(problemLine('من يمكنه قراءة قصتك؟', 'اختر من يمكنه قراءة قصتك.')).toBe('من يمكنه قراءة قصتك؟ اختر من يمكنه قراءة قصتك.');
  });

  it('leaves out a hint in brackets after the name', () => {
    expect(problemLine('Titel (mag je leeglaten)', 'Dit is te lang. Maak het korter.')).toBe('Titel: Dit is te lang. Maak het korter.');
    expect(problemLine('العنوان (يمكنك تركه فارغًا)', 'هذا طويل جدًا. اجعله أقصر.')).toBe('العنوان: هذا طويل جدًا. اجعله أقصر.');
  });
});
