import { createHash } from 'node:crypto';

/** The parts of a synthesized CloudFormation template the local stack reads. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CfnOutput {
  Value: unknown;
  Description?: string;
  Export?: { Name: unknown };
  Condition?: string;
}

export interface CfnParameter {
  Type: string;
  Default?: unknown;
  Description?: string;
}

export interface CfnTemplate {
  Description?: string;
  Parameters?: Record<string, CfnParameter>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, CfnOutput>;
  [section: string]: unknown;
}

/** The local stand-in of a deployed resource: what `Ref` and `Fn::GetAtt` return for it. */
export interface LocalResource {
  ref: string;
  attributes: Record<string, string>;
}

/** stack name → logical id → local physical values. */
export type LocalResources = Record<string, Record<string, LocalResource>>;

/** Account and region the local stack pretends to run in. */
export interface PseudoParameters {
  region: string;
  accountId: string;
}

/** `aws`, or the partition of a China / GovCloud region. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `amazonaws.com`, or the China partition's suffix. */
export function urlSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * A deterministic physical id for every resource of every stack, in the shape CloudFormation
 * would give it (bucket names valid for S3, ARNs with the local region and account), with the
 * `Fn::GetAtt` attributes the resource type offers. A name set in the template (BucketName,
 * TableName, FunctionName, ...) is used as is, as CloudFormation would. The same templates
 * always give the same values, so state on disk (tables, buckets) survives restarts.
 */
export function localResources(
  templates: Readonly<Record<string, CfnTemplate>>,
  pseudo: PseudoParameters,
): LocalResources {
  const result: LocalResources = {};
  for (const [stackName, template] of Object.entries(templates)) {
    const stack: Record<string, LocalResource> = {};
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      stack[logicalId] = localResource(stackName, logicalId, resource, pseudo);
    }
    // A function URL's FunctionArn is its target's, named by Fn::GetAtt in the same stack.
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Url') continue;
      const target = (resource.Properties?.TargetFunctionArn as { 'Fn::GetAtt'?: unknown[] })?.[
        'Fn::GetAtt'
      ]?.[0];
      const arn = typeof target === 'string' ? stack[target]?.attributes.Arn : undefined;
      if (arn !== undefined) stack[logicalId]!.attributes.FunctionArn = arn;
    }
    result[stackName] = stack;
  }
  return result;
}

