/**
 * The processes of a session's container, for the reset's check that nothing of a run is left (runc only: under
 * gVisor the engine sees the sandbox's kernel, not its processes, and the reset restarts it instead). The check
 * runs after the reset's kill(-1), which is what ends the run's processes (atomic against fork); a listing is not
 * (a process that forks and exits in a loop can be gone from /proc by the time its PID is read), so it checks the
 * kill and never stands in for it.
 *
 * On a local Docker engine they are read on the host from the container's own cgroup: `cgroup.procs` of its
 * directory and of any below it, then each process's `/proc/PID/status`. That is the kernel's list, the one the
 * engine's `top` starts from itself (and then runs `ps` on the host, 40 ms a call here), and nothing inside can
 * change it: the cgroup filesystem is read-only in the sandbox, and moving a process to another cgroup takes a
 * write there. The engine's `top` is asked instead when the cgroup is not found (a remote engine, Podman's paths,
 * another driver), and when the host's list shows no process of the keeper (whose init and idle shell are always
 * there): then this process does not see the container's processes (/proc mounted with hidepid, another PID
 * namespace on cgroup v1, which drops PIDs it cannot see), and an empty list would say nothing.
 *
 * The table has top's shape (PID, UID, COMMAND). A process whose real, effective, saved and filesystem uids are
 * not all the same shows them all (`65533/65534/65534/65534`), so it never passes for the keeper; one listed in
 * the cgroup whose status is gone by the time it is read shows uid `?` (so the check lists again).
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Engine, ProcessTable } from '../engine/types.js';

/** Where Docker's cgroupfs and systemd drivers put a container's pids cgroup (v1) or its cgroup (v2). */
export function cgroupDirs(id: string): string[] {
  return [
    `/sys/fs/cgroup/pids/docker/${id}`,
    `/sys/fs/cgroup/pids/system.slice/docker-${id}.scope`,
    `/sys/fs/cgroup/system.slice/docker-${id}.scope`,
    `/sys/fs/cgroup/docker/${id}`,
  ];
}

export interface ProcStatus {
  name: string;
  /** Real, effective, saved and filesystem uids. */
  uids: number[];
}

/** `Name` and `Uid` of a /proc/PID/status text, or null when either is missing or malformed. */
export function parseStatus(text: string): ProcStatus | null {
  const name = /^Name:\t(.*)$/m.exec(text);
  const uid = /^Uid:\t(\d+)\t(\d+)\t(\d+)\t(\d+)$/m.exec(text);
  if (!name || !uid) return null;
  return { name: name[1]!, uids: uid.slice(1, 5).map(Number) };
}

/**
 * The processes as the engine's `top -o pid,uid,comm` would show them (`status` null: gone while listed), or null
 * when none is the keeper's (this process does not see the container's processes).
 */
export function processTable(
  procs: { pid: number; status: ProcStatus | null }[],
  keeperUid: number,
): ProcessTable | null {
  const keeper = procs.some(({ status }) => status?.uids.every((u) => u === keeperUid));
  if (!keeper) return null;
  return {
    titles: ['PID', 'UID', 'COMMAND'],
    processes: procs.map(({ pid, status }) =>
      status
        ? [
            String(pid),
            new Set(status.uids).size === 1 ? String(status.uids[0]) : status.uids.join('/'),
            status.name,
          ]
        : [String(pid), '?', '(gone while listed)'],
    ),
  };
}

/** The PIDs of a cgroup and of every cgroup below it; null when the directory is not there. */
async function cgroupPids(dir: string): Promise<number[] | null> {
  const text = await fsp.readFile(path.join(dir, 'cgroup.procs'), 'utf8').catch(() => null);
  if (text === null) return null;
  const pids = text.split('\n').filter(Boolean).map(Number);
  if (pids.some((p) => !Number.isInteger(p) || p <= 0))
    throw new Error(`${dir}/cgroup.procs: not a PID list`);
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) pids.push(...((await cgroupPids(path.join(dir, e.name))) ?? []));
  }
  return pids;
}

/**
 * The container's processes from its cgroup on this host, or null when its cgroup is not found here or the list
 * shows no process of the keeper.
 */
export async function hostProcesses(id: string, keeperUid: number): Promise<ProcessTable | null> {
  if (!/^[0-9a-f]{64}$/.test(id)) return null;
  for (const dir of cgroupDirs(id)) {
    const pids = await cgroupPids(dir);
    if (pids === null) continue;
    const procs: { pid: number; status: ProcStatus | null }[] = [];
    for (const pid of pids) {
      const text = await fsp.readFile(`/proc/${pid}/status`, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'ESRCH') return null;
        throw err;
      });
      const status = text === null ? null : parseStatus(text);
      if (text !== null && !status) throw new Error(`/proc/${pid}/status: no Name or Uid line`);
      procs.push({ pid, status });
    }
    return processTable(procs, keeperUid);
  }
  return null;
}

/** The container's processes: from its cgroup when the engine is local Docker and that list holds, else `top`. */
export async function containerProcesses(
  engine: Engine,
  id: string,
  keeperUid: number,
): Promise<ProcessTable> {
  const local =
    engine.info.local && engine.info.name === 'docker' ? await hostProcesses(id, keeperUid) : null;
  return local ?? engine.top(id, '-o pid,uid,comm');
}
