import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ServingContext } from '../../app/serving/serving-context.ts';
import { createServingContext } from '../../app/serving/serving-context.ts';
import { awsEnvironment } from '../../aws/aws-environment.ts';
import { createDynamoDbReader } from '../../aws/dynamodb-http-reader.ts';
import { createDynamoDbWriter } from '../../aws/dynamodb-http-writer.ts';
import { createDynamoProfileStore } from '../../aws/dynamodb-profile-store.ts';
import { createDynamoServingStore } from '../../aws/dynamodb-serving-store.ts';
import { createS3ModelFiles } from '../../aws/s3-model-files.ts';
import { createS3ObjectReader } from '../../aws/s3-object-reader.ts';
import { parseServingConfig } from '../../aws/serving-config.ts';
import type { HttpSend } from '../../aws/http-send.ts';
import { createNodeHttpSend } from '../../aws/http-send.ts';
import { createSignedSend } from '../../aws/signed-send.ts';
import { createRouter } from './router.ts';
import { apiRoutes } from './routes.ts';

export interface ApiHandlerOptions {
  /** Configuration and AWS credentials. @default process.env, read on the first request */
  env?: Readonly<Record<string, string | undefined>>;
  /** Sends the signed DynamoDB and S3 requests. @default node:http with keep-alive */
  send?: HttpSend;
  /** Milliseconds clock of the profiles' rate windows and rating times. @default Date.now */
  now?: () => number;
}

/**
 * The API's Lambda entry point: its function URL invokes this one small function with every
 * path (unknown ones get the API's own 404). Powertools adds the request context to logs; the
 * router does the rest. No custom metrics: an EMF line per request (~230 bytes of logs) would
 * repeat what the free function URL and Lambda metrics count (requests, 4xx, 5xx, latency;
 * docs/deploy.md).
 *
 * No AWS SDK: DynamoDB and S3 are read with SigV4-signed HTTP calls (lambdas/aws/*-reader.ts),
 * because importing the DynamoDB client alone took ~170 ms of the 150 ms init budget. No
 * Powertools Tracer either: it bundles the X-Ray SDK (~117 KB minified, half of the 250 KB bundle
 * budget). Tracing is PassThrough (docs/deploy.md: cost). Configuration, the model pointer and the loaded model part
 * live for the container. Requests are logged by route and status only: never a header, so a
 * profile's bearer token never reaches the logs.
 */
export function createApiHandler(options: ApiHandlerOptions = {}) {
  const logger = new Logger();
  let router: ReturnType<typeof createRouter> | undefined;

  const servingContext = (
    env: Readonly<Record<string, string | undefined>>,
    config: ReturnType<typeof parseServingConfig>,
  ): ServingContext => {
    const aws = awsEnvironment(env);
    const send = options.send ?? createNodeHttpSend();
    const signed = (service: 'dynamodb' | 's3') =>
      createSignedSend({ service, region: aws.region, credentials: aws.credentials, send });
    const reader = createDynamoDbReader({
      endpoint: aws.dynamodbEndpoint,
      send: signed('dynamodb'),
    });
    const store = createDynamoServingStore({
      reader,
      tableName: config.tableName,
      modelCacheMs: config.modelCacheSeconds * 1000,
    });
    const profiles = createDynamoProfileStore({
      reader,
      writer: createDynamoDbWriter({ endpoint: aws.dynamodbEndpoint, send: signed('dynamodb') }),
      tableName: config.tableName,
    });
    const files = createS3ModelFiles({
      objects: createS3ObjectReader({
        bucket: config.bucketName,
        objectUrl: aws.s3ObjectUrl,
        send: signed('s3'),
      }),
    });
    return createServingContext(store, files, {
      onModelLoad: (version) => logger.info('loading model part from S3', { version }),
      profiles: { store: profiles, limits: config.profileLimits, now: options.now ?? Date.now },
    });
  };

  const route = async (
    event: APIGatewayProxyEventV2,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    if (router === undefined) {
      const env = options.env ?? process.env;
      const config = parseServingConfig(env);
      let context: ServingContext | undefined;
      router = createRouter({
        routes: apiRoutes,
        // Built on the first request that needs AWS, so bad input never touches it.
        context: () => (context ??= servingContext(env, config)),
        allowedOrigins: config.allowedOrigins,
        allowLocalhost: config.allowLocalhost,
        onResponse: (name, status) => logger.info('request', { route: name, status }),
        onError: (error, name) => logger.error('request failed', { route: name, error }),
      });
    }
    return router(event);
  };

  return middy(route).use(injectLambdaContext(logger, { resetKeys: true }));
}

export const handler = createApiHandler();
