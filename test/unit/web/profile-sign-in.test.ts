import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  base64url,
  parseSignInCode,
  profileIdOf,
  signInCodeFromHash,
  signInLink,
} from '../../../frontend/src/view/profile-sign-in.ts';

const TOKEN = 'k3J9-x_Q2mZ8vT4bN7rW1yL5pH0cF6dA9sE2uG8iO3q';

describe('sign-in codes', () => {
  it('derives the profile id as the API does: base64url(SHA-256("movierec-profile:" + token))[0, 22)', async () => {
    const expected = createHash('sha256')
      .update(`movierec-profile:${TOKEN}`)
      .digest('base64url')
      .slice(0, 22);
    expect(await profileIdOf(TOKEN)).toBe(expected);
    expect(await profileIdOf(TOKEN)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await profileIdOf(`${TOKEN}x`)).not.toBe(expected);
  });

  it('encodes base64url without padding, with - and _ for + and /', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([]))).toBe('');
    expect(base64url(new Uint8Array([102, 111, 111, 98]))).toBe('Zm9vYg');
  });

  it('accepts a pasted code with surrounding whitespace and rejects what cannot be one', () => {
    expect(parseSignInCode(`  ${TOKEN}\n`)).toBe(TOKEN);
    expect(parseSignInCode('short')).toBeNull();
    expect(parseSignInCode(`${TOKEN} extra`)).toBeNull();
    expect(parseSignInCode(`${TOKEN.slice(1)}/`)).toBeNull();
    expect(parseSignInCode(TOKEN.slice(1))).toBeNull();
    expect(parseSignInCode(`${TOKEN}A`)).toBeNull();
  });

  it('puts the code in the link’s fragment and reads it back from location.hash', () => {
    const link = signInLink('https://movies.example', TOKEN);
    expect(link).toBe(`https://movies.example/#signin=${TOKEN}`);
    expect(signInCodeFromHash(new URL(link).hash)).toBe(TOKEN);
    expect(signInCodeFromHash('#signin=')).toBeNull();
    expect(signInCodeFromHash('#signin=%zz')).toBeNull();
    expect(signInCodeFromHash(`#other=${TOKEN}`)).toBeNull();
    expect(signInCodeFromHash('')).toBeNull();
  });
});
