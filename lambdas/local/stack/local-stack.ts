import { mkdir, readdir, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { pipelineDataset } from './dataset-upload.ts';
import { S3RVER_CREDENTIALS, closeServer, startEmulatorsInThread } from './emulators.ts';
import type { RunningEmulators } from './emulators.ts';
import type { ExecutionInput, ExecutionStatus } from './local-executions.ts';
import type { PipelineProgressEvent } from './local-pipeline.ts';
import type { ResourceUsage } from './resource-usage.ts';
import { createLocalExecutions } from './local-executions.ts';
import { expireItems } from './expire-items.ts';
import { loadHandler } from './local-function.ts';
import {
  createLocalFunctionUrl,
  functionUrlFromTemplates,
  isFunctionUrlPath,
} from './local-function-url.ts';
import type { CfnTemplate, LocalResources, PseudoParameters } from './local-resources.ts';
import { localResources } from './local-resources.ts';
import { createLocalServer } from './local-server.ts';
import { LocalStackError } from './local-stack-error.ts';
import { createBuckets, createTables } from './provision-resources.ts';
import { synthesizeApp } from './synthesize-app.ts';
import { templateBuckets, templateTables } from './template-tables.ts';
import { ensureWebAppBuilt, noWebAppHandler, siteRewrite, webAppHandler } from './web-app.ts';

/**
 * Tuning trials per model in the local stack: none, so a first `npm start` stays within a minute
 * (two trials per model added 20–45 s on 2 cores; a deployment's default is 8: lib/app-config.ts).
 * MOVIEREC_TUNING_TRIALS overrides it (the e2e suite runs 2, so the Tune state is exercised).
 */
export const LOCAL_TUNING_TRIALS = 0;

export interface LocalStackOptions {
  /** Emulator state (dynalite db, s3rver files, synthesized templates). */
  stateDir: string;
  /** 0 = any free port. */
  port: number;
  /** Wipe stateDir first. */
  fresh?: boolean;
  /** Default: the built-in ml-latest-small; a GroupLens name, a folder or a zip path. */
  dataset?: string;
  /** Built web app to serve at '/'; null = none; default frontend/dist (built on demand). */
  siteDir?: string | null;
  log?: (line: string) => void;
  /** Every pipeline run's state events and its tasks' resource use (a bench's measurements). */
  observe?: {
    onEvent?: (event: PipelineProgressEvent) => void;
    onUsage?: (usage: ResourceUsage) => void;
  };
}

export interface RunningLocalStack {
  /** http://127.0.0.1:<port> */
  url: string;
  /** `${url}/api` */
  apiUrl: string;
  /**
   * The data bucket on the S3 emulator (credentials S3RVER_CREDENTIALS, path-style), where an
   * operator drops ratings files under `datasets/incoming/` (docs/retraining.md).
   */
  dataBucket: { endpoint: string; name: string };
  close(): Promise<void>;
}

/**
 * The handlers' SDK clients live as long as their modules, i.e. this process, and keep the
 * endpoints they were created with: so a process runs one local stack at a time, and a later
 * one reuses the emulator ports of the first.
 */
let running = false;
let emulatorPorts: { dynamodb: number; s3: number } | undefined;

/** The account and region the local stack pretends to be. */
export const LOCAL_PSEUDO: PseudoParameters = { region: 'us-east-1', accountId: '000000000000' };

/**
 * MovieRec on one machine: DynamoDB and S3 emulators in this process with their state on disk,
 * the tables, buckets, API routes and state machine taken from the synthesized CDK app, the
 * same Lambda handlers behind one HTTP server (`/api/*` as CloudFront forwards it, the web app
 * at `/`), and the training pipeline run locally when no model is live yet (or when a dataset
 * is asked for). Resolves once a model is live; any failure closes what was started and
 * rejects with a LocalStackError whose message says what to do.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<RunningLocalStack> {
  if (running) {
    throw new LocalStackError(
      'a local stack is already running in this process: close it first (each process runs one)',
    );
  }
  running = true;
  const log = options.log ?? (() => {});
  const started = Date.now();
  const debug = (what: string) => {
    if (process.env.DEBUG) log(`[${((Date.now() - started) / 1000).toFixed(2)} s] ${what}`);
  };
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
    running = false;
  };
  try {
    if (options.fresh === true) await wipeStateDir(options.stateDir);
    await mkdir(options.stateDir, { recursive: true });

    const emulators = await startEmulatorsOrExplain(options.stateDir);
    closers.push(() => emulators.close());
    debug('emulators up');
    applyLocalAwsEnvironment(emulators);
    const clients = awsClients(emulators);
    closers.push(async () => {
      clients.dynamodb.destroy();
      clients.s3.destroy();
    });

    const { templates, cached } = await synthesizeApp({
      outdir: join(options.stateDir, 'cdk.out'),
      // Validated with the rest of the app config (0–50).
      context: { tuningTrials: process.env.MOVIEREC_TUNING_TRIALS ?? LOCAL_TUNING_TRIALS },
      log,
    });
    log(cached ? 'Templates unchanged since the last start.' : 'Synthesized the CDK app.');
    debug('templates ready');
    const resources = localResources(templates, LOCAL_PSEUDO);
    const tables = templateTables(templates, resources);
    for (const warning of await createTables(clients.dynamodb, tables)) log(warning);
    await createBuckets(clients.s3, templateBuckets(templates, resources));

    debug('tables and buckets ready');
    const api = functionUrlFromTemplates({ templates, resources, pseudo: LOCAL_PSEUDO });
    const apiFunction = api.function;
    // Local callers are on localhost: let the API's CORS allow them, as its allowLocalhost does.
    apiFunction.environment.ALLOW_LOCALHOST = 'true';
    const tableName = apiFunction.environment.TABLE_NAME;
    const bucketName = apiFunction.environment.BUCKET_NAME;
    if (tableName === undefined || bucketName === undefined) {
      throw new LocalStackError('the API function has no TABLE_NAME / BUCKET_NAME binding');
    }

    // Load the API's handler now (its environment applied first, as Lambda's init does): a
    // broken module fails the start instead of the first request, which is also not slowed.
    await loadHandler(apiFunction);
    debug('API handler loaded');

    // With a TMDB key in the environment (docs/enrichment.md) every run asks for the Enrich state;
    // the functions' worker threads inherit this process's environment, the key included.
    const enrich = (process.env.TMDB_API_KEY ?? '').trim() !== '';
    if (enrich) log('TMDB_API_KEY is set: training runs enrich the movies from TMDB.');
    const runPipeline = pipelineRunner({
      templates,
      resources,
      clients,
      bucketName,
      enrich,
      log,
      ...(options.observe !== undefined && { observe: options.observe }),
    });
    const executions = createLocalExecutions(runPipeline);
    closers.push(() => executions.idle().catch(() => {}));

    const siteDir =
      options.siteDir === undefined ? await buildWebAppOrWarn(log) : (options.siteDir ?? undefined);
    debug('web app ready');
    const server = createLocalServer({
      isApiPath: (path) => isFunctionUrlPath(api, path),
      api: createLocalFunctionUrl(api, {
        onError: (error) => log(`API: ${describe(error)}`),
      }),
      site:
        siteDir === undefined
          ? noWebAppHandler()
          : webAppHandler(siteDir, siteRewrite(api.behaviors)),
      executions,
      onError: (error) => log(`server: ${describe(error)}`),
    });
    // Listen before training, so a taken port is reported now, not after minutes of work.
    const port = await listen(server, options.port);
    closers.push(() => closeServer(server));

    debug(`listening on ${port}`);
    const live = await liveModel(clients.dynamodb, tableName);
    if (live === undefined || options.dataset !== undefined) {
      log(
        live === undefined
          ? 'No model is live yet: training one (Ctrl-C to stop).'
          : `Training a new model on ${options.dataset} (version ${live} stays live until it is published).`,
      );
      const result = await runPipeline({
        ...(options.dataset !== undefined && { dataset: options.dataset }),
        // A dataset asked for by name replaces the live model even if its metrics differ.
        ...(live !== undefined && { force: true }),
      });
      if (result.status !== 'SUCCEEDED') {
        throw new LocalStackError(
          `training failed${result.failedState === undefined ? '' : ` in "${result.failedState}"`}${result.error === undefined ? '' : ` (${result.error})`}: ${result.cause ?? 'no cause given'}.${live === undefined ? '' : ` The live model ${live} stays in place.`}`,
        );
      }
      const published = await liveModel(clients.dynamodb, tableName);
      if (published === undefined) {
        throw new LocalStackError(
          'the pipeline succeeded but no model is live (MODEL/CURRENT is missing)',
        );
      }
      log(`Model ${published} is live.`);
    } else {
      log(`Model ${live} is live.`);
    }

    // TTL as DynamoDB applies it (dynalite has none), in the background: old versions go.
    const sweep = new AbortController();
    const expiring = Promise.all(
      tables.map((table) => expireItems(clients.dynamodb, table, undefined, sweep.signal)),
    )
      .then((counts) => {
        const total = counts.reduce((sum, n) => sum + n, 0);
        if (total > 0) log(`Deleted ${total} expired items (TTL) of superseded model versions.`);
      })
      .catch((error: unknown) => log(`TTL sweep: ${describe(error)}`));
    closers.push(() => {
      sweep.abort();
      return expiring;
    });

    const url = `http://127.0.0.1:${port}`;
    log(
      `Data bucket: s3://${bucketName} at ${emulators.s3Endpoint} (credentials ${S3RVER_CREDENTIALS.accessKeyId}/${S3RVER_CREDENTIALS.secretAccessKey}); operator ratings files go under datasets/incoming/.`,
    );
    log(`Started in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return {
      url,
      apiUrl: `${url}/api`,
      dataBucket: { endpoint: emulators.s3Endpoint, name: bucketName },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error instanceof LocalStackError
      ? error
      : new LocalStackError(describe(error), { cause: error });
  }
}

/**
 * The variables the handlers' SDK clients read (region, emulator credentials and endpoints),
 * plus two local overrides: Lambda's log level at WARN (per-request INFO lines would drown the
 * console; DEBUG=1 shows them) and no CloudWatch metrics (EMF lines are meaningless here).
 */
function applyLocalAwsEnvironment(emulators: RunningEmulators): void {
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, {
    AWS_REGION: LOCAL_PSEUDO.region,
    AWS_DEFAULT_REGION: LOCAL_PSEUDO.region,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodbEndpoint,
    AWS_ENDPOINT_URL_S3: emulators.s3Endpoint,
    AWS_LAMBDA_LOG_LEVEL: process.env.DEBUG ? 'DEBUG' : 'WARN',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  // The SDK's notice that its 2027 releases need Node 22 is about upgrades, not this run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

interface Clients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
}

function awsClients(emulators: RunningEmulators): Clients {
  const common = { region: LOCAL_PSEUDO.region, credentials: { ...S3RVER_CREDENTIALS } };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: emulators.dynamodbEndpoint }),
    s3: new S3Client({
      ...common,
      endpoint: emulators.s3Endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  };
}

/** The live version (MODEL/CURRENT of the serving table), or undefined before the first publish. */
async function liveModel(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: 'MODEL' }, sk: { S: 'CURRENT' } },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) return undefined;
  return Item.version?.S ?? 'unknown';
}

