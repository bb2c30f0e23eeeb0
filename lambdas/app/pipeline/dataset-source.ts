/**
 * The port through which ingest fetches a dataset archive: HTTPS (GroupLens) or an s3:// uri in
 * the cloud, injected bytes in tests (tests never download).
 */
export interface DatasetSource {
  /** The whole archive at `uri` (https://… or s3://bucket/key). */
  fetch(uri: string): Promise<Uint8Array>;
}
