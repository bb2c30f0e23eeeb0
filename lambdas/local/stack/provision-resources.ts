import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { LocalTable } from './template-tables.ts';

/**
 * Creates the tables the template declares, leaving existing ones (and their items) alone. An
 * existing table whose key schema no longer matches the template is an error naming both, since
 * its items could not be read the new way: start with --fresh to rebuild it. One that lacks an
 * index the template now declares still serves, so that is a warning (returned, one line per
 * index): dynalite cannot add an index to a table, and what queries it fails until --fresh.
 */
export async function createTables(
  client: DynamoDBClient,
  tables: readonly LocalTable[],
): Promise<string[]> {
  const warnings: string[] = [];
  for (const table of tables) {
    try {
      await client.send(new CreateTableCommand(table.input));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      const existing = await client.send(
        new DescribeTableCommand({ TableName: table.input.TableName }),
      );
      const have = JSON.stringify(existing.Table?.KeySchema ?? []);
      const want = JSON.stringify(table.input.KeySchema);
      if (have !== want) {
        throw new Error(
          `the local table ${table.input.TableName} has key schema ${have} but the template now declares ${want}; start with --fresh to recreate it`,
          { cause: error },
        );
      }
      const indexes = new Set(existing.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName));
      for (const index of table.input.GlobalSecondaryIndexes ?? []) {
        if (indexes.has(index.IndexName)) continue;
        warnings.push(
          `The local table ${table.input.TableName} predates its index ${index.IndexName} (dynalite cannot add one): training runs fail until you start with --fresh.`,
        );
      }
    }
  }
  return warnings;
}

/** Creates each bucket unless it exists (s3rver keeps them on disk across restarts). */
export async function createBuckets(client: S3Client, names: readonly string[]): Promise<void> {
  for (const name of names) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    } catch (error) {
      const code = (error as { name?: string }).name;
      if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
    }
  }
}
