/** Read a small regular file out of a container (running or not) through the engine's archive API. */
import tar from 'tar-stream';
import type { Engine } from '../engine/types.js';

const MAX_BYTES = 4 * 1024 * 1024;

/** The file's text, or null when it is missing, not a regular file, or above 4 MiB. */
export async function readContainerFile(engine: Engine, id: string, file: string): Promise<string | null> {
  const stream = await engine.getArchive(id, file).catch(() => null);
  if (!stream) return null;
  const extract = tar.extract();
  const chunks: Buffer[] = [];
  let regular = false;
  extract.on('entry', (h, s, next) => {
    if (h.type === 'file' && (h.size ?? 0) <= MAX_BYTES) {
      regular = true;
      s.on('data', (c: unknown) => chunks.push(c as Buffer));
    }
    s.on('end', next);
    s.resume();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      extract.on('finish', resolve);
      extract.on('error', reject);
      stream.pipe(extract);
    });
  } finally {
    // The engine holds the container while it streams: consume or destroy.
    if (!stream.readableEnded) stream.destroy();
  }
  return regular ? Buffer.concat(chunks).toString('utf8') : null;
}
