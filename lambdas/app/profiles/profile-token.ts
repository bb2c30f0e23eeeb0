import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits: far beyond guessing, and well over the 128 bits a bearer secret needs. */
const TOKEN_BYTES = 32;
/** base64url of 32 bytes, without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Domain separation: the id is a hash of the token that can never equal the stored token hash. */
const ID_CONTEXT = 'movierec-profile:';
const PROFILE_ID_LENGTH = 22;

/** What POST /profiles hands out once, and what the table keeps of it. */
export interface NewProfileToken {
  token: string;
  profileId: string;
  tokenHash: string;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * A fresh token and what is derived from it: the profile id (so the id alone proves nothing,
 * and a token can be checked against a path's id without reading the table) and the stored hash.
 */
export function newProfileToken(random: (bytes: number) => Buffer = randomBytes): NewProfileToken {
  const token = random(TOKEN_BYTES).toString('base64url');
  return { token, profileId: profileIdOf(token), tokenHash: tokenHashOf(token) };
}

/** True for the shape newProfileToken produces; anything else is rejected before any hashing. */
export const isWellFormedToken = (token: string): boolean => TOKEN_PATTERN.test(token);

/** The first 22 characters (132 bits) of base64url(SHA-256("movierec-profile:" + token)). */
export const profileIdOf = (token: string): string =>
  sha256(ID_CONTEXT + token)
    .toString('base64url')
    .slice(0, PROFILE_ID_LENGTH);

/** base64url(SHA-256(token)): what the profile item stores instead of the token. */
export const tokenHashOf = (token: string): string => sha256(token).toString('base64url');

/** Compares the token's hash with the stored one in constant time (crypto.timingSafeEqual). */
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const actual = Buffer.from(tokenHashOf(token), 'utf8');
  const expected = Buffer.from(storedHash, 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
