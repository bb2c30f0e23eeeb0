import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { DATA_PREFIXES } from './data-stack.ts';
import { acknowledgeWildcardResources } from './nag-acknowledgements.ts';
import { ENTRY_METADATA } from './movierec-function.ts';
import { NODE_IMAGE } from './node-build-container.ts';
import { TRAIN_TASK_ENTRY, TRAIN_TASK_FILE, trainTaskAsset } from './train-task-bundle.ts';

/** The AWS CLI on ECR Public, pinned: it copies the task bundle from S3 with the task's role. */
export const AWS_CLI_IMAGE = 'public.ecr.aws/aws-cli/aws-cli:2.34.0';

export interface FargateTrainingProps {
  readonly bucket: IBucket;
  /** @default 4096 (4 vCPU) */
  readonly cpu?: number;
  /** @default 30720 (the most Fargate gives 4 vCPU) */
  readonly memoryLimitMiB?: number;
}

/**
 * Training of large datasets in a Fargate task: a VPC with public subnets only, a cluster and a
 * task definition of public images only, so deploying builds no image and needs no Docker. An
 * init container (the AWS CLI) copies the esbuild bundle of the training task, an ordinary S3
 * asset, into a volume the task's containers share; then the official Node.js image runs it.
 * The state machine runs the task with `runTask` (ECS RunTask .sync).
 *
 * No NAT gateway: the task calls S3 (through a gateway endpoint), ECR Public and CloudWatch Logs
 * with a public IP and accepts no inbound traffic, so a NAT (~$32/month per AZ) would buy nothing.
 */
export class FargateTraining extends Construct {
  readonly cluster: ecs.Cluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: FargateTrainingProps) {
    super(scope, id);
    const { bucket } = props;
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
    });
    vpc.addFlowLog('FlowLogs', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        new logs.LogGroup(this, 'FlowLogGroup', {
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      ),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
    vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TrainTask', {
      cpu: props.cpu ?? 4096,
      memoryLimitMiB: props.memoryLimitMiB ?? 30720,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    // The source of the task, as on the functions: the local stack runs it from the template.
    (this.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition).addMetadata(
      ENTRY_METADATA,
      relative(fileURLToPath(new URL('..', import.meta.url)), TRAIN_TASK_ENTRY)
        .split(sep)
        .join('/'),
    );
    const logGroup = new logs.LogGroup(this, 'TrainTaskLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const bundle = trainTaskAsset(this, 'TrainTaskBundle');
    const volume = 'task-bundle';
    const taskDir = '/task';
    this.taskDefinition.addVolume({ name: volume });
    const fetch = this.taskDefinition.addContainer('fetch', {
      image: ecs.ContainerImage.fromRegistry(AWS_CLI_IMAGE),
      essential: false,
      command: [
        's3',
        'cp',
        bundle.s3ObjectUrl,
        `${taskDir}/${TRAIN_TASK_FILE}`,
        '--region',
        Stack.of(this).region,
        '--only-show-errors',
      ],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'fetch', logGroup }),
    });
    fetch.addMountPoints({ sourceVolume: volume, containerPath: taskDir, readOnly: false });
    this.container = this.taskDefinition.addContainer('train', {
      image: ecs.ContainerImage.fromRegistry(NODE_IMAGE),
      command: ['node', `${taskDir}/${TRAIN_TASK_FILE}`],
      user: 'node',
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'train', logGroup }),
      environment: { BUCKET_NAME: bucket.bucketName, NODE_OPTIONS: '--enable-source-maps' },
    });
    this.container.addMountPoints({ sourceVolume: volume, containerPath: taskDir, readOnly: true });
    this.container.addContainerDependencies({
      container: fetch,
      condition: ecs.ContainerDependencyCondition.SUCCESS,
    });
    const datasets = bucket.arnForObjects(`${DATA_PREFIXES.datasets}*`);
    const models = bucket.arnForObjects(`${DATA_PREFIXES.models}*`);
    const taskRole = this.taskDefinition.taskRole;
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [bundle.bucket.arnForObjects(bundle.s3ObjectKey)],
      }),
    );
    const enrichment = bucket.arnForObjects(`${DATA_PREFIXES.enrichment}*`);
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [datasets, enrichment] }),
    );
    // A missing object is a 404 only to a caller that may list the bucket (else 403).
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    );
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [models],
      }),
    );
    acknowledgeWildcardResources(
      taskRole,
      [datasets, enrichment, models],
      'The training task reads the processed dataset under "datasets/" and the TMDB snapshot under "enrichment/tmdb/", and writes a model version under "models/": object keys under a prefix cannot be listed in a policy.',
    );
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment variables are the data bucket name and NODE_OPTIONS, neither secret.',
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'TrainTaskSecurityGroup', {
      vpc,
      description: 'Training task: outbound only (S3, ECR Public, CloudWatch Logs)',
      allowAllOutbound: true,
    });
  }

  /** The RunTask .sync state training `version` from the processed dataset at `processedPrefix`. */
  runTask(
    name: string,
    input: {
      processedPrefix: string;
      version: string;
      /** Tuning trials per model the task runs before training (0: none). */
      tuningTrials: number;
    },
  ): tasks.EcsRunTask {
    return new tasks.EcsRunTask(Stack.of(this), name, {
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      launchTarget: new tasks.EcsFargateLaunchTarget({
        platformVersion: ecs.FargatePlatformVersion.LATEST,
      }),
      assignPublicIp: true,
      subnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [this.securityGroup],
      containerOverrides: [
        {
          containerDefinition: this.container,
          environment: [
            { name: 'PROCESSED_PREFIX', value: input.processedPrefix },
            { name: 'MODEL_VERSION', value: input.version },
            { name: 'TUNING_TRIALS', value: String(input.tuningTrials) },
          ],
        },
      ],
      taskTimeout: sfn.Timeout.duration(Duration.hours(6)),
      resultPath: sfn.JsonPath.DISCARD,
    });
  }
}
