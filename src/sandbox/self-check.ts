/**
 * The sandbox's self-check (threat model 20): the first thing that runs inside the container, with the image's own
 * shell and /proc, before the command. It reads the process's uid, gid, capability sets, no-new-privileges and
 * seccomp mode, the root mount's options and the routing table, prints them as one line on stdout, and starts the
 * command (`exec "$@"`) only when they match what the plan promised; otherwise it exits 125 without running it.
 * The trusted side takes that first line of stdout (the command has not started when it is printed), judges the
 * facts again itself (`judgeSelfCheck`, pure), and refuses the run when they are missing or wrong.
 *
 * The script uses shell builtins only (read, case, printf), so it works with dash, bash and busybox sh.
 */
import { InternalError } from '../config/errors.js';

export const SELF_CHECK_MARK = 'sandbox-action-self-check';
/** The self-check line is short; anything longer before a newline is not one. */
export const SELF_CHECK_MAX_LINE = 2048;

/** Linux capability numbers (include/uapi/linux/capability.h), for the expected bounding set. */
export const CAPABILITY_BITS: Record<string, number> = {
  CHOWN: 0,
  DAC_OVERRIDE: 1,
  DAC_READ_SEARCH: 2,
  FOWNER: 3,
  FSETID: 4,
  KILL: 5,
  SETGID: 6,
  SETUID: 7,
  SETPCAP: 8,
  LINUX_IMMUTABLE: 9,
  NET_BIND_SERVICE: 10,
  NET_BROADCAST: 11,
  NET_ADMIN: 12,
  NET_RAW: 13,
  IPC_LOCK: 14,
  IPC_OWNER: 15,
  SYS_MODULE: 16,
  SYS_RAWIO: 17,
  SYS_CHROOT: 18,
  SYS_PTRACE: 19,
  SYS_PACCT: 20,
  SYS_ADMIN: 21,
  SYS_BOOT: 22,
  SYS_NICE: 23,
  SYS_RESOURCE: 24,
  SYS_TIME: 25,
  SYS_TTY_CONFIG: 26,
  MKNOD: 27,
  LEASE: 28,
  AUDIT_WRITE: 29,
  AUDIT_CONTROL: 30,
  SETFCAP: 31,
  MAC_OVERRIDE: 32,
  MAC_ADMIN: 33,
  SYSLOG: 34,
  WAKE_ALARM: 35,
  BLOCK_SUSPEND: 36,
  AUDIT_READ: 37,
  PERFMON: 38,
  BPF: 39,
  CHECKPOINT_RESTORE: 40,
};

/** The 16-hex-digit mask /proc/self/status shows for a set of capability names. */
export function capabilityMask(names: string[]): string {
  let m = 0n;
  for (const n of names) {
    const bit = CAPABILITY_BITS[n];
    if (bit === undefined) throw new InternalError(`unknown capability ${n}`);
    m |= 1n << BigInt(bit);
  }
  return m.toString(16).padStart(16, '0');
}

export interface SelfCheckExpect {
  uid: number;
  gid: number;
  /** The capabilities the plan grants (bounding and effective sets may hold no other). */
  capabilities: string[];
  readOnlyRoot: boolean;
  /** none and proxy: no route out (see `judgeSelfCheck` for engines that add a dead-end default route). */
  noRouteOut: boolean;
  /** gVisor reports no NoNewPrivs line in /proc/self/status: there the engine's inspect is the evidence. */
  runtime: 'runc' | 'runsc';
  /** A seccomp filter is expected (mode 2); false only for gVisor without --oci-seccomp (--allow-weaker-gvisor). */
  seccomp: boolean;
}

/**
 * The script, with the expected values written in (nothing for the command to read in its environment). It is run
 * as `sh -c SCRIPT sandbox-action-self-check COMMAND ARGS…`, so "$@" is the command.
 */
