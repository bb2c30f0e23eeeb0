/**
 * The header that carries the caller's own `Authorization` value (a profile's `Bearer` token)
 * to the function. Origin access control signs every request CloudFront sends to the function
 * URL in the `Authorization` header, overwriting the caller's; the distribution's viewer-request
 * function on the profile routes copies it here first (docs/profiles.md). No imports: the Web
 * stack builds that function's code from this name.
 */
export const VIEWER_AUTHORIZATION_HEADER = 'x-viewer-authorization';

/** The start of a SigV4 `Authorization` value: a signature of the request, never a caller's token. */
const SIGV4_AUTHORIZATION_PREFIX = 'AWS4-HMAC-SHA256 ';

/**
 * The `Authorization` value the caller sent: x-viewer-authorization when the distribution moved
 * it there, else the request's own `Authorization` (a direct invocation, or the local stack's
 * API without CloudFront), unless that is a SigV4 signature, which is CloudFront's, not the
 * caller's.
 */
export function callerAuthorization(
  viewerAuthorization: string | undefined,
  authorization: string | undefined,
): string | undefined {
  if (viewerAuthorization !== undefined) return viewerAuthorization;
  if (authorization?.startsWith(SIGV4_AUTHORIZATION_PREFIX) === true) return undefined;
  return authorization;
}
