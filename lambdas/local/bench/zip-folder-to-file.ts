import { createReadStream, createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { Zip, ZipDeflate } from 'fflate';

/**
 * Zips a flat folder into `zipPath` under one top folder `top/`, as GroupLens packs its
 * releases, streaming: each file is read and deflated (level 6, as GroupLens's zips) in chunks
 * and the zip written as it grows, so a 650 MB ratings.csv is never held whole.
 */
export async function zipFolderToFile(folder: string, zipPath: string, top: string): Promise<void> {
  const out = createWriteStream(zipPath);
  let failure: Error | undefined;
  const pending: Promise<unknown>[] = [];
  const zip = new Zip((error, chunk) => {
    if (error !== null) {
      failure = error;
      return;
    }
    if (!out.write(chunk)) pending.push(once(out, 'drain'));
  });
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  for (const name of names) {
    const entry = new ZipDeflate(`${top}/${name}`, { level: 6 });
    zip.add(entry);
    for await (const chunk of createReadStream(join(folder, name), { highWaterMark: 1 << 20 })) {
      entry.push(chunk as Uint8Array);
      await Promise.all(pending.splice(0));
      if (failure !== undefined) throw failure;
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure !== undefined) throw failure;
  out.end();
  await once(out, 'finish');
}
