/** Where this installation's own files are: the directory above the bundle (or src/) with package.json and images/. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function installRoot(from = fileURLToPath(import.meta.url)): string | null {
  let dir = path.dirname(from);
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'images')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return null;
}
