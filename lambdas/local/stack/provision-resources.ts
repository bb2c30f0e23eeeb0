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
 * existing table whose key schema or global indexes no longer match the template is an error
 * naming both, since its items could not be read the new way: start with --fresh to rebuild it.
 */
export async function createTables(
  client: DynamoDBClient,
  tables: readonly LocalTable[],
): Promise<void> {
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
      const indexes = (list: readonly { IndexName?: string | undefined }[] | undefined) =>
        (list ?? []).map((index) => index.IndexName).sort();
      const haveIndexes = indexes(existing.Table?.GlobalSecondaryIndexes);
      const wantIndexes = indexes(table.input.GlobalSecondaryIndexes);
      if (JSON.stringify(haveIndexes) !== JSON.stringify(wantIndexes)) {
        // dynalite cannot add an index to an existing table.
        throw new Error(
          `the local table ${table.input.TableName} has the indexes [${haveIndexes.join(', ')}] but the template now declares [${wantIndexes.join(', ')}]; start with --fresh to recreate it`,
          { cause: error },
        );
      }
    }
  }
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
