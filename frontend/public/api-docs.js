// The API's interactive documentation: Swagger UI (swagger-ui-dist, served by the site as
// /swagger-ui/*) over the API's own OpenAPI document, whose server is this origin's /api, so
// "Try it out" calls the API same-origin. Started from this file, not an inline script, so the
// site's Content-Security-Policy (script-src 'self') allows it; nothing is loaded from elsewhere
// (no validator badge, which would send the document to swagger.io).
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

globalThis.SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  // CloudFront passes a POST or PUT to the API function only with the SHA-256 of its body in
  // x-amz-content-sha256 (docs/api.md): "Try it out" computes it, whatever the field holds. The
  // field starts with the hash of the empty body, which satisfies its pattern.
  parameterMacro: (_operation, parameter) =>
    parameter.name === 'x-amz-content-sha256' ? EMPTY_BODY_SHA256 : undefined,
  requestInterceptor: async (request) => {
    if (request.method === 'POST' || request.method === 'PUT') {
      const body = typeof request.body === 'string' ? request.body : '';
      const digest = await globalThis.crypto.subtle.digest(
        'SHA-256',
        new globalThis.TextEncoder().encode(body),
      );
      request.headers['x-amz-content-sha256'] = Array.from(new Uint8Array(digest), (byte) =>
        byte.toString(16).padStart(2, '0'),
      ).join('');
    }
    return request;
  },
});
