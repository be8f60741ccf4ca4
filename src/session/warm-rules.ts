/**
 * When a warm sandbox may serve a run (pure). A warm run shares a container with the runs before and after it, so
 * anything that lets a run leave writable state outside the places the reset empties, or reach past its own
 * processes, makes it cold, with the reason in the result.
 */
import type { RunSpec } from '../config/run-options.js';

export function warmBlocker(spec: RunSpec): string | null {
  if (spec.security.isolation === 'runsc' && !spec.security.allowWeakerGvisor) {
    return "--isolation runsc: a warm run's command is exec'd into the warm sandbox, which gets no seccomp filter inside gVisor (runsc 20221219); --allow-weaker-gvisor takes that";
  }
  if (spec.security.writableRoot)
    return '--writable-root: what a run writes to the root filesystem would be seen by the next';
  // Found by review: /dev is a writable tmpfs owned by uid 0 (Docker leaves it rw under a read-only root), and
  // the roots of /tmp and /dev/shm are uid 0's: root could leave files there, or device nodes replaced by files.
  if (spec.security.allowRoot) {
    return '--allow-root: uid 0 owns /dev and the roots of /tmp and /dev/shm, which the reset does not renew (a file, or a device node replaced, would be seen by the next run)';
  }
  if (spec.security.capAdd.length) {
    return `--cap-add ${spec.security.capAdd.join(',')}: a capability lets a run reach past its own processes`;
  }
  const rw = spec.phases.mounts.find((m) => !m.readOnly);
  if (rw) return `--mount ${rw.host}:${rw.dest}:rw: a writable host mount carries state to the next run`;
  if (spec.phases.persist) return '--persist: /persist is kept between runs by design (use a session)';
  if (spec.phases.setup) return '--setup: the setup phase has a container of its own for each run';
  if (spec.verdict.tests) return '--tests: trusted tests are mounted for one run';
  if (spec.verdict.lean)
    return '--challenge: comparator judges one run on the trusted side, in sandboxes of its own';
  if (spec.verdict.audit) return '--audit-target: the proof audit runs in a fresh sandbox of its own';
  return null;
}
