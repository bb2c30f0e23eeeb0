import type * as z from 'zod';
import type { ServingContext } from '../../app/serving/serving-context.ts';
import type { ApiMethod } from './api-paths.ts';
import type * as schemas from './api-schemas.ts';

/** The name of a response schema exported by api-schemas.ts, e.g. "movieResponse". */
export type ResponseSchemaName = {
  [K in keyof typeof schemas]: K extends `${string}Response` ? K : never;
}[keyof typeof schemas];

/**
 * How caches may keep a route's successful answers (errors are always `no-store`):
 * - `shared`: the answer is the same for every caller (a function of the live model version and
 *   the URL), so CloudFront may keep it briefly (`s-maxage`); browsers revalidate every time
 *   (`max-age=0`), and the ETag lets both revalidate with a 304.
 * - `no-store`: a secret, one caller's data, or a write: never stored anywhere.
 */
export type RouteCaching = 'shared' | 'no-store';

/** Who is calling, as the router reads it from the request. */
export interface Caller {
  /** The `Authorization: Bearer` token; the router has checked its shape on `bearer` routes. */
  token: string | undefined;
  /** The client's IP address (CloudFront's viewer address, else the connection's). */
  address: string;
}

/** One route: its schemas (validation + OpenAPI) and the one use-case call it makes. */
export interface ApiRoute {
  method: ApiMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Status of a success: 201 (created, JSON body) or 204 (no body). @default 200 */
  status?: 201 | 204;
  /** Requires `Authorization: Bearer <profile token>` (401 without a well-formed one). */
  bearer?: boolean;
  /** Who may keep the answer: its `Cache-Control` (see {@link RouteCaching}). */
  cache: RouteCaching;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * Schema of the 200 response's JSON body, by name: response schemas only document (OpenAPI),
   * so they are built when /openapi.json is first asked for. Absent for 204s and the document.
   */
  response?: ResponseSchemaName;
  /** Error statuses the route can answer besides 400 (documented in OpenAPI). */
  errors: number[];
  handle(
    input: { params: unknown; query: unknown; body: unknown; caller: Caller },
    context: ServingContext,
  ): Promise<unknown>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The JSON body a route answers: the output type of its named response schema. */
type Answer<R> = R extends ResponseSchemaName ? z.output<(typeof schemas)[R]> : unknown;

/**
 * Declares a route with the handler's input typed from its schemas, and its answer checked
 * against its response schema at compile time: the documented shape (and the web app's types,
 * inferred from it) cannot drift from what the use-case returns.
 */
export function defineRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends ResponseSchemaName | undefined = undefined,
  A extends boolean = false,
>(
  route: Omit<ApiRoute, 'handle' | 'params' | 'query' | 'body' | 'response' | 'bearer'> & {
    params?: P;
    query?: Q;
    body?: B;
    response?: R;
    bearer?: A;
    handle(
      input: {
        params: Parsed<P>;
        query: Parsed<Q>;
        body: Parsed<B>;
        caller: { token: A extends true ? string : string | undefined; address: string };
      },
      context: ServingContext,
    ): Promise<Answer<R>>;
  },
): ApiRoute {
  return route as ApiRoute;
}
