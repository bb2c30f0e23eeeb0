import * as z from 'zod';
import type { ApiRoute } from './api-route.ts';
import type * as apiSchemas from './api-schemas.ts';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the message names the field',
  404: 'Unknown id',
  413: 'Request body too large',
  415: 'Request body is not application/json',
  503: 'No model has been published yet (or its artifacts cannot be read); retry later',
};

type JsonSchema = Record<string, unknown>;

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
    const responses: Record<string, JsonSchema> = {
      '200': route.response
        ? {
            description: 'OK',
            content: {
              'application/json': { schema: jsonSchema(schemas[route.response], 'output') },
            },
          }
        : { description: 'OK' },
    };
    const errors = [...(parameters.length > 0 || route.body ? [400] : []), ...route.errors].sort();
    for (const status of errors) {
      responses[String(status)] = {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description !== undefined && { description: route.description }),
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
    paths,
    components: { schemas: { Error: jsonSchema(schemas.errorResponse, 'output') } },
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