function pipelineRunner(deps: {
  templates: Record<string, CfnTemplate>;
  resources: LocalResources;
  clients: Clients;
  bucketName: string;
  /** Ask each run for the Enrich state (a TMDB key is configured). */
  enrich: boolean;
  log: (line: string) => void;
  observe?: LocalStackOptions['observe'];
}): (input: ExecutionInput) => Promise<ExecutionStatus> {
  const pipelineStack = Object.entries(deps.templates).find(([, template]) =>
    Object.values(template.Resources).some((r) => r.Type === 'AWS::StepFunctions::StateMachine'),
  )?.[0];
  return async (input) => {
    if (pipelineStack === undefined) {
      return { status: 'FAILED', error: 'NoStateMachine', cause: 'the app has no state machine' };
    }
    const dataset = await pipelineDataset(input.dataset, {
      client: deps.clients.s3,
      bucket: deps.bucketName,
    });
    const { runLocalPipeline } = await import('./local-pipeline.ts');
    const print = progressPrinter(deps.log);
    let failedState: string | undefined;
    const result = await runLocalPipeline({
      templates: deps.templates,
      resources: deps.resources,
      pipelineStack,
      readObject: async (bucket, key) => {
        const object = await deps.clients.s3.send(
          new GetObjectCommand({ Bucket: bucket, Key: key }),
        );
        if (object.Body === undefined) throw new Error(`s3://${bucket}/${key} has no body`);
        return object.Body.transformToByteArray();
      },
      input: {
        dataset,
        ...(input.force !== undefined && { force: input.force }),
        ...(deps.enrich && { enrich: true }),
      },
      onProgress: (event) => {
        // The first state whose failure ended it: a retry that then succeeded does not count.
        if (event.status === 'failed') failedState ??= event.state;
        else if (
          (event.status === 'succeeded' || event.status === 'retrying') &&
          event.state === failedState
        )
          failedState = undefined;
        print(event);
        deps.observe?.onEvent?.(event);
      },
      ...(deps.observe?.onUsage !== undefined && { onUsage: deps.observe.onUsage }),
      log: deps.log,
    });
    return {
      status: result.status,
      ...(failedState !== undefined && { failedState }),
      ...(result.error !== undefined && { error: result.error }),
      ...(result.cause !== undefined && { cause: result.cause }),
    };
  };
}

