import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../../lambdas/handlers/api/client-address.ts';

/** What the function sees behind CloudFront: the edge's address as the connection's source. */
const EDGE = '130.176.12.34';

describe('clientAddress', () => {
  it("is the viewer's IP from CloudFront-Viewer-Address, not CloudFront's edge address", () => {
    expect(clientAddress('203.0.113.9:51234', EDGE)).toBe('203.0.113.9');
  });

  it('keeps an IPv6 viewer address whole (CloudFront writes it unbracketed, port last)', () => {
    expect(clientAddress('2001:db8::1:443', EDGE)).toBe('2001:db8::1');
  });

  it('tells two viewers behind the same edge apart', () => {
    expect(clientAddress('198.51.100.1:1000', EDGE)).not.toBe(
      clientAddress('198.51.100.2:1000', EDGE),
    );
  });

  it('is the source IP without the header (the local stack, a direct signed call)', () => {
    expect(clientAddress(undefined, '127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress(':443', '127.0.0.1')).toBe('127.0.0.1');
  });
});
