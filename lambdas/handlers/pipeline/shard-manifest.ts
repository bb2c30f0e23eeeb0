import * as z from 'zod';
import { writeShardManifest } from '../../app/pipeline/shard-manifest.ts';
import { pipelineConfig } from '../../aws/pipeline-config.ts';
import { pipelineHandler } from './pipeline-handler.ts';
import { objectStore } from './pipeline-ports.ts';

/** Shard-manifest step: the S3 JSON array the Distributed Map reads its items from. */
export const handler = pipelineHandler(
  'shard-manifest',
  z.object({ version: z.string().min(1) }),
  (input) =>
    writeShardManifest(
      { ...input, shardSize: pipelineConfig().shardSize },
      { store: objectStore() },
    ),
);
