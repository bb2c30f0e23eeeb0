import type * as z from 'zod';
import type { ServingContext } from '../../app/serving/serving-context.ts';
import type { ApiMethod } from './api-paths.ts';
import type * as schemas from './api-schemas.ts';

/** The name of a response schema exported by api-schemas.ts, e.g. "movieResponse". */
export type ResponseSchemaName = {
  [K in keyof typeof schemas]: K extends `${string}Response` ? K : never;
}[keyof typeof schemas];

/** A response that is not JSON (the docs page). */
export interface RawBody {
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const rawBody = (value: RawBody): { raw: RawBody } => ({ raw: value });

/** One route: its schemas (validation + OpenAPI) and the one use-case call it makes. */
export interface ApiRoute {
  method: ApiMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * Schema of the 200 response's JSON body, by name: response schemas only document (OpenAPI),
   * so they are built when /openapi.json is first asked for. Absent for non-JSON responses.
   */
  response?: ResponseSchemaName;
  /** Error statuses the route can answer besides 400 (documented in OpenAPI). */
  errors: number[];
  handle(
    input: { params: unknown; query: unknown; body: unknown },
    context: ServingContext,
  ): Promise<unknown>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Declares a route with the handler's input typed from its schemas. */
export function defineRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  route: Omit<ApiRoute, 'handle' | 'params' | 'query' | 'body'> & {
    params?: P;
    query?: Q;
    body?: B;
    handle(
      input: { params: Parsed<P>; query: Parsed<Q>; body: Parsed<B> },
      context: ServingContext,
    ): Promise<unknown>;
  },
): ApiRoute {
  return route as ApiRoute;
}
