import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { Stack } from 'aws-cdk-lib';
import { DataStack } from '../../../../lib/data-stack.ts';
import type { CfnTemplate } from '../../../../lambdas/local/stack/local-resources.ts';
import { localResources } from '../../../../lambdas/local/stack/local-resources.ts';
import { createTables } from '../../../../lambdas/local/stack/provision-resources.ts';
import { SERVING_TABLE_KEYS } from '../../../fixtures/serving-table-keys.ts';
import { useDynalite } from '../../../fixtures/use-dynalite.ts';
import {
  templateBuckets,
  templateTables,
} from '../../../../lambdas/local/stack/template-tables.ts';
import { createTestApp } from '../../../infra/test-app.ts';

const pseudo = { region: 'us-east-1', accountId: '000000000000' };

function dataTemplate(): Record<string, CfnTemplate> {
  const app = createTestApp();
  const stack = new DataStack(app, 'T-Data', { protectData: false });
  return {
    'T-Data': app.synth().getStackArtifact(Stack.of(stack).artifactId).template as CfnTemplate,
  };
}

describe('templateTables', () => {
  const templates = dataTemplate();
  const resources = localResources(templates, pseudo);

  it('reads the serving table from the Data stack template, TTL included', () => {
    const tables = templateTables(templates, resources);
    expect(tables).toEqual([
      {
        stackName: 'T-Data',
        logicalId: 'ServingTable',
        input: { TableName: resources['T-Data']!.ServingTable!.ref, ...SERVING_TABLE_KEYS },
        ttlAttribute: 'expiresAt',
      },
    ]);
  });

  it('lists both buckets by their local names', () => {
    expect(templateBuckets(templates, resources).sort()).toEqual(
      [resources['T-Data']!.AccessLogsBucket!.ref, resources['T-Data']!.DataBucket!.ref].sort(),
    );
  });

  it('takes provisioned throughput and indexes as declared', () => {
    const template: CfnTemplate = {
      Resources: {
        Events: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [
              { AttributeName: 'id', AttributeType: 'S' },
              { AttributeName: 'day', AttributeType: 'N' },
            ],
            ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 },
            GlobalSecondaryIndexes: [
              {
                IndexName: 'byDay',
                KeySchema: [{ AttributeName: 'day', KeyType: 'HASH' }],
                Projection: { ProjectionType: 'KEYS_ONLY' },
                ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
              },
            ],
          },
        },
      },
    };
    const [table] = templateTables({ S: template }, localResources({ S: template }, pseudo));
    expect(table!.input).toMatchObject({
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 },
      GlobalSecondaryIndexes: [{ IndexName: 'byDay', Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    expect(table!.ttlAttribute).toBeUndefined();
  });

  it('names the table when the template lacks a key schema', () => {
    const broken: CfnTemplate = {
      Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: {} } },
    };
    expect(() => templateTables({ S: broken }, localResources({ S: broken }, pseudo))).toThrow(
      'S/T: the template has no KeySchema/AttributeDefinitions',
    );
  });
});

describe('createTables against dynalite', () => {
  const dynamodb = useDynalite();
  const templates = dataTemplate();
  const tables = templateTables(templates, localResources(templates, pseudo));

  it('creates the table as the template declares it, and again leaves it alone', async () => {
    const client = dynamodb();
    await createTables(client, tables);
    await createTables(client, tables);
    const name = tables[0]!.input.TableName!;
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([name]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.KeySchema).toEqual(tables[0]!.input.KeySchema);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.TableStatus).toBe('ACTIVE');
  });

  it('warns of an index the template declares that an existing table lacks', async () => {
    const { GlobalSecondaryIndexes, ...withoutIndexes } = tables[0]!.input;
    const older = {
      ...tables[0]!,
      input: {
        ...withoutIndexes,
        TableName: 'older',
        AttributeDefinitions: withoutIndexes.AttributeDefinitions!.slice(0, 2),
      },
    };
    expect(await createTables(dynamodb(), [older])).toEqual([]);
    const now = { ...tables[0]!, input: { ...tables[0]!.input, TableName: 'older' } };
    expect(GlobalSecondaryIndexes).toHaveLength(1);
    expect(await createTables(dynamodb(), [now])).toEqual([
      'The local table older predates its index profiles (dynalite cannot add one): training runs fail until you start with --fresh.',
    ]);
    expect(await createTables(dynamodb(), tables)).toEqual([]);
  });

  it('refuses an existing table whose key schema the template has changed', async () => {
    const changed = {
      ...tables[0]!,
      input: {
        ...tables[0]!.input,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }],
        GlobalSecondaryIndexes: undefined,
      },
    };
    await expect(createTables(dynamodb(), [changed])).rejects.toThrow(/start with --fresh/);
  });
});