/**
 * One line per pipeline state as it starts and ends (elapsed seconds of the run and of the
 * state), one per finished Distributed Map item, e.g. `  12.3 s  done Train on Lambda (9.8 s)`,
 * and a running task's progress reports, e.g. `   9.1 s  Train on Lambda: ranking model, final fit: epoch 8/10`.
 */
export function progressPrinter(
  log: (line: string) => void,
  now: () => number = Date.now,
): (event: PipelineProgressEvent) => void {
  const started = now();
  const entered = new Map<string, number>();
  const failed = new Set<string>();
  const clock = () => `${((now() - started) / 1000).toFixed(1).padStart(6)} s`;
  return (event) => {
    const child = event.detail?.startsWith('item ') === true;
    if (child) {
      // Children of a Distributed Map: only an item's last state finishing or any failure.
      if (event.status === 'failed' || event.status === 'retrying') {
        log(`${clock()}  ${event.status} ${event.state} (${event.detail})`);
      } else if (event.status === 'succeeded') {
        log(`${clock()}  done ${event.state} ${event.detail}`);
      }
      return;
    }
    switch (event.status) {
      case 'entered':
        entered.set(event.state, now());
        log(`${clock()}  start ${event.state}`);
        return;
      case 'progress':
        log(`${clock()}  ${event.state}: ${event.detail ?? ''}`);
        return;
      case 'succeeded': {
        // A state whose error a Catch handled also exits; it was reported as failed already.
        if (failed.delete(event.state)) return;
        const since = entered.get(event.state);
        const took = since === undefined ? '' : ` (${((now() - since) / 1000).toFixed(1)} s)`;
        log(`${clock()}  done ${event.state}${took}`);
        return;
      }
      default:
        if (event.status === 'failed') failed.add(event.state);
        log(
          `${clock()}  ${event.status} ${event.state}${event.detail === undefined ? '' : `: ${event.detail}`}`,
        );
    }
  };
}

