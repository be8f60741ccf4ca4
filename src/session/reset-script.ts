/**
 * The scripts that reset a warm sandbox between runs (pure text). They run as the sandbox user, in two steps:
 *  1. `KILL_SCRIPT`: kill(-1, SIGKILL) kills every process the sandbox user may signal (all of its own), in one
 *     atomic pass of the kernel. Its own word is never taken for it: the trusted side then lists the container's
 *     processes through the engine (runc), or restarts the sandbox (gVisor, whose processes the engine cannot list).
 *  2. `wipeScript`: only once no process of the sandbox user is left (so nothing can tamper with it), it empties
 *     /work, /output, /tmp, /dev/shm, /dev/mqueue (and /state), resets the modes of the volume roots and removes
 *     their extended attributes and ACLs, removes System V IPC objects, and checks each of these. It exits 0 only
 *     when all is clean; anything it cannot clean or check exits 3 with one line saying what (the run is then cold).
 * Names with newlines, leading dashes or dots, unreadable directories, links: all handled without following links.
 */
import { TRUSTED_PATH } from './plan.js';

export const KILL_SCRIPT = 'kill -9 -1 2>/dev/null; exit 0';
export const RESET_MARK = 'sandbox-action-reset';
export const RESET_UNCLEAN = 3;

/** The variables the trusted scripts get in place of the session's (a --env cannot reach into them). */
export const TRUSTED_ENV = [
  TRUSTED_PATH,
  'LD_PRELOAD=',
  'LD_LIBRARY_PATH=',
  'LD_AUDIT=',
  'ENV=',
  'BASH_ENV=',
  'PYTHONPATH=',
  'PYTHONHOME=',
  'PYTHONSTARTUP=',
  'PERL5LIB=',
  'PERL5OPT=',
];

/** Python: remove every extended attribute (user.*, ACLs) of the given roots but security.* (no one here can set it). */
const PY_XATTR = [
  'import os, sys',
  'left = []',
  'for d in sys.argv[1:]:',
  '    try:',
  '        names = os.listxattr(d, follow_symlinks=False)',
  '    except OSError as e:',
  '        if e.errno in (95, 61): continue',
  '        raise',
  '    for n in names:',
  "        if not n.startswith('security.'):",
  '            try: os.removexattr(d, n, follow_symlinks=False)',
  '            except OSError: pass',
  "    if [n for n in os.listxattr(d, follow_symlinks=False) if not n.startswith('security.')]: left.append(d)",
  'sys.exit(1 if left else 0)',
].join('\n');

/** Perl has no xattr calls of its own: llistxattr and lremovexattr by number (x86_64, aarch64). */
const PL_XATTR = [
  'use POSIX ();',
  'my %nr = (x86_64 => [195, 198], aarch64 => [12, 15]);',
  'my $n = $nr{(POSIX::uname())[4]} or exit 2;',
  'my $left = 0;',
  'for my $d (@ARGV) {',
  '  for my $pass (0, 1) {',
  '    my $buf = "\\0" x 65536;',
  '    my $len = syscall($n->[0], $d, $buf, 65536);',
  '    if ($len < 0) { last if $! == 95 || $! == 61; exit 2 }',
  '    my @names = grep { length && !/^security\\./ } split /\\0/, substr($buf, 0, $len);',
  '    last unless @names;',
  '    if ($pass) { $left = 1; last }',
  '    syscall($n->[1], $d, $_) for @names;',
  '  }',
  '}',
  'exit $left;',
].join('\n');

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface WipeTargets {
  /** Directories emptied (each checked empty after). */
  dirs: string[];
  /** Volume roots whose mode is reset and whose extended attributes are removed. */
  roots: string[];
}

/** The directories a warm sandbox's reset empties: its volumes (not a read-only /work) and its shared places. */
export function wipeTargets(o: { writableWork: boolean; state: boolean }): WipeTargets {
  const roots = [...(o.writableWork ? ['/work'] : []), '/output', ...(o.state ? ['/state'] : [])];
  return { dirs: [...roots, '/tmp', '/dev/shm', '/dev/mqueue'], roots };
}

