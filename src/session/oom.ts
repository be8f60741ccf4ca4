/**
 * OOM kills inside a running container, counted by the kernel in its memory cgroup and read on the host (trusted:
 * nothing inside can change it). A session's container keeps running when the kernel kills one of its commands,
 * so the engine's OOMKilled flag (set once, for the container's life) cannot tell one command's fate from another's.
 * null when the engine is not local or the cgroup is not where Docker's drivers put it.
 */
import fsp from 'node:fs/promises';

const candidates = (id: string) => [
  // cgroup v1: cgroupfs and systemd drivers
  `/sys/fs/cgroup/memory/docker/${id}/memory.oom_control`,
  `/sys/fs/cgroup/memory/system.slice/docker-${id}.scope/memory.oom_control`,
  // cgroup v2
  `/sys/fs/cgroup/system.slice/docker-${id}.scope/memory.events`,
  `/sys/fs/cgroup/docker/${id}/memory.events`,
];

export async function oomKills(local: boolean, id: string): Promise<number | null> {
  if (!local || !/^[0-9a-f]{64}$/.test(id)) return null;
  for (const f of candidates(id)) {
    const text = await fsp.readFile(f, 'utf8').catch(() => null);
    const m = text === null ? null : /^oom_kill (\d+)$/m.exec(text);
    if (m) return Number(m[1]);
  }
  return null;
}
