import type { App } from 'aws-cdk-lib';
import { isProductionStage } from './app-config.ts';
import type { AppConfig } from './app-config.ts';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
import { MonitoringStack } from './monitoring-stack.ts';
import { PipelineStack } from './pipeline-stack.ts';
import { WebStack } from './web-stack.ts';

export interface MovieRecStacks {
  readonly data: DataStack;
  readonly api: ApiStack;
  readonly pipeline: PipelineStack;
  readonly web: WebStack;
  readonly monitoring: MonitoringStack;
}

/**
 * Adds MovieRec's stacks for one stage to `app`. Stacks are environment-agnostic (no account
 * or region lookups), so `cdk synth` needs no credentials; `cdk deploy` takes both from the
 * AWS profile in use.
 */
export function addMovieRecStacks(app: App, config: AppConfig): MovieRecStacks {
  const prefix = `MovieRec-${config.stage}`;
  const data = new DataStack(app, `${prefix}-Data`, {
    description: 'MovieRec stateful data: dataset/model bucket and serving table (retained)',
    protectData: isProductionStage(config),
  });
  const pipeline = new PipelineStack(app, `${prefix}-Pipeline`, {
    description: 'MovieRec training pipeline: Step Functions, Lambda and Fargate',
    bucket: data.bucket,
    table: data.table,
    dataset: config.dataset,
    scheduleEnabled: config.scheduleEnabled,
    topN: config.topN,
    maxConcurrency: config.shardConcurrency,
    fargateTraining: config.fargateTraining,
    tuningTrials: config.tuningTrials,
    ...(config.alarmEmail !== undefined && { alarmEmail: config.alarmEmail }),
    ...((config.tmdb || config.tmdbSecretName !== undefined) && {
      tmdb: { ...(config.tmdbSecretName !== undefined && { secretName: config.tmdbSecretName }) },
    }),
  });
  // No siteOrigin for CORS: the Web stack needs the function URL for its /api/* origin, so the
  // API cannot also take the distribution's domain (the two stacks would depend on each other).
  // The site calls the API same-origin through /api/*, which needs no CORS.
  const api = new ApiStack(app, `${prefix}-Api`, {
    description: 'MovieRec API function and its IAM-only URL (reads the serving table and models/)',
    table: data.table,
    bucket: data.bucket,
    ...(config.apiReservedConcurrency !== undefined && {
      reservedConcurrency: config.apiReservedConcurrency,
    }),
  });
  const web = new WebStack(app, `${prefix}-Web`, {
    description: 'MovieRec web front door: CloudFront for the site bucket and /api/*',
    apiUrl: api.functionUrl,
    ...(config.domainName !== undefined &&
      config.certificateArn !== undefined && {
        customDomain: { domainName: config.domainName, certificateArn: config.certificateArn },
      }),
  });
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    description: 'MovieRec dashboard and alarms (API, training runs, serving table)',
    apiFunction: api.handler,
    stateMachine: pipeline.stateMachine,
    table: data.table,
    ...(config.alarmEmail !== undefined && { alarmEmail: config.alarmEmail }),
  });
  return { data, pipeline, api, web, monitoring };
}
