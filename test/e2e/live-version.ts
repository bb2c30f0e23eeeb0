import { expect } from 'vitest';
import { get } from './api-client.ts';

/** The live model version from `GET /health` (`{"status":"ok","model":{"version",…}}`). */
export async function liveVersion(): Promise<string> {
  const answer = await get('/health');
  expect(answer.status, answer.text).toBe(200);
  const body = answer.json as { status: string; model: { version: string } | null };
  expect(body.status).toBe('ok');
  expect(body.model, 'a model is live').not.toBeNull();
  return body.model!.version;
}