export function wipeScript(t: WipeTargets): string {
  const dirs = t.dirs.map(q).join(' ');
  const roots = t.roots.map(q).join(' ');
  return [
    'bad=',
    'empty() { for f in "$1"/* "$1"/.[!.]* "$1"/..?*; do if [ -e "$f" ] || [ -L "$f" ]; then return 1; fi; done; return 0; }',
    `for d in ${dirs}; do`,
    '  [ -d "$d" ] || continue',
    '  chmod -R u+rwX -- "$d" 2>/dev/null',
    '  rm -rf -- "$d"/* "$d"/.[!.]* "$d"/..?* 2>/dev/null',
    // Too many names for one command line: one at a time.
    '  empty "$d" || for f in "$d"/* "$d"/.[!.]* "$d"/..?*; do rm -rf -- "$f" 2>/dev/null; done',
    '  empty "$d" || bad="$bad left:$d"',
    'done',
    // A numeric mode of four digits keeps a directory's setuid and setgid bits (GNU chmod): they are taken off by
    // name and checked. The roots' times are set to now, so no chosen time is left on them (found by review).
    ...(roots
      ? [
          `chmod 0755 ${roots} 2>/dev/null && chmod ug-s,o-t ${roots} 2>/dev/null || bad="$bad mode"`,
          `for r in ${roots}; do if [ -u "$r" ] || [ -g "$r" ] || [ -k "$r" ]; then bad="$bad mode-bits:$r"; fi; done`,
          `touch -c -- ${roots} 2>/dev/null || bad="$bad times"`,
        ]
      : []),
    'for t in shm msg sem; do',
    '  f=/proc/sysvipc/$t; [ -r "$f" ] || continue',
    '  n=0; while read -r l; do n=$((n+1)); done < "$f"',
    '  [ "$n" -gt 1 ] || continue',
    '  ipcrm -a 2>/dev/null',
    '  n=0; while read -r l; do n=$((n+1)); done < "$f"',
    '  [ "$n" -gt 1 ] && bad="$bad ipc-$t"',
    'done',
    ...(roots
      ? [
          'if command -v python3 >/dev/null 2>&1; then',
          `  python3 -I -c ${q(PY_XATTR)} ${roots} || bad="$bad xattr"`,
          'elif command -v perl >/dev/null 2>&1; then',
          `  perl -e ${q(PL_XATTR)} ${roots} || bad="$bad xattr"`,
          'else bad="$bad xattr-unchecked(no python3 or perl in the image)"; fi',
        ]
      : []),
    `[ -z "$bad" ] && exit 0`,
    `printf '${RESET_MARK}:%s\\n' "$bad" >&2`,
    `exit ${RESET_UNCLEAN}`,
  ].join('\n');
}

/** What the process list (the engine's `top`, `-o pid,uid,comm`) shows besides the keeper: one entry each. */
export function strayProcesses(
  table: { titles: string[]; processes: string[][] },
  keeperUid: number,
): string[] | null {
  const pid = table.titles.findIndex((t) => t.trim().toUpperCase() === 'PID');
  const uid = table.titles.findIndex((t) => t.trim().toUpperCase() === 'UID');
  if (pid < 0 || uid < 0) return null;
  const cmd = table.titles.length - 1;
  return table.processes
    .filter((p) => p[uid]?.trim() !== String(keeperUid))
    .map((p) => `pid ${p[pid]} uid ${p[uid]} ${p[cmd] ?? ''}`.trim());
}

/** Problems the wipe reported on stderr (`sandbox-action-reset: left:/tmp xattr`). */
export function parseWipeReport(stderr: string): string[] {
  const line = stderr.split('\n').find((l) => l.startsWith(`${RESET_MARK}:`));
  return line
    ? line
        .slice(RESET_MARK.length + 1)
        .trim()
        .split(/\s+/)
        .filter(Boolean)
    : [];
}
