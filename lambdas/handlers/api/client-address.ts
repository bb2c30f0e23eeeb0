/**
 * The client's IP for the per-address limits (docs/profiles.md): the IP of CloudFront's
 * `CloudFront-Viewer-Address` ("ip:port", IPv6 unbracketed) when present, else the connection's
 * source. Behind the distribution the source is a CloudFront edge, shared by many viewers, so the
 * header is what counts; CloudFront sets it itself (the `/api/*` origin request policy forwards
 * it), and the function URL takes only CloudFront's signed requests, so no viewer can forge it.
 * `X-Forwarded-For` is never read: a viewer can put any address at its start.
 */
export function clientAddress(viewerAddress: string | undefined, sourceIp: string): string {
  if (viewerAddress !== undefined) {
    const colon = viewerAddress.lastIndexOf(':');
    const ip = colon === -1 ? viewerAddress : viewerAddress.slice(0, colon);
    if (ip !== '') return ip;
  }
  return sourceIp;
}
