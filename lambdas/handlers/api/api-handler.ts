import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { loadRatingBaseline } from '../../app/serving/rating-baseline.ts';
import type { ServingContext } from '../../app/serving/serving-context.ts';
import { createVersionCache, loadServingModel } from '../../app/serving/serving-model.ts';
import type { S3Client } from '@aws-sdk/client-s3';
import { dynamoDocumentClient } from '../../aws/dynamodb-client.ts';
import { s3ClientConfig } from '../../aws/s3-client-config.ts';
import { createDynamoServingStore } from '../../aws/dynamodb-serving-store.ts';
import { createS3ModelFiles } from '../../aws/s3-model-files.ts';
import { servingConfig } from '../../aws/serving-config.ts';
import { createRouter } from './router.ts';
import { apiRoutes } from './routes.ts';

/**
 * The API's Lambda entry point: every route of the HTTP API (and its `$default` catch-all, so
 * unknown paths get the API's own 404) invokes this one small function. Powertools adds the
 * request context to logs and flushes metrics; the router does the rest.
 *
 * No Powertools Tracer here: it bundles the X-Ray SDK (with semver and cls-hooked, ~117 KB
 * minified, half of the 250 KB bundle budget). The function still has active tracing, so X-Ray
 * records every invocation; only the per-call SDK subsegments are missing.
 * Clients, configuration, the model pointer and the loaded model part live for the container.
 */
const logger = new Logger();
const metrics = new Metrics();

let context: ServingContext | undefined;
let s3: Promise<S3Client> | undefined;

/** The S3 SDK is loaded by the first request that reads a model file (search, fold-in, predict). */
function lazyS3Client(): Promise<S3Client> {
  s3 ??= import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client(s3ClientConfig()));
  return s3;
}

function servingContext(): ServingContext {
  if (context === undefined) {
    const config = servingConfig();
    const files = createS3ModelFiles({
      client: lazyS3Client,
      bucketName: config.bucketName,
    });
    context = {
      store: createDynamoServingStore({
        client: dynamoDocumentClient(),
        tableName: config.tableName,
        modelCacheMs: config.modelCacheSeconds * 1000,
      }),
      model: createVersionCache((version) => {
        logger.info('loading model part from S3', { version });
        return loadServingModel(files, version);
      }),
      baseline: createVersionCache((version) => loadRatingBaseline(files, version)),
    };
  }
  return context;
}

let router: ReturnType<typeof createRouter> | undefined;

async function route(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  if (router === undefined) {
    const config = servingConfig();
    router = createRouter({
      routes: apiRoutes,
      context: servingContext,
      allowedOrigins: config.allowedOrigins,
      allowLocalhost: config.allowLocalhost,
      onResponse: (name, status) => {
        metrics.addMetric('Requests', MetricUnit.Count, 1);
        if (status >= 500) metrics.addMetric('ServerErrors', MetricUnit.Count, 1);
        else if (status >= 400) metrics.addMetric('ClientErrors', MetricUnit.Count, 1);
        logger.info('request', { route: name, status });
      },
      onError: (error, name) => logger.error('request failed', { route: name, error }),
    });
  }
  return router(event);
}

export const handler = middy(route)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
