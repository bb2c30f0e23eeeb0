// The API's interactive documentation: Swagger UI (swagger-ui-dist, served by the site as
// /swagger-ui/*) over the API's own OpenAPI document, whose server is this origin's /api, so
// "Try it out" calls the API same-origin. Started from this file, not an inline script, so the
// site's Content-Security-Policy (script-src 'self') allows it; nothing is loaded from elsewhere
// (no validator badge, which would send the document to swagger.io).
globalThis.SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
});