function localResource(
  stackName: string,
  logicalId: string,
  resource: CfnResource,
  pseudo: PseudoParameters,
): LocalResource {
  const { region, accountId: account } = pseudo;
  const partition = partitionOf(region);
  const suffix = urlSuffixOf(region);
  const props = resource.Properties ?? {};
  const given = (key: string): string | undefined =>
    typeof props[key] === 'string' ? (props[key] as string) : undefined;
  const hash = createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex');
  /** CloudFormation's generated names: `<stack>-<logical id>`, cut to `max` with a hash. */
  const name = (max: number, separator = '-'): string =>
    fit(`${stackName}${separator}${logicalId}`, max, hash);
  const arn = (service: string, resourcePart: string, withRegion = true): string =>
    `arn:${partition}:${service}:${withRegion ? region : ''}:${account}:${resourcePart}`;

  switch (resource.Type) {
    case 'AWS::S3::Bucket': {
      const bucket = given('BucketName') ?? bucketName(stackName, logicalId, hash);
      return {
        ref: bucket,
        attributes: {
          Arn: `arn:${partition}:s3:::${bucket}`,
          DomainName: `${bucket}.s3.${suffix}`,
          RegionalDomainName: `${bucket}.s3.${region}.${suffix}`,
          DualStackDomainName: `${bucket}.s3.dualstack.${region}.${suffix}`,
          WebsiteURL: `http://${bucket}.s3-website-${region}.${suffix}`,
        },
      };
    }
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable': {
      const table = given('TableName') ?? name(255);
      const tableArn = arn('dynamodb', `table/${table}`);
      return {
        ref: table,
        attributes: { Arn: tableArn, StreamArn: `${tableArn}/stream/1970-01-01T00:00:00.000` },
      };
    }
    case 'AWS::Lambda::Function': {
      const fn = given('FunctionName') ?? name(64);
      return { ref: fn, attributes: { Arn: arn('lambda', `function:${fn}`) } };
    }
    case 'AWS::CloudWatch::Alarm': {
      const alarm = given('AlarmName') ?? name(255);
      return { ref: alarm, attributes: { Arn: arn('cloudwatch', `alarm:${alarm}`) } };
    }
    case 'AWS::SNS::Topic': {
      const topic = given('TopicName') ?? name(256);
      const topicArn = arn('sns', topic);
      return { ref: topicArn, attributes: { TopicArn: topicArn, TopicName: topic } };
    }
    case 'AWS::SQS::Queue': {
      const queue = given('QueueName') ?? name(80);
      const url = `https://sqs.${region}.${suffix}/${account}/${queue}`;
      return { ref: url, attributes: { Arn: arn('sqs', queue), QueueName: queue, QueueUrl: url } };
    }
    case 'AWS::StepFunctions::StateMachine': {
      const machine = given('StateMachineName') ?? name(80);
      const machineArn = arn('states', `stateMachine:${machine}`);
      return {
        ref: machineArn,
        attributes: { Arn: machineArn, Name: machine, StateMachineRevisionId: machineArn },
      };
    }
    case 'AWS::ECS::Cluster': {
      const cluster = given('ClusterName') ?? name(255);
      return { ref: cluster, attributes: { Arn: arn('ecs', `cluster/${cluster}`) } };
    }
    case 'AWS::ECS::TaskDefinition': {
      const family = given('Family') ?? name(255);
      const taskArn = arn('ecs', `task-definition/${family}:1`);
      return { ref: taskArn, attributes: { TaskDefinitionArn: taskArn } };
    }
    case 'AWS::IAM::Role': {
      const role = given('RoleName') ?? name(64);
      return {
        ref: role,
        attributes: {
          Arn: arn('iam', `role/${role}`, false),
          RoleId: `AROA${hash.slice(0, 17).toUpperCase()}`,
        },
      };
    }
    case 'AWS::Logs::LogGroup': {
      const group = given('LogGroupName') ?? name(512);
      return { ref: group, attributes: { Arn: arn('logs', `log-group:${group}:*`) } };
    }
    case 'AWS::Events::Rule': {
      const rule = given('Name') ?? name(64);
      return { ref: rule, attributes: { Arn: arn('events', `rule/${rule}`) } };
    }
    case 'AWS::SecretsManager::Secret': {
      // Ref is the ARN, whose name Secrets Manager suffixes with six random characters.
      const secretArn = arn(
        'secretsmanager',
        `secret:${given('Name') ?? name(256)}-${hash.slice(0, 6)}`,
      );
      return { ref: secretArn, attributes: { Id: secretArn } };
    }
    case 'AWS::KMS::Key': {
      const key = uuidFrom(hash);
      return { ref: key, attributes: { Arn: arn('kms', `key/${key}`), KeyId: key } };
    }
    case 'AWS::Lambda::Url': {
      // <url-id>.lambda-url.<region>.on.aws: 32 lower-case letters and digits.
      const id = base36(hash, 16) + base36(hash.slice(16), 16);
      const url = `https://${id}.lambda-url.${region}.on.aws/`;
      return { ref: url, attributes: { FunctionUrl: url } };
    }
    case 'AWS::CloudFront::Distribution': {
      const id = `E${base36(hash, 13).toUpperCase()}`;
      return {
        ref: id,
        attributes: { Id: id, DomainName: `d${base36(hash.slice(13), 13)}.cloudfront.net` },
      };
    }
    case 'AWS::CloudFront::Function': {
      const fn = given('Name') ?? name(64);
      const fnArn = `arn:${partition}:cloudfront::${account}:function/${fn}`;
      return { ref: fnArn, attributes: { FunctionARN: fnArn, FunctionMetadata: fnArn } };
    }
    case 'AWS::EC2::VPC': {
      const id = `vpc-${hash.slice(0, 17)}`;
      return {
        ref: id,
        attributes: {
          VpcId: id,
          CidrBlock: given('CidrBlock') ?? '10.0.0.0/16',
          DefaultSecurityGroup: `sg-${hash.slice(17, 34)}`,
          DefaultNetworkAcl: `acl-${hash.slice(17, 34)}`,
        },
      };
    }
    case 'AWS::EC2::SecurityGroup': {
      const id = `sg-${hash.slice(0, 17)}`;
      return { ref: id, attributes: { GroupId: id, VpcId: '' } };
    }
    case 'AWS::EC2::Subnet': {
      const id = `subnet-${hash.slice(0, 17)}`;
      return { ref: id, attributes: { SubnetId: id } };
    }
    default: {
      // Every other type: an opaque, stable id (EC2-style where the type has one).
      const prefix = ec2Prefix(resource.Type);
      const id = prefix === undefined ? name(128) : `${prefix}${hash.slice(0, 17)}`;
      return { ref: id, attributes: { Id: id } };
    }
  }
}

/** A valid S3 bucket name (lower case, 3–63 chars, letters, digits and dashes). */
function bucketName(stackName: string, logicalId: string, hash: string): string {
  const clean = `${stackName}-${logicalId}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return fit(clean, 63, hash).replace(/-+$/, '');
}

/** `value`, or its first characters and 8 of `hash` when longer than `max`. */
function fit(value: string, max: number, hash: string): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max - 9)}-${hash.slice(0, 8)}`;
}

function base36(hex: string, length: number): string {
  return BigInt(`0x${hex.slice(0, 24)}`)
    .toString(36)
    .padStart(length, '0')
    .slice(0, length);
}

function uuidFrom(hash: string): string {
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
}

/** EC2-style ids (`rtb-…`, `igw-…`) for the networking types of the Fargate VPC. */
function ec2Prefix(type: string): string | undefined {
  const prefixes: Record<string, string> = {
    'AWS::EC2::RouteTable': 'rtb-',
    'AWS::EC2::InternetGateway': 'igw-',
    'AWS::EC2::VPCEndpoint': 'vpce-',
    'AWS::EC2::FlowLog': 'fl-',
  };
  return prefixes[type];
}