export function selfCheckScript(x: SelfCheckExpect): string {
  const caps = capabilityMask(x.capabilities);
  return [
    `t=$(printf '\\t')`,
    `uid=? gid=? eff=? prm=? bnd=? nnp=absent sec=? root=? route=none gw=`,
    `while IFS=" $t" read -r k v r; do case "$k" in`,
    `Uid:) uid=$v;; Gid:) gid=$v;; CapEff:) eff=$v;; CapPrm:) prm=$v;; CapBnd:) bnd=$v;;`,
    `NoNewPrivs:) nnp=$v;; Seccomp:) sec=$v;; esac; done < /proc/self/status`,
    `while read -r i p d rt mp o r; do [ "$mp" = / ] && root=\${o%%,*}; done < /proc/self/mountinfo`,
    `if [ -r /proc/net/route ]; then while IFS=" $t" read -r i dst g r; do`,
    `[ "$dst" = 00000000 ] && route=default gw=$g; done < /proc/net/route; else route=unknown; fi`,
    `if [ -r /proc/net/ipv6_route ]; then while read -r dst pl r; do`,
    `case "$r" in *lo) ;; *) [ "$dst" = 00000000000000000000000000000000 ] && [ "$pl" = 00 ] && route=default6;; esac;`,
    `done < /proc/net/ipv6_route; fi`,
    `bad=`,
    `[ "$uid" = ${x.uid} ] || bad="$bad,uid"`,
    `[ "$gid" = ${x.gid} ] || bad="$bad,gid"`,
    // Every capability set must be within the plan's (checked as masks: only listed bits may be set).
    ...(['eff', 'prm', 'bnd'] as const).map(
      (v) =>
        `case "$${v}" in ${caps === '0000000000000000' ? '0000000000000000' : `0000000000000000|${caps}`}) ;; *) bad="$bad,cap${v}";; esac`,
    ),
    x.runtime === 'runsc'
      ? `case "$nnp" in 1|absent) ;; *) bad="$bad,nnp";; esac`
      : `[ "$nnp" = 1 ] || bad="$bad,nnp"`,
    x.seccomp ? `[ "$sec" = 2 ] || bad="$bad,seccomp"` : ':',
    x.readOnlyRoot ? `[ "$root" = ro ] || bad="$bad,root"` : ':',
    x.noRouteOut ? `case "$route" in none|default) ;; *) bad="$bad,route";; esac` : ':',
    // pid: the command's own (it is exec'd): a session stops a command that outlives its deadline by it.
    `printf '${SELF_CHECK_MARK} uid=%s gid=%s capeff=%s capprm=%s capbnd=%s nnp=%s seccomp=%s root=%s route=%s gw=%s pid=%s bad=%s\\n' "$uid" "$gid" "$eff" "$prm" "$bnd" "$nnp" "$sec" "$root" "$route" "$gw" "$$" "\${bad#,}"`,
    `[ -z "$bad" ] || exit 125`,
    `exec "$@"`,
  ].join('\n');
}

/** The entrypoint and command that run the self-check, then `argv` (the image's entrypoint and the command). */
export function wrapWithSelfCheck(
  argv: string[],
  x: SelfCheckExpect,
): { entrypoint: string[]; cmd: string[] } {
  return { entrypoint: ['/bin/sh', '-c', selfCheckScript(x), SELF_CHECK_MARK], cmd: argv };
}

/** `key=value` facts of a self-check line, or null when the line is not one. */
export function parseSelfCheckLine(line: string): Record<string, string> | null {
  if (!line.startsWith(`${SELF_CHECK_MARK} `) || line.length > SELF_CHECK_MAX_LINE) return null;
  const facts: Record<string, string> = {};
  for (const part of line
    .slice(SELF_CHECK_MARK.length + 1)
    .trim()
    .split(' ')) {
    const i = part.indexOf('=');
    if (i <= 0) return null;
    facts[part.slice(0, i)] = part.slice(i + 1);
  }
  return facts;
}

/** A little-endian hex IPv4 address from /proc/net/route (`01A0A8C0`) as dotted quad (`192.168.160.1`). */
export function routeHexToIp(hex: string): string | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const n = Number.parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
}

/**
 * The trusted side's own judgement of the facts (the script's `bad=` is not believed on its own). `deadEndGateways`:
 * on engines before Docker 25 an internal network still hands its containers a default route via the network's
 * gateway address; with `inhibit_ipv4` no host interface holds that address, so the route leads nowhere. A default
 * route is accepted only via such a gateway, which the trusted side checked on the host.
 */
export function judgeSelfCheck(
  facts: Record<string, string> | null,
  x: SelfCheckExpect,
  deadEndGateways: string[] = [],
): string[] {
  if (!facts) return ["the sandbox's self-check did not report (its first line of output was not the check)"];
  const problems: string[] = [];
  const want = capabilityMask(x.capabilities);
  const within = (mask: string | undefined) => {
    if (!mask || !/^[0-9a-f]{16}$/.test(mask)) return false;
    return (BigInt(`0x${mask}`) & ~BigInt(`0x${want}`)) === 0n;
  };
  if (facts.uid !== String(x.uid)) problems.push(`uid is ${facts.uid}, the plan says ${x.uid}`);
  if (facts.gid !== String(x.gid)) problems.push(`gid is ${facts.gid}, the plan says ${x.gid}`);
  for (const k of ['capeff', 'capprm', 'capbnd']) {
    if (!within(facts[k])) problems.push(`${k} is ${facts[k]}, beyond the plan's ${want}`);
  }
  const nnpOk = facts.nnp === '1' || (x.runtime === 'runsc' && facts.nnp === 'absent');
  if (!nnpOk) problems.push(`no-new-privileges is ${facts.nnp}`);
  if (x.seccomp && facts.seccomp !== '2') problems.push(`seccomp mode is ${facts.seccomp}, not 2 (filter)`);
  if (x.readOnlyRoot && facts.root !== 'ro') problems.push(`the root filesystem is mounted ${facts.root}`);
  if (x.noRouteOut) {
    if (facts.route === 'default') {
      const gw = routeHexToIp(facts.gw ?? '');
      if (!gw || !deadEndGateways.includes(gw))
        problems.push(`there is a default route via ${gw ?? facts.gw}`);
    } else if (facts.route !== 'none') problems.push(`the routing table shows ${facts.route}`);
  }
  if (facts.bad) problems.push(`the self-check itself refused: ${facts.bad}`);
  return problems;
}