/** The built web app, or none (with a warning) when its build fails: the API still works. */
async function buildWebAppOrWarn(log: (line: string) => void): Promise<string | undefined> {
  try {
    return await ensureWebAppBuilt(log);
  } catch (error) {
    log(`The web app did not build (${describe(error)}); serving the API only.`);
    return undefined;
  }
}

/** What the local stack writes into its state folder; --fresh removes nothing else. */
const STATE_ENTRIES = new Set(['dynamodb', 's3', 'cdk.out']);

/**
 * Deletes the local stack's state. A folder holding anything the stack did not write there is
 * refused, so a mistyped --state-dir cannot take other files with it.
 */
async function wipeStateDir(stateDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(stateDir);
  } catch {
    return;
  }
  const foreign = entries.filter((entry) => !STATE_ENTRIES.has(entry));
  if (foreign.length > 0) {
    throw new LocalStackError(
      `--fresh would delete ${stateDir}, but it holds files the local stack did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}): remove them or choose another state folder`,
    );
  }
  await rm(stateDir, { recursive: true, force: true });
}

async function startEmulatorsOrExplain(stateDir: string): Promise<RunningEmulators> {
  try {
    const emulators = await startEmulatorsInThread(stateDir, emulatorPorts);
    emulatorPorts ??= {
      dynamodb: Number(new URL(emulators.dynamodbEndpoint).port),
      s3: Number(new URL(emulators.s3Endpoint).port),
    };
    return emulators;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && emulatorPorts !== undefined) {
      throw new LocalStackError(
        `the emulator ports of this process's earlier local stack (${emulatorPorts.dynamodb}, ${emulatorPorts.s3}) are taken, and its handlers still point at them: start the stack in a new process`,
        { cause: error },
      );
    }
    if (/lock/i.test(describe(error))) {
      throw new LocalStackError(
        `another MovieRec local stack is using ${stateDir}: stop it first (or give this one another state folder)`,
        { cause: error },
      );
    }
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new LocalStackError(
            `port ${port} is already in use: stop what is using it, or pick another port with PORT=<n> npm start (or npm start -- --port <n>)`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new LocalStackError(`port ${port} needs privileges: pick one above 1023 with --port <n>`),
        );
      } else {
        reject(error);
      }
    });
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
