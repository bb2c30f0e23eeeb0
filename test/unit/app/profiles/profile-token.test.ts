import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isWellFormedToken,
  newProfileToken,
  profileIdOf,
  tokenHashOf,
  tokenMatchesHash,
} from '../../../../lambdas/app/profiles/profile-token.ts';

describe('profile tokens', () => {
  it('are 32 random bytes as base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newProfileToken().token));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(isWellFormedToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('derive the profile id and the stored hash from the token', () => {
    const bytes = Buffer.alloc(32, 7);
    const created = newProfileToken(() => bytes);
    const token = bytes.toString('base64url');
    expect(created.token).toBe(token);
    const id = createHash('sha256')
      .update(`movierec-profile:${token}`)
      .digest('base64url')
      .slice(0, 22);
    expect(created.profileId).toBe(id);
    expect(created.profileId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.tokenHash).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(created.tokenHash.startsWith(created.profileId)).toBe(false);
    expect(profileIdOf(newProfileToken().token)).not.toBe(created.profileId);
  });

  it('match only the stored hash of the same token', () => {
    const { token, tokenHash } = newProfileToken();
    expect(tokenMatchesHash(token, tokenHash)).toBe(true);
    expect(tokenMatchesHash(newProfileToken().token, tokenHash)).toBe(false);
    expect(tokenMatchesHash(token, tokenHash.slice(1))).toBe(false);
    expect(tokenMatchesHash(token, '')).toBe(false);
    expect(tokenHashOf(token)).toBe(tokenHash);
  });

  it('reject anything not shaped like a token', () => {
    const { token } = newProfileToken();
    for (const bad of [
      '',
      token.slice(1),
      `${token}A`,
      `${token.slice(1)}=`,
      `${token.slice(1)}+`,
    ]) {
      expect(isWellFormedToken(bad), bad).toBe(false);
    }
  });
});
