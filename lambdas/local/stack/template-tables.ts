import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { CfnTemplate, LocalResources } from './local-resources.ts';

/** A table the local stack creates, with the TTL attribute its template enables (if any). */
export interface LocalTable {
  stackName: string;
  logicalId: string;
  input: CreateTableCommandInput;
  ttlAttribute?: string;
}

type KeySchema = NonNullable<CreateTableCommandInput['KeySchema']>;
type AttributeDefinitions = NonNullable<CreateTableCommandInput['AttributeDefinitions']>;

/**
 * CreateTable inputs for every AWS::DynamoDB::Table of the synthesized stacks: key schema,
 * attribute definitions, billing mode, indexes and TTL exactly as the template declares them,
 * so the local table cannot drift from the deployed one. Its name is its local physical id
 * (what `Ref` resolves to, see localResources).
 */
export function templateTables(
  templates: Readonly<Record<string, CfnTemplate>>,
  resources: LocalResources,
): LocalTable[] {
  const tables: LocalTable[] = [];
  for (const [stackName, template] of Object.entries(templates)) {
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::DynamoDB::Table') continue;
      const props = resource.Properties ?? {};
      const where = `${stackName}/${logicalId}`;
      const keySchema = props.KeySchema as KeySchema | undefined;
      const attributes = props.AttributeDefinitions as AttributeDefinitions | undefined;
      if (!Array.isArray(keySchema) || !Array.isArray(attributes)) {
        throw new Error(`${where}: the template has no KeySchema/AttributeDefinitions`);
      }
      const onDemand = (props.BillingMode ?? 'PROVISIONED') === 'PAY_PER_REQUEST';
      const throughput = props.ProvisionedThroughput as
        { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined;
      const input: CreateTableCommandInput = {
        TableName: physicalName(resources, stackName, logicalId),
        KeySchema: keySchema,
        AttributeDefinitions: attributes,
        BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
        ...(!onDemand && {
          ProvisionedThroughput: throughput ?? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        }),
        ...indexes(props, onDemand),
      };
      const ttl = props.TimeToLiveSpecification as
        { AttributeName?: string; Enabled?: boolean } | undefined;
      tables.push({
        stackName,
        logicalId,
        input,
        ...(ttl?.Enabled === true &&
          ttl.AttributeName !== undefined && { ttlAttribute: ttl.AttributeName }),
      });
    }
  }
  return tables;
}

interface CfnIndex {
  IndexName: string;
  KeySchema: KeySchema;
  Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}

function indexes(
  props: Record<string, unknown>,
  onDemand: boolean,
): Pick<CreateTableCommandInput, 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes'> {
  const global = props.GlobalSecondaryIndexes as CfnIndex[] | undefined;
  const local = props.LocalSecondaryIndexes as CfnIndex[] | undefined;
  return {
    ...(global !== undefined &&
      global.length > 0 && {
        GlobalSecondaryIndexes: global.map((index) => ({
          IndexName: index.IndexName,
          KeySchema: index.KeySchema,
          Projection: index.Projection as never,
          ...(!onDemand && {
            ProvisionedThroughput: index.ProvisionedThroughput ?? {
              ReadCapacityUnits: 5,
              WriteCapacityUnits: 5,
            },
          }),
        })),
      }),
    ...(local !== undefined &&
      local.length > 0 && {
        LocalSecondaryIndexes: local.map((index) => ({
          IndexName: index.IndexName,
          KeySchema: index.KeySchema,
          Projection: index.Projection as never,
        })),
      }),
  };
}

/** The local names of every AWS::S3::Bucket of the synthesized stacks. */
export function templateBuckets(
  templates: Readonly<Record<string, CfnTemplate>>,
  resources: LocalResources,
): string[] {
  return Object.entries(templates).flatMap(([stackName, template]) =>
    Object.entries(template.Resources ?? {})
      .filter(([, resource]) => resource.Type === 'AWS::S3::Bucket')
      .map(([logicalId]) => physicalName(resources, stackName, logicalId)),
  );
}

function physicalName(resources: LocalResources, stackName: string, logicalId: string): string {
  const resource = resources[stackName]?.[logicalId];
  if (resource === undefined) throw new Error(`${stackName}/${logicalId}: no local resource`);
  return resource.ref;
}
