import { scoreShard } from '../../app/pipeline/score-shard.ts';
import { shardSchema } from '../../app/pipeline/shard-manifest.ts';
import { pipelineConfig } from '../../aws/pipeline-config.ts';
import { pipelineHandler } from './pipeline-handler.ts';
import { loadProfileUsers, loadVersion, servingWriter, writeOptions } from './pipeline-ports.ts';

/** One Distributed Map child: top-N and user vectors of one shard of users (profiles' lists under the profile) → DynamoDB. */
export const handler = pipelineHandler('score-shard', shardSchema, (shard) =>
  scoreShard(shard, {
    loadVersion,
    loadProfileUsers,
    serving: servingWriter(),
    write: writeOptions,
    topN: pipelineConfig().topN,
  }),
);
