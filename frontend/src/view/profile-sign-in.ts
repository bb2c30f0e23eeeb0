/**
 * A sign-in code is the profile's token itself (32 random bytes as base64url: 43 characters,
 * the only shape the API accepts): pasted on another device, or carried by a sign-in link in
 * the URL's fragment, which browsers never send to a server or in a Referer.
 */
const SIGN_IN_CODE = /^[A-Za-z0-9_-]{43}$/;
const SIGN_IN_FRAGMENT = /^#signin=([^&]*)$/;

/** The code as pasted (surrounding spaces and line breaks dropped), or null if it cannot be one. */
export function parseSignInCode(text: string): string | null {
  const code = text.trim();
  return SIGN_IN_CODE.test(code) ? code : null;
}

/** `<origin>/#signin=<token>`: opening it signs that browser in to the profile. */
export const signInLink = (origin: string, token: string): string => `${origin}/#signin=${token}`;

/** The code a sign-in link carries in `location.hash`, or null for any other fragment. */
export function signInCodeFromHash(hash: string): string | null {
  const match = SIGN_IN_FRAGMENT.exec(hash);
  return match ? parseSignInCode(match[1]!) : null;
}

/** RFC 4648 §5 base64url, without padding. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The profile id a token belongs to, by the API's own rule, so a pasted code needs no lookup:
 * profileId = the first 22 characters of base64url(SHA-256("movierec-profile:" + token)).
 */
export async function profileIdOf(token: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`movierec-profile:${token}`),
  );
  return base64url(new Uint8Array(digest)).slice(0, 22);
}
