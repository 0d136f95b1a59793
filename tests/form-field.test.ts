// How a form names a field's problem: beside the input (errorText) and in the list above the form (problemLine).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../web/api.js';
import { errorText } from '../web/components/form-field.js';

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
