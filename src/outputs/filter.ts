/**
 * Which entries of the output tar become files. Pure: a header in, a decision out. The attacker controls every
 * name and type in the volume; only regular files and directories with plain names are ever written.
 */
import type { OutputCaps } from '../config/run-options.js';

export type EntryType =
  'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo' | string;

export type SkipReason =
  | 'symlink'
  | 'hardlink'
  | 'device'
  | 'fifo'
  | 'special-file'
  | 'unsafe-name'
  | 'file-too-large'
  | 'total-size-cap'
  | 'file-count-cap'
  | 'duplicate'
  | 'outside-output';

export type Decision =
  | { action: 'write-file'; path: string; size: number; mode: number }
  | { action: 'make-dir'; path: string }
  | { action: 'root' }
  | { action: 'skip'; path: string; reason: SkipReason; detail?: string };

export interface FilterState {
  files: number;
  bytes: number;
}

/** Characters the artifact service refuses in a path, and control characters (newline, escape …). */
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u001f\u007f"<>|*?:\\]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
const MAX_COMPONENT = 255;
const MAX_PATH = 1024;

/**
 * Strip the archive's top folder (`output/…` for a copy of /output) and check each component.
 * Returns the relative path, '' for the top folder itself, or null when the name is unsafe.
 */
export function safeRelativePath(name: string, top: string): string | null | '' {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === top) return '';
  if (!trimmed.startsWith(`${top}/`)) return null;
  const rel = trimmed.slice(top.length + 1);
  if (rel.length === 0 || rel.length > MAX_PATH) return null;
  const parts = rel.split('/');
  for (const p of parts) {
    if (p === '' || p === '.' || p === '..' || p.length > MAX_COMPONENT || BAD_CHARS.test(p)) return null;
    if (/^\s|\s$/.test(p)) return null;
  }
  return parts.join('/');
}

/** Printable form of a hostile name for reports: control characters escaped, length bounded. */
export function displayName(name: string): string {
  const shown = name.replace(CONTROL_CHARS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}

export function decide(
  header: { name: string; type: EntryType; size: number; mode: number },
  top: string,
  caps: OutputCaps,
  state: FilterState,
): Decision {
  const rel = safeRelativePath(header.name, top);
  const shown = displayName(
    header.name.startsWith(`${top}/`) ? header.name.slice(top.length + 1) : header.name,
  );
  if (rel === '')
    return header.type === 'directory'
      ? { action: 'root' }
      : { action: 'skip', path: shown, reason: 'special-file' };
  switch (header.type) {
    case 'symlink':
      return { action: 'skip', path: shown, reason: 'symlink' };
    case 'link':
      return { action: 'skip', path: shown, reason: 'hardlink' };
    case 'character-device':
    case 'block-device':
      return { action: 'skip', path: shown, reason: 'device' };
    case 'fifo':
      return { action: 'skip', path: shown, reason: 'fifo' };
    case 'directory':
    case 'file':
      break;
    default:
      return { action: 'skip', path: shown, reason: 'special-file', detail: String(header.type) };
  }
  if (rel === null) {
    return header.name.startsWith(`${top}/`)
      ? { action: 'skip', path: shown, reason: 'unsafe-name' }
      : { action: 'skip', path: shown, reason: 'outside-output' };
  }
  if (header.type === 'directory') return { action: 'make-dir', path: rel };
  if (header.size > caps.maxFileBytes) {
    return { action: 'skip', path: rel, reason: 'file-too-large', detail: `${header.size} bytes` };
  }
  if (state.files >= caps.maxFiles) return { action: 'skip', path: rel, reason: 'file-count-cap' };
  if (state.bytes + header.size > caps.maxTotalBytes) {
    return { action: 'skip', path: rel, reason: 'total-size-cap', detail: `${header.size} bytes` };
  }
  // Keep the owner's execute bit only; never setuid, setgid or sticky; never writable by others.
  const mode = header.mode & 0o100 ? 0o755 : 0o644;
  return { action: 'write-file', path: rel, size: header.size, mode };
}
