import { describe, expect, it } from 'vitest';
import { callerAuthorization } from '../../../../lambdas/handlers/api/viewer-authorization.ts';

const SIGNATURE =
  'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261202/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

describe('callerAuthorization', () => {
  it("is the viewer's header the distribution moved aside, whatever Authorization holds", () => {
    expect(callerAuthorization('Bearer abc', SIGNATURE)).toBe('Bearer abc');
  });

  it("is never CloudFront's SigV4 signature: a profile route then sees no token (401)", () => {
    expect(callerAuthorization(undefined, SIGNATURE)).toBeUndefined();
  });

  it('is Authorization itself when nothing moved it (a direct invocation)', () => {
    expect(callerAuthorization(undefined, 'Bearer abc')).toBe('Bearer abc');
    expect(callerAuthorization(undefined, undefined)).toBeUndefined();
  });
});
