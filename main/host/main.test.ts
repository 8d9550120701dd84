import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, TEST_SCRYPT } from '../store/secrets.ts';
import { keyDerivationFor } from './main.ts';

describe("the browser host's key-derivation test mode", () => {
  it('keeps the production settings unless the test mode asks for cheap ones, and refuses anything else', () => {
    expect(keyDerivationFor({})).toEqual({});
    expect(keyDerivationFor({ API_USER_DESK_TEST_KEY_DERIVATION: '' })).toEqual({});
    expect(keyDerivationFor({ API_USER_DESK_TEST_KEY_DERIVATION: 'cheap' })).toEqual({ scrypt: TEST_SCRYPT });
    expect(TEST_SCRYPT.logN).toBeLessThan(DEFAULT_SCRYPT.logN);
    expect(() => keyDerivationFor({ API_USER_DESK_TEST_KEY_DERIVATION: 'none' })).toThrow(/"cheap" or unset/);
  });
});
