import * as z from 'zod';
import type { ApiRoute } from './api-route.ts';
import type * as apiSchemas from './api-schemas.ts';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the message names the field',
  401: 'No Authorization: Bearer header, or not a profile token',
  403: "The token is not this profile's",
  404: 'Unknown id (for a profile route: the profile was deleted, or the movie is unknown)',
  409: 'The profile holds the most ratings it may; waiting does not help',
  413: 'Request body too large',
  415: 'Request body is not application/json',
  429: "Over a rate limit: retry after the Retry-After header's seconds",
  503: 'No model has been published yet (or its artifacts cannot be read); retry later',
};

/** The security scheme of the profile routes: the token POST /profiles answered. */
const PROFILE_TOKEN = 'profileToken';

type JsonSchema = Record<string, unknown>;

/**
 * The header every POST and PUT carries: CloudFront signs requests for the API function with
 * origin access control, which signs this hash of the body and computes none (docs/api.md).
 */
const CONTENT_SHA256_PARAMETER: JsonSchema = {
  name: 'x-amz-content-sha256',
  in: 'header',
  required: true,
  description:
    'The lower-case hex SHA-256 of the request body (of the empty string when there is none). Without it, or with another hash, the request is refused with 403 before it reaches the API.',
  schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
};

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends or receives. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/**
 * The OpenAPI 3.1 document of `routes`, generated from the same zod schemas that validate;
 * `schemas` is the api-schemas.ts module (passed in: the handler imports it only for this).
 */
export function openApiDocument(
  routes: readonly ApiRoute[],
  schemas: typeof apiSchemas,
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const parameters = [
      ...parametersOf(route.params, 'path'),
      ...parametersOf(route.query, 'query'),
    ];
    const status = route.status ?? 200;
    const responses: Record<string, JsonSchema> = {
      [String(status)]: route.response
        ? {
            description: status === 201 ? 'Created' : 'OK',
            content: {
              'application/json': { schema: jsonSchema(schemas[route.response], 'output') },
            },
          }
        : { description: status === 204 ? 'Done (no content)' : 'OK' },
    };
    const retryAfter = {
      'Retry-After': {
        description: 'Seconds until a retry can succeed',
        schema: { type: 'integer' },
      },
    };
    const errors = [...(parameters.length > 0 || route.body ? [400] : []), ...route.errors].sort();
    for (const error of errors) {
      responses[String(error)] = {
        description: ERROR_DESCRIPTIONS[error] ?? 'Error',
        ...((error === 429 || error === 503) && { headers: retryAfter }),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    if (route.method === 'POST' || route.method === 'PUT') {
      parameters.push(CONTENT_SHA256_PARAMETER);
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description !== undefined && { description: route.description }),
      ...(route.bearer === true && { security: [{ [PROFILE_TOKEN]: [] }] }),
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
        },
      }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MovieRec API',
      version: '1.0.0',
      description:
        'Movie recommendations from MovieLens ratings. Errors are {"error":{"code","message"}}.',
    },
    // Relative: the API is this origin's /api behind CloudFront and the local stack (the API's
    // own URL accepts the prefix too), so Swagger UI's "Try it out" stays same-origin.
    servers: [{ url: '/api' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(schemas.errorResponse, 'output') },
      securitySchemes: {
        [PROFILE_TOKEN]: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The token POST /profiles answered for the profile (43 base64url characters)',
        },
      },
    },
  };
}

function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = jsonSchema(field as z.ZodType, 'input');
    return {
      name,
      in: location,
      required: location === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(typeof description === 'string' && { description }),
      schema: fieldSchema,
    };
  });
}
