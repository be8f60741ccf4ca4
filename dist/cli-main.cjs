#!/usr/bin/env node
const __sa_import_meta_url = require('node:url').pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/config/errors.ts
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}
function asError(err) {
  return err instanceof Error ? err : new InternalError(String(err));
}
function errorKind(err) {
  if (err instanceof InputError || err instanceof HeaderError) return "input";
  if (err instanceof EngineError || err instanceof RegistryError || err instanceof CleanupError || err instanceof ProtocolError)
    return "engine";
  if (err instanceof SandboxError) return "sandbox";
  if (err instanceof InterruptedError) return "interrupted";
  return "internal";
}
function exitCodeFor(kind, err) {
  const rule = EXIT_CODES[kind][errorKind(err)];
  if (rule !== "signal") return rule;
  return err instanceof InterruptedError ? SIGNAL_EXIT[err.signal] ?? 130 : 130;
}
function inputExitCode(kind) {
  const rule = EXIT_CODES[kind].input;
  return rule === "signal" ? 130 : rule;
}
var InputError, EngineError, ReservationError, RegistryError, CleanupError, SandboxError, InterruptedError, ProtocolError, HeaderError, InternalError, SIGNAL_EXIT, EXIT_CODES, FAILED_EXIT;
var init_errors = __esm({
  "src/config/errors.ts"() {
    "use strict";
    InputError = class extends Error {
      constructor(input, problem) {
        super(`${input}: ${problem}`);
        this.input = input;
        this.problem = problem;
        this.name = "InputError";
      }
      input;
      problem;
    };
    EngineError = class extends Error {
      constructor(engine, operation, detail, hint = "", statusCode) {
        super(`${engine}: ${operation} failed: ${detail}${hint ? ` (${hint})` : ""}`);
        this.engine = engine;
        this.operation = operation;
        this.detail = detail;
        this.hint = hint;
        this.statusCode = statusCode;
        this.name = "EngineError";
      }
      engine;
      operation;
      detail;
      hint;
      statusCode;
    };
    ReservationError = class extends EngineError {
    };
    RegistryError = class extends Error {
      constructor(message, status) {
        super(message);
        this.status = status;
        this.name = "RegistryError";
      }
      status;
    };
    CleanupError = class extends AggregateError {
      constructor(failures, causes = []) {
        super(causes, failures.join("; "));
        this.failures = failures;
        this.name = "CleanupError";
      }
      failures;
    };
    SandboxError = class extends Error {
      constructor(problems) {
        super(`the sandbox is not what the plan said, so the command was not run: ${problems.join("; ")}`);
        this.problems = problems;
        this.name = "SandboxError";
      }
      problems;
    };
    InterruptedError = class extends Error {
      constructor(signal) {
        super(`interrupted by ${signal}; every container, network and volume of the run was removed`);
        this.signal = signal;
        this.name = "InterruptedError";
      }
      signal;
    };
    ProtocolError = class extends Error {
      name = "ProtocolError";
    };
    HeaderError = class extends Error {
      name = "HeaderError";
    };
    InternalError = class extends Error {
      name = "InternalError";
    };
    SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
    EXIT_CODES = {
      mirror: { input: 125, engine: 125, sandbox: 125, interrupted: "signal", internal: 125 },
      landrun: { input: 2, engine: 125, sandbox: 125, interrupted: "signal", internal: 125 },
      plain: { input: 2, engine: 1, sandbox: 1, interrupted: 1, internal: 1 }
    };
    FAILED_EXIT = 1;
  }
});

// src/config/units.ts
function parseSize(input, value) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) throw new InputError(input, `'${value}' is not ${SIZE_HELP}`);
  const unit = SIZE_UNITS[m[2].toLowerCase()];
  if (unit === void 0)
    throw new InputError(input, `unknown unit '${m[2]}' in '${value}'; use ${SIZE_HELP}`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new InputError(input, `'${value}' must be above 0`);
  return bytes;
}
function parseDuration(input, value) {
  const text2 = value.trim();
  if (/^\d+(\.\d+)?$/.test(text2)) return checkDuration(input, value, Math.round(Number(text2) * 1e3));
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = part.exec(text2); m; m = part.exec(text2)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    consumed = part.lastIndex;
  }
  if (consumed === 0 || consumed !== text2.length) {
    throw new InputError(input, `'${value}' is not ${DURATION_HELP}`);
  }
  return checkDuration(input, value, Math.round(total));
}
function checkDuration(input, value, ms) {
  if (!Number.isSafeInteger(ms) || ms <= 0) throw new InputError(input, `'${value}' must be above 0`);
  return ms;
}
function parsePositiveNumber(input, value, opts) {
  const n = Number(value.trim());
  const ok = value.trim() !== "" && Number.isFinite(n) && n > 0 && n <= opts.max && (!opts.integer || Number.isInteger(n));
  if (!ok) {
    const kind = opts.integer ? "a whole number" : "a number";
    throw new InputError(input, `'${value}' is not ${kind} above 0 and at most ${opts.max}`);
  }
  return n;
}
function formatBytes(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 10 ? 0 : 1)} ${units[i]}`;
}
function formatDuration(ms) {
  if (ms < 1e3) return `${ms} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const m = Math.floor(ms / 6e4);
  const s2 = Math.round(ms % 6e4 / 1e3);
  return `${m} min ${s2} s`;
}
var SIZE_UNITS, SIZE_HELP, DURATION_UNITS, DURATION_HELP;
var init_units = __esm({
  "src/config/units.ts"() {
    "use strict";
    init_errors();
    SIZE_UNITS = {
      "": 1,
      b: 1,
      k: 1024,
      kb: 1024,
      kib: 1024,
      m: 1024 ** 2,
      mb: 1024 ** 2,
      mib: 1024 ** 2,
      g: 1024 ** 3,
      gb: 1024 ** 3,
      gib: 1024 ** 3,
      t: 1024 ** 4,
      tb: 1024 ** 4,
      tib: 1024 ** 4
    };
    SIZE_HELP = "a size like 512m, 2g, 20GiB or a byte count";
    DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
    DURATION_HELP = "a duration like 90s, 20m, 1h30m or 1.5h";
  }
});

// presets/agent.json
var agent_default;
var init_agent = __esm({
  "presets/agent.json"() {
    agent_default = {
      name: "agent",
      description: "A CLI coding agent (Claude Code, or any agent installed in the image) working on /work with no egress but its API: the proxy serves http://<proxy>/anthropic/… as https://api.anthropic.com/… with x-api-key from the host's ANTHROPIC_API_KEY; the sandbox gets ANTHROPIC_BASE_URL and a placeholder key, never the real one. Give the agent's command after --; other agents take their own --secret-route.",
      image: "agent",
      command: ["claude", "-p", "--help"],
      network: "proxy",
      allowPresets: [],
      annotate: null,
      outputs: [],
      options: {
        timeout: "2h",
        "secret-route": ["anthropic=https://api.anthropic.com,header=x-api-key,env=ANTHROPIC_API_KEY"]
      },
      loosens: ["--secret-route"],
      env: ["ANTHROPIC_API_KEY=sandbox-action-placeholder-the-proxy-sets-the-real-key", "HOME=/tmp"],
      requiredJudges: ["exit-code"]
    };
  }
});

// presets/lean-proof.json
var lean_proof_default;
var init_lean_proof = __esm({
  "presets/lean-proof.json"() {
    lean_proof_default = {
      name: "lean-proof",
      description: "A Lean proof checked by comparator on the trusted side: the challenge, its imports, the lakefile, toolchain and comparator config from --challenge (the base branch) mounted read-only; a setup phase fetches the Mathlib olean cache through the egress proxy (lean allowlist) when the trusted manifest needs Mathlib; an advisory lake build (its messages become annotations) in a fresh container with no network; then comparator, every build and export of it in its own sandbox (sandbox-action landrun), its exit code and output the verdict.",
      image: "lean",
      entrypoint: "sh",
      command: ["-c", "lake build"],
      network: "none",
      setup: {
        command: `if grep -qi '"name": *"mathlib"' lake-manifest.json 2>/dev/null; then lake exe cache get; else echo 'lean-proof setup: no Mathlib in lake-manifest.json, no cache to fetch'; fi`,
        network: "proxy"
      },
      allowPresets: ["lean"],
      annotate: "lean",
      outputs: [],
      audit: {
        allowAxioms: ["propext", "Classical.choice", "Quot.sound"]
      },
      options: {
        timeout: "60m",
        memory: "8g"
      },
      requiredJudges: ["exit-code", "challenge", "comparator"],
      lean: {
        judge: "comparator",
        config: "config.json"
      }
    };
  }
});

// presets/lean4.json
var lean4_default;
var init_lean4 = __esm({
  "presets/lean4.json"() {
    lean4_default = {
      name: "lean4",
      description: "A pull request to the lean4 compiler: the release build with ccache kept in /state, then ctest (label filter: --ctest-label).",
      image: "lean4-dev",
      entrypoint: "sh",
      command: [
        "-c",
        'cmake --preset release && make -C build/release -j"$(nproc)" && ctest --test-dir build/release/stage1 -j"$(nproc)" --output-on-failure -L "${CTEST_LABEL:-.}"'
      ],
      network: "none",
      allowPresets: [],
      annotate: "gcc",
      outputs: [],
      options: {
        timeout: "120m",
        memory: "12g",
        "state-size": "20g",
        "work-size": "40g",
        env: ["CCACHE_DIR=/state/ccache"]
      },
      requiredJudges: ["exit-code"]
    };
  }
});

// presets/python-tests.json
var python_tests_default;
var init_python_tests = __esm({
  "presets/python-tests.json"() {
    python_tests_default = {
      name: "python-tests",
      description: "Trusted tests against untrusted code: pytest in isolated mode (-I: no user site, no /work on sys.path at start-up), no plugin autoload, the tests, conftest.py files and pytest config from --tests (the base branch) mounted read-only over /work, JUnit XML as declared evidence judged on the trusted side.",
      image: "python-sandbox",
      entrypoint: "python",
      command: [
        "-I",
        "-B",
        "/sandbox-action/pytest/run.py",
        "/output/junit.xml",
        "--",
        "-p",
        "no:cacheprovider",
        "-q"
      ],
      network: "none",
      setup: { network: "proxy" },
      allowPresets: ["pypi"],
      annotate: null,
      outputs: ["junit.xml"],
      junit: "junit.xml",
      tests: {
        runner: "pytest",
        paths: ["tests"]
      },
      options: {
        timeout: "20m"
      },
      env: ["PYTEST_DISABLE_PLUGIN_AUTOLOAD=1"],
      requiredJudges: ["exit-code", "declared-outputs", "junit"]
    };
  }
});

// src/config/option-table.ts
var GiB, MiB, RUN_OPTIONS, DEFAULTS;
var init_option_table = __esm({
  "src/config/option-table.ts"() {
    "use strict";
    GiB = 1024 ** 3;
    MiB = 1024 ** 2;
    RUN_OPTIONS = {
      image: { kind: "string", help: "image to run (required unless --preset names one)", loosens: null },
      preset: {
        kind: "string",
        help: "a kind of job: python-tests, lean-proof, lean4 (image, command, network, parser, limits; explicit options win)",
        loosens: null
      },
      "images-registry": {
        kind: "string",
        help: "where a preset's image comes from (default ghcr.io/org/sandbox-action)",
        loosens: null
      },
      entrypoint: {
        kind: "string",
        help: "program to run instead of the image's entrypoint, e.g. sh",
        loosens: null
      },
      source: {
        kind: "string",
        help: "directory copied into the writable /work volume (default: none)",
        loosens: null
      },
      "source-readonly": {
        kind: "boolean",
        help: "bind-mount --source read-only at /work instead of copying it",
        loosens: null
      },
      "output-dir": {
        kind: "string",
        help: "fresh directory to collect /output into (default: not collected)",
        loosens: null
      },
      timeout: { kind: "string", help: "wall-clock limit, e.g. 90s, 20m, 1h (default 60m)", loosens: null },
      memory: { kind: "string", help: "memory limit, swap included (default 2g, at least 16m)", loosens: null },
      cpus: { kind: "string", help: "CPU limit (default 2, or the host count if lower)", loosens: null },
      pids: { kind: "string", help: "process limit (default 512)", loosens: null },
      nofile: { kind: "string", help: "open-files ulimit (default 8192)", loosens: null },
      "max-file-size": {
        kind: "string",
        help: "largest file the command may write, the fsize ulimit (default 4g)",
        loosens: null
      },
      "tmp-size": {
        kind: "string",
        help: "size of the noexec tmpfs at /tmp (default 512m, at most half of --memory)",
        loosens: null
      },
      "work-size": { kind: "string", help: "hard size cap of /work (default 20g)", loosens: null },
      "output-size": { kind: "string", help: "hard size cap of /output (default 2g)", loosens: null },
      "state-dir": {
        kind: "string",
        help: "host directory kept between runs at /state (copied in, collected back safely; default: none)",
        loosens: null
      },
      "state-size": { kind: "string", help: "hard size cap of /state (default 5g)", loosens: null },
      user: {
        kind: "string",
        help: "uid[:gid] or name to run as (default: the image user if not root, else 65534:65534)",
        loosens: null
      },
      "allow-root": {
        kind: "boolean",
        help: "allow uid 0 in the sandbox",
        loosens: "the command may run as root"
      },
      "no-watchdog": {
        kind: "boolean",
        help: "start no watchdog",
        loosens: "a killed CLI leaves the sandbox running past its deadline until gc"
      },
      "writable-root": {
        kind: "boolean",
        help: "make the root filesystem writable",
        loosens: "the image can be changed"
      },
      "tmp-exec": {
        kind: "boolean",
        help: "allow executing files from /tmp",
        loosens: "files written to /tmp run"
      },
      "cap-add": {
        kind: "strings",
        help: "add a Linux capability back (repeatable)",
        loosens: "the capability is granted"
      },
      env: {
        kind: "strings",
        help: "KEY=VALUE for the sandbox (repeatable); nothing else is passed",
        loosens: null
      },
      network: {
        kind: "string",
        help: "none (default), proxy (egress only through the allowlisting proxy) or open (unrestricted)",
        loosens: "open: any host can be reached"
      },
      "secret-route": {
        kind: "strings",
        input: "secret-routes",
        help: "with --network proxy: NAME=https://HOST[,header=H,env=VAR,ca=FILE] the proxy serves http://<proxy>/NAME/… as https://HOST/… with header H from $VAR; the sandbox gets NAME_BASE_URL, never the secret (repeatable)",
        loosens: "the sandbox can call HOST with the host's secret"
      },
      "allow-domain": {
        kind: "strings",
        input: "allow-domains",
        help: "with --network proxy: a name the build may reach, github.com or *.githubusercontent.com (repeatable)",
        loosens: null
      },
      "allow-preset": {
        kind: "strings",
        input: "allow-preset",
        help: "with --network proxy: a named allowlist: github, lean, pypi, debian (repeatable)",
        loosens: null
      },
      "allow-cidr": {
        kind: "strings",
        input: "allow-cidrs",
        help: "with --network proxy: addresses the proxy may connect to even when private or literal (repeatable)",
        loosens: "the proxy may reach private addresses"
      },
      "allow-port": {
        kind: "strings",
        input: "allow-ports",
        help: "with --network proxy: destination ports (default 443 and 80; repeatable)",
        loosens: null
      },
      "add-host": {
        kind: "strings",
        help: "with --network proxy: NAME:IP for the proxy's resolver (internal mirrors, tests; repeatable)",
        loosens: null
      },
      egress: {
        kind: "string",
        help: "with --network proxy: allowlist (default), transparent (allowlist, and tools that ignore proxy variables work too: listed names resolve to the proxy, which routes by TLS server name or Host) or audit (any public host, recorded, with a suggested allowlist)",
        loosens: "audit: any public host can be reached"
      },
      "egress-network": {
        kind: "string",
        help: "with --network proxy: an existing network for the proxy's outside (default: a fresh bridge per run)",
        loosens: "other containers may share the proxy's outside"
      },
      "egress-dns": {
        kind: "strings",
        help: "with --network proxy: resolver addresses the proxy asks (default: its engine's)",
        loosens: null
      },
      "egress-max-bytes": {
        kind: "string",
        help: "with --network proxy: total bytes the run may move through the proxy (default: no cap)",
        loosens: null
      },
      "proxy-image": {
        kind: "string",
        help: "with --network proxy: the proxy's image (default: built once from this version's sources)",
        loosens: "the enforcement point is an image of your own"
      },
      "proxy-base-image": {
        kind: "string",
        help: "build the proxy image from this base with apt's nodejs (default: made from this machine's Node, without the network)",
        loosens: null
      },
      isolation: { kind: "string", help: "default, or runsc for gVisor", loosens: null },
      "allow-weaker-gvisor": {
        kind: "boolean",
        help: "with --isolation runsc: use a runsc runtime without --oci-seccomp, so no seccomp filter inside gVisor (for gVisor releases where --oci-seccomp breaks threads, docs/gvisor.md)",
        loosens: "no seccomp filter inside gVisor"
      },
      pull: { kind: "string", help: "missing (default), always or never", loosens: null },
      engine: {
        kind: "string",
        help: "docker or podman (default: DOCKER_HOST, CONTAINER_HOST, then the usual sockets; docs/engines.md)",
        loosens: null
      },
      "volume-backend": {
        kind: "string",
        help: "how volume caps are enforced: auto (default), loop, tmpfs, unbounded",
        loosens: "unbounded: writable volumes have no size cap"
      },
      "max-output-bytes": {
        kind: "string",
        help: "total bytes collected from /output (default 1g)",
        loosens: null
      },
      "max-output-files": { kind: "string", help: "files collected from /output (default 10000)", loosens: null },
      "max-output-file-size": {
        kind: "string",
        help: "largest single file collected (default 512m)",
        loosens: null
      },
      annotate: {
        kind: "string",
        help: "annotations from the log (lean, gcc) or from a JUnit file in /output (junit, junit:path/in/output.xml)",
        loosens: null
      },
      "audit-target": {
        kind: "strings",
        input: "audit-targets",
        help: "after the build, a fresh sandbox (no network, /work read-only) prints the axioms of this Lean theorem (repeatable)",
        loosens: null
      },
      "audit-module": {
        kind: "strings",
        input: "audit-modules",
        help: "Lean module the audit imports (repeatable; default: the root of each target)",
        loosens: null
      },
      "audit-allow": {
        kind: "strings",
        input: "audit-allow",
        help: "axioms the audit accepts (default propext, Classical.choice, Quot.sound)",
        loosens: null
      },
      "audit-protected": {
        kind: "strings",
        help: "PATH=BASEFILE: every theorem of BASEFILE (the base branch's PATH) must keep its statement in /work/PATH after the build (repeatable)",
        loosens: null
      },
      output: {
        kind: "strings",
        input: "outputs",
        help: "a file of /output the verdict needs, e.g. junit.xml: collected first, outside the count cap; missing fails the run (repeatable)",
        loosens: null
      },
      junit: {
        kind: "string",
        help: "judge by this JUnit XML file of /output (a declared output): at least one test, none failed or errored",
        loosens: null
      },
      expect: {
        kind: "string",
        help: "directory of expected files on this host (never in the sandbox): each must equal the /output file of the same path (.json as JSON)",
        loosens: null
      },
      tests: {
        kind: "string",
        help: "trusted checkout (e.g. the base branch) whose tests, conftest.py files and pytest config replace the source's, read-only (python-tests)",
        loosens: null
      },
      "tests-path": {
        kind: "strings",
        input: "tests-paths",
        help: "test directories or files inside --tests (default: the preset's, tests)",
        loosens: null
      },
      challenge: {
        kind: "string",
        help: "trusted checkout (e.g. the base branch) whose challenge, its imports, lakefile, toolchain and comparator config are judged, read-only (lean-proof)",
        loosens: null
      },
      "comparator-config": {
        kind: "string",
        help: "comparator's config in the project (default config.json)",
        loosens: null
      },
      comparator: {
        kind: "string",
        help: "the comparator program on this host (default: comparator on PATH)",
        loosens: null
      },
      lean4export: {
        kind: "string",
        help: "the lean4export program on this host (default: lean4export on PATH)",
        loosens: null
      },
      lake: {
        kind: "string",
        help: "the lake program on this host comparator is started with (default: lake on PATH)",
        loosens: null
      },
      "head-sha": {
        kind: "string",
        help: "the commit the run verifies (40 hex; recorded in the result and checked by report)",
        loosens: null
      },
      "base-sha": {
        kind: "string",
        help: "the base commit the head was merged into for this run (40 hex; recorded and checked by report)",
        loosens: null
      },
      "base-ref": {
        kind: "string",
        help: "the branch it is verified against (recorded and checked by report)",
        loosens: null
      },
      repository: {
        kind: "string",
        help: "owner/repo of the commit (recorded and checked by report)",
        loosens: null
      },
      shard: {
        kind: "string",
        help: "I/N: this run is shard I of N (recorded; report needs every shard exactly once)",
        loosens: null
      },
      "result-file": {
        kind: "string",
        help: "write the result JSON to this file, also when the run fails (status error with the reason)",
        loosens: null
      },
      "skip-self-check": {
        kind: "boolean",
        help: "do not run the in-sandbox self-check before the command, e.g. for an image without /bin/sh",
        loosens: "the sandbox is not checked from inside"
      },
      "log-limit": {
        kind: "string",
        help: "bytes of the build log shown before it is cut (default 64m)",
        loosens: null
      },
      mount: {
        kind: "strings",
        input: "mounts",
        help: "HOST:DEST[:ro|rw] a host directory or file, read-only unless :rw; /, /etc, /proc, /sys, /dev, sockets and credentials are refused (repeatable)",
        loosens: ":rw: the sandbox can write to the host"
      },
      "allow-mount": {
        kind: "strings",
        help: "a host path --mount refuses by default (a socket, /etc…), mounted anyway (repeatable)",
        loosens: "a refused host path is mounted"
      },
      persist: {
        kind: "string",
        help: "host directory holding a size-capped filesystem image mounted writable at /persist, kept between runs and sessions",
        loosens: null
      },
      "persist-size": {
        kind: "string",
        help: "size cap of /persist when its image is made (default 1g)",
        loosens: null
      },
      setup: {
        kind: "string",
        help: "a shell command run first, in its own container on the same volumes, with --setup-network; the command then runs in a fresh one",
        loosens: null
      },
      "setup-network": {
        kind: "string",
        help: "the setup phase's network: none (default) or proxy (the allowlist options apply to it)",
        loosens: null
      },
      warm: {
        kind: "boolean",
        help: "reuse a warm sandbox with the same plan, reset between runs (fresh /work, /output, /tmp, no process left); a cold one when none is ready or it cannot be reset, as the result says",
        loosens: null
      },
      "idle-ttl": {
        kind: "string",
        help: "with --warm: how long the warm sandbox is kept while idle (default 15m)",
        loosens: null
      },
      "log-file": {
        kind: "string",
        help: "also write the build's log, as it came (capped at 16 MiB), to this new file (for a result artifact)",
        loosens: null
      }
    };
    DEFAULTS = {
      timeoutMs: 60 * 6e4,
      memoryBytes: 2 * GiB,
      cpus: 2,
      pids: 512,
      nofile: 8192,
      fsizeBytes: 4 * GiB,
      tmpSizeBytes: 512 * MiB,
      workSizeBytes: 20 * GiB,
      outputSizeBytes: 2 * GiB,
      stateSizeBytes: 5 * GiB,
      maxStateFiles: 2e5,
      maxOutputBytes: 1 * GiB,
      maxOutputFiles: 1e4,
      maxOutputFileBytes: 512 * MiB,
      logLimitBytes: 64 * MiB
    };
  }
});

// src/config/presets.ts
function presetLoosenings(p) {
  const out = Object.keys(p.options).filter((k) => k in RUN_OPTIONS && RUN_OPTIONS[k].loosens !== null).map((k) => `--${k}`);
  if (p.network === "open") out.unshift("--network open");
  return out.filter((o) => !(p.loosens ?? []).includes(o));
}
function applyPreset(raw, command) {
  const name = raw.preset;
  if (name === void 0 || name === false) return { raw, command, preset: null, commandFromPreset: false };
  if (typeof name !== "string" || !RUN_PRESETS[name]) {
    throw new InputError(
      "--preset",
      `'${String(name)}' is not a preset; the presets are ${Object.keys(RUN_PRESETS).join(", ")}`
    );
  }
  const p = RUN_PRESETS[name];
  const loosens = presetLoosenings(p);
  if (loosens.length)
    throw new InputError(
      "--preset",
      `'${name}' sets ${loosens.join(", ")}, which loosens; a preset may only tighten`
    );
  const registry = typeof raw["images-registry"] === "string" ? raw["images-registry"] : DEFAULT_IMAGES_REGISTRY;
  const out = { ...raw };
  const fill = (k, v) => {
    if (v === void 0) return;
    const cur = out[k];
    if (cur === void 0 || cur === false || Array.isArray(cur) && cur.length === 0) out[k] = v;
  };
  fill("image", `${registry}/${p.image}:latest`);
  fill("entrypoint", p.entrypoint);
  fill("network", p.network === "none" ? void 0 : p.network);
  const setupOnline = p.setup?.network === "proxy" && (p.setup.command !== void 0 || typeof raw.setup === "string");
  if (p.network === "proxy" || setupOnline) fill("allow-preset", p.allowPresets);
  fill("annotate", p.annotate ?? void 0);
  fill("output", p.outputs.length ? p.outputs : void 0);
  fill("junit", p.junit);
  for (const [k, v] of Object.entries(p.options)) fill(k, v);
  return {
    raw: out,
    command: command.length ? command : [...p.command],
    preset: p,
    commandFromPreset: command.length === 0
  };
}
var RUN_PRESETS, DEFAULT_IMAGES_REGISTRY;
var init_presets = __esm({
  "src/config/presets.ts"() {
    "use strict";
    init_agent();
    init_lean_proof();
    init_lean4();
    init_python_tests();
    init_errors();
    init_option_table();
    RUN_PRESETS = Object.fromEntries(
      [python_tests_default, lean_proof_default, lean4_default, agent_default].map((p) => [p.name, p])
    );
    DEFAULT_IMAGES_REGISTRY = "ghcr.io/org/sandbox-action";
  }
});

// src/config/mounts.ts
function parseMount(value, cwd) {
  const parts = value.split(":");
  let mode = "ro";
  if (parts.length >= 3 && (parts.at(-1) === "ro" || parts.at(-1) === "rw"))
    mode = parts.pop();
  const dest = parts.pop() ?? "";
  const host = parts.join(":");
  if (parts.length === 0 || host === "" || dest === "") {
    throw new InputError(
      "--mount",
      `'${value}' is not HOST:DEST[:ro|rw], like ./data:/data or ./cache:/cache:rw`
    );
  }
  return { host: import_node_path.default.resolve(cwd, host), dest: checkDest(value, dest), readOnly: mode === "ro" };
}
function checkDest(value, dest) {
  const bad = (why) => new InputError("--mount", `'${value}': ${why}`);
  if (!dest.startsWith("/")) throw bad(`DEST '${dest}' must be an absolute path inside the sandbox`);
  if (dest.split("/").includes("..")) throw bad(`DEST '${dest}' must not contain '..'`);
  if (/[\u0000-\u001f,]/.test(dest)) throw bad(`DEST '${dest}' has a control character or a comma`);
  const d = import_node_path.default.posix.normalize(dest).replace(/(.)\/+$/, "$1");
  if (d === "/") throw bad("DEST must not be / (it would cover the whole sandbox)");
  for (const p of SANDBOX_PLACES) {
    if (inside(p, d)) throw bad(`DEST '${d}' would shadow ${p}`);
    if (inside(d, p)) throw bad(`DEST '${d}' is inside ${p}, which the sandbox owns; mount it elsewhere`);
  }
  for (const p of SYSTEM_DESTS) if (inside(d, p)) throw bad(`DEST '${d}' is inside ${p}`);
  return d;
}
function credentialDirs(home) {
  return [".ssh", ".aws", ".config/gcloud", ".docker", ".kube"].map((d) => import_node_path.default.join(home, d));
}
function knownSockets(env) {
  const list3 = [
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/podman/podman.sock",
    "/run/containerd/containerd.sock",
    "/var/run/containerd/containerd.sock",
    "/run/docker/containerd/containerd.sock"
  ];
  if (env.XDG_RUNTIME_DIR) {
    list3.push(
      import_node_path.default.join(env.XDG_RUNTIME_DIR, "podman/podman.sock"),
      import_node_path.default.join(env.XDG_RUNTIME_DIR, "docker.sock")
    );
  }
  if (env.HOME) list3.push(import_node_path.default.join(env.HOME, ".docker/run/docker.sock"));
  return list3;
}
function mountRefusal(f, places, allow) {
  if (f.real === null) return `'${f.given}' does not exist on this host`;
  const real = f.real;
  if (allow.includes(real)) return null;
  const via = real === f.given ? "" : ` (it is a link to ${real})`;
  const hint = `; --allow-mount ${real} mounts it anyway`;
  if (real === "/") return `'${f.given}'${via} is the host's root${hint}`;
  for (const s2 of SYSTEM_HOSTS) if (inside(real, s2)) return `'${f.given}'${via} is ${s2} of the host${hint}`;
  if (f.isSocket) return `'${f.given}'${via} is a socket${hint}`;
  for (const s2 of places.sockets) {
    if (inside(s2, real))
      return `'${f.given}'${via} ${s2 === real ? "is" : "holds"} the engine socket ${s2}${hint}`;
  }
  for (const c of places.credentials) {
    if (inside(c, real) || inside(real, c)) {
      return `'${f.given}'${via} ${inside(real, c) ? "is in" : "holds"} the credentials in ${c}${hint}`;
    }
  }
  return null;
}
function strOf(raw, name) {
  const v = raw[name];
  if (v === void 0 || v === false) return void 0;
  if (typeof v !== "string") throw new InputError(`--${name}`, "takes a value");
  return v;
}
function listOf(raw, name) {
  const v = raw[name];
  if (v === void 0 || v === false) return [];
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v;
  throw new InputError(`--${name}`, "takes a value");
}
function parsePhaseOptions(raw, cwd, presetSetup) {
  const mounts = listOf(raw, "mount").map((m) => parseMount(m, cwd));
  const dests = /* @__PURE__ */ new Set();
  for (const m of mounts) {
    if (dests.has(m.dest)) throw new InputError("--mount", `two mounts at ${m.dest}`);
    dests.add(m.dest);
  }
  const persistArg = strOf(raw, "persist");
  const sizeArg = strOf(raw, "persist-size");
  if (sizeArg !== void 0 && persistArg === void 0)
    throw new InputError("--persist-size", "needs --persist");
  const setupArg = strOf(raw, "setup");
  const netArg = strOf(raw, "setup-network");
  if (netArg !== void 0 && !["none", "proxy"].includes(netArg)) {
    throw new InputError("--setup-network", `'${netArg}' is not one of none, proxy`);
  }
  const network = netArg ?? presetSetup?.network ?? "none";
  let setup = null;
  if (setupArg !== void 0) {
    if (setupArg.trim() === "") throw new InputError("--setup", "is empty: give the setup command");
    setup = { command: setupArg, network };
  } else if (presetSetup?.command !== void 0) setup = { command: presetSetup.command, network };
  else if (netArg !== void 0) throw new InputError("--setup-network", "needs --setup");
  const warm = raw.warm === true || raw.warm === "true";
  const ttlArg = strOf(raw, "idle-ttl");
  if (ttlArg !== void 0 && !warm)
    throw new InputError("--idle-ttl", "needs --warm (sessions take it on create)");
  return {
    mounts,
    allowMounts: listOf(raw, "allow-mount").map((p) => import_node_path.default.resolve(cwd, p)),
    persist: persistArg ? {
      dir: import_node_path.default.resolve(cwd, persistArg),
      sizeBytes: sizeArg === void 0 ? DEFAULT_PERSIST_BYTES : parseSize("--persist-size", sizeArg)
    } : null,
    setup,
    warm: warm ? { idleTtlMs: ttlArg ? parseDuration("--idle-ttl", ttlArg) : DEFAULT_IDLE_TTL_MS } : null
  };
}
var import_node_path, SANDBOX_PLACES, SYSTEM_DESTS, DEFAULT_PERSIST_BYTES, DEFAULT_IDLE_TTL_MS, inside, SYSTEM_HOSTS;
var init_mounts = __esm({
  "src/config/mounts.ts"() {
    "use strict";
    import_node_path = __toESM(require("node:path"), 1);
    init_errors();
    init_units();
    SANDBOX_PLACES = ["/work", "/output", "/state", "/tmp", "/persist"];
    SYSTEM_DESTS = ["/proc", "/sys", "/dev"];
    DEFAULT_PERSIST_BYTES = 1024 ** 3;
    DEFAULT_IDLE_TTL_MS = 15 * 6e4;
    inside = (p, dir) => p === dir || p.startsWith(dir === "/" ? "/" : `${dir}/`);
    SYSTEM_HOSTS = ["/etc", "/proc", "/sys", "/dev"];
  }
});

// src/config/raw-options.ts
function str(raw, name) {
  const v = raw[name];
  if (v === void 0 || v === false) return void 0;
  if (typeof v !== "string") throw new InputError(`--${name}`, "takes a value");
  return v;
}
function bool(raw, name) {
  const v = raw[name];
  if (v === void 0) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && BOOLEAN_TEXT.test(v)) return v.toLowerCase() === "true";
  throw new InputError(`--${name}`, `'${String(v)}' is not true or false`);
}
function list(raw, name) {
  const v = raw[name];
  if (v === void 0 || v === false) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return [v];
  throw new InputError(`--${name}`, "takes a value");
}
function oneOf(name, value, allowed, dflt) {
  if (value === void 0) return dflt;
  if (allowed.includes(value)) return value;
  throw new InputError(`--${name}`, `'${value}' is not one of ${allowed.join(", ")}`);
}
function size(raw, name, dflt) {
  const v = str(raw, name);
  return v === void 0 ? dflt : parseSize(`--${name}`, v);
}
function count(raw, name, dflt, max) {
  const v = str(raw, name);
  return v === void 0 ? dflt : parsePositiveNumber(`--${name}`, v, { integer: true, max });
}
var IMAGE_REF, BOOLEAN_TEXT;
var init_raw_options = __esm({
  "src/config/raw-options.ts"() {
    "use strict";
    init_errors();
    init_units();
    IMAGE_REF = /^[a-zA-Z0-9][a-zA-Z0-9._\-/:@]*$/;
    BOOLEAN_TEXT = /^(true|false)$/i;
  }
});

// src/egress/policy.ts
function canonicalHost(text2) {
  const raw = text2.trim();
  if (raw === "" || raw.length > 255 || !/^[A-Za-z0-9.\-_:[\]]+$/.test(raw)) return null;
  const bracketed = raw.startsWith("[") ? raw : import_node_net.default.isIPv6(raw) ? `[${raw}]` : raw;
  if (!bracketed.startsWith("[") && bracketed.includes(":")) return null;
  let host;
  try {
    host = new URL(`http://${bracketed}/`).hostname;
  } catch {
    return null;
  }
  if (host.startsWith("[")) {
    const address = host.slice(1, -1);
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
    if (mapped) {
      const hi = parseInt(mapped[1], 16);
      const lo = parseInt(mapped[2], 16);
      return { kind: "ip", address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: "ipv4" };
    }
    return { kind: "ip", address, family: "ipv6" };
  }
  if (import_node_net.default.isIPv4(host)) return { kind: "ip", address: host, family: "ipv4" };
  const name = host.replace(/\.$/, "");
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1])) return null;
  return { kind: "name", name };
}
function parseDomainRule(text2) {
  const t = text2.trim();
  if (t.startsWith("*.")) {
    const rest = canonicalHost(t.slice(2));
    if (rest?.kind !== "name")
      throw new InputError("--allow-domain", `'${text2}' is not *.name with a valid name`);
    return { kind: "suffix", suffix: rest.name };
  }
  const h = canonicalHost(t);
  if (h?.kind !== "name") {
    throw new InputError(
      "--allow-domain",
      `'${text2}' is not a host name like github.com or *.githubusercontent.com`
    );
  }
  return { kind: "exact", name: h.name };
}
function parseCidr(text2) {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text2.trim());
  const family = m ? import_node_net.default.isIPv4(m[1]) ? "ipv4" : import_node_net.default.isIPv6(m[1]) ? "ipv6" : null : null;
  const prefix = m ? Number(m[2]) : -1;
  if (!m || !family || prefix > (family === "ipv4" ? 32 : 128)) {
    throw new InputError("--allow-cidr", `'${text2}' is not a CIDR like 10.1.0.0/16 or fd00::/8`);
  }
  return { text: text2.trim(), address: m[1], prefix, family };
}
var import_node_net, LABEL, SPECIAL, specialLists;
var init_policy = __esm({
  "src/egress/policy.ts"() {
    "use strict";
    import_node_net = __toESM(require("node:net"), 1);
    init_errors();
    LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
    SPECIAL = [
      ["unspecified", "0.0.0.0", 8, "ipv4"],
      ["private", "10.0.0.0", 8, "ipv4"],
      ["cgnat", "100.64.0.0", 10, "ipv4"],
      ["loopback", "127.0.0.0", 8, "ipv4"],
      ["link-local", "169.254.0.0", 16, "ipv4"],
      // 169.254.169.254: cloud metadata
      ["private", "172.16.0.0", 12, "ipv4"],
      ["reserved", "192.0.0.0", 24, "ipv4"],
      ["documentation", "192.0.2.0", 24, "ipv4"],
      ["private", "192.168.0.0", 16, "ipv4"],
      ["benchmarking", "198.18.0.0", 15, "ipv4"],
      ["documentation", "198.51.100.0", 24, "ipv4"],
      ["documentation", "203.0.113.0", 24, "ipv4"],
      ["multicast", "224.0.0.0", 4, "ipv4"],
      ["reserved", "240.0.0.0", 4, "ipv4"],
      // and 255.255.255.255
      ["metadata", "168.63.129.16", 32, "ipv4"],
      // Azure's host endpoint, used by GitHub's runners
      ["unspecified", "::", 128, "ipv6"],
      ["loopback", "::1", 128, "ipv6"],
      ["ipv4-compatible", "::", 96, "ipv6"],
      ["nat64", "64:ff9b::", 96, "ipv6"],
      ["nat64", "64:ff9b:1::", 48, "ipv6"],
      ["discard", "100::", 64, "ipv6"],
      ["teredo", "2001::", 32, "ipv6"],
      ["documentation", "2001:db8::", 32, "ipv6"],
      ["6to4", "2002::", 16, "ipv6"],
      ["private", "fc00::", 7, "ipv6"],
      ["link-local", "fe80::", 10, "ipv6"],
      ["site-local", "fec0::", 10, "ipv6"],
      ["multicast", "ff00::", 8, "ipv6"]
    ];
    specialLists = SPECIAL.map(([name, addr, prefix, family]) => {
      const b = new import_node_net.default.BlockList();
      b.addSubnet(addr, prefix, family);
      return { name, b };
    });
  }
});

// src/egress/config.ts
var PROXY_PORT, DNS_PORT, CONFIG_ENV, PROXY_DEFAULTS;
var init_config = __esm({
  "src/egress/config.ts"() {
    "use strict";
    init_errors();
    init_policy();
    PROXY_PORT = 3128;
    DNS_PORT = 53;
    CONFIG_ENV = "SANDBOX_EGRESS_CONFIG";
    PROXY_DEFAULTS = {
      port: PROXY_PORT,
      maxHeaderBytes: 16 * 1024,
      maxConnections: 512,
      idleTimeoutMs: 12e4
    };
  }
});

// src/egress/presets/debian.json
var debian_default;
var init_debian = __esm({
  "src/egress/presets/debian.json"() {
    debian_default = {
      name: "debian",
      description: "Debian's package mirrors as apt reaches them by default (deb.debian.org and its security archive).",
      domains: ["deb.debian.org", "security.debian.org"],
      includes: []
    };
  }
});

// src/egress/presets/github.json
var github_default;
var init_github = __esm({
  "src/egress/presets/github.json"() {
    github_default = {
      name: "github",
      description: "GitHub's web, API, git over HTTPS, archives, release assets and raw files.",
      domains: [
        "github.com",
        "api.github.com",
        "codeload.github.com",
        "objects.githubusercontent.com",
        "raw.githubusercontent.com",
        "release-assets.githubusercontent.com"
      ],
      includes: []
    };
  }
});

// src/egress/presets/lean.json
var lean_default;
var init_lean = __esm({
  "src/egress/presets/lean.json"() {
    lean_default = {
      name: "lean",
      description: "Lean toolchains through elan (GitHub releases and the Lean release index) and Mathlib's olean cache (`lake exe cache get`).",
      domains: [
        "release.lean-lang.org",
        "releases.lean-lang.org",
        "reservoir.lean-lang.org",
        "lakecache.blob.core.windows.net",
        "mathlib4.lean-cache.cloud"
      ],
      includes: ["github"],
      sources: {
        "release.lean-lang.org": "elan 4 resolves channels (stable, nightly) through the release index here",
        "releases.lean-lang.org": "toolchain downloads redirect from here to GitHub's release assets",
        "reservoir.lean-lang.org": 'Lake resolves registry requires (`require "leanprover-community" / "mathlib"`) here',
        "lakecache.blob.core.windows.net": "Mathlib Cache/Requests.lean: the Azure cache URL, https://lakecache.blob.core.windows.net/mathlib4",
        "mathlib4.lean-cache.cloud": "Mathlib Cache/Requests.lean: the FRO cache URL, used when useFROCache is true"
      }
    };
  }
});

// src/egress/presets/pypi.json
var pypi_default;
var init_pypi = __esm({
  "src/egress/presets/pypi.json"() {
    pypi_default = {
      name: "pypi",
      description: "The Python Package Index: the simple index and the files it links to.",
      domains: ["pypi.org", "files.pythonhosted.org"],
      includes: []
    };
  }
});

// src/egress/presets.ts
function expandPresets(names) {
  const out = [];
  const visit = (name, path34) => {
    const p = PRESETS[name];
    if (!p) {
      throw new InputError(
        "--allow-preset",
        `'${name}' is not a preset; the presets are ${Object.keys(PRESETS).join(", ")}`
      );
    }
    if (path34.includes(name)) throw new InternalError(`preset cycle: ${[...path34, name].join(" → ")}`);
    for (const inc of p.includes) visit(inc, [...path34, name]);
    for (const d of p.domains) if (!out.includes(d)) out.push(d);
  };
  for (const n of names) visit(n, []);
  return out;
}
var PRESETS;
var init_presets2 = __esm({
  "src/egress/presets.ts"() {
    "use strict";
    init_errors();
    init_debian();
    init_github();
    init_lean();
    init_pypi();
    PRESETS = Object.fromEntries(
      [github_default, lean_default, pypi_default, debian_default].map((p) => [p.name, p])
    );
  }
});

// src/lean/audit.ts
function checkTargets(targets, what = "targets") {
  const out = [];
  for (const t of targets.map((x) => x.trim()).filter(Boolean)) {
    if (!NAME.test(t) || t.length > 512)
      throw new InputError(what, `'${t.slice(0, 100)}' is not a Lean declaration name`);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}
function auditFile(modules, targets, nonce) {
  if (!/^[a-f0-9]{16,64}$/.test(nonce)) throw new InternalError("nonce: 16 to 64 hex digits");
  const lines = [...checkTargets(modules, "modules").map((m) => `import ${m}`), ""];
  for (const t of checkTargets(targets)) {
    lines.push(`#eval IO.println "<<audit ${nonce} begin ${t}>>"`);
    lines.push(`#print axioms ${t}`);
    lines.push(`#eval IO.println "<<audit ${nonce} end ${t}>>"`);
  }
  return `${lines.join("\n")}
`;
}
function axiomKind(axiom) {
  if (axiom === "sorryAx") return "sorry";
  if (axiom === "Lean.ofReduceBool" || axiom === "Lean.trustCompiler" || /\._native\.native_decide\.ax_\d+(_\d+)?$/.test(axiom) || /\.native_decide\./.test(axiom)) {
    return "native";
  }
  return "other";
}
function readBlock(target, text2) {
  const t = text2.replace(/\r/g, "");
  if (/cannot use `#print axioms` in a `module`/.test(t))
    return { error: "cannot use #print axioms in a module" };
  const quoted = `'${target}'`;
  const none = `${quoted} does not depend on any axioms`;
  const some = `${quoted} depends on axioms: [`;
  const hasNone = t.includes(none);
  const i = t.indexOf(some);
  if (hasNone && i < 0) return { axioms: [] };
  if (i < 0 || hasNone) return { error: "no single axioms line for the target" };
  const end = t.indexOf("]", i + some.length);
  if (end < 0) return { error: "the axioms list is not closed" };
  const axioms = t.slice(i + some.length, end).split(",").map((a) => a.trim()).filter(Boolean);
  if (!axioms.every((a) => NAME.test(a))) return { error: "an axiom name is malformed" };
  if (t.indexOf(some, end) >= 0) return { error: "two axioms lines for the target" };
  return { axioms };
}
function judgeAudit(output, targets, nonce, allow = DEFAULT_AXIOMS) {
  return checkTargets(targets).map((target) => {
    const begin = `<<audit ${nonce} begin ${target}>>`;
    const end = `<<audit ${nonce} end ${target}>>`;
    const b = output.split(begin).length - 1;
    const e = output.split(end).length - 1;
    if (b === 0 || e === 0) return { target, status: "missing", detail: "the audit printed nothing for it" };
    if (b > 1 || e > 1) return { target, status: "duplicated", detail: "its fence appears more than once" };
    const from = output.indexOf(begin) + begin.length;
    const to = output.indexOf(end);
    if (to < from) return { target, status: "unreadable", detail: "its fences are out of order" };
    const r = readBlock(target, output.slice(from, to));
    if ("error" in r)
      return { target, status: /module/.test(r.error) ? "error" : "unreadable", detail: r.error };
    const disallowed = r.axioms.filter((a) => !allow.includes(a)).map((axiom) => ({ axiom, kind: axiomKind(axiom) }));
    return disallowed.length ? { target, status: "bad-axioms", axioms: r.axioms, disallowed } : { target, status: "ok", axioms: r.axioms };
  });
}
function auditAnnotations(reports, fileOf) {
  return reports.filter((r) => r.status !== "ok").map((r) => {
    const message = r.status === "bad-axioms" ? `${r.target} depends on ${r.disallowed.map(
      (d) => d.kind === "sorry" ? `${d.axiom} (sorry)` : d.kind === "native" ? `${d.axiom} (native computation)` : d.axiom
    ).join(", ")}, outside the allowlist` : `${r.target}: ${r.detail}`;
    return {
      path: fileOf(r.target) ?? "lakefile.lean",
      startLine: 1,
      endLine: 1,
      level: "failure",
      title: r.status === "bad-axioms" ? "axioms outside the allowlist" : `proof audit: ${r.status}`,
      message
    };
  });
}
function statements(text2, names) {
  const clean = text2.replace(/\/-[\s\S]*?-\//g, " ").replace(/--[^\n]*/g, " ");
  const out = /* @__PURE__ */ new Map();
  for (const full of names) {
    const short = full.split(".").pop();
    const re = new RegExp(
      `(?:^|\\s)(?:theorem|lemma)\\s+${short.replace(/[.'!?]/g, "\\$&")}(?=[\\s:({[])([\\s\\S]*?):=`,
      "m"
    );
    const m = re.exec(clean);
    out.set(full, m ? m[1].replace(/\s+/g, " ").trim() : null);
  }
  return out;
}
function declaredTheorems(text2) {
  const clean = text2.replace(/\/-[\s\S]*?-\//g, " ").replace(/--[^\n]*/g, " ");
  const out = [];
  for (const m of clean.matchAll(/(?:^|\s)(?:theorem|lemma)\s+([A-Za-z_][\w'!?.]*)/g))
    if (!out.includes(m[1])) out.push(m[1]);
  return out;
}
function protectedChanges(base, pr, names) {
  const a = statements(base, names);
  const b = statements(pr, names);
  const out = [];
  for (const n of names) {
    const x = a.get(n) ?? null;
    const y = b.get(n) ?? null;
    if (x === null) out.push({ name: n, detail: "not found in the base branch" });
    else if (y === null) out.push({ name: n, detail: "removed by the pull request" });
    else if (x !== y)
      out.push({ name: n, detail: `statement changed: '${x.slice(0, 200)}' became '${y.slice(0, 200)}'` });
  }
  return out;
}
var DEFAULT_AXIOMS, NAME;
var init_audit = __esm({
  "src/lean/audit.ts"() {
    "use strict";
    init_errors();
    DEFAULT_AXIOMS = ["propext", "Classical.choice", "Quot.sound"];
    NAME = /^[A-Za-z_][A-Za-z0-9_'!?]*(\.[A-Za-z_][A-Za-z0-9_'!?]*)*$/;
  }
});

// src/config/secret-routes.ts
function routeEnv(routes, address, port) {
  return routes.map((r) => `${baseUrlVar(r.name)}=http://${address}:${port}/${r.name}`);
}
function parseSecretRoute(value, cwd, resolve) {
  const bad = (why) => new InputError(
    "--secret-route",
    `'${value}': ${why} (NAME=https://HOST[,header=H,env=VAR,ca=FILE], e.g. anthropic=https://api.anthropic.com,header=x-api-key,env=ANTHROPIC_API_KEY)`
  );
  const eq = value.indexOf("=");
  if (eq <= 0) throw bad("is not NAME=https://HOST");
  const name = value.slice(0, eq);
  if (!NAME2.test(name)) throw bad(`NAME '${name}' must be lower case letters, digits and -, at most 31`);
  const [target = "", ...opts] = value.slice(eq + 1).split(",");
  const m = /^https:\/\/([^/:?#@]+)(?::(\d{1,5}))?\/?$/.exec(target);
  if (!m) throw bad(`'${target}' is not https://HOST or https://HOST:PORT (no path, no user)`);
  const host = canonicalHost(m[1]);
  if (host?.kind !== "name") throw bad(`'${m[1]}' is not a host name`);
  const port = m[2] ? Number(m[2]) : 443;
  if (port < 1 || port > 65535) throw bad(`port ${m[2]} is out of range`);
  const route = {
    name,
    host: host.name,
    port,
    header: "authorization",
    env: `${name.toUpperCase().replace(/-/g, "_")}_API_KEY`,
    caFile: null
  };
  for (const o of opts) {
    const i = o.indexOf("=");
    const k = i > 0 ? o.slice(0, i) : o;
    const v = i > 0 ? o.slice(i + 1) : "";
    if (k === "header") {
      const h = v.toLowerCase();
      if (!HEADER.test(h) || RESERVED.includes(h) || h.startsWith("proxy-"))
        throw bad(`header '${v}' is not a header the route may set`);
      route.header = h;
    } else if (k === "env") {
      if (!ENV.test(v)) throw bad(`env '${v}' is not a variable name`);
      route.env = v;
    } else if (k === "ca") {
      if (!v) throw bad("ca= needs a file");
      route.caFile = resolve(cwd, v);
    } else throw bad(`'${o}' is not header=, env= or ca=`);
  }
  return route;
}
function parseSecretRoutes(values, cwd, resolve) {
  const routes = values.map((v) => parseSecretRoute(v, cwd, resolve));
  const seen = /* @__PURE__ */ new Set();
  for (const r of routes) {
    if (seen.has(r.name)) throw new InputError("--secret-route", `two routes named '${r.name}'`);
    seen.add(r.name);
  }
  return routes;
}
function routeSecrets(routes, env) {
  const out = {};
  for (const r of routes) {
    const v = env[r.env];
    if (!v) {
      throw new InputError(
        "--secret-route",
        `'${r.name}' takes its secret from $${r.env}, which is not set here; export it before the run`
      );
    }
    if (/[\r\n\0]/.test(v)) throw new InputError("--secret-route", `$${r.env} holds a line break`);
    out[r.name] = v;
  }
  return out;
}
var NAME2, HEADER, ENV, RESERVED, baseUrlVar;
var init_secret_routes = __esm({
  "src/config/secret-routes.ts"() {
    "use strict";
    init_errors();
    init_policy();
    NAME2 = /^[a-z][a-z0-9-]{0,30}$/;
    HEADER = /^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
    ENV = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
    RESERVED = ["host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer"];
    baseUrlVar = (name) => `${name.toUpperCase().replace(/-/g, "_")}_BASE_URL`;
  }
});

// src/config/option-sections.ts
function parseAudit(raw, presetAllow, cwd) {
  const targets = list(raw, "audit-target");
  const modulesArg = list(raw, "audit-module");
  const allowArg = list(raw, "audit-allow");
  if (targets.length === 0) {
    const stray = modulesArg.length ? "--audit-module" : allowArg.length ? "--audit-allow" : list(raw, "audit-protected").length ? "--audit-protected" : null;
    if (stray) throw new InputError(stray, "needs --audit-target");
    return null;
  }
  const check2 = (name, xs) => {
    try {
      return checkTargets(xs);
    } catch {
      throw new InputError(
        name,
        `'${xs.find((x) => !/^[A-Za-z_][\w'!?]*(\.[A-Za-z_][\w'!?]*)*$/.test(x.trim())) ?? xs[0]}' is not a Lean name`
      );
    }
  };
  const t = check2("--audit-target", targets);
  const modules = modulesArg.length ? check2("--audit-module", modulesArg) : [...new Set(t.map((x) => x.split(".")[0]))];
  const allow = allowArg.length ? check2("--audit-allow", allowArg) : presetAllow ?? DEFAULT_AXIOMS;
  const protectedFiles = list(raw, "audit-protected").map((x) => {
    const m = /^([^=]+)=(.+)$/.exec(x);
    const rel = m?.[1].trim().replace(/^\/work\//, "") ?? "";
    if (!m || rel.startsWith("/") || rel.split("/").includes("..") || !rel.endsWith(".lean")) {
      throw new InputError("--audit-protected", `'${x}' is not PATH.lean=BASEFILE with PATH inside /work`);
    }
    return { path: rel, baseFile: import_node_path2.default.resolve(cwd, m[2].trim()) };
  });
  return { targets: t, modules, allow, protected: protectedFiles };
}
function parseEgress(raw, network, cwd) {
  if (network !== "proxy") return refuseEgressOptions(raw, network);
  const egressArg = oneOf(
    "egress",
    str(raw, "egress"),
    ["allowlist", "transparent", "audit"],
    "allowlist"
  );
  const mode = egressArg === "audit" ? "audit" : "allowlist";
  const transparent = egressArg === "transparent";
  const presets = list(raw, "allow-preset");
  const domains = egressDomains(list(raw, "allow-domain"), presets);
  const allowCidrs = list(raw, "allow-cidr").map((c) => parseCidr(c).text);
  const ports = egressPorts(list(raw, "allow-port"), transparent);
  const hosts2 = egressHosts(list(raw, "add-host"));
  const dnsServers = list(raw, "egress-dns").map((d) => {
    const t = canonicalHost(d);
    if (t?.kind !== "ip") throw new InputError("--egress-dns", `'${d}' is not an IP address`);
    return t.address;
  });
  const { egressNetwork, proxyImage, proxyBaseImage } = egressEngineNames(raw);
  const maxBytesArg = str(raw, "egress-max-bytes");
  const routes = parseSecretRoutes(list(raw, "secret-route"), cwd, (c, p) => import_node_path2.default.resolve(c, p));
  if (mode === "allowlist" && domains.length === 0 && allowCidrs.length === 0 && routes.length === 0) {
    throw new InputError(
      "--network",
      "proxy with nothing allowed: add --allow-domain, --allow-preset or --allow-cidr, or --egress audit to find what the build needs"
    );
  }
  return {
    mode,
    transparent,
    domains,
    presets,
    ports,
    allowCidrs,
    hosts: hosts2,
    dnsServers,
    egressNetwork,
    proxyImage,
    proxyBaseImage,
    maxBytes: maxBytesArg === void 0 ? null : parseSize("--egress-max-bytes", maxBytesArg),
    routes
  };
}
function refuseEgressOptions(raw, network) {
  for (const o of EGRESS_OPTIONS) {
    const v = raw[o];
    if (v !== void 0 && v !== false && !(Array.isArray(v) && v.length === 0)) {
      throw new InputError(`--${o}`, `needs --network proxy (the network is ${network})`);
    }
  }
  return null;
}
function egressDomains(allowDomains, presets) {
  const domains = [];
  for (const d of [...allowDomains, ...expandPresets(presets)]) {
    const rule = parseDomainRule(d);
    const text2 = rule.kind === "exact" ? rule.name : `*.${rule.suffix}`;
    if (!domains.includes(text2)) domains.push(text2);
  }
  return domains;
}
function egressPorts(portArgs, transparent) {
  const ports = portArgs.length ? portArgs.map((p) => parsePositiveNumber("--allow-port", p, { integer: true, max: 65535 })) : [443, 80];
  for (const p of transparent ? ports : []) {
    if (p === DNS_PORT || p === PROXY_PORT) {
      throw new InputError(
        "--allow-port",
        `${p} is the proxy's own ${p === DNS_PORT ? "DNS" : "proxy"} port under --egress transparent; list other ports`
      );
    }
  }
  return ports;
}
function egressHosts(args) {
  const hosts2 = {};
  for (const h of args) {
    const i = h.indexOf(":");
    const name = i > 0 ? canonicalHost(h.slice(0, i)) : null;
    const ip = i > 0 ? canonicalHost(h.slice(i + 1)) : null;
    if (name?.kind !== "name" || ip?.kind !== "ip") {
      throw new InputError("--add-host", `'${h}' is not NAME:IP like mirror.internal.test:10.1.2.3`);
    }
    (hosts2[name.name] ??= []).push(ip.address);
  }
  return hosts2;
}
function egressEngineNames(raw) {
  const egressNetwork = str(raw, "egress-network") ?? null;
  if (egressNetwork !== null && (!NETWORK_NAME.test(egressNetwork) || ["host", "none"].includes(egressNetwork))) {
    throw new InputError("--egress-network", `'${egressNetwork}' is not the name of a bridge network`);
  }
  const proxyImage = str(raw, "proxy-image") ?? null;
  const proxyBaseImage = str(raw, "proxy-base-image") ?? null;
  for (const [name, ref] of [
    ["--proxy-image", proxyImage],
    ["--proxy-base-image", proxyBaseImage]
  ]) {
    if (ref !== null && (!IMAGE_REF.test(ref) || ref.length > 512)) {
      throw new InputError(name, `'${ref}' is not an image reference`);
    }
  }
  return { egressNetwork, proxyImage, proxyBaseImage };
}
function timeout(v) {
  if (v === void 0) return DEFAULTS.timeoutMs;
  const ms = parseDuration("--timeout", v);
  if (ms > MAX_TIMEOUT_MS)
    throw new InputError("--timeout", `'${v}' is longer than the limit of 168h (7 days)`);
  return ms;
}
function parseLean(raw, preset, source, host) {
  const challenge = str(raw, "challenge");
  const wanted = challenge !== void 0 || preset?.lean?.judge === "comparator" && source !== null;
  const stray = ["comparator-config", "comparator", "lean4export", "lake"].find(
    (o) => str(raw, o) !== void 0
  );
  if (!wanted) {
    if (stray)
      throw new InputError(`--${stray}`, "needs --challenge (or the lean-proof preset with --source)");
    return null;
  }
  if (challenge !== void 0 && host.sharedWithEngine === false) {
    throw new InputError(
      "--challenge",
      "under act the job container's paths are not the engine's, so the challenge cannot be mounted"
    );
  }
  if (!source) throw new InputError("--challenge", "needs --source (the pull request's project)");
  const config = repoRelative(
    "--comparator-config",
    str(raw, "comparator-config") ?? preset?.lean?.config ?? "config.json"
  );
  return {
    challengeDir: challenge !== void 0 ? import_node_path2.default.resolve(host.cwd, challenge) : source.dir,
    trusted: challenge !== void 0,
    config,
    comparator: str(raw, "comparator") ?? "comparator",
    lean4export: str(raw, "lean4export") ?? "lean4export",
    lake: str(raw, "lake") ?? "lake"
  };
}
function outputPath(name, value) {
  const rel = value.trim().replace(/^\/output\//, "");
  if (!rel || rel.startsWith("/") || rel.split("/").some((p) => p === "" || p === "." || p === "..")) {
    throw new InputError(
      name,
      `'${value}' is not a file path inside /output, like junit.xml or reports/out.json`
    );
  }
  return rel;
}
function repoRelative(name, value) {
  const rel = value.trim().replace(/\/+$/, "");
  if (!rel || rel.startsWith("/") || rel.split("/").some((p) => p === "" || p === "." || p === "..")) {
    throw new InputError(name, `'${value}' is not a path inside the repository, like tests or pkg/tests`);
  }
  return rel;
}
function parseSubject(raw) {
  const headSha = str(raw, "head-sha") ?? null;
  if (headSha !== null && !HEX40.test(headSha))
    throw new InputError("--head-sha", `'${headSha}' is not a 40-hex commit`);
  const baseSha = str(raw, "base-sha") ?? null;
  if (baseSha !== null && !HEX40.test(baseSha))
    throw new InputError("--base-sha", `'${baseSha}' is not a 40-hex commit`);
  const baseRef = str(raw, "base-ref") ?? null;
  if (baseRef !== null && !BRANCH.test(baseRef))
    throw new InputError("--base-ref", `'${baseRef}' is not a branch name`);
  const repository = str(raw, "repository") ?? null;
  if (repository !== null && !/^[\w.-]{1,100}\/[\w.-]{1,100}$/.test(repository)) {
    throw new InputError("--repository", `'${repository}' is not owner/repo`);
  }
  const shardArg = str(raw, "shard");
  let shard = null;
  if (shardArg !== void 0) {
    const m = /^(\d{1,3})\/(\d{1,3})$/.exec(shardArg);
    const index = Number(m?.[1]);
    const count2 = Number(m?.[2]);
    if (!m || count2 < 1 || count2 > 256 || index >= count2) {
      throw new InputError("--shard", `'${shardArg}' is not I/N with 0 <= I < N <= 256, like 0/4`);
    }
    shard = { index, count: count2 };
  }
  return { repository, headSha, baseSha, baseRef, shard };
}
var import_node_path2, EGRESS_OPTIONS, NETWORK_NAME, MAX_TIMEOUT_MS, HEX40, BRANCH;
var init_option_sections = __esm({
  "src/config/option-sections.ts"() {
    "use strict";
    import_node_path2 = __toESM(require("node:path"), 1);
    init_errors();
    init_units();
    init_policy();
    init_config();
    init_presets2();
    init_audit();
    init_secret_routes();
    init_option_table();
    init_raw_options();
    EGRESS_OPTIONS = [
      "allow-domain",
      "allow-preset",
      "allow-cidr",
      "allow-port",
      "add-host",
      "egress",
      "egress-network",
      "egress-dns",
      "egress-max-bytes",
      "proxy-image",
      "proxy-base-image",
      "secret-route"
    ];
    NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
    MAX_TIMEOUT_MS = 7 * 24 * 36e5;
    HEX40 = /^[0-9a-f]{40}$/;
    BRANCH = /^[\w./-]{1,255}$/;
  }
});

// src/config/run-spec.ts
var init_run_spec = __esm({
  "src/config/run-spec.ts"() {
    "use strict";
  }
});

// src/config/loosened.ts
function loosenedBy(spec) {
  return LOOSENING_OPTIONS.flatMap((o) => RECORDERS[o](spec));
}
var RECORDERS, LOOSENING_OPTIONS;
var init_loosened = __esm({
  "src/config/loosened.ts"() {
    "use strict";
    RECORDERS = {
      "allow-root": (spec) => spec.security.allowRoot ? [{ option: "--allow-root", effect: "the command may run as uid 0" }] : [],
      "writable-root": (spec) => spec.security.writableRoot ? [{ option: "--writable-root", effect: "the root filesystem is writable" }] : [],
      "tmp-exec": (spec) => spec.security.tmpExec ? [{ option: "--tmp-exec", effect: "files in /tmp may be executed" }] : [],
      "cap-add": (spec) => spec.security.capAdd.map((c) => ({ option: `--cap-add ${c}`, effect: `capability ${c} is granted` })),
      network: (spec) => spec.network === "open" ? [{ option: "--network open", effect: "the build has unrestricted network access" }] : [],
      "allow-cidr": (spec) => (spec.egress?.allowCidrs ?? []).map((c) => ({
        option: `--allow-cidr ${c}`,
        effect: `the proxy may connect to ${c}, private or not`
      })),
      "egress-network": (spec) => spec.egress?.egressNetwork ? [
        {
          option: `--egress-network ${spec.egress.egressNetwork}`,
          effect: "the proxy's outside is a network other containers may share"
        }
      ] : [],
      "proxy-image": (spec) => spec.egress?.proxyImage ? [
        {
          option: `--proxy-image ${spec.egress.proxyImage}`,
          effect: "the enforcement point is an image of the caller's, not this version's proxy"
        }
      ] : [],
      egress: (spec) => spec.egress?.mode === "audit" ? [{ option: "--egress audit", effect: "the proxy lets any public host through (recorded)" }] : [],
      "allow-weaker-gvisor": (spec) => spec.security.allowWeakerGvisor ? [
        {
          option: "--allow-weaker-gvisor",
          effect: "gVisor may run without --oci-seccomp: no seccomp filter inside the sandbox"
        }
      ] : [],
      "volume-backend": (spec) => spec.host.volumeBackend === "unbounded" ? [{ option: "--volume-backend unbounded", effect: "writable volumes have no size cap" }] : [],
      "no-watchdog": (spec) => spec.host.watchdog ? [] : [
        {
          option: "--no-watchdog",
          effect: "no watchdog: if the CLI is killed, the sandbox runs on past its deadline until gc"
        }
      ],
      mount: (spec) => spec.phases.mounts.filter((m) => !m.readOnly).map((m) => ({
        option: `--mount ${m.host}:${m.dest}:rw`,
        effect: `the sandbox can write to ${m.host} on the host`
      })),
      "secret-route": (spec) => (spec.egress?.routes ?? []).map((r) => ({
        option: `--secret-route ${r.name}=https://${r.host}${r.port === 443 ? "" : `:${r.port}`}`,
        effect: `the sandbox can call ${r.host} with the host's $${r.env} (it never sees the value)`
      })),
      "allow-mount": (spec) => spec.phases.allowMounts.map((a) => ({
        option: `--allow-mount ${a}`,
        effect: "a host path refused by default may be mounted"
      })),
      "skip-self-check": (spec) => spec.security.selfCheck ? [] : [
        {
          option: "--skip-self-check",
          effect: "the sandbox was not checked from inside before the command ran"
        }
      ]
    };
    LOOSENING_OPTIONS = Object.keys(RECORDERS);
  }
});

// src/config/run-options.ts
function parseRunOptions(given, givenCommand, host) {
  const explicit = new Set(
    Object.entries(given).filter(([, v]) => v !== void 0 && v !== false && !(Array.isArray(v) && v.length === 0)).map(([k]) => k)
  );
  const { raw, command, preset, commandFromPreset } = applyPreset(given, givenCommand);
  const image = parseImage(raw);
  if (command.length === 0 || command.every((c) => c.trim() === "")) {
    throw new InputError("command", "is empty: give the command after --, e.g. `-- make test`");
  }
  const io = parseIo(raw, host);
  const limits = parseLimits(raw, host, explicit);
  const security = parseSecurity(raw);
  const env = parseEnv([...list(raw, "env"), ...preset?.env ?? []]);
  const network = oneOf("network", str(raw, "network"), ["none", "proxy", "open"], "none");
  const verdict = parseVerdict(raw, host, io, preset, commandFromPreset);
  const phases = parsePhaseOptions(raw, host.cwd, preset?.setup ?? null);
  if (phases.setup && phases.setup.network === "proxy" && network === "open") {
    throw new InputError(
      "--setup-network",
      "proxy with --network open: the allowlist would not hold the command"
    );
  }
  return {
    preset: typeof raw.preset === "string" ? raw.preset : null,
    image,
    command,
    env,
    io,
    limits,
    security,
    network,
    // The setup phase's proxy is the run's one: its policy is parsed as for --network proxy.
    egress: parseEgress(
      raw,
      phases.setup?.network === "proxy" && network === "none" ? "proxy" : network,
      host.cwd
    ),
    host: {
      engine: oneOf("engine", str(raw, "engine"), ["auto", "docker", "podman"], "auto"),
      volumeBackend: oneOf(
        "volume-backend",
        str(raw, "volume-backend"),
        ["auto", "loop", "tmpfs", "unbounded"],
        "auto"
      ),
      watchdog: !bool(raw, "no-watchdog")
    },
    verdict,
    phases
  };
}
function parseImage(raw) {
  const ref = str(raw, "image");
  if (!ref) throw new InputError("--image", "is required: name the image to run the command in");
  if (!IMAGE_REF.test(ref) || ref.length > 512) {
    throw new InputError(
      "--image",
      `'${ref}' is not an image reference like python:3.12 or ghcr.io/org/img@sha256:…`
    );
  }
  const entrypoint = str(raw, "entrypoint") ?? null;
  if (entrypoint !== null && !/^[\w./-]{1,256}$/.test(entrypoint)) {
    throw new InputError("--entrypoint", `'${entrypoint}' is not a program name or path`);
  }
  return {
    ref,
    entrypoint,
    pull: oneOf("pull", str(raw, "pull"), ["missing", "always", "never"], "missing")
  };
}
function parseIo(raw, host) {
  const sourceArg = str(raw, "source");
  const readOnly = bool(raw, "source-readonly");
  if (readOnly && !sourceArg) throw new InputError("--source-readonly", "needs --source");
  if (readOnly && host.sharedWithEngine === false) {
    throw new InputError(
      "--source-readonly",
      "under act the job container's paths are not the engine's, so the source cannot be bind-mounted; drop it to copy the source instead"
    );
  }
  const at = (name) => {
    const v = str(raw, name);
    return v ? import_node_path3.default.resolve(host.cwd, v) : null;
  };
  return {
    source: sourceArg ? { dir: import_node_path3.default.resolve(host.cwd, sourceArg), readOnly } : null,
    outputDir: at("output-dir"),
    stateDir: at("state-dir"),
    logFile: at("log-file"),
    resultFile: at("result-file")
  };
}
function parseLimits(raw, host, explicit) {
  const memoryBytes = size(raw, "memory", DEFAULTS.memoryBytes);
  if (memoryBytes < MIN_MEMORY)
    throw new InputError("--memory", `must be at least 16m (16 MiB); got ${memoryBytes} bytes`);
  const cpusArg = str(raw, "cpus");
  const cpus = cpusArg === void 0 ? Math.min(DEFAULTS.cpus, host.cpus) : parsePositiveNumber("--cpus", cpusArg, { integer: false, max: host.cpus });
  if (cpus < 0.01) throw new InputError("--cpus", "must be at least 0.01");
  const tmpSizeBytes = size(raw, "tmp-size", Math.min(DEFAULTS.tmpSizeBytes, Math.floor(memoryBytes / 2)));
  if (tmpSizeBytes > memoryBytes) {
    throw new InputError("--tmp-size", "must not exceed --memory (the tmpfs is counted against it)");
  }
  const maxTotalBytes = size(raw, "max-output-bytes", DEFAULTS.maxOutputBytes);
  const maxFileBytesArg = str(raw, "max-output-file-size");
  const maxFileBytes = maxFileBytesArg === void 0 ? Math.min(DEFAULTS.maxOutputFileBytes, maxTotalBytes) : parseSize("--max-output-file-size", maxFileBytesArg);
  const sized = [
    ["work-size", "workSizeBytes"],
    ["output-size", "outputSizeBytes"],
    ["state-size", "stateSizeBytes"]
  ];
  return {
    timeoutMs: timeout(str(raw, "timeout")),
    memoryBytes,
    cpus,
    pids: count(raw, "pids", DEFAULTS.pids, 1e6),
    nofile: count(raw, "nofile", DEFAULTS.nofile, 1048576),
    fsizeBytes: size(raw, "max-file-size", DEFAULTS.fsizeBytes),
    tmpSizeBytes,
    workSizeBytes: size(raw, "work-size", DEFAULTS.workSizeBytes),
    outputSizeBytes: size(raw, "output-size", DEFAULTS.outputSizeBytes),
    stateSizeBytes: size(raw, "state-size", DEFAULTS.stateSizeBytes),
    outputCaps: {
      maxTotalBytes,
      maxFiles: count(raw, "max-output-files", DEFAULTS.maxOutputFiles, 1e7),
      maxFileBytes
    },
    logLimitBytes: size(raw, "log-limit", DEFAULTS.logLimitBytes),
    defaultSizes: sized.filter(([o]) => !explicit.has(o)).map(([, k]) => k)
  };
}
function parseSecurity(raw) {
  const user = str(raw, "user") ?? null;
  if (user !== null && !USER_SPEC.test(user)) {
    throw new InputError("--user", `'${user}' is not uid[:gid] or name[:group]`);
  }
  const allowRoot = bool(raw, "allow-root");
  if (user !== null && !allowRoot && /^(0|root)(:|$)/.test(user)) {
    throw new InputError("--user", `'${user}' is root; pass --allow-root to run as root (not recommended)`);
  }
  const capAdd = list(raw, "cap-add").map((c) => c.toUpperCase().replace(/^CAP_/, ""));
  for (const c of capAdd) {
    if (!/^[A-Z_]+$/.test(c)) throw new InputError("--cap-add", `'${c}' is not a capability name`);
    if (FORBIDDEN_CAPS.has(c))
      throw new InputError("--cap-add", `${c} would give the build the host; it is never added`);
  }
  const isolation = oneOf("isolation", str(raw, "isolation"), ["default", "runsc"], "default");
  const allowWeakerGvisor = bool(raw, "allow-weaker-gvisor");
  if (allowWeakerGvisor && isolation !== "runsc") {
    throw new InputError("--allow-weaker-gvisor", "needs --isolation runsc");
  }
  return {
    user,
    allowRoot,
    writableRoot: bool(raw, "writable-root"),
    tmpExec: bool(raw, "tmp-exec"),
    capAdd,
    isolation,
    allowWeakerGvisor,
    selfCheck: !bool(raw, "skip-self-check")
  };
}
function parseEnv(env) {
  for (const e of env) {
    const eq = e.indexOf("=");
    if (eq <= 0 || !ENV_NAME.test(e.slice(0, eq))) {
      throw new InputError(
        "--env",
        `'${e.split("=")[0]}' is not KEY=VALUE with KEY of letters, digits and _`
      );
    }
  }
  return env;
}
function parseAnnotate(raw, io) {
  const arg = str(raw, "annotate");
  if (arg === void 0) return null;
  const m = /^(lean|gcc|junit)(?::(.+))?$/.exec(arg);
  if (!m || m[2] !== void 0 && m[1] !== "junit") {
    throw new InputError("--annotate", `'${arg}' is not lean, gcc, junit or junit:FILE`);
  }
  if (m[1] !== "junit") return { parser: m[1] };
  const file = (m[2] ?? "junit.xml").replace(/^\/output\//, "");
  if (file.startsWith("/") || file.split("/").includes("..")) {
    throw new InputError("--annotate", `'${file}' must be a path inside /output`);
  }
  if (!io.outputDir)
    throw new InputError("--annotate", "junit reads a collected file: it needs --output-dir");
  return { parser: "junit", file };
}
function parseVerdict(raw, host, io, preset, commandFromPreset) {
  const annotate2 = parseAnnotate(raw, io);
  const declared = list(raw, "output").map((o) => outputPath("--output", o));
  const junitArg = str(raw, "junit");
  const junit = junitArg === void 0 ? null : { file: outputPath("--junit", junitArg) };
  if (junit && !declared.includes(junit.file)) declared.push(junit.file);
  const expectArg = str(raw, "expect");
  if ((declared.length || expectArg) && !io.outputDir) {
    throw new InputError(
      declared.length ? "--output" : "--expect",
      "the verdict reads collected files: it needs --output-dir"
    );
  }
  const testsArg = str(raw, "tests");
  const testsPaths = list(raw, "tests-path").map((t) => repoRelative("--tests-path", t));
  if (testsPaths.length && !testsArg) throw new InputError("--tests-path", "needs --tests");
  if (testsArg && host.sharedWithEngine === false) {
    throw new InputError(
      "--tests",
      "under act the job container's paths are not the engine's, so trusted tests cannot be mounted"
    );
  }
  const source = io.source;
  return {
    declared,
    junit,
    expectDir: expectArg ? import_node_path3.default.resolve(host.cwd, expectArg) : null,
    annotate: annotate2,
    audit: parseAudit(raw, preset?.audit?.allowAxioms ?? null, host.cwd),
    tests: testsArg ? {
      dir: import_node_path3.default.resolve(host.cwd, testsArg),
      paths: testsPaths.length ? testsPaths : preset?.tests?.paths ?? ["tests"],
      trusted: true,
      runner: commandFromPreset ? preset?.tests?.runner ?? null : null
    } : preset?.tests && source && commandFromPreset ? { dir: source.dir, paths: preset.tests.paths, trusted: false, runner: preset.tests.runner } : null,
    subject: parseSubject(raw),
    lean: parseLean(raw, preset, source, host)
  };
}
var import_node_path3, MIN_MEMORY, FORBIDDEN_CAPS, ENV_NAME, USER_SPEC;
var init_run_options = __esm({
  "src/config/run-options.ts"() {
    "use strict";
    import_node_path3 = __toESM(require("node:path"), 1);
    init_errors();
    init_units();
    init_presets();
    init_mounts();
    init_option_table();
    init_raw_options();
    init_option_sections();
    init_run_spec();
    init_option_table();
    init_loosened();
    init_option_sections();
    MIN_MEMORY = 16 * MiB;
    FORBIDDEN_CAPS = /* @__PURE__ */ new Set([
      "SYS_ADMIN",
      "SYS_MODULE",
      "SYS_RAWIO",
      "SYS_PTRACE",
      "SYS_BOOT",
      "NET_ADMIN",
      "ALL"
    ]);
    ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
    USER_SPEC = /^([a-z_][a-z0-9_-]*|\d+)(:([a-z_][a-z0-9_-]*|\d+))?$/i;
  }
});

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports2, module2) {
    module2.exports = require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports2, module2) {
    module2.exports = class FixedFIFO {
      constructor(hwm) {
        if (!(hwm > 0) || (hwm - 1 & hwm) !== 0) throw new Error("Max size for a FixedFIFO should be a power of two");
        this.buffer = new Array(hwm);
        this.mask = hwm - 1;
        this.top = 0;
        this.btm = 0;
        this.next = null;
      }
      clear() {
        this.top = this.btm = 0;
        this.next = null;
        this.buffer.fill(void 0);
      }
      push(data) {
        if (this.buffer[this.top] !== void 0) return false;
        this.buffer[this.top] = data;
        this.top = this.top + 1 & this.mask;
        return true;
      }
      shift() {
        const last = this.buffer[this.btm];
        if (last === void 0) return void 0;
        this.buffer[this.btm] = void 0;
        this.btm = this.btm + 1 & this.mask;
        return last;
      }
      peek() {
        return this.buffer[this.btm];
      }
      isEmpty() {
        return this.buffer[this.btm] === void 0;
      }
    };
  }
});

// node_modules/fast-fifo/index.js
var require_fast_fifo = __commonJS({
  "node_modules/fast-fifo/index.js"(exports2, module2) {
    var FixedFIFO = require_fixed_size();
    module2.exports = class FastFIFO {
      constructor(hwm) {
        this.hwm = hwm || 16;
        this.head = new FixedFIFO(this.hwm);
        this.tail = this.head;
        this.length = 0;
      }
      clear() {
        this.head = this.tail;
        this.head.clear();
        this.length = 0;
      }
      push(val) {
        this.length++;
        if (!this.head.push(val)) {
          const prev = this.head;
          this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
          this.head.push(val);
        }
      }
      shift() {
        if (this.length !== 0) this.length--;
        const val = this.tail.shift();
        if (val === void 0 && this.tail.next) {
          const next = this.tail.next;
          this.tail.next = null;
          this.tail = next;
          return this.tail.shift();
        }
        return val;
      }
      peek() {
        const val = this.tail.peek();
        if (val === void 0 && this.tail.next) return this.tail.next.peek();
        return val;
      }
      isEmpty() {
        return this.length === 0;
      }
    };
  }
});

// node_modules/b4a/index.js
var require_b4a = __commonJS({
  "node_modules/b4a/index.js"(exports2, module2) {
    function isBuffer(value) {
      return Buffer.isBuffer(value) || value instanceof Uint8Array;
    }
    function isEncoding(encoding) {
      return Buffer.isEncoding(encoding);
    }
    function alloc(size2, fill2, encoding) {
      return Buffer.alloc(size2, fill2, encoding);
    }
    function allocUnsafe(size2) {
      return Buffer.allocUnsafe(size2);
    }
    function allocUnsafeSlow(size2) {
      return Buffer.allocUnsafeSlow(size2);
    }
    function byteLength(string, encoding) {
      return Buffer.byteLength(string, encoding);
    }
    function compare(a, b) {
      return Buffer.compare(a, b);
    }
    function concat(buffers, totalLength) {
      return Buffer.concat(buffers, totalLength);
    }
    function copy(source, target, targetStart, start, end) {
      return toBuffer(source).copy(target, targetStart, start, end);
    }
    function equals(a, b) {
      return toBuffer(a).equals(b);
    }
    function fill(buffer, value, offset, end, encoding) {
      return toBuffer(buffer).fill(value, offset, end, encoding);
    }
    function from(value, encodingOrOffset, length) {
      return Buffer.from(value, encodingOrOffset, length);
    }
    function includes(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).includes(value, byteOffset, encoding);
    }
    function indexOf(buffer, value, byfeOffset, encoding) {
      return toBuffer(buffer).indexOf(value, byfeOffset, encoding);
    }
    function lastIndexOf(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding);
    }
    function swap16(buffer) {
      return toBuffer(buffer).swap16();
    }
    function swap32(buffer) {
      return toBuffer(buffer).swap32();
    }
    function swap64(buffer) {
      return toBuffer(buffer).swap64();
    }
    function toBuffer(buffer) {
      if (Buffer.isBuffer(buffer)) return buffer;
      return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    function toString(buffer, encoding, start, end) {
      return toBuffer(buffer).toString(encoding, start, end);
    }
    function toHex(buffer, start, end) {
      return toBuffer(buffer).toString("hex", start, end);
    }
    function write(buffer, string, offset, length, encoding) {
      return toBuffer(buffer).write(string, offset, length, encoding);
    }
    function readDoubleBE(buffer, offset) {
      return toBuffer(buffer).readDoubleBE(offset);
    }
    function readDoubleLE(buffer, offset) {
      return toBuffer(buffer).readDoubleLE(offset);
    }
    function readFloatBE(buffer, offset) {
      return toBuffer(buffer).readFloatBE(offset);
    }
    function readFloatLE(buffer, offset) {
      return toBuffer(buffer).readFloatLE(offset);
    }
    function readInt32BE(buffer, offset) {
      return toBuffer(buffer).readInt32BE(offset);
    }
    function readInt32LE(buffer, offset) {
      return toBuffer(buffer).readInt32LE(offset);
    }
    function readUInt32BE(buffer, offset) {
      return toBuffer(buffer).readUInt32BE(offset);
    }
    function readUInt32LE(buffer, offset) {
      return toBuffer(buffer).readUInt32LE(offset);
    }
    function writeDoubleBE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleBE(value, offset);
    }
    function writeDoubleLE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleLE(value, offset);
    }
    function writeFloatBE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatBE(value, offset);
    }
    function writeFloatLE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatLE(value, offset);
    }
    function writeInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32BE(value, offset);
    }
    function writeInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32LE(value, offset);
    }
    function writeUInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32BE(value, offset);
    }
    function writeUInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32LE(value, offset);
    }
    module2.exports = {
      isBuffer,
      isEncoding,
      alloc,
      allocUnsafe,
      allocUnsafeSlow,
      byteLength,
      compare,
      concat,
      copy,
      equals,
      fill,
      from,
      includes,
      indexOf,
      lastIndexOf,
      swap16,
      swap32,
      swap64,
      toBuffer,
      toString,
      toHex,
      write,
      readDoubleBE,
      readDoubleLE,
      readFloatBE,
      readFloatLE,
      readInt32BE,
      readInt32LE,
      readUInt32BE,
      readUInt32LE,
      writeDoubleBE,
      writeDoubleLE,
      writeFloatBE,
      writeFloatLE,
      writeInt32BE,
      writeInt32LE,
      writeUInt32BE,
      writeUInt32LE
    };
  }
});

// node_modules/text-decoder/lib/pass-through-decoder.js
var require_pass_through_decoder = __commonJS({
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports2, module2) {
    var b4a = require_b4a();
    module2.exports = class PassThroughDecoder {
      constructor(encoding) {
        this.encoding = encoding;
      }
      get remaining() {
        return 0;
      }
      decode(data) {
        return b4a.toString(data, this.encoding);
      }
      flush() {
        return "";
      }
    };
  }
});

// node_modules/text-decoder/lib/utf8-decoder.js
var require_utf8_decoder = __commonJS({
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports2, module2) {
    var b4a = require_b4a();
    module2.exports = class UTF8Decoder {
      constructor() {
        this._reset();
      }
      get remaining() {
        return this.bytesSeen;
      }
      decode(data) {
        if (data.byteLength === 0) return "";
        if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
          this.bytesSeen = trailingBytesSeen(data);
          return b4a.toString(data, "utf8");
        }
        let result = "";
        let start = 0;
        if (this.bytesNeeded > 0) {
          while (start < data.byteLength) {
            const byte = data[start];
            if (byte < this.lowerBoundary || byte > this.upperBoundary) {
              result += "�";
              this._reset();
              break;
            }
            this.lowerBoundary = 128;
            this.upperBoundary = 191;
            this.codePoint = this.codePoint << 6 | byte & 63;
            this.bytesSeen++;
            start++;
            if (this.bytesSeen === this.bytesNeeded) {
              result += String.fromCodePoint(this.codePoint);
              this._reset();
              break;
            }
          }
          if (this.bytesNeeded > 0) return result;
        }
        const trailing = trailingIncomplete(data, start);
        const end = data.byteLength - trailing;
        if (end > start) result += b4a.toString(data, "utf8", start, end);
        for (let i = end; i < data.byteLength; i++) {
          const byte = data[i];
          if (this.bytesNeeded === 0) {
            if (byte <= 127) {
              this.bytesSeen = 0;
              result += String.fromCharCode(byte);
            } else if (byte >= 194 && byte <= 223) {
              this.bytesNeeded = 2;
              this.bytesSeen = 1;
              this.codePoint = byte & 31;
            } else if (byte >= 224 && byte <= 239) {
              if (byte === 224) this.lowerBoundary = 160;
              else if (byte === 237) this.upperBoundary = 159;
              this.bytesNeeded = 3;
              this.bytesSeen = 1;
              this.codePoint = byte & 15;
            } else if (byte >= 240 && byte <= 244) {
              if (byte === 240) this.lowerBoundary = 144;
              else if (byte === 244) this.upperBoundary = 143;
              this.bytesNeeded = 4;
              this.bytesSeen = 1;
              this.codePoint = byte & 7;
            } else {
              this.bytesSeen = 1;
              result += "�";
            }
            continue;
          }
          if (byte < this.lowerBoundary || byte > this.upperBoundary) {
            result += "�";
            i--;
            this._reset();
            continue;
          }
          this.lowerBoundary = 128;
          this.upperBoundary = 191;
          this.codePoint = this.codePoint << 6 | byte & 63;
          this.bytesSeen++;
          if (this.bytesSeen === this.bytesNeeded) {
            result += String.fromCodePoint(this.codePoint);
            this._reset();
          }
        }
        return result;
      }
      flush() {
        const result = this.bytesNeeded > 0 ? "�" : "";
        this._reset();
        return result;
      }
      _reset() {
        this.codePoint = 0;
        this.bytesNeeded = 0;
        this.bytesSeen = 0;
        this.lowerBoundary = 128;
        this.upperBoundary = 191;
      }
    };
    function trailingIncomplete(data, start) {
      const len = data.byteLength;
      if (len <= start) return 0;
      const limit = Math.max(start, len - 4);
      let i = len - 1;
      while (i > limit && (data[i] & 192) === 128) i--;
      if (i < start) return 0;
      const byte = data[i];
      let needed;
      if (byte <= 127) return 0;
      if (byte >= 194 && byte <= 223) needed = 2;
      else if (byte >= 224 && byte <= 239) needed = 3;
      else if (byte >= 240 && byte <= 244) needed = 4;
      else return 0;
      const available = len - i;
      return available < needed ? available : 0;
    }
    function trailingBytesSeen(data) {
      const len = data.byteLength;
      if (len === 0) return 0;
      const last = data[len - 1];
      if (last <= 127) return 0;
      if ((last & 192) !== 128) return 1;
      const limit = Math.max(0, len - 4);
      let i = len - 2;
      while (i >= limit && (data[i] & 192) === 128) i--;
      if (i < 0) return 1;
      const first = data[i];
      let needed;
      if (first >= 194 && first <= 223) needed = 2;
      else if (first >= 224 && first <= 239) needed = 3;
      else if (first >= 240 && first <= 244) needed = 4;
      else return 1;
      if (len - i !== needed) return 1;
      if (needed >= 3) {
        const second = data[i + 1];
        if (first === 224 && second < 160) return 1;
        if (first === 237 && second > 159) return 1;
        if (first === 240 && second < 144) return 1;
        if (first === 244 && second > 143) return 1;
      }
      return 0;
    }
  }
});

// node_modules/text-decoder/index.js
var require_text_decoder = __commonJS({
  "node_modules/text-decoder/index.js"(exports2, module2) {
    var PassThroughDecoder = require_pass_through_decoder();
    var UTF8Decoder = require_utf8_decoder();
    module2.exports = class TextDecoder {
      constructor(encoding = "utf8") {
        this.encoding = normalizeEncoding(encoding);
        switch (this.encoding) {
          case "utf8":
            this.decoder = new UTF8Decoder();
            break;
          case "utf16le":
          case "base64":
            throw new Error("Unsupported encoding: " + this.encoding);
          default:
            this.decoder = new PassThroughDecoder(this.encoding);
        }
      }
      get remaining() {
        return this.decoder.remaining;
      }
      push(data) {
        if (typeof data === "string") return data;
        return this.decoder.decode(data);
      }
      // For Node.js compatibility
      write(data) {
        return this.push(data);
      }
      end(data) {
        let result = "";
        if (data) result = this.push(data);
        result += this.decoder.flush();
        return result;
      }
    };
    function normalizeEncoding(encoding) {
      encoding = encoding.toLowerCase();
      switch (encoding) {
        case "utf8":
        case "utf-8":
          return "utf8";
        case "ucs2":
        case "ucs-2":
        case "utf16le":
        case "utf-16le":
          return "utf16le";
        case "latin1":
        case "binary":
          return "latin1";
        case "base64":
        case "ascii":
        case "hex":
          return encoding;
        default:
          throw new Error("Unknown encoding: " + encoding);
      }
    }
  }
});

// node_modules/streamx/lib/errors.js
var require_errors = __commonJS({
  "node_modules/streamx/lib/errors.js"(exports2, module2) {
    module2.exports = class StreamError extends Error {
      constructor(msg, code, fn = StreamError) {
        super(msg);
        this.code = code;
        if (Error.captureStackTrace) {
          Error.captureStackTrace(this, fn);
        }
      }
      static isStreamDestroyed(err) {
        return err && err.code === "STREAM_DESTROYED";
      }
      static isPrematureClose(err) {
        return err && err.code === "PREMATURE_CLOSE";
      }
      static isAborted(err) {
        return err && err.code === "ABORTED";
      }
      static isBadArgument(err) {
        return err && err.code === "BAD_ARGUMENT";
      }
      get name() {
        return "StreamError";
      }
      static STREAM_DESTROYED() {
        return new StreamError("Stream was destroyed", "STREAM_DESTROYED", StreamError.STREAM_DESTROYED);
      }
      static PREMATURE_CLOSE(msg = "Premature close") {
        return new StreamError(msg, "PREMATURE_CLOSE", StreamError.PREMATURE_CLOSE);
      }
      static ABORTED() {
        return new StreamError("Stream aborted", "ABORTED", StreamError.ABORTED);
      }
      static BAD_ARGUMENT(msg = "Bad argument") {
        return new StreamError(msg, "BAD_ARGUMENT", StreamError.BAD_ARGUMENT);
      }
    };
  }
});

// node_modules/streamx/index.js
var require_streamx = __commonJS({
  "node_modules/streamx/index.js"(exports2, module2) {
    var { EventEmitter } = require_default();
    var FIFO = require_fast_fifo();
    var TextDecoder2 = require_text_decoder();
    var StreamError = require_errors();
    var qmt = typeof queueMicrotask === "undefined" ? (fn) => global.process.nextTick(fn) : queueMicrotask;
    var MAX = (1 << 29) - 1;
    var OPENING = 1;
    var PREDESTROYING = 2;
    var DESTROYING = 4;
    var DESTROYED = 8;
    var NOT_OPENING = MAX ^ OPENING;
    var NOT_PREDESTROYING = MAX ^ PREDESTROYING;
    var READ_ACTIVE = 1 << 4;
    var READ_UPDATING = 2 << 4;
    var READ_PRIMARY = 4 << 4;
    var READ_QUEUED = 8 << 4;
    var READ_RESUMED = 16 << 4;
    var READ_PIPE_DRAINED = 32 << 4;
    var READ_ENDING = 64 << 4;
    var READ_EMIT_DATA = 128 << 4;
    var READ_EMIT_READABLE = 256 << 4;
    var READ_EMITTED_READABLE = 512 << 4;
    var READ_DONE = 1024 << 4;
    var READ_NEXT_TICK = 2048 << 4;
    var READ_NEEDS_PUSH = 4096 << 4;
    var READ_READ_AHEAD = 8192 << 4;
    var READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
    var READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
    var READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
    var READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
    var READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;
    var READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
    var READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
    var READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
    var READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
    var READ_PAUSED = MAX ^ READ_RESUMED;
    var READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
    var READ_NOT_ENDING = MAX ^ READ_ENDING;
    var READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
    var READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
    var READ_NOT_UPDATING = MAX ^ READ_UPDATING;
    var READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
    var READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;
    var WRITE_ACTIVE = 1 << 18;
    var WRITE_UPDATING = 2 << 18;
    var WRITE_PRIMARY = 4 << 18;
    var WRITE_QUEUED = 8 << 18;
    var WRITE_UNDRAINED = 16 << 18;
    var WRITE_DONE = 32 << 18;
    var WRITE_EMIT_DRAIN = 64 << 18;
    var WRITE_NEXT_TICK = 128 << 18;
    var WRITE_WRITING = 256 << 18;
    var WRITE_FINISHING = 512 << 18;
    var WRITE_CORKED = 1024 << 18;
    var WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
    var WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
    var WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
    var WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
    var WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
    var WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
    var WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
    var WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;
    var ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
    var NOT_ACTIVE = MAX ^ ACTIVE;
    var DONE = READ_DONE | WRITE_DONE;
    var DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
    var OPEN_STATUS = DESTROY_STATUS | OPENING;
    var AUTO_DESTROY = DESTROY_STATUS | DONE;
    var NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
    var ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
    var TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
    var IS_OPENING = OPEN_STATUS | TICKING;
    var READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
    var READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
    var READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
    var READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
    var SHOULD_NOT_READ = OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
    var READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
    var READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
    var READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;
    var WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
    var WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
    var WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
    var WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
    var WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
    var WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
    var WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
    var WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
    var WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;
    var asyncIterator = Symbol.asyncIterator || /* @__PURE__ */ Symbol("asyncIterator");
    var WritableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark;
        this.buffered = 0;
        this.error = null;
        this.pipeline = null;
        this.drains = null;
        this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
        this.map = mapWritable || map;
        this.afterWrite = afterWrite.bind(this);
        this.afterUpdateNextTick = updateWriteNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & WRITE_FINISHING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & WRITE_DONE) !== 0;
      }
      push(data) {
        if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false;
        if (this.map !== null) data = this.map(data);
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        if (this.buffered < this.highWaterMark) {
          this.stream._duplexState |= WRITE_QUEUED;
          return true;
        }
        this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
        return false;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;
        return data;
      }
      end(data) {
        if (typeof data === "function") {
          this.stream.once("finish", data);
        } else if (data !== void 0 && data !== null) {
          this.push(data);
        }
        this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
      }
      autoBatch(data, cb) {
        const buffer = [];
        const stream = this.stream;
        buffer.push(data);
        while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
          buffer.push(stream._writableState.shift());
        }
        if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null);
        stream._writev(buffer, cb);
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= WRITE_UPDATING;
        do {
          while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
            const data = this.shift();
            stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
            stream._write(data, this.afterWrite);
          }
          if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
        } while (this.continueUpdate() === true);
        stream._duplexState &= WRITE_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
          stream._duplexState = stream._duplexState | WRITE_ACTIVE;
          stream._final(afterFinal.bind(this));
          return;
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTick() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= WRITE_NEXT_TICK;
        if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var ReadableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
        this.buffered = 0;
        this.readAhead = highWaterMark > 0;
        this.error = null;
        this.pipeline = null;
        this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
        this.map = mapReadable || map;
        this.pipeTo = null;
        this.afterRead = afterRead.bind(this);
        this.afterUpdateNextTick = updateReadNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & READ_ENDING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & READ_DONE) !== 0;
      }
      pipe(pipeTo, cb) {
        if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT("Can only pipe to one destination");
        if (typeof cb !== "function") cb = null;
        this.stream._duplexState |= READ_PIPE_DRAINED;
        this.pipeTo = pipeTo;
        this.pipeline = new Pipeline(this.stream, pipeTo, cb);
        if (cb) this.stream.on("error", noop3);
        if (isStreamx(pipeTo)) {
          pipeTo._writableState.pipeline = this.pipeline;
          if (cb) pipeTo.on("error", noop3);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        } else {
          const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
          const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null);
          pipeTo.on("error", onerror);
          pipeTo.on("close", onclose);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        }
        pipeTo.on("drain", afterDrain.bind(this));
        this.stream.emit("piping", pipeTo);
        pipeTo.emit("pipe", this.stream);
      }
      push(data) {
        const stream = this.stream;
        if (data === null) {
          this.highWaterMark = 0;
          stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
          return false;
        }
        if (this.map !== null) {
          data = this.map(data);
          if (data === null) {
            stream._duplexState &= READ_PUSHED;
            return this.buffered < this.highWaterMark;
          }
        }
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;
        return this.buffered < this.highWaterMark;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) {
          this.stream._duplexState &= READ_NOT_QUEUED;
        }
        return data;
      }
      unshift(data) {
        const pending = [this.map !== null ? this.map(data) : data];
        while (this.buffered > 0) pending.push(this.shift());
        for (let i = 0; i < pending.length - 1; i++) {
          const data2 = pending[i];
          this.buffered += this.byteLength(data2);
          this.queue.push(data2);
        }
        this.push(pending[pending.length - 1]);
      }
      read() {
        const stream = this.stream;
        if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
          return data;
        }
        if (this.readAhead === false) {
          stream._duplexState |= READ_READ_AHEAD;
          this.updateNextTick();
        }
        return null;
      }
      drain() {
        const stream = this.stream;
        while ((stream._duplexState & READ_STATUS) === READ_QUEUED && (stream._duplexState & READ_FLOWING) !== 0) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
        }
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= READ_UPDATING;
        do {
          this.drain();
          while (this.buffered < this.highWaterMark && (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD) {
            stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
            stream._read(this.afterRead);
            this.drain();
          }
          if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
            stream._duplexState |= READ_EMITTED_READABLE;
            stream.emit("readable");
          }
          if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
            this.updateNonPrimary();
          }
        } while (this.continueUpdate() === true);
        stream._duplexState &= READ_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
          stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
          stream.emit("end");
          if ((stream._duplexState & AUTO_DESTROY) === DONE) {
            stream._duplexState |= DESTROYING;
          }
          if (this.pipeTo !== null) {
            this.pipeTo.end();
          }
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTickIfOpen() {
        if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
      updateNextTick() {
        if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var TransformState = class {
      constructor(stream) {
        this.data = null;
        this.afterTransform = afterTransform.bind(stream);
        this.afterFinal = null;
      }
    };
    var Pipeline = class {
      constructor(src, dst, cb) {
        this.from = src;
        this.to = dst;
        this.afterPipe = cb;
        this.error = null;
        this.pipeToFinished = false;
      }
      finished() {
        this.pipeToFinished = true;
      }
      done(stream, err) {
        if (err) this.error = err;
        if (stream === this.to) {
          this.to = null;
          if (this.from !== null) {
            if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
              this.from.destroy(this.error || StreamError.PREMATURE_CLOSE("Writable stream closed"));
            }
            return;
          }
        }
        if (stream === this.from) {
          this.from = null;
          if (this.to !== null) {
            if ((stream._duplexState & READ_DONE) === 0) {
              this.to.destroy(this.error || StreamError.PREMATURE_CLOSE("Readable stream closed"));
            }
            return;
          }
        }
        if (this.afterPipe !== null) this.afterPipe(this.error);
        this.to = this.from = this.afterPipe = null;
      }
    };
    function afterDrain() {
      this.stream._duplexState |= READ_PIPE_DRAINED;
      this.updateCallback();
    }
    function afterFinal(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROY_STATUS) === 0) {
        stream._duplexState |= WRITE_DONE;
        stream.emit("finish");
      }
      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING;
      }
      stream._duplexState &= WRITE_NOT_FINISHING;
      if ((stream._duplexState & WRITE_UPDATING) === 0) {
        this.update();
      } else {
        this.updateNextTick();
      }
    }
    function afterDestroy(err) {
      const stream = this.stream;
      if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
      if (err) stream.emit("error", err);
      stream._duplexState |= DESTROYED;
      stream.emit("close");
      const rs = stream._readableState;
      const ws = stream._writableState;
      if (rs !== null && rs.pipeline !== null) {
        rs.pipeline.done(stream, err);
      }
      if (ws !== null) {
        while (ws.drains !== null && ws.drains.length > 0) {
          ws.drains.shift().resolve(false);
        }
        if (ws.pipeline !== null) {
          ws.pipeline.done(stream, err);
        }
      }
    }
    function afterWrite(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      stream._duplexState &= WRITE_NOT_ACTIVE;
      if (this.drains !== null) tickDrains(this.drains);
      if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
        stream._duplexState &= WRITE_DRAINED;
        if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
          stream.emit("drain");
        }
      }
      this.updateCallback();
    }
    function afterRead(err) {
      if (err) this.stream.destroy(err);
      this.stream._duplexState &= READ_NOT_ACTIVE;
      if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
        this.stream._duplexState &= READ_NO_READ_AHEAD;
      }
      this.updateCallback();
    }
    function updateReadNT() {
      if ((this.stream._duplexState & READ_UPDATING) === 0) {
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        this.update();
      }
    }
    function updateWriteNT() {
      if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        this.update();
      }
    }
    function tickDrains(drains) {
      for (let i = 0; i < drains.length; i++) {
        if (--drains[i].writes === 0) {
          drains.shift().resolve(true);
          i--;
        }
      }
    }
    function afterOpen(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROYING) === 0) {
        if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
          stream._duplexState |= READ_PRIMARY;
        }
        if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
          stream._duplexState |= WRITE_PRIMARY;
        }
        stream.emit("open");
      }
      stream._duplexState &= NOT_ACTIVE;
      if (stream._writableState !== null) {
        stream._writableState.updateCallback();
      }
      if (stream._readableState !== null) {
        stream._readableState.updateCallback();
      }
    }
    function afterTransform(err, data) {
      if (data !== void 0 && data !== null) this.push(data);
      this._writableState.afterWrite(err);
    }
    function newListener(name) {
      if (this._readableState !== null) {
        if (name === "data") {
          this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
          this._readableState.updateNextTick();
        }
        if (name === "readable") {
          this._duplexState |= READ_EMIT_READABLE;
          this._readableState.updateNextTick();
        }
      }
      if (this._writableState !== null) {
        if (name === "drain") {
          this._duplexState |= WRITE_EMIT_DRAIN;
          this._writableState.updateNextTick();
        }
      }
    }
    var Stream = class extends EventEmitter {
      constructor(opts) {
        super();
        this._duplexState = 0;
        this._readableState = null;
        this._writableState = null;
        if (opts) {
          if (opts.open) this._open = opts.open;
          if (opts.destroy) this._destroy = opts.destroy;
          if (opts.predestroy) this._predestroy = opts.predestroy;
          if (opts.signal) opts.signal.addEventListener("abort", abort.bind(this));
        }
        this.on("newListener", newListener);
      }
      _open(cb) {
        cb(null);
      }
      _destroy(cb) {
        cb(null);
      }
      _predestroy() {
      }
      get readable() {
        return this._readableState !== null ? true : void 0;
      }
      get writable() {
        return this._writableState !== null ? true : void 0;
      }
      get destroyed() {
        return (this._duplexState & DESTROYED) !== 0;
      }
      get destroying() {
        return (this._duplexState & DESTROY_STATUS) !== 0;
      }
      destroy(err) {
        if ((this._duplexState & DESTROY_STATUS) === 0) {
          if (!err) err = StreamError.STREAM_DESTROYED();
          this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;
          if (this._readableState !== null) {
            this._readableState.highWaterMark = 0;
            this._readableState.error = err;
          }
          if (this._writableState !== null) {
            this._writableState.highWaterMark = 0;
            this._writableState.error = err;
          }
          this._duplexState |= PREDESTROYING;
          this._predestroy();
          this._duplexState &= NOT_PREDESTROYING;
          if (this._readableState !== null) {
            this._readableState.updateNextTick();
          }
          if (this._writableState !== null) {
            this._writableState.updateNextTick();
          }
        }
      }
    };
    var Readable6 = class _Readable extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
        this._readableState = new ReadableState(this, opts);
        if (opts) {
          if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
          if (opts.read) this._read = opts.read;
          if (opts.eagerOpen) this._readableState.updateNextTick();
          if (opts.encoding) this.setEncoding(opts.encoding);
        }
      }
      static deferred(fn, opts) {
        const out = new PassThrough(opts);
        fn().then((src) => {
          if (src === null) return out.end();
          if (out.destroying) return;
          pipeline(src, out, noop3);
        }).catch((err) => out.destroy(err));
        return out;
      }
      setEncoding(encoding) {
        const dec = new TextDecoder2(encoding);
        const map = this._readableState.map || echo;
        this._readableState.map = mapOrSkip;
        return this;
        function mapOrSkip(data) {
          const next = dec.push(data);
          return next === "" && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next);
        }
      }
      _read(cb) {
        cb(null);
      }
      pipe(dest, cb) {
        this._readableState.updateNextTick();
        this._readableState.pipe(dest, cb);
        return dest;
      }
      read() {
        this._readableState.updateNextTick();
        return this._readableState.read();
      }
      push(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.push(data);
      }
      unshift(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.unshift(data);
      }
      resume() {
        this._duplexState |= READ_RESUMED_READ_AHEAD;
        this._readableState.updateNextTick();
        return this;
      }
      pause() {
        this._duplexState &= this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
        return this;
      }
      static _fromAsyncIterator(ite, opts) {
        let destroy;
        const rs = new _Readable({
          ...opts,
          read(cb) {
            ite.next().then(push).then(cb.bind(null, null)).catch(cb);
          },
          predestroy() {
            destroy = ite.return();
          },
          destroy(cb) {
            if (!destroy) return cb(null);
            destroy.then(cb.bind(null, null)).catch(cb);
          }
        });
        return rs;
        function push(data) {
          if (data.done) rs.push(null);
          else rs.push(data.value);
        }
      }
      static from(data, opts) {
        if (isReadStreamx(data)) return data;
        if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts);
        if (!Array.isArray(data)) data = data === void 0 ? [] : [data];
        let i = 0;
        return new _Readable({
          ...opts,
          read(cb) {
            this.push(i === data.length ? null : data[i++]);
            cb(null);
          }
        });
      }
      static isBackpressured(rs) {
        return (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 || rs._readableState.buffered >= rs._readableState.highWaterMark;
      }
      static isPaused(rs) {
        return (rs._duplexState & READ_RESUMED) === 0;
      }
      [asyncIterator]() {
        const stream = this;
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        this.on("error", (err) => {
          error = err;
        });
        this.on("readable", onreadable);
        this.on("close", onclose);
        return {
          [asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(function(resolve, reject) {
              promiseResolve = resolve;
              promiseReject = reject;
              const data = stream.read();
              if (data !== null) ondata(data);
              else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
            });
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function onreadable() {
          if (promiseResolve !== null) ondata(stream.read());
        }
        function onclose() {
          if (promiseResolve !== null) ondata(null);
        }
        function ondata(data) {
          if (promiseReject === null) return;
          if (error) {
            promiseReject(error);
          } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
            promiseReject(StreamError.STREAM_DESTROYED());
          } else {
            promiseResolve({ value: data, done: data === null });
          }
          promiseReject = promiseResolve = null;
        }
        function destroy(err) {
          stream.destroy(err);
          return new Promise((resolve, reject) => {
            if (stream._duplexState & DESTROYED) return resolve({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    var Writable = class extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | READ_DONE;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
          if (opts.eagerOpen) this._writableState.updateNextTick();
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      static isBackpressured(ws) {
        return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0;
      }
      static drained(ws) {
        if (ws.destroyed) return Promise.resolve(false);
        const state = ws._writableState;
        const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
        const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
        if (writes === 0) return Promise.resolve(true);
        if (state.drains === null) state.drains = [];
        return new Promise((resolve) => {
          state.drains.push({ writes, resolve });
        });
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Duplex = class extends Readable6 {
      // and Writable
      constructor(opts) {
        super(opts);
        this._duplexState = OPENING | this._duplexState & READ_READ_AHEAD;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Transform = class extends Duplex {
      constructor(opts) {
        super(opts);
        this._transformState = new TransformState(this);
        if (opts) {
          if (opts.transform) this._transform = opts.transform;
          if (opts.flush) this._flush = opts.flush;
        }
      }
      _write(data, cb) {
        if (this._readableState.buffered >= this._readableState.highWaterMark) {
          this._transformState.data = data;
        } else {
          this._transform(data, this._transformState.afterTransform);
        }
      }
      _read(cb) {
        if (this._transformState.data !== null) {
          const data = this._transformState.data;
          this._transformState.data = null;
          cb(null);
          this._transform(data, this._transformState.afterTransform);
        } else {
          cb(null);
        }
      }
      destroy(err) {
        super.destroy(err);
        if (this._transformState.data !== null) {
          this._transformState.data = null;
          this._transformState.afterTransform();
        }
      }
      _transform(data, cb) {
        cb(null, data);
      }
      _flush(cb) {
        cb(null);
      }
      _final(cb) {
        this._transformState.afterFinal = cb;
        this._flush(transformAfterFlush.bind(this));
      }
    };
    var PassThrough = class extends Transform {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve, reject) => {
        return pipeline(...streams, (err) => {
          if (err) return reject(err);
          resolve();
        });
      });
    }
    function pipeline(stream, ...streams) {
      const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
      const done = all.length && typeof all[all.length - 1] === "function" ? all.pop() : null;
      if (all.length < 2) throw StreamError.BAD_ARGUMENT("Pipeline requires at least 2 streams");
      let src = all[0];
      let dest = null;
      let error = null;
      for (let i = 1; i < all.length; i++) {
        dest = all[i];
        if (isStreamx(src)) {
          src.pipe(dest, onerror);
        } else {
          errorHandle(src, true, i > 1, onerror);
          src.pipe(dest);
        }
        src = dest;
      }
      if (done) {
        let fin = false;
        const autoDestroy = isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);
        dest.on("error", (err) => {
          if (error === null) error = err;
        });
        dest.on("finish", () => {
          fin = true;
          if (!autoDestroy) done(error);
        });
        if (autoDestroy) {
          dest.on("close", () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
        }
      }
      return dest;
      function errorHandle(s2, rd, wr, onerror2) {
        s2.on("error", onerror2);
        s2.on("close", onclose);
        function onclose() {
          if (rd && s2._readableState && !s2._readableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
          if (wr && s2._writableState && !s2._writableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
        }
      }
      function onerror(err) {
        if (!err || error) return;
        error = err;
        for (const s2 of all) {
          s2.destroy(err);
        }
      }
    }
    function echo(s2) {
      return s2;
    }
    function isStream(stream) {
      return !!stream._readableState || !!stream._writableState;
    }
    function isStreamx(stream) {
      return typeof stream._duplexState === "number" && isStream(stream);
    }
    function isEnding(stream) {
      return !!stream._readableState && stream._readableState.ending;
    }
    function isEnded(stream) {
      return !!stream._readableState && stream._readableState.ended;
    }
    function isFinishing(stream) {
      return !!stream._writableState && stream._writableState.ending;
    }
    function isFinished(stream) {
      return !!stream._writableState && stream._writableState.ended;
    }
    function getStreamError(stream, opts = {}) {
      const err = stream._readableState && stream._readableState.error || stream._writableState && stream._writableState.error;
      return !opts.all && StreamError.isStreamDestroyed(err) ? null : err;
    }
    function isReadStreamx(stream) {
      return isStreamx(stream) && stream.readable;
    }
    function isDisturbed(stream) {
      return (stream._duplexState & OPENING) !== OPENING || (stream._duplexState & DESTROYING) === DESTROYING || (stream._duplexState & ACTIVE_OR_TICKING) !== 0;
    }
    function isTypedArray(data) {
      return typeof data === "object" && data !== null && typeof data.byteLength === "number";
    }
    function defaultByteLength(data) {
      return isTypedArray(data) ? data.byteLength : 1024;
    }
    function noop3() {
    }
    function abort() {
      this.destroy(StreamError.ABORTED());
    }
    function isWritev(s2) {
      return s2._writev !== Writable.prototype._writev && s2._writev !== Duplex.prototype._writev;
    }
    module2.exports = {
      pipeline,
      pipelinePromise,
      isStream,
      isStreamx,
      isEnding,
      isEnded,
      isFinishing,
      isFinished,
      isDisturbed,
      getStreamError,
      Stream,
      Writable,
      Readable: Readable6,
      Duplex,
      Transform,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports2) {
    var b4a = require_b4a();
    var ZEROS = "0000000000000000000";
    var SEVENS = "7777777777777777777";
    var ZERO_OFFSET = "0".charCodeAt(0);
    var USTAR_MAGIC = b4a.from([117, 115, 116, 97, 114, 0]);
    var USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
    var GNU_MAGIC = b4a.from([117, 115, 116, 97, 114, 32]);
    var GNU_VER = b4a.from([32, 0]);
    var MASK = 4095;
    var MAGIC_OFFSET = 257;
    var VERSION_OFFSET = 263;
    exports2.decodeLongPath = function decodeLongPath(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports2.encodePax = function encodePax(opts) {
      let result = "";
      if (opts.name) result += addLength(" path=" + opts.name + "\n");
      if (opts.linkname) result += addLength(" linkpath=" + opts.linkname + "\n");
      const pax = opts.pax;
      if (pax) {
        for (const key in pax) {
          result += addLength(" " + key + "=" + pax[key] + "\n");
        }
      }
      return b4a.from(result);
    };
    exports2.decodePax = function decodePax(buf) {
      const result = {};
      while (buf.length) {
        let i = 0;
        while (i < buf.length && buf[i] !== 32) i++;
        const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
        if (!len) return result;
        const b = b4a.toString(buf.subarray(i + 1, len - 1));
        const keyIndex = b.indexOf("=");
        if (keyIndex === -1) return result;
        result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);
        buf = buf.subarray(len);
      }
      return result;
    };
    exports2.encode = function encode(opts) {
      const buf = b4a.alloc(512);
      let name = opts.name;
      let prefix = "";
      if (opts.typeflag === 5 && name[name.length - 1] !== "/") name += "/";
      if (b4a.byteLength(name) !== name.length) return null;
      while (b4a.byteLength(name) > 100) {
        const i = name.indexOf("/");
        if (i === -1) return null;
        prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i);
        name = name.slice(i + 1);
      }
      if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null;
      if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null;
      b4a.write(buf, name);
      b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
      b4a.write(buf, encodeOct(opts.uid, 6), 108);
      b4a.write(buf, encodeOct(opts.gid, 6), 116);
      encodeSize(opts.size, buf, 124);
      b4a.write(buf, encodeOct(opts.mtime.getTime() / 1e3 | 0, 11), 136);
      buf[156] = ZERO_OFFSET + toTypeflag(opts.type);
      if (opts.linkname) b4a.write(buf, opts.linkname, 157);
      b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
      b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
      if (opts.uname) b4a.write(buf, opts.uname, 265);
      if (opts.gname) b4a.write(buf, opts.gname, 297);
      b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
      b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);
      if (prefix) b4a.write(buf, prefix, 345);
      b4a.write(buf, encodeOct(cksum(buf), 6), 148);
      return buf;
    };
    exports2.decode = function decode(buf, filenameEncoding, allowUnknownFormat) {
      let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;
      let name = decodeStr(buf, 0, 100, filenameEncoding);
      const mode = decodeOct(buf, 100, 8);
      const uid = decodeOct(buf, 108, 8);
      const gid = decodeOct(buf, 116, 8);
      const size2 = decodeOct(buf, 124, 12);
      const mtime = decodeOct(buf, 136, 12);
      const type = toType(typeflag);
      const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
      const uname = decodeStr(buf, 265, 32);
      const gname = decodeStr(buf, 297, 32);
      const devmajor = decodeOct(buf, 329, 8);
      const devminor = decodeOct(buf, 337, 8);
      const c = cksum(buf);
      if (c === 8 * 32) return null;
      if (c !== decodeOct(buf, 148, 8)) throw new Error("Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?");
      if (isUSTAR(buf)) {
        if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + "/" + name;
      } else if (isGNU(buf)) {
      } else {
        if (!allowUnknownFormat) {
          throw new Error("Invalid tar header: unknown format.");
        }
      }
      if (typeflag === 0 && name && name[name.length - 1] === "/") typeflag = 5;
      return {
        name,
        mode,
        uid,
        gid,
        size: size2,
        byteOffset: 0,
        mtime: new Date(1e3 * mtime),
        type,
        linkname,
        uname,
        gname,
        devmajor,
        devminor,
        pax: null
      };
    };
    function isUSTAR(buf) {
      return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6));
    }
    function isGNU(buf) {
      return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) && b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2));
    }
    function clamp(index, len, defaultValue) {
      if (typeof index !== "number") return defaultValue;
      index = ~~index;
      if (index >= len) return len;
      if (index >= 0) return index;
      index += len;
      if (index >= 0) return index;
      return 0;
    }
    function toType(flag) {
      switch (flag) {
        case 0:
          return "file";
        case 1:
          return "link";
        case 2:
          return "symlink";
        case 3:
          return "character-device";
        case 4:
          return "block-device";
        case 5:
          return "directory";
        case 6:
          return "fifo";
        case 7:
          return "contiguous-file";
        case 72:
          return "pax-header";
        case 55:
          return "pax-global-header";
        case 27:
          return "gnu-long-link-path";
        case 28:
        case 30:
          return "gnu-long-path";
      }
      return null;
    }
    function toTypeflag(flag) {
      switch (flag) {
        case "file":
          return 0;
        case "link":
          return 1;
        case "symlink":
          return 2;
        case "character-device":
          return 3;
        case "block-device":
          return 4;
        case "directory":
          return 5;
        case "fifo":
          return 6;
        case "contiguous-file":
          return 7;
        case "pax-header":
          return 72;
      }
      return 0;
    }
    function indexOf(block, num, offset, end) {
      for (; offset < end; offset++) {
        if (block[offset] === num) return offset;
      }
      return end;
    }
    function cksum(block) {
      let sum = 8 * 32;
      for (let i = 0; i < 148; i++) sum += block[i];
      for (let j = 156; j < 512; j++) sum += block[j];
      return sum;
    }
    function encodeOct(val, n) {
      val = val.toString(8);
      if (val.length > n) return SEVENS.slice(0, n) + " ";
      return ZEROS.slice(0, n - val.length) + val + " ";
    }
    function encodeSizeBin(num, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--) {
        buf[off + i] = num & 255;
        num = Math.floor(num / 256);
      }
    }
    function encodeSize(num, buf, off) {
      if (num.toString(8).length > 11) {
        encodeSizeBin(num, buf, off);
      } else {
        b4a.write(buf, encodeOct(num, 11), off);
      }
    }
    function parse256(buf) {
      let positive;
      if (buf[0] === 128) positive = true;
      else if (buf[0] === 255) positive = false;
      else return null;
      const tuple = [];
      let i;
      for (i = buf.length - 1; i > 0; i--) {
        const byte = buf[i];
        if (positive) tuple.push(byte);
        else tuple.push(255 - byte);
      }
      let sum = 0;
      const l = tuple.length;
      for (i = 0; i < l; i++) {
        sum += tuple[i] * Math.pow(256, i);
      }
      return positive ? sum : -1 * sum;
    }
    function decodeOct(val, offset, length) {
      val = val.subarray(offset, offset + length);
      offset = 0;
      if (val[offset] & 128) {
        return parse256(val);
      } else {
        while (offset < val.length && val[offset] === 32) offset++;
        const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
        while (offset < end && val[offset] === 0) offset++;
        if (end === offset) return 0;
        return parseInt(b4a.toString(val.subarray(offset, end)), 8);
      }
    }
    function decodeStr(val, offset, length, encoding) {
      return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding);
    }
    function addLength(str3) {
      const len = b4a.byteLength(str3);
      let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      if (len + digits >= Math.pow(10, digits)) digits++;
      return len + digits + str3;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports2, module2) {
    var { Writable, Readable: Readable6, getStreamError } = require_streamx();
    var FIFO = require_fast_fifo();
    var b4a = require_b4a();
    var headers = require_headers();
    var EMPTY = b4a.alloc(0);
    var MAX_HEADER_SIZE = 4 * 1024 * 1024;
    var BufferList = class {
      constructor() {
        this.buffered = 0;
        this.shifted = 0;
        this.queue = new FIFO();
        this._offset = 0;
      }
      push(buffer) {
        this.buffered += buffer.byteLength;
        this.queue.push(buffer);
      }
      shiftFirst(size2) {
        return this.buffered === 0 ? null : this._next(size2);
      }
      shift(size2) {
        if (size2 > this.buffered) return null;
        if (size2 === 0) return EMPTY;
        let chunk = this._next(size2);
        if (size2 === chunk.byteLength) return chunk;
        const chunks2 = [chunk];
        while ((size2 -= chunk.byteLength) > 0) {
          chunk = this._next(size2);
          chunks2.push(chunk);
        }
        return b4a.concat(chunks2);
      }
      _next(size2) {
        const buf = this.queue.peek();
        const rem = buf.byteLength - this._offset;
        if (size2 >= rem) {
          const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
          this.queue.shift();
          this._offset = 0;
          this.buffered -= rem;
          this.shifted += rem;
          return sub;
        }
        this.buffered -= size2;
        this.shifted += size2;
        return buf.subarray(this._offset, this._offset += size2);
      }
    };
    var Source = class extends Readable6 {
      constructor(self, header, offset) {
        super();
        this.header = header;
        this.offset = offset;
        this._parent = self;
      }
      _read(cb) {
        if (this.header.size === 0) {
          this.push(null);
        }
        if (this._parent._stream === this) {
          this._parent._update();
        }
        cb(null);
      }
      _predestroy() {
        this._parent.destroy(getStreamError(this));
      }
      _detach() {
        if (this._parent._stream === this) {
          this._parent._stream = null;
          this._parent._missing = overflow(this.header.size);
          this._parent._update();
        }
      }
      _destroy(cb) {
        this._detach();
        cb(null);
      }
    };
    var Extract = class extends Writable {
      constructor(opts) {
        super(opts);
        if (!opts) opts = {};
        this._buffer = new BufferList();
        this._offset = 0;
        this._header = null;
        this._stream = null;
        this._missing = 0;
        this._longHeader = false;
        this._callback = noop3;
        this._locked = false;
        this._finished = false;
        this._pax = null;
        this._paxGlobal = null;
        this._gnuLongPath = null;
        this._gnuLongLinkPath = null;
        this._filenameEncoding = opts.filenameEncoding || "utf-8";
        this._allowUnknownFormat = !!opts.allowUnknownFormat;
        this._unlockBound = this._unlock.bind(this);
      }
      _unlock(err) {
        this._locked = false;
        if (err) {
          this.destroy(err);
          this._continueWrite(err);
          return;
        }
        this._update();
      }
      _consumeHeader() {
        if (this._locked) return false;
        this._offset = this._buffer.shifted;
        try {
          this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        if (!this._header) return true;
        this._header.byteOffset = this._buffer.shifted;
        switch (this._header.type) {
          case "gnu-long-path":
          case "gnu-long-link-path":
          case "pax-global-header":
          case "pax-header":
            this._longHeader = true;
            this._missing = this._header.size;
            if (this._missing > MAX_HEADER_SIZE) {
              this._continueWrite(new Error("Header exceeds max size"));
              return false;
            }
            return true;
        }
        this._locked = true;
        this._applyLongHeaders();
        if (!(this._header.size >= 0)) {
          this._continueWrite(new Error("Invalid header"));
          return false;
        }
        if (this._header.size === 0 || this._header.type === "directory") {
          this.emit("entry", this._header, this._createStream(), this._unlockBound);
          return true;
        }
        this._stream = this._createStream();
        this._missing = this._header.size;
        this.emit("entry", this._header, this._stream, this._unlockBound);
        return true;
      }
      _applyLongHeaders() {
        if (this._gnuLongPath) {
          this._header.name = this._gnuLongPath;
          this._gnuLongPath = null;
        }
        if (this._gnuLongLinkPath) {
          this._header.linkname = this._gnuLongLinkPath;
          this._gnuLongLinkPath = null;
        }
        if (this._pax) {
          if (this._pax.path) this._header.name = this._pax.path;
          if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
          if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
          this._header.pax = this._pax;
          this._pax = null;
        }
      }
      _decodeLongHeader(buf) {
        switch (this._header.type) {
          case "gnu-long-path":
            this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "gnu-long-link-path":
            this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "pax-global-header":
            this._paxGlobal = headers.decodePax(buf);
            break;
          case "pax-header":
            this._pax = this._paxGlobal === null ? headers.decodePax(buf) : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
            break;
        }
      }
      _consumeLongHeader() {
        this._longHeader = false;
        this._missing = overflow(this._header.size);
        const buf = this._buffer.shift(this._header.size);
        try {
          this._decodeLongHeader(buf);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        return true;
      }
      _consumeStream() {
        const buf = this._buffer.shiftFirst(this._missing);
        if (buf === null) return false;
        this._missing -= buf.byteLength;
        const drained = this._stream.push(buf);
        if (this._missing === 0) {
          this._stream.push(null);
          if (drained) this._stream._detach();
          return drained && this._locked === false;
        }
        return drained;
      }
      _createStream() {
        return new Source(this, this._header, this._offset);
      }
      _update() {
        while (this._buffer.buffered > 0 && !this.destroying) {
          if (this._missing > 0) {
            if (this._stream !== null) {
              if (this._consumeStream() === false) return;
              continue;
            }
            if (this._longHeader === true) {
              if (this._missing > this._buffer.buffered) break;
              if (this._consumeLongHeader() === false) return false;
              continue;
            }
            const ignore = this._buffer.shiftFirst(this._missing);
            if (ignore !== null) this._missing -= ignore.byteLength;
            continue;
          }
          if (this._buffer.buffered < 512) break;
          if (this._stream !== null || this._consumeHeader() === false) return;
        }
        this._continueWrite(null);
      }
      _continueWrite(err) {
        const cb = this._callback;
        this._callback = noop3;
        cb(err);
      }
      _write(data, cb) {
        this._callback = cb;
        this._buffer.push(data);
        this._update();
      }
      _final(cb) {
        this._finished = this._missing === 0 && this._buffer.buffered === 0;
        cb(this._finished ? null : new Error("Unexpected end of data"));
      }
      _predestroy() {
        this._continueWrite(null);
      }
      _destroy(cb) {
        if (this._stream) this._stream.destroy(getStreamError(this));
        cb(null);
      }
      [Symbol.asyncIterator]() {
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        let entryStream = null;
        let entryCallback = null;
        const extract = this;
        this.on("entry", onentry);
        this.on("error", (err) => {
          error = err;
        });
        this.on("close", onclose);
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(onnext);
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function consumeCallback(err) {
          if (!entryCallback) return;
          const cb = entryCallback;
          entryCallback = null;
          cb(err);
        }
        function onnext(resolve, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve;
          promiseReject = reject;
          consumeCallback(null);
          if (extract._finished && promiseResolve) {
            promiseResolve({ value: void 0, done: true });
            promiseResolve = promiseReject = null;
          }
        }
        function onentry(header, stream, callback) {
          entryCallback = callback;
          stream.on("error", noop3);
          if (promiseResolve) {
            promiseResolve({ value: stream, done: false });
            promiseResolve = promiseReject = null;
          } else {
            entryStream = stream;
          }
        }
        function onclose() {
          consumeCallback(error);
          if (!promiseResolve) return;
          if (error) promiseReject(error);
          else promiseResolve({ value: void 0, done: true });
          promiseResolve = promiseReject = null;
        }
        function destroy(err) {
          extract.destroy(err);
          consumeCallback(err);
          return new Promise((resolve, reject) => {
            if (extract.destroyed) return resolve({ value: void 0, done: true });
            extract.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    module2.exports = function extract(opts) {
      return new Extract(opts);
    };
    function noop3() {
    }
    function overflow(size2) {
      size2 &= 511;
      return size2 && 512 - size2;
    }
  }
});

// node_modules/tar-stream/constants.js
var require_constants = __commonJS({
  "node_modules/tar-stream/constants.js"(exports2, module2) {
    var constants = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module2.exports = require("fs").constants || constants;
    } catch {
      module2.exports = constants;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports2, module2) {
    var { Readable: Readable6, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR = b4a.alloc(1024);
    var Sink = class extends Writable {
      constructor(pack, header, callback) {
        super({ mapWritable, eagerOpen: true });
        this.written = 0;
        this.header = header;
        this._callback = callback;
        this._linkname = null;
        this._isLinkname = header.type === "symlink" && !header.linkname;
        this._isVoid = header.type !== "file" && header.type !== "contiguous-file";
        this._finished = false;
        this._pack = pack;
        this._openCallback = null;
        if (this._pack._stream === null) this._pack._stream = this;
        else this._pack._pending.push(this);
      }
      _open(cb) {
        this._openCallback = cb;
        if (this._pack._stream === this) this._continueOpen();
      }
      _continuePack(err) {
        if (this._callback === null) return;
        const callback = this._callback;
        this._callback = null;
        callback(err);
      }
      _continueOpen() {
        if (this._pack._stream === null) this._pack._stream = this;
        const cb = this._openCallback;
        this._openCallback = null;
        if (cb === null) return;
        if (this._pack.destroying) return cb(new Error("pack stream destroyed"));
        if (this._pack._finalized) return cb(new Error("pack stream is already finalized"));
        this._pack._stream = this;
        if (!this._isLinkname) {
          this._pack._encode(this.header);
        }
        if (this._isVoid) {
          this._finish();
          this._continuePack(null);
        }
        cb(null);
      }
      _write(data, cb) {
        if (this._isLinkname) {
          this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
          return cb(null);
        }
        if (this._isVoid) {
          if (data.byteLength > 0) {
            return cb(new Error("No body allowed for this entry"));
          }
          return cb();
        }
        this.written += data.byteLength;
        if (this._pack.push(data)) return cb();
        this._pack._drain = cb;
      }
      _finish() {
        if (this._finished) return;
        this._finished = true;
        if (this._isLinkname) {
          this.header.linkname = this._linkname ? b4a.toString(this._linkname, "utf-8") : "";
          this._pack._encode(this.header);
        }
        overflow(this._pack, this.header.size);
        this._pack._done(this);
      }
      _final(cb) {
        if (this.written !== this.header.size) {
          return cb(new Error("Size mismatch"));
        }
        this._finish();
        cb(null);
      }
      _getError() {
        return getStreamError(this) || new Error("tar entry destroyed");
      }
      _predestroy() {
        this._pack.destroy(this._getError());
      }
      _destroy(cb) {
        this._pack._done(this);
        this._continuePack(this._finished ? null : this._getError());
        cb();
      }
    };
    var Pack = class extends Readable6 {
      constructor(opts) {
        super(opts);
        this._drain = noop3;
        this._finalized = false;
        this._finalizing = false;
        this._pending = [];
        this._stream = null;
      }
      entry(header, buffer, callback) {
        if (this._finalized || this.destroying) throw new Error("already finalized or destroyed");
        if (typeof buffer === "function") {
          callback = buffer;
          buffer = null;
        }
        if (!callback) callback = noop3;
        if (!header.size || header.type === "symlink") header.size = 0;
        if (!header.type) header.type = modeToType(header.mode);
        if (!header.mode) header.mode = header.type === "directory" ? DMODE : FMODE;
        if (!header.uid) header.uid = 0;
        if (!header.gid) header.gid = 0;
        if (!header.mtime) header.mtime = /* @__PURE__ */ new Date();
        if (typeof buffer === "string") buffer = b4a.from(buffer);
        const sink = new Sink(this, header, callback);
        if (b4a.isBuffer(buffer)) {
          header.size = buffer.byteLength;
          sink.write(buffer);
          sink.end();
          return sink;
        }
        if (sink._isVoid) {
          return sink;
        }
        return sink;
      }
      finalize() {
        if (this._stream || this._pending.length > 0) {
          this._finalizing = true;
          return;
        }
        if (this._finalized) return;
        this._finalized = true;
        this.push(END_OF_TAR);
        this.push(null);
      }
      _done(stream) {
        if (stream !== this._stream) return;
        this._stream = null;
        if (this._finalizing) this.finalize();
        if (this._pending.length) this._pending.shift()._continueOpen();
      }
      _encode(header) {
        if (!header.pax) {
          const buf = headers.encode(header);
          if (buf) {
            this.push(buf);
            return;
          }
        }
        this._encodePax(header);
      }
      _encodePax(header) {
        const paxHeader = headers.encodePax({
          name: header.name,
          linkname: header.linkname,
          pax: header.pax
        });
        const newHeader = {
          name: "PaxHeader",
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          size: paxHeader.byteLength,
          mtime: header.mtime,
          type: "pax-header",
          linkname: header.linkname && "PaxHeader",
          uname: header.uname,
          gname: header.gname,
          devmajor: header.devmajor,
          devminor: header.devminor
        };
        this.push(headers.encode(newHeader));
        this.push(paxHeader);
        overflow(this, paxHeader.byteLength);
        newHeader.size = header.size;
        newHeader.type = header.type;
        this.push(headers.encode(newHeader));
      }
      _doDrain() {
        const drain = this._drain;
        this._drain = noop3;
        drain();
      }
      _predestroy() {
        const err = getStreamError(this);
        if (this._stream) this._stream.destroy(err);
        while (this._pending.length) {
          const stream = this._pending.shift();
          stream.destroy(err);
          stream._continueOpen();
        }
        this._doDrain();
      }
      _read(cb) {
        this._doDrain();
        cb();
      }
    };
    module2.exports = function pack(opts) {
      return new Pack(opts);
    };
    function modeToType(mode) {
      switch (mode & constants.S_IFMT) {
        case constants.S_IFBLK:
          return "block-device";
        case constants.S_IFCHR:
          return "character-device";
        case constants.S_IFDIR:
          return "directory";
        case constants.S_IFIFO:
          return "fifo";
        case constants.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop3() {
    }
    function overflow(self, size2) {
      size2 &= 511;
      if (size2) self.push(END_OF_TAR.subarray(0, 512 - size2));
    }
    function mapWritable(buf) {
      return b4a.isBuffer(buf) ? buf : b4a.from(buf);
    }
  }
});

// node_modules/tar-stream/index.js
var require_tar_stream = __commonJS({
  "node_modules/tar-stream/index.js"(exports2) {
    exports2.extract = require_extract();
    exports2.pack = require_pack();
  }
});

// src/engine/podman.ts
function endpointsFor(choice, env) {
  const rootless = env.XDG_RUNTIME_DIR ? [`unix://${env.XDG_RUNTIME_DIR}/podman/podman.sock`] : [];
  if (choice === "docker") return [env.DOCKER_HOST || DOCKER_SOCKET];
  if (choice === "podman") {
    if (env.CONTAINER_HOST) return [env.CONTAINER_HOST];
    return [ROOTFUL_PODMAN_SOCKET, ...rootless];
  }
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  if (env.CONTAINER_HOST) return [env.CONTAINER_HOST];
  return [DOCKER_SOCKET, ROOTFUL_PODMAN_SOCKET, ...rootless];
}
function noPodmanHint(tried) {
  return `no Podman service answers at ${tried.join(" or ")}; start one (\`podman system service --time=0 &\`, or \`systemctl --user start podman.socket\` for rootless Podman) or set CONTAINER_HOST to its socket`;
}
function parsePodmanInfo(j) {
  const host = j.host ?? {};
  const sec = host.security ?? {};
  return {
    rootless: sec.rootless === true,
    cgroupVersion: typeof host.cgroupVersion === "string" ? host.cgroupVersion : "",
    cgroupControllers: Array.isArray(host.cgroupControllers) ? host.cgroupControllers : [],
    defaultCapabilities: (sec.capabilities ?? "").split(",").map((c) => c.trim()).filter(Boolean)
  };
}
function podmanLimitsProblem(info) {
  if (info.name !== "podman" || !info.rootless || info.cgroupVersion !== "v1") return null;
  return "rootless Podman on a cgroup v1 host ignores --memory, --cpus and --pids (Podman drops every resource limit there), so the sandbox would have none; use rootful Podman (`sudo podman system service`), Docker, or a cgroup v2 host that delegates the memory, pids and cpu controllers to the user";
}
function podmanCapabilities(capDrop, capAdd, defaults) {
  const dropped = new Set(capDrop.map(bare));
  const all = /* @__PURE__ */ new Set([...DOCKER_DEFAULT_CAPS, ...defaults.map(bare)]);
  const granted = /* @__PURE__ */ new Set([...[...all].filter((c) => !dropped.has(c)), ...capAdd.map(bare)]);
  return { capDrop: ["ALL"], capAdd: [...granted].sort() };
}
function podmanUlimit(u) {
  return { name: u.Name.toLowerCase().replace(/^rlimit_/, ""), soft: u.Soft, hard: u.Hard };
}
function podmanNetworkMode(mode, networks) {
  if (mode !== "bridge") return mode ?? "";
  if (networks.length === 1) return networks[0] === "podman" ? "bridge" : networks[0];
  return `bridge:${networks.join(",")}`;
}
function podmanPidMode(mode) {
  return mode === "private" ? "" : mode ?? "";
}
function coverReadOnlyTmpfs(spec, engineTmpfs) {
  if (!spec.readOnlyRootfs || engineTmpfs.length === 0) return spec;
  const missing = engineTmpfs.filter((t) => !spec.mounts.some((m) => m.target === t));
  if (missing.length === 0) return spec;
  return {
    ...spec,
    mounts: [
      ...spec.mounts,
      ...missing.map((target) => ({
        type: "tmpfs",
        source: "",
        target,
        readOnly: true,
        tmpfs: { sizeBytes: 64 * 1024, mode: 493, options: ["ro", "nosuid", "nodev", "noexec"] }
      }))
    ]
  };
}
function podmanTmpfsBlocks(sizeBytes, arch) {
  if (arch !== "amd64" && arch !== "x86_64") return null;
  return `nr_blocks=${Math.ceil(sizeBytes / 4096)}`;
}
function archiveUnderBase(src, base) {
  const extract = import_tar_stream.default.extract();
  const pack = import_tar_stream.default.pack();
  const rename = (n) => n.startsWith("/") ? `${base}/${n.replace(/^\/+/, "")}` : n;
  extract.on("entry", (header, stream, next) => {
    const h = { ...header, name: rename(header.name) };
    if (h.type === "link" && h.linkname) h.linkname = rename(h.linkname);
    stream.pipe(pack.entry(h, (err) => err ? extract.destroy(err) : next()));
  });
  extract.on("finish", () => pack.finalize());
  extract.on("error", (err) => pack.destroy(err));
  src.on("error", (err) => extract.destroy(err));
  src.pipe(extract);
  const out = import_node_stream.Readable.from(pack);
  out.on("close", () => {
    if (!src.readableEnded) src.destroy();
    extract.destroy();
  });
  return out;
}
var import_node_stream, import_tar_stream, ROOTFUL_PODMAN_SOCKET, DOCKER_SOCKET, PODMAN_NO_RUNSC, PODMAN_OOM_NOTE, DOCKER_DEFAULT_CAPS, bare, PODMAN_READ_ONLY_TMPFS;
var init_podman = __esm({
  "src/engine/podman.ts"() {
    "use strict";
    import_node_stream = require("node:stream");
    import_tar_stream = __toESM(require_tar_stream(), 1);
    ROOTFUL_PODMAN_SOCKET = "unix:///run/podman/podman.sock";
    DOCKER_SOCKET = "unix:///var/run/docker.sock";
    PODMAN_NO_RUNSC = "Podman's API does not report the arguments it runs a runtime with, so --oci-seccomp (gVisor's seccomp inside the sandbox) cannot be confirmed; use Docker for --isolation runsc (docs/engines.md)";
    PODMAN_OOM_NOTE = "exit 137 (SIGKILL) under Podman, which does not report OOM kills: if the command reached --memory, this was the OOM killer (docs/engines.md)";
    DOCKER_DEFAULT_CAPS = [
      "AUDIT_WRITE",
      "CHOWN",
      "DAC_OVERRIDE",
      "FOWNER",
      "FSETID",
      "KILL",
      "MKNOD",
      "NET_BIND_SERVICE",
      "NET_RAW",
      "SETFCAP",
      "SETGID",
      "SETPCAP",
      "SETUID",
      "SYS_CHROOT"
    ];
    bare = (c) => c.toUpperCase().replace(/^CAP_/, "");
    PODMAN_READ_ONLY_TMPFS = ["/run", "/tmp", "/var/tmp"];
  }
});

// node_modules/semver/internal/constants.js
var require_constants2 = __commonJS({
  "node_modules/semver/internal/constants.js"(exports2, module2) {
    "use strict";
    var SEMVER_SPEC_VERSION = "2.0.0";
    var MAX_LENGTH = 256;
    var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
    9007199254740991;
    var MAX_SAFE_COMPONENT_LENGTH = 16;
    var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
    var WHITESPACE_CHARACTERS = [
      "	",
      "\n",
      "\v",
      "\f",
      "\r",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      " ",
      "\u2028",
      "\u2029",
      " ",
      " ",
      "　",
      "\uFEFF"
    ];
    var RELEASE_TYPES = [
      "major",
      "premajor",
      "minor",
      "preminor",
      "patch",
      "prepatch",
      "prerelease"
    ];
    module2.exports = {
      MAX_LENGTH,
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_SAFE_INTEGER,
      WHITESPACE_CHARACTERS,
      RELEASE_TYPES,
      SEMVER_SPEC_VERSION,
      FLAG_INCLUDE_PRERELEASE: 1,
      FLAG_LOOSE: 2
    };
  }
});

// node_modules/semver/internal/debug.js
var require_debug = __commonJS({
  "node_modules/semver/internal/debug.js"(exports2, module2) {
    "use strict";
    var debug = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module2.exports = debug;
  }
});

// node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/semver/internal/re.js"(exports2, module2) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants2();
    var debug = require_debug();
    exports2 = module2.exports = {};
    var re = exports2.re = [];
    var safeRe = exports2.safeRe = [];
    var src = exports2.src = [];
    var safeSrc = exports2.safeSrc = [];
    var t = exports2.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value) => {
      for (const [token, max] of safeRegexReplacements) {
        value = value.split(`${token}*`).join(`${token}{0,${max}}`).split(`${token}+`).join(`${token}{1,${max}}`);
      }
      return value;
    };
    var createToken = (name, value, isGlobal) => {
      const safe = makeSafeRegex(value);
      const index = R++;
      debug(name, index, value);
      t[name] = index;
      src[index] = value;
      safeSrc[index] = safe;
      re[index] = new RegExp(value, isGlobal ? "g" : void 0);
      safeRe[index] = new RegExp(safe, isGlobal ? "g" : void 0);
    };
    createToken("NUMERICIDENTIFIER", "0|[1-9]\\d*");
    createToken("NUMERICIDENTIFIERLOOSE", "\\d+");
    createToken("NONNUMERICIDENTIFIER", `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);
    createToken("MAINVERSION", `(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})`);
    createToken("MAINVERSIONLOOSE", `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASEIDENTIFIER", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIER]})`);
    createToken("PRERELEASEIDENTIFIERLOOSE", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASE", `(?:-(${src[t.PRERELEASEIDENTIFIER]}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);
    createToken("PRERELEASELOOSE", `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);
    createToken("BUILDIDENTIFIER", `${LETTERDASHNUMBER}+`);
    createToken("BUILD", `(?:\\+(${src[t.BUILDIDENTIFIER]}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);
    createToken("FULLPLAIN", `v?${src[t.MAINVERSION]}${src[t.PRERELEASE]}?${src[t.BUILD]}?`);
    createToken("FULL", `^${src[t.FULLPLAIN]}$`);
    createToken("LOOSEPLAIN", `[v=\\s]*${src[t.MAINVERSIONLOOSE]}${src[t.PRERELEASELOOSE]}?${src[t.BUILD]}?`);
    createToken("LOOSE", `^${src[t.LOOSEPLAIN]}$`);
    createToken("GTLT", "((?:<|>)?=?)");
    createToken("XRANGEIDENTIFIERLOOSE", `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
    createToken("XRANGEIDENTIFIER", `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);
    createToken("XRANGEPLAIN", `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:${src[t.PRERELEASE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGEPLAINLOOSE", `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:${src[t.PRERELEASELOOSE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
    createToken("XRANGELOOSE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COERCEPLAIN", `${"(^|[^\\d])(\\d{1,"}${MAX_SAFE_COMPONENT_LENGTH}})(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
    createToken("COERCE", `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
    createToken("COERCEFULL", src[t.COERCEPLAIN] + `(?:${src[t.PRERELEASE]})?(?:${src[t.BUILD]})?(?:$|[^\\d])`);
    createToken("COERCERTL", src[t.COERCE], true);
    createToken("COERCERTLFULL", src[t.COERCEFULL], true);
    createToken("LONETILDE", "(?:~>?)");
    createToken("TILDETRIM", `(\\s*)${src[t.LONETILDE]}\\s+`, true);
    exports2.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports2.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports2.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/semver/internal/parse-options.js"(exports2, module2) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options) => {
      if (!options) {
        return emptyOpts;
      }
      if (typeof options !== "object") {
        return looseOption;
      }
      return options;
    };
    module2.exports = parseOptions;
  }
});

// node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/semver/internal/identifiers.js"(exports2, module2) {
    "use strict";
    var numeric = /^[0-9]+$/;
    var compareIdentifiers = (a, b) => {
      if (typeof a === "number" && typeof b === "number") {
        return a === b ? 0 : a < b ? -1 : 1;
      }
      const anum = numeric.test(a);
      const bnum = numeric.test(b);
      if (anum && bnum) {
        a = +a;
        b = +b;
      }
      return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
    };
    var rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);
    module2.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/semver/classes/semver.js"(exports2, module2) {
    "use strict";
    var debug = require_debug();
    var { MAX_LENGTH, MAX_SAFE_INTEGER } = require_constants2();
    var { safeRe: re, t } = require_re();
    var parseOptions = require_parse_options();
    var { compareIdentifiers } = require_identifiers();
    var isPrereleaseIdentifier = (prerelease, identifier) => {
      const identifiers = identifier.split(".");
      if (identifiers.length > prerelease.length) {
        return false;
      }
      for (let i = 0; i < identifiers.length; i++) {
        if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
          return false;
        }
      }
      return true;
    };
    var SemVer = class _SemVer {
      constructor(version, options) {
        options = parseOptions(options);
        if (version instanceof _SemVer) {
          if (version.loose === !!options.loose && version.includePrerelease === !!options.includePrerelease) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug("SemVer", version, options);
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version}`);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map((id) => {
            if (/^[0-9]+$/.test(id)) {
              const num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      format() {
        this.version = `${this.major}.${this.minor}.${this.patch}`;
        if (this.prerelease.length) {
          this.version += `-${this.prerelease.join(".")}`;
        }
        return this.version;
      }
      toString() {
        return this.version;
      }
      compare(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof _SemVer)) {
          if (typeof other === "string" && other === this.version) {
            return 0;
          }
          other = new _SemVer(other, this.options);
        }
        if (other.version === this.version) {
          return 0;
        }
        return this.compareMain(other) || this.comparePre(other);
      }
      compareMain(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.major < other.major) {
          return -1;
        }
        if (this.major > other.major) {
          return 1;
        }
        if (this.minor < other.minor) {
          return -1;
        }
        if (this.minor > other.minor) {
          return 1;
        }
        if (this.patch < other.patch) {
          return -1;
        }
        if (this.patch > other.patch) {
          return 1;
        }
        return 0;
      }
      comparePre(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        let i = 0;
        do {
          const a = this.prerelease[i];
          const b = other.prerelease[i];
          debug("prerelease compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      compareBuild(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        let i = 0;
        do {
          const a = this.build[i];
          const b = other.build[i];
          debug("build compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      // preminor will bump the version up to the next minor release, and immediately
      // down to pre-release. premajor and prepatch work the same way.
      inc(release, identifier, identifierBase) {
        if (release.startsWith("pre")) {
          if (!identifier && identifierBase === false) {
            throw new Error("invalid increment argument: identifier is empty");
          }
          if (identifier) {
            const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
            if (!match || match[1] !== identifier) {
              throw new Error(`invalid identifier: ${identifier}`);
            }
          }
        }
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier, identifierBase);
            this.inc("pre", identifier, identifierBase);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier, identifierBase);
            }
            this.inc("pre", identifier, identifierBase);
            break;
          case "release":
            if (this.prerelease.length === 0) {
              throw new Error(`version ${this.raw} is not a prerelease`);
            }
            this.prerelease.length = 0;
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
          case "pre": {
            const base = Number(identifierBase) ? 1 : 0;
            if (this.prerelease.length === 0) {
              this.prerelease = [base];
            } else {
              let i = this.prerelease.length;
              while (--i >= 0) {
                if (typeof this.prerelease[i] === "number") {
                  this.prerelease[i]++;
                  i = -2;
                }
              }
              if (i === -1) {
                if (identifier === this.prerelease.join(".") && identifierBase === false) {
                  throw new Error("invalid increment argument: identifier already exists");
                }
                this.prerelease.push(base);
              }
            }
            if (identifier) {
              let prerelease = [identifier, base];
              if (identifierBase === false) {
                prerelease = [identifier];
              }
              if (isPrereleaseIdentifier(this.prerelease, identifier)) {
                const prereleaseBase = this.prerelease[identifier.split(".").length];
                if (isNaN(prereleaseBase)) {
                  this.prerelease = prerelease;
                }
              } else {
                this.prerelease = prerelease;
              }
            }
            break;
          }
          default:
            throw new Error(`invalid increment argument: ${release}`);
        }
        this.raw = this.format();
        if (this.build.length) {
          this.raw += `+${this.build.join(".")}`;
        }
        return this;
      }
    };
    module2.exports = SemVer;
  }
});

// node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/semver/functions/parse.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var parse4 = (version, options, throwErrors = false) => {
      if (version instanceof SemVer) {
        return version;
      }
      try {
        return new SemVer(version, options);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module2.exports = parse4;
  }
});

// node_modules/semver/functions/valid.js
var require_valid = __commonJS({
  "node_modules/semver/functions/valid.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var valid = (version, options) => {
      const v = parse4(version, options);
      return v ? v.version : null;
    };
    module2.exports = valid;
  }
});

// node_modules/semver/functions/clean.js
var require_clean = __commonJS({
  "node_modules/semver/functions/clean.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var clean = (version, options) => {
      const s2 = parse4(version.trim().replace(/^[=v]+/, ""), options);
      return s2 ? s2.version : null;
    };
    module2.exports = clean;
  }
});

// node_modules/semver/functions/inc.js
var require_inc = __commonJS({
  "node_modules/semver/functions/inc.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var inc = (version, release, options, identifier, identifierBase) => {
      if (typeof options === "string") {
        identifierBase = identifier;
        identifier = options;
        options = void 0;
      }
      try {
        return new SemVer(
          version instanceof SemVer ? version.version : version,
          options
        ).inc(release, identifier, identifierBase).version;
      } catch (er) {
        return null;
      }
    };
    module2.exports = inc;
  }
});

// node_modules/semver/functions/diff.js
var require_diff = __commonJS({
  "node_modules/semver/functions/diff.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var diff = (version1, version2) => {
      const v1 = parse4(version1, null, true);
      const v2 = parse4(version2, null, true);
      const comparison = v1.compare(v2);
      if (comparison === 0) {
        return null;
      }
      const v1Higher = comparison > 0;
      const highVersion = v1Higher ? v1 : v2;
      const lowVersion = v1Higher ? v2 : v1;
      const highHasPre = !!highVersion.prerelease.length;
      const lowHasPre = !!lowVersion.prerelease.length;
      if (lowHasPre && !highHasPre) {
        if (!lowVersion.patch && !lowVersion.minor) {
          return "major";
        }
        if (lowVersion.compareMain(highVersion) === 0) {
          if (lowVersion.minor && !lowVersion.patch) {
            return "minor";
          }
          return "patch";
        }
      }
      const prefix = highHasPre ? "pre" : "";
      if (v1.major !== v2.major) {
        return prefix + "major";
      }
      if (v1.minor !== v2.minor) {
        return prefix + "minor";
      }
      if (v1.patch !== v2.patch) {
        return prefix + "patch";
      }
      return "prerelease";
    };
    module2.exports = diff;
  }
});

// node_modules/semver/functions/major.js
var require_major = __commonJS({
  "node_modules/semver/functions/major.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var major = (a, loose) => new SemVer(a, loose).major;
    module2.exports = major;
  }
});

// node_modules/semver/functions/minor.js
var require_minor = __commonJS({
  "node_modules/semver/functions/minor.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var minor = (a, loose) => new SemVer(a, loose).minor;
    module2.exports = minor;
  }
});

// node_modules/semver/functions/patch.js
var require_patch = __commonJS({
  "node_modules/semver/functions/patch.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var patch = (a, loose) => new SemVer(a, loose).patch;
    module2.exports = patch;
  }
});

// node_modules/semver/functions/prerelease.js
var require_prerelease = __commonJS({
  "node_modules/semver/functions/prerelease.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var prerelease = (version, options) => {
      const parsed = parse4(version, options);
      return parsed && parsed.prerelease.length ? parsed.prerelease : null;
    };
    module2.exports = prerelease;
  }
});

// node_modules/semver/functions/compare.js
var require_compare = __commonJS({
  "node_modules/semver/functions/compare.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var compare = (a, b, loose) => new SemVer(a, loose).compare(new SemVer(b, loose));
    module2.exports = compare;
  }
});

// node_modules/semver/functions/rcompare.js
var require_rcompare = __commonJS({
  "node_modules/semver/functions/rcompare.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var rcompare = (a, b, loose) => compare(b, a, loose);
    module2.exports = rcompare;
  }
});

// node_modules/semver/functions/compare-loose.js
var require_compare_loose = __commonJS({
  "node_modules/semver/functions/compare-loose.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var compareLoose = (a, b) => compare(a, b, true);
    module2.exports = compareLoose;
  }
});

// node_modules/semver/functions/compare-build.js
var require_compare_build = __commonJS({
  "node_modules/semver/functions/compare-build.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var compareBuild = (a, b, loose) => {
      const versionA = new SemVer(a, loose);
      const versionB = new SemVer(b, loose);
      return versionA.compare(versionB) || versionA.compareBuild(versionB);
    };
    module2.exports = compareBuild;
  }
});

// node_modules/semver/functions/sort.js
var require_sort = __commonJS({
  "node_modules/semver/functions/sort.js"(exports2, module2) {
    "use strict";
    var compareBuild = require_compare_build();
    var sort = (list3, loose) => list3.sort((a, b) => compareBuild(a, b, loose));
    module2.exports = sort;
  }
});

// node_modules/semver/functions/rsort.js
var require_rsort = __commonJS({
  "node_modules/semver/functions/rsort.js"(exports2, module2) {
    "use strict";
    var compareBuild = require_compare_build();
    var rsort = (list3, loose) => list3.sort((a, b) => compareBuild(b, a, loose));
    module2.exports = rsort;
  }
});

// node_modules/semver/functions/gt.js
var require_gt = __commonJS({
  "node_modules/semver/functions/gt.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var gt = (a, b, loose) => compare(a, b, loose) > 0;
    module2.exports = gt;
  }
});

// node_modules/semver/functions/lt.js
var require_lt = __commonJS({
  "node_modules/semver/functions/lt.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var lt = (a, b, loose) => compare(a, b, loose) < 0;
    module2.exports = lt;
  }
});

// node_modules/semver/functions/eq.js
var require_eq = __commonJS({
  "node_modules/semver/functions/eq.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var eq = (a, b, loose) => compare(a, b, loose) === 0;
    module2.exports = eq;
  }
});

// node_modules/semver/functions/neq.js
var require_neq = __commonJS({
  "node_modules/semver/functions/neq.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var neq = (a, b, loose) => compare(a, b, loose) !== 0;
    module2.exports = neq;
  }
});

// node_modules/semver/functions/gte.js
var require_gte = __commonJS({
  "node_modules/semver/functions/gte.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var gte = (a, b, loose) => compare(a, b, loose) >= 0;
    module2.exports = gte;
  }
});

// node_modules/semver/functions/lte.js
var require_lte = __commonJS({
  "node_modules/semver/functions/lte.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var lte = (a, b, loose) => compare(a, b, loose) <= 0;
    module2.exports = lte;
  }
});

// node_modules/semver/functions/cmp.js
var require_cmp = __commonJS({
  "node_modules/semver/functions/cmp.js"(exports2, module2) {
    "use strict";
    var eq = require_eq();
    var neq = require_neq();
    var gt = require_gt();
    var gte = require_gte();
    var lt = require_lt();
    var lte = require_lte();
    var cmp = (a, op, b, loose) => {
      switch (op) {
        case "===":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a === b;
        case "!==":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a !== b;
        case "":
        case "=":
        case "==":
          return eq(a, b, loose);
        case "!=":
          return neq(a, b, loose);
        case ">":
          return gt(a, b, loose);
        case ">=":
          return gte(a, b, loose);
        case "<":
          return lt(a, b, loose);
        case "<=":
          return lte(a, b, loose);
        default:
          throw new TypeError(`Invalid operator: ${op}`);
      }
    };
    module2.exports = cmp;
  }
});

// node_modules/semver/functions/coerce.js
var require_coerce = __commonJS({
  "node_modules/semver/functions/coerce.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var parse4 = require_parse();
    var { safeRe: re, t } = require_re();
    var coerce = (version, options) => {
      if (version instanceof SemVer) {
        return version;
      }
      if (typeof version === "number") {
        version = String(version);
      }
      if (typeof version !== "string") {
        return null;
      }
      options = options || {};
      let match = null;
      if (!options.rtl) {
        match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE]);
      } else {
        const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL];
        let next;
        while ((next = coerceRtlRegex.exec(version)) && (!match || match.index + match[0].length !== version.length)) {
          if (!match || next.index + next[0].length !== match.index + match[0].length) {
            match = next;
          }
          coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length;
        }
        coerceRtlRegex.lastIndex = -1;
      }
      if (match === null) {
        return null;
      }
      const major = match[2];
      const minor = match[3] || "0";
      const patch = match[4] || "0";
      const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : "";
      const build = options.includePrerelease && match[6] ? `+${match[6]}` : "";
      return parse4(`${major}.${minor}.${patch}${prerelease}${build}`, options);
    };
    module2.exports = coerce;
  }
});

// node_modules/semver/functions/truncate.js
var require_truncate = __commonJS({
  "node_modules/semver/functions/truncate.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var constants = require_constants2();
    var SemVer = require_semver();
    var truncate = (version, truncation, options) => {
      if (!constants.RELEASE_TYPES.includes(truncation)) {
        return null;
      }
      const clonedVersion = cloneInputVersion(version, options);
      return clonedVersion && doTruncation(clonedVersion, truncation);
    };
    var cloneInputVersion = (version, options) => {
      const versionStringToParse = version instanceof SemVer ? version.version : version;
      return parse4(versionStringToParse, options);
    };
    var doTruncation = (version, truncation) => {
      if (isPrerelease(truncation)) {
        return version.version;
      }
      version.prerelease = [];
      switch (truncation) {
        case "major":
          version.minor = 0;
          version.patch = 0;
          break;
        case "minor":
          version.patch = 0;
          break;
      }
      return version.format();
    };
    var isPrerelease = (type) => {
      return type.startsWith("pre");
    };
    module2.exports = truncate;
  }
});

// node_modules/semver/internal/lrucache.js
var require_lrucache = __commonJS({
  "node_modules/semver/internal/lrucache.js"(exports2, module2) {
    "use strict";
    var LRUCache = class {
      constructor() {
        this.max = 1e3;
        this.map = /* @__PURE__ */ new Map();
      }
      get(key) {
        const value = this.map.get(key);
        if (value === void 0) {
          return void 0;
        } else {
          this.map.delete(key);
          this.map.set(key, value);
          return value;
        }
      }
      delete(key) {
        return this.map.delete(key);
      }
      set(key, value) {
        const deleted = this.delete(key);
        if (!deleted && value !== void 0) {
          if (this.map.size >= this.max) {
            const firstKey = this.map.keys().next().value;
            this.delete(firstKey);
          }
          this.map.set(key, value);
        }
        return this;
      }
    };
    module2.exports = LRUCache;
  }
});

// node_modules/semver/internal/trim-comparator-whitespace.js
var require_trim_comparator_whitespace = __commonJS({
  "node_modules/semver/internal/trim-comparator-whitespace.js"(exports2, module2) {
    "use strict";
    var {
      MAX_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      WHITESPACE_CHARACTERS
    } = require_constants2();
    var whitespace = new Uint8Array(65536);
    for (const char of WHITESPACE_CHARACTERS) {
      whitespace[char.charCodeAt(0)] = 1;
    }
    var isWhitespace = (char) => char !== void 0 && whitespace[char.charCodeAt(0)] === 1;
    var isVersionPrefix = (char) => char === "v" || char === "=" || isWhitespace(char);
    var isDigit = (char) => char !== void 0 && char >= "0" && char <= "9";
    var isLetter = (char) => char !== void 0 && (char >= "a" && char <= "z" || char >= "A" && char <= "Z");
    var isIdentifierCharacter = (char) => isDigit(char) || isLetter(char) || char === "-";
    var isVersionStart = (char) => isDigit(char) || char === "x" || char === "X" || char === "*";
    var findDigitsEndIndex = (range, start, limit, digitRuns) => {
      if (!isDigit(range[start])) {
        return start;
      }
      if (start >= digitRuns.start && start < digitRuns.end) {
        return Math.min(start + limit, digitRuns.end);
      }
      if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
        return Math.min(start + limit, digitRuns.previousEnd);
      }
      let end = start + 1;
      while (isDigit(range[end])) {
        end++;
      }
      digitRuns.previousStart = digitRuns.start;
      digitRuns.previousEnd = digitRuns.end;
      digitRuns.start = start;
      digitRuns.end = end;
      return Math.min(start + limit, end);
    };
    var findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
      if (!loose && range[start] === "0") {
        return start + 1;
      }
      return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns);
    };
    var findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
      const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns);
      if (isLetter(range[digitsEnd]) || range[digitsEnd] === "-") {
        let end = digitsEnd + 1;
        const limit = end + MAX_SAFE_BUILD_LENGTH;
        while (end < limit && isIdentifierCharacter(range[end])) {
          end++;
        }
        return end;
      }
      return findVersionNumberEndIndex(range, start, loose, digitRuns);
    };
    var findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
      const hyphen = range[start] === "-";
      if (!loose && !hyphen) {
        return start;
      }
      const identifierStart = start + (hyphen ? 1 : 0);
      let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns);
      if (end === identifierStart) {
        if (!loose || !hyphen) {
          return start;
        }
        end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns);
      }
      while (range[end] === ".") {
        const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findBuildIdentifierEndIndex = (range, start) => {
      let end = start;
      while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
        end++;
      }
      return end;
    };
    var findBuildEndIndex = (range, start) => {
      if (range[start] !== "+") {
        return start;
      }
      let end = findBuildIdentifierEndIndex(range, start + 1);
      if (end === start + 1) {
        return start;
      }
      while (range[end] === ".") {
        const next = findBuildIdentifierEndIndex(range, end + 1);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findLooseFullVersionEndIndex = (range, start, digitRuns) => {
      let end = start;
      for (let component = 0; component < 3; component++) {
        const next = findVersionNumberEndIndex(range, end, true, digitRuns);
        if (next === end) {
          return start;
        }
        end = next;
        if (component < 2) {
          if (range[end] !== ".") {
            return start;
          }
          end++;
        }
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
      if (isDigit(range[start])) {
        return findVersionNumberEndIndex(range, start, false, digitRuns);
      }
      return isVersionStart(range[start]) ? start + 1 : start;
    };
    var findPartialVersionEndIndex = (range, start, digitRuns) => {
      let end = findPartialVersionComponentEndIndex(range, start, digitRuns);
      for (let component = 0; component < 2; component++) {
        if (range[end] !== ".") {
          return end;
        }
        const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns);
        if (next === end + 1) {
          return end;
        }
        end = next;
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findVersionEndIndex = (range, start, digitRuns) => {
      const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns);
      return fullVersionEnd !== start ? fullVersionEnd : findPartialVersionEndIndex(range, start, digitRuns);
    };
    var findRemovableWhitespaceIndex = (range, matchStart) => {
      let position = matchStart;
      if (isWhitespace(range[position])) {
        position++;
      }
      if (range[position] === "<" || range[position] === ">") {
        position++;
      }
      if (range[position] === "=") {
        position++;
      }
      return isWhitespace(range[position]) ? position : -1;
    };
    var trimComparatorWhitespace = (range) => {
      let result = "";
      let copyFrom = 0;
      let cursor = 0;
      const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 };
      while (cursor < range.length) {
        const matchStart = cursor;
        if (range[cursor] === "<" || range[cursor] === ">") {
          cursor++;
        } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
          cursor++;
          continue;
        }
        while (cursor < range.length && isVersionPrefix(range[cursor])) {
          cursor++;
        }
        if (!isVersionStart(range[cursor])) {
          continue;
        }
        const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart);
        if (whitespacePosition !== -1) {
          result += range.slice(copyFrom, whitespacePosition);
          copyFrom = whitespacePosition + 1;
        }
        cursor = findVersionEndIndex(range, cursor, digitRuns);
      }
      return result + range.slice(copyFrom);
    };
    module2.exports = trimComparatorWhitespace;
  }
});

// node_modules/semver/classes/range.js
var require_range = __commonJS({
  "node_modules/semver/classes/range.js"(exports2, module2) {
    "use strict";
    var SPACE_CHARACTERS = /\s+/g;
    var Range = class _Range {
      constructor(range, options) {
        options = parseOptions(options);
        if (range instanceof _Range) {
          if (range.loose === !!options.loose && range.includePrerelease === !!options.includePrerelease) {
            return range;
          } else {
            return new _Range(range.raw, options);
          }
        }
        if (range instanceof Comparator) {
          this.raw = range.value;
          this.set = [[range]];
          this.formatted = void 0;
          return this;
        }
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        this.raw = range.trim().replace(SPACE_CHARACTERS, " ");
        this.set = this.raw.split("||").map((r) => this.parseRange(r.trim())).filter((c) => c.length);
        if (!this.set.length) {
          throw new TypeError(`Invalid SemVer Range: ${this.raw}`);
        }
        if (this.set.length > 1) {
          const first = this.set[0];
          this.set = this.set.filter((c) => !isNullSet(c[0]));
          if (this.set.length === 0) {
            this.set = [first];
          } else if (this.set.length > 1) {
            for (const c of this.set) {
              if (c.length === 1 && isAny(c[0])) {
                this.set = [c];
                break;
              }
            }
          }
        }
        this.formatted = void 0;
      }
      get range() {
        if (this.formatted === void 0) {
          this.formatted = "";
          for (let i = 0; i < this.set.length; i++) {
            if (i > 0) {
              this.formatted += "||";
            }
            const comps = this.set[i];
            for (let k = 0; k < comps.length; k++) {
              if (k > 0) {
                this.formatted += " ";
              }
              this.formatted += comps[k].toString().trim();
            }
          }
        }
        return this.formatted;
      }
      format() {
        return this.range;
      }
      toString() {
        return this.range;
      }
      parseRange(range) {
        range = range.replace(BUILDSTRIPRE, "");
        const memoOpts = (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) | (this.options.loose && FLAG_LOOSE);
        const memoKey = memoOpts + ":" + range;
        const cached = cache.get(memoKey);
        if (cached) {
          return cached;
        }
        const loose = this.options.loose;
        const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE];
        range = range.replace(hr, hyphenReplace(this.options.includePrerelease));
        debug("hyphen replace", range);
        range = trimComparatorWhitespace(range);
        debug("comparator trim", range);
        range = range.replace(re[t.TILDETRIM], tildeTrimReplace);
        debug("tilde trim", range);
        range = range.replace(re[t.CARETTRIM], caretTrimReplace);
        debug("caret trim", range);
        let rangeList = range.split(" ").map((comp) => parseComparator(comp, this.options)).join(" ").split(/\s+/).map((comp) => replaceGTE0(comp, this.options));
        if (loose) {
          rangeList = rangeList.filter((comp) => {
            debug("loose invalid filter", comp, this.options);
            return !!comp.match(re[t.COMPARATORLOOSE]);
          });
        }
        debug("range list", rangeList);
        const rangeMap = /* @__PURE__ */ new Map();
        const comparators = rangeList.map((comp) => new Comparator(comp, this.options));
        for (const comp of comparators) {
          if (isNullSet(comp)) {
            return [comp];
          }
          rangeMap.set(comp.value, comp);
        }
        if (rangeMap.size > 1 && rangeMap.has("")) {
          rangeMap.delete("");
        }
        const result = [...rangeMap.values()];
        cache.set(memoKey, result);
        return result;
      }
      intersects(range, options) {
        if (!(range instanceof _Range)) {
          throw new TypeError("a Range is required");
        }
        return this.set.some((thisComparators) => {
          return isSatisfiable(thisComparators, options) && range.set.some((rangeComparators) => {
            return isSatisfiable(rangeComparators, options) && thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options);
              });
            });
          });
        });
      }
      // if ANY of the sets match ALL of its comparators, then pass
      test(version) {
        if (!version) {
          return false;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        for (let i = 0; i < this.set.length; i++) {
          if (testSet(this.set[i], version, this.options)) {
            return true;
          }
        }
        return false;
      }
    };
    module2.exports = Range;
    var LRU = require_lrucache();
    var cache = new LRU();
    var parseOptions = require_parse_options();
    var Comparator = require_comparator();
    var debug = require_debug();
    var SemVer = require_semver();
    var trimComparatorWhitespace = require_trim_comparator_whitespace();
    var {
      safeRe: re,
      src,
      t,
      tildeTrimReplace,
      caretTrimReplace
    } = require_re();
    var { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = require_constants2();
    var BUILDSTRIPRE = new RegExp(src[t.BUILD], "g");
    var isNullSet = (c) => c.value === "<0.0.0-0";
    var isAny = (c) => c.value === "";
    var isSatisfiable = (comparators, options) => {
      let result = true;
      const remainingComparators = comparators.slice();
      let testComparator = remainingComparators.pop();
      while (result && remainingComparators.length) {
        result = remainingComparators.every((otherComparator) => {
          return testComparator.intersects(otherComparator, options);
        });
        testComparator = remainingComparators.pop();
      }
      return result;
    };
    var parseComparator = (comp, options) => {
      comp = comp.replace(re[t.BUILD], "");
      debug("comp", comp, options);
      comp = replaceCarets(comp, options);
      debug("caret", comp);
      comp = replaceTildes(comp, options);
      debug("tildes", comp);
      comp = replaceXRanges(comp, options);
      debug("xrange", comp);
      comp = replaceStars(comp, options);
      debug("stars", comp);
      return comp;
    };
    var isX = (id) => !id || id.toLowerCase() === "x" || id === "*";
    var invalidXRangeOrder = (M, m, p) => isX(M) && !isX(m) || isX(m) && p && !isX(p);
    var replaceTildes = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceTilde(c, options)).join(" ");
    };
    var replaceTilde = (comp, options) => {
      const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("tilde", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
        } else if (pr) {
          debug("replaceTilde pr", pr);
          ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
        } else {
          ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
        }
        debug("tilde return", ret);
        return ret;
      });
    };
    var replaceCarets = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceCaret(c, options)).join(" ");
    };
    var replaceCaret = (comp, options) => {
      debug("caret", comp, options);
      const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("caret", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          if (M === "0") {
            ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
          } else {
            ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`;
          }
        } else if (pr) {
          debug("replaceCaret pr", pr);
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p}-${pr} <${+M + 1}.0.0-0`;
          }
        } else {
          debug("no pr");
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p} <${+M + 1}.0.0-0`;
          }
        }
        debug("caret return", ret);
        return ret;
      });
    };
    var replaceXRanges = (comp, options) => {
      debug("replaceXRanges", comp, options);
      return comp.split(/\s+/).map((c) => replaceXRange(c, options)).join(" ");
    };
    var replaceXRange = (comp, options) => {
      comp = comp.trim();
      const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE];
      return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
        debug("xRange", comp, ret, gtlt, M, m, p, pr);
        if (invalidXRangeOrder(M, m, p)) {
          return comp;
        }
        const xM = isX(M);
        const xm = xM || isX(m);
        const xp = xm || isX(p);
        const anyX = xp;
        if (gtlt === "=" && anyX) {
          gtlt = "";
        }
        pr = options.includePrerelease ? "-0" : "";
        if (xM) {
          if (gtlt === ">" || gtlt === "<") {
            ret = "<0.0.0-0";
          } else {
            ret = "*";
          }
        } else if (gtlt && anyX) {
          if (xm) {
            m = 0;
          }
          p = 0;
          if (gtlt === ">") {
            gtlt = ">=";
            if (xm) {
              M = +M + 1;
              m = 0;
              p = 0;
            } else {
              m = +m + 1;
              p = 0;
            }
          } else if (gtlt === "<=") {
            gtlt = "<";
            if (xm) {
              M = +M + 1;
            } else {
              m = +m + 1;
            }
          }
          if (gtlt === "<") {
            pr = "-0";
          }
          ret = `${gtlt + M}.${m}.${p}${pr}`;
        } else if (xm) {
          ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`;
        } else if (xp) {
          ret = `>=${M}.${m}.0${pr} <${M}.${+m + 1}.0-0`;
        }
        debug("xRange return", ret);
        return ret;
      });
    };
    var replaceStars = (comp, options) => {
      debug("replaceStars", comp, options);
      return comp.trim().replace(re[t.STAR], "");
    };
    var replaceGTE0 = (comp, options) => {
      debug("replaceGTE0", comp, options);
      return comp.trim().replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], "");
    };
    var hyphenReplace = (incPr) => ($0, from, fM, fm, fp, fpr, fb, to, tM, tm, tp, tpr) => {
      if (isX(fM)) {
        from = "";
      } else if (isX(fm)) {
        from = `>=${fM}.0.0${incPr ? "-0" : ""}`;
      } else if (isX(fp)) {
        from = `>=${fM}.${fm}.0${incPr ? "-0" : ""}`;
      } else if (fpr) {
        from = `>=${from}`;
      } else {
        from = `>=${from}${incPr ? "-0" : ""}`;
      }
      if (isX(tM)) {
        to = "";
      } else if (isX(tm)) {
        to = `<${+tM + 1}.0.0-0`;
      } else if (isX(tp)) {
        to = `<${tM}.${+tm + 1}.0-0`;
      } else if (tpr) {
        to = `<=${tM}.${tm}.${tp}-${tpr}`;
      } else if (incPr) {
        to = `<${tM}.${tm}.${+tp + 1}-0`;
      } else {
        to = `<=${to}`;
      }
      return `${from} ${to}`.trim();
    };
    var testSet = (set, version, options) => {
      for (let i = 0; i < set.length; i++) {
        if (!set[i].test(version)) {
          return false;
        }
      }
      if (version.prerelease.length && !options.includePrerelease) {
        for (let i = 0; i < set.length; i++) {
          debug(set[i].semver);
          if (set[i].semver === Comparator.ANY) {
            continue;
          }
          if (set[i].semver.prerelease.length > 0) {
            const allowed = set[i].semver;
            if (allowed.major === version.major && allowed.minor === version.minor && allowed.patch === version.patch) {
              return true;
            }
          }
        }
        return false;
      }
      return true;
    };
  }
});

// node_modules/semver/classes/comparator.js
var require_comparator = __commonJS({
  "node_modules/semver/classes/comparator.js"(exports2, module2) {
    "use strict";
    var ANY = /* @__PURE__ */ Symbol("SemVer ANY");
    var Comparator = class _Comparator {
      static get ANY() {
        return ANY;
      }
      constructor(comp, options) {
        options = parseOptions(options);
        if (comp instanceof _Comparator) {
          if (comp.loose === !!options.loose) {
            return comp;
          } else {
            comp = comp.value;
          }
        }
        comp = comp.trim().split(/\s+/).join(" ");
        debug("comparator", comp, options);
        this.options = options;
        this.loose = !!options.loose;
        this.parse(comp);
        if (this.semver === ANY) {
          this.value = "";
        } else {
          this.value = this.operator + this.semver.version;
        }
        debug("comp", this);
      }
      parse(comp) {
        const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR];
        const m = comp.match(r);
        if (!m) {
          throw new TypeError(`Invalid comparator: ${comp}`);
        }
        this.operator = m[1] !== void 0 ? m[1] : "";
        if (this.operator === "=") {
          this.operator = "";
        }
        if (!m[2]) {
          this.semver = ANY;
        } else {
          this.semver = new SemVer(m[2], this.options.loose);
        }
      }
      toString() {
        return this.value;
      }
      test(version) {
        debug("Comparator.test", version, this.options.loose);
        if (this.semver === ANY || version === ANY) {
          return true;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        return cmp(version, this.operator, this.semver, this.options);
      }
      intersects(comp, options) {
        if (!(comp instanceof _Comparator)) {
          throw new TypeError("a Comparator is required");
        }
        if (this.operator === "") {
          if (this.value === "") {
            return true;
          }
          return new Range(comp.value, options).test(this.value);
        } else if (comp.operator === "") {
          if (comp.value === "") {
            return true;
          }
          return new Range(this.value, options).test(comp.semver);
        }
        options = parseOptions(options);
        if (options.includePrerelease && (this.value === "<0.0.0-0" || comp.value === "<0.0.0-0")) {
          return false;
        }
        if (!options.includePrerelease && (this.value.startsWith("<0.0.0") || comp.value.startsWith("<0.0.0"))) {
          return false;
        }
        if (this.operator.startsWith(">") && comp.operator.startsWith(">")) {
          return true;
        }
        if (this.operator.startsWith("<") && comp.operator.startsWith("<")) {
          return true;
        }
        if (this.semver.version === comp.semver.version && this.operator.includes("=") && comp.operator.includes("=")) {
          return true;
        }
        if (cmp(this.semver, "<", comp.semver, options) && this.operator.startsWith(">") && comp.operator.startsWith("<")) {
          return true;
        }
        if (cmp(this.semver, ">", comp.semver, options) && this.operator.startsWith("<") && comp.operator.startsWith(">")) {
          return true;
        }
        return false;
      }
    };
    module2.exports = Comparator;
    var parseOptions = require_parse_options();
    var { safeRe: re, t } = require_re();
    var cmp = require_cmp();
    var debug = require_debug();
    var SemVer = require_semver();
    var Range = require_range();
  }
});

// node_modules/semver/functions/satisfies.js
var require_satisfies = __commonJS({
  "node_modules/semver/functions/satisfies.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var satisfies = (version, range, options) => {
      try {
        range = new Range(range, options);
      } catch (er) {
        return false;
      }
      return range.test(version);
    };
    module2.exports = satisfies;
  }
});

// node_modules/semver/ranges/to-comparators.js
var require_to_comparators = __commonJS({
  "node_modules/semver/ranges/to-comparators.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var toComparators = (range, options) => new Range(range, options).set.map((comp) => comp.map((c) => c.value).join(" ").trim().split(" "));
    module2.exports = toComparators;
  }
});

// node_modules/semver/ranges/max-satisfying.js
var require_max_satisfying = __commonJS({
  "node_modules/semver/ranges/max-satisfying.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var maxSatisfying = (versions, range, options) => {
      let max = null;
      let maxSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!max || maxSV.compare(v) === -1) {
            max = v;
            maxSV = new SemVer(max, options);
          }
        }
      });
      return max;
    };
    module2.exports = maxSatisfying;
  }
});

// node_modules/semver/ranges/min-satisfying.js
var require_min_satisfying = __commonJS({
  "node_modules/semver/ranges/min-satisfying.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var minSatisfying = (versions, range, options) => {
      let min = null;
      let minSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!min || minSV.compare(v) === 1) {
            min = v;
            minSV = new SemVer(min, options);
          }
        }
      });
      return min;
    };
    module2.exports = minSatisfying;
  }
});

// node_modules/semver/ranges/min-version.js
var require_min_version = __commonJS({
  "node_modules/semver/ranges/min-version.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var gt = require_gt();
    var minVersion = (range, loose) => {
      range = new Range(range, loose);
      let minver = new SemVer("0.0.0");
      if (range.test(minver)) {
        return minver;
      }
      minver = new SemVer("0.0.0-0");
      if (range.test(minver)) {
        return minver;
      }
      minver = null;
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let setMin = null;
        comparators.forEach((comparator) => {
          const compver = new SemVer(comparator.semver.version);
          switch (comparator.operator) {
            case ">":
              if (compver.prerelease.length === 0) {
                compver.patch++;
              } else {
                compver.prerelease.push(0);
              }
              compver.raw = compver.format();
            /* fallthrough */
            case "":
            case ">=":
              if (!setMin || gt(compver, setMin)) {
                setMin = compver;
              }
              break;
            case "<":
            case "<=":
              break;
            /* istanbul ignore next */
            default:
              throw new Error(`Unexpected operation: ${comparator.operator}`);
          }
        });
        if (setMin && (!minver || gt(minver, setMin))) {
          minver = setMin;
        }
      }
      if (minver && range.test(minver)) {
        return minver;
      }
      return null;
    };
    module2.exports = minVersion;
  }
});

// node_modules/semver/ranges/valid.js
var require_valid2 = __commonJS({
  "node_modules/semver/ranges/valid.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var validRange = (range, options) => {
      try {
        return new Range(range, options).range || "*";
      } catch (er) {
        return null;
      }
    };
    module2.exports = validRange;
  }
});

// node_modules/semver/ranges/outside.js
var require_outside = __commonJS({
  "node_modules/semver/ranges/outside.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var Range = require_range();
    var satisfies = require_satisfies();
    var gt = require_gt();
    var lt = require_lt();
    var lte = require_lte();
    var gte = require_gte();
    var outside = (version, range, hilo, options) => {
      version = new SemVer(version, options);
      range = new Range(range, options);
      let gtfn, ltefn, ltfn, comp, ecomp;
      switch (hilo) {
        case ">":
          gtfn = gt;
          ltefn = lte;
          ltfn = lt;
          comp = ">";
          ecomp = ">=";
          break;
        case "<":
          gtfn = lt;
          ltefn = gte;
          ltfn = gt;
          comp = "<";
          ecomp = "<=";
          break;
        default:
          throw new TypeError('Must provide a hilo val of "<" or ">"');
      }
      if (satisfies(version, range, options)) {
        return false;
      }
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let high = null;
        let low = null;
        comparators.forEach((comparator) => {
          if (comparator.semver === ANY) {
            comparator = new Comparator(">=0.0.0");
          }
          high = high || comparator;
          low = low || comparator;
          if (gtfn(comparator.semver, high.semver, options)) {
            high = comparator;
          } else if (ltfn(comparator.semver, low.semver, options)) {
            low = comparator;
          }
        });
        if (high.operator === comp || high.operator === ecomp) {
          return false;
        }
        if ((!low.operator || low.operator === comp) && ltefn(version, low.semver)) {
          return false;
        } else if (low.operator === ecomp && ltfn(version, low.semver)) {
          return false;
        }
      }
      return true;
    };
    module2.exports = outside;
  }
});

// node_modules/semver/ranges/gtr.js
var require_gtr = __commonJS({
  "node_modules/semver/ranges/gtr.js"(exports2, module2) {
    "use strict";
    var outside = require_outside();
    var gtr = (version, range, options) => outside(version, range, ">", options);
    module2.exports = gtr;
  }
});

// node_modules/semver/ranges/ltr.js
var require_ltr = __commonJS({
  "node_modules/semver/ranges/ltr.js"(exports2, module2) {
    "use strict";
    var outside = require_outside();
    var ltr = (version, range, options) => outside(version, range, "<", options);
    module2.exports = ltr;
  }
});

// node_modules/semver/ranges/intersects.js
var require_intersects = __commonJS({
  "node_modules/semver/ranges/intersects.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var intersects = (r1, r2, options) => {
      r1 = new Range(r1, options);
      r2 = new Range(r2, options);
      return r1.intersects(r2, options);
    };
    module2.exports = intersects;
  }
});

// node_modules/semver/ranges/simplify.js
var require_simplify = __commonJS({
  "node_modules/semver/ranges/simplify.js"(exports2, module2) {
    "use strict";
    var satisfies = require_satisfies();
    var compare = require_compare();
    module2.exports = (versions, range, options) => {
      const set = [];
      let first = null;
      let prev = null;
      const v = versions.sort((a, b) => compare(a, b, options));
      for (const version of v) {
        const included = satisfies(version, range, options);
        if (included) {
          prev = version;
          if (!first) {
            first = version;
          }
        } else {
          if (prev) {
            set.push([first, prev]);
          }
          prev = null;
          first = null;
        }
      }
      if (first) {
        set.push([first, null]);
      }
      const ranges = [];
      for (const [min, max] of set) {
        if (min === max) {
          ranges.push(min);
        } else if (!max && min === v[0]) {
          ranges.push("*");
        } else if (!max) {
          ranges.push(`>=${min}`);
        } else if (min === v[0]) {
          ranges.push(`<=${max}`);
        } else {
          ranges.push(`${min} - ${max}`);
        }
      }
      const simplified = ranges.join(" || ");
      const original = typeof range.raw === "string" ? range.raw : String(range);
      return simplified.length < original.length ? simplified : range;
    };
  }
});

// node_modules/semver/ranges/subset.js
var require_subset = __commonJS({
  "node_modules/semver/ranges/subset.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var satisfies = require_satisfies();
    var compare = require_compare();
    var subset = (sub, dom, options = {}) => {
      if (sub === dom) {
        return true;
      }
      sub = new Range(sub, options);
      dom = new Range(dom, options);
      let sawNonNull = false;
      OUTER: for (const simpleSub of sub.set) {
        for (const simpleDom of dom.set) {
          const isSub = simpleSubset(simpleSub, simpleDom, options);
          sawNonNull = sawNonNull || isSub !== null;
          if (isSub) {
            continue OUTER;
          }
        }
        if (sawNonNull) {
          return false;
        }
      }
      return true;
    };
    var minimumVersionWithPreRelease = [new Comparator(">=0.0.0-0")];
    var minimumVersion = [new Comparator(">=0.0.0")];
    var simpleSubset = (sub, dom, options) => {
      if (sub === dom) {
        return true;
      }
      if (sub.length === 1 && sub[0].semver === ANY) {
        if (dom.length === 1 && dom[0].semver === ANY) {
          return true;
        } else if (options.includePrerelease) {
          sub = minimumVersionWithPreRelease;
        } else {
          sub = minimumVersion;
        }
      }
      if (dom.length === 1 && dom[0].semver === ANY) {
        if (options.includePrerelease) {
          return true;
        } else {
          dom = minimumVersion;
        }
      }
      const eqSet = /* @__PURE__ */ new Set();
      let gt, lt;
      for (const c of sub) {
        if (c.operator === ">" || c.operator === ">=") {
          gt = higherGT(gt, c, options);
        } else if (c.operator === "<" || c.operator === "<=") {
          lt = lowerLT(lt, c, options);
        } else {
          eqSet.add(c.semver);
        }
      }
      if (eqSet.size > 1) {
        return null;
      }
      let gtltComp;
      if (gt && lt) {
        gtltComp = compare(gt.semver, lt.semver, options);
        if (gtltComp > 0) {
          return null;
        } else if (gtltComp === 0 && (gt.operator !== ">=" || lt.operator !== "<=")) {
          return null;
        }
      }
      for (const eq of eqSet) {
        if (gt && !satisfies(eq, String(gt), options)) {
          return null;
        }
        if (lt && !satisfies(eq, String(lt), options)) {
          return null;
        }
        for (const c of dom) {
          if (!satisfies(eq, String(c), options)) {
            return false;
          }
        }
        return true;
      }
      let higher, lower;
      let hasDomLT, hasDomGT;
      let needDomLTPre = lt && !options.includePrerelease && lt.semver.prerelease.length ? lt.semver : false;
      let needDomGTPre = gt && !options.includePrerelease && gt.semver.prerelease.length ? gt.semver : false;
      if (needDomLTPre && needDomLTPre.prerelease.length === 1 && lt.operator === "<" && needDomLTPre.prerelease[0] === 0) {
        needDomLTPre = false;
      }
      for (const c of dom) {
        hasDomGT = hasDomGT || c.operator === ">" || c.operator === ">=";
        hasDomLT = hasDomLT || c.operator === "<" || c.operator === "<=";
        if (gt) {
          if (needDomGTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomGTPre.major && c.semver.minor === needDomGTPre.minor && c.semver.patch === needDomGTPre.patch) {
              needDomGTPre = false;
            }
          }
          if (c.operator === ">" || c.operator === ">=") {
            higher = higherGT(gt, c, options);
            if (higher === c && higher !== gt) {
              return false;
            }
          } else if (gt.operator === ">=" && !c.test(gt.semver)) {
            return false;
          }
        }
        if (lt) {
          if (needDomLTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomLTPre.major && c.semver.minor === needDomLTPre.minor && c.semver.patch === needDomLTPre.patch) {
              needDomLTPre = false;
            }
          }
          if (c.operator === "<" || c.operator === "<=") {
            lower = lowerLT(lt, c, options);
            if (lower === c && lower !== lt) {
              return false;
            }
          } else if (lt.operator === "<=" && !c.test(lt.semver)) {
            return false;
          }
        }
        if (!c.operator && (lt || gt) && gtltComp !== 0) {
          return false;
        }
      }
      if (gt && hasDomLT && !lt && gtltComp !== 0) {
        return false;
      }
      if (lt && hasDomGT && !gt && gtltComp !== 0) {
        return false;
      }
      if (needDomGTPre || needDomLTPre) {
        return false;
      }
      return true;
    };
    var higherGT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp > 0 ? a : comp < 0 ? b : b.operator === ">" && a.operator === ">=" ? b : a;
    };
    var lowerLT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp < 0 ? a : comp > 0 ? b : b.operator === "<" && a.operator === "<=" ? b : a;
    };
    module2.exports = subset;
  }
});

// node_modules/semver/index.js
var require_semver2 = __commonJS({
  "node_modules/semver/index.js"(exports2, module2) {
    "use strict";
    var internalRe = require_re();
    var constants = require_constants2();
    var SemVer = require_semver();
    var identifiers = require_identifiers();
    var parse4 = require_parse();
    var valid = require_valid();
    var clean = require_clean();
    var inc = require_inc();
    var diff = require_diff();
    var major = require_major();
    var minor = require_minor();
    var patch = require_patch();
    var prerelease = require_prerelease();
    var compare = require_compare();
    var rcompare = require_rcompare();
    var compareLoose = require_compare_loose();
    var compareBuild = require_compare_build();
    var sort = require_sort();
    var rsort = require_rsort();
    var gt = require_gt();
    var lt = require_lt();
    var eq = require_eq();
    var neq = require_neq();
    var gte = require_gte();
    var lte = require_lte();
    var cmp = require_cmp();
    var coerce = require_coerce();
    var truncate = require_truncate();
    var Comparator = require_comparator();
    var Range = require_range();
    var satisfies = require_satisfies();
    var toComparators = require_to_comparators();
    var maxSatisfying = require_max_satisfying();
    var minSatisfying = require_min_satisfying();
    var minVersion = require_min_version();
    var validRange = require_valid2();
    var outside = require_outside();
    var gtr = require_gtr();
    var ltr = require_ltr();
    var intersects = require_intersects();
    var simplifyRange = require_simplify();
    var subset = require_subset();
    module2.exports = {
      parse: parse4,
      valid,
      clean,
      inc,
      diff,
      major,
      minor,
      patch,
      prerelease,
      compare,
      rcompare,
      compareLoose,
      compareBuild,
      sort,
      rsort,
      gt,
      lt,
      eq,
      neq,
      gte,
      lte,
      cmp,
      coerce,
      truncate,
      Comparator,
      Range,
      satisfies,
      toComparators,
      maxSatisfying,
      minSatisfying,
      minVersion,
      validRange,
      outside,
      gtr,
      ltr,
      intersects,
      simplifyRange,
      subset,
      SemVer,
      re: internalRe.re,
      src: internalRe.src,
      tokens: internalRe.t,
      SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,
      RELEASE_TYPES: constants.RELEASE_TYPES,
      compareIdentifiers: identifiers.compareIdentifiers,
      rcompareIdentifiers: identifiers.rcompareIdentifiers
    };
  }
});

// src/config/install.ts
function installRoot(from = (0, import_node_url.fileURLToPath)(__sa_import_meta_url)) {
  let dir = import_node_path4.default.dirname(from);
  for (let i = 0; i < 6; i++) {
    if (import_node_fs.default.existsSync(import_node_path4.default.join(dir, "images")) && import_node_fs.default.existsSync(import_node_path4.default.join(dir, "package.json"))) return dir;
    dir = import_node_path4.default.dirname(dir);
  }
  return null;
}
var import_node_fs, import_node_path4, import_node_url;
var init_install = __esm({
  "src/config/install.ts"() {
    "use strict";
    import_node_fs = __toESM(require("node:fs"), 1);
    import_node_path4 = __toESM(require("node:path"), 1);
    import_node_url = require("node:url");
  }
});

// src/sandbox/host-guard.ts
function egressBridgeName(runId) {
  return `sa-e${import_node_crypto4.default.createHash("sha256").update(runId).digest("hex").slice(0, 10)}`;
}
function hostGuardRule(op, bridge) {
  return [
    "-w",
    "5",
    op,
    "INPUT",
    "-i",
    bridge,
    "-m",
    "comment",
    "--comment",
    "sandbox-action egress",
    "-j",
    "DROP"
  ];
}
function guardedBridge(line2) {
  return /^-A INPUT -i (\S+) -m comment --comment "sandbox-action egress" -j DROP$/.exec(line2.trim())?.[1] ?? null;
}
function orphanGuards(rules, exists) {
  return rules.split("\n").map(guardedBridge).filter((b) => b !== null && /^sa-e[0-9a-f]{10}$/.test(b) && !exists(b));
}
var import_node_crypto4, HOST_GUARD_NOTE;
var init_host_guard = __esm({
  "src/sandbox/host-guard.ts"() {
    "use strict";
    import_node_crypto4 = __toESM(require("node:crypto"), 1);
    HOST_GUARD_NOTE = "the proxy's egress network can reach this host's own addresses (no iptables rule could be added: it needs a local Docker engine whose bridges are in this host's network namespace, root or sudo, and iptables)";
  }
});

// src/sandbox/self-check.ts
function capabilityMask(names) {
  let m = 0n;
  for (const n of names) {
    const bit = CAPABILITY_BITS[n];
    if (bit === void 0) throw new InternalError(`unknown capability ${n}`);
    m |= 1n << BigInt(bit);
  }
  return m.toString(16).padStart(16, "0");
}
function selfCheckScript(x) {
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
    ...["eff", "prm", "bnd"].map(
      (v) => `case "$${v}" in ${caps === "0000000000000000" ? "0000000000000000" : `0000000000000000|${caps}`}) ;; *) bad="$bad,cap${v}";; esac`
    ),
    x.runtime === "runsc" ? `case "$nnp" in 1|absent) ;; *) bad="$bad,nnp";; esac` : `[ "$nnp" = 1 ] || bad="$bad,nnp"`,
    x.seccomp ? `[ "$sec" = 2 ] || bad="$bad,seccomp"` : ":",
    x.readOnlyRoot ? `[ "$root" = ro ] || bad="$bad,root"` : ":",
    x.noRouteOut ? `case "$route" in none|default) ;; *) bad="$bad,route";; esac` : ":",
    // pid: the command's own (it is exec'd): a session stops a command that outlives its deadline by it.
    `printf '${SELF_CHECK_MARK} uid=%s gid=%s capeff=%s capprm=%s capbnd=%s nnp=%s seccomp=%s root=%s route=%s gw=%s pid=%s bad=%s\\n' "$uid" "$gid" "$eff" "$prm" "$bnd" "$nnp" "$sec" "$root" "$route" "$gw" "$$" "\${bad#,}"`,
    `[ -z "$bad" ] || exit 125`,
    `exec "$@"`
  ].join("\n");
}
function wrapWithSelfCheck(argv, x) {
  return { entrypoint: ["/bin/sh", "-c", selfCheckScript(x), SELF_CHECK_MARK], cmd: argv };
}
function parseSelfCheckLine(line2) {
  if (!line2.startsWith(`${SELF_CHECK_MARK} `) || line2.length > SELF_CHECK_MAX_LINE) return null;
  const facts = {};
  for (const part of line2.slice(SELF_CHECK_MARK.length + 1).trim().split(" ")) {
    const i = part.indexOf("=");
    if (i <= 0) return null;
    facts[part.slice(0, i)] = part.slice(i + 1);
  }
  return facts;
}
function routeHexToIp(hex) {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const n = Number.parseInt(hex, 16);
  return [n & 255, n >>> 8 & 255, n >>> 16 & 255, n >>> 24].join(".");
}
function judgeSelfCheck(facts, x, deadEndGateways2 = []) {
  if (!facts) return ["the sandbox's self-check did not report (its first line of output was not the check)"];
  const problems = [];
  const want = capabilityMask(x.capabilities);
  const within2 = (mask) => {
    if (!mask || !/^[0-9a-f]{16}$/.test(mask)) return false;
    return (BigInt(`0x${mask}`) & ~BigInt(`0x${want}`)) === 0n;
  };
  if (facts.uid !== String(x.uid)) problems.push(`uid is ${facts.uid}, the plan says ${x.uid}`);
  if (facts.gid !== String(x.gid)) problems.push(`gid is ${facts.gid}, the plan says ${x.gid}`);
  for (const k of ["capeff", "capprm", "capbnd"]) {
    if (!within2(facts[k])) problems.push(`${k} is ${facts[k]}, beyond the plan's ${want}`);
  }
  const nnpOk = facts.nnp === "1" || x.runtime === "runsc" && facts.nnp === "absent";
  if (!nnpOk) problems.push(`no-new-privileges is ${facts.nnp}`);
  if (x.seccomp && facts.seccomp !== "2") problems.push(`seccomp mode is ${facts.seccomp}, not 2 (filter)`);
  if (x.readOnlyRoot && facts.root !== "ro") problems.push(`the root filesystem is mounted ${facts.root}`);
  if (x.noRouteOut) {
    if (facts.route === "default") {
      const gw = routeHexToIp(facts.gw ?? "");
      if (!gw || !deadEndGateways2.includes(gw))
        problems.push(`there is a default route via ${gw ?? facts.gw}`);
    } else if (facts.route !== "none") problems.push(`the routing table shows ${facts.route}`);
  }
  if (facts.bad) problems.push(`the self-check itself refused: ${facts.bad}`);
  return problems;
}
var SELF_CHECK_MARK, SELF_CHECK_MAX_LINE, CAPABILITY_BITS;
var init_self_check = __esm({
  "src/sandbox/self-check.ts"() {
    "use strict";
    init_errors();
    SELF_CHECK_MARK = "sandbox-action-self-check";
    SELF_CHECK_MAX_LINE = 2048;
    CAPABILITY_BITS = {
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
      CHECKPOINT_RESTORE: 40
    };
  }
});

// src/sandbox/gvisor.ts
function hasOciSeccomp(r) {
  return r.args.some((a) => /^--?oci-seccomp(=true)?$/.test(a));
}
function chooseRunscRuntime(runtimes, networked, allowWeaker = false) {
  const all = runtimes.filter((r) => r.name.startsWith("runsc"));
  if (all.length === 0) {
    const have = runtimes.map((r) => r.name).join(", ") || "none";
    return {
      error: `the engine has no runsc runtime (it has ${have}); register gVisor as in docs/gvisor.md`
    };
  }
  const net3 = (r) => r.args.find((a) => a.startsWith("--network"))?.split("=")[1] ?? null;
  const fits = (r) => networked ? net3(r) !== "none" : true;
  const weak = all.filter((r) => !hasOciSeccomp(r));
  const runsc = allowWeaker ? [...weak.filter(fits), ...all.filter(hasOciSeccomp)] : all.filter(hasOciSeccomp);
  if (runsc.length === 0) {
    return {
      error: `the engine's runsc runtimes (${all.map((r) => r.name).join(", ")}) run without --oci-seccomp, so gVisor would apply no seccomp filter inside the sandbox; add "--oci-seccomp" to their "runtimeArgs" in daemon.json and reload dockerd (kill -HUP), as in docs/gvisor.md, or pass --allow-weaker-gvisor`
    };
  }
  if (!networked) {
    const pick2 = runsc.find((r) => net3(r) === "none") ?? runsc.find((r) => r.name === "runsc") ?? runsc[0];
    return { runtime: pick2.name };
  }
  const pick = runsc.find((r) => net3(r) === "host") ?? runsc.find((r) => net3(r) === null || net3(r) === "sandbox");
  if (!pick) {
    return {
      error: `every runsc runtime of the engine with --oci-seccomp runs with --network=none (${runsc.map((r) => r.name).join(", ")}), so a sandbox on a network cannot start; register one with "runtimeArgs": ["--network=host", "--oci-seccomp"] as in docs/gvisor.md`
    };
  }
  return { runtime: pick.name };
}
function gvisorFor(spec, runtimes) {
  if (spec.security.isolation !== "runsc") return null;
  const r = chooseRunscRuntime(runtimes, spec.network !== "none", spec.security.allowWeakerGvisor);
  if ("error" in r) throw new InputError("--isolation", `runsc: ${r.error}`);
  return { runtime: r.runtime, seccomp: hasOciSeccomp(runtimes.find((x) => x.name === r.runtime)) };
}
var init_gvisor = __esm({
  "src/sandbox/gvisor.ts"() {
    "use strict";
    init_errors();
  }
});

// src/sandbox/plan.ts
function proxyEnv(proxyAddress, port) {
  const url = `http://${proxyAddress}:${port}`;
  const noProxy = "localhost,127.0.0.1,::1";
  return [
    `HTTP_PROXY=${url}`,
    `HTTPS_PROXY=${url}`,
    `http_proxy=${url}`,
    `https_proxy=${url}`,
    `NO_PROXY=${noProxy}`,
    `no_proxy=${noProxy}`
  ];
}
function newRunId(now, random) {
  return `${now.getTime().toString(36)}-${random}`;
}
function runLabels(runId, createdAt2) {
  return { [LABEL_RUN]: runId, [LABEL_CREATED]: createdAt2.toISOString() };
}
function volumePlans(spec, runId) {
  const base = `sandbox-action-${runId}`;
  const volumes = [];
  if (!spec.io.source?.readOnly) {
    volumes.push({
      role: "work",
      name: `${base}-work`,
      mount: WORK_DIR,
      sizeBytes: spec.limits.workSizeBytes
    });
  }
  volumes.push({
    role: "output",
    name: `${base}-output`,
    mount: OUTPUT_DIR,
    sizeBytes: spec.limits.outputSizeBytes
  });
  if (spec.io.stateDir) {
    volumes.push({
      role: "state",
      name: `${base}-state`,
      mount: STATE_DIR,
      sizeBytes: spec.limits.stateSizeBytes
    });
  }
  return volumes;
}
function commandOf(spec, ctx, check2) {
  const cmd = [...spec.command, ...ctx.extraArgs ?? []];
  if (!check2) return { ...spec.image.entrypoint ? { entrypoint: [spec.image.entrypoint] } : {}, cmd };
  const entry = spec.image.entrypoint ? [spec.image.entrypoint] : ctx.imageEntrypoint ?? [];
  return wrapWithSelfCheck([...entry, ...cmd], check2);
}
function plan(spec, ctx) {
  const labels = runLabels(ctx.runId, ctx.createdAt);
  const base = `sandbox-action-${ctx.runId}`;
  const volumes = volumePlans(spec, ctx.runId);
  const networkMode = ctx.network?.mode ?? "none";
  const gvisor2 = gvisorFor(spec, ctx.runtimes);
  const selfCheck = selfCheckOf(spec, ctx, gvisor2?.seccomp ?? true);
  const mounts = sandboxMounts(spec, ctx, volumes);
  const container = coverReadOnlyTmpfs(
    {
      name: base,
      image: spec.image.ref,
      ...commandOf(spec, ctx, selfCheck),
      user: `${ctx.uid}:${ctx.gid}`,
      workingDir: WORK_DIR,
      env: [...spec.env, ...ctx.network?.env ?? []],
      labels: sandboxLabels(spec, ctx, labels),
      mounts,
      readOnlyRootfs: !spec.security.writableRoot,
      capDrop: ["ALL"],
      capAdd: [...spec.security.capAdd],
      // The engine's default seccomp profile applies unless a profile is named; none is.
      securityOpt: ["no-new-privileges:true"],
      init: true,
      privileged: false,
      networkMode,
      ...ctx.network?.dns.length ? { dns: ctx.network.dns } : {},
      ...sandboxLimits(spec),
      ...gvisor2 ? { runtime: gvisor2.runtime } : {},
      // The log is streamed live through attach; the engine keeps none, so a flood cannot fill its disk.
      logDriver: { type: "none", config: {} },
      hostname: "sandbox",
      tty: false
    },
    ctx.engineTmpfs ?? []
  );
  return {
    runId: ctx.runId,
    labels,
    volumes,
    readOnlySource: spec.io.source?.readOnly ? spec.io.source.dir : null,
    copySource: spec.io.source && !spec.io.source.readOnly ? spec.io.source.dir : null,
    container,
    uid: ctx.uid,
    gid: ctx.gid,
    selfCheck,
    notes: pidsNotes(spec, container.pidsLimit)
  };
}
function sandboxLabels(spec, ctx, labels) {
  const plannedAt = (ctx.plannedAt ?? ctx.createdAt).getTime();
  return {
    ...labels,
    [LABEL_ROLE]: "sandbox",
    [LABEL_DEADLINE]: new Date(plannedAt + spec.limits.timeoutMs + DEADLINE_GRACE_MS).toISOString()
  };
}
function pidsNotes(spec, pidsLimit) {
  return pidsLimit === spec.limits.pids ? [] : [
    `under gVisor the pids limit counts gVisor's own threads: the engine's limit is ${pidsLimit} for --pids ${spec.limits.pids}; the memory limit and the timeout hold a fork bomb`
  ];
}
function sandboxMounts(spec, ctx, volumes) {
  const mounts = [];
  if (spec.io.source?.readOnly) {
    mounts.push({ type: "bind", source: spec.io.source.dir, target: WORK_DIR, readOnly: true });
  }
  for (const v of volumes) mounts.push({ type: "volume", source: v.name, target: v.mount, readOnly: false });
  mounts.push(...ctx.overlays ?? []);
  mounts.push(...ctx.hostMounts ?? []);
  if (spec.phases.persist) {
    mounts.push({
      type: "volume",
      source: persistVolumeName(ctx.runId),
      target: PERSIST_MOUNT,
      readOnly: false
    });
  }
  const tmpOptions = ["rw", "nosuid", "nodev", ...spec.security.tmpExec ? ["exec"] : ["noexec"]];
  mounts.push({
    type: "tmpfs",
    source: "",
    target: "/tmp",
    readOnly: false,
    tmpfs: { sizeBytes: spec.limits.tmpSizeBytes, mode: 1023, options: tmpOptions }
  });
  return mounts;
}
function selfCheckOf(spec, ctx, seccomp) {
  return spec.security.selfCheck ? {
    uid: ctx.uid,
    gid: ctx.gid,
    capabilities: [...spec.security.capAdd],
    readOnlyRoot: !spec.security.writableRoot,
    noRouteOut: spec.network !== "open",
    runtime: spec.security.isolation === "runsc" ? "runsc" : "runc",
    seccomp
  } : null;
}
function sandboxLimits(spec) {
  return {
    memoryBytes: spec.limits.memoryBytes,
    memorySwapBytes: spec.limits.memoryBytes,
    nanoCpus: Math.round(spec.limits.cpus * 1e9),
    pidsLimit: pidsLimitFor(spec),
    ulimits: [
      { name: "nofile", soft: spec.limits.nofile, hard: spec.limits.nofile },
      NPROC_ULIMIT,
      { name: "fsize", soft: spec.limits.fsizeBytes, hard: spec.limits.fsizeBytes },
      { name: "core", soft: 0, hard: 0 }
    ]
  };
}
function pidsLimitFor(spec) {
  return spec.security.isolation === "runsc" ? Math.max(spec.limits.pids * RUNSC_THREADS_PER_PID, RUNSC_MIN_PIDS) : spec.limits.pids;
}
var LABEL_RUN, LABEL_CREATED, LABEL_ROLE, LABEL_DEADLINE, DEADLINE_GRACE_MS, WORK_DIR, OUTPUT_DIR, STATE_DIR, PERSIST_MOUNT, persistVolumeName, NPROC_ULIMIT, RUNSC_THREADS_PER_PID, RUNSC_MIN_PIDS;
var init_plan = __esm({
  "src/sandbox/plan.ts"() {
    "use strict";
    init_self_check();
    init_podman();
    init_gvisor();
    LABEL_RUN = "sandbox-action.run";
    LABEL_CREATED = "sandbox-action.created";
    LABEL_ROLE = "sandbox-action.role";
    LABEL_DEADLINE = "sandbox-action.deadline";
    DEADLINE_GRACE_MS = 3e4;
    WORK_DIR = "/work";
    OUTPUT_DIR = "/output";
    STATE_DIR = "/state";
    PERSIST_MOUNT = "/persist";
    persistVolumeName = (runId) => `sandbox-action-${runId}-persist`;
    NPROC_ULIMIT = { name: "nproc", soft: 32768, hard: 32768 };
    RUNSC_THREADS_PER_PID = 8;
    RUNSC_MIN_PIDS = 2048;
  }
});

// src/sandbox/egress-network.ts
function sharedEgressSpec() {
  return {
    name: SHARED_EGRESS_NETWORK,
    internal: false,
    enableIPv6: false,
    options: { [ICC]: "false", [BRIDGE]: SHARED_EGRESS_BRIDGE },
    labels: { [LABEL_SHARED]: "egress", [LABEL_ROLE]: "egress" }
  };
}
function sharedEgressMismatch(n) {
  const want = sharedEgressSpec();
  if (n.driver !== "bridge") return `its driver is ${n.driver || "not said"}, not bridge`;
  if (n.internal) return "it is internal";
  if (n.enableIPv6) return "it has IPv6 (inter-container traffic is filtered for IPv4 only)";
  if (n.options[ICC] !== "false") return `it lets its containers reach each other (${ICC} is not false)`;
  if (n.options[BRIDGE] !== SHARED_EGRESS_BRIDGE) return `its bridge is not ${SHARED_EGRESS_BRIDGE}`;
  const extra = Object.keys(n.options).filter((k) => !(k in want.options));
  if (extra.length) return `it has options sandbox-action does not set (${extra.sort().join(", ")})`;
  if (n.labels[LABEL_SHARED] !== "egress") return `it has no ${LABEL_SHARED}=egress label`;
  return null;
}
async function egressNetworkFor(engine, runId, runNetwork, labels) {
  const own = async (note) => {
    const bridge = egressBridgeName(runId);
    const name = `sandbox-action-${runId}-egress`;
    await runNetwork({
      name,
      internal: false,
      enableIPv6: false,
      // A bridge of a known name, so the host guard can name it.
      options: engine.info.name === "docker" ? { [BRIDGE]: bridge } : {},
      labels: { ...labels, [LABEL_ROLE]: "egress" }
    });
    return { name, join: name, gateway: null, bridge, ownedByRun: true, note };
  };
  if (engine.info.name !== "docker") return own(null);
  let found = await engine.inspectNetwork(SHARED_EGRESS_NETWORK);
  if (!found) {
    await engine.createNetwork(sharedEgressSpec()).catch(async (err) => {
      if (!await engine.inspectNetwork(SHARED_EGRESS_NETWORK)) throw err;
    });
    found = await engine.inspectNetwork(SHARED_EGRESS_NETWORK);
  }
  const why = found ? sharedEgressMismatch(found) : "it is gone";
  if (!found || why) {
    return own(
      `the network ${SHARED_EGRESS_NETWORK} is not used (${why}): this run's proxy had an egress network of its own`
    );
  }
  return {
    name: SHARED_EGRESS_NETWORK,
    join: found.id,
    gateway: found.gateways[0] ?? null,
    bridge: SHARED_EGRESS_BRIDGE,
    ownedByRun: false,
    note: null
  };
}
function guardFirst(rules, bridge) {
  for (const line2 of rules.split("\n")) {
    if (!line2.startsWith("-A INPUT ")) continue;
    const ours = guardedBridge(line2);
    if (ours === bridge) return true;
    if (ours === null) return false;
  }
  return false;
}
function ipv4Addresses(shown) {
  return [...shown.matchAll(/\binet (\d{1,3}(?:\.\d{1,3}){3})\//g)].map((m) => m[1]);
}
async function guardSharedBridge(privileged, bridge, gateway) {
  const shown = await privileged("ip", ["-4", "-o", "addr", "show", "dev", bridge]).catch(() => "");
  if (gateway === null || !ipv4Addresses(shown).includes(gateway)) return false;
  try {
    const rules = await privileged("iptables", ["-w", "5", "-S", "INPUT"]);
    await pruneHostGuards(privileged, rules).catch(() => void 0);
    if (!guardFirst(rules, bridge)) await privileged("iptables", hostGuardRule("-I", bridge));
    return true;
  } catch {
    return false;
  }
}
function withoutIpv6(engine, spec) {
  const local = engine.info.name === "docker" && engine.info.local && !engine.info.rootless;
  if (!local || !import_node_fs4.default.existsSync("/proc/sys/net/ipv6/conf/all/disable_ipv6")) return spec;
  return { ...spec, sysctls: { ...spec.sysctls, "net.ipv6.conf.all.disable_ipv6": "1" } };
}
async function guardHost(privileged, bridge, addCleanup) {
  if (!import_node_fs4.default.existsSync(`/sys/class/net/${bridge}`)) return false;
  try {
    await pruneHostGuards(privileged);
    await privileged("iptables", hostGuardRule("-I", bridge));
  } catch {
    return false;
  }
  addCleanup("remove the egress network's host guard", async () => {
    await privileged("iptables", hostGuardRule("-D", bridge));
  });
  return true;
}
async function pruneHostGuards(privileged, listed) {
  const rules = listed ?? await privileged("iptables", ["-w", "5", "-S", "INPUT"]);
  const gone = orphanGuards(rules, (b) => import_node_fs4.default.existsSync(`/sys/class/net/${b}`));
  for (const b of gone) await privileged("iptables", hostGuardRule("-D", b)).catch(() => void 0);
  return gone;
}
async function guardEgress(engine, deps, n) {
  if (engine.info.name !== "docker" || !engine.info.local || engine.info.rootless || !deps.privileged)
    return false;
  if (!n.ownedByRun) return guardSharedBridge(deps.privileged, n.bridge, n.gateway);
  return guardHost(deps.privileged, n.bridge, deps.addCleanup);
}
var import_node_fs4, SHARED_EGRESS_NETWORK, SHARED_EGRESS_BRIDGE, LABEL_SHARED, ICC, BRIDGE;
var init_egress_network = __esm({
  "src/sandbox/egress-network.ts"() {
    "use strict";
    import_node_fs4 = __toESM(require("node:fs"), 1);
    init_host_guard();
    init_plan();
    SHARED_EGRESS_NETWORK = "sandbox-action-egress";
    SHARED_EGRESS_BRIDGE = "sa-egress";
    LABEL_SHARED = "sandbox-action.shared";
    ICC = "com.docker.network.bridge.enable_icc";
    BRIDGE = "com.docker.network.bridge.name";
  }
});

// src/engine/http.ts
function parseEndpoint(url) {
  if (url.startsWith("unix://")) return { url, socketPath: url.slice("unix://".length) };
  if (url.startsWith("/")) return { url: `unix://${url}`, socketPath: url };
  const m = /^(?:tcp|http):\/\/([^:/]+)(?::(\d+))?\/?$/.exec(url);
  if (m) return { url, host: m[1], port: Number(m[2] ?? 2375) };
  throw new EngineError(
    "engine",
    "connect",
    `unsupported engine address '${url}'`,
    "use unix:///path/to/socket or tcp://host:port (TLS endpoints are not supported)"
  );
}
function agentFor(ep) {
  let a = agents.get(ep.url);
  if (!a) {
    a = new import_node_http.default.Agent({ keepAlive: true, maxSockets: 32 });
    agents.set(ep.url, a);
  }
  return a;
}
function hintFor(status, engine = "docker") {
  if (status === 404)
    return "it no longer exists: another process (or `sandbox-action gc`) may have removed it";
  if (status === 409)
    return "it is in use or in the wrong state: `sandbox-action gc` removes leftovers of crashed runs";
  if (status === 400)
    return "the engine refused the request: check the engine version (Docker 20.10+) and the options";
  if (status === 401 || status === 403) return "the engine refused access: check the socket permissions";
  if (status >= 500)
    return engine === "podman" ? "the engine failed: see the log of `podman system service` (journalctl --user -u podman, or where its output goes)" : "the engine failed: see its log (journalctl -u docker, or /var/log/dockerd.log)";
  return "";
}
async function* jsonLines(body) {
  const lines = new LineBuffer();
  for await (const chunk of body) {
    for (const line2 of lines.push(chunk.toString("utf8")))
      if (line2.trim()) yield JSON.parse(line2);
  }
  const last = lines.rest();
  if (last.trim()) yield JSON.parse(last);
}
async function readAll(stream, limit = 64 * 1024 * 1024) {
  const chunks2 = [];
  let n = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk;
      n += b.length;
      if (n > limit) {
        stream.destroy();
        throw new ProtocolError(`answer larger than ${limit} bytes`);
      }
      chunks2.push(b);
    }
  } catch (err) {
    const e = err;
    if (e.code === "ECONNRESET" || e.message === "aborted")
      throw new EngineError(
        "engine",
        "read an answer",
        `the connection to the engine was cut (${e.code ?? e.message})`,
        "is the engine still running? `sandbox-action gc` removes what the run left"
      );
    throw err;
  }
  return Buffer.concat(chunks2);
}
var import_node_http, agents, ApiClient, LineBuffer;
var init_http = __esm({
  "src/engine/http.ts"() {
    "use strict";
    import_node_http = __toESM(require("node:http"), 1);
    init_errors();
    agents = /* @__PURE__ */ new Map();
    ApiClient = class {
      constructor(endpoint2, engineName) {
        this.endpoint = endpoint2;
        this.engineName = engineName;
      }
      endpoint;
      engineName;
      prefix = "";
      setApiVersion(v) {
        this.prefix = `/v${v}`;
      }
      /** Send a request; resolves with the raw streaming response (any status). */
      raw(method, path34, opts = {}, operation = `${method} ${path34}`) {
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== void 0) qs.set(k, String(v));
        const fullPath = `${this.prefix}${path34}${qs.size ? `?${qs}` : ""}`;
        const headers = { ...opts.headers };
        let payload;
        if (opts.body !== void 0) {
          payload = Buffer.from(JSON.stringify(opts.body));
          headers["content-type"] = "application/json";
          headers["content-length"] = String(payload.length);
        }
        const ep = this.endpoint;
        return new Promise((resolve, reject) => {
          const options = {
            method,
            path: fullPath,
            headers,
            agent: agentFor(ep),
            // No TLS here: an empty servername keeps the agent from computing one with net.isIP, whose first call
            // compiles a large regular expression (~20 ms of every CLI start, measured with --cpu-prof).
            servername: "",
            ...ep.socketPath ? { socketPath: ep.socketPath } : { host: ep.host, port: ep.port }
          };
          const req = import_node_http.default.request(
            options,
            (res) => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res })
          );
          req.on("error", (err) => reject(this.connectError(operation, err)));
          if (opts.bodyStream) {
            opts.bodyStream.on("error", (err) => req.destroy(err));
            opts.bodyStream.pipe(req);
          } else {
            req.end(payload);
          }
        });
      }
      /**
       * A request the engine answers with 101 Switching Protocols (exec with stdin): the raw connection, both ways.
       * Its own socket, never the keep-alive pool's. Any other answer becomes an EngineError.
       */
      upgrade(method, path34, body, operation) {
        const payload = Buffer.from(JSON.stringify(body));
        const ep = this.endpoint;
        return new Promise((resolve, reject) => {
          const req = import_node_http.default.request({
            method,
            path: `${this.prefix}${path34}`,
            headers: {
              connection: "Upgrade",
              upgrade: "tcp",
              "content-type": "application/json",
              "content-length": String(payload.length)
            },
            agent: false,
            ...ep.socketPath ? { socketPath: ep.socketPath } : { host: ep.host, port: ep.port }
          });
          req.on("upgrade", (_res, socket, head) => {
            if (head.length) socket.unshift(head);
            resolve(socket);
          });
          req.on("response", (res) => {
            readAll(res).then(
              (b) => reject(this.statusError(operation, res.statusCode ?? 0, b)),
              (err) => reject(err)
            );
          });
          req.on("error", (err) => reject(this.connectError(operation, err)));
          req.end(payload);
        });
      }
      /** Send a request and parse a JSON answer; a non-2xx status becomes an EngineError. */
      async json(method, path34, opts = {}, operation) {
        const op = operation ?? `${method} ${path34}`;
        const res = await this.raw(method, path34, opts, op);
        const text2 = await readAll(res.body);
        if (res.statusCode < 200 || res.statusCode >= 300) throw this.statusError(op, res.statusCode, text2);
        return text2.length ? JSON.parse(text2.toString("utf8")) : void 0;
      }
      /** A GET whose 404 means "no such thing": null then; any other non-2xx becomes an EngineError. */
      async getOrNull(path34, operation) {
        const res = await this.raw("GET", path34, {}, operation);
        const body = await readAll(res.body);
        if (res.statusCode === 404) return null;
        if (res.statusCode < 200 || res.statusCode >= 300)
          throw this.statusError(operation, res.statusCode, body);
        return JSON.parse(body.toString("utf8"));
      }
      /**
       * A request the engine answers with a JSON-lines progress stream (pull, build, import, push): a non-200 answer
       * becomes an EngineError; a line with `error` (the engine's way to fail after its 200) too. `each` sees every line.
       */
      async progress(method, path34, opts, operation, each = () => void 0) {
        const res = await this.raw(method, path34, opts, operation);
        if (res.statusCode !== 200) throw this.statusError(operation, res.statusCode, await readAll(res.body));
        let error = null;
        for await (const j of jsonLines(res.body)) {
          if (j.error) error ??= j.error;
          each(j);
        }
        if (error) throw new EngineError(this.engineName, operation, error.trim());
      }
      /** Like json() but ignores the body. `okStatuses` lists extra statuses that count as success. */
      async call(method, path34, opts = {}, operation, okStatuses = []) {
        const op = operation ?? `${method} ${path34}`;
        const res = await this.raw(method, path34, opts, op);
        const text2 = await readAll(res.body);
        if ((res.statusCode < 200 || res.statusCode >= 300) && !okStatuses.includes(res.statusCode)) {
          throw this.statusError(op, res.statusCode, text2);
        }
        return res.statusCode;
      }
      statusError(operation, status, body) {
        let detail = body.toString("utf8").trim();
        try {
          const parsed = JSON.parse(detail);
          if (parsed.message) detail = parsed.message;
        } catch {
        }
        return new EngineError(
          this.engineName,
          operation,
          `${detail || "no detail"} (HTTP ${status})`,
          hintFor(status, this.engineName),
          status
        );
      }
      connectError(operation, err) {
        const where = this.endpoint.url;
        if (err.code === "ENOENT" || err.code === "ECONNREFUSED") {
          return new EngineError(
            this.engineName,
            operation,
            `no engine answers at ${where}`,
            "start it (`sudo systemctl start docker`, or `sudo scripts/engine-up.sh` here) or set DOCKER_HOST"
          );
        }
        if (err.code === "EACCES") {
          return new EngineError(
            this.engineName,
            operation,
            `permission denied on ${where}`,
            "add your user to the docker group or run with sudo"
          );
        }
        return new EngineError(this.engineName, operation, `${err.code ?? ""} ${err.message}`.trim());
      }
    };
    LineBuffer = class {
      /** `maxPending`: an unfinished line longer than this is dropped (a peer that never ends its line). */
      constructor(maxPending = Infinity) {
        this.maxPending = maxPending;
      }
      maxPending;
      pending = "";
      /** The lines this chunk completes. */
      push(text2) {
        const lines = (this.pending + text2).split("\n");
        this.pending = lines.pop();
        if (this.pending.length > this.maxPending) this.pending = "";
        return lines;
      }
      /** What came after the last newline. */
      rest() {
        const r = this.pending;
        this.pending = "";
        return r;
      }
    };
  }
});

// src/outputs/dest-writer.ts
function copyEntry(entry, fd) {
  return new Promise((resolve, reject) => {
    let failed2 = false;
    const fail = (err) => {
      if (failed2) return;
      failed2 = true;
      import_node_fs5.default.closeSync(fd);
      reject(err);
    };
    entry.on("error", fail);
    entry.on("data", (chunk) => {
      if (failed2) return;
      try {
        for (let off = 0; off < chunk.length; ) off += import_node_fs5.default.writeSync(fd, chunk, off);
      } catch (err) {
        fail(asError(err));
      }
    });
    entry.on("end", () => {
      if (failed2) return;
      import_node_fs5.default.closeSync(fd);
      resolve();
    });
  });
}
function parentOf(rel) {
  const dir = import_node_path7.default.posix.dirname(rel);
  return dir === "." ? "" : dir;
}
var import_node_fs5, import_promises2, import_node_path7, O_CREATE_NEW, DestWriter;
var init_dest_writer = __esm({
  "src/outputs/dest-writer.ts"() {
    "use strict";
    import_node_fs5 = __toESM(require("node:fs"), 1);
    import_promises2 = __toESM(require("node:fs/promises"), 1);
    import_node_path7 = __toESM(require("node:path"), 1);
    init_errors();
    O_CREATE_NEW = import_node_fs5.default.constants.O_WRONLY | import_node_fs5.default.constants.O_CREAT | import_node_fs5.default.constants.O_EXCL | import_node_fs5.default.constants.O_NOFOLLOW;
    DestWriter = class {
      constructor(dest) {
        this.dest = dest;
      }
      dest;
      madeDirs = /* @__PURE__ */ new Set([""]);
      /** The folder and its parents; a non-folder in the way is ENOTDIR. */
      async dir(rel) {
        if (this.madeDirs.has(rel)) return;
        await this.dir(parentOf(rel));
        const abs = import_node_path7.default.join(this.dest, rel);
        try {
          await import_promises2.default.mkdir(abs, { mode: 493 });
        } catch (e) {
          if (e.code !== "EEXIST") throw e;
          const st = await import_promises2.default.lstat(abs);
          if (!st.isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
        }
        this.madeDirs.add(rel);
      }
      /** A new file with the entry's bytes; fails (EEXIST) if anything is already at its path. */
      async file(rel, mode, stream, mtime) {
        const abs = import_node_path7.default.join(this.dest, rel);
        await this.dir(parentOf(rel));
        const fd = import_node_fs5.default.openSync(abs, O_CREATE_NEW, mode);
        await copyEntry(stream, fd);
        if (mtime) await import_promises2.default.lutimes(abs, mtime, mtime);
      }
    };
  }
});

// src/outputs/report.ts
function emptyOutputs(dir = null) {
  return {
    collected: false,
    dir,
    files: 0,
    bytes: 0,
    written: [],
    skipped: [],
    skippedCount: 0,
    skippedByReason: {},
    declared: [],
    truncated: false,
    droppedByCaps: 0
  };
}
var CAP_REASONS, LIST_LIMIT, SKIP_LIST_PER_REASON;
var init_report = __esm({
  "src/outputs/report.ts"() {
    "use strict";
    CAP_REASONS = ["file-count-cap", "total-size-cap", "file-too-large"];
    LIST_LIMIT = 1e4;
    SKIP_LIST_PER_REASON = 1e3;
  }
});

// src/outputs/filter.ts
function safeRelativePath(name, top) {
  const trimmed = name.replace(/\/+$/, "");
  if (trimmed === top) return "";
  if (!trimmed.startsWith(`${top}/`)) return null;
  const rel = trimmed.slice(top.length + 1);
  if (rel.length === 0 || rel.length > MAX_PATH) return null;
  const parts = rel.split("/");
  for (const p of parts) {
    if (p === "" || p === "." || p === ".." || p.length > MAX_COMPONENT || BAD_CHARS.test(p)) return null;
    if (/^\s|\s$/.test(p)) return null;
  }
  return parts.join("/");
}
function displayName(name) {
  const shown = name.replace(CONTROL_CHARS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}
function decide(header, top, caps, state) {
  const rel = safeRelativePath(header.name, top);
  const shown = displayName(
    header.name.startsWith(`${top}/`) ? header.name.slice(top.length + 1) : header.name
  );
  if (rel === "")
    return header.type === "directory" ? { action: "root" } : { action: "skip", path: shown, reason: "special-file" };
  switch (header.type) {
    case "symlink":
      return { action: "skip", path: shown, reason: "symlink" };
    case "link":
      return { action: "skip", path: shown, reason: "hardlink" };
    case "character-device":
    case "block-device":
      return { action: "skip", path: shown, reason: "device" };
    case "fifo":
      return { action: "skip", path: shown, reason: "fifo" };
    case "directory":
    case "file":
      break;
    default:
      return { action: "skip", path: shown, reason: "special-file", detail: String(header.type) };
  }
  if (rel === null) {
    return header.name.startsWith(`${top}/`) ? { action: "skip", path: shown, reason: "unsafe-name" } : { action: "skip", path: shown, reason: "outside-output" };
  }
  if (header.type === "directory") return { action: "make-dir", path: rel };
  if (header.size > caps.maxFileBytes) {
    return { action: "skip", path: rel, reason: "file-too-large", detail: `${header.size} bytes` };
  }
  if (state.files >= caps.maxFiles) return { action: "skip", path: rel, reason: "file-count-cap" };
  if (state.bytes + header.size > caps.maxTotalBytes) {
    return { action: "skip", path: rel, reason: "total-size-cap", detail: `${header.size} bytes` };
  }
  const mode = header.mode & 64 ? 493 : 420;
  return { action: "write-file", path: rel, size: header.size, mode };
}
var BAD_CHARS, CONTROL_CHARS, MAX_COMPONENT, MAX_PATH;
var init_filter = __esm({
  "src/outputs/filter.ts"() {
    "use strict";
    BAD_CHARS = /[\u0000-\u001f\u007f"<>|*?:\\]/;
    CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
    MAX_COMPONENT = 255;
    MAX_PATH = 1024;
  }
});

// src/outputs/tar-pass.ts
var TarPass;
var init_tar_pass = __esm({
  "src/outputs/tar-pass.ts"() {
    "use strict";
    init_errors();
    init_report();
    init_dest_writer();
    init_filter();
    TarPass = class {
      constructor(dest, top, caps, declaredPlan) {
        this.top = top;
        this.caps = caps;
        this.declaredPlan = declaredPlan;
        this.report = emptyOutputs(dest);
        this.report.collected = true;
        this.otherCaps = { ...caps, maxTotalBytes: Math.max(0, caps.maxTotalBytes - declaredPlan.reservedBytes) };
        this.wanted = new Set(declaredPlan.paths);
        this.writer = new DestWriter(dest);
      }
      top;
      caps;
      declaredPlan;
      report;
      state = { files: 0, bytes: 0 };
      /** The other files share what the declared ones do not keep; a declared file may also use what the others left. */
      otherCaps;
      wanted;
      fate = /* @__PURE__ */ new Map();
      declaredWritten = [];
      declaredBytes = 0;
      writer;
      entry(header, entryStream, next) {
        const stream = entryStream;
        const entry = {
          name: header.name,
          type: header.type ?? "file",
          size: header.size ?? 0,
          mode: header.mode ?? 420
        };
        const drainThen = (after) => {
          stream.on("end", after);
          stream.resume();
        };
        const rel = safeRelativePath(header.name, this.top);
        if (rel && this.wanted.has(rel) && entry.type === "directory") {
          this.fate.set(rel, { path: rel, status: "not-a-regular-file", size: null });
        }
        if (rel && this.wanted.has(rel) && !this.fate.has(rel)) {
          this.declared(rel, entry, header.mtime, stream, next, drainThen);
        } else {
          this.other(entry, header.mtime, stream, next, drainThen);
        }
      }
      /** A declared file: not counted by the count cap; within its file cap and what the total keeps for it. */
      declared(rel, entry, mtime, stream, next, drainThen) {
        const room = Math.max(this.declaredPlan.reservedBytes, this.caps.maxTotalBytes - this.state.bytes) - this.declaredBytes;
        const d = decide(
          entry,
          this.top,
          { ...this.caps, maxFiles: Number.MAX_SAFE_INTEGER, maxTotalBytes: room },
          { files: 0, bytes: 0 }
        );
        if (d.action !== "write-file") {
          const status = d.action === "skip" && d.reason === "file-too-large" ? "too-large" : d.action === "skip" && d.reason === "total-size-cap" ? "total-size-cap" : "not-a-regular-file";
          this.fate.set(rel, { path: rel, status, size: entry.type === "file" ? entry.size : null });
          if (d.action === "skip")
            this.skip({ path: d.path, reason: d.reason, ...d.detail ? { detail: d.detail } : {} });
          return drainThen(next);
        }
        this.declaredBytes += d.size;
        this.writer.file(d.path, d.mode, stream, mtime).then(
          () => {
            this.fate.set(rel, { path: rel, status: "collected", size: d.size });
            this.declaredWritten.push({ path: rel, size: d.size });
            next();
          },
          (err) => next(asError(err))
        );
      }
      /** Any other entry: decided against the caps the declared files left. */
      other(entry, mtime, stream, next, drainThen) {
        const d = decide(entry, this.top, this.otherCaps, this.state);
        if (d.action === "skip") {
          this.skip({ path: d.path, reason: d.reason, ...d.detail ? { detail: d.detail } : {} });
          return drainThen(next);
        }
        if (d.action === "root") return drainThen(next);
        if (d.action === "make-dir") {
          this.writer.dir(d.path).then(
            () => drainThen(next),
            () => {
              this.skip({ path: d.path, reason: "duplicate" });
              drainThen(next);
            }
          );
          return;
        }
        this.state.files++;
        this.state.bytes += d.size;
        this.writer.file(d.path, d.mode, stream, mtime).then(
          () => {
            this.report.files++;
            this.report.bytes += d.size;
            if (this.report.written.length < LIST_LIMIT)
              this.report.written.push({ path: d.path, size: d.size });
            next();
          },
          () => {
            this.state.files--;
            this.state.bytes -= d.size;
            this.skip({ path: d.path, reason: "duplicate" });
            drainThen(next);
          }
        ).catch((err) => next(asError(err)));
      }
      skip(s2) {
        const r = this.report;
        r.skippedCount++;
        r.skippedByReason[s2.reason] = (r.skippedByReason[s2.reason] ?? 0) + 1;
        if (r.skippedByReason[s2.reason] <= SKIP_LIST_PER_REASON && r.skipped.length < LIST_LIMIT)
          r.skipped.push(s2);
      }
      /** The report, once the archive has ended: declared files first, every count and the truncation said. */
      finish() {
        const r = this.report;
        r.files += this.declaredWritten.length;
        r.bytes += this.declaredBytes;
        r.written.unshift(...this.declaredWritten);
        if (r.written.length > LIST_LIMIT) r.written.length = LIST_LIMIT;
        r.declared = this.declaredPlan.paths.map(
          (p) => this.fate.get(p) ?? { path: p, status: "missing", size: null }
        );
        r.droppedByCaps = CAP_REASONS.reduce((n, reason) => n + (r.skippedByReason[reason] ?? 0), 0);
        r.truncated = r.droppedByCaps > 0;
        return r;
      }
    };
  }
});

// src/outputs/collect.ts
async function prepareOutputDir(dir, input) {
  const st = await import_promises3.default.lstat(dir).catch((e) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
  if (st === null) {
    await import_promises3.default.mkdir(dir, { recursive: true, mode: 493 });
    return;
  }
  if (!st.isDirectory()) throw new InputError(input, `'${dir}' exists and is not a directory`);
  if ((await import_promises3.default.readdir(dir)).length > 0) throw new InputError(input, `'${dir}' exists and is not empty`);
}
function reserveFor(sizes, caps) {
  const sum = sizes.reduce((n, s2) => n + (s2 === null ? 0 : Math.min(s2, caps.maxFileBytes)), 0);
  return Math.min(sum, caps.maxTotalBytes);
}
async function collectTar(tarStream, dest, top, caps, declaredPlan = { paths: [], reservedBytes: 0 }) {
  const pass = new TarPass(dest, top, caps, declaredPlan);
  const extract = import_tar_stream4.default.extract();
  extract.on("entry", (header, stream, next) => pass.entry(header, stream, next));
  await new Promise((resolve, reject) => {
    tarStream.on("error", reject);
    extract.on("error", reject);
    extract.on("finish", resolve);
    tarStream.pipe(extract);
  });
  return pass.finish();
}
async function collectFiles(getArchive, root, dest, paths, caps) {
  const declared = [];
  let bytes = 0;
  for (const rel of paths) {
    const stream = await getArchive(`${root}/${rel}`);
    if (!stream) {
      declared.push({ path: rel, status: "missing", size: null });
      continue;
    }
    try {
      const r = await writeSingleFile(
        stream,
        import_node_path8.default.posix.basename(rel),
        import_node_path8.default.join(dest, rel),
        (size2) => size2 > caps.maxFileBytes ? "too-large" : bytes + size2 > caps.maxTotalBytes ? "total-size-cap" : null
      );
      if (r.status === "collected") bytes += r.size ?? 0;
      declared.push({ path: rel, ...r });
    } finally {
      if (!stream.readableEnded) stream.destroy();
    }
  }
  return { declared, bytes };
}
function writeSingleFile(tarStream, name, target, refuse) {
  let result = { status: "missing", size: null };
  let seen = false;
  const extract = import_tar_stream4.default.extract();
  extract.on("entry", (header, stream, next) => {
    const first = !seen;
    seen = true;
    const drain = () => {
      stream.on("end", next);
      stream.resume();
    };
    if (!first || header.name.replace(/\/+$/, "") !== name) return drain();
    const size2 = header.size ?? 0;
    if (header.type !== "file") {
      result = { status: "not-a-regular-file", size: null };
      return drain();
    }
    const why = refuse(size2);
    if (why) {
      result = { status: why, size: size2 };
      return drain();
    }
    import_promises3.default.mkdir(import_node_path8.default.dirname(target), { recursive: true, mode: 493 }).then(() => import_node_fs6.default.openSync(target, O_CREATE_NEW, header.mode && header.mode & 64 ? 493 : 420)).then((fd) => copyEntry(stream, fd)).then(
      () => {
        result = { status: "collected", size: size2 };
        next();
      },
      (err) => next(asError(err))
    );
  });
  return new Promise((resolve, reject) => {
    tarStream.on("error", reject);
    extract.on("error", reject);
    extract.on("finish", () => resolve(result));
    tarStream.pipe(extract);
  });
}
var import_node_fs6, import_promises3, import_node_path8, import_tar_stream4;
var init_collect = __esm({
  "src/outputs/collect.ts"() {
    "use strict";
    init_errors();
    import_node_fs6 = __toESM(require("node:fs"), 1);
    import_promises3 = __toESM(require("node:fs/promises"), 1);
    import_node_path8 = __toESM(require("node:path"), 1);
    import_tar_stream4 = __toESM(require_tar_stream(), 1);
    init_dest_writer();
    init_tar_pass();
    init_report();
  }
});

// src/verdict/schema.ts
function isObj(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function safeRepoPath(p) {
  if (p.length === 0 || p.length > LIMITS.path || p.startsWith("/") || p.includes("\\")) return false;
  return p.split("/").every((s2) => s2 !== "" && s2 !== "." && s2 !== ".." && !/[\u0000-\u001f\u007f]/.test(s2));
}
function str2(v, where, max) {
  if (typeof v !== "string" || v.length > max) throw new Invalid(`${where} is not a string within ${max}`);
  return v;
}
function int(v, where, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    throw new Invalid(`${where} is not an integer from ${min} to ${max}`);
  return v;
}
function bool2(v, where) {
  if (typeof v !== "boolean") throw new Invalid(`${where} is not true or false`);
  return v;
}
function nullable(v, f) {
  return v === null || v === void 0 ? null : f(v);
}
function list2(v, where, max) {
  if (!Array.isArray(v)) throw new Invalid(`${where} is not a list`);
  if (v.length > max) throw new Invalid(`${where} has ${v.length} entries, above ${max}`);
  return v;
}
function readAnnotation(a, where) {
  if (!isObj(a)) throw new Invalid(`${where} is not an object`);
  if (typeof a.path !== "string" || !safeRepoPath(a.path))
    throw new Invalid(`${where} has a path outside the repository`);
  const startLine = int(a.startLine, `${where}.startLine`, 1, 1e7);
  const endLine = int(a.endLine, `${where}.endLine`, 1, 1e7);
  if (endLine < startLine) throw new Invalid(`${where} ends before it starts`);
  const col = (c, k) => c === void 0 ? void 0 : int(c, `${where}.${k}`, 1, 1e5);
  const startColumn = col(a.startColumn, "startColumn");
  const endColumn = col(a.endColumn, "endColumn");
  if (typeof a.level !== "string" || !LEVELS.includes(a.level))
    throw new Invalid(`${where} has a bad level`);
  return {
    path: a.path,
    startLine,
    endLine,
    ...startColumn !== void 0 ? { startColumn } : {},
    ...endColumn !== void 0 ? { endColumn } : {},
    level: a.level,
    title: str2(a.title, `${where}.title`, LIMITS.title),
    message: str2(a.message, `${where}.message`, LIMITS.message)
  };
}
function readSubject(v) {
  if (!isObj(v)) throw new Invalid("subject is not an object");
  const repository = nullable(v.repository, (x) => str2(x, "subject.repository", 201));
  if (repository !== null && !REPO.test(repository))
    throw new Invalid("subject.repository is not owner/repo");
  const headSha = nullable(v.headSha, (x) => str2(x, "subject.headSha", 40));
  if (headSha !== null && !HEX402.test(headSha)) throw new Invalid("subject.headSha is not 40 hex digits");
  const baseSha = nullable(v.baseSha, (x) => str2(x, "subject.baseSha", 40));
  if (baseSha !== null && !HEX402.test(baseSha)) throw new Invalid("subject.baseSha is not 40 hex digits");
  const baseRef = nullable(v.baseRef, (x) => str2(x, "subject.baseRef", 255));
  if (baseRef !== null && !REF.test(baseRef)) throw new Invalid("subject.baseRef is not a branch name");
  const shard = nullable(v.shard, (s2) => {
    if (!isObj(s2)) throw new Invalid("subject.shard is not an object");
    const count2 = int(s2.count, "subject.shard.count", 1, 256);
    return { index: int(s2.index, "subject.shard.index", 0, count2 - 1), count: count2 };
  });
  return { repository, headSha, baseSha, baseRef, shard };
}
function readJudge(v, where) {
  if (!isObj(v)) throw new Invalid(`${where} is not an object`);
  if (typeof v.judge !== "string" || !JUDGE_NAMES.includes(v.judge))
    throw new Invalid(`${where}.judge is not a known judge`);
  if (!isObj(v.facts)) throw new Invalid(`${where}.facts is not an object`);
  const entries = Object.entries(v.facts);
  if (entries.length > LIMITS.facts) throw new Invalid(`${where}.facts has too many entries`);
  const facts = {};
  for (const [k, x] of entries) {
    if (!/^[\w-]{1,64}$/.test(k)) throw new Invalid(`${where}.facts has a bad key`);
    facts[k] = str2(x, `${where}.facts.${k}`, LIMITS.line);
  }
  return {
    judge: v.judge,
    passed: bool2(v.passed, `${where}.passed`),
    advisory: bool2(v.advisory, `${where}.advisory`),
    summary: str2(v.summary, `${where}.summary`, LIMITS.line),
    facts,
    annotations: list2(v.annotations, `${where}.annotations`, LIMITS.annotations).map(
      (a, i) => readAnnotation(a, `${where}.annotations[${i}]`)
    )
  };
}
function verdictPasses(judges) {
  const decisive = judges.filter((j) => !j.advisory);
  return decisive.length > 0 && decisive.every((j) => j.passed);
}
function readResult(bytes) {
  if (bytes.length > LIMITS.fileBytes)
    return { ok: false, reason: `the file is ${bytes.length} bytes, above ${LIMITS.fileBytes}` };
  let text2;
  try {
    text2 = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: "the file is not valid UTF-8" };
  }
  let j;
  try {
    j = JSON.parse(text2);
  } catch {
    return { ok: false, reason: "the file is not JSON" };
  }
  try {
    if (!isObj(j)) throw new Invalid("the result is not an object");
    if (j.schemaVersion !== RESULT_SCHEMA_VERSION)
      throw new Invalid(`schemaVersion must be ${RESULT_SCHEMA_VERSION}`);
    if (typeof j.status !== "string" || !RUN_STATUSES.includes(j.status))
      throw new Invalid("status is not a known status");
    if (!isObj(j.verdict)) throw new Invalid("verdict is not an object");
    const judges = list2(j.verdict.judges, "verdict.judges", LIMITS.judges).map(
      (x, i) => readJudge(x, `verdict.judges[${i}]`)
    );
    const annotations = list2(j.annotations ?? [], "annotations", LIMITS.annotations).map(
      (a, i) => readAnnotation(a, `annotation ${i}`)
    );
    const judged = judges.reduce((n, x) => n + x.annotations.length, 0);
    if (annotations.length + judged > LIMITS.annotations)
      throw new Invalid(`${annotations.length + judged} annotations, above ${LIMITS.annotations}`);
    const loosened = list2(j.loosened ?? [], "loosened", 64).map((l, i) => {
      if (!isObj(l)) throw new Invalid(`loosened[${i}] is not an object`);
      return {
        option: str2(l.option, `loosened[${i}].option`, 256),
        effect: str2(l.effect, `loosened[${i}].effect`, 1024)
      };
    });
    return {
      ok: true,
      value: {
        schemaVersion: RESULT_SCHEMA_VERSION,
        runId: str2(j.runId, "runId", 128),
        status: j.status,
        exitCode: int(j.exitCode, "exitCode", 0, 255),
        durationMs: int(j.durationMs, "durationMs", 0),
        subject: readSubject(j.subject),
        // `passed` is recomputed from the judges: a file that says passed with a failed judge is not believed.
        verdict: { passed: verdictPasses(judges), judges },
        annotations,
        loosened,
        notes: list2(j.notes ?? [], "notes", LIMITS.notes).map((n, i) => str2(n, `notes[${i}]`, LIMITS.line)),
        error: nullable(j.error, (e) => str2(e, "error", LIMITS.line))
      }
    };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, reason: err.message };
    throw err;
  }
}
var RESULT_SCHEMA_VERSION, RUN_STATUSES, JUDGE_NAMES, LIMITS, Invalid, LEVELS, HEX402, REF, REPO;
var init_schema = __esm({
  "src/verdict/schema.ts"() {
    "use strict";
    RESULT_SCHEMA_VERSION = 2;
    RUN_STATUSES = ["succeeded", "failed", "timed-out", "oom-killed", "error"];
    JUDGE_NAMES = [
      "exit-code",
      "declared-outputs",
      "junit",
      "expected-output",
      "lean-audit",
      "challenge",
      "comparator"
    ];
    LIMITS = {
      fileBytes: 10 * 1024 * 1024,
      annotations: 1e4,
      message: 64 * 1024,
      title: 1024,
      path: 1024,
      line: 4096,
      judges: 32,
      notes: 200,
      facts: 32
    };
    Invalid = class extends Error {
    };
    LEVELS = ["failure", "warning", "notice"];
    HEX402 = /^[0-9a-f]{40}$/;
    REF = /^[\w./-]{1,255}$/;
    REPO = /^[\w.-]{1,100}\/[\w.-]{1,100}$/;
  }
});

// src/sandbox/cleanup.ts
function engineSide(err) {
  if (err instanceof AggregateError) return err.errors.some(engineSide);
  return err instanceof EngineError && (err.statusCode === void 0 || err.statusCode >= 500);
}
var Cleanup;
var init_cleanup = __esm({
  "src/sandbox/cleanup.ts"() {
    "use strict";
    init_errors();
    Cleanup = class {
      steps = [];
      add(what, fn) {
        this.steps.push({ what, fn });
      }
      /**
       * Run the steps `which` selects, newest first, and forget the others: a session keeps what it made (its
       * container, volumes, network) and closes only its handles (attach streams) when the command that made it ends.
       */
      async runOnly(which) {
        this.steps = this.steps.filter((s2) => which(s2.what));
        return this.run();
      }
      /**
       * Run every step, newest first. Returns the failures, one line each. With `retry`, a step that failed on the
       * engine's side (it did not answer, or answered 5xx: a restart under the run, its database closed) runs again
       * each second while the engine answers, until it succeeds or `withinMs` has passed. Every step can run twice:
       * removing what is gone already is no failure.
       */
      async run(o = {}) {
        let failed2 = await this.pass(this.steps.reverse());
        this.steps = [];
        const r = o.retry;
        if (r) {
          const until = Date.now() + r.withinMs;
          while (failed2.some((f) => engineSide(f.err)) && Date.now() < until) {
            await new Promise((res) => setTimeout(res, r.everyMs ?? 1e3));
            if (!await r.ping()) continue;
            const again = failed2.filter((f) => engineSide(f.err));
            failed2 = [
              ...failed2.filter((f) => !engineSide(f.err)),
              ...await this.pass(again.map((f) => f.step))
            ];
          }
          failed2 = failed2.map(
            (f) => engineSide(f.err) ? { ...f, line: `${f.line} (\`sandbox-action gc\` removes it once the engine answers again)` } : f
          );
        }
        return failed2.map((f) => f.line);
      }
      async pass(steps) {
        const failed2 = [];
        for (const s2 of steps) {
          try {
            await s2.fn();
          } catch (err) {
            failed2.push({ step: s2, err, line: `${s2.what}: ${errorMessage(err)}` });
          }
        }
        return failed2;
      }
    };
  }
});

// src/sandbox/run-context.ts
var RunContext;
var init_run_context = __esm({
  "src/sandbox/run-context.ts"() {
    "use strict";
    init_errors();
    init_cleanup();
    init_plan();
    RunContext = class {
      constructor(spec, deps) {
        this.spec = spec;
        this.deps = deps;
        this.createdAt = deps.now();
        this.runId = newRunId(this.createdAt, deps.random());
        this.labels = runLabels(this.runId, this.createdAt);
        this.stopped = new Promise((_, reject) => this.stop = reject);
        this.stopped.catch(() => void 0);
        const onAbort = () => this.raise(new InterruptedError(deps.signal.reason ?? "SIGTERM"));
        if (deps.signal.aborted) onAbort();
        else deps.signal.addEventListener("abort", onAbort, { once: true });
      }
      spec;
      deps;
      createdAt;
      runId;
      labels;
      /** Where what is created now registers its removal: the run's, or the current phase's (see `phase`). */
      get cleanup() {
        return this.cleanups.at(-1);
      }
      cleanups = [new Cleanup()];
      notes = [];
      /** The sandbox as checked (conformance, then the self-check), kept here so a refusal still reports it. */
      sandboxCheck = null;
      /** The engine stopped the sandbox (outside-stop.ts): it may be restarting, so the cleanup waits for it. */
      engineStopped = false;
      t0 = Date.now();
      /** Rejects on a signal or a fault; every wait of the run races it. */
      stopped;
      fault = null;
      stop;
      /** Record a failure that happened in a callback; the run stops at its next wait. The first one wins. */
      raise(err) {
        if (this.fault !== null) return;
        this.fault = err;
        this.stop(err);
      }
      /** `p`, unless the run is stopped first. */
      race(p) {
        return Promise.race([p, this.stopped]);
      }
      /**
       * Run `fn` with a cleanup registry of its own, run as soon as `fn` ends: what a phase made (the setup phase's
       * container and proxy) is gone before the next phase starts. If the run stops first, the run's cleanup removes it.
       */
      async phase(what, fn) {
        const own = new Cleanup();
        this.cleanup.add(what, async () => {
          const failed2 = await own.run();
          if (failed2.length) throw new CleanupError(failed2);
        });
        this.cleanups.push(own);
        try {
          return await fn();
        } finally {
          this.cleanups.pop();
          for (const f of await own.run()) this.notes.push(`cleanup (${what}): ${f}`);
        }
      }
      /** What the network stage needs from the run: its engine, labels, cleanup and notes (`runId` names its parts). */
      networkDeps(runId = this.runId) {
        const { deps } = this;
        return {
          engine: deps.engine,
          labels: this.labels,
          runId,
          addCleanup: (what, fn) => this.cleanup.add(what, fn),
          notice: deps.notice,
          notes: this.notes,
          env: deps.env,
          privileged: (cmd, args) => deps.volumeHost.privileged(cmd, args)
        };
      }
      /** Throw the recorded fault or interruption, if any. */
      check() {
        if (this.fault !== null) throw this.fault;
      }
    };
  }
});

// src/report/parsers/types.ts
function stripAnsi(text2) {
  return text2.replace(ANSI, "");
}
function repoPath(printed, root) {
  let p = printed.trim().replace(/\\/g, "/");
  if (p.startsWith("/")) {
    const r = root.replace(/\/+$/, "");
    if (!p.startsWith(`${r}/`)) return null;
    p = p.slice(r.length + 1);
  }
  const parts = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return null;
      parts.pop();
      continue;
    }
    if (/[\u0000-\u001f\u007f]/.test(seg)) return null;
    parts.push(seg);
  }
  return parts.length ? parts.join("/") : null;
}
var ANSI;
var init_types = __esm({
  "src/report/parsers/types.ts"() {
    "use strict";
    ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;
  }
});

// src/report/parsers/generic.ts
function parseGeneric(text2, opts) {
  const annotations = [];
  let dropped = 0;
  for (const line2 of stripAnsi(text2).split(/\r?\n/)) {
    const m = DIAG.exec(line2);
    if (!m) continue;
    const path34 = repoPath(m[1], opts.root);
    const lineNo = Number(m[2]);
    if (path34 === null || lineNo < 1) {
      dropped++;
      continue;
    }
    const col = m[3] ? Number(m[3]) : void 0;
    annotations.push({
      path: path34,
      startLine: lineNo,
      endLine: lineNo,
      // gcc and clang columns are already 1-based.
      ...col !== void 0 && col >= 1 ? { startColumn: col } : {},
      level: LEVEL[m[4]],
      title: m[4] === "note" ? "build log: note" : `build log: compiler ${m[4]}`,
      message: m[5]
    });
  }
  return { annotations, dropped };
}
var DIAG, LEVEL;
var init_generic = __esm({
  "src/report/parsers/generic.ts"() {
    "use strict";
    init_types();
    DIAG = /^(.+?):(\d+)(?::(\d+))?: (fatal error|error|warning|note): (.*)$/;
    LEVEL = {
      "fatal error": "failure",
      error: "failure",
      warning: "warning",
      note: "notice"
    };
  }
});

// node_modules/fast-xml-parser/src/util.js
function getAllMatches(string, regex) {
  const matches = [];
  let match = regex.exec(string);
  while (match) {
    const allmatches = [];
    allmatches.startIndex = regex.lastIndex - match[0].length;
    const len = match.length;
    for (let index = 0; index < len; index++) {
      allmatches.push(match[index]);
    }
    matches.push(allmatches);
    match = regex.exec(string);
  }
  return matches;
}
function isExist(v) {
  return typeof v !== "undefined";
}
var nameStartChar, nameChar, nameRegexp, regexName, isName, DANGEROUS_PROPERTY_NAMES, criticalProperties;
var init_util = __esm({
  "node_modules/fast-xml-parser/src/util.js"() {
    "use strict";
    nameStartChar = ":A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
    nameChar = nameStartChar + "\\-.\\d\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
    nameRegexp = "[" + nameStartChar + "][" + nameChar + "]*";
    regexName = new RegExp("^" + nameRegexp + "$");
    isName = function(string) {
      const match = regexName.exec(string);
      return !(match === null || typeof match === "undefined");
    };
    DANGEROUS_PROPERTY_NAMES = [
      // '__proto__',
      // 'constructor',
      // 'prototype',
      "hasOwnProperty",
      "toString",
      "valueOf",
      "__defineGetter__",
      "__defineSetter__",
      "__lookupGetter__",
      "__lookupSetter__"
    ];
    criticalProperties = ["__proto__", "constructor", "prototype"];
  }
});

// node_modules/fast-xml-parser/src/validator.js
function validate(xmlData, options) {
  options = Object.assign({}, defaultOptions, options);
  const tags = [];
  let tagFound = false;
  let reachedRoot = false;
  if (xmlData[0] === "\uFEFF") {
    xmlData = xmlData.substr(1);
  }
  for (let i = 0; i < xmlData.length; i++) {
    if (xmlData[i] === "<" && xmlData[i + 1] === "?") {
      i += 2;
      i = readPI(xmlData, i);
      if (i.err) return i;
    } else if (xmlData[i] === "<") {
      let tagStartPos = i;
      i++;
      if (xmlData[i] === "!") {
        i = readCommentAndCDATA(xmlData, i);
        continue;
      } else {
        let closingTag = false;
        if (xmlData[i] === "/") {
          closingTag = true;
          i++;
        }
        let tagName = "";
        for (; i < xmlData.length && xmlData[i] !== ">" && xmlData[i] !== " " && xmlData[i] !== "	" && xmlData[i] !== "\n" && xmlData[i] !== "\r"; i++) {
          tagName += xmlData[i];
        }
        tagName = tagName.trim();
        if (tagName[tagName.length - 1] === "/") {
          tagName = tagName.substring(0, tagName.length - 1);
          i--;
        }
        if (!validateTagName(tagName)) {
          let msg;
          if (tagName.trim().length === 0) {
            msg = "Invalid space after '<'.";
          } else {
            msg = "Tag '" + tagName + "' is an invalid name.";
          }
          return getErrorObject("InvalidTag", msg, getLineNumberForPosition(xmlData, i));
        }
        const result = readAttributeStr(xmlData, i);
        if (result === false) {
          return getErrorObject("InvalidAttr", "Attributes for '" + tagName + "' have open quote.", getLineNumberForPosition(xmlData, i));
        }
        let attrStr = result.value;
        i = result.index;
        if (attrStr[attrStr.length - 1] === "/") {
          const attrStrStart = i - attrStr.length;
          attrStr = attrStr.substring(0, attrStr.length - 1);
          const isValid = validateAttributeString(attrStr, options);
          if (isValid === true) {
            tagFound = true;
          } else {
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, attrStrStart + isValid.err.line));
          }
        } else if (closingTag) {
          if (!result.tagClosed) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' doesn't have proper closing.", getLineNumberForPosition(xmlData, i));
          } else if (attrStr.trim().length > 0) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' can't have attributes or invalid starting.", getLineNumberForPosition(xmlData, tagStartPos));
          } else if (tags.length === 0) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' has not been opened.", getLineNumberForPosition(xmlData, tagStartPos));
          } else {
            const otg = tags.pop();
            if (tagName !== otg.tagName) {
              let openPos = getLineNumberForPosition(xmlData, otg.tagStartPos);
              return getErrorObject(
                "InvalidTag",
                "Expected closing tag '" + otg.tagName + "' (opened in line " + openPos.line + ", col " + openPos.col + ") instead of closing tag '" + tagName + "'.",
                getLineNumberForPosition(xmlData, tagStartPos)
              );
            }
            if (tags.length == 0) {
              reachedRoot = true;
            }
          }
        } else {
          const isValid = validateAttributeString(attrStr, options);
          if (isValid !== true) {
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, i - attrStr.length + isValid.err.line));
          }
          if (reachedRoot === true) {
            return getErrorObject("InvalidXml", "Multiple possible root nodes found.", getLineNumberForPosition(xmlData, i));
          } else if (options.unpairedTags.indexOf(tagName) !== -1) {
          } else {
            tags.push({ tagName, tagStartPos });
          }
          tagFound = true;
        }
        for (i++; i < xmlData.length; i++) {
          if (xmlData[i] === "<") {
            if (xmlData[i + 1] === "!") {
              i++;
              i = readCommentAndCDATA(xmlData, i);
              continue;
            } else if (xmlData[i + 1] === "?") {
              i = readPI(xmlData, ++i);
              if (i.err) return i;
            } else {
              break;
            }
          } else if (xmlData[i] === "&") {
            const afterAmp = validateAmpersand(xmlData, i);
            if (afterAmp == -1)
              return getErrorObject("InvalidChar", "char '&' is not expected.", getLineNumberForPosition(xmlData, i));
            i = afterAmp;
          } else {
            if (reachedRoot === true && !isWhiteSpace(xmlData[i])) {
              return getErrorObject("InvalidXml", "Extra text at the end", getLineNumberForPosition(xmlData, i));
            }
          }
        }
        if (xmlData[i] === "<") {
          i--;
        }
      }
    } else {
      if (isWhiteSpace(xmlData[i])) {
        continue;
      }
      return getErrorObject("InvalidChar", "char '" + xmlData[i] + "' is not expected.", getLineNumberForPosition(xmlData, i));
    }
  }
  if (!tagFound) {
    return getErrorObject("InvalidXml", "Start tag expected.", 1);
  } else if (tags.length == 1) {
    return getErrorObject("InvalidTag", "Unclosed tag '" + tags[0].tagName + "'.", getLineNumberForPosition(xmlData, tags[0].tagStartPos));
  } else if (tags.length > 0) {
    return getErrorObject("InvalidXml", "Invalid '" + JSON.stringify(tags.map((t) => t.tagName), null, 4).replace(/\r?\n/g, "") + "' found.", { line: 1, col: 1 });
  }
  return true;
}
function isWhiteSpace(char) {
  return char === " " || char === "	" || char === "\n" || char === "\r";
}
function readPI(xmlData, i) {
  const start = i;
  for (; i < xmlData.length; i++) {
    if (xmlData[i] == "?" || xmlData[i] == " ") {
      const tagname = xmlData.substr(start, i - start);
      if (i > 5 && tagname === "xml") {
        return getErrorObject("InvalidXml", "XML declaration allowed only at the start of the document.", getLineNumberForPosition(xmlData, i));
      } else if (xmlData[i] == "?" && xmlData[i + 1] == ">") {
        i++;
        break;
      } else {
        continue;
      }
    }
  }
  return i;
}
function readCommentAndCDATA(xmlData, i) {
  if (xmlData.length > i + 5 && xmlData[i + 1] === "-" && xmlData[i + 2] === "-") {
    for (i += 3; i < xmlData.length; i++) {
      if (xmlData[i] === "-" && xmlData[i + 1] === "-" && xmlData[i + 2] === ">") {
        i += 2;
        break;
      }
    }
  } else if (xmlData.length > i + 8 && xmlData[i + 1] === "D" && xmlData[i + 2] === "O" && xmlData[i + 3] === "C" && xmlData[i + 4] === "T" && xmlData[i + 5] === "Y" && xmlData[i + 6] === "P" && xmlData[i + 7] === "E") {
    let angleBracketsCount = 1;
    for (i += 8; i < xmlData.length; i++) {
      if (xmlData[i] === "<") {
        angleBracketsCount++;
      } else if (xmlData[i] === ">") {
        angleBracketsCount--;
        if (angleBracketsCount === 0) {
          break;
        }
      }
    }
  } else if (xmlData.length > i + 9 && xmlData[i + 1] === "[" && xmlData[i + 2] === "C" && xmlData[i + 3] === "D" && xmlData[i + 4] === "A" && xmlData[i + 5] === "T" && xmlData[i + 6] === "A" && xmlData[i + 7] === "[") {
    for (i += 8; i < xmlData.length; i++) {
      if (xmlData[i] === "]" && xmlData[i + 1] === "]" && xmlData[i + 2] === ">") {
        i += 2;
        break;
      }
    }
  }
  return i;
}
function readAttributeStr(xmlData, i) {
  let attrStr = "";
  let startChar = "";
  let tagClosed = false;
  for (; i < xmlData.length; i++) {
    if (xmlData[i] === doubleQuote || xmlData[i] === singleQuote) {
      if (startChar === "") {
        startChar = xmlData[i];
      } else if (startChar !== xmlData[i]) {
      } else {
        startChar = "";
      }
    } else if (xmlData[i] === ">") {
      if (startChar === "") {
        tagClosed = true;
        break;
      }
    }
    attrStr += xmlData[i];
  }
  if (startChar !== "") {
    return false;
  }
  return {
    value: attrStr,
    index: i,
    tagClosed
  };
}
function scanAttributeTokens(attrStr) {
  const tokens = [];
  const len = attrStr.length;
  let i = 0;
  while (i < len) {
    const tokenStart = i;
    while (i < len && isWhiteSpace(attrStr[i])) i++;
    if (i >= len) break;
    if (attrStr[i] === "=") {
      i++;
      continue;
    }
    const leadingWs = attrStr.slice(tokenStart, i);
    const nameStart = i;
    while (i < len && !isWhiteSpace(attrStr[i]) && attrStr[i] !== "=") i++;
    const name = attrStr.slice(nameStart, i);
    let equalsGroup;
    let j = i;
    while (j < len && isWhiteSpace(attrStr[j])) j++;
    if (j < len && attrStr[j] === "=") {
      equalsGroup = attrStr.slice(i, j + 1);
      i = j + 1;
    }
    let quoteChar;
    let value;
    let k = i;
    while (k < len && isWhiteSpace(attrStr[k])) k++;
    if (k < len && (attrStr[k] === '"' || attrStr[k] === "'")) {
      const valueStart = k + 1;
      const closeIdx = attrStr.indexOf(attrStr[k], valueStart);
      if (closeIdx !== -1) {
        quoteChar = attrStr[k];
        value = attrStr.slice(valueStart, closeIdx);
        i = closeIdx + 1;
      }
    }
    const token = { startIndex: tokenStart };
    token[1] = leadingWs;
    token[2] = name;
    token[3] = equalsGroup;
    token[4] = quoteChar !== void 0 ? true : void 0;
    token[5] = quoteChar;
    token[6] = value;
    tokens.push(token);
  }
  return tokens;
}
function validateAttributeString(attrStr, options) {
  const matches = scanAttributeTokens(attrStr);
  const attrNames = {};
  for (let i = 0; i < matches.length; i++) {
    if (matches[i][1].length === 0) {
      return getErrorObject("InvalidAttr", "Attribute '" + matches[i][2] + "' has no space in starting.", getPositionFromMatch(matches[i]));
    } else if (matches[i][3] !== void 0 && matches[i][4] === void 0) {
      return getErrorObject("InvalidAttr", "Attribute '" + matches[i][2] + "' is without value.", getPositionFromMatch(matches[i]));
    } else if (matches[i][3] === void 0 && !options.allowBooleanAttributes) {
      return getErrorObject("InvalidAttr", "boolean attribute '" + matches[i][2] + "' is not allowed.", getPositionFromMatch(matches[i]));
    }
    const attrName = matches[i][2];
    if (!validateAttrName(attrName)) {
      return getErrorObject("InvalidAttr", "Attribute '" + attrName + "' is an invalid name.", getPositionFromMatch(matches[i]));
    }
    if (!Object.prototype.hasOwnProperty.call(attrNames, attrName)) {
      attrNames[attrName] = 1;
    } else {
      return getErrorObject("InvalidAttr", "Attribute '" + attrName + "' is repeated.", getPositionFromMatch(matches[i]));
    }
  }
  return true;
}
function validateNumberAmpersand(xmlData, i) {
  let re = /\d/;
  if (xmlData[i] === "x") {
    i++;
    re = /[\da-fA-F]/;
  }
  for (; i < xmlData.length; i++) {
    if (xmlData[i] === ";")
      return i;
    if (!xmlData[i].match(re))
      break;
  }
  return -1;
}
function validateAmpersand(xmlData, i) {
  i++;
  if (xmlData[i] === ";")
    return -1;
  if (xmlData[i] === "#") {
    i++;
    return validateNumberAmpersand(xmlData, i);
  }
  let count2 = 0;
  for (; i < xmlData.length; i++, count2++) {
    if (xmlData[i].match(/\w/) && count2 < 20)
      continue;
    if (xmlData[i] === ";")
      break;
    return -1;
  }
  return i;
}
function getErrorObject(code, message, lineNumber) {
  return {
    err: {
      code,
      msg: message,
      line: lineNumber.line || lineNumber,
      col: lineNumber.col
    }
  };
}
function validateAttrName(attrName) {
  return isName(attrName);
}
function validateTagName(tagname) {
  return isName(tagname);
}
function getLineNumberForPosition(xmlData, index) {
  const lines = xmlData.substring(0, index).split(/\r?\n/);
  return {
    line: lines.length,
    // column number is last line's length + 1, because column numbering starts at 1:
    col: lines[lines.length - 1].length + 1
  };
}
function getPositionFromMatch(match) {
  return match.startIndex + match[1].length;
}
var defaultOptions, doubleQuote, singleQuote;
var init_validator = __esm({
  "node_modules/fast-xml-parser/src/validator.js"() {
    "use strict";
    init_util();
    defaultOptions = {
      allowBooleanAttributes: false,
      //A tag can have attributes without any value
      unpairedTags: []
    };
    doubleQuote = '"';
    singleQuote = "'";
  }
});

// node_modules/@nodable/entities/src/entities.js
var CURRENCY, XML, COMMON_HTML;
var init_entities = __esm({
  "node_modules/@nodable/entities/src/entities.js"() {
    CURRENCY = {
      cent: "¢",
      pound: "£",
      curren: "¤",
      yen: "¥",
      euro: "€",
      dollar: "$",
      fnof: "ƒ",
      inr: "₹",
      af: "؋",
      birr: "ብር",
      peso: "₱",
      rub: "₽",
      won: "₩",
      yuan: "¥",
      cedil: "¸"
    };
    XML = {
      amp: "&",
      apos: "'",
      gt: ">",
      lt: "<",
      quot: '"'
    };
    COMMON_HTML = {
      nbsp: " ",
      copy: "©",
      reg: "®",
      trade: "™",
      mdash: "—",
      ndash: "–",
      hellip: "…",
      laquo: "«",
      raquo: "»",
      lsquo: "‘",
      rsquo: "’",
      ldquo: "“",
      rdquo: "”",
      bull: "•",
      para: "¶",
      sect: "§",
      deg: "°",
      frac12: "½",
      frac14: "¼",
      frac34: "¾"
    };
  }
});

// node_modules/@nodable/entities/src/EntityDecoder.js
function validateEntityName(name) {
  if (name[0] === "#") {
    throw new Error(`[EntityReplacer] Invalid character '#' in entity name: "${name}"`);
  }
  for (const ch of name) {
    if (SPECIAL_CHARS.has(ch)) {
      throw new Error(`[EntityReplacer] Invalid character '${ch}' in entity name: "${name}"`);
    }
  }
  return name;
}
function mergeEntityMaps(...maps) {
  const out = /* @__PURE__ */ Object.create(null);
  for (const map of maps) {
    if (!map) continue;
    for (const key of Object.keys(map)) {
      const raw = map[key];
      if (typeof raw === "string") {
        out[key] = raw;
      } else if (raw && typeof raw === "object" && raw.val !== void 0) {
        const val = raw.val;
        if (typeof val === "string") {
          out[key] = val;
        }
      }
    }
  }
  return out;
}
function parseLimitTiers(raw) {
  if (!raw || raw === LIMIT_TIER_EXTERNAL) return /* @__PURE__ */ new Set([LIMIT_TIER_EXTERNAL]);
  if (raw === LIMIT_TIER_ALL) return /* @__PURE__ */ new Set([LIMIT_TIER_ALL]);
  if (raw === LIMIT_TIER_BASE) return /* @__PURE__ */ new Set([LIMIT_TIER_BASE]);
  if (Array.isArray(raw)) return new Set(raw);
  return /* @__PURE__ */ new Set([LIMIT_TIER_EXTERNAL]);
}
function parseNCRConfig(ncr) {
  if (!ncr) {
    return { xmlVersion: 1, onLevel: NCR_LEVEL.allow, nullLevel: NCR_LEVEL.remove };
  }
  const xmlVersion = ncr.xmlVersion === 1.1 ? 1.1 : 1;
  const onLevel = NCR_LEVEL[ncr.onNCR] ?? NCR_LEVEL.allow;
  const nullLevel = NCR_LEVEL[ncr.nullNCR] ?? NCR_LEVEL.remove;
  const clampedNull = Math.max(nullLevel, NCR_LEVEL.remove);
  return { xmlVersion, onLevel, nullLevel: clampedNull };
}
var ENTITY_ACTION, SPECIAL_CHARS, LIMIT_TIER_EXTERNAL, LIMIT_TIER_BASE, LIMIT_TIER_ALL, NCR_LEVEL, XML10_ALLOWED_C0, EntityDecoder;
var init_EntityDecoder = __esm({
  "node_modules/@nodable/entities/src/EntityDecoder.js"() {
    init_entities();
    ENTITY_ACTION = Object.freeze({
      /** Resolve and expand the entity normally. */
      ALLOW: "allow",
      /** Silently skip this entity — it will not be registered. */
      BLOCK: "block",
      /** Throw an error, aborting entity registration entirely. */
      THROW: "throw"
    });
    SPECIAL_CHARS = new Set("!?\\\\/[]$%{}^&*()<>|+");
    LIMIT_TIER_EXTERNAL = "external";
    LIMIT_TIER_BASE = "base";
    LIMIT_TIER_ALL = "all";
    NCR_LEVEL = Object.freeze({ allow: 0, leave: 1, remove: 2, throw: 3 });
    XML10_ALLOWED_C0 = /* @__PURE__ */ new Set([9, 10, 13]);
    EntityDecoder = class {
      /**
       * @param {object} [options]
       * @param {object|null}  [options.namedEntities]        — extra named entities merged into base map
       * @param {object}  [options.limit]                 — security limits
       * @param {number}       [options.limit.maxTotalExpansions=0]  — 0 = unlimited
       * @param {number}       [options.limit.maxExpandedLength=0]   — 0 = unlimited
       * @param {'external'|'base'|'all'|string[]} [options.limit.applyLimitsTo='external']
       *   Which entity tiers count against the security limits:
       *   - 'external' (default) — only input/runtime + persistent external entities
       *   - 'base'               — only DEFAULT_XML_ENTITIES + namedEntities
       *   - 'all'                — every entity regardless of tier
       *   - string[]             — explicit combination, e.g. ['external', 'base']
       * @param {((resolved: string, original: string) => string)|null} [options.postCheck=null]
       * @param {string[]} [options.remove=[]] — entity names (e.g. ['nbsp', '#13']) to delete (replace with empty string)
       * @param {string[]} [options.leave=[]]  — entity names to keep as literal (unchanged in output)
       * @param {object}   [options.ncr]       — Numeric Character Reference controls
       * @param {1.0|1.1}  [options.ncr.xmlVersion=1.0]
       *   XML version governing which codepoint ranges are restricted:
       *   - 1.0 — C0 controls U+0001–U+001F (except U+0009/000A/000D) are prohibited
       *   - 1.1 — C0 controls are allowed when written as NCRs; C1 (U+007F–U+009F) decoded as-is
       * @param {'allow'|'leave'|'remove'|'throw'} [options.ncr.onNCR='allow']
       *   Base action for numeric references. Severity order: allow < leave < remove < throw.
       *   For codepoint ranges that carry a minimum level (surrogates → remove, XML 1.0 C0 → remove),
       *   the effective action is max(onNCR, rangeMinimum).
       * @param {'remove'|'throw'} [options.ncr.nullNCR='remove']
       *   Action for U+0000 (null). 'allow' and 'leave' are clamped to 'remove' since null is never safe.
       * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} [options.onExternalEntity=null]
       *   Hook called when an external entity is registered via `setExternalEntities()` or
       *   `addExternalEntity()`. Return `ENTITY_ACTION.ALLOW` to accept the entity,
       *   `ENTITY_ACTION.BLOCK` to silently skip it, or `ENTITY_ACTION.THROW` to abort with an error.
       * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} [options.onInputEntity=null]
       *   Hook called when an input entity is registered via `addInputEntities()`. Return
       *   `ENTITY_ACTION.ALLOW` to accept, `ENTITY_ACTION.BLOCK` to silently skip, or
       *   `ENTITY_ACTION.THROW` to abort with an error.
       */
      constructor(options = {}) {
        this._limit = options.limit || {};
        this._maxTotalExpansions = this._limit.maxTotalExpansions || 0;
        this._maxExpandedLength = this._limit.maxExpandedLength || 0;
        this._postCheck = typeof options.postCheck === "function" ? options.postCheck : (r) => r;
        this._limitTiers = parseLimitTiers(this._limit.applyLimitsTo ?? LIMIT_TIER_EXTERNAL);
        this._numericAllowed = options.numericAllowed ?? true;
        this._baseMap = mergeEntityMaps(XML, options.namedEntities || null);
        this._externalMap = /* @__PURE__ */ Object.create(null);
        this._inputMap = /* @__PURE__ */ Object.create(null);
        this._totalExpansions = 0;
        this._expandedLength = 0;
        this._removeSet = new Set(options.remove && Array.isArray(options.remove) ? options.remove : []);
        this._leaveSet = new Set(options.leave && Array.isArray(options.leave) ? options.leave : []);
        const ncrCfg = parseNCRConfig(options.ncr);
        this._ncrXmlVersion = ncrCfg.xmlVersion;
        this._ncrOnLevel = ncrCfg.onLevel;
        this._ncrNullLevel = ncrCfg.nullLevel;
        this._onExternalEntity = typeof options.onExternalEntity === "function" ? options.onExternalEntity : null;
        this._onInputEntity = typeof options.onInputEntity === "function" ? options.onInputEntity : null;
      }
      // -------------------------------------------------------------------------
      // Private: registration hook dispatch
      // -------------------------------------------------------------------------
      /**
       * Invoke a registration hook for a single entity name/value pair.
       * Returns true when the entity should be accepted, false when it should be
       * silently skipped (BLOCK), and throws when the hook returns THROW.
       *
       * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} hook
       * @param {string} name
       * @param {string} value
       * @param {string} context  — used in error messages ('external' | 'input')
       * @returns {boolean}  true = accept, false = skip
       */
      _applyRegistrationHook(hook2, name, value, context) {
        if (!hook2) return true;
        const action = hook2(name, value);
        if (action === ENTITY_ACTION.BLOCK) return false;
        if (action === ENTITY_ACTION.THROW) {
          throw new Error(
            `[EntityDecoder] Registration of ${context} entity "&${name};" was rejected by hook`
          );
        }
        return true;
      }
      // -------------------------------------------------------------------------
      // Persistent external entity registration
      // -------------------------------------------------------------------------
      /**
       * Replace the full set of persistent external entities.
       * All keys are validated — throws on invalid characters.
       * If `onExternalEntity` is set, it is called once per entry; entries that
       * return `ENTITY_ACTION.BLOCK` are silently omitted, `ENTITY_ACTION.THROW`
       * aborts the whole call.
       * @param {Record<string, string | { regex?: RegExp, val: string }>} map
       */
      setExternalEntities(map) {
        if (map) {
          for (const key of Object.keys(map)) {
            validateEntityName(key);
          }
        }
        if (!this._onExternalEntity) {
          this._externalMap = mergeEntityMaps(map);
          return;
        }
        const flat = mergeEntityMaps(map);
        const filtered = /* @__PURE__ */ Object.create(null);
        for (const [name, value] of Object.entries(flat)) {
          if (this._applyRegistrationHook(this._onExternalEntity, name, value, "external")) {
            filtered[name] = value;
          }
        }
        this._externalMap = filtered;
      }
      /**
       * Add a single persistent external entity.
       * If `onExternalEntity` is set it is called before the entity is stored;
       * `ENTITY_ACTION.BLOCK` silently skips storage, `ENTITY_ACTION.THROW` raises.
       * @param {string} key
       * @param {string} value
       */
      addExternalEntity(key, value) {
        validateEntityName(key);
        if (typeof value === "string" && value.indexOf("&") === -1) {
          if (this._applyRegistrationHook(this._onExternalEntity, key, value, "external")) {
            this._externalMap[key] = value;
          }
        }
      }
      // -------------------------------------------------------------------------
      // Input / runtime entity registration (per document)
      // -------------------------------------------------------------------------
      /**
       * Inject DOCTYPE entities for the current document.
       * Also resets per-document expansion counters.
       * If `onInputEntity` is set it is called once per entry; entries returning
       * `ENTITY_ACTION.BLOCK` are silently omitted, `ENTITY_ACTION.THROW` aborts.
       * @param {Record<string, string | { regx?: RegExp, regex?: RegExp, val: string }>} map
       */
      addInputEntities(map) {
        this._totalExpansions = 0;
        this._expandedLength = 0;
        if (!this._onInputEntity) {
          this._inputMap = mergeEntityMaps(map);
          return;
        }
        const flat = mergeEntityMaps(map);
        const filtered = /* @__PURE__ */ Object.create(null);
        for (const [name, value] of Object.entries(flat)) {
          if (this._applyRegistrationHook(this._onInputEntity, name, value, "input")) {
            filtered[name] = value;
          }
        }
        this._inputMap = filtered;
      }
      // -------------------------------------------------------------------------
      // Per-document reset
      // -------------------------------------------------------------------------
      /**
       * Wipe input/runtime entities and reset counters.
       * Call this before processing each new document.
       * @returns {this}
       */
      reset() {
        this._inputMap = /* @__PURE__ */ Object.create(null);
        this._totalExpansions = 0;
        this._expandedLength = 0;
        return this;
      }
      // -------------------------------------------------------------------------
      // XML version (can be set after construction, e.g. once parser reads <?xml?>)
      // -------------------------------------------------------------------------
      /**
       * Update the XML version used for NCR classification.
       * Call this as soon as the document's `<?xml version="...">` declaration is parsed.
       * @param {1.0|1.1|number} version
       */
      setXmlVersion(version) {
        this._ncrXmlVersion = version === 1.1 ? 1.1 : 1;
      }
      // -------------------------------------------------------------------------
      // Primary API
      // -------------------------------------------------------------------------
      /**
       * Replace all entity references in `str` in a single pass.
       *
       * @param {string} str
       * @returns {string}
       */
      decode(str3) {
        if (typeof str3 !== "string" || str3.length === 0) return str3;
        if (str3.indexOf("&") === -1) return str3;
        const original = str3;
        const chunks2 = [];
        const len = str3.length;
        let last = 0;
        let i = 0;
        const limitExpansions = this._maxTotalExpansions > 0;
        const limitLength = this._maxExpandedLength > 0;
        const checkLimits2 = limitExpansions || limitLength;
        while (i < len) {
          if (str3.charCodeAt(i) !== 38) {
            i++;
            continue;
          }
          let j = i + 1;
          while (j < len && str3.charCodeAt(j) !== 59 && j - i <= 32) j++;
          if (j >= len || str3.charCodeAt(j) !== 59) {
            i++;
            continue;
          }
          const token = str3.slice(i + 1, j);
          if (token.length === 0) {
            i++;
            continue;
          }
          let replacement;
          let tier;
          if (this._removeSet.has(token)) {
            replacement = "";
            if (tier === void 0) {
              tier = LIMIT_TIER_EXTERNAL;
            }
          } else if (this._leaveSet.has(token)) {
            i++;
            continue;
          } else if (token.charCodeAt(0) === 35) {
            const ncrResult = this._resolveNCR(token);
            if (ncrResult === void 0) {
              i++;
              continue;
            }
            replacement = ncrResult;
            tier = LIMIT_TIER_BASE;
          } else {
            const resolved = this._resolveName(token);
            replacement = resolved?.value;
            tier = resolved?.tier;
          }
          if (replacement === void 0) {
            i++;
            continue;
          }
          if (i > last) chunks2.push(str3.slice(last, i));
          chunks2.push(replacement);
          last = j + 1;
          i = last;
          if (checkLimits2 && this._tierCounts(tier)) {
            if (limitExpansions) {
              this._totalExpansions++;
              if (this._totalExpansions > this._maxTotalExpansions) {
                throw new Error(
                  `[EntityReplacer] Entity expansion count limit exceeded: ${this._totalExpansions} > ${this._maxTotalExpansions}`
                );
              }
            }
            if (limitLength) {
              const delta = replacement.length - (token.length + 2);
              if (delta > 0) {
                this._expandedLength += delta;
                if (this._expandedLength > this._maxExpandedLength) {
                  throw new Error(
                    `[EntityReplacer] Expanded content length limit exceeded: ${this._expandedLength} > ${this._maxExpandedLength}`
                  );
                }
              }
            }
          }
        }
        if (last < len) chunks2.push(str3.slice(last));
        const result = chunks2.length === 0 ? str3 : chunks2.join("");
        return this._postCheck(result, original);
      }
      // -------------------------------------------------------------------------
      // Private: limit tier check
      // -------------------------------------------------------------------------
      /**
       * Returns true if a resolved entity of the given tier should count
       * against the expansion/length limits.
       * @param {string} tier  — LIMIT_TIER_EXTERNAL | LIMIT_TIER_BASE
       * @returns {boolean}
       */
      _tierCounts(tier) {
        if (this._limitTiers.has(LIMIT_TIER_ALL)) return true;
        return this._limitTiers.has(tier);
      }
      // -------------------------------------------------------------------------
      // Private: entity resolution
      // -------------------------------------------------------------------------
      /**
       * Resolve a named entity token (without & and ;).
       * Priority: inputMap > externalMap > baseMap
       * Returns the resolved value tagged with its limit tier.
       *
       * @param {string} name
       * @returns {{ value: string, tier: string }|undefined}
       */
      _resolveName(name) {
        if (name in this._inputMap) return { value: this._inputMap[name], tier: LIMIT_TIER_EXTERNAL };
        if (name in this._externalMap) return { value: this._externalMap[name], tier: LIMIT_TIER_EXTERNAL };
        if (name in this._baseMap) return { value: this._baseMap[name], tier: LIMIT_TIER_BASE };
        return void 0;
      }
      /**
       * Classify a codepoint and return the minimum action level that must be applied.
       * Returns -1 when no minimum is imposed (normal allow path).
       *
       * Ranges checked (in priority order):
       *   1. U+0000            — null, governed by nullNCR (always ≥ remove)
       *   2. U+D800–U+DFFF     — surrogates, always prohibited (min: remove)
       *   3. U+0001–U+001F \ {0x09,0x0A,0x0D}  — XML 1.0 restricted C0 (min: remove)
       *      (skipped in XML 1.1 — C0 controls are allowed when written as NCRs)
       *
       * @param {number} cp  — codepoint
       * @returns {number}   — minimum NCR_LEVEL value, or -1 for no restriction
       */
      _classifyNCR(cp) {
        if (cp === 0) return this._ncrNullLevel;
        if (cp >= 55296 && cp <= 57343) return NCR_LEVEL.remove;
        if (this._ncrXmlVersion === 1) {
          if (cp >= 1 && cp <= 31 && !XML10_ALLOWED_C0.has(cp)) return NCR_LEVEL.remove;
        }
        return -1;
      }
      /**
       * Execute a resolved NCR action.
       *
       * @param {number} action   — NCR_LEVEL value
       * @param {string} token    — raw token (e.g. '#38') for error messages
       * @param {number} cp       — codepoint, used only for error messages
       * @returns {string|undefined}
       *   - decoded character string  → 'allow'
       *   - ''                        → 'remove'
       *   - undefined                 → 'leave' (caller must skip past '&' only)
       *   - throws Error              → 'throw'
       */
      _applyNCRAction(action, token, cp) {
        switch (action) {
          case NCR_LEVEL.allow:
            return String.fromCodePoint(cp);
          case NCR_LEVEL.remove:
            return "";
          case NCR_LEVEL.leave:
            return void 0;
          // signal: keep literal
          case NCR_LEVEL.throw:
            throw new Error(
              `[EntityDecoder] Prohibited numeric character reference &${token}; (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`
            );
          default:
            return String.fromCodePoint(cp);
        }
      }
      /**
       * Full NCR resolution pipeline for a numeric token.
       *
       * Steps:
       *   1. Parse the codepoint (decimal or hex).
       *   2. Validate the raw codepoint range (NaN, <0, >0x10FFFF).
       *   3. If numericAllowed is false and no minimum restriction applies → leave as-is.
       *   4. Classify the codepoint to find the minimum required action level.
       *   5. Resolve effective action = max(onNCR, minimum).
       *   6. Apply and return.
       *
       * @param {string} token  — e.g. '#38', '#x26', '#X26'
       * @returns {string|undefined}
       *   - string (incl. '')  — replacement ('' = remove)
       *   - undefined          — leave original &token; as-is
       */
      _resolveNCR(token) {
        const second = token.charCodeAt(1);
        let cp;
        if (second === 120 || second === 88) {
          cp = parseInt(token.slice(2), 16);
        } else {
          cp = parseInt(token.slice(1), 10);
        }
        if (Number.isNaN(cp) || cp < 0 || cp > 1114111) return void 0;
        const minimum = this._classifyNCR(cp);
        if (!this._numericAllowed && minimum < NCR_LEVEL.remove) return void 0;
        const effective = minimum === -1 ? this._ncrOnLevel : Math.max(this._ncrOnLevel, minimum);
        return this._applyNCRAction(effective, token, cp);
      }
    };
  }
});

// node_modules/@nodable/entities/src/index.js
var init_src = __esm({
  "node_modules/@nodable/entities/src/index.js"() {
    init_EntityDecoder();
    init_entities();
  }
});

// node_modules/fast-xml-parser/src/xmlparser/OptionsBuilder.js
function validatePropertyName(propertyName, optionName) {
  if (typeof propertyName !== "string") {
    return;
  }
  const normalized = propertyName.toLowerCase();
  if (DANGEROUS_PROPERTY_NAMES.some((dangerous) => normalized === dangerous.toLowerCase())) {
    throw new Error(
      `[SECURITY] Invalid ${optionName}: "${propertyName}" is a reserved JavaScript keyword that could cause prototype pollution`
    );
  }
  if (criticalProperties.some((dangerous) => normalized === dangerous.toLowerCase())) {
    throw new Error(
      `[SECURITY] Invalid ${optionName}: "${propertyName}" is a reserved JavaScript keyword that could cause prototype pollution`
    );
  }
}
function normalizeProcessEntities(value, htmlEntities) {
  if (typeof value === "boolean") {
    return {
      enabled: value,
      // true or false
      maxEntitySize: 1e4,
      maxExpansionDepth: 1e4,
      maxTotalExpansions: Infinity,
      maxExpandedLength: 1e5,
      maxEntityCount: 1e3,
      allowedTags: null,
      tagFilter: null,
      appliesTo: "all"
    };
  }
  if (typeof value === "object" && value !== null) {
    return {
      enabled: value.enabled !== false,
      maxEntitySize: Math.max(1, value.maxEntitySize ?? 1e4),
      maxExpansionDepth: Math.max(1, value.maxExpansionDepth ?? 1e4),
      maxTotalExpansions: Math.max(1, value.maxTotalExpansions ?? Infinity),
      maxExpandedLength: Math.max(1, value.maxExpandedLength ?? 1e5),
      maxEntityCount: Math.max(1, value.maxEntityCount ?? 1e3),
      allowedTags: value.allowedTags ?? null,
      tagFilter: value.tagFilter ?? null,
      appliesTo: value.appliesTo ?? "all"
    };
  }
  return normalizeProcessEntities(true);
}
var defaultOnDangerousProperty, defaultOptions2, buildOptions;
var init_OptionsBuilder = __esm({
  "node_modules/fast-xml-parser/src/xmlparser/OptionsBuilder.js"() {
    init_util();
    defaultOnDangerousProperty = (name) => {
      if (DANGEROUS_PROPERTY_NAMES.includes(name)) {
        return "__" + name;
      }
      return name;
    };
    defaultOptions2 = {
      preserveOrder: false,
      attributeNamePrefix: "@_",
      attributesGroupName: false,
      textNodeName: "#text",
      ignoreAttributes: true,
      removeNSPrefix: false,
      // remove NS from tag name or attribute name if true
      allowBooleanAttributes: false,
      //a tag can have attributes without any value
      //ignoreRootElement : false,
      parseTagValue: true,
      parseAttributeValue: false,
      trimValues: true,
      //Trim string values of tag and attributes
      cdataPropName: false,
      numberParseOptions: {
        hex: true,
        leadingZeros: true,
        eNotation: true,
        unicode: false
      },
      tagValueProcessor: function(tagName, val) {
        return val;
      },
      attributeValueProcessor: function(attrName, val) {
        return val;
      },
      stopNodes: [],
      //nested tags will not be parsed even for errors
      alwaysCreateTextNode: false,
      isArray: () => false,
      commentPropName: false,
      unpairedTags: [],
      processEntities: true,
      htmlEntities: false,
      entityDecoder: null,
      ignoreDeclaration: false,
      ignorePiTags: false,
      transformTagName: false,
      transformAttributeName: false,
      updateTag: function(tagName, jPath, attrs) {
        return tagName;
      },
      // skipEmptyListItem: false
      captureMetaData: false,
      maxNestedTags: 100,
      strictReservedNames: true,
      jPath: true,
      // if true, pass jPath string to callbacks; if false, pass matcher instance
      onDangerousProperty: defaultOnDangerousProperty
    };
    buildOptions = function(options) {
      const built = Object.assign({}, defaultOptions2, options);
      const propertyNameOptions = [
        { value: built.attributeNamePrefix, name: "attributeNamePrefix" },
        { value: built.attributesGroupName, name: "attributesGroupName" },
        { value: built.textNodeName, name: "textNodeName" },
        { value: built.cdataPropName, name: "cdataPropName" },
        { value: built.commentPropName, name: "commentPropName" }
      ];
      for (const { value, name } of propertyNameOptions) {
        if (value) {
          validatePropertyName(value, name);
        }
      }
      if (built.onDangerousProperty === null) {
        built.onDangerousProperty = defaultOnDangerousProperty;
      }
      built.processEntities = normalizeProcessEntities(built.processEntities, built.htmlEntities);
      built.unpairedTagsSet = new Set(built.unpairedTags);
      if (built.stopNodes && Array.isArray(built.stopNodes)) {
        built.stopNodes = built.stopNodes.map((node) => {
          if (typeof node === "string" && node.startsWith("*.")) {
            return ".." + node.substring(2);
          }
          return node;
        });
      }
      return built;
    };
  }
});

// node_modules/fast-xml-parser/src/xmlparser/xmlNode.js
var METADATA_SYMBOL, XmlNode;
var init_xmlNode = __esm({
  "node_modules/fast-xml-parser/src/xmlparser/xmlNode.js"() {
    "use strict";
    if (typeof Symbol !== "function") {
      METADATA_SYMBOL = "@@xmlMetadata";
    } else {
      METADATA_SYMBOL = /* @__PURE__ */ Symbol("XML Node Metadata");
    }
    XmlNode = class {
      constructor(tagname) {
        this.tagname = tagname;
        this.child = [];
        this[":@"] = /* @__PURE__ */ Object.create(null);
      }
      add(key, val) {
        if (key === "__proto__") key = "#__proto__";
        this.child.push({ [key]: val });
      }
      addChild(node, startIndex) {
        if (node.tagname === "__proto__") node.tagname = "#__proto__";
        if (node[":@"] && Object.keys(node[":@"]).length > 0) {
          this.child.push({ [node.tagname]: node.child, [":@"]: node[":@"] });
        } else {
          this.child.push({ [node.tagname]: node.child });
        }
        this.addStartIndex(startIndex);
      }
      addStartIndex(startIndex) {
        if (startIndex !== void 0) {
          this.child[this.child.length - 1][METADATA_SYMBOL] = { startIndex };
        }
      }
      addEndIndex(endIndex) {
        const lastChild = this.child[this.child.length - 1];
        if (lastChild !== void 0 && lastChild[METADATA_SYMBOL] !== void 0 && lastChild[METADATA_SYMBOL].endIndex === void 0) {
          lastChild[METADATA_SYMBOL].endIndex = endIndex;
        }
      }
      /** symbol used for metadata */
      static getMetaDataSymbol() {
        return METADATA_SYMBOL;
      }
    };
  }
});

// node_modules/xml-naming/src/index.js
var nameStartChar10, nameChar10, nameStartChar11, nameChar11, buildRegexes, regexes10, regexes11, nameStartCharAscii, nameCharAscii, regexesAscii, getRegexes, qName;
var init_src2 = __esm({
  "node_modules/xml-naming/src/index.js"() {
    nameStartChar10 = ":A-Za-z_À-ÖØ-öø-˿Ͱ-ͽͿ-҆҈-῿‌-‍⁰-↏Ⰰ-⿯、-퟿豈-﷏ﷰ-�";
    nameChar10 = nameStartChar10 + "\\-\\.\\d·̀-ͯ‿-⁀";
    nameStartChar11 = ":A-Za-z_À-˿Ͱ-ͽͿ-҆҈-῿‌-‍⁰-↏Ⰰ-⿯、-퟿豈-﷏ﷰ-�𐀀-󯿿";
    nameChar11 = nameStartChar11 + "\\-\\.\\d·̀-ͯ҇‿-⁀";
    buildRegexes = (startChar, char, flags = "") => {
      const ncStart = startChar.replace(":", "");
      const ncChar = char.replace(":", "");
      const ncNamePat = `[${ncStart}][${ncChar}]*`;
      return {
        name: new RegExp(`^[${startChar}][${char}]*$`, flags),
        ncName: new RegExp(`^${ncNamePat}$`, flags),
        qName: new RegExp(`^${ncNamePat}(?::${ncNamePat})?$`, flags),
        nmToken: new RegExp(`^[${char}]+$`, flags),
        nmTokens: new RegExp(`^[${char}]+(?:\\s+[${char}]+)*$`, flags)
      };
    };
    regexes10 = buildRegexes(nameStartChar10, nameChar10);
    regexes11 = buildRegexes(nameStartChar11, nameChar11, "u");
    nameStartCharAscii = ":A-Za-z_";
    nameCharAscii = nameStartCharAscii + "\\-\\.\\d";
    regexesAscii = buildRegexes(nameStartCharAscii, nameCharAscii);
    getRegexes = (xmlVersion = "1.0", asciiOnly = false) => {
      if (asciiOnly) return regexesAscii;
      return xmlVersion === "1.1" ? regexes11 : regexes10;
    };
    qName = (str3, { xmlVersion = "1.0", asciiOnly = false } = {}) => getRegexes(xmlVersion, asciiOnly).qName.test(str3);
  }
});

// node_modules/fast-xml-parser/src/xmlparser/DocTypeReader.js
function hasSeq(data, seq, i) {
  for (let j = 0; j < seq.length; j++) {
    if (seq[j] !== data[i + j + 1]) return false;
  }
  return true;
}
function validateEntityName2(name, xmlVersion) {
  if (qName(name, { xmlVersion }))
    return name;
  else
    throw new Error(`Invalid entity name ${name}`);
}
var DocTypeReader, skipWhitespace;
var init_DocTypeReader = __esm({
  "node_modules/fast-xml-parser/src/xmlparser/DocTypeReader.js"() {
    init_src2();
    DocTypeReader = class {
      constructor(options, xmlVersion) {
        this.suppressValidationErr = !options;
        this.options = options;
        this.xmlVersion = xmlVersion || 1;
      }
      setXmlVersion(xmlVersion = 1) {
        this.xmlVersion = xmlVersion;
      }
      readDocType(xmlData, i) {
        const entities = /* @__PURE__ */ Object.create(null);
        let entityCount = 0;
        if (xmlData[i + 3] === "O" && xmlData[i + 4] === "C" && xmlData[i + 5] === "T" && xmlData[i + 6] === "Y" && xmlData[i + 7] === "P" && xmlData[i + 8] === "E") {
          i = i + 9;
          let angleBracketsCount = 1;
          let hasBody = false, comment = false;
          let quoteChar = null;
          let exp = "";
          for (; i < xmlData.length; i++) {
            if (quoteChar !== null) {
              if (xmlData[i] === quoteChar) quoteChar = null;
              exp += xmlData[i];
              continue;
            }
            if (!hasBody && !comment && (xmlData[i] === '"' || xmlData[i] === "'")) {
              quoteChar = xmlData[i];
              exp += xmlData[i];
              continue;
            }
            if (xmlData[i] === "<" && !comment) {
              if (hasBody && hasSeq(xmlData, "!ENTITY", i)) {
                i += 7;
                let entityName, val;
                [entityName, val, i] = this.readEntityExp(xmlData, i + 1, this.suppressValidationErr);
                if (val.indexOf("&") === -1) {
                  if (this.options.enabled !== false && this.options.maxEntityCount != null && entityCount >= this.options.maxEntityCount) {
                    throw new Error(
                      `Entity count (${entityCount + 1}) exceeds maximum allowed (${this.options.maxEntityCount})`
                    );
                  }
                  entities[entityName] = val;
                  entityCount++;
                }
              } else if (hasBody && hasSeq(xmlData, "!ELEMENT", i)) {
                i += 8;
                const { index } = this.readElementExp(xmlData, i + 1);
                i = index;
              } else if (hasBody && hasSeq(xmlData, "!ATTLIST", i)) {
                i += 8;
              } else if (hasBody && hasSeq(xmlData, "!NOTATION", i)) {
                i += 9;
                const { index } = this.readNotationExp(xmlData, i + 1, this.suppressValidationErr);
                i = index;
              } else if (hasSeq(xmlData, "!--", i)) comment = true;
              else throw new Error(`Invalid DOCTYPE`);
              angleBracketsCount++;
              exp = "";
            } else if (xmlData[i] === ">") {
              if (comment) {
                if (xmlData[i - 1] === "-" && xmlData[i - 2] === "-") {
                  comment = false;
                  angleBracketsCount--;
                }
              } else {
                angleBracketsCount--;
              }
              if (angleBracketsCount === 0) {
                break;
              }
            } else if (xmlData[i] === "[") {
              hasBody = true;
            } else {
              exp += xmlData[i];
            }
          }
          if (quoteChar !== null || angleBracketsCount !== 0) {
            throw new Error(`Unclosed DOCTYPE`);
          }
        } else {
          throw new Error(`Invalid Tag instead of DOCTYPE`);
        }
        return { entities, i };
      }
      readEntityExp(xmlData, i) {
        i = skipWhitespace(xmlData, i);
        const startIndex = i;
        while (i < xmlData.length && !/\s/.test(xmlData[i]) && xmlData[i] !== '"' && xmlData[i] !== "'") {
          i++;
        }
        let entityName = xmlData.substring(startIndex, i);
        validateEntityName2(entityName, { xmlVersion: this.xmlVersion });
        i = skipWhitespace(xmlData, i);
        if (!this.suppressValidationErr) {
          if (xmlData.substring(i, i + 6).toUpperCase() === "SYSTEM") {
            throw new Error("External entities are not supported");
          } else if (xmlData[i] === "%") {
            throw new Error("Parameter entities are not supported");
          }
        }
        let entityValue = "";
        [i, entityValue] = this.readIdentifierVal(xmlData, i, "entity");
        if (this.options.enabled !== false && this.options.maxEntitySize != null && entityValue.length > this.options.maxEntitySize) {
          throw new Error(
            `Entity "${entityName}" size (${entityValue.length}) exceeds maximum allowed size (${this.options.maxEntitySize})`
          );
        }
        i--;
        return [entityName, entityValue, i];
      }
      readNotationExp(xmlData, i) {
        i = skipWhitespace(xmlData, i);
        const startIndex = i;
        while (i < xmlData.length && !/\s/.test(xmlData[i])) {
          i++;
        }
        let notationName = xmlData.substring(startIndex, i);
        !this.suppressValidationErr && validateEntityName2(notationName, { xmlVersion: this.xmlVersion });
        i = skipWhitespace(xmlData, i);
        const identifierType = xmlData.substring(i, i + 6).toUpperCase();
        if (!this.suppressValidationErr && identifierType !== "SYSTEM" && identifierType !== "PUBLIC") {
          throw new Error(`Expected SYSTEM or PUBLIC, found "${identifierType}"`);
        }
        i += identifierType.length;
        i = skipWhitespace(xmlData, i);
        let publicIdentifier = null;
        let systemIdentifier = null;
        if (identifierType === "PUBLIC") {
          [i, publicIdentifier] = this.readIdentifierVal(xmlData, i, "publicIdentifier");
          i = skipWhitespace(xmlData, i);
          if (xmlData[i] === '"' || xmlData[i] === "'") {
            [i, systemIdentifier] = this.readIdentifierVal(xmlData, i, "systemIdentifier");
          }
        } else if (identifierType === "SYSTEM") {
          [i, systemIdentifier] = this.readIdentifierVal(xmlData, i, "systemIdentifier");
          if (!this.suppressValidationErr && !systemIdentifier) {
            throw new Error("Missing mandatory system identifier for SYSTEM notation");
          }
        }
        return { notationName, publicIdentifier, systemIdentifier, index: --i };
      }
      readIdentifierVal(xmlData, i, type) {
        let identifierVal = "";
        const startChar = xmlData[i];
        if (startChar !== '"' && startChar !== "'") {
          throw new Error(`Expected quoted string, found "${startChar}"`);
        }
        i++;
        const startIndex = i;
        while (i < xmlData.length && xmlData[i] !== startChar) {
          i++;
        }
        identifierVal = xmlData.substring(startIndex, i);
        if (xmlData[i] !== startChar) {
          throw new Error(`Unterminated ${type} value`);
        }
        i++;
        return [i, identifierVal];
      }
      readElementExp(xmlData, i) {
        i = skipWhitespace(xmlData, i);
        const startIndex = i;
        while (i < xmlData.length && !/\s/.test(xmlData[i])) {
          i++;
        }
        let elementName = xmlData.substring(startIndex, i);
        if (!this.suppressValidationErr && !qName(elementName, { xmlVersion: this.xmlVersion })) {
          throw new Error(`Invalid element name: "${elementName}"`);
        }
        i = skipWhitespace(xmlData, i);
        let contentModel = "";
        if (xmlData[i] === "E" && hasSeq(xmlData, "MPTY", i)) i += 4;
        else if (xmlData[i] === "A" && hasSeq(xmlData, "NY", i)) i += 2;
        else if (xmlData[i] === "(") {
          i++;
          const startIndex2 = i;
          while (i < xmlData.length && xmlData[i] !== ")") {
            i++;
          }
          contentModel = xmlData.substring(startIndex2, i);
          if (xmlData[i] !== ")") {
            throw new Error("Unterminated content model");
          }
        } else if (!this.suppressValidationErr) {
          throw new Error(`Invalid Element Expression, found "${xmlData[i]}"`);
        }
        return {
          elementName,
          contentModel: contentModel.trim(),
          index: i
        };
      }
      readAttlistExp(xmlData, i) {
        i = skipWhitespace(xmlData, i);
        let startIndex = i;
        while (i < xmlData.length && !/\s/.test(xmlData[i])) {
          i++;
        }
        let elementName = xmlData.substring(startIndex, i);
        validateEntityName2(elementName, { xmlVersion: this.xmlVersion });
        i = skipWhitespace(xmlData, i);
        startIndex = i;
        while (i < xmlData.length && !/\s/.test(xmlData[i])) {
          i++;
        }
        let attributeName = xmlData.substring(startIndex, i);
        if (!validateEntityName2(attributeName, { xmlVersion: this.xmlVersion })) {
          throw new Error(`Invalid attribute name: "${attributeName}"`);
        }
        i = skipWhitespace(xmlData, i);
        let attributeType = "";
        if (xmlData.substring(i, i + 8).toUpperCase() === "NOTATION") {
          attributeType = "NOTATION";
          i += 8;
          i = skipWhitespace(xmlData, i);
          if (xmlData[i] !== "(") {
            throw new Error(`Expected '(', found "${xmlData[i]}"`);
          }
          i++;
          let allowedNotations = [];
          while (i < xmlData.length && xmlData[i] !== ")") {
            const startIndex2 = i;
            while (i < xmlData.length && xmlData[i] !== "|" && xmlData[i] !== ")") {
              i++;
            }
            let notation = xmlData.substring(startIndex2, i);
            notation = notation.trim();
            if (!validateEntityName2(notation, { xmlVersion: this.xmlVersion })) {
              throw new Error(`Invalid notation name: "${notation}"`);
            }
            allowedNotations.push(notation);
            if (xmlData[i] === "|") {
              i++;
              i = skipWhitespace(xmlData, i);
            }
          }
          if (xmlData[i] !== ")") {
            throw new Error("Unterminated list of notations");
          }
          i++;
          attributeType += " (" + allowedNotations.join("|") + ")";
        } else {
          const startIndex2 = i;
          while (i < xmlData.length && !/\s/.test(xmlData[i])) {
            i++;
          }
          attributeType += xmlData.substring(startIndex2, i);
          const validTypes = ["CDATA", "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES", "NMTOKEN", "NMTOKENS"];
          if (!this.suppressValidationErr && !validTypes.includes(attributeType.toUpperCase())) {
            throw new Error(`Invalid attribute type: "${attributeType}"`);
          }
        }
        i = skipWhitespace(xmlData, i);
        let defaultValue = "";
        if (xmlData.substring(i, i + 8).toUpperCase() === "#REQUIRED") {
          defaultValue = "#REQUIRED";
          i += 8;
        } else if (xmlData.substring(i, i + 7).toUpperCase() === "#IMPLIED") {
          defaultValue = "#IMPLIED";
          i += 7;
        } else {
          [i, defaultValue] = this.readIdentifierVal(xmlData, i, "ATTLIST");
        }
        return {
          elementName,
          attributeName,
          attributeType,
          defaultValue,
          index: i
        };
      }
    };
    skipWhitespace = (data, index) => {
      while (index < data.length && /\s/.test(data[index])) {
        index++;
      }
      return index;
    };
  }
});

// node_modules/anynum/digitTable.js
var SCRIPT_ZEROS, NOT_DIGIT, HIGH_MAP, LOW_MAX, LOW_MIN, TABLE_OFFSET, TABLE_SIZE, TABLE;
var init_digitTable = __esm({
  "node_modules/anynum/digitTable.js"() {
    SCRIPT_ZEROS = [
      // Basic Latin (ASCII) — included for completeness / pass-through
      48,
      // 0-9
      // Arabic scripts
      1632,
      // Arabic-Indic ٠١٢٣٤٥٦٧٨٩
      1776,
      // Extended Arabic-Indic (Urdu/Persian/Sindhi) ۰۱۲۳
      // Indic scripts
      2406,
      // Devanagari ०१२३४५६७८९
      2534,
      // Bengali ০১২৩৪৫৬৭৮৯
      2662,
      // Gurmukhi ੦੧੨੩੪੫੬੭੮੯
      2790,
      // Gujarati ૦૧૨૩૪૫૬૭૮૯
      2918,
      // Odia ୦୧୨୩୪୫୬୭୮୯
      3046,
      // Tamil ௦௧௨௩௪௫௬௭௮௯
      3174,
      // Telugu ౦౧౨౩౪౫౬౭౮౯
      3302,
      // Kannada ೦೧೨೩೪೫೬೭೮೯
      3430,
      // Malayalam ൦൧൨൩൪൫൬൭൮൯
      3558,
      // Sinhala Archaic ෦෧෨෩෪෫෬෭෮෯
      // Southeast Asian scripts
      3664,
      // Thai ๐๑๒๓๔๕๖๗๘๙
      3792,
      // Lao ໐໑໒໓໔໕໖໗໘໙
      3872,
      // Tibetan ༠༡༢༣༤༥༦༧༨༩
      4160,
      // Myanmar ၀၁၂၃၄၅၆၇၈၉
      4240,
      // Myanmar Shan ႐႑႒႓႔႕႖႗႘႙
      6112,
      // Khmer ០១២៣៤៥៦៧៨៩
      6160,
      // Mongolian ᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙
      6470,
      // Limbu ᥆᥇᥈᥉᥊᥋᥌᥍᥎᥏
      6608,
      // New Tai Lue ᧐᧑᧒᧓᧔᧕᧖᧗᧘᧙
      6784,
      // Tai Tham Hora ᪀᪁᪂᪃᪄᪅᪆᪇᪈᪉
      6800,
      // Tai Tham Tham ᪐᪑᪒᪓᪔᪕᪖᪗᪘᪙
      6992,
      // Balinese ᭐᭑᭒᭓᭔᭕᭖᭗᭘᭙
      7088,
      // Sundanese ᮰᮱᮲᮳᮴᮵᮶᮷᮸᮹
      7232,
      // Lepcha ᱀᱁᱂᱃᱄᱅᱆᱇᱈᱉
      7248,
      // Ol Chiki ᱐᱑᱒᱓᱔᱕᱖᱗᱘᱙
      // Fullwidth (CJK context)
      65296,
      // Fullwidth ０１２３４５６７８９
      // Mathematical digit variants (Unicode math block)
      120782,
      // Mathematical Bold
      120792,
      // Mathematical Double-Struck
      120802,
      // Mathematical Sans-Serif
      120812,
      // Mathematical Sans-Serif Bold
      120822,
      // Mathematical Monospace
      // Other scripts
      66720,
      // Osmanya 𐒠𐒡𐒢𐒣𐒤𐒥𐒦𐒧𐒨𐒩
      68912,
      // Hanifi Rohingya 𐴰𐴱𐴲𐴳𐴴𐴵𐴶𐴷𐴸𐴹
      69734,
      // Brahmi 𑁦𑁧𑁨𑁩𑁪𑁫𑁬𑁭𑁮𑁯
      69872,
      // Sora Sompeng 𑃰𑃱𑃲𑃳𑃴𑃵𑃶𑃷𑃸𑃹
      69942,
      // Chakma 𑄶𑄷𑄸𑄹𑄺𑄻𑄼𑄽𑄾𑄿
      70096,
      // Sharada 𑇐𑇑𑇒𑇓𑇔𑇕𑇖𑇗𑇘𑇙
      70384,
      // Khudawadi 𑋰𑋱𑋲𑋳𑋴𑋵𑋶𑋷𑋸𑋹
      70736,
      // Newa 𑑐𑑑𑑒𑑓𑑔𑑕𑑖𑑗𑑘𑑙
      70864,
      // Tirhuta 𑓐𑓑𑓒𑓓𑓔𑓕𑓖𑓗𑓘𑓙
      71248,
      // Modi 𑙐𑙑𑙒𑙓𑙔𑙕𑙖𑙗𑙘𑙙
      71360,
      // Takri 𑛀𑛁𑛂𑛃𑛄𑛅𑛆𑛇𑛈𑛉
      71472,
      // Ahom 𑜰𑜱𑜲𑜳𑜴𑜵𑜶𑜷𑜸𑜹
      71904,
      // Warang Citi 𑣠𑣡𑣢𑣣𑣤𑣥𑣦𑣧𑣨𑣩
      72016,
      // Dives Akuru 𑥐𑥑𑥒𑥓𑥔𑥕𑥖𑥗𑥘𑥙
      72688,
      // Khitan Small Script 𑯰𑯱𑯲𑯳𑯴𑯵𑯶𑯷𑯸𑯹
      72784,
      // Bhaiksuki 𑱐𑱑𑱒𑱓𑱔𑱕𑱖𑱗𑱘𑱙
      73040,
      // Masaram Gondi 𑵐𑵑𑵒𑵓𑵔𑵕𑵖𑵗𑵘𑵙
      73120,
      // Gunjala Gondi 𑶠𑶡𑶢𑶣𑶤𑶥𑶦𑶧𑶨𑶩
      73552,
      // Kawi 𑽐𑽑𑽒𑽓𑽔𑽕𑽖𑽗𑽘𑽙
      92768,
      // Mro 𖩠𖩡𖩢𖩣𖩤𖩥𖩦𖩧𖩨𖩩
      92864,
      // Tangsa 𖫀𖫁𖫂𖫃𖫄𖫅𖫆𖫇𖫈𖫉
      93008,
      // Pahawh Hmong 𖭐𖭑𖭒𖭓𖭔𖭕𖭖𖭗𖭘𖭙
      123200,
      // Nyiakeng Puachue Hmong 𞅀𞅁𞅂𞅃𞅄𞅅𞅆𞅇𞅈𞅉
      123632,
      // Wancho 𞋰𞋱𞋲𞋳𞋴𞋵𞋶𞋷𞋸𞋹
      124144,
      // Nag Mundari 𞓰𞓱𞓲𞓳𞓴𞓵𞓶𞓷𞓸𞓹
      125264,
      // Adlam 𞥐𞥑𞥒𞥓𞥔𞥕𞥖𞥗𞥘𞥙
      130032
      // Segmented digit symbols 🯰🯱🯲🯳🯴🯵🯶🯷🯸🯹
    ];
    NOT_DIGIT = 255;
    HIGH_MAP = /* @__PURE__ */ new Map();
    LOW_MAX = 65535;
    LOW_MIN = 1632;
    TABLE_OFFSET = LOW_MIN;
    TABLE_SIZE = LOW_MAX - LOW_MIN + 1;
    TABLE = new Uint8Array(TABLE_SIZE).fill(NOT_DIGIT);
    for (const zero of SCRIPT_ZEROS) {
      for (let d = 0; d < 10; d++) {
        const cp = zero + d;
        if (cp <= LOW_MAX) {
          TABLE[cp - TABLE_OFFSET] = d;
        } else {
          HIGH_MAP.set(cp, d);
        }
      }
    }
  }
});

// node_modules/anynum/anynum.js
function anynum(str3) {
  if (typeof str3 !== "string") return str3;
  const len = str3.length;
  if (len === 0) return str3;
  let firstHit = -1;
  for (let i = 0; i < len; i++) {
    const cc = str3.charCodeAt(i);
    if (cc >= CHAR_0 && cc <= CHAR_9 || cc === CHAR_MINUS) continue;
    if (cc < TABLE_OFFSET) {
      if (MINUS_SET.has(cc)) {
        firstHit = i;
        break;
      }
      continue;
    }
    if (cc >= 55296 && cc <= 56319) {
      if (i + 1 < len) {
        const low = str3.charCodeAt(i + 1);
        if (low >= 56320 && low <= 57343) {
          const cp = 65536 + (cc - 55296 << 10) + (low - 56320);
          if (HIGH_MAP.has(cp)) {
            firstHit = i;
            break;
          }
        }
      }
      continue;
    }
    if (TABLE[cc - TABLE_OFFSET] !== NOT_DIGIT || MINUS_SET.has(cc)) {
      firstHit = i;
      break;
    }
  }
  if (firstHit === -1) return str3;
  const chars = [];
  if (firstHit > 0) chars.push(str3.slice(0, firstHit));
  for (let i = firstHit; i < len; i++) {
    const cc = str3.charCodeAt(i);
    if (cc >= CHAR_0 && cc <= CHAR_9 || cc === CHAR_MINUS) {
      chars.push(str3[i]);
      continue;
    }
    if (cc < TABLE_OFFSET) {
      chars.push(MINUS_SET.has(cc) ? "-" : str3[i]);
      continue;
    }
    if (cc >= 55296 && cc <= 56319) {
      if (i + 1 < len) {
        const low = str3.charCodeAt(i + 1);
        if (low >= 56320 && low <= 57343) {
          const cp = 65536 + (cc - 55296 << 10) + (low - 56320);
          const d2 = HIGH_MAP.get(cp);
          if (d2 !== void 0) {
            chars.push(String.fromCharCode(d2 + 48));
            i++;
            continue;
          }
        }
      }
      chars.push(str3[i]);
      continue;
    }
    if (MINUS_SET.has(cc)) {
      chars.push("-");
      continue;
    }
    const d = TABLE[cc - TABLE_OFFSET];
    chars.push(d !== NOT_DIGIT ? String.fromCharCode(d + 48) : str3[i]);
  }
  return chars.join("");
}
var CHAR_0, CHAR_9, CHAR_MINUS, MINUS_SET, anynum_default;
var init_anynum = __esm({
  "node_modules/anynum/anynum.js"() {
    "use strict";
    init_digitTable();
    CHAR_0 = 48;
    CHAR_9 = 57;
    CHAR_MINUS = 45;
    MINUS_SET = /* @__PURE__ */ new Set([8722, 65293, 65123]);
    anynum_default = anynum;
  }
});

// node_modules/strnum/strnum.js
function toNumber(str3, options = {}) {
  options = Object.assign({}, consider, options);
  if (!str3 || typeof str3 !== "string") return str3;
  let trimmedStr = str3.trim();
  if (trimmedStr.length === 0) return str3;
  else if (options.skipLike !== void 0 && options.skipLike.test(trimmedStr)) return str3;
  else if (trimmedStr === "0") return 0;
  if (options.unicode) {
    trimmedStr = anynum_default(trimmedStr);
    if (trimmedStr === "0") return 0;
  }
  if (options.hex && hexRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 16);
  } else if (options.binary && binRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 2);
  } else if (options.octal && octRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 8);
  } else if (!isFinite(trimmedStr)) {
    const num = Number(trimmedStr);
    if (Number.isNaN(num)) return str3;
    return handleInfinity(str3, num, options);
  } else if (trimmedStr.includes("e") || trimmedStr.includes("E")) {
    return resolveEnotation(str3, trimmedStr, options);
  } else {
    const match = numRegex.exec(trimmedStr);
    if (match) {
      const sign = match[1] || "";
      const leadingZeros = match[2];
      let numTrimmedByZeros = trimZeros(match[3]);
      const decimalAdjacentToLeadingZeros = sign ? (
        // 0., -00., 000.
        trimmedStr[leadingZeros.length + 1] === "."
      ) : trimmedStr[leadingZeros.length] === ".";
      if (!options.leadingZeros && (leadingZeros.length > 1 || leadingZeros.length === 1 && !decimalAdjacentToLeadingZeros)) {
        return str3;
      } else {
        const num = Number(trimmedStr);
        const parsedStr = String(num);
        if (num === 0) return num;
        if (parsedStr.search(/[eE]/) !== -1) {
          if (options.eNotation) return num;
          else return str3;
        } else if (trimmedStr.indexOf(".") !== -1) {
          if (parsedStr === "0") return num;
          else if (parsedStr === numTrimmedByZeros) return num;
          else if (parsedStr === `${sign}${numTrimmedByZeros}`) return num;
          else return str3;
        }
        let n = leadingZeros ? numTrimmedByZeros : trimmedStr;
        if (leadingZeros) {
          return n === parsedStr || sign + n === parsedStr ? num : str3;
        } else {
          return n === parsedStr || n === sign + parsedStr ? num : str3;
        }
      }
    } else {
      return str3;
    }
  }
}
function resolveEnotation(str3, trimmedStr, options) {
  if (!options.eNotation) return str3;
  const notation = trimmedStr.match(eNotationRegx);
  if (notation) {
    let sign = notation[1] || "";
    const eChar = notation[3].indexOf("e") === -1 ? "E" : "e";
    const leadingZeros = notation[2];
    const eAdjacentToLeadingZeros = sign ? (
      // 0E.
      trimmedStr[leadingZeros.length + 1] === eChar
    ) : trimmedStr[leadingZeros.length] === eChar;
    if (leadingZeros.length > 1 && eAdjacentToLeadingZeros) return str3;
    else if (leadingZeros.length === 1 && (notation[3].startsWith(`.${eChar}`) || notation[3][0] === eChar)) {
      return Number(trimmedStr);
    } else if (leadingZeros.length > 0) {
      if (options.leadingZeros && !eAdjacentToLeadingZeros) {
        return Number(trimmedStr);
      } else return str3;
    } else {
      return Number(trimmedStr);
    }
  } else {
    return str3;
  }
}
function trimZeros(numStr) {
  if (numStr && numStr.indexOf(".") !== -1) {
    let end = numStr.length;
    while (end > 0 && numStr.charCodeAt(end - 1) === 48) end--;
    numStr = numStr.slice(0, end);
    if (numStr === ".") numStr = "0";
    else if (numStr[0] === ".") numStr = "0" + numStr;
    else if (numStr[numStr.length - 1] === ".") numStr = numStr.substring(0, numStr.length - 1);
    return numStr;
  }
  return numStr;
}
function parse_int(numStr, base) {
  const str3 = numStr.trim();
  if (base === 2 || base === 8) numStr = str3.substring(2);
  if (parseInt) return parseInt(numStr, base);
  else if (Number.parseInt) return Number.parseInt(numStr, base);
  else if (window && window.parseInt) return window.parseInt(numStr, base);
  else throw new Error("parseInt, Number.parseInt, window.parseInt are not supported");
}
function handleInfinity(str3, num, options) {
  const isPositive = num === Infinity;
  switch (options.infinity.toLowerCase()) {
    case "null":
      return null;
    case "infinity":
      return num;
    // Return Infinity or -Infinity
    case "string":
      return isPositive ? "Infinity" : "-Infinity";
    case "original":
    default:
      return str3;
  }
}
var hexRegex, binRegex, octRegex, numRegex, consider, eNotationRegx;
var init_strnum = __esm({
  "node_modules/strnum/strnum.js"() {
    init_anynum();
    hexRegex = /^[-+]?0x[a-fA-F0-9]+$/;
    binRegex = /^0b[01]+$/;
    octRegex = /^0o[0-7]+$/;
    numRegex = /^([\-\+])?(0*)([0-9]*(\.[0-9]*)?)$/;
    consider = {
      hex: true,
      binary: false,
      octal: false,
      leadingZeros: true,
      decimalPoint: ".",
      eNotation: true,
      //skipLike: /regex/,
      infinity: "original",
      // "null", "infinity" (Infinity type), "string" ("Infinity" (the string literal))
      unicode: false
    };
    eNotationRegx = /^([-+])?(0*)(\d*(\.\d*)?[eE][-\+]?\d+)$/;
  }
});

// node_modules/fast-xml-parser/src/ignoreAttributes.js
function getIgnoreAttributesFn(ignoreAttributes) {
  if (typeof ignoreAttributes === "function") {
    return ignoreAttributes;
  }
  if (Array.isArray(ignoreAttributes)) {
    return (attrName) => {
      for (const pattern of ignoreAttributes) {
        if (typeof pattern === "string" && attrName === pattern) {
          return true;
        }
        if (pattern instanceof RegExp && pattern.test(attrName)) {
          return true;
        }
      }
    };
  }
  return () => false;
}
var init_ignoreAttributes = __esm({
  "node_modules/fast-xml-parser/src/ignoreAttributes.js"() {
  }
});

// node_modules/path-expression-matcher/src/Expression.js
var Expression;
var init_Expression = __esm({
  "node_modules/path-expression-matcher/src/Expression.js"() {
    Expression = class {
      /**
       * Create a new Expression
       * @param {string} pattern - Pattern string (e.g., "root.users.user", "..user[id]")
       * @param {Object} options - Configuration options
       * @param {string} options.separator - Path separator (default: '.')
       */
      constructor(pattern, options = {}, data) {
        this.pattern = pattern;
        this.separator = options.separator || ".";
        this.segments = this._parse(pattern);
        this.data = data;
        this._hasDeepWildcard = this.segments.some((seg) => seg.type === "deep-wildcard");
        this._hasAttributeCondition = this.segments.some((seg) => seg.attrName !== void 0);
        this._hasPositionSelector = this.segments.some((seg) => seg.position !== void 0);
      }
      /**
       * Parse pattern string into segments
       * @private
       * @param {string} pattern - Pattern to parse
       * @returns {Array} Array of segment objects
       */
      _parse(pattern) {
        const segments = [];
        let i = 0;
        let currentPart = "";
        while (i < pattern.length) {
          if (pattern[i] === this.separator) {
            if (i + 1 < pattern.length && pattern[i + 1] === this.separator) {
              if (currentPart.trim()) {
                segments.push(this._parseSegment(currentPart.trim()));
                currentPart = "";
              }
              segments.push({ type: "deep-wildcard" });
              i += 2;
            } else {
              if (currentPart.trim()) {
                segments.push(this._parseSegment(currentPart.trim()));
              }
              currentPart = "";
              i++;
            }
          } else {
            currentPart += pattern[i];
            i++;
          }
        }
        if (currentPart.trim()) {
          segments.push(this._parseSegment(currentPart.trim()));
        }
        return segments;
      }
      /**
       * Parse a single segment
       * @private
       * @param {string} part - Segment string (e.g., "user", "ns::user", "user[id]", "ns::user:first")
       * @returns {Object} Segment object
       */
      _parseSegment(part) {
        const segment = { type: "tag" };
        let bracketContent = null;
        let withoutBrackets = part;
        const bracketMatch = part.match(/^([^\[]+)(\[[^\]]*\])(.*)$/);
        if (bracketMatch) {
          withoutBrackets = bracketMatch[1] + bracketMatch[3];
          if (bracketMatch[2]) {
            const content = bracketMatch[2].slice(1, -1);
            if (content) {
              bracketContent = content;
            }
          }
        }
        let namespace = void 0;
        let tagAndPosition = withoutBrackets;
        if (withoutBrackets.includes("::")) {
          const nsIndex = withoutBrackets.indexOf("::");
          namespace = withoutBrackets.substring(0, nsIndex).trim();
          tagAndPosition = withoutBrackets.substring(nsIndex + 2).trim();
          if (!namespace) {
            throw new Error(`Invalid namespace in pattern: ${part}`);
          }
        }
        let tag = void 0;
        let positionMatch = null;
        if (tagAndPosition.includes(":")) {
          const colonIndex = tagAndPosition.lastIndexOf(":");
          const tagPart = tagAndPosition.substring(0, colonIndex).trim();
          const posPart = tagAndPosition.substring(colonIndex + 1).trim();
          const isPositionKeyword = ["first", "last", "odd", "even"].includes(posPart) || /^nth\(\d+\)$/.test(posPart);
          if (isPositionKeyword) {
            tag = tagPart;
            positionMatch = posPart;
          } else {
            tag = tagAndPosition;
          }
        } else {
          tag = tagAndPosition;
        }
        if (!tag) {
          throw new Error(`Invalid segment pattern: ${part}`);
        }
        segment.tag = tag;
        if (namespace) {
          segment.namespace = namespace;
        }
        if (bracketContent) {
          if (bracketContent.includes("=")) {
            const eqIndex = bracketContent.indexOf("=");
            segment.attrName = bracketContent.substring(0, eqIndex).trim();
            segment.attrValue = bracketContent.substring(eqIndex + 1).trim();
          } else {
            segment.attrName = bracketContent.trim();
          }
        }
        if (positionMatch) {
          const nthMatch = positionMatch.match(/^nth\((\d+)\)$/);
          if (nthMatch) {
            segment.position = "nth";
            segment.positionValue = parseInt(nthMatch[1], 10);
          } else {
            segment.position = positionMatch;
          }
        }
        return segment;
      }
      /**
       * Get the number of segments
       * @returns {number}
       */
      get length() {
        return this.segments.length;
      }
      /**
       * Check if expression contains deep wildcard
       * @returns {boolean}
       */
      hasDeepWildcard() {
        return this._hasDeepWildcard;
      }
      /**
       * Check if expression has attribute conditions
       * @returns {boolean}
       */
      hasAttributeCondition() {
        return this._hasAttributeCondition;
      }
      /**
       * Check if expression has position selectors
       * @returns {boolean}
       */
      hasPositionSelector() {
        return this._hasPositionSelector;
      }
      /**
       * Get string representation
       * @returns {string}
       */
      toString() {
        return this.pattern;
      }
    };
  }
});

// node_modules/path-expression-matcher/src/ExpressionSet.js
var ExpressionSet;
var init_ExpressionSet = __esm({
  "node_modules/path-expression-matcher/src/ExpressionSet.js"() {
    ExpressionSet = class {
      constructor() {
        this._byDepthAndTag = /* @__PURE__ */ new Map();
        this._wildcardByDepth = /* @__PURE__ */ new Map();
        this._deepWildcards = [];
        this._deepByTerminalTag = /* @__PURE__ */ new Map();
        this._patterns = /* @__PURE__ */ new Set();
        this._sealed = false;
      }
      /**
       * Add an Expression to the set.
       * Duplicate patterns (same pattern string) are silently ignored.
       *
       * @param {import('./Expression.js').default} expression - A pre-constructed Expression instance
       * @returns {this} for chaining
       * @throws {TypeError} if called after seal()
       *
       * @example
       * set.add(new Expression('root.users.user'));
       * set.add(new Expression('..script'));
       */
      add(expression) {
        if (this._sealed) {
          throw new TypeError(
            "ExpressionSet is sealed. Create a new ExpressionSet to add more expressions."
          );
        }
        if (this._patterns.has(expression.pattern)) return this;
        this._patterns.add(expression.pattern);
        if (expression.hasDeepWildcard()) {
          const lastSeg2 = expression.segments[expression.segments.length - 1];
          if (lastSeg2 && lastSeg2.type !== "deep-wildcard" && lastSeg2.tag !== "*") {
            const tag2 = lastSeg2.tag;
            if (!this._deepByTerminalTag.has(tag2)) this._deepByTerminalTag.set(tag2, []);
            this._deepByTerminalTag.get(tag2).push(expression);
          } else {
            this._deepWildcards.push(expression);
          }
          return this;
        }
        const depth = expression.length;
        const lastSeg = expression.segments[expression.segments.length - 1];
        const tag = lastSeg?.tag;
        if (!tag || tag === "*") {
          if (!this._wildcardByDepth.has(depth)) this._wildcardByDepth.set(depth, []);
          this._wildcardByDepth.get(depth).push(expression);
        } else {
          const key = `${depth}:${tag}`;
          if (!this._byDepthAndTag.has(key)) this._byDepthAndTag.set(key, []);
          this._byDepthAndTag.get(key).push(expression);
        }
        return this;
      }
      /**
       * Add multiple expressions at once.
       *
       * @param {import('./Expression.js').default[]} expressions - Array of Expression instances
       * @returns {this} for chaining
       *
       * @example
       * set.addAll([
       *   new Expression('root.users.user'),
       *   new Expression('root.config.setting'),
       * ]);
       */
      addAll(expressions) {
        for (const expr of expressions) this.add(expr);
        return this;
      }
      /**
       * Check whether a pattern string is already present in the set.
       *
       * @param {import('./Expression.js').default} expression
       * @returns {boolean}
       */
      has(expression) {
        return this._patterns.has(expression.pattern);
      }
      /**
       * Number of expressions in the set.
       * @type {number}
       */
      get size() {
        return this._patterns.size;
      }
      /**
       * Seal the set against further modifications.
       * Useful to prevent accidental mutations after config is built.
       * Calling add() or addAll() on a sealed set throws a TypeError.
       *
       * @returns {this}
       */
      seal() {
        this._sealed = true;
        return this;
      }
      /**
       * Whether the set has been sealed.
       * @type {boolean}
       */
      get isSealed() {
        return this._sealed;
      }
      /**
       * Test whether the matcher's current path matches any expression in the set.
       *
       * Evaluation order (cheapest → most expensive):
       *  1. Exact depth + tag bucket  — O(1) lookup, typically 0–2 expressions
       *  2. Depth-only wildcard bucket — O(1) lookup, rare
       *  3. Deep-wildcard list         — always checked, but usually small
       *
       * @param {import('./Matcher.js').default} matcher - Matcher instance (or readOnly view)
       * @returns {boolean} true if any expression matches the current path
       *
       * @example
       * if (stopNodes.matchesAny(matcher)) {
       *   // handle stop node
       * }
       */
      matchesAny(matcher) {
        return this.findMatch(matcher) !== null;
      }
      /**
      * Find and return the first Expression that matches the matcher's current path.
      *
      * Uses the same evaluation order as matchesAny (cheapest → most expensive):
      *  1. Exact depth + tag bucket
      *  2. Depth-only wildcard bucket
      *  3. Deep-wildcard list
      *
      * @param {import('./Matcher.js').default} matcher - Matcher instance (or readOnly view)
      * @returns {import('./Expression.js').default | null} the first matching Expression, or null
      *
      * @example
      * const expr = stopNodes.findMatch(matcher);
      * if (expr) {
      *   // access expr.config, expr.pattern, etc.
      * }
      */
      findMatch(matcher) {
        const depth = matcher.getDepth();
        const tag = matcher.getCurrentTag();
        const exactKey = `${depth}:${tag}`;
        const exactBucket = this._byDepthAndTag.get(exactKey);
        if (exactBucket) {
          for (let i = 0; i < exactBucket.length; i++) {
            if (matcher.matches(exactBucket[i])) return exactBucket[i];
          }
        }
        const wildcardBucket = this._wildcardByDepth.get(depth);
        if (wildcardBucket) {
          for (let i = 0; i < wildcardBucket.length; i++) {
            if (matcher.matches(wildcardBucket[i])) return wildcardBucket[i];
          }
        }
        const deepBucket = this._deepByTerminalTag.get(tag);
        if (deepBucket) {
          for (let i = 0; i < deepBucket.length; i++) {
            if (matcher.matches(deepBucket[i])) return deepBucket[i];
          }
        }
        for (let i = 0; i < this._deepWildcards.length; i++) {
          if (matcher.matches(this._deepWildcards[i])) return this._deepWildcards[i];
        }
        return null;
      }
    };
  }
});

// node_modules/path-expression-matcher/src/Matcher.js
var MatcherView, Matcher;
var init_Matcher = __esm({
  "node_modules/path-expression-matcher/src/Matcher.js"() {
    MatcherView = class {
      /**
       * @param {Matcher} matcher - The parent Matcher instance to read from.
       */
      constructor(matcher) {
        this._matcher = matcher;
      }
      /**
       * Get the path separator used by the parent matcher.
       * @returns {string}
       */
      get separator() {
        return this._matcher.separator;
      }
      /**
       * Get current tag name.
       * @returns {string|undefined}
       */
      getCurrentTag() {
        const path34 = this._matcher.path;
        return path34.length > 0 ? path34[path34.length - 1].tag : void 0;
      }
      /**
       * Get current namespace.
       * @returns {string|undefined}
       */
      getCurrentNamespace() {
        const path34 = this._matcher.path;
        return path34.length > 0 ? path34[path34.length - 1].namespace : void 0;
      }
      /**
       * Get current node's attribute value.
       * @param {string} attrName
       * @returns {*}
       */
      getAttrValue(attrName) {
        const path34 = this._matcher.path;
        if (path34.length === 0) return void 0;
        return path34[path34.length - 1].values?.[attrName];
      }
      /**
       * Check if current node has an attribute.
       * @param {string} attrName
       * @returns {boolean}
       */
      hasAttr(attrName) {
        const path34 = this._matcher.path;
        if (path34.length === 0) return false;
        const current = path34[path34.length - 1];
        return current.values !== void 0 && attrName in current.values;
      }
      /**
       * Get the value of a "kept" attribute from the nearest ancestor (or
       * current node) that declared it via `push(tag, attrs, ns, { keep: [...] })`.
       * @param {string} attrName
       * @returns {*}
       */
      getAnyParentAttr(attrName) {
        return this._matcher.getAnyParentAttr(attrName);
      }
      /**
       * Check whether any ancestor (or the current node) kept the given
       * attribute via `push(tag, attrs, ns, { keep: [...] })`.
       * @param {string} attrName
       * @returns {boolean}
       */
      hasAnyParentAttr(attrName) {
        return this._matcher.hasAnyParentAttr(attrName);
      }
      /**
       * Get current node's sibling position (child index in parent).
       * @returns {number}
       */
      getPosition() {
        const path34 = this._matcher.path;
        if (path34.length === 0) return -1;
        return path34[path34.length - 1].position ?? 0;
      }
      /**
       * Get current node's repeat counter (occurrence count of this tag name).
       * @returns {number}
       */
      getCounter() {
        const path34 = this._matcher.path;
        if (path34.length === 0) return -1;
        return path34[path34.length - 1].counter ?? 0;
      }
      /**
       * Get current node's sibling index (alias for getPosition).
       * @returns {number}
       * @deprecated Use getPosition() or getCounter() instead
       */
      getIndex() {
        return this.getPosition();
      }
      /**
       * Get current path depth.
       * @returns {number}
       */
      getDepth() {
        return this._matcher.path.length;
      }
      /**
       * Get path as string.
       * @param {string} [separator] - Optional separator (uses default if not provided)
       * @param {boolean} [includeNamespace=true]
       * @returns {string}
       */
      toString(separator, includeNamespace = true) {
        return this._matcher.toString(separator, includeNamespace);
      }
      /**
       * Get path as array of tag names.
       * @returns {string[]}
       */
      toArray() {
        return this._matcher.path.map((n) => n.tag);
      }
      /**
       * Match current path against an Expression.
       * @param {Expression} expression
       * @returns {boolean}
       */
      matches(expression) {
        return this._matcher.matches(expression);
      }
      /**
       * Match any expression in the given set against the current path.
       * @param {ExpressionSet} exprSet
       * @returns {boolean}
       */
      matchesAny(exprSet) {
        return exprSet.matchesAny(this._matcher);
      }
    };
    Matcher = class {
      /**
       * Create a new Matcher.
       * @param {Object} [options={}]
       * @param {string} [options.separator='.'] - Default path separator
       */
      constructor(options = {}) {
        this.separator = options.separator || ".";
        this.path = [];
        this.siblingStacks = [];
        this._pathStringCache = null;
        this._view = new MatcherView(this);
        this._keptAttrs = [];
      }
      /**
       * Push a new tag onto the path.
       * @param {string} tagName
       * @param {Object|null} [attrValues=null]
       * @param {string|null} [namespace=null]
       * @param {Object|null} [options=null]
       * @param {string[]} [options.keep] - Names of attributes (from attrValues)
       */
      push(tagName, attrValues = null, namespace = null, options = null) {
        this._pathStringCache = null;
        if (this.path.length > 0) {
          this.path[this.path.length - 1].values = void 0;
        }
        const currentLevel = this.path.length;
        let level = this.siblingStacks[currentLevel];
        if (!level) {
          level = { counts: /* @__PURE__ */ new Map(), total: 0 };
          this.siblingStacks[currentLevel] = level;
        }
        const siblingKey = namespace ? `${namespace}:${tagName}` : tagName;
        const counter = level.counts.get(siblingKey) || 0;
        const position = level.total;
        level.counts.set(siblingKey, counter + 1);
        level.total++;
        const node = {
          tag: tagName,
          position,
          counter
        };
        if (namespace !== null && namespace !== void 0) {
          node.namespace = namespace;
        }
        if (attrValues !== null && attrValues !== void 0) {
          node.values = attrValues;
        }
        this.path.push(node);
        const depth = this.path.length;
        const keep = options !== null ? options.keep : null;
        if (keep !== null && keep !== void 0 && keep.length > 0 && attrValues) {
          for (let i = 0; i < keep.length; i++) {
            const name = keep[i];
            if (attrValues[name] !== void 0) {
              this._keptAttrs.push({ depth, name, value: attrValues[name] });
            }
          }
        }
      }
      /**
       * Pop the last tag from the path.
       * @returns {Object|undefined} The popped node
       */
      pop() {
        if (this.path.length === 0) return void 0;
        this._pathStringCache = null;
        const node = this.path.pop();
        if (this.siblingStacks.length > this.path.length + 1) {
          this.siblingStacks.length = this.path.length + 1;
        }
        const poppedDepth = this.path.length + 1;
        while (this._keptAttrs.length > 0 && this._keptAttrs[this._keptAttrs.length - 1].depth >= poppedDepth) {
          this._keptAttrs.pop();
        }
        return node;
      }
      /**
       * Update current node's attribute values.
       * Useful when attributes are parsed after push.
       * @param {Object} attrValues
       */
      updateCurrent(attrValues) {
        if (this.path.length > 0) {
          const current = this.path[this.path.length - 1];
          if (attrValues !== null && attrValues !== void 0) {
            current.values = attrValues;
          }
        }
      }
      /**
       * Get current tag name.
       * @returns {string|undefined}
       */
      getCurrentTag() {
        return this.path.length > 0 ? this.path[this.path.length - 1].tag : void 0;
      }
      /**
       * Get current namespace.
       * @returns {string|undefined}
       */
      getCurrentNamespace() {
        return this.path.length > 0 ? this.path[this.path.length - 1].namespace : void 0;
      }
      /**
       * Get current node's attribute value.
       * @param {string} attrName
       * @returns {*}
       */
      getAttrValue(attrName) {
        if (this.path.length === 0) return void 0;
        return this.path[this.path.length - 1].values?.[attrName];
      }
      /**
       * Check if current node has an attribute.
       * @param {string} attrName
       * @returns {boolean}
       */
      hasAttr(attrName) {
        if (this.path.length === 0) return false;
        const current = this.path[this.path.length - 1];
        return current.values !== void 0 && attrName in current.values;
      }
      /**
       * Get the value of a "kept" attribute from the nearest ancestor (or
       * current node) that declared it via `push(tag, attrs, ns, { keep: [...] })`.
       * Unlike getAttrValue(), this works regardless of how deep the path has
       * gone since the attribute was pushed — but only for attribute names that
       * were explicitly marked with `keep` at push time. Cost is proportional to
       * the number of currently-kept attributes (typically 0-3), not path depth.
       * @param {string} attrName
       * @returns {*} the value, or undefined if no ancestor kept this attribute
       */
      getAnyParentAttr(attrName) {
        const kept = this._keptAttrs;
        for (let i = kept.length - 1; i >= 0; i--) {
          if (kept[i].name === attrName) return kept[i].value;
        }
        return void 0;
      }
      /**
       * Check whether any ancestor (or the current node) kept the given
       * attribute via `push(tag, attrs, ns, { keep: [...] })`.
       * @param {string} attrName
       * @returns {boolean}
       */
      hasAnyParentAttr(attrName) {
        const kept = this._keptAttrs;
        for (let i = kept.length - 1; i >= 0; i--) {
          if (kept[i].name === attrName) return true;
        }
        return false;
      }
      /**
       * Get current node's sibling position (child index in parent).
       * @returns {number}
       */
      getPosition() {
        if (this.path.length === 0) return -1;
        return this.path[this.path.length - 1].position ?? 0;
      }
      /**
       * Get current node's repeat counter (occurrence count of this tag name).
       * @returns {number}
       */
      getCounter() {
        if (this.path.length === 0) return -1;
        return this.path[this.path.length - 1].counter ?? 0;
      }
      /**
       * Get current node's sibling index (alias for getPosition).
       * @returns {number}
       * @deprecated Use getPosition() or getCounter() instead
       */
      getIndex() {
        return this.getPosition();
      }
      /**
       * Get current path depth.
       * @returns {number}
       */
      getDepth() {
        return this.path.length;
      }
      /**
       * Get path as string.
       * @param {string} [separator] - Optional separator (uses default if not provided)
       * @param {boolean} [includeNamespace=true]
       * @returns {string}
       */
      toString(separator, includeNamespace = true) {
        const sep3 = separator || this.separator;
        const isDefault = sep3 === this.separator && includeNamespace === true;
        if (isDefault) {
          if (this._pathStringCache !== null) {
            return this._pathStringCache;
          }
          const result = this.path.map(
            (n) => n.namespace ? `${n.namespace}:${n.tag}` : n.tag
          ).join(sep3);
          this._pathStringCache = result;
          return result;
        }
        return this.path.map(
          (n) => includeNamespace && n.namespace ? `${n.namespace}:${n.tag}` : n.tag
        ).join(sep3);
      }
      /**
       * Get path as array of tag names.
       * @returns {string[]}
       */
      toArray() {
        return this.path.map((n) => n.tag);
      }
      /**
       * Reset the path to empty.
       */
      reset() {
        this._pathStringCache = null;
        this.path = [];
        this.siblingStacks = [];
        this._keptAttrs = [];
      }
      /**
       * Match current path against an Expression.
       * @param {Expression} expression
       * @returns {boolean}
       */
      matches(expression) {
        const segments = expression.segments;
        if (segments.length === 0) {
          return false;
        }
        if (expression.hasDeepWildcard()) {
          return this._matchWithDeepWildcard(segments);
        }
        return this._matchSimple(segments);
      }
      /**
       * @private
       */
      _matchSimple(segments) {
        if (this.path.length !== segments.length) {
          return false;
        }
        for (let i = 0; i < segments.length; i++) {
          if (!this._matchSegment(segments[i], this.path[i], i === this.path.length - 1)) {
            return false;
          }
        }
        return true;
      }
      /**
       * @private
       */
      _matchWithDeepWildcard(segments) {
        let pathIdx = this.path.length - 1;
        let segIdx = segments.length - 1;
        while (segIdx >= 0 && pathIdx >= 0) {
          const segment = segments[segIdx];
          if (segment.type === "deep-wildcard") {
            segIdx--;
            if (segIdx < 0) {
              return true;
            }
            const nextSeg = segments[segIdx];
            let found = false;
            for (let i = pathIdx; i >= 0; i--) {
              if (this._matchSegment(nextSeg, this.path[i], i === this.path.length - 1)) {
                pathIdx = i - 1;
                segIdx--;
                found = true;
                break;
              }
            }
            if (!found) {
              return false;
            }
          } else {
            if (!this._matchSegment(segment, this.path[pathIdx], pathIdx === this.path.length - 1)) {
              return false;
            }
            pathIdx--;
            segIdx--;
          }
        }
        return segIdx < 0;
      }
      /**
       * @private
       */
      _matchSegment(segment, node, isCurrentNode) {
        if (segment.tag !== "*" && segment.tag !== node.tag) {
          return false;
        }
        if (segment.namespace !== void 0) {
          if (segment.namespace !== "*" && segment.namespace !== node.namespace) {
            return false;
          }
        }
        if (segment.attrName !== void 0) {
          if (!isCurrentNode) {
            return false;
          }
          if (!node.values || !(segment.attrName in node.values)) {
            return false;
          }
          if (segment.attrValue !== void 0) {
            if (String(node.values[segment.attrName]) !== String(segment.attrValue)) {
              return false;
            }
          }
        }
        if (segment.position !== void 0) {
          if (!isCurrentNode) {
            return false;
          }
          const counter = node.counter ?? 0;
          if (segment.position === "first" && counter !== 0) {
            return false;
          } else if (segment.position === "odd" && counter % 2 !== 1) {
            return false;
          } else if (segment.position === "even" && counter % 2 !== 0) {
            return false;
          } else if (segment.position === "nth" && counter !== segment.positionValue) {
            return false;
          }
        }
        return true;
      }
      /**
       * Match any expression in the given set against the current path.
       * @param {ExpressionSet} exprSet
       * @returns {boolean}
       */
      matchesAny(exprSet) {
        return exprSet.matchesAny(this);
      }
      /**
       * Create a snapshot of current state.
       * @returns {Object}
       */
      snapshot() {
        return {
          path: this.path.map((node) => ({ ...node })),
          siblingStacks: this.siblingStacks.map((level) => level ? { counts: new Map(level.counts), total: level.total } : level),
          keptAttrs: this._keptAttrs.map((entry) => ({ ...entry }))
        };
      }
      /**
       * Restore state from snapshot.
       * @param {Object} snapshot
       */
      restore(snapshot) {
        this._pathStringCache = null;
        this.path = snapshot.path.map((node) => ({ ...node }));
        this.siblingStacks = snapshot.siblingStacks.map((level) => level ? { counts: new Map(level.counts), total: level.total } : level);
        this._keptAttrs = (snapshot.keptAttrs || []).map((entry) => ({ ...entry }));
      }
      /**
       * Return the read-only {@link MatcherView} for this matcher.
       *
       * The same instance is returned on every call — no allocation occurs.
       * It always reflects the current parser state and is safe to pass to
       * user callbacks without risk of accidental mutation.
       *
       * @returns {MatcherView}
       *
       * @example
       * const view = matcher.readOnly();
       * // pass view to callbacks — it stays in sync automatically
       * view.matches(expr);       // ✓
       * view.getCurrentTag();     // ✓
       * // view.push(...)         // ✗ method does not exist — caught by TypeScript
       */
      readOnly() {
        return this._view;
      }
    };
  }
});

// node_modules/path-expression-matcher/src/index.js
var init_src3 = __esm({
  "node_modules/path-expression-matcher/src/index.js"() {
    init_Expression();
    init_Matcher();
    init_ExpressionSet();
  }
});

// node_modules/is-unsafe/src/contexts/html.js
var HTML_PATTERNS, html_default;
var init_html = __esm({
  "node_modules/is-unsafe/src/contexts/html.js"() {
    HTML_PATTERNS = [
      {
        id: "html-script-open",
        description: "<script opening tag",
        pattern: /<script[\s>/]/i
      },
      {
        id: "html-script-close",
        description: "</script closing tag",
        pattern: /<\/script[\s>]/i
      },
      {
        id: "html-javascript-protocol",
        description: "javascript: URI scheme (with optional whitespace/encoding)",
        // Handles j&#x61;vascript:, j\u0061vascript:, and whitespace variants
        pattern: /j[\t\n\r ]*a[\t\n\r ]*v[\t\n\r ]*a[\t\n\r ]*s[\t\n\r ]*c[\t\n\r ]*r[\t\n\r ]*i[\t\n\r ]*p[\t\n\r ]*t[\t\n\r ]*:/i
      },
      {
        id: "html-vbscript-protocol",
        description: "vbscript: URI scheme",
        pattern: /vbscript[\t\n\r ]*:/i
      },
      {
        id: "html-data-html",
        description: "data:text/html URI — can execute scripts in browsers",
        pattern: /data[\t\n\r ]*:[\t\n\r ]*text\/html/i
      },
      {
        id: "html-data-xhtml",
        description: "data:application/xhtml+xml URI",
        pattern: /data[\t\n\r ]*:[\t\n\r ]*application\/xhtml/i
      },
      {
        id: "html-data-svg",
        description: "data:image/svg+xml URI — can execute scripts",
        pattern: /data[\t\n\r ]*:[\t\n\r ]*image\/svg\+xml/i
      },
      {
        id: "html-inline-event-handler",
        description: "Inline event handler attributes: onclick=, onerror=, onload=, etc.",
        // \bon ensures we match a word boundary so "phonetic=" is not caught
        pattern: /\bon\w{1,30}\s*=/i
      },
      {
        id: "html-entity-obfuscated-script",
        description: "HTML-entity-encoded <script (e.g. &#x3C;script or &lt;script)",
        // Entities include optional trailing semicolon: &#x3C; or &#x3C (both valid in HTML5)
        pattern: /(?:&#x0*3[Cc];?|&#0*60;?|&lt;)\s*script/i
      },
      {
        id: "html-entity-obfuscated-javascript",
        description: 'HTML-entity-encoded javascript: (partial — catches common &#106; or &#x6a; for "j")',
        pattern: /(?:&#x0*6[Aa];?|&#0*106;?)\s*(?:&#x0*61;?|a)[\s\S]{0,80}script\s*:/i
      },
      {
        id: "html-style-expression",
        description: "CSS expression() — IE-era code execution in style attributes",
        pattern: /style[\s\S]{0,20}expression\s*\(/i
      },
      {
        id: "html-object-embed",
        description: "<object or <embed tags that can load active content",
        pattern: /<(?:object|embed)[\s>/]/i
      },
      {
        id: "html-base-tag",
        description: "<base href= — can hijack all relative URLs on a page",
        pattern: /<base[\s>]/i
      },
      {
        id: "html-meta-refresh",
        description: '<meta http-equiv="refresh" — can redirect users',
        pattern: /<meta[\s\S]{0,40}http-equiv[\s\S]{0,20}refresh/i
      },
      {
        id: "html-srcdoc",
        description: "srcdoc= attribute on iframes — embeds HTML that can run scripts",
        pattern: /srcdoc\s*=/i
      },
      {
        id: "html-iframe",
        description: "<iframe tag",
        pattern: /<iframe[\s>/]/i
      },
      {
        id: "html-form",
        description: "<form tag — can be used for phishing / credential harvesting injection",
        pattern: /<form[\s>/]/i
      }
    ];
    html_default = HTML_PATTERNS;
  }
});

// node_modules/is-unsafe/src/contexts/xml.js
var XML_PATTERNS, xml_default;
var init_xml = __esm({
  "node_modules/is-unsafe/src/contexts/xml.js"() {
    XML_PATTERNS = [
      {
        id: "xml-cdata-injection",
        description: "CDATA section injection: <![CDATA[ breaks out of text node context",
        pattern: /<!\[CDATA\[/i
      },
      {
        id: "xml-cdata-close",
        description: "CDATA close sequence: ]]> can terminate an enclosing CDATA section",
        pattern: /\]\]>/
      },
      {
        id: "xml-processing-instruction",
        description: "XML processing instruction: <?xml-stylesheet or <?php etc.",
        pattern: /<\?(?:xml[\- ]|php|asp)/i
      },
      {
        id: "xml-doctype-injection",
        description: "DOCTYPE declaration embedded in content — can define entities",
        // Match <!DOCTYPE followed by end-of-string, whitespace, or [ (internal subset)
        pattern: /<!DOCTYPE(?:[\s[]|$)/i
      },
      {
        id: "xml-entity-system",
        description: "SYSTEM keyword — used in external entity declarations (XXE)",
        pattern: /\bSYSTEM\s+["']/i
      },
      {
        id: "xml-entity-public",
        description: "PUBLIC keyword — used in external entity declarations (XXE)",
        pattern: /\bPUBLIC\s+["']/i
      },
      {
        id: "xml-entity-declaration",
        description: "<!ENTITY declaration — defines entities, potential XXE or entity expansion",
        pattern: /<!ENTITY[\s%]/i
      },
      {
        id: "xml-billion-laughs",
        description: "Entity reference chaining / billion laughs: repeated &eX; style references",
        // Heuristic: 3+ consecutive entity refs suggests expansion attack
        pattern: /(?:&\w{1,20};){3,}/
      },
      {
        id: "xml-namespace-confusion",
        description: "xmlns: attribute injection — can redefine namespaces to confuse parsers",
        // pattern: /\bxmlns\s*(?::\w{1,40})?\s*=/i,
        pattern: /\bxmlns(?::\w{1,40})?\s*=/i
      },
      {
        id: "xml-comment-injection",
        description: "<!-- comment injection — can hide content from some parsers",
        pattern: /<!--/
      },
      {
        id: "xml-comment-close",
        description: "--> closes an enclosing XML comment",
        pattern: /-->/
      },
      {
        id: "xml-pi-close",
        description: "?> closes an enclosing processing instruction",
        pattern: /\?>/
      }
    ];
    xml_default = XML_PATTERNS;
  }
});

// node_modules/is-unsafe/src/contexts/svg.js
var SVG_PATTERNS, svg_default;
var init_svg = __esm({
  "node_modules/is-unsafe/src/contexts/svg.js"() {
    SVG_PATTERNS = [
      {
        id: "svg-script-element",
        description: "<script element inside SVG executes JavaScript",
        pattern: /<script[\s>/]/i
      },
      {
        id: "svg-xlink-href-javascript",
        description: "xlink:href with javascript: — classic SVG XSS via <a> or <use>",
        pattern: /xlink\s*:\s*href\s*=\s*["']?\s*javascript\s*:/i
      },
      {
        id: "svg-href-javascript",
        description: "href= with javascript: in SVG context (<a>, <animate>, etc.)",
        pattern: /href\s*=\s*["']?\s*javascript\s*:/i
      },
      {
        id: "svg-foreignobject",
        description: "<foreignObject embeds HTML inside SVG — can execute scripts",
        pattern: /<foreignObject[\s>/]/i
      },
      {
        id: "svg-use-external",
        description: "<use xlink:href or href pointing to external resource (non-fragment URL)",
        // Match <use with href= where the value starts with a non-# character (external URL)
        // [\"'][^#] catches quoted values not starting with #; [^\"'#\s>] catches unquoted
        pattern: /<use[\s\S]{0,60}(?:xlink\s*:\s*)?href\s*=\s*(?:["'][^#]|[^"'#\s>])/i
      },
      {
        id: "svg-animate-href",
        description: '<animate attributeName="href" — can dynamically change href to javascript:',
        pattern: /<animate[\s\S]{0,80}attributeName\s*=\s*["'][\s]*href["']/i
      },
      {
        id: "svg-animate-xlinkhref",
        description: '<animate attributeName="xlink:href"',
        pattern: /<animate[\s\S]{0,80}attributeName\s*=\s*["'][\s]*xlink\s*:\s*href["']/i
      },
      {
        id: "svg-set-javascript",
        description: '<set to="javascript:..." — sets an attribute to a javascript: URI',
        pattern: /<set[\s\S]{0,80}to\s*=\s*["']?\s*javascript\s*:/i
      },
      {
        id: "svg-event-handler",
        description: "SVG-specific event handler attributes: onload=, onerror=, onactivate=, etc.",
        pattern: /\bon(?:load|error|activate|begin|end|repeat|focus|blur|click|mouse\w{1,20}|key\w{1,20})\s*=/i
      },
      {
        id: "svg-handler-generic",
        description: "Generic on* handler catch-all for SVG attributes",
        pattern: /\bon\w{1,30}\s*=/i
      },
      {
        id: "svg-filter-feimage",
        description: "<feImage href= — filter primitive that can load external resources",
        pattern: /<feImage[\s\S]{0,80}(?:xlink\s*:\s*)?href\s*=/i
      },
      {
        id: "svg-image-external",
        description: "<image xlink:href with http/https or javascript protocol",
        pattern: /<image[\s\S]{0,80}(?:xlink\s*:\s*)?href\s*=\s*["']?\s*(?:https?|javascript)\s*:/i
      },
      {
        id: "svg-style-javascript",
        description: "style= attribute containing javascript: (e.g. background:url(javascript:...))",
        pattern: /style\s*=[\s\S]{0,60}javascript\s*:/i
      }
    ];
    svg_default = SVG_PATTERNS;
  }
});

// node_modules/is-unsafe/src/contexts/sql.js
var SQL_PATTERNS, sql_default;
var init_sql = __esm({
  "node_modules/is-unsafe/src/contexts/sql.js"() {
    SQL_PATTERNS = [
      {
        id: "sql-block-comment-open",
        description: "SQL block comment open: /* ... */ — unusual in legitimate user text",
        pattern: /\/\*/
      },
      {
        id: "sql-union-select",
        description: "UNION SELECT — most common SQL injection aggregation attack",
        pattern: /\bUNION\s{1,20}(?:ALL\s{1,20})?SELECT\b/i
      },
      {
        id: "sql-drop-table",
        description: "DROP TABLE — destructive DDL injection",
        pattern: /\bDROP\s{1,20}TABLE\b/i
      },
      {
        id: "sql-drop-database",
        description: "DROP DATABASE — destructive DDL injection",
        pattern: /\bDROP\s{1,20}DATABASE\b/i
      },
      {
        id: "sql-insert-into",
        description: "INSERT INTO — data injection",
        pattern: /\bINSERT\s{1,20}INTO\b/i
      },
      {
        id: "sql-delete-from",
        description: "DELETE FROM — data deletion injection",
        pattern: /\bDELETE\s{1,20}FROM\b/i
      },
      {
        id: "sql-update-set",
        description: "UPDATE ... SET — data modification injection",
        // Allows arbitrary content between UPDATE and SET (table name, alias, etc.)
        pattern: /\bUPDATE\b[\s\S]{1,60}\bSET\b/i
      },
      {
        id: "sql-exec-xp",
        description: "EXEC xp_ — MSSQL extended stored procedure execution",
        pattern: /\bEXEC(?:UTE)?\s{1,20}xp_/i
      },
      {
        id: "sql-tautology-string",
        description: `Classic string tautology: ' OR '1'='1 or " OR "1"="1"`,
        // Last quote is optional — injection may truncate it: ' OR '1'='1--
        pattern: /'\s{0,10}OR\s{0,10}'[^']{0,20}'\s*=\s*'[^']{0,20}/i
      },
      {
        id: "sql-tautology-numeric",
        description: "Numeric tautology: OR 1=1",
        pattern: /\bOR\s{1,10}1\s*=\s*1\b/i
      },
      {
        id: "sql-always-true-zero",
        description: "Numeric tautology: OR 0=0",
        pattern: /\bOR\s{1,10}0\s*=\s*0\b/i
      },
      {
        id: "sql-sleep-benchmark",
        description: "Time-based blind injection: SLEEP() or BENCHMARK()",
        pattern: /\b(?:SLEEP|BENCHMARK)\s*\(/i
      },
      {
        id: "sql-waitfor-delay",
        description: "MSSQL time-based blind injection: WAITFOR DELAY",
        pattern: /\bWAITFOR\s{1,20}DELAY\b/i
      },
      {
        id: "sql-char-function",
        description: "CHAR() function — used to obfuscate injected strings",
        pattern: /\bCHAR\s*\(\s*\d{1,3}/i
      },
      {
        id: "sql-information-schema",
        description: "INFORMATION_SCHEMA — reconnaissance query for table/column enumeration",
        pattern: /\bINFORMATION_SCHEMA\b/i
      }
    ];
    sql_default = SQL_PATTERNS;
  }
});

// node_modules/is-unsafe/src/contexts/shell.js
var SHELL_PATTERNS, shell_default;
var init_shell = __esm({
  "node_modules/is-unsafe/src/contexts/shell.js"() {
    SHELL_PATTERNS = [
      {
        id: "shell-path-traversal-unix",
        description: "Unix path traversal: ../  — climbing the directory tree",
        pattern: /\.\.\//
      },
      {
        id: "shell-path-traversal-windows",
        description: "Windows path traversal: ..\\ — climbing the directory tree",
        pattern: /\.\.\\/
      },
      {
        id: "shell-path-traversal-encoded",
        description: "URL-encoded path traversal: %2e%2e or %2f variants",
        pattern: /%2e%2e|%2f\.\.|\.\.%2f/i
      },
      {
        id: "shell-null-byte",
        description: "Null byte injection: \\x00 or %00 — truncates strings in C-backed functions",
        pattern: /\x00|%00/
      },
      {
        id: "shell-semicolon",
        description: "Semicolon command separator: cmd1; cmd2",
        pattern: /;/
      },
      {
        id: "shell-pipe",
        description: "Pipe operator: cmd1 | cmd2",
        pattern: /\|/
      },
      {
        id: "shell-and-operator",
        description: "AND operator: cmd1 && cmd2",
        pattern: /&&/
      },
      {
        id: "shell-or-operator",
        description: "OR operator: cmd1 || cmd2",
        pattern: /\|\|/
      },
      {
        id: "shell-backtick",
        description: "Backtick command substitution: `cmd`",
        pattern: /`/
      },
      {
        id: "shell-dollar-paren",
        description: "Dollar-paren command substitution: $(cmd)",
        pattern: /\$\(/
      },
      {
        id: "shell-dollar-brace",
        description: "Dollar-brace variable expansion: ${var} — can be abused for injection",
        pattern: /\$\{/
      },
      {
        id: "shell-redirect-out",
        description: "Output redirection: cmd > file or cmd >> file",
        pattern: />{1,2}/
      },
      {
        id: "shell-redirect-in",
        description: "Input redirection: cmd < file",
        pattern: /</
      },
      {
        id: "shell-newline-injection",
        description: "Newline injection: \\n or \\r — can inject new shell commands",
        pattern: /[\n\r]/
      },
      {
        id: "shell-glob-star",
        description: "Glob expansion: * or ? — can expand to unintended files",
        // Only flag when combined with path separators to reduce false positives
        pattern: /[/\\][*?]/
      },
      {
        id: "shell-absolute-root",
        description: "Absolute root path injection: string starting with / or \\ (Windows UNC)",
        pattern: /^(?:\/|\\\\)/
      },
      {
        id: "shell-windows-drive",
        description: "Windows drive letter path injection: C:\\ or D:/",
        pattern: /^[a-zA-Z]:[/\\]/
      },
      {
        id: "shell-curl-wget",
        description: "curl/wget with URL or flags — can exfiltrate data or download payloads",
        // Require a URL scheme (http/https/ftp) or a flag (-) to reduce false positives
        // "curl is a tool" won't match; "curl http://..." or "curl -s ..." will
        pattern: /\b(?:curl|wget)\s+(?:https?:\/\/|ftp:\/\/|-)/i
      }
    ];
    shell_default = SHELL_PATTERNS;
  }
});

// node_modules/is-unsafe/src/contexts/redos.js
var REDOS_PATTERNS, redos_default;
var init_redos = __esm({
  "node_modules/is-unsafe/src/contexts/redos.js"() {
    REDOS_PATTERNS = [
      {
        id: "redos-nested-quantifier-plus",
        description: "Nested + quantifier inside a group with outer quantifier: (a+)+, (.+b)*, etc.",
        // Matches any group containing a + quantifier, with an outer * or + — catches (a+)+, (.+b)*, etc.
        pattern: /\([^)]*\+[^)]*\)[+*]/
      },
      {
        id: "redos-nested-quantifier-star",
        description: "Nested * quantifier: (a*)* or (a*)+ — catastrophic backtracking",
        pattern: /\([^)]*\*[^)]*\)[*+]/
      },
      {
        id: "redos-nested-groups",
        description: "Doubly nested quantified groups: ((a+)+) — guaranteed catastrophic",
        pattern: /\(\([^)]{0,40}\)[+*]\)[+*]/
      },
      {
        id: "redos-alternation-overlap",
        description: "Overlapping alternation under quantifier: (a|a)+ — ambiguous NFA paths",
        // Detect repeated identical alternatives under a quantifier
        pattern: /\(([^|()]{1,20})\|(?:\1)(?:\|[^|()]{1,20}){0,5}\)[+*?]{1,2}/
      },
      {
        id: "redos-star-plus-concat",
        description: "(x*x)+ pattern — triggers super-linear backtracking",
        pattern: /\([^)]{0,10}\*[^)]{0,10}\)[+*]/
      },
      {
        id: "redos-dot-star-greedy",
        description: "(.*){n,} or (.+){n,} — repeated greedy dot quantifiers",
        pattern: /\(\.[*+]\)\{?\d/
      },
      {
        id: "redos-large-repetition",
        description: "Very large fixed or range repetition count {1000,} or {1000,n} — denial of service via backtracking",
        // Matches { followed by 4+ digits (≥1000), then optional ,digits }
        pattern: /\{\d{4,}(?:,\d*)?\}/
      },
      {
        id: "redos-catastrophic-alternation",
        description: "Long alternation with many similar branches — polynomial backtracking risk",
        // Heuristic: 10+ pipe-separated alternatives in a single group
        pattern: /\([^)]{0,200}(?:\|[^|)]{0,50}){9,}\)/
      }
    ];
    redos_default = REDOS_PATTERNS;
  }
});

// node_modules/is-unsafe/src/contexts/nosql.js
var sep, NOSQL_PATTERNS, nosql_default;
var init_nosql = __esm({
  "node_modules/is-unsafe/src/contexts/nosql.js"() {
    sep = `["'\\s]*:`;
    NOSQL_PATTERNS = [
      // ─── MongoDB $ operator injection ────────────────────────────────────────
      {
        id: "nosql-where-operator",
        description: "$where — executes arbitrary JavaScript server-side in MongoDB",
        pattern: new RegExp(`\\$where${sep}`, "i")
      },
      {
        id: "nosql-ne-operator",
        description: '$ne — "not equal" operator used to bypass equality checks',
        pattern: new RegExp(`\\$ne${sep}`, "i")
      },
      {
        id: "nosql-gt-operator",
        description: '$gt — "greater than" used to bypass password/value checks',
        pattern: new RegExp(`\\$gte?${sep}`, "i")
      },
      {
        id: "nosql-lt-operator",
        description: '$lt / $lte — "less than" bypass variants',
        pattern: new RegExp(`\\$lte?${sep}`, "i")
      },
      {
        id: "nosql-regex-operator",
        description: "$regex — can be used to extract data character by character (blind injection)",
        pattern: new RegExp(`\\$regex${sep}`, "i")
      },
      {
        id: "nosql-or-operator",
        description: "$or — logical OR; used to create always-true conditions",
        pattern: new RegExp(`\\$or${sep}\\s*\\[`, "i")
      },
      {
        id: "nosql-and-operator",
        description: "$and — logical AND operator injection",
        pattern: new RegExp(`\\$and${sep}\\s*\\[`, "i")
      },
      {
        id: "nosql-nor-operator",
        description: "$nor — logical NOR operator injection",
        pattern: new RegExp(`\\$nor${sep}\\s*\\[`, "i")
      },
      {
        id: "nosql-exists-operator",
        description: "$exists — can enumerate fields to determine schema",
        pattern: new RegExp(`\\$exists${sep}`, "i")
      },
      {
        id: "nosql-in-operator",
        description: "$in — matches any value in a list; can enumerate values",
        pattern: new RegExp(`\\$in${sep}\\s*\\[`, "i")
      },
      {
        id: "nosql-expr-operator",
        description: "$expr — allows aggregation expressions in queries (MongoDB 3.6+)",
        pattern: new RegExp(`\\$expr${sep}`, "i")
      },
      {
        id: "nosql-function-operator",
        description: "$function — executes arbitrary JavaScript in MongoDB 4.4+",
        pattern: new RegExp(`\\$function${sep}`, "i")
      },
      {
        id: "nosql-accumulator-operator",
        description: "$accumulator — custom aggregation with arbitrary JS execution",
        pattern: new RegExp(`\\$accumulator${sep}`, "i")
      },
      // ─── Prototype pollution ─────────────────────────────────────────────────
      {
        id: "nosql-proto-pollution",
        description: "__proto__ — prototype pollution via object key injection",
        pattern: /__proto__/
      },
      {
        id: "nosql-constructor-prototype",
        description: "constructor.prototype — alternative prototype pollution vector (dot notation or JSON key)",
        // Matches dot-notation (obj.constructor.prototype) and JSON key adjacency
        // ("constructor": {"prototype": ...})
        pattern: /constructor[\s"':.,{\[]*prototype/i
      },
      {
        id: "nosql-proto-bracket",
        description: '["__proto__"] — bracket-notation prototype pollution',
        pattern: /\[["']__proto__["']\]/
      }
    ];
    nosql_default = NOSQL_PATTERNS;
  }
});

// node_modules/is-unsafe/src/contexts/log.js
var LOG_PATTERNS, log_default;
var init_log = __esm({
  "node_modules/is-unsafe/src/contexts/log.js"() {
    LOG_PATTERNS = [
      // ─── CRLF / newline injection ─────────────────────────────────────────────
      {
        id: "log-crlf-injection",
        description: "CRLF injection: literal \\r or \\n embeds fake log lines",
        pattern: /[\r\n]/
      },
      {
        id: "log-url-encoded-crlf",
        description: "URL-encoded CRLF: %0d, %0a, %0D, %0A — decoded by some log parsers",
        pattern: /%0[dDaA]/
      },
      {
        id: "log-unicode-newline",
        description: "Unicode newline variants: U+2028 (line separator), U+2029 (paragraph separator)",
        pattern: /[\u2028\u2029]/
      },
      // ─── Log4Shell / JNDI injection (CVE-2021-44228) ─────────────────────────
      {
        id: "log-log4shell-jndi",
        description: "Log4Shell: ${jndi:...} triggers remote code execution in Apache Log4j",
        pattern: /\$\{jndi\s*:/i
      },
      {
        id: "log-log4shell-obfuscated",
        description: "Obfuscated Log4Shell: ${::-j}... lookup-bypass prefix used to evade WAF detection",
        // ${::- is the Log4j lookup-bypass escape sequence; presence alone is suspicious
        pattern: /\$\{::-/
      },
      {
        id: "log-log4j-lookup",
        description: "Log4j lookup syntax: ${env:...}, ${sys:...}, ${ctx:...} — data exfiltration",
        pattern: /\$\{(?:env|sys|ctx|main|map|sd|web|docker|k8s|spring)\s*:/i
      },
      // ─── Server-Side Template Injection (SSTI) in log messages ───────────────
      {
        id: "log-ssti-double-brace",
        description: "SSTI double-brace: {{expression}} — Jinja2, Twig, Handlebars, etc.",
        pattern: /\{\{[\s\S]{0,80}\}\}/
      },
      {
        id: "log-ssti-hash-brace",
        description: "SSTI hash-brace: #{expression} — Thymeleaf, Velocity, Ruby ERB",
        pattern: /#\{[\s\S]{0,80}\}/
      },
      {
        id: "log-ssti-dollar-brace",
        description: "SSTI/EL injection: ${expression with operators or method calls} — JSP EL, Freemarker, SpEL",
        // Require that the ${...} content looks like an expression, not a plain variable name.
        // Flags if the content contains: . ( * + operators, or known SSTI keywords.
        // This avoids flagging ${PATH}, ${HOME} etc. (plain shell variables).
        pattern: /\$\{[^}]*(?:\.|\(|\*|\+|\bclass\b|\bruntime\b|\bprocess\b|\bexec\b)[^}]{0,80}\}/i
      },
      {
        id: "log-ssti-percent-tag",
        description: "SSTI ERB/ASP tag: <%= expression %> — Ruby ERB, ASP",
        pattern: /<%=[\s\S]{0,80}%>/
      },
      // ─── Null byte ────────────────────────────────────────────────────────────
      {
        id: "log-null-byte",
        description: "Null byte: \\x00 or %00 — can truncate log entries in C-backed loggers",
        pattern: /\x00|%00/
      },
      // ─── ANSI escape injection ────────────────────────────────────────────────
      {
        id: "log-ansi-escape",
        description: "ANSI escape sequence: ESC[ — can manipulate terminal output when logs are tailed",
        pattern: /\x1b\[/
      }
    ];
    log_default = LOG_PATTERNS;
  }
});

// node_modules/is-unsafe/src/contexts/sql-strict.js
var SQL_STRICT_EXTRA, SQL_STRICT_PATTERNS, sql_strict_default;
var init_sql_strict = __esm({
  "node_modules/is-unsafe/src/contexts/sql-strict.js"() {
    init_sql();
    SQL_STRICT_EXTRA = [
      {
        id: "sql-line-comment",
        description: "SQL line comment: -- followed by whitespace or end of string",
        pattern: /--(?:\s|$)/
      },
      {
        id: "sql-stacked-query",
        description: "Stacked queries: semicolon immediately followed by a SQL keyword",
        pattern: /;\s{0,10}(?:SELECT|INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|EXEC)\b/i
      },
      {
        id: "sql-hex-encoding",
        description: "Hex-encoded string injection: 0x41414141 style (MySQL)",
        pattern: /\b0x[0-9a-f]{4,}/i
      }
    ];
    SQL_STRICT_PATTERNS = [...sql_default, ...SQL_STRICT_EXTRA];
    sql_strict_default = SQL_STRICT_PATTERNS;
  }
});

// node_modules/is-unsafe/src/util/decode-entities.js
function decodeEntities(input) {
  if (input.indexOf("&") === -1) return input;
  return input.replace(ENTITY_RE, (match, hex, dec, name) => {
    if (name !== void 0) {
      return Object.prototype.hasOwnProperty.call(NAMED, name) ? NAMED[name] : match;
    }
    const cp = hex !== void 0 ? parseInt(hex, 16) : parseInt(dec, 10);
    if (!Number.isFinite(cp) || cp > 1114111) return match;
    return String.fromCodePoint(cp);
  });
}
var NAMED, ENTITY_RE;
var init_decode_entities = __esm({
  "node_modules/is-unsafe/src/util/decode-entities.js"() {
    NAMED = Object.freeze({
      colon: ":",
      Tab: "	",
      NewLine: "\n"
    });
    ENTITY_RE = /&(?:#[xX]0*([0-9a-fA-F]{1,6});?|#0*([0-9]{1,7});?|([a-zA-Z][a-zA-Z0-9]{1,15});)/g;
  }
});

// node_modules/is-unsafe/src/index.js
function assertString(value) {
  if (typeof value !== "string") {
    throw new TypeError(
      `is-unsafe: first argument must be a string, got ${typeof value}`
    );
  }
}
function assertContext(context) {
  if (context instanceof RegExp) return;
  if (Array.isArray(context)) {
    if (context.length === 0) {
      throw new TypeError("is-unsafe: context must not be an empty array");
    }
    if (Array.isArray(context[0])) {
      for (const list3 of context) {
        if (!Array.isArray(list3) || list3.length === 0) {
          throw new TypeError(
            "is-unsafe: each context in the array must be a non-empty pattern array (PatternList)"
          );
        }
      }
    }
    return;
  }
  throw new TypeError(
    `is-unsafe: second argument must be a PatternList (e.g. HTML), an array of PatternLists (e.g. [HTML, XML]), or a RegExp. Got: ${typeof context}`
  );
}
function normalise(context) {
  if (context instanceof RegExp) return { lists: null, regex: context };
  if (Array.isArray(context[0])) return { lists: context, regex: null };
  return { lists: [context], regex: null };
}
function decodedCopy(value, list3) {
  if (!list3.decodeEntities) return null;
  const decoded = decodeEntities(value);
  return decoded === value ? null : decoded;
}
function matchList(value, list3) {
  const label = list3.label ?? "CUSTOM";
  const decoded = decodedCopy(value, list3);
  for (const rule of list3) {
    if (rule.pattern.test(value) || decoded !== null && rule.pattern.test(decoded)) {
      return { context: label, id: rule.id, description: rule.description, pattern: rule.pattern };
    }
  }
  return null;
}
function isUnsafe(value, context) {
  assertString(value);
  assertContext(context);
  const { lists, regex } = normalise(context);
  if (regex) return regex.test(value);
  for (const list3 of lists) {
    if (matchList(value, list3) !== null) return true;
  }
  return false;
}
var VALID_CONTEXTS;
var init_src4 = __esm({
  "node_modules/is-unsafe/src/index.js"() {
    init_html();
    init_xml();
    init_sql_strict();
    init_decode_entities();
    init_html();
    init_xml();
    init_svg();
    init_sql();
    init_shell();
    init_redos();
    init_nosql();
    init_log();
    html_default.label = "HTML";
    xml_default.label = "XML";
    svg_default.label = "SVG";
    html_default.decodeEntities = true;
    xml_default.decodeEntities = true;
    svg_default.decodeEntities = true;
    sql_default.label = "SQL";
    sql_strict_default.label = "SQL-STRICT";
    shell_default.label = "SHELL";
    redos_default.label = "REDOS";
    nosql_default.label = "NOSQL";
    log_default.label = "LOG";
    VALID_CONTEXTS = Object.freeze({
      HTML: html_default,
      XML: xml_default,
      SVG: svg_default,
      SQL: sql_default,
      "SQL-STRICT": sql_strict_default,
      SHELL: shell_default,
      REDOS: redos_default,
      NOSQL: nosql_default,
      LOG: log_default
    });
  }
});

// node_modules/fast-xml-parser/src/xmlparser/OrderedObjParser.js
function extractRawAttributes(prefixedAttrs, options) {
  if (!prefixedAttrs) return {};
  const attrs = options.attributesGroupName ? prefixedAttrs[options.attributesGroupName] : prefixedAttrs;
  if (!attrs) return {};
  const rawAttrs = {};
  for (const key in attrs) {
    if (key.startsWith(options.attributeNamePrefix)) {
      const rawName = key.substring(options.attributeNamePrefix.length);
      rawAttrs[rawName] = attrs[key];
    } else {
      rawAttrs[key] = attrs[key];
    }
  }
  return rawAttrs;
}
function extractNamespace(rawTagName) {
  if (!rawTagName || typeof rawTagName !== "string") return void 0;
  const colonIndex = rawTagName.indexOf(":");
  if (colonIndex !== -1 && colonIndex > 0) {
    const ns = rawTagName.substring(0, colonIndex);
    if (ns !== "xmlns") {
      return ns;
    }
  }
  return void 0;
}
function parseTextData(val, tagName, jPath, dontTrim, hasAttributes, isLeafNode, escapeEntities) {
  const options = this.options;
  if (val !== void 0) {
    if (options.trimValues && !dontTrim) {
      val = val.trim();
    }
    if (val.length > 0) {
      if (!escapeEntities) val = this.replaceEntitiesValue(val, tagName, jPath);
      const jPathOrMatcher = options.jPath ? jPath.toString() : jPath;
      const newval = options.tagValueProcessor(tagName, val, jPathOrMatcher, hasAttributes, isLeafNode);
      if (newval === null || newval === void 0) {
        return val;
      } else if (typeof newval !== typeof val || newval !== val) {
        return newval;
      } else if (options.trimValues) {
        return parseValue(val, options.parseTagValue, options.numberParseOptions);
      } else {
        const trimmedVal = val.trim();
        if (trimmedVal === val) {
          return parseValue(val, options.parseTagValue, options.numberParseOptions);
        } else {
          return val;
        }
      }
    }
  }
}
function resolveNameSpace(tagname) {
  if (this.options.removeNSPrefix) {
    const tags = tagname.split(":");
    const prefix = tagname.charAt(0) === "/" ? "/" : "";
    if (tags[0] === "xmlns") {
      return "";
    }
    if (tags.length === 2) {
      tagname = prefix + tags[1];
    }
  }
  return tagname;
}
function attrValue(match) {
  return match[3] !== void 0 ? match[3] : match[4];
}
function buildAttributesMap(attrStr, jPath, tagName, force = false) {
  const options = this.options;
  if (force === true || options.ignoreAttributes !== true && typeof attrStr === "string") {
    const matches = getAllMatches(attrStr, attrsRegx);
    const len = matches.length;
    const attrs = {};
    const processedVals = new Array(len);
    let hasRawAttrs = false;
    const rawAttrsForMatcher = {};
    for (let i = 0; i < len; i++) {
      const attrName = this.resolveNameSpace(matches[i][1]);
      const oldVal = attrValue(matches[i]);
      if (attrName.length && oldVal !== void 0) {
        let val = oldVal;
        if (options.trimValues) val = val.trim();
        val = this.replaceEntitiesValue(val, tagName, this.readonlyMatcher);
        processedVals[i] = val;
        rawAttrsForMatcher[attrName] = val;
        hasRawAttrs = true;
      }
    }
    if (hasRawAttrs && typeof jPath === "object" && jPath.updateCurrent) {
      jPath.updateCurrent(rawAttrsForMatcher);
    }
    const jPathStr = options.jPath ? jPath.toString() : this.readonlyMatcher;
    let hasAttrs = false;
    for (let i = 0; i < len; i++) {
      const attrName = this.resolveNameSpace(matches[i][1]);
      if (this.ignoreAttributesFn(attrName, jPathStr)) continue;
      let aName = options.attributeNamePrefix + attrName;
      if (attrName.length) {
        if (options.transformAttributeName) {
          aName = options.transformAttributeName(aName);
        }
        aName = sanitizeName(aName, options);
        if (attrValue(matches[i]) !== void 0) {
          const oldVal = processedVals[i];
          const newVal = options.attributeValueProcessor(attrName, oldVal, jPathStr);
          if (newVal === null || newVal === void 0) {
            attrs[aName] = oldVal;
          } else if (typeof newVal !== typeof oldVal || newVal !== oldVal) {
            attrs[aName] = newVal;
          } else {
            attrs[aName] = parseValue(oldVal, options.parseAttributeValue, options.numberParseOptions);
          }
          hasAttrs = true;
        } else if (options.allowBooleanAttributes) {
          attrs[aName] = true;
          hasAttrs = true;
        }
      }
    }
    if (!hasAttrs) return;
    if (options.attributesGroupName && !options.preserveOrder) {
      const attrCollection = {};
      attrCollection[options.attributesGroupName] = attrs;
      return attrCollection;
    }
    return attrs;
  }
}
function getOriginalIndex(index, crlfPositions) {
  let low = 0;
  let high = crlfPositions.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (crlfPositions[middle] < index) low = middle + 1;
    else high = middle;
  }
  return index + low;
}
function addChild(currentNode, childNode, matcher, startIndex) {
  if (!this.options.captureMetaData) startIndex = void 0;
  const jPathOrMatcher = this.options.jPath ? matcher.toString() : matcher;
  const result = this.options.updateTag(childNode.tagname, jPathOrMatcher, childNode[":@"]);
  if (result === false) {
  } else if (typeof result === "string") {
    childNode.tagname = result;
    currentNode.addChild(childNode, startIndex);
  } else {
    currentNode.addChild(childNode, startIndex);
  }
}
function replaceEntitiesValue(val, tagName, jPath) {
  const entityConfig = this.options.processEntities;
  if (!entityConfig || !entityConfig.enabled) {
    return val;
  }
  if (entityConfig.allowedTags) {
    const jPathOrMatcher = this.options.jPath ? jPath.toString() : jPath;
    const allowed = Array.isArray(entityConfig.allowedTags) ? entityConfig.allowedTags.includes(tagName) : entityConfig.allowedTags(tagName, jPathOrMatcher);
    if (!allowed) {
      return val;
    }
  }
  if (entityConfig.tagFilter) {
    const jPathOrMatcher = this.options.jPath ? jPath.toString() : jPath;
    if (!entityConfig.tagFilter(tagName, jPathOrMatcher)) {
      return val;
    }
  }
  return this.entityDecoder.decode(val);
}
function saveTextToParentTag(textData, parentNode, matcher, isLeafNode) {
  if (textData) {
    if (isLeafNode === void 0) isLeafNode = parentNode.child.length === 0;
    textData = this.parseTextData(
      textData,
      parentNode.tagname,
      matcher,
      false,
      parentNode[":@"] ? Object.keys(parentNode[":@"]).length !== 0 : false,
      isLeafNode
    );
    if (textData !== void 0 && textData !== "")
      parentNode.add(this.options.textNodeName, textData);
    textData = "";
  }
  return textData;
}
function isItStopNode() {
  if (this.stopNodeExpressionsSet.size === 0) return false;
  return this.matcher.matchesAny(this.stopNodeExpressionsSet);
}
function tagExpWithClosingIndex(xmlData, i, closingChar = ">") {
  const len = xmlData.length;
  const closeCode0 = closingChar.charCodeAt(0);
  const closeCode1 = closingChar.length > 1 ? closingChar.charCodeAt(1) : -1;
  let result = "";
  let segmentStart = i;
  for (let index = i; index < len; index++) {
    const code = xmlData.charCodeAt(index);
    if (code === 34 || code === 39) {
      index = xmlData.indexOf(xmlData[index], index + 1);
      if (index === -1) return;
    } else if (code === closeCode0) {
      if (closeCode1 !== -1) {
        if (xmlData.charCodeAt(index + 1) === closeCode1) {
          result += xmlData.substring(segmentStart, index);
          return { data: result, index };
        }
      } else {
        result += xmlData.substring(segmentStart, index);
        return { data: result, index };
      }
    } else if (code === 9) {
      result += xmlData.substring(segmentStart, index) + " ";
      segmentStart = index + 1;
    }
  }
}
function findClosingIndex(xmlData, str3, i, errMsg) {
  const closingIndex = xmlData.indexOf(str3, i);
  if (closingIndex === -1) {
    throw new Error(errMsg);
  } else {
    return closingIndex + str3.length - 1;
  }
}
function findClosingChar(xmlData, char, i, errMsg) {
  const closingIndex = xmlData.indexOf(char, i);
  if (closingIndex === -1) throw new Error(errMsg);
  return closingIndex;
}
function readTagExp(xmlData, i, removeNSPrefix, closingChar = ">") {
  const result = tagExpWithClosingIndex(xmlData, i + 1, closingChar);
  if (!result) return;
  let tagExp = result.data;
  const closeIndex = result.index;
  const separatorIndex = tagExp.search(/\s/);
  let tagName = tagExp;
  let attrExpPresent = true;
  if (separatorIndex !== -1) {
    tagName = tagExp.substring(0, separatorIndex);
    tagExp = tagExp.substring(separatorIndex + 1).trimStart();
  }
  const rawTagName = tagName;
  if (removeNSPrefix) {
    const colonIndex = tagName.indexOf(":");
    if (colonIndex !== -1) {
      tagName = tagName.substr(colonIndex + 1);
      attrExpPresent = tagName !== result.data.substr(colonIndex + 1);
    }
  }
  return {
    tagName,
    tagExp,
    closeIndex,
    attrExpPresent,
    rawTagName
  };
}
function readStopNodeData(xmlData, tagName, i) {
  const startIndex = i;
  let openTagCount = 1;
  let lenient = false;
  let nextGt = -1;
  const xmllen = xmlData.length;
  for (; i < xmllen; i++) {
    if (xmlData[i] === "<") {
      const c1 = xmlData.charCodeAt(i + 1);
      if (c1 === 47) {
        const closeIndex = findClosingChar(xmlData, ">", i, `${tagName} is not closed`);
        let closeTagName = xmlData.substring(i + 2, closeIndex).trim();
        if (closeTagName === tagName) {
          openTagCount--;
          if (openTagCount === 0) {
            return {
              tagContent: xmlData.substring(startIndex, i),
              i: closeIndex
            };
          }
        }
        i = closeIndex;
      } else if (c1 === 63) {
        const closeIndex = findClosingIndex(xmlData, "?>", i + 1, "StopNode is not closed.");
        i = closeIndex;
      } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 45 && xmlData.charCodeAt(i + 3) === 45) {
        const closeIndex = findClosingIndex(xmlData, "-->", i + 3, "StopNode is not closed.");
        i = closeIndex;
      } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 91) {
        const closeIndex = findClosingIndex(xmlData, "]]>", i, "StopNode is not closed.") - 2;
        i = closeIndex;
      } else {
        const tagData = lenient ? void 0 : readTagExp(xmlData, i, false);
        if (tagData) {
          const openTagName = tagData.tagName;
          if (openTagName === tagName && tagData.tagExp[tagData.tagExp.length - 1] !== "/") {
            openTagCount++;
          }
          i = tagData.closeIndex;
        } else {
          lenient = true;
          if (nextGt < i) {
            nextGt = xmlData.indexOf(">", i);
            if (nextGt === -1) return;
          }
          const nextLt = xmlData.indexOf("<", i + 1);
          if (nextLt === -1 || nextLt > nextGt) {
            const exp = xmlData.substring(i + 1, nextGt);
            const sep3 = exp.search(/\s/);
            const name = sep3 === -1 ? exp : exp.substring(0, sep3);
            if (name === tagName && exp[exp.length - 1] !== "/") openTagCount++;
            i = nextGt;
          }
        }
      }
    }
  }
}
function parseValue(val, shouldParse, options) {
  if (shouldParse && typeof val === "string") {
    const newval = val.trim();
    if (newval === "true") return true;
    else if (newval === "false") return false;
    else return toNumber(val, options);
  } else {
    if (isExist(val)) {
      return val;
    } else {
      return "";
    }
  }
}
function transformTagName(fn, tagName, tagExp, options) {
  if (fn) {
    const newTagName = fn(tagName);
    if (tagExp === tagName) {
      tagExp = newTagName;
    }
    tagName = newTagName;
  }
  tagName = sanitizeName(tagName, options);
  return { tagName, tagExp };
}
function sanitizeName(name, options) {
  if (criticalProperties.includes(name)) {
    throw new Error(`[SECURITY] Invalid name: "${name}" is a reserved JavaScript keyword that could cause prototype pollution`);
  } else if (DANGEROUS_PROPERTY_NAMES.includes(name)) {
    return options.onDangerousProperty(name);
  }
  return name;
}
var OrderedObjParser, attrsRegx, parseXml;
var init_OrderedObjParser = __esm({
  "node_modules/fast-xml-parser/src/xmlparser/OrderedObjParser.js"() {
    "use strict";
    init_util();
    init_xmlNode();
    init_DocTypeReader();
    init_strnum();
    init_ignoreAttributes();
    init_src3();
    init_src3();
    init_src();
    init_src4();
    OrderedObjParser = class {
      constructor(options, externalEntities) {
        this.options = options;
        this.currentNode = null;
        this.tagsNodeStack = [];
        this.parseXml = parseXml;
        this.parseTextData = parseTextData;
        this.resolveNameSpace = resolveNameSpace;
        this.buildAttributesMap = buildAttributesMap;
        this.isItStopNode = isItStopNode;
        this.replaceEntitiesValue = replaceEntitiesValue;
        this.readStopNodeData = readStopNodeData;
        this.saveTextToParentTag = saveTextToParentTag;
        this.addChild = addChild;
        this.ignoreAttributesFn = getIgnoreAttributesFn(this.options.ignoreAttributes);
        this.entityExpansionCount = 0;
        this.currentExpandedLength = 0;
        this.doctypefound = false;
        let namedEntities = { ...XML };
        if (this.options.entityDecoder) {
          this.entityDecoder = this.options.entityDecoder;
        } else {
          if (typeof this.options.htmlEntities === "object") namedEntities = this.options.htmlEntities;
          else if (this.options.htmlEntities === true) namedEntities = { ...COMMON_HTML, ...CURRENCY };
          this.entityDecoder = new EntityDecoder({
            namedEntities: { ...namedEntities, ...externalEntities },
            numericAllowed: this.options.htmlEntities,
            limit: {
              maxTotalExpansions: this.options.processEntities.maxTotalExpansions,
              maxExpandedLength: this.options.processEntities.maxExpandedLength,
              applyLimitsTo: this.options.processEntities.appliesTo
            },
            // onExternalEntity: (name, value) => isUnsafe(value) ? 'block' : 'allow',
            onInputEntity: (name, value) => (
              //TODO: VALID_CONTEXTS.HTML should be set only if this.options.htmlEntities
              isUnsafe(value, [html_default, xml_default]) ? ENTITY_ACTION.BLOCK : ENTITY_ACTION.ALLOW
            )
            //postCheck: resolved => resolved
          });
        }
        this.matcher = new Matcher();
        this.readonlyMatcher = this.matcher.readOnly();
        this.isCurrentNodeStopNode = false;
        this.stopNodeExpressionsSet = new ExpressionSet();
        const stopNodesOpts = this.options.stopNodes;
        if (stopNodesOpts && stopNodesOpts.length > 0) {
          for (let i = 0; i < stopNodesOpts.length; i++) {
            const stopNodeExp = stopNodesOpts[i];
            if (typeof stopNodeExp === "string") {
              this.stopNodeExpressionsSet.add(new Expression(stopNodeExp));
            } else if (stopNodeExp instanceof Expression) {
              this.stopNodeExpressionsSet.add(stopNodeExp);
            }
          }
          this.stopNodeExpressionsSet.seal();
        }
      }
    };
    attrsRegx = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/gm;
    parseXml = function(xmlData) {
      const options = this.options;
      const crlfPositions = options.captureMetaData ? [] : void 0;
      xmlData = xmlData.replace(/\r\n?/g, options.captureMetaData ? (newline, index) => {
        if (newline.length === 2) {
          crlfPositions.push(index - crlfPositions.length);
        }
        return "\n";
      } : "\n");
      const xmlObj = new XmlNode("!xml");
      let currentNode = xmlObj;
      let textData = "";
      this.matcher.reset();
      this.entityDecoder.reset();
      this.entityExpansionCount = 0;
      this.currentExpandedLength = 0;
      this.doctypefound = false;
      const docTypeReader = new DocTypeReader(options.processEntities);
      const xmlLen = xmlData.length;
      for (let i = 0; i < xmlLen; i++) {
        const ch = xmlData[i];
        if (ch === "<") {
          const c1 = xmlData.charCodeAt(i + 1);
          if (c1 === 47) {
            const closeIndex = findClosingIndex(xmlData, ">", i, "Closing Tag is not closed.");
            let tagName = xmlData.substring(i + 2, closeIndex).trim();
            if (options.removeNSPrefix) {
              const colonIndex = tagName.indexOf(":");
              if (colonIndex !== -1) {
                tagName = tagName.substr(colonIndex + 1);
              }
            }
            tagName = transformTagName(options.transformTagName, tagName, "", options).tagName;
            if (currentNode) {
              textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
            }
            const lastTagName = this.matcher.getCurrentTag();
            if (tagName && options.unpairedTagsSet.has(tagName)) {
              throw new Error(`Unpaired tag can not be used as closing tag: </${tagName}>`);
            }
            if (lastTagName && options.unpairedTagsSet.has(lastTagName)) {
              this.matcher.pop();
              this.tagsNodeStack.pop();
            }
            this.matcher.pop();
            this.isCurrentNodeStopNode = false;
            currentNode = this.tagsNodeStack.pop() || xmlObj;
            if (options.captureMetaData && currentNode) {
              currentNode.addEndIndex(getOriginalIndex(closeIndex + 1, crlfPositions));
            }
            textData = "";
            i = closeIndex;
          } else if (c1 === 63) {
            let tagData = readTagExp(xmlData, i, false, "?>");
            if (!tagData) throw new Error("Pi Tag is not closed.");
            textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
            const attsMap = this.buildAttributesMap(tagData.tagExp, this.matcher, tagData.tagName, true);
            if (attsMap) {
              const ver = attsMap[this.options.attributeNamePrefix + "version"];
              this.entityDecoder.setXmlVersion(Number(ver) || 1);
              docTypeReader.setXmlVersion(Number(ver) || 1);
            }
            if (options.ignoreDeclaration && tagData.tagName === "?xml" || options.ignorePiTags) {
            } else {
              const childNode = new XmlNode(tagData.tagName);
              childNode.add(options.textNodeName, "");
              if (tagData.tagName !== tagData.tagExp && tagData.attrExpPresent && options.ignoreAttributes !== true) {
                childNode[":@"] = attsMap;
              }
              const startIndex = options.captureMetaData ? getOriginalIndex(i, crlfPositions) : i;
              this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
              if (options.captureMetaData) {
                currentNode.addEndIndex(getOriginalIndex(tagData.closeIndex + 2, crlfPositions));
              }
            }
            i = tagData.closeIndex + 1;
          } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 45 && xmlData.charCodeAt(i + 3) === 45) {
            const endIndex = findClosingIndex(xmlData, "-->", i + 4, "Comment is not closed.");
            if (options.commentPropName) {
              const comment = xmlData.substring(i + 4, endIndex - 2);
              textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
              currentNode.add(options.commentPropName, [{ [options.textNodeName]: comment }]);
            }
            i = endIndex;
          } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 68) {
            if (this.doctypefound) throw new Error("Multiple DOCTYPE declarations found.");
            this.doctypefound = true;
            const result = docTypeReader.readDocType(xmlData, i);
            this.entityDecoder.addInputEntities(result.entities);
            i = result.i;
          } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 91) {
            const closeIndex = findClosingIndex(xmlData, "]]>", i, "CDATA is not closed.") - 2;
            const tagExp = xmlData.substring(i + 9, closeIndex);
            textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
            let val = this.parseTextData(tagExp, currentNode.tagname, this.readonlyMatcher, true, false, true, true);
            if (val == void 0) val = "";
            if (options.cdataPropName) {
              currentNode.add(options.cdataPropName, [{ [options.textNodeName]: tagExp }]);
            } else {
              currentNode.add(options.textNodeName, val);
            }
            i = closeIndex + 2;
          } else {
            let result = readTagExp(xmlData, i, options.removeNSPrefix);
            if (!result) {
              const context = xmlData.substring(Math.max(0, i - 50), Math.min(xmlLen, i + 50));
              throw new Error(`readTagExp returned undefined at position ${i}. Context: "${context}"`);
            }
            let tagName = result.tagName;
            const rawTagName = result.rawTagName;
            let tagExp = result.tagExp;
            let attrExpPresent = result.attrExpPresent;
            let closeIndex = result.closeIndex;
            ({ tagName, tagExp } = transformTagName(options.transformTagName, tagName, tagExp, options));
            if (options.strictReservedNames && (tagName === options.commentPropName || tagName === options.cdataPropName || tagName === options.textNodeName || tagName === options.attributesGroupName)) {
              throw new Error(`Invalid tag name: ${tagName}`);
            }
            if (currentNode && textData) {
              if (currentNode.tagname !== "!xml") {
                textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher, false);
              }
            }
            const lastTag = currentNode;
            if (lastTag && options.unpairedTagsSet.has(lastTag.tagname)) {
              currentNode = this.tagsNodeStack.pop();
              this.matcher.pop();
            }
            let isSelfClosing = false;
            if (tagExp.length > 0 && tagExp.lastIndexOf("/") === tagExp.length - 1) {
              isSelfClosing = true;
              if (tagName[tagName.length - 1] === "/") {
                tagName = tagName.substr(0, tagName.length - 1);
                tagExp = tagName;
              } else {
                tagExp = tagExp.substr(0, tagExp.length - 1);
              }
              attrExpPresent = tagName !== tagExp;
            }
            let prefixedAttrs = null;
            let rawAttrs = {};
            let namespace = void 0;
            namespace = extractNamespace(rawTagName);
            if (tagName !== xmlObj.tagname) {
              this.matcher.push(tagName, {}, namespace);
            }
            if (tagName !== tagExp && attrExpPresent) {
              prefixedAttrs = this.buildAttributesMap(tagExp, this.matcher, tagName);
              if (prefixedAttrs) {
                rawAttrs = extractRawAttributes(prefixedAttrs, options);
              }
            }
            if (tagName !== xmlObj.tagname) {
              this.isCurrentNodeStopNode = this.isItStopNode();
            }
            const startIndex = options.captureMetaData ? getOriginalIndex(i, crlfPositions) : i;
            if (this.isCurrentNodeStopNode) {
              let tagContent = "";
              if (isSelfClosing) {
                i = result.closeIndex;
              } else if (options.unpairedTagsSet.has(tagName)) {
                i = result.closeIndex;
              } else {
                const result2 = this.readStopNodeData(xmlData, rawTagName, closeIndex + 1);
                if (!result2) throw new Error(`Unexpected end of ${rawTagName}`);
                i = result2.i;
                tagContent = result2.tagContent;
              }
              const childNode = new XmlNode(tagName);
              if (prefixedAttrs) {
                childNode[":@"] = prefixedAttrs;
              }
              childNode.add(options.textNodeName, tagContent);
              this.matcher.pop();
              this.isCurrentNodeStopNode = false;
              this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
              if (options.captureMetaData) {
                currentNode.addEndIndex(getOriginalIndex(i + 1, crlfPositions));
              }
            } else {
              if (isSelfClosing) {
                ({ tagName, tagExp } = transformTagName(options.transformTagName, tagName, tagExp, options));
                const childNode = new XmlNode(tagName);
                if (prefixedAttrs) {
                  childNode[":@"] = prefixedAttrs;
                }
                this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
                if (options.captureMetaData) {
                  currentNode.addEndIndex(getOriginalIndex(closeIndex + 1, crlfPositions));
                }
                this.matcher.pop();
                this.isCurrentNodeStopNode = false;
              } else if (options.unpairedTagsSet.has(tagName)) {
                const childNode = new XmlNode(tagName);
                if (prefixedAttrs) {
                  childNode[":@"] = prefixedAttrs;
                }
                this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
                if (options.captureMetaData) {
                  currentNode.addEndIndex(getOriginalIndex(result.closeIndex + 1, crlfPositions));
                }
                this.matcher.pop();
                this.isCurrentNodeStopNode = false;
                i = result.closeIndex;
                continue;
              } else {
                const childNode = new XmlNode(tagName);
                if (this.tagsNodeStack.length > options.maxNestedTags) {
                  throw new Error("Maximum nested tags exceeded");
                }
                this.tagsNodeStack.push(currentNode);
                if (prefixedAttrs) {
                  childNode[":@"] = prefixedAttrs;
                }
                this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
                currentNode = childNode;
              }
              textData = "";
              i = closeIndex;
            }
          }
        } else {
          textData += xmlData[i];
        }
      }
      return xmlObj.child;
    };
  }
});

// node_modules/fast-xml-parser/src/xmlparser/node2json.js
function stripAttributePrefix(attrs, prefix) {
  if (!attrs || typeof attrs !== "object") return {};
  if (!prefix) return attrs;
  const rawAttrs = {};
  for (const key in attrs) {
    if (key.startsWith(prefix)) {
      const rawName = key.substring(prefix.length);
      rawAttrs[rawName] = attrs[key];
    } else {
      rawAttrs[key] = attrs[key];
    }
  }
  return rawAttrs;
}
function prettify(node, options, matcher, readonlyMatcher) {
  return compress(node, options, matcher, readonlyMatcher);
}
function compress(arr, options, matcher, readonlyMatcher) {
  let text2;
  const compressedObj = {};
  for (let i = 0; i < arr.length; i++) {
    const tagObj = arr[i];
    const property = propName(tagObj);
    if (property !== void 0 && property !== options.textNodeName) {
      const rawAttrs = stripAttributePrefix(
        tagObj[":@"] || {},
        options.attributeNamePrefix
      );
      matcher.push(property, rawAttrs);
    }
    if (property === options.textNodeName) {
      if (text2 === void 0) text2 = tagObj[property];
      else text2 += "" + tagObj[property];
    } else if (property === void 0) {
      continue;
    } else if (tagObj[property]) {
      let val = compress(tagObj[property], options, matcher, readonlyMatcher);
      const isLeaf = isLeafTag(val, options);
      if (Object.keys(val).length === 0 && options.alwaysCreateTextNode) {
        val[options.textNodeName] = "";
      }
      if (tagObj[":@"]) {
        assignAttributes(val, tagObj[":@"], readonlyMatcher, options);
      } else if (Object.keys(val).length === 1 && val[options.textNodeName] !== void 0 && !options.alwaysCreateTextNode) {
        val = val[options.textNodeName];
      } else if (Object.keys(val).length === 0) {
        if (options.alwaysCreateTextNode) val[options.textNodeName] = "";
        else val = "";
      }
      if (tagObj[METADATA_SYMBOL2] !== void 0 && typeof val === "object" && val !== null) {
        val[METADATA_SYMBOL2] = tagObj[METADATA_SYMBOL2];
      }
      if (compressedObj[property] !== void 0 && Object.prototype.hasOwnProperty.call(compressedObj, property)) {
        if (!Array.isArray(compressedObj[property])) {
          compressedObj[property] = [compressedObj[property]];
        }
        compressedObj[property].push(val);
      } else {
        const jPathOrMatcher = options.jPath ? readonlyMatcher.toString() : readonlyMatcher;
        if (options.isArray(property, jPathOrMatcher, isLeaf)) {
          compressedObj[property] = [val];
        } else {
          compressedObj[property] = val;
        }
      }
      if (property !== void 0 && property !== options.textNodeName) {
        matcher.pop();
      }
    }
  }
  if (typeof text2 === "string") {
    if (text2.length > 0) compressedObj[options.textNodeName] = text2;
  } else if (text2 !== void 0) compressedObj[options.textNodeName] = text2;
  return compressedObj;
}
function propName(obj2) {
  const keys = Object.keys(obj2);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== ":@") return key;
  }
}
function assignAttributes(obj2, attrMap, readonlyMatcher, options) {
  if (attrMap) {
    const keys = Object.keys(attrMap);
    const len = keys.length;
    for (let i = 0; i < len; i++) {
      const atrrName = keys[i];
      const rawAttrName = atrrName.startsWith(options.attributeNamePrefix) ? atrrName.substring(options.attributeNamePrefix.length) : atrrName;
      const jPathOrMatcher = options.jPath ? readonlyMatcher.toString() + "." + rawAttrName : readonlyMatcher;
      if (options.isArray(atrrName, jPathOrMatcher, true, true)) {
        obj2[atrrName] = [attrMap[atrrName]];
      } else {
        obj2[atrrName] = attrMap[atrrName];
      }
    }
  }
}
function isLeafTag(obj2, options) {
  const { textNodeName } = options;
  const propCount = Object.keys(obj2).length;
  if (propCount === 0) {
    return true;
  }
  if (propCount === 1 && (obj2[textNodeName] || typeof obj2[textNodeName] === "boolean" || obj2[textNodeName] === 0)) {
    return true;
  }
  return false;
}
var METADATA_SYMBOL2;
var init_node2json = __esm({
  "node_modules/fast-xml-parser/src/xmlparser/node2json.js"() {
    "use strict";
    init_xmlNode();
    METADATA_SYMBOL2 = XmlNode.getMetaDataSymbol();
  }
});

// node_modules/fast-xml-parser/src/xmlparser/XMLParser.js
var XMLParser;
var init_XMLParser = __esm({
  "node_modules/fast-xml-parser/src/xmlparser/XMLParser.js"() {
    init_OptionsBuilder();
    init_OrderedObjParser();
    init_node2json();
    init_validator();
    init_xmlNode();
    XMLParser = class {
      constructor(options) {
        this.externalEntities = {};
        this.options = buildOptions(options);
      }
      /**
       * Parse XML dats to JS object 
       * @param {string|Uint8Array} xmlData 
       * @param {boolean|Object} validationOption 
       */
      parse(xmlData, validationOption) {
        if (typeof xmlData !== "string" && xmlData.toString) {
          if (xmlData instanceof Uint8Array && !(typeof Buffer !== "undefined" && Buffer.isBuffer(xmlData))) {
            xmlData = new TextDecoder("utf-8", { ignoreBOM: true }).decode(xmlData);
          } else {
            xmlData = xmlData.toString();
          }
        } else if (typeof xmlData !== "string") {
          throw new Error("XML data is accepted in String or Bytes[] form.");
        }
        if (validationOption) {
          if (validationOption === true) validationOption = {};
          const result = validate(xmlData, validationOption);
          if (result !== true) {
            throw Error(`${result.err.msg}:${result.err.line}:${result.err.col}`);
          }
        }
        const orderedObjParser = new OrderedObjParser(this.options, this.externalEntities);
        const orderedResult = orderedObjParser.parseXml(xmlData);
        if (this.options.preserveOrder || orderedResult === void 0) return orderedResult;
        else return prettify(orderedResult, this.options, orderedObjParser.matcher, orderedObjParser.readonlyMatcher);
      }
      /**
       * Add Entity which is not by default supported by this library
       * @param {string} key 
       * @param {string} value 
       */
      addEntity(key, value) {
        if (value.indexOf("&") !== -1) {
          throw new Error("Entity value can't have '&'");
        } else if (key.indexOf("&") !== -1 || key.indexOf(";") !== -1) {
          throw new Error("An entity must be set without '&' and ';'. Eg. use '#xD' for '&#xD;'");
        } else if (value === "&") {
          throw new Error("An entity with value '&' is not permitted");
        } else {
          this.externalEntities[key] = value;
        }
      }
      /**
       * Returns a Symbol that can be used to access the metadata
       * property on a node.
       * 
       * If Symbol is not available in the environment, an ordinary property is used
       * and the name of the property is here returned.
       * 
       * The XMLMetaData property is only present when `captureMetaData`
       * is true in the options.
       */
      static getMetaDataSymbol() {
        return XmlNode.getMetaDataSymbol();
      }
    };
  }
});

// node_modules/fast-xml-parser/src/fxp.js
var init_fxp = __esm({
  "node_modules/fast-xml-parser/src/fxp.js"() {
    "use strict";
    init_XMLParser();
  }
});

// src/report/parsers/junit.ts
function candidatesFromClassname(classname) {
  const parts = classname.split(".").filter(Boolean);
  const out = [];
  for (let n = parts.length; n >= 1; n--) out.push(`${parts.slice(0, n).join("/")}.py`);
  return out;
}
function parseJunit(xml, opts) {
  const { annotations, dropped } = parseJunitReport(xml, opts);
  return { annotations, dropped };
}
function junitParser() {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    textNodeName: "#text",
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ["testsuite", "testcase", "failure", "error", "skipped"].includes(name)
  });
}
function problemAnnotation(tc, f, kind, root) {
  const { classname, name, fileAttr, lineAttr } = tc;
  const body = text(f);
  const msg = text(f["@_message"]);
  const candidates2 = fileAttr ? [fileAttr] : candidatesFromClassname(classname);
  const spots = [...body.matchAll(/^([^\s:][^:\n]*\.py):(\d+): /gm)].map((m) => ({
    file: m[1],
    line: Number(m[2])
  }));
  const inTest = spots.filter((s2) => candidates2.some((c) => repoPath(s2.file, root) === repoPath(c, root)));
  const spot = inTest.at(-1) ?? spots.at(-1);
  let file = spot?.file ?? candidates2[candidates2.length > 1 ? 1 : 0] ?? "";
  let line2 = spot?.line ?? (Number.isInteger(lineAttr) && lineAttr >= 0 ? lineAttr + 1 : 1);
  if (!spot && fileAttr) file = fileAttr;
  const path34 = repoPath(file, root);
  if (path34 === null || line2 < 1) return null;
  if (!Number.isFinite(line2)) line2 = 1;
  return {
    path: path34,
    startLine: line2,
    endLine: line2,
    level: "failure",
    // The test's name is the report's text, so it goes in the message; the title is ours.
    title: `junit: test ${kind}`,
    message: [`${classname ? `${classname}.` : ""}${name}`, msg, body].filter((s2) => s2.trim() !== "").join("\n\n").trim()
  };
}
function parseJunitReport(xml, opts) {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const parser = junitParser();
  let doc;
  try {
    doc = parser.parse(xml);
  } catch {
    return { annotations: [], dropped: 1, valid: false, counts };
  }
  const suites = [...asArray(doc.testsuites?.testsuite), ...asArray(doc.testsuite)];
  const valid = suites.length > 0;
  const annotations = [];
  let dropped = 0;
  for (const suite of suites) {
    for (const tc of asArray(suite.testcase)) {
      counts.tests++;
      if (asArray(tc.failure).length) counts.failures++;
      else if (asArray(tc.error).length) counts.errors++;
      else if (asArray(tc.skipped).length) counts.skipped++;
      const problems = [
        ...asArray(tc.failure).map((f) => ({ f, kind: "failed" })),
        ...asArray(tc.error).map((f) => ({ f, kind: "errored" }))
      ];
      if (problems.length === 0) continue;
      const facts = {
        classname: text(tc["@_classname"]),
        name: text(tc["@_name"]),
        fileAttr: text(tc["@_file"]),
        lineAttr: Number(text(tc["@_line"]))
      };
      for (const { f, kind } of problems) {
        const a = problemAnnotation(facts, f, kind, opts.root);
        if (a) annotations.push(a);
        else dropped++;
      }
    }
  }
  return { annotations, dropped, valid, counts };
}
var asArray, text;
var init_junit = __esm({
  "src/report/parsers/junit.ts"() {
    "use strict";
    init_fxp();
    init_types();
    asArray = (v) => Array.isArray(v) ? v : v && typeof v === "object" ? [v] : [];
    text = (v) => {
      if (typeof v === "string") return v;
      if (typeof v === "number") return String(v);
      if (v && typeof v === "object" && "#text" in v) return text(v["#text"]);
      return "";
    };
  }
});

// src/report/parsers/lean.ts
function leanTitle(message, level) {
  if (SORRY.test(message)) return "build log: declaration uses sorry";
  return level === "failure" ? "build log: Lean error" : level === "warning" ? "build log: Lean warning" : "build log: Lean info";
}
function parseLean2(text2, opts) {
  const out = [];
  let dropped = 0;
  let cur = null;
  const flush = () => {
    if (!cur) return;
    const path34 = repoPath(cur.file.replace(/^(?:\.\/)+/, ""), opts.root);
    const text3 = cur.lines.join("\n").replace(/\s+$/, "");
    const message = cur.name ? `(${cur.name}) ${text3}` : text3;
    if (path34 === null) dropped++;
    else {
      const single = cur.endLine === void 0 || cur.endLine === cur.line;
      out.push({
        path: path34,
        startLine: cur.line,
        endLine: cur.endLine ?? cur.line,
        ...single ? { startColumn: cur.col + 1 } : {},
        ...single && cur.endCol !== void 0 ? { endColumn: cur.endCol + 1 } : {},
        level: cur.level,
        title: leanTitle(text3, cur.level),
        message
      });
    }
    cur = null;
  };
  for (const line2 of stripAnsi(text2).split(/\r?\n/)) {
    if (line2.startsWith("{") && line2.includes('"fileName"')) {
      flush();
      const j = parseJsonMessage(line2, opts.root);
      if (j === "dropped") dropped++;
      else if (j) out.push(j);
      continue;
    }
    const g = (LAKE_MSG.exec(line2) ?? LEAN_MSG.exec(line2))?.groups;
    if (g) {
      flush();
      cur = {
        file: g.file,
        line: Number(g.line),
        col: Number(g.col),
        ...g.endLine ? { endLine: Number(g.endLine), endCol: Number(g.endCol) } : {},
        level: LEVEL2[g.level],
        ...g.name ? { name: g.name } : {},
        lines: [g.msg]
      };
    } else if (LAKE_LINE.test(line2)) {
      flush();
    } else if (cur) {
      cur.lines.push(line2);
    }
  }
  flush();
  return { annotations: out.filter((a) => a.startLine >= 1), dropped };
}
function parseJsonMessage(line2, root) {
  let j;
  try {
    j = JSON.parse(line2);
  } catch {
    return null;
  }
  const o = j;
  const pos = o.pos;
  const end = o.endPos;
  if (typeof o.fileName !== "string" || typeof pos?.line !== "number" || typeof pos.column !== "number")
    return null;
  const level = LEVEL2[String(o.severity)];
  if (!level || typeof o.data !== "string") return null;
  const path34 = repoPath(o.fileName.replace(/^(?:\.\/)+/, ""), root);
  if (path34 === null) return "dropped";
  const endLine = typeof end?.line === "number" ? end.line : pos.line;
  const single = endLine === pos.line;
  const text2 = o.data.replace(/\s+$/, "");
  const kind = typeof o.kind === "string" && o.kind !== "" ? o.kind.slice(0, 100) : void 0;
  const message = kind && kind !== "hasSorry" ? `(${kind}) ${text2}` : text2;
  return {
    path: path34,
    startLine: pos.line,
    endLine,
    ...single ? { startColumn: pos.column + 1 } : {},
    ...single && typeof end?.column === "number" ? { endColumn: end.column + 1 } : {},
    level,
    title: kind === "hasSorry" ? "build log: declaration uses sorry" : leanTitle(text2, level),
    message
  };
}
var LEVEL2, LEAN_MSG, LAKE_MSG, LAKE_LINE, SORRY;
var init_lean2 = __esm({
  "src/report/parsers/lean.ts"() {
    "use strict";
    init_types();
    LEVEL2 = {
      error: "failure",
      warning: "warning",
      info: "notice",
      information: "notice"
    };
    LEAN_MSG = /^(?<file>.+?):(?<line>\d+):(?<col>\d+)(?:-(?<endLine>\d+):(?<endCol>\d+))?: (?<level>error|warning|info)(?:\((?<name>[\w.]+)\))?: ?(?<msg>.*)$/;
    LAKE_MSG = /^(?<level>error|warning|info): (?<file>.+?\.lean):(?<line>\d+):(?<col>\d+)(?:-(?<endLine>\d+):(?<endCol>\d+))?: (?<msg>.*)$/;
    LAKE_LINE = /^(?:[✔ℹ⚠✖] \[\d+\/\d+\] |error: Lean exited with code|Some required (?:targets|builds) logged failures:|- \S+$|error: build failed|Build completed successfully|⣿|trace: )/;
    SORRY = /declaration uses (?:'sorry'|`sorry`)/;
  }
});

// src/sandbox/container-files.ts
async function readContainerFile(engine, id, file) {
  const stream = await engine.getArchive(id, file).catch(() => null);
  if (!stream) return null;
  const extract = import_tar_stream5.default.extract();
  const chunks2 = [];
  let regular = false;
  extract.on("entry", (h, s2, next) => {
    if (h.type === "file" && (h.size ?? 0) <= MAX_BYTES) {
      regular = true;
      s2.on("data", (c) => chunks2.push(c));
    }
    s2.on("end", next);
    s2.resume();
  });
  try {
    await new Promise((resolve, reject) => {
      extract.on("finish", resolve);
      extract.on("error", reject);
      stream.pipe(extract);
    });
  } finally {
    if (!stream.readableEnded) stream.destroy();
  }
  return regular ? Buffer.concat(chunks2).toString("utf8") : null;
}
var import_tar_stream5, MAX_BYTES;
var init_container_files = __esm({
  "src/sandbox/container-files.ts"() {
    "use strict";
    import_tar_stream5 = __toESM(require_tar_stream(), 1);
    MAX_BYTES = 4 * 1024 * 1024;
  }
});

// src/sandbox/audit.ts
async function checkProtected(engine, buildContainer, files) {
  const out = [];
  for (const f of files) {
    const base = await import_promises4.default.readFile(f.baseFile, "utf8").catch(() => null);
    if (base === null) {
      out.push({ path: f.path, name: "*", detail: `the base file ${f.baseFile} cannot be read` });
      continue;
    }
    const now = await readContainerFile(engine, buildContainer, `${WORK_DIR}/${f.path}`);
    if (now === null) {
      out.push({ path: f.path, name: "*", detail: "the file is missing from /work after the build" });
      continue;
    }
    for (const c of protectedChanges(base, now, declaredTheorems(base))) out.push({ path: f.path, ...c });
  }
  return out;
}
async function runAudit(engine, spec, plan2, labels, buildContainer) {
  const audit = spec.verdict.audit;
  const changed = await checkProtected(engine, buildContainer, audit.protected);
  const nonce = import_node_crypto5.default.randomBytes(16).toString("hex");
  const file = auditFile(audit.modules, audit.targets, nonce);
  const id = await engine.createContainer(auditContainer(plan2, labels, file));
  try {
    const { output, size: size2, exit } = await runCapped(engine, id);
    const targets = judgeAudit(output, audit.targets, nonce, audit.allow);
    const report = {
      ok: targets.every((t) => t.status === "ok") && changed.length === 0,
      protectedChanges: changed,
      allow: audit.allow,
      targets,
      exitCode: exit,
      outputBytes: size2
    };
    const protectedNotes = changed.map((c) => ({
      path: c.path,
      startLine: 1,
      endLine: 1,
      level: "failure",
      title: "protected statement changed",
      message: `${c.name}: ${c.detail}`
    }));
    return {
      report,
      annotations: [...protectedNotes, ...auditAnnotations(targets, () => null)],
      output: output.replaceAll(nonce, "<nonce>")
    };
  } finally {
    await engine.removeContainer(id);
  }
}
function auditContainer(plan2, labels, file) {
  const work = plan2.readOnlySource ? { type: "bind", source: plan2.readOnlySource, target: WORK_DIR, readOnly: true } : {
    type: "volume",
    source: plan2.volumes.find((v) => v.role === "work").name,
    target: WORK_DIR,
    readOnly: true
  };
  const tmp = plan2.container.mounts.find((m) => m.target === "/tmp");
  const c = {
    ...plan2.container,
    name: `${plan2.container.name}-audit`,
    labels: { ...labels, [LABEL_ROLE]: "audit" },
    entrypoint: ["sh"],
    cmd: ["-c", 'printf "%s" "$SANDBOX_AUDIT_FILE" > /tmp/Audit.lean && exec lake env lean /tmp/Audit.lean'],
    env: [`SANDBOX_AUDIT_FILE=${file}`],
    mounts: [work, tmp],
    networkMode: "none",
    readOnlyRootfs: true
  };
  delete c.dns;
  if (c.runtime === "runsc-host") c.runtime = "runsc";
  return c;
}
async function runCapped(engine, id) {
  const chunks2 = [];
  let size2 = 0;
  const attached = await engine.attach(id, (_s, chunk) => {
    if (size2 < OUTPUT_CAP) chunks2.push(Buffer.from(chunk.subarray(0, OUTPUT_CAP - size2)));
    size2 += chunk.length;
  });
  const watch2 = await engine.watchExit(id);
  await engine.startContainer(id);
  let timer;
  const exit = await Promise.race([
    watch2.exit,
    new Promise((r) => timer = setTimeout(() => r(null), AUDIT_TIMEOUT_MS))
  ]).finally(() => clearTimeout(timer));
  if (exit === null) await engine.killContainer(id, "KILL");
  await Promise.race([attached.done, new Promise((r) => setTimeout(r, 3e3).unref())]);
  attached.close();
  return { output: Buffer.concat(chunks2).toString("utf8"), size: size2, exit };
}
var import_node_crypto5, import_promises4, OUTPUT_CAP, AUDIT_TIMEOUT_MS;
var init_audit2 = __esm({
  "src/sandbox/audit.ts"() {
    "use strict";
    import_node_crypto5 = __toESM(require("node:crypto"), 1);
    import_promises4 = __toESM(require("node:fs/promises"), 1);
    init_audit();
    init_container_files();
    init_plan();
    OUTPUT_CAP = 4 * 1024 * 1024;
    AUDIT_TIMEOUT_MS = 20 * 6e4;
  }
});

// src/sandbox/stages/collect.ts
async function collect(ctx, spec, box, p, timedOut) {
  const { deps } = ctx;
  const { engine } = deps;
  const t = Date.now();
  let outputs = emptyOutputs(spec.io.outputDir);
  if (spec.io.outputDir) {
    const dest = spec.io.outputDir;
    await prepareOutputDir(dest, "--output-dir");
    const sizes = await ctx.race(
      Promise.all(
        spec.verdict.declared.map(async (rel) => {
          const st = await engine.statPath(box.id, `${OUTPUT_DIR}/${rel}`);
          return st && (st.mode & GO_MODE_TYPE) === 0 ? st.size : null;
        })
      )
    );
    const plan2 = { paths: spec.verdict.declared, reservedBytes: reserveFor(sizes, spec.limits.outputCaps) };
    const stream = await engine.getArchive(box.id, OUTPUT_DIR);
    try {
      outputs = await ctx.race(collectTar(stream, dest, OUTPUT_DIR.slice(1), spec.limits.outputCaps, plan2));
    } finally {
      if (!stream.readableEnded) stream.destroy();
    }
  }
  const parsed = spec.verdict.annotate ? await annotate(ctx, box) : { annotations: [], dropped: 0 };
  const state = spec.io.stateDir ? await collectState(ctx, spec, box.id) : null;
  let audit = null;
  if (spec.verdict.audit && !timedOut) {
    ctx.check();
    deps.notice(
      `proof audit: ${spec.verdict.audit.targets.length} target(s) in a fresh sandbox, /work read-only, no network`
    );
    const a = await ctx.race(runAudit(engine, spec, p, ctx.labels, box.id));
    audit = { report: a.report, annotations: a.annotations };
    for (const x of a.report.targets) {
      deps.notice(`proof audit: ${x.target}: ${x.status}${"axioms" in x ? ` [${x.axioms.join(", ")}]` : ""}`);
    }
  }
  return {
    outputs,
    state,
    annotations: parsed.annotations.slice(0, MAX_ANNOTATIONS),
    annotationsDropped: parsed.dropped + Math.max(0, parsed.annotations.length - MAX_ANNOTATIONS),
    audit,
    collectMs: Date.now() - t
  };
}
async function annotate(ctx, box) {
  const a = ctx.spec.verdict.annotate;
  if (a.parser !== "junit") {
    const log = box.capture?.text() ?? "";
    return a.parser === "lean" ? parseLean2(log, { root: WORK_DIR }) : parseGeneric(log, { root: WORK_DIR });
  }
  const text2 = await readCollected(ctx.spec.io.outputDir, a.file, ANNOTATE_FILE_CAP);
  return text2 ? parseJunit(text2.toString("utf8"), { root: WORK_DIR }) : { annotations: [], dropped: 0 };
}
async function readCollected(dir, rel, cap) {
  const file = import_node_path9.default.join(dir, rel);
  if (!file.startsWith(import_node_path9.default.resolve(dir) + import_node_path9.default.sep)) return null;
  let fd;
  try {
    fd = import_node_fs7.default.openSync(file, import_node_fs7.default.constants.O_RDONLY | import_node_fs7.default.constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  try {
    const st = import_node_fs7.default.fstatSync(fd);
    if (!st.isFile() || st.size > cap) return null;
    return import_node_fs7.default.readFileSync(fd);
  } finally {
    import_node_fs7.default.closeSync(fd);
  }
}
async function collectState(ctx, spec, id) {
  const { deps } = ctx;
  const dir = spec.io.stateDir;
  const fresh = `${dir.replace(/\/+$/, "")}.sandbox-${ctx.runId}`;
  await import_promises5.default.rm(fresh, { recursive: true, force: true });
  await import_promises5.default.mkdir(fresh, { recursive: true, mode: 493 });
  const stream = await deps.engine.getArchive(id, STATE_DIR);
  try {
    const r = await ctx.race(
      collectTar(stream, fresh, STATE_DIR.slice(1), {
        maxTotalBytes: spec.limits.stateSizeBytes,
        maxFiles: DEFAULTS.maxStateFiles,
        maxFileBytes: spec.limits.stateSizeBytes
      })
    );
    await import_promises5.default.rm(dir, { recursive: true, force: true });
    await import_promises5.default.rename(fresh, dir);
    return {
      dir,
      files: r.files,
      bytes: r.bytes,
      skippedCount: r.skippedCount,
      skippedByReason: r.skippedByReason
    };
  } catch (err) {
    await import_promises5.default.rm(fresh, { recursive: true, force: true });
    throw err;
  } finally {
    if (!stream.readableEnded) stream.destroy();
  }
}
var import_node_fs7, import_promises5, import_node_path9, MAX_ANNOTATIONS, GO_MODE_TYPE, ANNOTATE_FILE_CAP;
var init_collect2 = __esm({
  "src/sandbox/stages/collect.ts"() {
    "use strict";
    import_node_fs7 = __toESM(require("node:fs"), 1);
    import_promises5 = __toESM(require("node:fs/promises"), 1);
    import_node_path9 = __toESM(require("node:path"), 1);
    init_run_options();
    init_collect();
    init_generic();
    init_junit();
    init_lean2();
    init_audit2();
    init_plan();
    MAX_ANNOTATIONS = 1e4;
    GO_MODE_TYPE = 1 << 31 | 1 << 27 | 1 << 26 | 1 << 25 | 1 << 24 | 1 << 21 | 1 << 19;
    ANNOTATE_FILE_CAP = 16 * 1024 * 1024;
  }
});

// src/sandbox/outside-stop.ts
function outsideStop(e) {
  if (e.outside.length) {
    const what = [...new Set(e.outside)].join(", ");
    return `the engine stopped the container (${what}, not sent by this run: an engine restart or shutdown, or a stop or kill from the host); the command's exit code says nothing about the command`;
  }
  if (e.endedEarly) {
    return "the engine's event stream ended while the command ran (the engine stopped or restarted); the command's exit code says nothing about the command";
  }
  return null;
}
var DIE_EVENT_GRACE_MS, StopWatch;
var init_outside_stop = __esm({
  "src/sandbox/outside-stop.ts"() {
    "use strict";
    DIE_EVENT_GRACE_MS = 1e3;
    StopWatch = class {
      kills = [];
      ourKill = false;
      died = false;
      ended = false;
      dieSeen = () => void 0;
      dieOrEnd;
      follow = null;
      constructor() {
        this.dieOrEnd = new Promise((r) => this.dieSeen = r);
      }
      async start(engine, id) {
        this.follow = await engine.followEvents(id, ["kill", "stop", "die"], (e) => {
          if (this.died) return;
          if (e.action === "kill" && !this.ourKill)
            this.kills.push(`kill with signal ${e.attributes.signal ?? "?"}`);
          if (e.action === "stop" && !this.ourKill) this.kills.push("stop");
          if (e.action === "die") {
            this.died = true;
            this.dieSeen();
          }
        });
        void this.follow.ended.then(() => {
          this.ended = true;
          this.dieSeen();
        });
      }
      /** The run is about to kill the container itself (a timeout, a refused self-check, a stop of the run). */
      ours() {
        this.ourKill = true;
      }
      /** The evidence once the `die` event came, the stream ended, or the grace passed after the exit. */
      async evidence(graceMs = DIE_EVENT_GRACE_MS) {
        let t;
        await Promise.race([this.dieOrEnd, new Promise((r) => t = setTimeout(r, graceMs))]);
        clearTimeout(t);
        return { outside: [...this.kills], died: this.died, endedEarly: this.ended && !this.died };
      }
      close() {
        this.follow?.close();
      }
    };
  }
});

// src/sandbox/stages/command.ts
async function runCommand(ctx, box, net3, logs, timeoutMs = ctx.spec.limits.timeoutMs) {
  const { engine } = ctx.deps;
  logs.begin();
  const startedAt = Date.now();
  let timedOut = false;
  let timer;
  try {
    await ctx.race(engine.startContainer(box.id));
    const deadline = new Promise((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const first = await Promise.race([box.watch.exit, deadline, ctx.stopped]);
    if (first === "timeout") {
      timedOut = true;
      await box.kill();
      await Promise.race([box.watch.exit, engine.waitContainer(box.id)]);
    }
  } catch (err) {
    await box.kill().catch(() => void 0);
    await endLog(box, logs);
    throw err;
  } finally {
    clearTimeout(timer);
  }
  const endedAt = Date.now();
  await net3.stop();
  const log = await endLog(box, logs);
  ctx.check();
  const state = await engine.inspectContainer(box.id);
  const evidence = await box.stops.evidence();
  if (evidence.outside.length) ctx.engineStopped = true;
  const outside = outsideStop(evidence);
  if (outside) throw new EngineError(engine.info.name, "run the command", outside);
  return {
    commandExitCode: timedOut ? null : state.exitCode,
    timedOut,
    oomKilled: state.oomKilled,
    startedAt,
    endedAt,
    log
  };
}
async function endLog(box, logs) {
  let t;
  await Promise.race([box.attached.done, new Promise((r) => t = setTimeout(r, ATTACH_DRAIN_MS))]);
  clearTimeout(t);
  box.attached.close();
  box.pipe.end();
  return logs.end();
}
var ATTACH_DRAIN_MS;
var init_command = __esm({
  "src/sandbox/stages/command.ts"() {
    "use strict";
    init_errors();
    init_outside_stop();
    ATTACH_DRAIN_MS = 3e3;
  }
});

// src/sandbox/volumes.ts
async function freeBytesOf(dir) {
  try {
    await import_promises8.default.mkdir(dir, { recursive: true, mode: 448 });
    const st = await import_promises8.default.statfs(dir);
    return Number(st.bavail) * Number(st.bsize);
  } catch {
    return null;
  }
}
function defaultVolumeHost(stateDir, isRoot, sharedWithEngine = true, deferDiscard = false) {
  return {
    ...deferDiscard ? { discard: (image) => discardInBackground(stateDir, image) } : {},
    stateDir,
    sharedWithEngine,
    async privileged(cmd, args) {
      const { stdout } = isRoot ? await run2(cmd, args) : await run2("sudo", ["-n", cmd, ...args]);
      return stdout.trim();
    },
    async tool(cmd, args) {
      const { stdout } = await run2(cmd, args);
      return stdout.trim();
    },
    freeBytes: () => freeBytesOf(stateDir)
  };
}
function loopToolsReason(host) {
  const known = toolChecks.get(host);
  if (known) return known;
  const ok = (p) => p.then(
    () => true,
    () => false
  );
  const check2 = Promise.all([
    ok(host.tool("mkfs.ext4", ["-V"])),
    ok(host.privileged("losetup", ["--version"]))
  ]).then(
    ([mkfs, losetup]) => !mkfs ? "mkfs.ext4 is not installed (apt-get install e2fsprogs)" : !losetup ? "losetup needs root or passwordless sudo" : null
  );
  toolChecks.set(host, check2);
  return check2;
}
async function discardInBackground(stateDir, image) {
  const dir = import_node_path14.default.join(stateDir, DISCARD_DIR);
  const target = import_node_path14.default.join(dir, import_node_path14.default.basename(image));
  try {
    await import_promises8.default.mkdir(dir, { recursive: true, mode: 448 });
    await import_promises8.default.rename(image, target);
  } catch {
    await import_promises8.default.rm(image, { force: true });
    return;
  }
  const child = (0, import_node_child_process2.spawn)("rm", ["-f", "--", target], { detached: true, stdio: "ignore" });
  child.on("error", () => void 0);
  child.unref();
}
async function loopUnavailableReason(engine, host) {
  if (!engine.info.local) return "the engine is remote, so a loop device here would not reach it";
  if (host.sharedWithEngine === false) {
    return "the job runs in act's container, whose files and loop devices the engine does not see";
  }
  if (engine.info.rootless) {
    return `the engine is rootless ${engine.info.name}, which cannot mount an ext4 volume (the kernel lets only real root mount one)`;
  }
  return loopToolsReason(host);
}
async function chooseBackend(wanted, engine, host) {
  if (wanted === "tmpfs" || wanted === "unbounded") return { backend: wanted, note: null };
  const why = await loopUnavailableReason(engine, host);
  if (why === null) return { backend: "loop", note: null };
  if (wanted === "loop") throw new EngineError(engine.info.name, "create a loop volume", why);
  return {
    backend: "tmpfs",
    note: `volumes are size-capped tmpfs, counted against memory: ${why}`
  };
}
async function createVolume(engine, host, backend, v, owner, labels) {
  const base = { name: v.name, role: v.role, mount: v.mount, sizeBytes: v.sizeBytes, backend };
  const volLabels = { ...labels, [LABEL_ROLE]: v.role };
  if (backend === "tmpfs") {
    await engine.createVolume({
      name: v.name,
      driver: "local",
      driverOpts: {
        type: "tmpfs",
        device: "tmpfs",
        o: `${tmpfsSize(engine, v)},uid=${owner.uid},gid=${owner.gid},mode=0755,nosuid,nodev`
      },
      labels: volLabels
    });
    return { ...base, enforced: true, reserved: false, remove: () => engine.removeVolume(v.name) };
  }
  if (backend === "unbounded") {
    await engine.createVolume({ name: v.name, driver: "local", driverOpts: {}, labels: volLabels });
    return { ...base, enforced: false, reserved: false, remove: () => engine.removeVolume(v.name) };
  }
  return createLoopVolume(engine, host, v, owner, volLabels, base);
}
async function createLoopVolume(engine, host, v, owner, volLabels, base) {
  const image = import_node_path14.default.join(host.stateDir, `${v.name}.img`);
  await import_promises8.default.mkdir(host.stateDir, { recursive: true, mode: 448 });
  const fh = await import_promises8.default.open(image, "wx", 384);
  let device = null;
  let created = false;
  let madeOnce = false;
  const remove = async () => {
    if (created) await engine.removeVolume(v.name);
    created = false;
    if (device) await host.privileged("losetup", ["-d", device]).catch(() => void 0);
    device = null;
    if (host.discard && madeOnce) await host.discard(image);
    else await import_promises8.default.rm(image, { force: true });
  };
  try {
    await fh.close();
    await makeImage(engine, host, image, v, owner);
    device = await host.privileged("losetup", ["--find", "--show", image]);
    await engine.createVolume({
      name: v.name,
      driver: "local",
      driverOpts: { type: "ext4", device, o: "nosuid,nodev" },
      labels: { ...volLabels, [LABEL_LOOP_DEVICE]: device, [LABEL_LOOP_IMAGE]: image }
    });
    created = madeOnce = true;
    return { ...base, enforced: true, reserved: true, remove };
  } catch (err) {
    await remove().catch(() => void 0);
    throw err;
  }
}
async function makeImage(engine, host, image, v, owner) {
  try {
    await host.tool("fallocate", ["-l", String(v.sizeBytes), image]);
  } catch (err) {
    throw new ReservationError(
      engine.info.name,
      `reserve ${v.sizeBytes} bytes for ${v.mount}`,
      `fallocate of ${image} failed: ${errorMessage(err).split("\n").slice(-2).join(" ").trim()}`,
      "free space on that filesystem, lower the volume caps, or set SANDBOX_ACTION_STATE_DIR to a larger one"
    );
  }
  await host.tool("mkfs.ext4", [
    "-q",
    "-F",
    "-m",
    "0",
    "-O",
    "^has_journal",
    "-E",
    `root_owner=${owner.uid}:${owner.gid},lazy_itable_init=1,nodiscard`,
    image
  ]);
  await host.tool("debugfs", ["-w", "-R", "rmdir lost+found", image]);
}
function tmpfsSize(engine, v) {
  if (engine.info.name !== "podman") return `size=${v.sizeBytes}`;
  const blocks = podmanTmpfsBlocks(v.sizeBytes, engine.info.arch);
  if (blocks === null) {
    throw new EngineError(
      engine.info.name,
      `create the ${v.mount} volume`,
      `Podman takes a tmpfs volume's size only in pages, and the page size on ${engine.info.arch} is not known here`,
      "use --volume-backend loop (rootful Podman on this host)"
    );
  }
  return blocks;
}
async function ourLoopDevices(host) {
  let out;
  try {
    out = await host.privileged("losetup", ["--list", "--json", "--output", "NAME,BACK-FILE"]);
  } catch {
    return [];
  }
  if (!out) return [];
  const j = JSON.parse(out);
  const dir = import_node_path14.default.resolve(host.stateDir) + import_node_path14.default.sep;
  return (j.loopdevices ?? []).filter(
    (d) => d["back-file"] && import_node_path14.default.resolve(d["back-file"].replace(/ \(deleted\)$/, "")).startsWith(dir)
  ).map((d) => ({ device: d.name, image: d["back-file"].replace(/ \(deleted\)$/, "") }));
}
var import_node_child_process2, import_promises8, import_node_path14, import_node_util3, run2, LABEL_LOOP_DEVICE, LABEL_LOOP_IMAGE, DISCARD_DIR, toolChecks;
var init_volumes = __esm({
  "src/sandbox/volumes.ts"() {
    "use strict";
    import_node_child_process2 = require("node:child_process");
    import_promises8 = __toESM(require("node:fs/promises"), 1);
    import_node_path14 = __toESM(require("node:path"), 1);
    import_node_util3 = require("node:util");
    init_errors();
    init_podman();
    init_plan();
    run2 = (0, import_node_util3.promisify)(import_node_child_process2.execFile);
    LABEL_LOOP_DEVICE = "sandbox-action.loop-device";
    LABEL_LOOP_IMAGE = "sandbox-action.loop-image";
    DISCARD_DIR = ".discard";
    toolChecks = /* @__PURE__ */ new WeakMap();
  }
});

// src/comparator/context.ts
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function parseContext(text2) {
  if (!text2) {
    throw new InputError(
      CONTEXT_ENV,
      "is not set: the shim runs only under a comparator started by sandbox-action (runComparator)"
    );
  }
  let raw;
  try {
    raw = JSON.parse(text2);
  } catch {
    throw new InputError(CONTEXT_ENV, "is not JSON");
  }
  if (!isObject(raw)) throw new InputError(CONTEXT_ENV, "is not a JSON object");
  const r = new Reader(raw);
  if (raw.version !== CONTEXT_VERSION) {
    throw new InputError(CONTEXT_ENV, `version ${JSON.stringify(raw.version)} is not ${CONTEXT_VERSION}`);
  }
  const isolation = r.str("isolation");
  if (isolation !== "default" && isolation !== "runsc")
    throw new InputError(CONTEXT_ENV, "'isolation' must be default or runsc");
  const createdAt2 = r.str("createdAt");
  if (Number.isNaN(Date.parse(createdAt2))) throw new InputError(CONTEXT_ENV, "'createdAt' is not a date");
  const user = r.obj("user");
  const limits = r.obj("limits");
  return {
    version: CONTEXT_VERSION,
    runId: r.str("runId", NAME3),
    createdAt: createdAt2,
    image: r.str("image"),
    projectDir: r.str("projectDir", ABSOLUTE),
    lakeVolume: r.str("lakeVolume", NAME3),
    user: { uid: user.int("uid", 1), gid: user.int("gid", 0) },
    isolation,
    runtime: r.nullable("runtime", NAME3),
    limits: {
      timeoutMs: limits.int("timeoutMs", 1),
      memoryBytes: limits.int("memoryBytes", 16 * 1024 * 1024),
      cpus: limits.num("cpus", 0.01),
      pids: limits.int("pids", 8),
      nofile: limits.int("nofile", 16),
      fsizeBytes: limits.int("fsizeBytes", 1)
    },
    fence: r.nullable("fence", /^[0-9a-f]{32}$/)
  };
}
function encodeContext(c) {
  return JSON.stringify(c);
}
function fenceLine(token, edge) {
  return `[sandbox-landrun ${token} ${edge}]
`;
}
var CONTEXT_ENV, CONTEXT_VERSION, Reader, NAME3, ABSOLUTE;
var init_context = __esm({
  "src/comparator/context.ts"() {
    "use strict";
    init_errors();
    CONTEXT_ENV = "SANDBOX_LANDRUN_CONTEXT";
    CONTEXT_VERSION = 1;
    Reader = class _Reader {
      constructor(o) {
        this.o = o;
      }
      o;
      bad(key, what) {
        throw new InputError(CONTEXT_ENV, `'${key}' must be ${what}`);
      }
      str(key, re) {
        const v = this.o[key];
        if (typeof v !== "string" || v === "" || re && !re.test(v))
          this.bad(key, "a non-empty string of the right form");
        return v;
      }
      int(key, min) {
        const v = this.o[key];
        if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) this.bad(key, `an integer ≥ ${min}`);
        return v;
      }
      num(key, min) {
        const v = this.o[key];
        if (typeof v !== "number" || !Number.isFinite(v) || v < min) this.bad(key, `a number ≥ ${min}`);
        return v;
      }
      obj(key) {
        const v = this.o[key];
        if (!isObject(v)) this.bad(key, "an object");
        return new _Reader(v);
      }
      nullable(key, re) {
        return this.o[key] === null ? null : this.str(key, re);
      }
    };
    NAME3 = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
    ABSOLUTE = /^\/[^\0\n]*[^/\0\n]$/;
  }
});

// src/sandbox/conformance.ts
function conformance(spec, got) {
  const out = [];
  const check2 = (flag, ok, want, have) => {
    if (!ok)
      out.push(`${flag}: the plan says ${JSON.stringify(want)}, the engine made ${JSON.stringify(have)}`);
  };
  checkSecurity(check2, spec, got);
  checkLimits(check2, spec, got);
  checkMounts(check2, spec, got);
  check2(
    "Entrypoint",
    sameList(got.entrypoint, spec.entrypoint ?? null),
    spec.entrypoint ?? null,
    got.entrypoint
  );
  check2("Cmd", sameList(got.cmd, spec.cmd), spec.cmd, got.cmd);
  return out;
}
function checkSecurity(check2, spec, got) {
  check2("user", got.user === spec.user, spec.user, got.user);
  check2(
    "ReadonlyRootfs",
    got.readOnlyRootfs === spec.readOnlyRootfs,
    spec.readOnlyRootfs,
    got.readOnlyRootfs
  );
  check2("Privileged", got.privileged === false, false, got.privileged);
  check2("CapDrop", sameSet(got.capDrop.map(capName), spec.capDrop.map(capName)), spec.capDrop, got.capDrop);
  check2("CapAdd", sameSet(got.capAdd.map(capName), spec.capAdd.map(capName)), spec.capAdd, got.capAdd);
  const nnp = got.securityOpt.some((o) => /^no-new-privileges(?:[:=]true)?$/.test(o));
  check2("no-new-privileges", nnp, true, got.securityOpt);
  const unconfined = got.securityOpt.filter(
    (o) => /^(seccomp|apparmor)[:=]unconfined$|^label[:=]disable$/.test(o)
  );
  check2("seccomp", unconfined.length === 0 && got.engineSeccomp, "the engine default profile", {
    securityOpt: got.securityOpt,
    engineSeccomp: got.engineSeccomp
  });
  check2("NetworkMode", got.networkMode === spec.networkMode, spec.networkMode, got.networkMode);
}
function checkLimits(check2, spec, got) {
  check2("Memory", got.memoryBytes === spec.memoryBytes, spec.memoryBytes, got.memoryBytes);
  check2(
    "MemorySwap",
    got.memorySwapBytes === spec.memorySwapBytes,
    spec.memorySwapBytes,
    got.memorySwapBytes
  );
  check2("NanoCpus", got.nanoCpus === spec.nanoCpus, spec.nanoCpus, got.nanoCpus);
  check2("PidsLimit", got.pidsLimit === spec.pidsLimit, spec.pidsLimit, got.pidsLimit);
  check2("Runtime", got.runtime === (spec.runtime ?? "runc"), spec.runtime ?? "runc", got.runtime);
  check2("Init", got.init === spec.init, spec.init, got.init);
  check2("PidMode", got.pidMode === "", "", got.pidMode);
  check2("UsernsMode", got.usernsMode === "" || got.usernsMode === "private", "", got.usernsMode);
  check2("Devices", got.devices === 0, 0, got.devices);
  for (const u of spec.ulimits) {
    const h = got.ulimits.find((x) => x.name === u.name);
    check2(`ulimit ${u.name}`, !!h && h.soft === u.soft && h.hard === u.hard, u, h ?? null);
  }
}
function checkMounts(check2, spec, got) {
  const planned = spec.mounts.filter((m) => m.type !== "tmpfs");
  for (const m of planned) {
    const h = got.mounts.find((x) => x.target === m.target);
    check2(
      `mount ${m.target}`,
      !!h && h.type === m.type && h.readOnly === m.readOnly && (m.type !== "volume" || h.source === m.source),
      { type: m.type, source: m.source, readOnly: m.readOnly },
      h ?? null
    );
  }
  const extra = got.mounts.filter((h) => !planned.some((m) => m.target === h.target));
  check2(
    "mounts",
    extra.length === 0,
    planned.map((m) => m.target),
    got.mounts.map((m) => m.target)
  );
  for (const m of spec.mounts.filter((x) => x.type === "tmpfs")) {
    const opts = got.tmpfs[m.target];
    const want = m.tmpfs.options.filter((o) => o !== "rw");
    check2(
      `tmpfs ${m.target}`,
      opts !== void 0 && want.every((o) => opts.split(",").includes(o)),
      want,
      opts ?? null
    );
  }
  const extraTmpfs = Object.keys(got.tmpfs).filter(
    (t) => !spec.mounts.some((m) => m.type === "tmpfs" && m.target === t)
  );
  check2("tmpfs", extraTmpfs.length === 0, [], extraTmpfs);
}
function sameList(a, b) {
  if (a === null || b === null) return a === b || (a?.length ?? 0) + (b?.length ?? 0) === 0;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
var capName, sameSet;
var init_conformance = __esm({
  "src/sandbox/conformance.ts"() {
    "use strict";
    capName = (c) => c.toUpperCase().replace(/^CAP_/, "");
    sameSet = (a, b) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  }
});

// src/sandbox/log-pipe.ts
var import_node_fs14, import_node_path19, LogCopy, Capture, LogPipe;
var init_log_pipe = __esm({
  "src/sandbox/log-pipe.ts"() {
    "use strict";
    import_node_fs14 = __toESM(require("node:fs"), 1);
    import_node_path19 = __toESM(require("node:path"), 1);
    init_errors();
    init_self_check();
    LogCopy = class {
      constructor(file, cap) {
        this.cap = cap;
        const c = import_node_fs14.default.constants;
        try {
          import_node_fs14.default.mkdirSync(import_node_path19.default.dirname(file), { recursive: true });
          this.fd = import_node_fs14.default.openSync(file, c.O_WRONLY | c.O_CREAT | c.O_TRUNC | c.O_NOFOLLOW, 420);
        } catch (err) {
          throw new InputError("--log-file", `'${file}' cannot be written: ${errorMessage(err)}`);
        }
      }
      cap;
      fd;
      size = 0;
      cut = false;
      write(chunk) {
        if (this.cut) return;
        const part = chunk.subarray(0, this.cap - this.size);
        import_node_fs14.default.writeSync(this.fd, part);
        this.size += part.length;
        if (part.length < chunk.length) {
          this.cut = true;
          import_node_fs14.default.writeSync(this.fd, `
[sandbox-action: the log was cut at ${this.cap} bytes]
`);
        }
      }
      close() {
        import_node_fs14.default.closeSync(this.fd);
      }
    };
    Capture = class {
      constructor(limit) {
        this.limit = limit;
      }
      limit;
      chunks = [];
      size = 0;
      push(chunk) {
        if (this.size >= this.limit) return;
        const part = chunk.subarray(0, this.limit - this.size);
        this.chunks.push(Buffer.from(part));
        this.size += part.length;
      }
      text() {
        return Buffer.concat(this.chunks).toString("utf8");
      }
    };
    LogPipe = class {
      constructor(logs, o) {
        this.logs = logs;
        this.o = o;
        this.head = o.onSelfCheck ? Buffer.alloc(0) : null;
      }
      logs;
      o;
      /** stdout bytes held until the self-check's line is complete (null once it was taken, or without a check). */
      head;
      closed = false;
      /** The engine's attach callback. */
      sink = (stream, chunk) => {
        if (this.closed) return;
        try {
          if (stream === "stdout" && this.head !== null) {
            const held = Buffer.concat([this.head, chunk]);
            const nl = held.indexOf(10);
            if (nl < 0 && held.length <= SELF_CHECK_MAX_LINE) {
              this.head = held;
              return;
            }
            this.head = null;
            if (nl < 0) {
              this.o.onSelfCheck?.(null);
              this.pass(stream, held);
              return;
            }
            this.o.onSelfCheck?.(held.subarray(0, nl).toString("utf8"));
            if (held.length > nl + 1) this.pass(stream, held.subarray(nl + 1));
            return;
          }
          this.pass(stream, chunk);
        } catch (err) {
          this.closed = true;
          this.o.raise(err);
        }
      };
      pass(stream, chunk) {
        this.logs.write(stream, chunk);
        this.o.capture?.push(chunk);
        this.o.copy?.write(chunk);
      }
      /** After the attach stream ended: a self-check that never printed a whole line is reported as absent. */
      end() {
        if (this.head !== null) {
          const held = this.head;
          this.head = null;
          this.o.onSelfCheck?.(null);
          try {
            if (held.length && !this.closed) this.pass("stdout", held);
          } catch (err) {
            this.o.raise(err);
          }
        }
        this.closed = true;
      }
    };
  }
});

// src/sandbox/checked-pipe.ts
function openLogCopy(ctx) {
  if (!ctx.spec.io.logFile) return null;
  const c = new LogCopy(ctx.spec.io.logFile, LOG_COPY_CAP);
  ctx.cleanup.add("close the log copy", async () => c.close());
  return c;
}
function checkedLogPipe(ctx, logs, o) {
  const { expect } = o;
  const stop = (err) => {
    void o.kill().catch(() => void 0);
    ctx.raise(err);
  };
  return new LogPipe(logs, {
    capture: o.capture,
    copy: o.copy,
    onSelfCheck: expect ? (line2) => {
      const facts = line2 === null ? null : parseSelfCheckLine(line2);
      o.onFacts?.(facts);
      const problems = judgeSelfCheck(facts, expect, o.deadEndGateways);
      o.check.selfCheck = { ok: problems.length === 0, facts: facts ?? {}, problems };
      if (problems.length) stop(new SandboxError(problems));
    } : null,
    raise: stop
  });
}
var LOG_COPY_CAP;
var init_checked_pipe = __esm({
  "src/sandbox/checked-pipe.ts"() {
    "use strict";
    init_log_pipe();
    init_errors();
    init_self_check();
    LOG_COPY_CAP = 16 * 1024 * 1024;
  }
});

// src/session/oom.ts
async function oomKills(local, id) {
  if (!local || !/^[0-9a-f]{64}$/.test(id)) return null;
  for (const f of candidates(id)) {
    const text2 = await import_promises15.default.readFile(f, "utf8").catch(() => null);
    const m = text2 === null ? null : /^oom_kill (\d+)$/m.exec(text2);
    if (m) return Number(m[1]);
  }
  return null;
}
var import_promises15, candidates;
var init_oom = __esm({
  "src/session/oom.ts"() {
    "use strict";
    import_promises15 = __toESM(require("node:fs/promises"), 1);
    candidates = (id) => [
      // cgroup v1: cgroupfs and systemd drivers
      `/sys/fs/cgroup/memory/docker/${id}/memory.oom_control`,
      `/sys/fs/cgroup/memory/system.slice/docker-${id}.scope/memory.oom_control`,
      // cgroup v2
      `/sys/fs/cgroup/system.slice/docker-${id}.scope/memory.events`,
      `/sys/fs/cgroup/docker/${id}/memory.events`
    ];
  }
});

// src/session/plan.ts
function keeperFor(user) {
  const id = user.uid === 65533 ? 65532 : 65533;
  return { uid: id, gid: id };
}
function sessionContainer(p, o) {
  const idle = ["/bin/sh", "-c", IDLE_SCRIPT, IDLE_MARK];
  const check2 = p.selfCheck ? { ...p.selfCheck, uid: o.keeper.uid, gid: o.keeper.gid } : null;
  const command = check2 ? wrapWithSelfCheck(idle, check2) : { entrypoint: idle.slice(0, 3), cmd: idle.slice(3) };
  return {
    ...p.container,
    ...command,
    name: o.name,
    user: `${o.keeper.uid}:${o.keeper.gid}`,
    labels: { ...p.container.labels, ...o.labels },
    openStdin: true
  };
}
function keeperCheck(selfCheck, keeper) {
  return selfCheck ? { ...selfCheck, uid: keeper.uid, gid: keeper.gid } : null;
}
function execArgv(cmd, selfCheck) {
  if (!selfCheck) return cmd;
  const w = wrapWithSelfCheck(cmd, selfCheck);
  return [...w.entrypoint, ...w.cmd];
}
var IDLE_MARK, IDLE_SCRIPT, TRUSTED_PATH;
var init_plan2 = __esm({
  "src/session/plan.ts"() {
    "use strict";
    init_self_check();
    IDLE_MARK = "sandbox-action-idle";
    IDLE_SCRIPT = "while read -r _; do :; done";
    TRUSTED_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  }
});

// src/session/reset-script.ts
function wipeTargets(o) {
  const roots = [...o.writableWork ? ["/work"] : [], "/output", ...o.state ? ["/state"] : []];
  return { dirs: [...roots, "/tmp", "/dev/shm", "/dev/mqueue"], roots };
}
function wipeScript(t) {
  const dirs = t.dirs.map(q).join(" ");
  const roots = t.roots.map(q).join(" ");
  return [
    "bad=",
    'empty() { for f in "$1"/* "$1"/.[!.]* "$1"/..?*; do if [ -e "$f" ] || [ -L "$f" ]; then return 1; fi; done; return 0; }',
    `for d in ${dirs}; do`,
    '  [ -d "$d" ] || continue',
    '  chmod -R u+rwX -- "$d" 2>/dev/null',
    '  rm -rf -- "$d"/* "$d"/.[!.]* "$d"/..?* 2>/dev/null',
    // Too many names for one command line: one at a time.
    '  empty "$d" || for f in "$d"/* "$d"/.[!.]* "$d"/..?*; do rm -rf -- "$f" 2>/dev/null; done',
    '  empty "$d" || bad="$bad left:$d"',
    "done",
    // A numeric mode of four digits keeps a directory's setuid and setgid bits (GNU chmod): they are taken off by
    // name and checked. The roots' times are set to now, so no chosen time is left on them (found by review).
    ...roots ? [
      `chmod 0755 ${roots} 2>/dev/null && chmod ug-s,o-t ${roots} 2>/dev/null || bad="$bad mode"`,
      `for r in ${roots}; do if [ -u "$r" ] || [ -g "$r" ] || [ -k "$r" ]; then bad="$bad mode-bits:$r"; fi; done`,
      `touch -c -- ${roots} 2>/dev/null || bad="$bad times"`
    ] : [],
    "for t in shm msg sem; do",
    '  f=/proc/sysvipc/$t; [ -r "$f" ] || continue',
    '  n=0; while read -r l; do n=$((n+1)); done < "$f"',
    '  [ "$n" -gt 1 ] || continue',
    "  ipcrm -a 2>/dev/null",
    '  n=0; while read -r l; do n=$((n+1)); done < "$f"',
    '  [ "$n" -gt 1 ] && bad="$bad ipc-$t"',
    "done",
    ...roots ? [
      "if command -v python3 >/dev/null 2>&1; then",
      `  python3 -I -c ${q(PY_XATTR)} ${roots} || bad="$bad xattr"`,
      "elif command -v perl >/dev/null 2>&1; then",
      `  perl -e ${q(PL_XATTR)} ${roots} || bad="$bad xattr"`,
      'else bad="$bad xattr-unchecked(no python3 or perl in the image)"; fi'
    ] : [],
    `[ -z "$bad" ] && exit 0`,
    `printf '${RESET_MARK}:%s\\n' "$bad" >&2`,
    `exit ${RESET_UNCLEAN}`
  ].join("\n");
}
function strayProcesses(table, keeperUid) {
  const pid = table.titles.findIndex((t) => t.trim().toUpperCase() === "PID");
  const uid = table.titles.findIndex((t) => t.trim().toUpperCase() === "UID");
  if (pid < 0 || uid < 0) return null;
  const cmd = table.titles.length - 1;
  return table.processes.filter((p) => p[uid]?.trim() !== String(keeperUid)).map((p) => `pid ${p[pid]} uid ${p[uid]} ${p[cmd] ?? ""}`.trim());
}
function parseWipeReport(stderr) {
  const line2 = stderr.split("\n").find((l) => l.startsWith(`${RESET_MARK}:`));
  return line2 ? line2.slice(RESET_MARK.length + 1).trim().split(/\s+/).filter(Boolean) : [];
}
var KILL_SCRIPT, RESET_MARK, RESET_UNCLEAN, TRUSTED_ENV, PY_XATTR, PL_XATTR, q;
var init_reset_script = __esm({
  "src/session/reset-script.ts"() {
    "use strict";
    init_plan2();
    KILL_SCRIPT = "kill -9 -1 2>/dev/null; exit 0";
    RESET_MARK = "sandbox-action-reset";
    RESET_UNCLEAN = 3;
    TRUSTED_ENV = [
      TRUSTED_PATH,
      "LD_PRELOAD=",
      "LD_LIBRARY_PATH=",
      "LD_AUDIT=",
      "ENV=",
      "BASH_ENV=",
      "PYTHONPATH=",
      "PYTHONHOME=",
      "PYTHONSTARTUP=",
      "PERL5LIB=",
      "PERL5OPT="
    ];
    PY_XATTR = [
      "import os, sys",
      "left = []",
      "for d in sys.argv[1:]:",
      "    try:",
      "        names = os.listxattr(d, follow_symlinks=False)",
      "    except OSError as e:",
      "        if e.errno in (95, 61): continue",
      "        raise",
      "    for n in names:",
      "        if not n.startswith('security.'):",
      "            try: os.removexattr(d, n, follow_symlinks=False)",
      "            except OSError: pass",
      "    if [n for n in os.listxattr(d, follow_symlinks=False) if not n.startswith('security.')]: left.append(d)",
      "sys.exit(1 if left else 0)"
    ].join("\n");
    PL_XATTR = [
      "use POSIX ();",
      "my %nr = (x86_64 => [195, 198], aarch64 => [12, 15]);",
      "my $n = $nr{(POSIX::uname())[4]} or exit 2;",
      "my $left = 0;",
      "for my $d (@ARGV) {",
      "  for my $pass (0, 1) {",
      '    my $buf = "\\0" x 65536;',
      "    my $len = syscall($n->[0], $d, $buf, 65536);",
      "    if ($len < 0) { last if $! == 95 || $! == 61; exit 2 }",
      "    my @names = grep { length && !/^security\\./ } split /\\0/, substr($buf, 0, $len);",
      "    last unless @names;",
      "    if ($pass) { $left = 1; last }",
      "    syscall($n->[1], $d, $_) for @names;",
      "  }",
      "}",
      "exit $left;"
    ].join("\n");
    q = (s2) => `'${s2.replace(/'/g, `'\\''`)}'`;
  }
});

// src/session/command.ts
async function checkConformance2(ctx, r) {
  const mismatches = conformance(r.container.plan, await ctx.deps.engine.inspectCreated(r.container.id));
  const check2 = { conformance: { ok: mismatches.length === 0, mismatches }, selfCheck: null };
  if (mismatches.length) throw new SandboxError(mismatches.map((m) => `the engine did not honour ${m}`));
  return check2;
}
async function trustedExec(ctx, r, script, timeoutMs = 3e4, o = {}) {
  const { engine } = ctx.deps;
  let stderr = "";
  const out = [];
  let size2 = 0;
  const cap = o.stdoutCap ?? 0;
  let overflow = false;
  const s2 = await engine.execStream(
    r.container.id,
    {
      cmd: ["/bin/sh", "-c", script, "sandbox-action", ...o.args ?? []],
      user: `${r.user.uid}:${r.user.gid}`,
      env: TRUSTED_ENV,
      workingDir: "/"
    },
    (stream, chunk) => {
      if (stream === "stderr") {
        if (stderr.length < 16384) stderr += chunk.toString("utf8");
      } else if (size2 + chunk.length <= cap) {
        out.push(Buffer.from(chunk));
        size2 += chunk.length;
      } else overflow = true;
    }
  );
  const ended = await waitFor(s2.done, timeoutMs);
  s2.close();
  if (!ended)
    return {
      exitCode: null,
      stdout: Buffer.alloc(0),
      stderr: `${stderr}(it did not end within ${timeoutMs} ms)`
    };
  if (overflow)
    return { exitCode: null, stdout: Buffer.alloc(0), stderr: `${stderr}(its output passed ${cap} bytes)` };
  return { exitCode: await settledExit(ctx, s2.id), stdout: Buffer.concat(out), stderr };
}
async function runSessionCommand(ctx, r, argv, check2, o) {
  const { engine } = ctx.deps;
  const id = r.container.id;
  const { pipe, kill } = commandPipe(ctx, r, check2, o);
  const oomBefore = await oomKills(engine.info.local, id);
  const flaggedBefore = oomBefore === null ? (await engine.inspectContainer(id)).oomKilled : false;
  o.logs.begin();
  const startedAt = Date.now();
  let stream = null;
  let timedOut = false;
  let containerStopped = false;
  let timer;
  const alive2 = watchRunning(ctx, id);
  const end = async () => {
    if (stream) await waitFor(stream.done, ATTACH_DRAIN_MS);
    stream?.close();
    pipe.end();
    return o.logs.end();
  };
  try {
    stream = await ctx.race(engine.execStream(id, execSpec(r, argv, o.env), pipe.sink));
    const deadline = new Promise(
      (resolve) => timer = setTimeout(() => resolve("timeout"), o.timeoutMs)
    );
    const first = await Promise.race([
      stream.done.then(() => "done"),
      deadline,
      ctx.stopped,
      alive2.stopped
    ]);
    if (first === "container-stopped") containerStopped = true;
    if (first === "timeout") {
      timedOut = true;
      await kill();
    }
  } catch (err) {
    await kill().catch(() => void 0);
    await end();
    throw err;
  } finally {
    clearTimeout(timer);
    alive2.cancel();
  }
  const endedAt = Date.now();
  const log = await end();
  ctx.check();
  const ended = { execId: stream.id, timedOut, containerStopped, oomBefore, flaggedBefore };
  return { ...await howItEnded(ctx, r, ended), startedAt, endedAt, log };
}
function execSpec(r, argv, env) {
  return { cmd: execArgv(argv, r.selfCheck), user: `${r.user.uid}:${r.user.gid}`, env, workingDir: WORK_DIR };
}
async function howItEnded(ctx, r, e) {
  const { timedOut } = e;
  const exitCode = e.containerStopped ? null : await settledExit(ctx, e.execId);
  const oomKilled = !timedOut && await oomKilledSince(ctx, r.container.id, e.oomBefore, e.flaggedBefore, exitCode);
  if (!timedOut && !oomKilled && (exitCode === null || exitCode >= 128)) await refuseIfStopped(ctx, r);
  return { commandExitCode: timedOut ? null : oomKilled ? exitCode ?? 137 : exitCode, timedOut, oomKilled };
}
function commandPipe(ctx, r, check2, o) {
  let pid = null;
  const kill = () => trustedExec(
    ctx,
    r,
    pid && /^\d+$/.test(pid) ? `kill -9 -- -${pid} ${pid} 2>/dev/null; exit 0` : KILL_SCRIPT,
    1e4
  );
  const pipe = checkedLogPipe(ctx, o.logs, {
    capture: o.capture ?? null,
    copy: openLogCopy(ctx),
    expect: r.selfCheck,
    deadEndGateways: o.deadEndGateways,
    check: check2,
    kill,
    onFacts: (facts) => pid = facts?.pid ?? null
  });
  return { pipe, kill };
}
async function oomKilledSince(ctx, id, before, flaggedBefore, exitCode) {
  const { engine } = ctx.deps;
  const after = await oomKills(engine.info.local, id);
  if (before !== null && after !== null) return after > before;
  return (exitCode === 137 || exitCode === null) && !flaggedBefore && (await engine.inspectContainer(id)).oomKilled;
}
async function refuseIfStopped(ctx, r) {
  const { engine } = ctx.deps;
  const id = r.container.id;
  let c = await engine.inspectContainer(id);
  for (const until = Date.now() + STOP_SETTLE_MS; c.running && Date.now() < until; ) {
    await new Promise((res) => setTimeout(res, 100));
    c = await engine.inspectContainer(id);
  }
  if (!c.running)
    throw new EngineError(
      engine.info.name,
      "exec",
      `the session's container stopped while the command ran (container exit ${c.exitCode}${c.error ? `: ${c.error}` : ""})`,
      `start it again: sandbox-action start ${r.name ?? r.id}`
    );
}
function watchRunning(ctx, id) {
  let timer;
  let cancelled = false;
  const stopped = new Promise((resolve) => {
    const ask = () => {
      if (cancelled) return;
      ctx.deps.engine.inspectContainer(id).then(
        (c) => c.running ? timer = setTimeout(ask, ALIVE_POLL_MS) : resolve("container-stopped"),
        () => timer = setTimeout(ask, ALIVE_POLL_MS)
      );
    };
    timer = setTimeout(ask, ALIVE_POLL_MS);
  });
  return {
    stopped,
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    }
  };
}
async function settledExit(ctx, execId) {
  const until = Date.now() + EXIT_SETTLE_MS;
  for (; ; ) {
    const s2 = await ctx.deps.engine.execInspect(execId);
    if (!s2.running) return s2.exitCode;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
}
async function waitFor(p, ms) {
  let t;
  const r = await Promise.race([
    p.then(() => true),
    new Promise((res) => t = setTimeout(() => res(false), ms))
  ]);
  clearTimeout(t);
  return r;
}
var EXIT_SETTLE_MS, ALIVE_POLL_MS, STOP_SETTLE_MS;
var init_command2 = __esm({
  "src/session/command.ts"() {
    "use strict";
    init_errors();
    init_conformance();
    init_checked_pipe();
    init_plan();
    init_command();
    init_oom();
    init_plan2();
    init_reset_script();
    EXIT_SETTLE_MS = 5e3;
    ALIVE_POLL_MS = 1e3;
    STOP_SETTLE_MS = 1e3;
  }
});

// src/session/record.ts
function sessionLabels(r) {
  return {
    [LABEL_SESSION]: r.id,
    [LABEL_SESSION_KIND]: r.kind,
    [LABEL_PLAN_HASH]: r.planHash,
    ...r.name ? { [LABEL_SESSION_NAME]: r.name } : {}
  };
}
async function writeRecord(dir, r) {
  await import_promises16.default.mkdir(dir, { recursive: true, mode: 448 });
  const tmp = `${recordFile(dir, r.id)}.${process.pid}.tmp`;
  await import_promises16.default.writeFile(tmp, `${JSON.stringify(r, null, 2)}
`, { mode: 384 });
  await import_promises16.default.rename(tmp, recordFile(dir, r.id));
}
function parseRecord(text2) {
  try {
    const j = JSON.parse(text2);
    if (j.version !== RECORD_VERSION || typeof j.id !== "string" || !ID.test(j.id)) return null;
    if (!j.spec || !j.container || typeof j.container.id !== "string" || !j.user || !j.keeper) return null;
    if (j.kind !== "session" && j.kind !== "warm") return null;
    return j;
  } catch {
    return null;
  }
}
async function readRecord(dir, id) {
  if (!ID.test(id)) return null;
  const text2 = await import_promises16.default.readFile(recordFile(dir, id), "utf8").catch(() => null);
  return text2 === null ? null : parseRecord(text2);
}
async function listRecords(dir) {
  const names = await import_promises16.default.readdir(dir).catch(() => []);
  const out = [];
  for (const n of names.filter((f) => f.endsWith(".json")).sort()) {
    const r = await readRecord(dir, n.slice(0, -".json".length));
    if (r) out.push(r);
  }
  return out;
}
async function unreadableRecords(dir) {
  const names = await import_promises16.default.readdir(dir).catch(() => []);
  const ids = names.filter((f) => f.endsWith(".json")).map((n) => n.slice(0, -".json".length));
  const out = [];
  for (const id of ids.filter((i) => ID.test(i)).sort()) {
    if (await readRecord(dir, id) === null) out.push(id);
  }
  return out;
}
async function removeRecord(dir, id) {
  await import_promises16.default.rm(recordFile(dir, id), { force: true });
  await import_promises16.default.rm(lockFile(dir, id), { force: true });
}
async function findSession(dir, ref, input = "ID") {
  const all = await listRecords(dir);
  const exact = all.find((r) => r.id === ref || r.name === ref);
  if (exact) return exact;
  const prefixed = ref.length >= 4 ? all.filter((r) => r.id.startsWith(ref)) : [];
  if (prefixed.length === 1) return prefixed[0];
  const known = all.filter((r) => r.kind === "session");
  throw new InputError(
    input,
    prefixed.length > 1 ? `'${ref}' names ${prefixed.length} sessions; give more of the id` : `'${ref}' is not a session (${known.length ? `the sessions are ${known.map((r) => r.name ?? r.id).join(", ")}` : "there are none"}; \`sandbox-action ls\` lists them)`
  );
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
function tryLock(dir, id) {
  const file = lockFile(dir, id);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      import_node_fs16.default.mkdirSync(dir, { recursive: true, mode: 448 });
      const fd = import_node_fs16.default.openSync(file, "wx", 384);
      import_node_fs16.default.writeSync(fd, String(process.pid));
      import_node_fs16.default.closeSync(fd);
      return () => import_node_fs16.default.rmSync(file, { force: true });
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const pid = Number(import_node_fs16.default.readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) return null;
      import_node_fs16.default.rmSync(file, { force: true });
    }
  }
  return null;
}
function isLocked(dir, id) {
  try {
    const pid = Number(import_node_fs16.default.readFileSync(lockFile(dir, id), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid);
  } catch {
    return false;
  }
}
var import_node_fs16, import_promises16, import_node_path21, LABEL_SESSION, LABEL_SESSION_NAME, LABEL_SESSION_KIND, LABEL_PLAN_HASH, RECORD_VERSION, sessionsDir, recordFile, ID, NAME4, lockFile;
var init_record = __esm({
  "src/session/record.ts"() {
    "use strict";
    import_node_fs16 = __toESM(require("node:fs"), 1);
    import_promises16 = __toESM(require("node:fs/promises"), 1);
    import_node_path21 = __toESM(require("node:path"), 1);
    init_errors();
    LABEL_SESSION = "sandbox-action.session";
    LABEL_SESSION_NAME = "sandbox-action.session-name";
    LABEL_SESSION_KIND = "sandbox-action.session-kind";
    LABEL_PLAN_HASH = "sandbox-action.plan-hash";
    RECORD_VERSION = 2;
    sessionsDir = (stateDir) => import_node_path21.default.join(stateDir, "sessions");
    recordFile = (dir, id) => import_node_path21.default.join(dir, `${id}.json`);
    ID = /^[a-z0-9]+-[a-f0-9]+$/;
    NAME4 = /^[a-zA-Z][a-zA-Z0-9_.-]{0,62}$/;
    lockFile = (dir, id) => import_node_path21.default.join(dir, `${id}.lock`);
  }
});

// src/sandbox/gc.ts
function createdAt(r) {
  const t = Date.parse(r.labels[LABEL_CREATED] ?? "");
  return Number.isNaN(t) ? 0 : t;
}
function pastDeadline(r, now) {
  const t = Date.parse(r.labels[LABEL_DEADLINE] ?? "");
  return !Number.isNaN(t) && t <= now;
}
async function gc(engine, host, opts) {
  const label = opts.runId ? `${LABEL_RUN}=${opts.runId}` : LABEL_RUN;
  const all = await engine.listLabelled(label);
  const cutoff = opts.now - opts.olderThanMs;
  const live = (r) => opts.keepRuns?.has(r.labels[LABEL_RUN] ?? "") === true;
  const old = all.filter(
    (r) => (createdAt(r) <= cutoff || r.kind === "container" && pastDeadline(r, opts.now)) && !live(r)
  );
  const report = { removed: [], kept: all.length - old.length, failures: [] };
  const attempt = async (r, fn) => {
    try {
      await fn();
      report.removed.push({ kind: r.kind, name: r.name });
    } catch (err) {
      report.failures.push(`${r.kind} ${r.name}: ${errorMessage(err)}`);
    }
  };
  await Promise.all(
    old.filter((r) => r.kind === "container").map((r) => attempt(r, () => engine.removeContainer(r.id)))
  );
  await Promise.all(
    old.filter((r) => r.kind === "network").map((r) => attempt(r, () => engine.removeNetwork(r.id)))
  );
  await Promise.all(
    old.filter((r) => r.kind === "volume").map(
      (r) => attempt(r, async () => {
        await engine.removeVolume(r.name);
        const dev = r.labels[LABEL_LOOP_DEVICE];
        const img = r.labels[LABEL_LOOP_IMAGE];
        if (dev) await host.privileged("losetup", ["-d", dev]).catch(() => void 0);
        if (img && import_node_path22.default.resolve(img).startsWith(import_node_path22.default.resolve(host.stateDir) + import_node_path22.default.sep)) {
          await import_promises17.default.rm(img, { force: true });
        }
      })
    )
  );
  if (!opts.runId) {
    const inUse = new Set(
      all.filter((r) => createdAt(r) > cutoff || live(r)).map((r) => r.labels[LABEL_LOOP_IMAGE])
    );
    report.removed.push(...await orphans(engine, host, inUse, cutoff));
  }
  return report;
}
async function orphans(engine, host, inUse, cutoff) {
  const removed = [];
  for (const d of await ourLoopDevices(host)) {
    if (inUse.has(d.image)) continue;
    const st = await import_promises17.default.stat(d.image).catch(() => null);
    if (st && st.mtimeMs > cutoff) continue;
    await host.privileged("losetup", ["-d", d.device]).catch(() => void 0);
    await import_promises17.default.rm(d.image, { force: true });
    removed.push({ kind: "loop-device", name: d.device });
  }
  const files = await import_promises17.default.readdir(host.stateDir).catch(() => []);
  for (const f of files.filter((n) => n.endsWith(".img"))) {
    const abs = import_node_path22.default.join(host.stateDir, f);
    if (inUse.has(abs)) continue;
    const st = await import_promises17.default.stat(abs).catch(() => null);
    if (st && st.mtimeMs <= cutoff) {
      await import_promises17.default.rm(abs, { force: true });
      removed.push({ kind: "volume-image", name: f });
    }
  }
  const discard = import_node_path22.default.join(host.stateDir, DISCARD_DIR);
  for (const f of await import_promises17.default.readdir(discard).catch(() => [])) {
    await import_promises17.default.rm(import_node_path22.default.join(discard, f), { force: true });
    removed.push({ kind: "volume-image", name: f });
  }
  if (engine.info.name === "docker" && engine.info.local) {
    for (const b of await pruneHostGuards((c, a) => host.privileged(c, a)).catch(() => []))
      removed.push({ kind: "host-guard", name: b });
  }
  return removed;
}
var import_promises17, import_node_path22;
var init_gc = __esm({
  "src/sandbox/gc.ts"() {
    "use strict";
    import_promises17 = __toESM(require("node:fs/promises"), 1);
    import_node_path22 = __toESM(require("node:path"), 1);
    init_errors();
    init_egress_network();
    init_plan();
    init_volumes();
  }
});

// src/session/table.ts
function lsTable(rows, now) {
  const cells = rows.map((r) => [
    r.id,
    r.name ?? "-",
    r.kind,
    r.state,
    ago(now - Date.parse(r.lastUsedAt)),
    r.keep ? "keep" : ago(r.idleTtlMs),
    r.network,
    r.isolation,
    r.image,
    r.loosened.length ? r.loosened.join(",") : "-"
  ]);
  const all = [LS_COLUMNS, ...cells];
  const width = LS_COLUMNS.map((_, i) => Math.max(...all.map((c) => c[i].length)));
  return all.map((c) => c.map((x, i) => i === c.length - 1 ? x : x.padEnd(width[i])).join("  ")).join("\n");
}
var ago, LS_COLUMNS;
var init_table = __esm({
  "src/session/table.ts"() {
    "use strict";
    ago = (ms) => ms < 6e4 ? `${Math.max(0, Math.round(ms / 1e3))}s` : ms < 36e5 ? `${Math.round(ms / 6e4)}m` : `${Math.round(ms / 36e5)}h`;
    LS_COLUMNS = [
      "ID",
      "NAME",
      "KIND",
      "STATE",
      "IDLE",
      "TTL",
      "NETWORK",
      "ISOLATION",
      "IMAGE",
      "LOOSENED"
    ];
  }
});

// src/session/ttl.ts
function ttlDecision(s2, now) {
  if (s2.keep) return { action: "keep", reason: "kept (--keep)" };
  if (s2.busy) return { action: "keep", reason: "in use" };
  const last = Date.parse(s2.lastUsedAt);
  const idle = now - (Number.isNaN(last) ? 0 : last);
  if (s2.running) {
    if (idle < s2.idleTtlMs)
      return { action: "keep", reason: `idle ${minutes(idle)} of ${minutes(s2.idleTtlMs)}` };
    return s2.kind === "warm" ? { action: "remove", reason: `warm sandbox idle for ${minutes(idle)} (TTL ${minutes(s2.idleTtlMs)})` } : { action: "stop", reason: `idle for ${minutes(idle)} (TTL ${minutes(s2.idleTtlMs)})` };
  }
  const stopped = s2.stoppedAt ? Date.parse(s2.stoppedAt) : NaN;
  const since = now - Math.max(Number.isNaN(stopped) ? 0 : stopped, Number.isNaN(last) ? 0 : last);
  if (since >= s2.idleTtlMs) {
    return { action: "remove", reason: `stopped for ${minutes(since)} (TTL ${minutes(s2.idleTtlMs)})` };
  }
  return { action: "keep", reason: `stopped ${minutes(since)} of ${minutes(s2.idleTtlMs)}` };
}
var minutes;
var init_ttl = __esm({
  "src/session/ttl.ts"() {
    "use strict";
    minutes = (ms) => `${Math.round(ms / 6e4)} min`;
  }
});

// src/session/lifecycle.ts
async function isRunning(engine, id) {
  try {
    return (await engine.inspectContainer(id)).running;
  } catch (err) {
    if (err instanceof EngineError && err.statusCode === 404) return null;
    throw err;
  }
}
async function startSession(deps, r) {
  const { engine } = deps;
  const running2 = await isRunning(engine, r.container.id);
  if (running2 === null) throw new InputError("ID", `'${r.id}': its container is gone; remove it with rm`);
  if (running2) return r;
  if (r.network.proxyContainer) await startProxy2(engine, r.network.proxyContainer);
  const ctx = new RunContext(r.spec, deps);
  await checkConformance2(ctx, r);
  await startKeeper2(engine, r);
  const next = { ...r, stoppedAt: null, lastUsedAt: deps.now().toISOString() };
  await writeRecord(dirOf(deps), next);
  return next;
}
async function startKeeper2(engine, r) {
  const id = r.container.id;
  let head = "";
  let line2 = null;
  let got = null;
  const seen = new Promise((res) => got = res);
  const attached = await engine.attach(id, (stream, chunk) => {
    if (stream !== "stdout" || line2 !== null) return;
    head += chunk.toString("utf8");
    const nl = head.indexOf("\n");
    if (nl >= 0 || head.length > 4096) {
      line2 = nl >= 0 ? head.slice(0, nl) : "";
      got?.();
    }
  });
  let watch2 = null;
  try {
    watch2 = await engine.watchExit(id);
    await engine.startContainer(id);
    const expect = keeperCheck(r.selfCheck, r.keeper);
    if (!expect) return;
    let t;
    const outcome3 = await Promise.race([
      seen.then(() => "line"),
      watch2.exit.then(
        () => "exited",
        () => "exited"
      ),
      new Promise((res) => t = setTimeout(() => res("late"), START_TIMEOUT_MS))
    ]);
    clearTimeout(t);
    const problems = outcome3 === "line" ? judgeSelfCheck(parseSelfCheckLine(line2 ?? ""), expect, r.network.deadEndGateways) : [
      `the session's keeper ${outcome3 === "exited" ? "exited" : "did not report"} before its self-check`
    ];
    if (problems.length) {
      await engine.killContainer(id, "KILL");
      throw new SandboxError(problems);
    }
  } finally {
    watch2?.cancel();
    attached.close();
  }
}
async function startProxy2(engine, id) {
  if (await isRunning(engine, id)) return;
  let ready = null;
  const listening = new Promise((res) => ready = res);
  let buf = "";
  const attached = await engine.attach(id, (stream, chunk) => {
    if (stream !== "stdout") return;
    buf = (buf + chunk.toString("utf8")).slice(-65536);
    if (buf.includes('{"event":"listening"')) ready?.();
  });
  let watch2 = null;
  try {
    watch2 = await engine.watchExit(id);
    await engine.startContainer(id);
    let t;
    const r = await Promise.race([
      listening.then(() => "ok"),
      watch2.exit.then(
        () => "exited",
        () => "exited"
      ),
      new Promise((res) => t = setTimeout(() => res("late"), 3e4))
    ]);
    clearTimeout(t);
    if (r !== "ok")
      throw new EngineError(
        engine.info.name,
        "start the egress proxy",
        `it ${r === "late" ? "did not listen within 30 s" : "exited"}`
      );
  } finally {
    watch2?.cancel();
    attached.close();
  }
}
async function stopSession(deps, r) {
  const { engine } = deps;
  await engine.killContainer(r.container.id, "KILL");
  await engine.waitContainer(r.container.id).catch(() => void 0);
  if (r.network.proxyContainer) {
    await engine.killContainer(r.network.proxyContainer, "KILL");
    await engine.waitContainer(r.network.proxyContainer).catch(() => void 0);
  }
  const next = { ...r, stoppedAt: deps.now().toISOString() };
  await writeRecord(dirOf(deps), next);
  return next;
}
async function removeSession(deps, r) {
  const notes = [];
  if (r.spec.io.stateDir && await isRunning(deps.engine, r.container.id) !== null) {
    const ctx = new RunContext(
      {
        ...r.spec,
        io: { ...r.spec.io, outputDir: null },
        verdict: { ...r.spec.verdict, annotate: null, audit: null }
      },
      deps
    );
    const c = await collect(ctx, ctx.spec, { id: r.container.id, capture: null }, planOf(r), false);
    if (c.state) notes.push(`/state: ${c.state.files} files collected back into ${c.state.dir}`);
  }
  const report = await gc(deps.engine, deps.volumeHost, { olderThanMs: 0, now: Date.now(), runId: r.id });
  if (report.failures.length === 0) await removeRecord(dirOf(deps), r.id);
  return { ...report, notes };
}
function planOf(r) {
  return {
    runId: r.id,
    labels: { [LABEL_RUN]: r.id },
    volumes: [],
    readOnlySource: null,
    copySource: null,
    container: r.container.plan,
    uid: r.user.uid,
    gid: r.user.gid,
    selfCheck: r.selfCheck,
    notes: []
  };
}
async function sessionRows(deps, records) {
  return Promise.all(
    records.map(async (r) => {
      const running2 = await isRunning(deps.engine, r.container.id);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        state: running2 === null ? "missing" : running2 ? "running" : "stopped",
        image: r.spec.image.ref,
        network: r.spec.network,
        isolation: r.spec.security.isolation,
        lastUsedAt: r.lastUsedAt,
        idleTtlMs: r.idleTtlMs,
        keep: r.keep,
        loosened: loosenedBy(r.spec).map((l) => l.option)
      };
    })
  );
}
async function listTable(deps) {
  const rows = await sessionRows(deps, await listRecords(dirOf(deps)));
  return { rows, text: lsTable(rows, deps.now().getTime()) };
}
async function sweep(deps) {
  const dir = dirOf(deps);
  const lines = [];
  for (const id of await unreadableRecords(dir)) {
    if (isLocked(dir, id)) continue;
    await removeRecord(dir, id);
    lines.push(`removed the record of ${id}: written by another version of sandbox-action, or damaged`);
  }
  for (const r of await listRecords(dir)) {
    const busy = isLocked(dir, r.id);
    const running2 = await isRunning(deps.engine, r.container.id).catch(() => false);
    if (running2 === null && !busy) {
      await removeSession(deps, r);
      lines.push(`removed ${r.kind} ${r.name ?? r.id}: its container was gone`);
      continue;
    }
    const d = ttlDecision({ ...r, running: running2 === true, busy }, deps.now().getTime());
    if (d.action === "stop") {
      await stopSession(deps, r);
      lines.push(`stopped ${r.kind} ${r.name ?? r.id}: ${d.reason}`);
    } else if (d.action === "remove") {
      await removeSession(deps, r);
      lines.push(`removed ${r.kind} ${r.name ?? r.id}: ${d.reason}`);
    }
  }
  return lines;
}
async function touch(deps, r) {
  const latest = (await listRecords(dirOf(deps))).find((x) => x.id === r.id) ?? r;
  await writeRecord(dirOf(deps), { ...latest, lastUsedAt: deps.now().toISOString() });
}
var START_TIMEOUT_MS, dirOf;
var init_lifecycle = __esm({
  "src/session/lifecycle.ts"() {
    "use strict";
    init_errors();
    init_gc();
    init_plan();
    init_run_context();
    init_self_check();
    init_collect2();
    init_command2();
    init_plan2();
    init_record();
    init_table();
    init_ttl();
    init_run_options();
    START_TIMEOUT_MS = 6e4;
    dirOf = (deps) => sessionsDir(deps.volumeHost.stateDir);
  }
});

// src/cli/args.ts
function parseCommandLine(argv, table) {
  const dash = argv.indexOf("--");
  const head = dash === -1 ? argv : argv.slice(0, dash);
  const rest = dash === -1 ? [] : argv.slice(dash + 1);
  const config = {};
  for (const [name, o] of Object.entries(table)) {
    config[name] = {
      type: o.kind === "boolean" ? "boolean" : "string",
      ...o.kind === "strings" ? { multiple: true } : {},
      ...o.short ? { short: o.short } : {}
    };
  }
  try {
    const { values, positionals } = (0, import_node_util4.parseArgs)({
      args: head,
      options: config,
      strict: true,
      allowPositionals: true
    });
    return { options: values, positionals, rest };
  } catch (err) {
    const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
    const msg = err instanceof Error ? err.message : String(err);
    const named = /'(?:-\w, )?(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? "arguments";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw new InputError(named, "is not an option; see --help for the options");
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new InputError(named, "needs a value");
    throw err;
  }
}
function helpFor(table) {
  const width = Math.max(...Object.keys(table).map((k) => k.length)) + 4;
  return Object.entries(table).map(
    ([k, o]) => `  --${(o.kind === "boolean" ? k : `${k} X`).padEnd(width)} ${o.help}${o.loosens ? ` (loosens: ${o.loosens})` : ""}`
  ).join("\n");
}
var import_node_util4, CLI_ONLY;
var init_args = __esm({
  "src/cli/args.ts"() {
    "use strict";
    import_node_util4 = require("node:util");
    init_errors();
    CLI_ONLY = {
      json: { kind: "boolean", help: "print the result as one JSON object on stdout (the log goes to stderr)" },
      quiet: { kind: "boolean", help: "no summary line" },
      help: { kind: "boolean", help: "this help", short: "h" }
    };
  }
});

// src/sandbox/watchdog.ts
function processStart(pid) {
  try {
    const stat = import_node_fs18.default.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}
function cliPath() {
  const here = import_node_path25.default.dirname((0, import_node_url2.fileURLToPath)(__sa_import_meta_url));
  for (const p of [import_node_path25.default.join(here, "cli.js"), import_node_path25.default.resolve(here, "../../dist/cli.js")]) {
    if (import_node_fs18.default.existsSync(p)) return p;
  }
  return null;
}
function startWatchdog(runId, env, now = Date.now) {
  const cli = cliPath();
  const start = processStart(process.pid);
  if (!cli || !start) return null;
  const node = [
    process.execPath,
    cli,
    "watchdog",
    "--run",
    runId,
    "--parent",
    String(process.pid),
    "--parent-start",
    start
  ];
  const until = Math.floor((now() + HANDOVER_MS) / 1e3);
  const [cmd, args] = import_node_fs18.default.existsSync(SH) ? [SH, ["-c", SENTINEL_SCRIPT, "sh", String(process.pid), start, String(until), ...node]] : [node[0], node.slice(1)];
  const child = (0, import_node_child_process4.spawn)(cmd, args, { detached: true, stdio: "ignore", env });
  child.on("error", () => void 0);
  child.unref();
  return {
    pid: child.pid ?? null,
    stop: () => {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
    }
  };
}
async function watch(engine, host, o) {
  const now = o.now ?? Date.now;
  const killed = /* @__PURE__ */ new Set();
  while (!o.signal?.aborted) {
    if (processStart(o.parentPid) !== o.parentStart) {
      await gc(engine, host, { olderThanMs: 0, now: now(), runId: o.runId });
      return "parent-gone";
    }
    const mine = await engine.listLabelled(`${LABEL_RUN}=${o.runId}`).catch(() => []);
    for (const r of mine) {
      if (r.kind !== "container" || killed.has(r.id) || !pastDeadline(r, now())) continue;
      killed.add(r.id);
      await engine.killContainer(r.id, "SIGKILL").catch(() => void 0);
    }
    await new Promise((resolve) => {
      const t = setTimeout(resolve, o.intervalMs ?? WATCHDOG_INTERVAL_MS);
      o.signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });
  }
  return "stopped";
}
var import_node_child_process4, import_node_fs18, import_node_path25, import_node_url2, WATCHDOG_INTERVAL_MS, HANDOVER_MS, SENTINEL_SCRIPT, SH;
var init_watchdog = __esm({
  "src/sandbox/watchdog.ts"() {
    "use strict";
    import_node_child_process4 = require("node:child_process");
    import_node_fs18 = __toESM(require("node:fs"), 1);
    import_node_path25 = __toESM(require("node:path"), 1);
    import_node_url2 = require("node:url");
    init_gc();
    init_plan();
    WATCHDOG_INTERVAL_MS = 1e3;
    HANDOVER_MS = DEADLINE_GRACE_MS - 1e4;
    SENTINEL_SCRIPT = [
      "p=$1 s=$2 u=$3; shift 3",
      'alive() { { read -r l < "/proc/$p/stat"; } 2>/dev/null || return 1; r=${l##*) }; set -f; set -- $r; [ "${20}" = "$s" ]; }',
      'while alive && [ "$(date +%s)" -lt "$u" ]; do sleep 1; done',
      'exec "$@"'
    ].join("\n");
    SH = "/bin/sh";
  }
});

// src/engine/demux.ts
function demuxed(body, sink) {
  const demux = new Demuxer(sink);
  return new Promise((resolve) => {
    body.on("data", (c) => demux.push(c));
    body.on("end", resolve);
    body.on("close", resolve);
    body.on("error", () => resolve());
  });
}
var Demuxer;
var init_demux = __esm({
  "src/engine/demux.ts"() {
    "use strict";
    Demuxer = class {
      constructor(sink) {
        this.sink = sink;
      }
      sink;
      pending = Buffer.alloc(0);
      push(chunk) {
        let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
        while (buf.length >= 8) {
          const size2 = buf.readUInt32BE(4);
          if (buf.length < 8 + size2) break;
          const kind = buf[0];
          const payload = buf.subarray(8, 8 + size2);
          if (size2 > 0) this.sink(kind === 2 ? "stderr" : "stdout", payload);
          buf = buf.subarray(8 + size2);
        }
        this.pending = Buffer.from(buf);
      }
    };
  }
});

// src/engine/docker-base.ts
var DockerEngineBase;
var init_docker_base = __esm({
  "src/engine/docker-base.ts"() {
    "use strict";
    DockerEngineBase = class {
      constructor(api, info, seccomp, podmanDefaultCaps = [], knownRuntimes = null) {
        this.api = api;
        this.info = info;
        this.seccomp = seccomp;
        this.podmanDefaultCaps = podmanDefaultCaps;
        this.knownRuntimes = knownRuntimes;
      }
      api;
      info;
      seccomp;
      podmanDefaultCaps;
      knownRuntimes;
      async runtimes() {
        const runtimes = this.knownRuntimes ?? (await this.api.json("GET", "/info", {}, "info")).Runtimes;
        return Object.entries(runtimes ?? {}).map(([name, r]) => ({ name, args: r?.runtimeArgs ?? [] }));
      }
    };
  }
});

// src/engine/docker-images.ts
function splitRef(ref) {
  const i = ref.lastIndexOf(":");
  return i > ref.lastIndexOf("/") ? { repo: ref.slice(0, i), tag: ref.slice(i + 1) } : { repo: ref, tag: "latest" };
}
var DockerImages;
var init_docker_images = __esm({
  "src/engine/docker-images.ts"() {
    "use strict";
    init_errors();
    init_docker_base();
    DockerImages = class extends DockerEngineBase {
      async imageInspect(ref) {
        const j = await this.api.getOrNull(
          `/images/${encodeURIComponent(ref)}/json`,
          "inspect image"
        );
        if (!j) return null;
        const c = j.Config ?? {};
        return {
          id: j.Id,
          user: c.User ?? "",
          workingDir: c.WorkingDir ?? "",
          env: c.Env ?? [],
          entrypoint: c.Entrypoint ?? null,
          cmd: c.Cmd ?? null,
          os: j.Os,
          arch: j.Architecture,
          labels: c.Labels ?? {}
        };
      }
      async imagePull(ref) {
        await this.api.progress("POST", "/images/create", { query: { fromImage: ref } }, `pull ${ref}`);
      }
      async imageBuild(context, o, progress = () => void 0) {
        const query = {
          dockerfile: o.dockerfile ?? "Dockerfile",
          buildargs: JSON.stringify(o.buildArgs ?? {}),
          labels: JSON.stringify(o.labels ?? {}),
          rm: 1,
          forcerm: 1,
          pull: o.pull ? 1 : 0,
          nocache: o.noCache ? 1 : 0,
          ...o.platform ? { platform: o.platform } : {}
        };
        const [first, ...rest] = o.tags;
        if (first) query.t = first;
        let id = "";
        await this.api.progress(
          "POST",
          "/build",
          { query, bodyStream: context, headers: { "content-type": "application/x-tar" } },
          "build image",
          (j) => {
            if (j.aux?.ID) id = j.aux.ID;
            if (j.stream) {
              const m = /Successfully built ([0-9a-f]+)/.exec(j.stream);
              if (m && !id) id = m[1];
              for (const l of j.stream.split("\n")) if (l.trim()) progress(l);
            }
          }
        );
        if (!id) throw new EngineError(this.info.name, "build image", "the engine reported no image id");
        for (const t of rest) await this.imageTag(id, t);
        return id;
      }
      async imageImport(rootfs, ref, changes) {
        const qs = new URLSearchParams({ fromSrc: "-", repo: ref });
        for (const c of changes) qs.append("changes", c);
        let id = "";
        await this.api.progress(
          "POST",
          `/images/create?${qs}`,
          { bodyStream: rootfs, headers: { "content-type": "application/x-tar" } },
          `import ${ref}`,
          (j) => {
            if (j.status && /^sha256:[0-9a-f]{64}$/.test(j.status)) id = j.status;
          }
        );
        if (!id) throw new EngineError(this.info.name, `import ${ref}`, "the engine reported no image id");
        await this.imageTag(id, ref);
      }
      async imageTag(source, ref) {
        const { repo, tag } = splitRef(ref);
        await this.api.call(
          "POST",
          `/images/${encodeURIComponent(source)}/tag`,
          { query: { repo, tag } },
          `tag ${ref}`
        );
      }
      async imagePush(ref, auth2) {
        const { repo, tag } = splitRef(ref);
        const header = Buffer.from(JSON.stringify(auth2 ?? {})).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
        let digest = "";
        let size2 = 0;
        await this.api.progress(
          "POST",
          `/images/${encodeURIComponent(repo)}/push`,
          { query: { tag }, headers: { "x-registry-auth": header } },
          `push ${ref}`,
          (j) => {
            if (j.aux?.Digest) {
              digest = j.aux.Digest;
              size2 = j.aux.Size ?? 0;
            }
          }
        );
        if (!digest) throw new EngineError(this.info.name, `push ${ref}`, "the engine reported no digest");
        return { digest, size: size2 };
      }
    };
  }
});

// src/engine/events.ts
async function followContainerEvents(api, id, actions, sink) {
  const filters = JSON.stringify({ container: [id] });
  const res = await api.raw("GET", "/events", { query: { filters } }, "follow events");
  if (res.statusCode !== 200) throw api.statusError("follow events", res.statusCode, await readAll(res.body));
  const ended = (async () => {
    try {
      for await (const line2 of jsonLines(res.body)) {
        const action = line2.Action ?? line2.status ?? "";
        const actor = line2.Actor?.ID ?? line2.id ?? "";
        if (actor !== id || !actions.includes(action)) continue;
        sink({ action, attributes: { ...line2.Actor?.Attributes ?? {} } });
      }
    } catch {
    }
  })();
  return { ended, close: () => res.body.destroy() };
}
async function pingEngine(api) {
  try {
    const res = await api.raw("GET", "/_ping", {}, "ping");
    await readAll(res.body);
    return res.statusCode === 200;
  } catch {
    return false;
  }
}
var init_events = __esm({
  "src/engine/events.ts"() {
    "use strict";
    init_http();
  }
});

// src/engine/docker-containers.ts
function toMountsBody(specMounts) {
  const tmpfs = {};
  const mounts = [];
  for (const m of specMounts) {
    if (m.type === "tmpfs") {
      const t = m.tmpfs;
      tmpfs[m.target] = [...t.options, `size=${t.sizeBytes}`, `mode=${t.mode.toString(8)}`].join(",");
    } else {
      mounts.push({
        Type: m.type,
        Source: m.source,
        Target: m.target,
        ReadOnly: m.readOnly,
        // Never copy the image's files or the mount point's owner into a volume: it starts empty, ours.
        ...m.type === "volume" ? { VolumeOptions: { NoCopy: true } } : {},
        ...m.type === "bind" ? { BindOptions: { Propagation: "rprivate" } } : {}
      });
    }
  }
  return { mounts, tmpfs };
}
function toContainerBody(s2) {
  const { mounts, tmpfs } = toMountsBody(s2.mounts);
  return {
    Image: s2.image,
    Cmd: s2.cmd,
    ...s2.entrypoint ? { Entrypoint: s2.entrypoint } : {},
    User: s2.user,
    WorkingDir: s2.workingDir,
    Env: s2.env,
    Labels: s2.labels,
    Tty: s2.tty,
    OpenStdin: s2.openStdin === true,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    ...s2.hostname ? { Hostname: s2.hostname } : {},
    HostConfig: {
      Mounts: mounts,
      Tmpfs: tmpfs,
      ReadonlyRootfs: s2.readOnlyRootfs,
      CapDrop: s2.capDrop,
      CapAdd: s2.capAdd,
      SecurityOpt: s2.securityOpt,
      Init: s2.init,
      Privileged: s2.privileged,
      NetworkMode: s2.networkMode,
      Memory: s2.memoryBytes,
      MemorySwap: s2.memorySwapBytes,
      NanoCpus: s2.nanoCpus,
      PidsLimit: s2.pidsLimit,
      Ulimits: s2.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
      ...s2.runtime ? { Runtime: s2.runtime } : {},
      LogConfig: { Type: s2.logDriver.type, Config: s2.logDriver.config },
      ExtraHosts: s2.extraHosts ?? [],
      ...s2.dns ? { Dns: s2.dns } : {},
      ...s2.sysctls ? { Sysctls: s2.sysctls } : {},
      Devices: [],
      IpcMode: "private",
      PidMode: "",
      UsernsMode: "",
      AutoRemove: false
    }
  };
}
function toInspectedContainer(j, runtime, engine) {
  const { podman, seccomp } = engine;
  const h = j.HostConfig;
  const caps = podman ? podmanCapabilities(h.CapDrop ?? [], h.CapAdd ?? [], engine.podmanDefaultCaps) : { capDrop: h.CapDrop ?? [], capAdd: h.CapAdd ?? [] };
  return {
    user: j.Config.User ?? "",
    entrypoint: j.Config.Entrypoint ?? null,
    cmd: j.Config.Cmd ?? null,
    readOnlyRootfs: h.ReadonlyRootfs === true,
    privileged: h.Privileged === true,
    capDrop: caps.capDrop,
    capAdd: caps.capAdd,
    securityOpt: h.SecurityOpt ?? [],
    engineSeccomp: seccomp,
    networkMode: podman ? podmanNetworkMode(h.NetworkMode, Object.keys(j.NetworkSettings?.Networks ?? {})) : h.NetworkMode ?? "",
    memoryBytes: h.Memory ?? 0,
    memorySwapBytes: h.MemorySwap ?? 0,
    nanoCpus: h.NanoCpus ?? 0,
    pidsLimit: h.PidsLimit ?? null,
    ulimits: (h.Ulimits ?? []).map(podmanUlimit),
    runtime: runtime ?? h.Runtime ?? "runc",
    init: h.Init === true,
    pidMode: podman ? podmanPidMode(h.PidMode) : h.PidMode ?? "",
    usernsMode: h.UsernsMode ?? "",
    devices: (h.Devices ?? []).length,
    mounts: (j.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Type === "volume" ? m.Name ?? m.Source : m.Source,
      target: m.Destination,
      readOnly: !m.RW
    })),
    tmpfs: h.Tmpfs ?? {}
  };
}
var DockerContainers;
var init_docker_containers = __esm({
  "src/engine/docker-containers.ts"() {
    "use strict";
    init_podman();
    init_docker_images();
    init_events();
    init_http();
    DockerContainers = class extends DockerImages {
      async createContainer(spec) {
        const j = await this.api.json(
          "POST",
          "/containers/create",
          {
            query: { name: spec.name },
            body: toContainerBody(coverReadOnlyTmpfs(spec, this.info.readOnlyTmpfs))
          },
          "create container"
        );
        return j.Id;
      }
      async startContainer(id) {
        await this.api.call("POST", `/containers/${id}/start`, {}, "start container", [304]);
      }
      /**
       * Registers a wait for the next exit and resolves once the engine has registered it (it flushes the
       * answer's headers then), so a container started afterwards cannot exit unseen.
       */
      async watchExit(id) {
        const res = await this.api.raw(
          "POST",
          `/containers/${id}/wait`,
          { query: { condition: "next-exit" } },
          "wait"
        );
        if (res.statusCode !== 200) throw this.api.statusError("wait", res.statusCode, await readAll(res.body));
        const exit = readAll(res.body).then((b) => {
          const j = JSON.parse(b.toString("utf8"));
          return j.StatusCode;
        });
        exit.catch(() => void 0);
        return { exit, cancel: () => res.body.destroy() };
      }
      followEvents(id, actions, sink) {
        return followContainerEvents(this.api, id, actions, sink);
      }
      ping() {
        return pingEngine(this.api);
      }
      async waitContainer(id) {
        const j = await this.api.json(
          "POST",
          `/containers/${id}/wait`,
          { query: { condition: "not-running" } },
          "wait"
        );
        return j.StatusCode;
      }
      async killContainer(id, signal = "KILL") {
        await this.api.call(
          "POST",
          `/containers/${id}/kill`,
          { query: { signal } },
          "kill container",
          [404, 409]
        );
      }
      async inspectContainer(id) {
        const j = await this.api.json("GET", `/containers/${id}/json`, {}, "inspect container");
        return {
          running: j.State.Running,
          exitCode: j.State.ExitCode,
          oomKilled: j.State.OOMKilled,
          error: j.State.Error,
          startedAt: j.State.StartedAt,
          finishedAt: j.State.FinishedAt
        };
      }
      async inspectCreated(id) {
        const podman = this.info.name === "podman";
        const [j, runtime] = await Promise.all([
          this.api.json("GET", `/containers/${id}/json`, {}, "inspect container"),
          // Podman's compatible inspect says `oci` for every runtime; its own inspect names the one it will run.
          podman ? this.api.json("GET", `/libpod/containers/${id}/json`, {}, "inspect container").then((l) => l.OCIRuntime ?? "") : null
        ]);
        return toInspectedContainer(j, runtime, {
          podman,
          seccomp: this.seccomp,
          podmanDefaultCaps: this.podmanDefaultCaps
        });
      }
      async removeContainer(id) {
        if (this.info.name === "podman") await this.killContainer(id, "KILL").catch(() => void 0);
        await this.api.call(
          "DELETE",
          `/containers/${id}`,
          { query: { force: 1, v: 1 } },
          "remove container",
          [404]
        );
      }
    };
  }
});

// src/engine/docker-streams.ts
var import_node_path26, DockerStreams;
var init_docker_streams = __esm({
  "src/engine/docker-streams.ts"() {
    "use strict";
    import_node_path26 = require("node:path");
    init_errors();
    init_demux();
    init_docker_containers();
    init_http();
    init_podman();
    DockerStreams = class extends DockerContainers {
      async attach(id, sink) {
        const res = await this.api.raw(
          "POST",
          `/containers/${id}/attach`,
          { query: { stream: 1, stdout: 1, stderr: 1, logs: 0 } },
          "attach"
        );
        if (res.statusCode !== 200) throw this.api.statusError("attach", res.statusCode, await readAll(res.body));
        return { done: demuxed(res.body, sink), close: () => res.body.destroy() };
      }
      async exec(id, cmd, opts = {}) {
        const created = await this.api.json(
          "POST",
          `/containers/${id}/exec`,
          { body: { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false, User: opts.user ?? "" } },
          "exec"
        );
        const res = await this.api.raw(
          "POST",
          `/exec/${created.Id}/start`,
          { body: { Detach: false, Tty: false } },
          "exec"
        );
        if (res.statusCode !== 200) throw this.api.statusError("exec", res.statusCode, await readAll(res.body));
        const out = [];
        const err = [];
        const demux = new Demuxer((s2, b) => (s2 === "stdout" ? out : err).push(Buffer.from(b)));
        for await (const chunk of res.body) demux.push(chunk);
        const inspect = await this.api.json("GET", `/exec/${created.Id}/json`, {}, "exec");
        return {
          exitCode: inspect.ExitCode,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8")
        };
      }
      async execCreate(id, spec, tty) {
        const created = await this.api.json(
          "POST",
          `/containers/${id}/exec`,
          {
            body: {
              Cmd: spec.cmd,
              User: spec.user,
              Env: spec.env ?? [],
              ...spec.workingDir ? { WorkingDir: spec.workingDir } : {},
              AttachStdin: tty,
              AttachStdout: true,
              AttachStderr: true,
              Tty: tty,
              Privileged: false
            }
          },
          "exec"
        );
        return created.Id;
      }
      async execStream(id, spec, sink) {
        const execId = await this.execCreate(id, spec, false);
        const res = await this.api.raw(
          "POST",
          `/exec/${execId}/start`,
          { body: { Detach: false, Tty: false } },
          "exec"
        );
        if (res.statusCode !== 200) throw this.api.statusError("exec", res.statusCode, await readAll(res.body));
        return { id: execId, done: demuxed(res.body, sink), close: () => res.body.destroy() };
      }
      async execInspect(execId) {
        const j = await this.api.json(
          "GET",
          `/exec/${execId}/json`,
          {},
          "inspect exec"
        );
        return { running: j.Running, exitCode: j.Running ? null : j.ExitCode };
      }
      async execInteractive(id, spec, size2) {
        const execId = await this.execCreate(id, spec, true);
        const stream = await this.api.upgrade(
          "POST",
          `/exec/${execId}/start`,
          { Detach: false, Tty: true },
          "exec"
        );
        const resize = async (rows, cols) => {
          await this.api.call(
            "POST",
            `/exec/${execId}/resize`,
            { query: { h: rows, w: cols } },
            "resize exec",
            [404, 409, 500]
          );
        };
        await resize(size2.rows, size2.cols);
        return { id: execId, stream, resize };
      }
      async top(id, psArgs) {
        const j = await this.api.json(
          "GET",
          `/containers/${id}/top`,
          { query: psArgs ? { ps_args: psArgs } : {} },
          "list processes"
        );
        return { titles: j.Titles ?? [], processes: j.Processes ?? [] };
      }
      async putArchive(id, path34, tar8) {
        await this.api.call(
          "PUT",
          `/containers/${id}/archive`,
          {
            query: { path: path34, noOverwriteDirNonDir: 1 },
            bodyStream: tar8,
            headers: { "content-type": "application/x-tar" }
          },
          `copy into ${path34}`
        );
      }
      async getArchive(id, path34) {
        const res = await this.api.raw(
          "GET",
          `/containers/${id}/archive`,
          { query: { path: path34 } },
          `copy out of ${path34}`
        );
        if (res.statusCode !== 200)
          throw this.api.statusError(`copy out of ${path34}`, res.statusCode, await readAll(res.body));
        return this.info.name === "podman" ? archiveUnderBase(res.body, import_node_path26.posix.basename(path34)) : res.body;
      }
      async statPath(id, path34) {
        const res = await this.api.raw("HEAD", `/containers/${id}/archive`, { query: { path: path34 } }, `stat ${path34}`);
        const body = await readAll(res.body);
        if (res.statusCode === 404) return null;
        if (res.statusCode !== 200) throw this.api.statusError(`stat ${path34}`, res.statusCode, body);
        const header = res.headers["x-docker-container-path-stat"];
        if (typeof header !== "string")
          throw new EngineError(this.info.name, `stat ${path34}`, "the engine sent no path stat");
        const j = JSON.parse(Buffer.from(header, "base64").toString("utf8"));
        return {
          name: String(j.name ?? ""),
          size: Number(j.size ?? 0),
          mode: Number(j.mode ?? 0),
          linkTarget: String(j.linkTarget ?? "")
        };
      }
    };
  }
});

// src/engine/identify.ts
function pingIdentity(h) {
  const api = one(h["api-version"]);
  const server = /^(Docker|Libpod)\/(\S+)(?:\s|$)/.exec(one(h.server));
  if (!/^\d+\.\d+$/.test(api) || !server) return null;
  const podman = server[1] === "Libpod";
  if (podman !== (one(h["libpod-api-version"]) !== "")) return null;
  return { api, podman, version: server[2] };
}
function versionFromPing(p, info) {
  const arch = info.Architecture ? GO_ARCH[info.Architecture] : void 0;
  if (!info.OSType || !arch) return null;
  return {
    Version: p.version,
    ApiVersion: p.api,
    Os: info.OSType,
    Arch: arch,
    Components: p.podman ? [{ Name: "Podman Engine", Version: p.version }] : []
  };
}
var one, GO_ARCH;
var init_identify = __esm({
  "src/engine/identify.ts"() {
    "use strict";
    one = (h) => (Array.isArray(h) ? h[0] : h)?.trim() ?? "";
    GO_ARCH = {
      x86_64: "amd64",
      amd64: "amd64",
      aarch64: "arm64",
      arm64: "arm64",
      armv7l: "arm",
      armv6l: "arm",
      i386: "386",
      i686: "386",
      ppc64le: "ppc64le",
      s390x: "s390x",
      riscv64: "riscv64"
    };
  }
});

// src/engine/docker.ts
function compareApi(a, b) {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}
async function identify(client, early) {
  const fromPing = await client.raw("GET", "/_ping", {}, "ping").then(async (res) => {
    await readAll(res.body);
    const p = res.statusCode === 200 ? pingIdentity(res.headers) : null;
    return p ? versionFromPing(p, await early) : null;
  }).catch(() => null);
  return fromPing ?? client.json("GET", "/version", {}, "version");
}
async function connectEngine(endpoints, choice = "auto") {
  let firstErr;
  for (const url of endpoints) {
    const client = new ApiClient(parseEndpoint(url), "engine");
    try {
      const early = client.json("GET", "/info", {}, "info");
      early.catch(() => void 0);
      const v = await identify(client, early);
      const { name, isPodman, api } = fitEngine(v, url, choice);
      const c = new ApiClient(client.endpoint, name);
      c.setApiVersion(api);
      const [info, podman] = await Promise.all([
        early.catch(() => c.json("GET", "/info", {}, "info")),
        isPodman ? c.json("GET", "/libpod/info", {}, "info").then(parsePodmanInfo) : null
      ]);
      const securityOptions = info.SecurityOptions ?? [];
      return new DockerApiEngine(
        c,
        engineInfo(v, client.endpoint, { name, api, info, podman, securityOptions }),
        securityOptions.some((o) => /(^|,)name=seccomp(,|$)/.test(o)),
        podman?.defaultCapabilities ?? [],
        info.Runtimes ?? null
      );
    } catch (err) {
      if (err instanceof InputError || err instanceof EngineError && err.engine !== "engine") throw err;
      firstErr ??= err;
    }
  }
  failNoEngine(firstErr, endpoints, choice);
}
function fitEngine(v, url, choice) {
  const isPodman = (v.Components ?? []).some((c) => /podman/i.test(c.Name));
  const name = isPodman ? "podman" : "docker";
  if (choice !== "auto" && choice !== name) {
    throw new InputError(
      "--engine",
      `${choice}: the engine at ${url} is ${name} ${v.Version}; pass --engine ${name}, or point ${choice === "podman" ? "CONTAINER_HOST" : "DOCKER_HOST"} at a ${choice} socket`
    );
  }
  if (compareApi(v.ApiVersion, CLIENT_MIN_API) < 0) {
    throw new EngineError(
      name,
      "version",
      `engine API ${v.ApiVersion} is older than ${CLIENT_MIN_API}`,
      "upgrade to Docker 20.10 or later, or Podman 3 or later"
    );
  }
  const api = compareApi(v.ApiVersion, CLIENT_MAX_API) > 0 ? CLIENT_MAX_API : v.ApiVersion;
  return { name, isPodman, api };
}
function engineInfo(v, endpoint2, a) {
  const { podman, info, securityOptions } = a;
  return {
    name: a.name,
    version: v.Version,
    apiVersion: a.api,
    os: v.Os,
    arch: v.Arch,
    endpoint: endpoint2.url,
    local: endpoint2.socketPath !== void 0,
    rootless: podman ? podman.rootless : securityOptions.some((o) => /(^|,)name=rootless(,|$)/.test(o)),
    cgroupVersion: podman ? podman.cgroupVersion : info.CgroupVersion ? `v${info.CgroupVersion}` : "",
    readOnlyTmpfs: podman ? PODMAN_READ_ONLY_TMPFS : []
  };
}
function failNoEngine(firstErr, endpoints, choice) {
  if (firstErr instanceof EngineError) {
    if (choice === "podman") throw new InputError("--engine", `podman: ${noPodmanHint(endpoints)}`);
    throw new EngineError(
      "docker",
      "connect",
      `no engine answers at ${endpoints.join(" or ")}`,
      "start it (`sudo systemctl start docker`, or `sudo scripts/engine-up.sh` here) or set DOCKER_HOST"
    );
  }
  throw firstErr;
}
function labelFilter(label) {
  return JSON.stringify({ label: [label] });
}
var CLIENT_MAX_API, CLIENT_MIN_API, DockerApiEngine;
var init_docker = __esm({
  "src/engine/docker.ts"() {
    "use strict";
    init_errors();
    init_docker_streams();
    init_http();
    init_identify();
    init_podman();
    init_docker_images();
    CLIENT_MAX_API = "1.47";
    CLIENT_MIN_API = "1.41";
    DockerApiEngine = class extends DockerStreams {
      async createVolume(spec) {
        await this.api.json(
          "POST",
          "/volumes/create",
          { body: { Name: spec.name, Driver: spec.driver, DriverOpts: spec.driverOpts, Labels: spec.labels } },
          "create volume"
        );
      }
      async removeVolume(name) {
        await this.api.call(
          "DELETE",
          `/volumes/${encodeURIComponent(name)}`,
          { query: { force: 1 } },
          "remove volume",
          [404]
        );
      }
      async createNetwork(spec) {
        const j = await this.api.json(
          "POST",
          "/networks/create",
          {
            body: {
              Name: spec.name,
              CheckDuplicate: true,
              Driver: "bridge",
              Internal: spec.internal,
              EnableIPv6: spec.enableIPv6,
              Options: spec.options,
              Labels: spec.labels
            }
          },
          "create network"
        );
        return j.Id;
      }
      async connectNetwork(network, container, opts = {}) {
        await this.api.call(
          "POST",
          `/networks/${network}/connect`,
          {
            body: {
              Container: container,
              EndpointConfig: {
                Aliases: opts.aliases ?? [],
                ...opts.ipv4 ? { IPAMConfig: { IPv4Address: opts.ipv4 } } : {}
              }
            }
          },
          "connect network"
        );
      }
      async inspectNetwork(idOrName) {
        const j = await this.api.getOrNull(
          `/networks/${encodeURIComponent(idOrName)}`,
          "inspect network"
        );
        if (!j) return null;
        const cfg = (j.IPAM?.Config ?? []).filter((c) => c.Subnet && !c.Subnet.includes(":"));
        return {
          id: j.Id,
          name: j.Name,
          internal: j.Internal,
          subnets: cfg.map((c) => c.Subnet),
          // Podman names an internal network's missing gateway `<nil>`.
          gateways: cfg.flatMap((c) => c.Gateway && c.Gateway !== "<nil>" ? [c.Gateway] : []),
          options: j.Options ?? {},
          driver: j.Driver ?? "",
          enableIPv6: j.EnableIPv6 === true,
          labels: j.Labels ?? {}
        };
      }
      async containerAddresses(id) {
        const j = await this.api.json("GET", `/containers/${id}/json`, {}, "inspect container");
        const out = {};
        for (const [name, n] of Object.entries(j.NetworkSettings?.Networks ?? {})) {
          if (n.IPAddress) out[name] = n.IPAddress;
        }
        return out;
      }
      async removeNetwork(id) {
        await this.api.call("DELETE", `/networks/${id}`, {}, "remove network", [404]);
      }
      async listLabelled(label) {
        const filters = labelFilter(label);
        const [containers, volumes, networks] = await Promise.all([
          this.api.json(
            "GET",
            "/containers/json",
            { query: { all: 1, filters } },
            "list containers"
          ),
          this.api.json(
            "GET",
            "/volumes",
            { query: { filters } },
            "list volumes"
          ),
          this.api.json(
            "GET",
            "/networks",
            { query: { filters } },
            "list networks"
          )
        ]);
        return [
          ...containers.map((c) => ({
            kind: "container",
            id: c.Id,
            name: (c.Names[0] ?? c.Id).replace(/^\//, ""),
            labels: c.Labels ?? {}
          })),
          ...(volumes.Volumes ?? []).map((v) => ({
            kind: "volume",
            id: v.Name,
            name: v.Name,
            labels: v.Labels ?? {}
          })),
          ...networks.map((n) => ({ kind: "network", id: n.Id, name: n.Name, labels: n.Labels ?? {} }))
        ];
      }
    };
  }
});

// src/cli/door.ts
function processContext() {
  return {
    env: process.env,
    cwd: process.cwd(),
    cpus: import_node_os3.default.availableParallelism(),
    isRoot: process.getuid?.() === 0
  };
}
function connect(ctx, choice = "auto") {
  return connectEngine(endpointsFor(choice, ctx.env), choice);
}
function volumeHostFor(ctx) {
  const dir = ctx.env.SANDBOX_ACTION_STATE_DIR || import_node_path27.default.join(import_node_os3.default.tmpdir(), "sandbox-action");
  const shared = ctx.env.ACT !== "true";
  const key = JSON.stringify([dir, ctx.isRoot, shared]);
  let host = hosts.get(key);
  if (!host) hosts.set(key, host = defaultVolumeHost(dir, ctx.isRoot, shared, true));
  return host;
}
function abortOnSignals() {
  const ac = new AbortController();
  const handlers = ["SIGINT", "SIGTERM", "SIGHUP"].map((s2) => [
    s2,
    () => {
      if (!ac.signal.aborted) {
        process.stderr.write(`sandbox-action: ${s2} received; removing the run's containers and volumes
`);
        ac.abort(s2);
        return;
      }
      process.stderr.write(
        `sandbox-action: ${s2} again; exiting now (run 'sandbox-action gc' for leftovers)
`
      );
      process.exit(exitCodeFor("mirror", new InterruptedError(s2)));
    }
  ]);
  for (const [s2, h] of handlers) process.on(s2, h);
  return { signal: ac.signal, dispose: () => handlers.forEach(([s2, h]) => process.off(s2, h)) };
}
function makeRunDeps(ctx, engine, o) {
  return {
    ...o.onStage ? { onStage: o.onStage } : {},
    onRunId: (runId) => {
      o.onRunId?.(runId);
      if (!o.watchdog) return void 0;
      const w = startWatchdog(runId, { ...ctx.env, DOCKER_HOST: engine.info.endpoint });
      if (!w) o.notice("no watchdog: the CLI bundle was not found; a killed CLI leaves this run to gc");
      return () => w?.stop();
    },
    engine,
    volumeHost: volumeHostFor(ctx),
    log: o.log,
    notice: o.notice,
    fenceWorkflowCommands: ctx.env.GITHUB_ACTIONS === "true",
    signal: o.signal,
    now: () => /* @__PURE__ */ new Date(),
    random: randomId,
    env: ctx.env
  };
}
function failedBeforeRun(err, spec, subject) {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId: `${Date.now().toString(36)}-${randomId()}`,
    status: "error",
    exitCode: exitCodeFor("mirror", err),
    commandExitCode: null,
    durationMs: 0,
    subject: spec?.verdict.subject ?? subject ?? { repository: null, headSha: null, baseSha: null, baseRef: null, shard: null },
    image: { ref: spec?.image.ref ?? "", id: null },
    engine: { name: "", version: "", runtime: "" },
    user: "",
    network: spec?.network ?? "",
    egress: null,
    limits: null,
    volumes: [],
    loosened: [],
    notes: [],
    sandbox: null,
    outputs: emptyOutputs(spec?.io.outputDir ?? null),
    state: null,
    verdict: { passed: false, judges: [] },
    annotations: [],
    annotationsDropped: 0,
    audit: null,
    timings: { prepareMs: 0, commandMs: 0, collectMs: 0, cleanupMs: 0 },
    logTruncated: false,
    logBytes: { shown: 0, dropped: 0 },
    error: errorMessage(err)
  };
}
function writeResultFile(file, result) {
  import_node_fs19.default.mkdirSync(import_node_path27.default.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  import_node_fs19.default.writeFileSync(tmp, `${JSON.stringify(result, null, 2)}
`, { mode: 420 });
  import_node_fs19.default.renameSync(tmp, file);
}
function writeResultOnCrash(file, subject) {
  if (file === null) return;
  const first = lastResort === null;
  lastResort = { file, subject };
  if (!first) return;
  const crash = (err) => {
    const r = lastResort;
    const bug = new InternalError(`internal error in sandbox-action: ${errorMessage(err)}`);
    try {
      writeResultFile(r.file, failedBeforeRun(bug, null, r.subject));
    } catch {
    }
    process.stderr.write(`sandbox-action: internal error: ${errorMessage(err)}
`);
    process.exit(exitCodeFor("mirror", bug));
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
}
var import_node_crypto8, import_node_fs19, import_node_os3, import_node_path27, hosts, randomId, lastResort;
var init_door = __esm({
  "src/cli/door.ts"() {
    "use strict";
    init_watchdog();
    import_node_crypto8 = require("node:crypto");
    import_node_fs19 = __toESM(require("node:fs"), 1);
    import_node_os3 = __toESM(require("node:os"), 1);
    import_node_path27 = __toESM(require("node:path"), 1);
    init_errors();
    init_docker();
    init_podman();
    init_volumes();
    init_collect();
    init_schema();
    hosts = /* @__PURE__ */ new Map();
    randomId = () => (0, import_node_crypto8.randomBytes)(4).toString("hex");
    lastResort = null;
  }
});

// src/cli/maintenance.ts
var maintenance_exports = {};
__export(maintenance_exports, {
  GC_TABLE: () => GC_TABLE,
  WATCHDOG_TABLE: () => WATCHDOG_TABLE,
  gcCommand: () => gcCommand,
  watchdogCommand: () => watchdogCommand
});
function errorLine(io, err) {
  io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
}
async function gcCommand(argv, io) {
  const ctx = processContext();
  try {
    const { options, positionals } = parseCommandLine(argv, GC_TABLE);
    if (options.help) {
      io.stdout.write(`usage: sandbox-action gc [--older-than 1h] [--run ID]
${helpFor(GC_TABLE)}
`);
      return 0;
    }
    if (positionals.length) throw new InputError(positionals[0], "gc takes no arguments");
    const older = typeof options["older-than"] === "string" ? parseDuration("--older-than", options["older-than"]) : 0;
    const runId = typeof options.run === "string" ? options.run : void 0;
    if (runId !== void 0 && !RUN_ID.test(runId))
      throw new InputError("--run", `'${runId}' is not a run id`);
    const engine = await connect(ctx);
    const deps = makeRunDeps(ctx, engine, {
      log: { stdout: io.stderr, stderr: io.stderr },
      notice: (l) => io.stderr.write(`sandbox-action: ${l}
`),
      signal: new AbortController().signal,
      watchdog: false
    });
    const swept = runId ? [] : await sweep(deps);
    const live = new Set((await listRecords(dirOf(deps))).map((r) => r.id));
    const report = await gc(engine, volumeHostFor(ctx), {
      olderThanMs: older,
      now: Date.now(),
      keepRuns: live,
      ...runId ? { runId } : {}
    });
    for (const l of swept) io.stderr.write(`sandbox-action: gc: ${l}
`);
    if (options.json) io.stdout.write(`${JSON.stringify(report)}
`);
    else {
      for (const r of report.removed) io.stdout.write(`removed ${r.kind} ${r.name}
`);
      for (const f of report.failures) io.stderr.write(`sandbox-action: gc: ${f}
`);
      io.stderr.write(`sandbox-action: gc removed ${report.removed.length}, kept ${report.kept} newer
`);
    }
    return report.failures.length ? FAILED_EXIT : 0;
  } catch (err) {
    errorLine(io, err);
    return exitCodeFor("plain", err);
  }
}
async function watchdogCommand(argv, io) {
  const ctx = processContext();
  try {
    const { options: o } = parseCommandLine(argv, WATCHDOG_TABLE);
    if (o.help) {
      io.stdout.write(
        `usage: sandbox-action watchdog --run ID --parent PID --parent-start TICKS
${helpFor(WATCHDOG_TABLE)}
`
      );
      return 0;
    }
    const runId = typeof o.run === "string" ? o.run : "";
    if (!RUN_ID.test(runId)) throw new InputError("--run", `'${runId}' is not a run id`);
    const parent = Number(o.parent);
    if (!Number.isInteger(parent) || parent < 1) throw new InputError("--parent", "is not a pid");
    if (typeof o["parent-start"] !== "string" || !/^\d+$/.test(o["parent-start"]))
      throw new InputError("--parent-start", "is not a start time in clock ticks");
    const stop = new AbortController();
    process.on("SIGTERM", () => stop.abort());
    const engine = await connect(ctx);
    await watch(engine, volumeHostFor(ctx), {
      runId,
      parentPid: parent,
      parentStart: o["parent-start"],
      signal: stop.signal
    });
    return 0;
  } catch (err) {
    errorLine(io, err);
    return exitCodeFor("plain", err);
  }
}
var GC_TABLE, RUN_ID, WATCHDOG_TABLE;
var init_maintenance = __esm({
  "src/cli/maintenance.ts"() {
    "use strict";
    init_errors();
    init_units();
    init_gc();
    init_watchdog();
    init_lifecycle();
    init_record();
    init_args();
    init_door();
    GC_TABLE = {
      "older-than": { kind: "string", help: "only what is older than this, e.g. 1h (default: everything)" },
      run: { kind: "string", help: "only this run's containers, networks and volumes (its run id)" },
      json: CLI_ONLY.json,
      help: CLI_ONLY.help
    };
    RUN_ID = /^[a-z0-9]{1,16}-[a-f0-9]{1,32}$/;
    WATCHDOG_TABLE = {
      run: { kind: "string", help: "the run to watch" },
      parent: { kind: "string", help: "the pid of the CLI that runs it" },
      "parent-start": { kind: "string", help: "that process's start time (/proc/PID/stat field 22)" },
      help: CLI_ONLY.help
    };
  }
});

// src/images/tags.ts
function sanitizeTag(text2) {
  const t = text2.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[.-]+/, "").slice(0, 128);
  return TAG.test(t) ? t : null;
}
function normalizeRepository(repo) {
  const r = repo.trim().toLowerCase();
  if (!REPOSITORY.test(r) || r.length > 255) {
    throw new InputError("--repository", `'${repo}' is not an image repository like ghcr.io/owner/name`);
  }
  return r;
}
function planTags(f) {
  const repository = normalizeRepository(f.repository);
  const isPr = f.event === "pull_request" || f.event === "pull_request_target";
  const { sha, shaNote } = tagCommit(f, isPr);
  const tags = [`sha-${sha.slice(0, 7)}`, sha];
  const refTags = isPr ? prTags(f) : versionTags(f);
  tags.push(...refTags.tags);
  for (const x of f.extra) {
    const t = sanitizeTag(x);
    if (!t)
      throw new InputError("--tag", `'${x}' cannot be made a Docker tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})`);
    tags.push(t);
  }
  const unique = [...new Set(tags)];
  return {
    repository,
    tags: unique,
    references: unique.map((t) => `${repository}:${t}`),
    sha,
    shaNote,
    version: refTags.version,
    push: refTags.push,
    pushNote: refTags.pushNote
  };
}
function tagCommit(f, isPr) {
  let sha = f.sha.toLowerCase();
  let shaNote = "the commit of the ref";
  if (isPr) {
    if (f.shaSource === "head") {
      if (!f.headSha)
        throw new InputError("--pr-sha", "head needs the pull request head commit (--head-sha)");
      sha = f.headSha.toLowerCase();
      shaNote = "the pull request's head commit (--pr-sha head)";
    } else {
      shaNote = "GitHub's merge commit of the pull request into its base (--pr-sha head tags the head commit instead)";
    }
  }
  if (!SHA.test(sha)) throw new InputError("--sha", `'${sha}' is not a 40-character commit id`);
  return { sha, shaNote };
}
function prTags(f) {
  if (f.pr === null || !Number.isInteger(f.pr) || f.pr <= 0) {
    throw new InputError("--pr", "a pull request event needs its number (--pr N)");
  }
  return f.fork ? {
    tags: [`pr-${f.pr}`],
    version: `pr-${f.pr}`,
    push: false,
    pushNote: "not pushed: the pull request comes from a fork, and its code must never get registry credentials"
  } : { tags: [`pr-${f.pr}`], version: `pr-${f.pr}`, push: true, pushNote: "pushed" };
}
function versionTags(f) {
  const pushed = { push: true, pushNote: "pushed" };
  const branch = /^refs\/heads\/(.+)$/.exec(f.ref)?.[1] ?? null;
  const tagRef = /^refs\/tags\/(.+)$/.exec(f.ref)?.[1] ?? null;
  if (tagRef !== null) {
    const v = import_semver2.default.valid(tagRef.replace(/^v(?=\d)/, ""), { loose: false });
    if (v !== null && /^v?\d/.test(tagRef)) {
      const p = import_semver2.default.parse(v);
      const full = sanitizeTag(v);
      if (!full) throw new InputError("--ref", `version '${v}' cannot be made a Docker tag`);
      const tags = [full];
      if (p.prerelease.length === 0) {
        tags.push(`${p.major}.${p.minor}`);
        if (p.major > 0) tags.push(`${p.major}`);
      }
      return { tags, version: v, ...pushed };
    }
    const t = sanitizeTag(tagRef);
    if (!t) throw new InputError("--ref", `tag '${tagRef}' cannot be made a Docker tag`);
    return { tags: [t], version: t, ...pushed };
  }
  if (branch !== null) {
    return { tags: branch === f.defaultBranch ? ["latest"] : [], version: sanitizeTag(branch), ...pushed };
  }
  throw new InputError("--ref", `'${f.ref}' is not refs/heads/…, refs/tags/… or refs/pull/…`);
}
function ociLabels(o) {
  return {
    "org.opencontainers.image.source": o.sourceUrl,
    "org.opencontainers.image.revision": o.sha,
    ...o.version ? { "org.opencontainers.image.version": o.version } : {},
    "org.opencontainers.image.created": o.created,
    "org.opencontainers.image.title": o.title,
    "org.opencontainers.image.description": o.description,
    "org.opencontainers.image.licenses": o.licenses
  };
}
function factsFromGithub(env, event) {
  const obj2 = (v) => typeof v === "object" && v !== null ? v : {};
  const str3 = (v) => typeof v === "string" ? v : void 0;
  const e = obj2(event);
  const repo = obj2(e.repository);
  const pr = obj2(e.pull_request);
  const headRepo = obj2(obj2(pr.head).repo);
  const out = {};
  if (env.GITHUB_SHA) out.sha = env.GITHUB_SHA;
  if (env.GITHUB_REF) out.ref = env.GITHUB_REF;
  if (env.GITHUB_EVENT_NAME) out.event = env.GITHUB_EVENT_NAME;
  const defaultBranch = str3(repo.default_branch);
  if (defaultBranch) out.defaultBranch = defaultBranch;
  if (typeof pr.number === "number") out.pr = pr.number;
  const headSha = str3(obj2(pr.head).sha);
  if (headSha) out.headSha = headSha;
  const headName = str3(headRepo.full_name);
  const baseName = str3(repo.full_name);
  if (headName && baseName) out.fork = headName !== baseName;
  if (env.GITHUB_REPOSITORY) {
    out.repository = `${env.REGISTRY || `ghcr.io/${env.GITHUB_REPOSITORY}`}`;
    out.sourceUrl = `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_REPOSITORY}`;
  }
  return out;
}
var import_semver2, TAG, SHA, REPOSITORY;
var init_tags = __esm({
  "src/images/tags.ts"() {
    "use strict";
    import_semver2 = __toESM(require_semver2(), 1);
    init_errors();
    TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
    SHA = /^[0-9a-f]{40}$/;
    REPOSITORY = /^(?:[a-z0-9]+(?:[.-][a-z0-9]+)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
  }
});

// src/cli/tags.ts
var tags_exports = {};
__export(tags_exports, {
  TAGS_TABLE: () => TAGS_TABLE,
  tagFactsFrom: () => tagFactsFrom,
  tagsCommand: () => tagsCommand
});
function tagsCommand(argv, env, io) {
  try {
    const { options: o, positionals } = parseCommandLine(argv, TAGS_TABLE);
    if (positionals.length) throw new InputError(positionals[0], "tags takes no arguments");
    const facts = tagFactsFrom(o, env);
    const plan2 = planTags(facts);
    if (o.json) io.stdout.write(`${JSON.stringify(plan2, null, 2)}
`);
    else {
      for (const r of plan2.references) io.stdout.write(`${r}
`);
      io.stderr.write(`sandbox-action: ${plan2.pushNote}; sha tags name ${plan2.shaNote}
`);
    }
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
    return inputExitCode("plain");
  }
}
function tagFactsFrom(o, env) {
  let event = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(import_node_fs20.default.readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
    } catch (err) {
      throw new InputError("GITHUB_EVENT_PATH", `cannot read the event: ${errorMessage(err)}`);
    }
  }
  const gh = factsFromGithub(env, event);
  const s2 = (k) => typeof o[k] === "string" ? o[k] : void 0;
  const prText = s2("pr");
  if (prText !== void 0 && !/^\d+$/.test(prText))
    throw new InputError("--pr", `'${prText}' is not a number`);
  const prSha = s2("pr-sha") ?? "merge";
  if (prSha !== "merge" && prSha !== "head")
    throw new InputError("--pr-sha", `'${prSha}' is not merge or head`);
  const sha = s2("sha") ?? gh.sha;
  const ref = s2("ref") ?? gh.ref;
  if (!sha) throw new InputError("--sha", "is required outside GitHub Actions");
  if (!ref) throw new InputError("--ref", "is required outside GitHub Actions");
  const base = s2("repository") ?? gh.repository;
  if (!base) throw new InputError("--repository", "is required outside GitHub Actions (or set REGISTRY)");
  const image = s2("image");
  const facts = {
    sha,
    ref,
    event: s2("event") ?? gh.event ?? "push",
    defaultBranch: s2("default-branch") ?? gh.defaultBranch ?? "main",
    pr: prText !== void 0 ? Number(prText) : gh.pr ?? null,
    fork: o.fork === true || gh.fork === true,
    headSha: s2("head-sha") ?? gh.headSha ?? null,
    shaSource: prSha,
    extra: Array.isArray(o.tag) ? o.tag : [],
    repository: image ? `${base}/${image}` : base
  };
  return facts;
}
var import_node_fs20, TAGS_TABLE;
var init_tags2 = __esm({
  "src/cli/tags.ts"() {
    "use strict";
    import_node_fs20 = __toESM(require("node:fs"), 1);
    init_errors();
    init_tags();
    init_args();
    TAGS_TABLE = {
      sha: { kind: "string", help: "commit (default $GITHUB_SHA)" },
      ref: { kind: "string", help: "refs/heads/…, refs/tags/… or refs/pull/… (default $GITHUB_REF)" },
      event: { kind: "string", help: "push, pull_request, … (default $GITHUB_EVENT_NAME, else push)" },
      "default-branch": { kind: "string", help: "default branch (default: from the event, else main)" },
      pr: { kind: "string", help: "pull request number (default: from the event)" },
      fork: { kind: "boolean", help: "the pull request comes from a fork (default: from the event)" },
      "head-sha": { kind: "string", help: "pull request head commit (default: from the event)" },
      "pr-sha": { kind: "string", help: "on pull requests tag the merge commit (default) or the head" },
      tag: { kind: "strings", help: "extra tag (repeatable)" },
      repository: {
        kind: "string",
        help: "image repository (default $REGISTRY, else ghcr.io/$GITHUB_REPOSITORY)"
      },
      image: { kind: "string", help: "image name appended to the repository, e.g. python-sandbox" },
      json: { kind: "boolean", help: "print the plan as JSON" },
      help: { kind: "boolean", help: "this help", short: "h" }
    };
  }
});

// src/report/checks.ts
function toApiAnnotation(a) {
  const single = a.startLine === a.endLine;
  return {
    path: a.path,
    start_line: a.startLine,
    end_line: a.endLine,
    ...single && a.startColumn !== void 0 ? { start_column: a.startColumn } : {},
    ...single && a.endColumn !== void 0 ? { end_column: a.endColumn } : {},
    annotation_level: a.level,
    title: cut(a.title, TITLE_MAX, "…"),
    message: cut(a.message || a.title, MESSAGE_MAX, "\n…(cut)")
  };
}
function planCheck(d) {
  const title = cut(d.title, TITLE_MAX, "…");
  const summary = cut(
    d.summary,
    SUMMARY_MAX,
    "\n\n(summary cut to fit 65,535 characters; the full text is in the run artifact)"
  );
  const all = d.annotations.map(toApiAnnotation);
  const batches = [];
  for (let i = 0; i < all.length; i += BATCH) batches.push(all.slice(i, i + BATCH));
  return {
    conclusion: d.conclusion,
    output: { title, summary, annotations: batches[0] ?? [] },
    updates: batches.slice(1).map((annotations) => ({ output: { title, summary, annotations } }))
  };
}
function buildCheck(target, d) {
  const p = planCheck(d);
  return {
    conclusion: p.conclusion,
    create: {
      name: target.name,
      head_sha: target.headSha,
      status: "completed",
      conclusion: p.conclusion,
      output: p.output
    },
    updates: p.updates
  };
}
var BATCH, SUMMARY_MAX, TITLE_MAX, MESSAGE_MAX, cut;
var init_checks = __esm({
  "src/report/checks.ts"() {
    "use strict";
    BATCH = 50;
    SUMMARY_MAX = 65535;
    TITLE_MAX = 255;
    MESSAGE_MAX = 64 * 1024;
    cut = (s2, max, note) => s2.length <= max ? s2 : `${s2.slice(0, max - note.length)}${note}`;
  }
});

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}
var init_universal_user_agent = __esm({
  "node_modules/universal-user-agent/index.js"() {
  }
});

// node_modules/before-after-hook/lib/register.js
function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options) {
    options = {};
  }
  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name2) => {
      return register.bind(null, state, name2, callback, options);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }
    return state.registry[name].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options);
    }, method)();
  });
}
var init_register = __esm({
  "node_modules/before-after-hook/lib/register.js"() {
  }
});

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name, hook2) {
  const orig = hook2;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }
  if (kind === "before") {
    hook2 = (method, options) => {
      return Promise.resolve().then(orig.bind(null, options)).then(method.bind(null, options));
    };
  }
  if (kind === "after") {
    hook2 = (method, options) => {
      let result;
      return Promise.resolve().then(method.bind(null, options)).then((result_) => {
        result = result_;
        return orig(result, options);
      }).then(() => {
        return result;
      });
    };
  }
  if (kind === "error") {
    hook2 = (method, options) => {
      return Promise.resolve().then(method.bind(null, options)).catch((error) => {
        return orig(error, options);
      });
    };
  }
  state.registry[name].push({
    hook: hook2,
    orig
  });
}
var init_add = __esm({
  "node_modules/before-after-hook/lib/add.js"() {
  }
});

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }
  const index = state.registry[name].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name].splice(index, 1);
}
var init_remove = __esm({
  "node_modules/before-after-hook/lib/remove.js"() {
  }
});

// node_modules/before-after-hook/index.js
function bindApi(hook2, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook2.api = { remove: removeHookRef };
  hook2.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook2[kind] = hook2.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = /* @__PURE__ */ Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook2 = register.bind(null, state);
  bindApi(hook2, state);
  return hook2;
}
var bind, bindable, before_after_hook_default;
var init_before_after_hook = __esm({
  "node_modules/before-after-hook/index.js"() {
    init_register();
    init_add();
    init_remove();
    bind = Function.bind;
    bindable = bind.bind(bind);
    before_after_hook_default = { Singular, Collection };
  }
});

// node_modules/@octokit/endpoint/dist-bundle/index.js
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}
function removeUndefinedProperties(obj2) {
  for (const key in obj2) {
    if (obj2[key] === void 0) {
      delete obj2[key];
    }
  }
  return obj2;
}
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}
function omit2(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}
function encodeReserved(str3) {
  return str3.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str3) {
  return encodeURIComponent(str3).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit2(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit2(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}
function endpointWithDefaults(defaults, route, options) {
  return parse(merge(defaults, route, options));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS22 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS22);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS22,
    defaults: withDefaults.bind(null, DEFAULTS22),
    merge: merge.bind(null, DEFAULTS22),
    parse
  });
}
var VERSION, userAgent, DEFAULTS2, urlVariableRegex, endpoint;
var init_dist_bundle = __esm({
  "node_modules/@octokit/endpoint/dist-bundle/index.js"() {
    init_universal_user_agent();
    VERSION = "0.0.0-development";
    userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
    DEFAULTS2 = {
      method: "GET",
      baseUrl: "https://api.github.com",
      headers: {
        accept: "application/vnd.github.v3+json",
        "user-agent": userAgent
      },
      mediaType: {
        format: ""
      }
    };
    urlVariableRegex = /\{[^{}}]+\}/g;
    endpoint = withDefaults(null, DEFAULTS2);
  }
});

// node_modules/content-type/dist/index.js
function parse2(header, options) {
  const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code = header.charCodeAt(index);
    const flags = CHAR_MAP[code];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code = header.charCodeAt(index);
      const flags = CHAR_MAP[code];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code2 = header.charCodeAt(index);
            if (code2 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code3 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code3];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code2 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code2 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code2];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str3, start, end) {
  let result = "";
  for (let index = start; index < end; index++) {
    if (str3.charCodeAt(index) === BSLASH) {
      result += str3.slice(start, index);
      start = ++index;
    }
  }
  return result + str3.slice(start, end);
}
var SP, HTAB, SEMI, EQ, DQUOTE, BSLASH, COMMA, LOWER_CASE, OWS, SEMI_FLAG, COMMA_FLAG, TOKEN_FLAG, NON_ASCII, CASE_FLAGS, CHAR_MAP, NullObject;
var init_dist = __esm({
  "node_modules/content-type/dist/index.js"() {
    SP = 32;
    HTAB = 9;
    SEMI = 59;
    EQ = 61;
    DQUOTE = 34;
    BSLASH = 92;
    COMMA = 44;
    LOWER_CASE = 1;
    OWS = 2;
    SEMI_FLAG = 4;
    COMMA_FLAG = 8;
    TOKEN_FLAG = 16;
    NON_ASCII = 65280;
    CASE_FLAGS = LOWER_CASE | NON_ASCII;
    CHAR_MAP = new Uint8Array(256);
    CHAR_MAP[HTAB] |= OWS;
    CHAR_MAP[SP] |= OWS;
    CHAR_MAP[SEMI] |= SEMI_FLAG;
    CHAR_MAP[COMMA] |= COMMA_FLAG;
    for (let code = 128; code <= 255; code++) {
      CHAR_MAP[code] |= LOWER_CASE;
    }
    for (const char of "!#$%&'*+-.^_`|~") {
      CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
    }
    for (let code = 48; code <= 57; code++) {
      CHAR_MAP[code] |= TOKEN_FLAG;
    }
    for (let code = 65; code <= 90; code++) {
      CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
    }
    for (let code = 97; code <= 122; code++) {
      CHAR_MAP[code] |= TOKEN_FLAG;
    }
    NullObject = /* @__PURE__ */ (() => {
      const C = function() {
      };
      C.prototype = /* @__PURE__ */ Object.create(null);
      return C;
    })();
  }
});

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex, noiseValue, originalStringify, originalParse, customFormat, bigIntsStringify, noiseStringify, isUnstringifiable, isRawJSON, stringifyIteratively, JSONStringify, featureCache, isContextSourceSupported, convertMarkedBigIntsReviver, JSONParseV2, MAX_INT, MAX_DIGITS, stringsOrLargeNumbers, noiseValueWithQuotes, applyReviverIteratively, serializeBigInts, JSONParse;
var init_json_with_bigint = __esm({
  "node_modules/json-with-bigint/json-with-bigint.js"() {
    intRegex = /^-?\d+$/;
    noiseValue = /^-?\d+n+$/;
    originalStringify = JSON.stringify;
    originalParse = JSON.parse;
    customFormat = /^-?\d+n$/;
    bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
    noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
    isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
    isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
    stringifyIteratively = (rootValue, replacer, spaceParam) => {
      let space = "";
      if (typeof spaceParam === "number") {
        space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
      } else if (typeof spaceParam === "string") {
        space = spaceParam.slice(0, 10);
      }
      const isFunctionReplacer = typeof replacer === "function";
      const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
      const prepareVal = (parent, key, val) => {
        const isObject2 = val !== null && typeof val === "object";
        const hasToJSON = isObject2 && typeof val.toJSON === "function";
        if (hasToJSON) {
          val = val.toJSON(key);
        }
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val + "n";
        const isBigInt = typeof val === "bigint";
        if (isBigInt) {
          const supportsRawJSON = "rawJSON" in JSON;
          if (supportsRawJSON) return JSON.rawJSON(val.toString());
          return val.toString() + "n";
        }
        if (isFunctionReplacer) {
          val = replacer.call(parent, key, val);
        }
        const isPostReplacerObject = val !== null && typeof val === "object";
        if (isPostReplacerObject) {
          const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
          if (isPrimitiveWrapper) {
            val = val.valueOf();
          }
        }
        return val;
      };
      const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
      if (isUnstringifiable(rootProcessed)) {
        return void 0;
      }
      const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
      const isRootNativeRawJSON = isRawJSON(rootProcessed);
      if (isRootPrimitive || isRootNativeRawJSON) {
        return originalStringify(rootProcessed);
      }
      const chunks2 = [];
      let level = 0;
      const stack = [
        {
          parent: { "": rootProcessed },
          key: "",
          val: rootProcessed,
          isArray: Array.isArray(rootProcessed),
          keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
          index: 0,
          first: true
        }
      ];
      const visited = new WeakSet([rootProcessed]);
      while (stack.length > 0) {
        const node = stack[stack.length - 1];
        if (node.index === 0) {
          chunks2.push(node.isArray ? "[" : "{");
          level++;
        }
        let isDone = false;
        if (node.isArray) {
          if (node.index < node.val.length) {
            if (!node.first) chunks2.push(",");
            if (space) chunks2.push("\n" + space.repeat(level));
            const childRaw = node.val[node.index];
            const childVal = prepareVal(node.val, String(node.index), childRaw);
            if (isUnstringifiable(childVal)) {
              chunks2.push("null");
              node.first = false;
              node.index++;
            } else {
              const isComplexObject = childVal !== null && typeof childVal === "object";
              const isNativeRaw = isRawJSON(childVal);
              if (isComplexObject && !isNativeRaw) {
                if (visited.has(childVal)) {
                  throw new TypeError("Converting circular structure to JSON");
                }
                visited.add(childVal);
                stack.push({
                  parent: node.val,
                  key: String(node.index),
                  val: childVal,
                  isArray: Array.isArray(childVal),
                  keys: Array.isArray(childVal) ? null : Object.keys(childVal),
                  index: 0,
                  first: true
                });
                node.first = false;
                node.index++;
              } else {
                chunks2.push(originalStringify(childVal));
                node.first = false;
                node.index++;
              }
            }
          } else {
            isDone = true;
          }
        } else {
          while (node.index < node.keys.length) {
            const k = node.keys[node.index++];
            const isFilteredOutByArray = propertyList && !propertyList.has(k);
            if (isFilteredOutByArray) continue;
            const childRaw = node.val[k];
            const childVal = prepareVal(node.val, k, childRaw);
            if (isUnstringifiable(childVal)) continue;
            if (!node.first) chunks2.push(",");
            if (space) {
              chunks2.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
            } else {
              chunks2.push(originalStringify(k) + ":");
            }
            const isComplexObject = childVal !== null && typeof childVal === "object";
            const isNativeRaw = isRawJSON(childVal);
            if (isComplexObject && !isNativeRaw) {
              if (visited.has(childVal)) {
                throw new TypeError("Converting circular structure to JSON");
              }
              visited.add(childVal);
              stack.push({
                parent: node.val,
                key: k,
                val: childVal,
                isArray: Array.isArray(childVal),
                keys: Array.isArray(childVal) ? null : Object.keys(childVal),
                index: 0,
                first: true
              });
              node.first = false;
              break;
            } else {
              chunks2.push(originalStringify(childVal));
              node.first = false;
            }
          }
          const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
          if (isNodeFullyProcessed) {
            isDone = true;
          }
        }
        if (isDone) {
          level--;
          if (!node.first && space) chunks2.push("\n" + space.repeat(level));
          chunks2.push(node.isArray ? "]" : "}");
          visited.delete(node.val);
          stack.pop();
        }
      }
      return chunks2.join("");
    };
    JSONStringify = (value, replacer, space) => {
      try {
        const supportsRawJSON = "rawJSON" in JSON;
        if (supportsRawJSON) {
          return originalStringify(
            value,
            (key, val) => {
              if (typeof val === "bigint") return JSON.rawJSON(val.toString());
              const hasFunctionReplacer = typeof replacer === "function";
              if (hasFunctionReplacer) return replacer(key, val);
              const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
              if (isKeyInArrayReplacer) return val;
              return val;
            },
            space
          );
        }
        if (!value) return originalStringify(value, replacer, space);
        const convertedToCustomJSON = originalStringify(
          value,
          (key, val) => {
            const isNoise = typeof val === "string" && noiseValue.test(val);
            if (isNoise) return val.toString() + "n";
            if (typeof val === "bigint") return val.toString() + "n";
            const hasFunctionReplacer = typeof replacer === "function";
            if (hasFunctionReplacer) return replacer(key, val);
            const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
            if (isKeyInArrayReplacer) return val;
            return val;
          },
          space
        );
        const processedJSON = convertedToCustomJSON.replace(
          bigIntsStringify,
          "$1$2$3"
        );
        const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
        return denoisedJSON;
      } catch (error) {
        if (error instanceof RangeError) {
          const convertedJSON = stringifyIteratively(value, replacer, space);
          if (convertedJSON === void 0) return void 0;
          const supportsRawJSON = "rawJSON" in JSON;
          if (supportsRawJSON) return convertedJSON;
          const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
          return processedJSON.replace(noiseStringify, "$1$2$3");
        }
        throw error;
      }
    };
    featureCache = /* @__PURE__ */ new Map();
    isContextSourceSupported = () => {
      const parseFingerprint = JSON.parse.toString();
      if (featureCache.has(parseFingerprint)) {
        return featureCache.get(parseFingerprint);
      }
      try {
        const result = JSON.parse(
          "1",
          (_, __, context) => !!context?.source && context.source === "1"
        );
        featureCache.set(parseFingerprint, result);
        return result;
      } catch {
        featureCache.set(parseFingerprint, false);
        return false;
      }
    };
    convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
      const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
      if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
      const isNoiseValue = typeof value === "string" && noiseValue.test(value);
      if (isNoiseValue) return value.slice(0, -1);
      const hasUserReviver = typeof userReviver === "function";
      if (!hasUserReviver) return value;
      return userReviver(key, value, context);
    };
    JSONParseV2 = (text2, reviver) => {
      return JSON.parse(text2, (key, value, context) => {
        const isNumber = typeof value === "number";
        const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
        const isBigNumber = isNumber && isOutOfBounds;
        const isInt = context && intRegex.test(context.source);
        const isBigInt = isBigNumber && isInt;
        if (isBigInt) return BigInt(context.source);
        const hasCustomReviver = typeof reviver === "function";
        if (!hasCustomReviver) return value;
        return reviver(key, value, context);
      });
    };
    MAX_INT = Number.MAX_SAFE_INTEGER.toString();
    MAX_DIGITS = MAX_INT.length;
    stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
    noiseValueWithQuotes = /^"-?\d+n+"$/;
    applyReviverIteratively = (parsed, userReviver) => {
      const rootHolder = { "": parsed };
      const stack = [{ parent: rootHolder, key: "", visited: false }];
      while (stack.length > 0) {
        const node = stack[stack.length - 1];
        if (!node.visited) {
          node.visited = true;
          const value = node.parent[node.key];
          const isComplexObject = value !== null && typeof value === "object";
          if (isComplexObject) {
            const keys = Object.keys(value);
            for (let i = keys.length - 1; i >= 0; i--) {
              stack.push({ parent: value, key: keys[i], visited: false });
            }
          }
        } else {
          const { parent, key } = node;
          let value = parent[key];
          if (typeof value === "string") {
            const isCustomFormatBigInt = customFormat.test(value);
            if (isCustomFormatBigInt) {
              value = BigInt(value.slice(0, -1));
            } else {
              const isNoise = noiseValue.test(value);
              if (isNoise) value = value.slice(0, -1);
            }
          }
          const hasUserReviver = typeof userReviver === "function";
          if (hasUserReviver) {
            value = userReviver.call(parent, key, value);
          }
          const isDeleted = value === void 0;
          if (isDeleted) {
            delete parent[key];
          } else {
            parent[key] = value;
          }
          stack.pop();
        }
      }
      return rootHolder[""];
    };
    serializeBigInts = (text2) => {
      return text2.replace(
        stringsOrLargeNumbers,
        (match, digits, fractional, exponential) => {
          const isString = match[0] === '"';
          const isNoise = isString && noiseValueWithQuotes.test(match);
          if (isNoise) return match.substring(0, match.length - 1) + 'n"';
          const hasFractionalOrExponential = fractional || exponential;
          const isLessThanMaxSafeInt = digits && (digits.length < MAX_DIGITS || digits.length === MAX_DIGITS && digits <= MAX_INT);
          const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
          if (isStandardValue) return match;
          return '"' + match + 'n"';
        }
      );
    };
    JSONParse = (text2, reviver) => {
      if (!text2) return originalParse(text2, reviver);
      try {
        if (isContextSourceSupported()) return JSONParseV2(text2, reviver);
        const serializedData = serializeBigInts(text2);
        return originalParse(
          serializedData,
          (key, value, context) => convertMarkedBigIntsReviver(key, value, context, reviver)
        );
      } catch (error) {
        if (error instanceof RangeError) {
          const serializedData = serializeBigInts(text2);
          const parsed = originalParse(serializedData);
          return applyReviverIteratively(parsed, reviver);
        }
        throw error;
      }
    };
  }
});

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError;
var init_dist_src = __esm({
  "node_modules/@octokit/request-error/dist-src/index.js"() {
    RequestError = class extends Error {
      name;
      /**
       * http status code
       */
      status;
      /**
       * Request options that lead to the error.
       */
      request;
      /**
       * Response object if a response was received
       */
      response;
      constructor(message, statusCode, options) {
        super(message, { cause: options.cause });
        this.name = "HttpError";
        this.status = Number.parseInt(statusCode);
        if (Number.isNaN(this.status)) {
          this.status = 0;
        }
        if ("response" in options) {
          this.response = options.response;
        }
        const requestCopy = Object.assign({}, options.request);
        if (options.request.headers.authorization) {
          requestCopy.headers = Object.assign({}, options.request.headers, {
            authorization: options.request.headers.authorization.replace(
              /(?<! ) .*$/,
              " [REDACTED]"
            )
          });
        }
        requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
        this.request = requestCopy;
      }
    };
  }
});

// node_modules/@octokit/request/dist-bundle/index.js
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
async function fetchWrapper(requestOptions) {
  const fetch = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text2 = "";
    try {
      text2 = await response.text();
      return JSONParse(text2);
    } catch (err) {
      return text2;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var VERSION2, defaults_default, noop, request;
var init_dist_bundle2 = __esm({
  "node_modules/@octokit/request/dist-bundle/index.js"() {
    init_dist_bundle();
    init_universal_user_agent();
    init_dist();
    init_json_with_bigint();
    init_dist_src();
    VERSION2 = "10.0.16";
    defaults_default = {
      headers: {
        "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
      }
    };
    noop = () => "";
    request = withDefaults2(endpoint, defaults_default);
  }
});

// node_modules/@octokit/graphql/dist-bundle/index.js
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}
var VERSION3, GraphqlResponseError, NON_VARIABLE_OPTIONS, FORBIDDEN_VARIABLE_OPTIONS, GHES_V3_SUFFIX_REGEX, graphql2;
var init_dist_bundle3 = __esm({
  "node_modules/@octokit/graphql/dist-bundle/index.js"() {
    init_dist_bundle2();
    init_universal_user_agent();
    VERSION3 = "0.0.0-development";
    GraphqlResponseError = class extends Error {
      constructor(request2, headers, response) {
        super(_buildMessageForResponseErrors(response));
        this.request = request2;
        this.headers = headers;
        this.response = response;
        this.errors = response.errors;
        this.data = response.data;
        if (Error.captureStackTrace) {
          Error.captureStackTrace(this, this.constructor);
        }
      }
      request;
      headers;
      response;
      name = "GraphqlResponseError";
      errors;
      data;
    };
    NON_VARIABLE_OPTIONS = [
      "method",
      "baseUrl",
      "url",
      "headers",
      "request",
      "query",
      "mediaType",
      "operationName"
    ];
    FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
    GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
    graphql2 = withDefaults3(request, {
      headers: {
        "user-agent": `octokit-graphql.js/${VERSION3} ${getUserAgent()}`
      },
      method: "POST",
      url: "/graphql"
    });
  }
});

// node_modules/@octokit/auth-token/dist-bundle/index.js
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}
async function hook(token, request2, route, parameters) {
  const endpoint2 = request2.endpoint.merge(
    route,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token);
  return request2(endpoint2);
}
var b64url, sep2, jwtRE, isJWT, createTokenAuth;
var init_dist_bundle4 = __esm({
  "node_modules/@octokit/auth-token/dist-bundle/index.js"() {
    b64url = "(?:[a-zA-Z0-9_-]+)";
    sep2 = "\\.";
    jwtRE = new RegExp(`^${b64url}${sep2}${b64url}${sep2}${b64url}$`);
    isJWT = jwtRE.test.bind(jwtRE);
    createTokenAuth = function createTokenAuth2(token) {
      if (!token) {
        throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
      }
      if (typeof token !== "string") {
        throw new Error(
          "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
        );
      }
      token = token.replace(/^(token|bearer) +/i, "");
      return Object.assign(auth.bind(null, token), {
        hook: hook.bind(null, token)
      });
    };
  }
});

// node_modules/@octokit/core/dist-src/version.js
var VERSION4;
var init_version = __esm({
  "node_modules/@octokit/core/dist-src/version.js"() {
    VERSION4 = "7.0.8";
  }
});

// node_modules/@octokit/core/dist-src/index.js
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var noop2, consoleWarn, consoleError, userAgentTrail, Octokit;
var init_dist_src2 = __esm({
  "node_modules/@octokit/core/dist-src/index.js"() {
    init_universal_user_agent();
    init_before_after_hook();
    init_dist_bundle2();
    init_dist_bundle3();
    init_dist_bundle4();
    init_version();
    noop2 = () => {
    };
    consoleWarn = console.warn.bind(console);
    consoleError = console.error.bind(console);
    userAgentTrail = `octokit-core.js/${VERSION4} ${getUserAgent()}`;
    Octokit = class {
      static VERSION = VERSION4;
      static defaults(defaults) {
        const OctokitWithDefaults = class extends this {
          constructor(...args) {
            const options = args[0] || {};
            if (typeof defaults === "function") {
              super(defaults(options));
              return;
            }
            super(
              Object.assign(
                {},
                defaults,
                options,
                options.userAgent && defaults.userAgent ? {
                  userAgent: `${options.userAgent} ${defaults.userAgent}`
                } : null
              )
            );
          }
        };
        return OctokitWithDefaults;
      }
      static plugins = [];
      /**
       * Attach a plugin (or many) to your Octokit instance.
       *
       * @example
       * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
       */
      static plugin(...newPlugins) {
        const currentPlugins = this.plugins;
        const NewOctokit = class extends this {
          static plugins = currentPlugins.concat(
            newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
          );
        };
        return NewOctokit;
      }
      constructor(options = {}) {
        const hook2 = new before_after_hook_default.Collection();
        const requestDefaults = {
          baseUrl: request.endpoint.DEFAULTS.baseUrl,
          headers: {},
          request: Object.assign({}, options.request, {
            // @ts-ignore internal usage only, no need to type
            hook: hook2.bind(null, "request")
          }),
          mediaType: {
            previews: [],
            format: ""
          }
        };
        requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
        if (options.baseUrl) {
          requestDefaults.baseUrl = options.baseUrl;
        }
        if (options.previews) {
          requestDefaults.mediaType.previews = options.previews;
        }
        if (options.timeZone) {
          requestDefaults.headers["time-zone"] = options.timeZone;
        }
        this.request = request.defaults(requestDefaults);
        this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
        this.log = createLogger(options.log);
        this.hook = hook2;
        if (!options.authStrategy) {
          if (!options.auth) {
            this.auth = async () => ({
              type: "unauthenticated"
            });
          } else {
            const auth2 = createTokenAuth(options.auth);
            hook2.wrap("request", auth2.hook);
            this.auth = auth2;
          }
        } else {
          const { authStrategy, ...otherOptions } = options;
          const auth2 = authStrategy(
            Object.assign(
              {
                request: this.request,
                log: this.log,
                // we pass the current octokit instance as well as its constructor options
                // to allow for authentication strategies that return a new octokit instance
                // that shares the same internal state as the current one. The original
                // requirement for this was the "event-octokit" authentication strategy
                // of https://github.com/probot/octokit-auth-probot.
                octokit: this,
                octokitOptions: otherOptions
              },
              options.auth
            )
          );
          hook2.wrap("request", auth2.hook);
          this.auth = auth2;
        }
        const classConstructor = this.constructor;
        for (let i = 0; i < classConstructor.plugins.length; ++i) {
          Object.assign(this, classConstructor.plugins[i](this, options));
        }
      }
      // assigned during constructor
      request;
      graphql;
      log;
      hook;
      // TODO: type `octokit.auth` based on passed options.authStrategy
      auth;
    };
  }
});

// node_modules/@octokit/plugin-request-log/dist-src/version.js
var VERSION5;
var init_version2 = __esm({
  "node_modules/@octokit/plugin-request-log/dist-src/version.js"() {
    VERSION5 = "6.0.0";
  }
});

// node_modules/@octokit/plugin-request-log/dist-src/index.js
function requestLog(octokit) {
  octokit.hook.wrap("request", (request2, options) => {
    octokit.log.debug("request", options);
    const start = Date.now();
    const requestOptions = octokit.request.endpoint.parse(options);
    const path34 = requestOptions.url.replace(options.baseUrl, "");
    return request2(options).then((response) => {
      const requestId = response.headers["x-github-request-id"];
      octokit.log.info(
        `${requestOptions.method} ${path34} - ${response.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      return response;
    }).catch((error) => {
      const requestId = error.response?.headers["x-github-request-id"] || "UNKNOWN";
      octokit.log.error(
        `${requestOptions.method} ${path34} - ${error.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      throw error;
    });
  });
}
var init_dist_src3 = __esm({
  "node_modules/@octokit/plugin-request-log/dist-src/index.js"() {
    init_version2();
    requestLog.VERSION = VERSION5;
  }
});

// node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
var VERSION6, composePaginateRest;
var init_dist_bundle5 = __esm({
  "node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js"() {
    VERSION6 = "0.0.0-development";
    composePaginateRest = Object.assign(paginate, {
      iterator
    });
    paginateRest.VERSION = VERSION6;
  }
});

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/version.js
var VERSION7;
var init_version3 = __esm({
  "node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/version.js"() {
    VERSION7 = "17.0.0";
  }
});

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js
var Endpoints, endpoints_default;
var init_endpoints = __esm({
  "node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js"() {
    Endpoints = {
      actions: {
        addCustomLabelsToSelfHostedRunnerForOrg: [
          "POST /orgs/{org}/actions/runners/{runner_id}/labels"
        ],
        addCustomLabelsToSelfHostedRunnerForRepo: [
          "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
        ],
        addRepoAccessToSelfHostedRunnerGroupInOrg: [
          "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"
        ],
        addSelectedRepoToOrgSecret: [
          "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
        ],
        addSelectedRepoToOrgVariable: [
          "PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
        ],
        approveWorkflowRun: [
          "POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve"
        ],
        cancelWorkflowRun: [
          "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"
        ],
        createEnvironmentVariable: [
          "POST /repos/{owner}/{repo}/environments/{environment_name}/variables"
        ],
        createHostedRunnerForOrg: ["POST /orgs/{org}/actions/hosted-runners"],
        createOrUpdateEnvironmentSecret: [
          "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
        ],
        createOrUpdateOrgSecret: ["PUT /orgs/{org}/actions/secrets/{secret_name}"],
        createOrUpdateRepoSecret: [
          "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
        ],
        createOrgVariable: ["POST /orgs/{org}/actions/variables"],
        createRegistrationTokenForOrg: [
          "POST /orgs/{org}/actions/runners/registration-token"
        ],
        createRegistrationTokenForRepo: [
          "POST /repos/{owner}/{repo}/actions/runners/registration-token"
        ],
        createRemoveTokenForOrg: ["POST /orgs/{org}/actions/runners/remove-token"],
        createRemoveTokenForRepo: [
          "POST /repos/{owner}/{repo}/actions/runners/remove-token"
        ],
        createRepoVariable: ["POST /repos/{owner}/{repo}/actions/variables"],
        createWorkflowDispatch: [
          "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
        ],
        deleteActionsCacheById: [
          "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
        ],
        deleteActionsCacheByKey: [
          "DELETE /repos/{owner}/{repo}/actions/caches{?key,ref}"
        ],
        deleteArtifact: [
          "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"
        ],
        deleteCustomImageFromOrg: [
          "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
        ],
        deleteCustomImageVersionFromOrg: [
          "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
        ],
        deleteEnvironmentSecret: [
          "DELETE /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
        ],
        deleteEnvironmentVariable: [
          "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
        ],
        deleteHostedRunnerForOrg: [
          "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
        ],
        deleteOrgSecret: ["DELETE /orgs/{org}/actions/secrets/{secret_name}"],
        deleteOrgVariable: ["DELETE /orgs/{org}/actions/variables/{name}"],
        deleteRepoSecret: [
          "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}"
        ],
        deleteRepoVariable: [
          "DELETE /repos/{owner}/{repo}/actions/variables/{name}"
        ],
        deleteSelfHostedRunnerFromOrg: [
          "DELETE /orgs/{org}/actions/runners/{runner_id}"
        ],
        deleteSelfHostedRunnerFromRepo: [
          "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}"
        ],
        deleteWorkflowRun: ["DELETE /repos/{owner}/{repo}/actions/runs/{run_id}"],
        deleteWorkflowRunLogs: [
          "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
        ],
        disableSelectedRepositoryGithubActionsOrganization: [
          "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}"
        ],
        disableWorkflow: [
          "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"
        ],
        downloadArtifact: [
          "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"
        ],
        downloadJobLogsForWorkflowRun: [
          "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
        ],
        downloadWorkflowRunAttemptLogs: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"
        ],
        downloadWorkflowRunLogs: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
        ],
        enableSelectedRepositoryGithubActionsOrganization: [
          "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}"
        ],
        enableWorkflow: [
          "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"
        ],
        forceCancelWorkflowRun: [
          "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"
        ],
        generateRunnerJitconfigForOrg: [
          "POST /orgs/{org}/actions/runners/generate-jitconfig"
        ],
        generateRunnerJitconfigForRepo: [
          "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig"
        ],
        getActionsCacheList: ["GET /repos/{owner}/{repo}/actions/caches"],
        getActionsCacheUsage: ["GET /repos/{owner}/{repo}/actions/cache/usage"],
        getActionsCacheUsageByRepoForOrg: [
          "GET /orgs/{org}/actions/cache/usage-by-repository"
        ],
        getActionsCacheUsageForOrg: ["GET /orgs/{org}/actions/cache/usage"],
        getAllowedActionsOrganization: [
          "GET /orgs/{org}/actions/permissions/selected-actions"
        ],
        getAllowedActionsRepository: [
          "GET /repos/{owner}/{repo}/actions/permissions/selected-actions"
        ],
        getArtifact: ["GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"],
        getCustomImageForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
        ],
        getCustomImageVersionForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
        ],
        getCustomOidcSubClaimForRepo: [
          "GET /repos/{owner}/{repo}/actions/oidc/customization/sub"
        ],
        getEnvironmentPublicKey: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"
        ],
        getEnvironmentSecret: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
        ],
        getEnvironmentVariable: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
        ],
        getGithubActionsDefaultWorkflowPermissionsOrganization: [
          "GET /orgs/{org}/actions/permissions/workflow"
        ],
        getGithubActionsDefaultWorkflowPermissionsRepository: [
          "GET /repos/{owner}/{repo}/actions/permissions/workflow"
        ],
        getGithubActionsPermissionsOrganization: [
          "GET /orgs/{org}/actions/permissions"
        ],
        getGithubActionsPermissionsRepository: [
          "GET /repos/{owner}/{repo}/actions/permissions"
        ],
        getHostedRunnerForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
        ],
        getHostedRunnersGithubOwnedImagesForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/images/github-owned"
        ],
        getHostedRunnersLimitsForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/limits"
        ],
        getHostedRunnersMachineSpecsForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/machine-sizes"
        ],
        getHostedRunnersPartnerImagesForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/images/partner"
        ],
        getHostedRunnersPlatformsForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/platforms"
        ],
        getJobForWorkflowRun: ["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"],
        getOrgPublicKey: ["GET /orgs/{org}/actions/secrets/public-key"],
        getOrgSecret: ["GET /orgs/{org}/actions/secrets/{secret_name}"],
        getOrgVariable: ["GET /orgs/{org}/actions/variables/{name}"],
        getPendingDeploymentsForRun: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
        ],
        getRepoPermissions: [
          "GET /repos/{owner}/{repo}/actions/permissions",
          {},
          { renamed: ["actions", "getGithubActionsPermissionsRepository"] }
        ],
        getRepoPublicKey: ["GET /repos/{owner}/{repo}/actions/secrets/public-key"],
        getRepoSecret: ["GET /repos/{owner}/{repo}/actions/secrets/{secret_name}"],
        getRepoVariable: ["GET /repos/{owner}/{repo}/actions/variables/{name}"],
        getReviewsForRun: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals"
        ],
        getSelfHostedRunnerForOrg: ["GET /orgs/{org}/actions/runners/{runner_id}"],
        getSelfHostedRunnerForRepo: [
          "GET /repos/{owner}/{repo}/actions/runners/{runner_id}"
        ],
        getWorkflow: ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}"],
        getWorkflowAccessToRepository: [
          "GET /repos/{owner}/{repo}/actions/permissions/access"
        ],
        getWorkflowRun: ["GET /repos/{owner}/{repo}/actions/runs/{run_id}"],
        getWorkflowRunAttempt: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"
        ],
        getWorkflowRunUsage: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"
        ],
        getWorkflowUsage: [
          "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"
        ],
        listArtifactsForRepo: ["GET /repos/{owner}/{repo}/actions/artifacts"],
        listCustomImageVersionsForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions"
        ],
        listCustomImagesForOrg: [
          "GET /orgs/{org}/actions/hosted-runners/images/custom"
        ],
        listEnvironmentSecrets: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"
        ],
        listEnvironmentVariables: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/variables"
        ],
        listGithubHostedRunnersInGroupForOrg: [
          "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners"
        ],
        listHostedRunnersForOrg: ["GET /orgs/{org}/actions/hosted-runners"],
        listJobsForWorkflowRun: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"
        ],
        listJobsForWorkflowRunAttempt: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"
        ],
        listLabelsForSelfHostedRunnerForOrg: [
          "GET /orgs/{org}/actions/runners/{runner_id}/labels"
        ],
        listLabelsForSelfHostedRunnerForRepo: [
          "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
        ],
        listOrgSecrets: ["GET /orgs/{org}/actions/secrets"],
        listOrgVariables: ["GET /orgs/{org}/actions/variables"],
        listRepoOrganizationSecrets: [
          "GET /repos/{owner}/{repo}/actions/organization-secrets"
        ],
        listRepoOrganizationVariables: [
          "GET /repos/{owner}/{repo}/actions/organization-variables"
        ],
        listRepoSecrets: ["GET /repos/{owner}/{repo}/actions/secrets"],
        listRepoVariables: ["GET /repos/{owner}/{repo}/actions/variables"],
        listRepoWorkflows: ["GET /repos/{owner}/{repo}/actions/workflows"],
        listRunnerApplicationsForOrg: ["GET /orgs/{org}/actions/runners/downloads"],
        listRunnerApplicationsForRepo: [
          "GET /repos/{owner}/{repo}/actions/runners/downloads"
        ],
        listSelectedReposForOrgSecret: [
          "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"
        ],
        listSelectedReposForOrgVariable: [
          "GET /orgs/{org}/actions/variables/{name}/repositories"
        ],
        listSelectedRepositoriesEnabledGithubActionsOrganization: [
          "GET /orgs/{org}/actions/permissions/repositories"
        ],
        listSelfHostedRunnersForOrg: ["GET /orgs/{org}/actions/runners"],
        listSelfHostedRunnersForRepo: ["GET /repos/{owner}/{repo}/actions/runners"],
        listWorkflowRunArtifacts: [
          "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"
        ],
        listWorkflowRuns: [
          "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"
        ],
        listWorkflowRunsForRepo: ["GET /repos/{owner}/{repo}/actions/runs"],
        reRunJobForWorkflowRun: [
          "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"
        ],
        reRunWorkflow: ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"],
        reRunWorkflowFailedJobs: [
          "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"
        ],
        removeAllCustomLabelsFromSelfHostedRunnerForOrg: [
          "DELETE /orgs/{org}/actions/runners/{runner_id}/labels"
        ],
        removeAllCustomLabelsFromSelfHostedRunnerForRepo: [
          "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
        ],
        removeCustomLabelFromSelfHostedRunnerForOrg: [
          "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}"
        ],
        removeCustomLabelFromSelfHostedRunnerForRepo: [
          "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"
        ],
        removeSelectedRepoFromOrgSecret: [
          "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
        ],
        removeSelectedRepoFromOrgVariable: [
          "DELETE /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
        ],
        reviewCustomGatesForRun: [
          "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"
        ],
        reviewPendingDeploymentsForRun: [
          "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
        ],
        setAllowedActionsOrganization: [
          "PUT /orgs/{org}/actions/permissions/selected-actions"
        ],
        setAllowedActionsRepository: [
          "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions"
        ],
        setCustomLabelsForSelfHostedRunnerForOrg: [
          "PUT /orgs/{org}/actions/runners/{runner_id}/labels"
        ],
        setCustomLabelsForSelfHostedRunnerForRepo: [
          "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
        ],
        setCustomOidcSubClaimForRepo: [
          "PUT /repos/{owner}/{repo}/actions/oidc/customization/sub"
        ],
        setGithubActionsDefaultWorkflowPermissionsOrganization: [
          "PUT /orgs/{org}/actions/permissions/workflow"
        ],
        setGithubActionsDefaultWorkflowPermissionsRepository: [
          "PUT /repos/{owner}/{repo}/actions/permissions/workflow"
        ],
        setGithubActionsPermissionsOrganization: [
          "PUT /orgs/{org}/actions/permissions"
        ],
        setGithubActionsPermissionsRepository: [
          "PUT /repos/{owner}/{repo}/actions/permissions"
        ],
        setSelectedReposForOrgSecret: [
          "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories"
        ],
        setSelectedReposForOrgVariable: [
          "PUT /orgs/{org}/actions/variables/{name}/repositories"
        ],
        setSelectedRepositoriesEnabledGithubActionsOrganization: [
          "PUT /orgs/{org}/actions/permissions/repositories"
        ],
        setWorkflowAccessToRepository: [
          "PUT /repos/{owner}/{repo}/actions/permissions/access"
        ],
        updateEnvironmentVariable: [
          "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
        ],
        updateHostedRunnerForOrg: [
          "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
        ],
        updateOrgVariable: ["PATCH /orgs/{org}/actions/variables/{name}"],
        updateRepoVariable: [
          "PATCH /repos/{owner}/{repo}/actions/variables/{name}"
        ]
      },
      activity: {
        checkRepoIsStarredByAuthenticatedUser: ["GET /user/starred/{owner}/{repo}"],
        deleteRepoSubscription: ["DELETE /repos/{owner}/{repo}/subscription"],
        deleteThreadSubscription: [
          "DELETE /notifications/threads/{thread_id}/subscription"
        ],
        getFeeds: ["GET /feeds"],
        getRepoSubscription: ["GET /repos/{owner}/{repo}/subscription"],
        getThread: ["GET /notifications/threads/{thread_id}"],
        getThreadSubscriptionForAuthenticatedUser: [
          "GET /notifications/threads/{thread_id}/subscription"
        ],
        listEventsForAuthenticatedUser: ["GET /users/{username}/events"],
        listNotificationsForAuthenticatedUser: ["GET /notifications"],
        listOrgEventsForAuthenticatedUser: [
          "GET /users/{username}/events/orgs/{org}"
        ],
        listPublicEvents: ["GET /events"],
        listPublicEventsForRepoNetwork: ["GET /networks/{owner}/{repo}/events"],
        listPublicEventsForUser: ["GET /users/{username}/events/public"],
        listPublicOrgEvents: ["GET /orgs/{org}/events"],
        listReceivedEventsForUser: ["GET /users/{username}/received_events"],
        listReceivedPublicEventsForUser: [
          "GET /users/{username}/received_events/public"
        ],
        listRepoEvents: ["GET /repos/{owner}/{repo}/events"],
        listRepoNotificationsForAuthenticatedUser: [
          "GET /repos/{owner}/{repo}/notifications"
        ],
        listReposStarredByAuthenticatedUser: ["GET /user/starred"],
        listReposStarredByUser: ["GET /users/{username}/starred"],
        listReposWatchedByUser: ["GET /users/{username}/subscriptions"],
        listStargazersForRepo: ["GET /repos/{owner}/{repo}/stargazers"],
        listWatchedReposForAuthenticatedUser: ["GET /user/subscriptions"],
        listWatchersForRepo: ["GET /repos/{owner}/{repo}/subscribers"],
        markNotificationsAsRead: ["PUT /notifications"],
        markRepoNotificationsAsRead: ["PUT /repos/{owner}/{repo}/notifications"],
        markThreadAsDone: ["DELETE /notifications/threads/{thread_id}"],
        markThreadAsRead: ["PATCH /notifications/threads/{thread_id}"],
        setRepoSubscription: ["PUT /repos/{owner}/{repo}/subscription"],
        setThreadSubscription: [
          "PUT /notifications/threads/{thread_id}/subscription"
        ],
        starRepoForAuthenticatedUser: ["PUT /user/starred/{owner}/{repo}"],
        unstarRepoForAuthenticatedUser: ["DELETE /user/starred/{owner}/{repo}"]
      },
      apps: {
        addRepoToInstallation: [
          "PUT /user/installations/{installation_id}/repositories/{repository_id}",
          {},
          { renamed: ["apps", "addRepoToInstallationForAuthenticatedUser"] }
        ],
        addRepoToInstallationForAuthenticatedUser: [
          "PUT /user/installations/{installation_id}/repositories/{repository_id}"
        ],
        checkToken: ["POST /applications/{client_id}/token"],
        createFromManifest: ["POST /app-manifests/{code}/conversions"],
        createInstallationAccessToken: [
          "POST /app/installations/{installation_id}/access_tokens"
        ],
        deleteAuthorization: ["DELETE /applications/{client_id}/grant"],
        deleteInstallation: ["DELETE /app/installations/{installation_id}"],
        deleteToken: ["DELETE /applications/{client_id}/token"],
        getAuthenticated: ["GET /app"],
        getBySlug: ["GET /apps/{app_slug}"],
        getInstallation: ["GET /app/installations/{installation_id}"],
        getOrgInstallation: ["GET /orgs/{org}/installation"],
        getRepoInstallation: ["GET /repos/{owner}/{repo}/installation"],
        getSubscriptionPlanForAccount: [
          "GET /marketplace_listing/accounts/{account_id}"
        ],
        getSubscriptionPlanForAccountStubbed: [
          "GET /marketplace_listing/stubbed/accounts/{account_id}"
        ],
        getUserInstallation: ["GET /users/{username}/installation"],
        getWebhookConfigForApp: ["GET /app/hook/config"],
        getWebhookDelivery: ["GET /app/hook/deliveries/{delivery_id}"],
        listAccountsForPlan: ["GET /marketplace_listing/plans/{plan_id}/accounts"],
        listAccountsForPlanStubbed: [
          "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts"
        ],
        listInstallationReposForAuthenticatedUser: [
          "GET /user/installations/{installation_id}/repositories"
        ],
        listInstallationRequestsForAuthenticatedApp: [
          "GET /app/installation-requests"
        ],
        listInstallations: ["GET /app/installations"],
        listInstallationsForAuthenticatedUser: ["GET /user/installations"],
        listPlans: ["GET /marketplace_listing/plans"],
        listPlansStubbed: ["GET /marketplace_listing/stubbed/plans"],
        listReposAccessibleToInstallation: ["GET /installation/repositories"],
        listSubscriptionsForAuthenticatedUser: ["GET /user/marketplace_purchases"],
        listSubscriptionsForAuthenticatedUserStubbed: [
          "GET /user/marketplace_purchases/stubbed"
        ],
        listWebhookDeliveries: ["GET /app/hook/deliveries"],
        redeliverWebhookDelivery: [
          "POST /app/hook/deliveries/{delivery_id}/attempts"
        ],
        removeRepoFromInstallation: [
          "DELETE /user/installations/{installation_id}/repositories/{repository_id}",
          {},
          { renamed: ["apps", "removeRepoFromInstallationForAuthenticatedUser"] }
        ],
        removeRepoFromInstallationForAuthenticatedUser: [
          "DELETE /user/installations/{installation_id}/repositories/{repository_id}"
        ],
        resetToken: ["PATCH /applications/{client_id}/token"],
        revokeInstallationAccessToken: ["DELETE /installation/token"],
        scopeToken: ["POST /applications/{client_id}/token/scoped"],
        suspendInstallation: ["PUT /app/installations/{installation_id}/suspended"],
        unsuspendInstallation: [
          "DELETE /app/installations/{installation_id}/suspended"
        ],
        updateWebhookConfigForApp: ["PATCH /app/hook/config"]
      },
      billing: {
        getGithubActionsBillingOrg: ["GET /orgs/{org}/settings/billing/actions"],
        getGithubActionsBillingUser: [
          "GET /users/{username}/settings/billing/actions"
        ],
        getGithubBillingPremiumRequestUsageReportOrg: [
          "GET /organizations/{org}/settings/billing/premium_request/usage"
        ],
        getGithubBillingPremiumRequestUsageReportUser: [
          "GET /users/{username}/settings/billing/premium_request/usage"
        ],
        getGithubBillingUsageReportOrg: [
          "GET /organizations/{org}/settings/billing/usage"
        ],
        getGithubBillingUsageReportUser: [
          "GET /users/{username}/settings/billing/usage"
        ],
        getGithubPackagesBillingOrg: ["GET /orgs/{org}/settings/billing/packages"],
        getGithubPackagesBillingUser: [
          "GET /users/{username}/settings/billing/packages"
        ],
        getSharedStorageBillingOrg: [
          "GET /orgs/{org}/settings/billing/shared-storage"
        ],
        getSharedStorageBillingUser: [
          "GET /users/{username}/settings/billing/shared-storage"
        ]
      },
      campaigns: {
        createCampaign: ["POST /orgs/{org}/campaigns"],
        deleteCampaign: ["DELETE /orgs/{org}/campaigns/{campaign_number}"],
        getCampaignSummary: ["GET /orgs/{org}/campaigns/{campaign_number}"],
        listOrgCampaigns: ["GET /orgs/{org}/campaigns"],
        updateCampaign: ["PATCH /orgs/{org}/campaigns/{campaign_number}"]
      },
      checks: {
        create: ["POST /repos/{owner}/{repo}/check-runs"],
        createSuite: ["POST /repos/{owner}/{repo}/check-suites"],
        get: ["GET /repos/{owner}/{repo}/check-runs/{check_run_id}"],
        getSuite: ["GET /repos/{owner}/{repo}/check-suites/{check_suite_id}"],
        listAnnotations: [
          "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
        ],
        listForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs"],
        listForSuite: [
          "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"
        ],
        listSuitesForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-suites"],
        rerequestRun: [
          "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest"
        ],
        rerequestSuite: [
          "POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest"
        ],
        setSuitesPreferences: [
          "PATCH /repos/{owner}/{repo}/check-suites/preferences"
        ],
        update: ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]
      },
      codeScanning: {
        commitAutofix: [
          "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix/commits"
        ],
        createAutofix: [
          "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
        ],
        createVariantAnalysis: [
          "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses"
        ],
        deleteAnalysis: [
          "DELETE /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}{?confirm_delete}"
        ],
        deleteCodeqlDatabase: [
          "DELETE /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
        ],
        getAlert: [
          "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
          {},
          { renamedParameters: { alert_id: "alert_number" } }
        ],
        getAnalysis: [
          "GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}"
        ],
        getAutofix: [
          "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
        ],
        getCodeqlDatabase: [
          "GET /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
        ],
        getDefaultSetup: ["GET /repos/{owner}/{repo}/code-scanning/default-setup"],
        getSarif: ["GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"],
        getVariantAnalysis: [
          "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}"
        ],
        getVariantAnalysisRepoTask: [
          "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}/repos/{repo_owner}/{repo_name}"
        ],
        listAlertInstances: [
          "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances"
        ],
        listAlertsForOrg: ["GET /orgs/{org}/code-scanning/alerts"],
        listAlertsForRepo: ["GET /repos/{owner}/{repo}/code-scanning/alerts"],
        listAlertsInstances: [
          "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
          {},
          { renamed: ["codeScanning", "listAlertInstances"] }
        ],
        listCodeqlDatabases: [
          "GET /repos/{owner}/{repo}/code-scanning/codeql/databases"
        ],
        listRecentAnalyses: ["GET /repos/{owner}/{repo}/code-scanning/analyses"],
        updateAlert: [
          "PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}"
        ],
        updateDefaultSetup: [
          "PATCH /repos/{owner}/{repo}/code-scanning/default-setup"
        ],
        uploadSarif: ["POST /repos/{owner}/{repo}/code-scanning/sarifs"]
      },
      codeSecurity: {
        attachConfiguration: [
          "POST /orgs/{org}/code-security/configurations/{configuration_id}/attach"
        ],
        attachEnterpriseConfiguration: [
          "POST /enterprises/{enterprise}/code-security/configurations/{configuration_id}/attach"
        ],
        createConfiguration: ["POST /orgs/{org}/code-security/configurations"],
        createConfigurationForEnterprise: [
          "POST /enterprises/{enterprise}/code-security/configurations"
        ],
        deleteConfiguration: [
          "DELETE /orgs/{org}/code-security/configurations/{configuration_id}"
        ],
        deleteConfigurationForEnterprise: [
          "DELETE /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
        ],
        detachConfiguration: [
          "DELETE /orgs/{org}/code-security/configurations/detach"
        ],
        getConfiguration: [
          "GET /orgs/{org}/code-security/configurations/{configuration_id}"
        ],
        getConfigurationForRepository: [
          "GET /repos/{owner}/{repo}/code-security-configuration"
        ],
        getConfigurationsForEnterprise: [
          "GET /enterprises/{enterprise}/code-security/configurations"
        ],
        getConfigurationsForOrg: ["GET /orgs/{org}/code-security/configurations"],
        getDefaultConfigurations: [
          "GET /orgs/{org}/code-security/configurations/defaults"
        ],
        getDefaultConfigurationsForEnterprise: [
          "GET /enterprises/{enterprise}/code-security/configurations/defaults"
        ],
        getRepositoriesForConfiguration: [
          "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories"
        ],
        getRepositoriesForEnterpriseConfiguration: [
          "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories"
        ],
        getSingleConfigurationForEnterprise: [
          "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
        ],
        setConfigurationAsDefault: [
          "PUT /orgs/{org}/code-security/configurations/{configuration_id}/defaults"
        ],
        setConfigurationAsDefaultForEnterprise: [
          "PUT /enterprises/{enterprise}/code-security/configurations/{configuration_id}/defaults"
        ],
        updateConfiguration: [
          "PATCH /orgs/{org}/code-security/configurations/{configuration_id}"
        ],
        updateEnterpriseConfiguration: [
          "PATCH /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
        ]
      },
      codesOfConduct: {
        getAllCodesOfConduct: ["GET /codes_of_conduct"],
        getConductCode: ["GET /codes_of_conduct/{key}"]
      },
      codespaces: {
        addRepositoryForSecretForAuthenticatedUser: [
          "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
        ],
        addSelectedRepoToOrgSecret: [
          "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
        ],
        checkPermissionsForDevcontainer: [
          "GET /repos/{owner}/{repo}/codespaces/permissions_check"
        ],
        codespaceMachinesForAuthenticatedUser: [
          "GET /user/codespaces/{codespace_name}/machines"
        ],
        createForAuthenticatedUser: ["POST /user/codespaces"],
        createOrUpdateOrgSecret: [
          "PUT /orgs/{org}/codespaces/secrets/{secret_name}"
        ],
        createOrUpdateRepoSecret: [
          "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
        ],
        createOrUpdateSecretForAuthenticatedUser: [
          "PUT /user/codespaces/secrets/{secret_name}"
        ],
        createWithPrForAuthenticatedUser: [
          "POST /repos/{owner}/{repo}/pulls/{pull_number}/codespaces"
        ],
        createWithRepoForAuthenticatedUser: [
          "POST /repos/{owner}/{repo}/codespaces"
        ],
        deleteForAuthenticatedUser: ["DELETE /user/codespaces/{codespace_name}"],
        deleteFromOrganization: [
          "DELETE /orgs/{org}/members/{username}/codespaces/{codespace_name}"
        ],
        deleteOrgSecret: ["DELETE /orgs/{org}/codespaces/secrets/{secret_name}"],
        deleteRepoSecret: [
          "DELETE /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
        ],
        deleteSecretForAuthenticatedUser: [
          "DELETE /user/codespaces/secrets/{secret_name}"
        ],
        exportForAuthenticatedUser: [
          "POST /user/codespaces/{codespace_name}/exports"
        ],
        getCodespacesForUserInOrg: [
          "GET /orgs/{org}/members/{username}/codespaces"
        ],
        getExportDetailsForAuthenticatedUser: [
          "GET /user/codespaces/{codespace_name}/exports/{export_id}"
        ],
        getForAuthenticatedUser: ["GET /user/codespaces/{codespace_name}"],
        getOrgPublicKey: ["GET /orgs/{org}/codespaces/secrets/public-key"],
        getOrgSecret: ["GET /orgs/{org}/codespaces/secrets/{secret_name}"],
        getPublicKeyForAuthenticatedUser: [
          "GET /user/codespaces/secrets/public-key"
        ],
        getRepoPublicKey: [
          "GET /repos/{owner}/{repo}/codespaces/secrets/public-key"
        ],
        getRepoSecret: [
          "GET /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
        ],
        getSecretForAuthenticatedUser: [
          "GET /user/codespaces/secrets/{secret_name}"
        ],
        listDevcontainersInRepositoryForAuthenticatedUser: [
          "GET /repos/{owner}/{repo}/codespaces/devcontainers"
        ],
        listForAuthenticatedUser: ["GET /user/codespaces"],
        listInOrganization: [
          "GET /orgs/{org}/codespaces",
          {},
          { renamedParameters: { org_id: "org" } }
        ],
        listInRepositoryForAuthenticatedUser: [
          "GET /repos/{owner}/{repo}/codespaces"
        ],
        listOrgSecrets: ["GET /orgs/{org}/codespaces/secrets"],
        listRepoSecrets: ["GET /repos/{owner}/{repo}/codespaces/secrets"],
        listRepositoriesForSecretForAuthenticatedUser: [
          "GET /user/codespaces/secrets/{secret_name}/repositories"
        ],
        listSecretsForAuthenticatedUser: ["GET /user/codespaces/secrets"],
        listSelectedReposForOrgSecret: [
          "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
        ],
        preFlightWithRepoForAuthenticatedUser: [
          "GET /repos/{owner}/{repo}/codespaces/new"
        ],
        publishForAuthenticatedUser: [
          "POST /user/codespaces/{codespace_name}/publish"
        ],
        removeRepositoryForSecretForAuthenticatedUser: [
          "DELETE /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
        ],
        removeSelectedRepoFromOrgSecret: [
          "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
        ],
        repoMachinesForAuthenticatedUser: [
          "GET /repos/{owner}/{repo}/codespaces/machines"
        ],
        setRepositoriesForSecretForAuthenticatedUser: [
          "PUT /user/codespaces/secrets/{secret_name}/repositories"
        ],
        setSelectedReposForOrgSecret: [
          "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
        ],
        startForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/start"],
        stopForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/stop"],
        stopInOrganization: [
          "POST /orgs/{org}/members/{username}/codespaces/{codespace_name}/stop"
        ],
        updateForAuthenticatedUser: ["PATCH /user/codespaces/{codespace_name}"]
      },
      copilot: {
        addCopilotSeatsForTeams: [
          "POST /orgs/{org}/copilot/billing/selected_teams"
        ],
        addCopilotSeatsForUsers: [
          "POST /orgs/{org}/copilot/billing/selected_users"
        ],
        cancelCopilotSeatAssignmentForTeams: [
          "DELETE /orgs/{org}/copilot/billing/selected_teams"
        ],
        cancelCopilotSeatAssignmentForUsers: [
          "DELETE /orgs/{org}/copilot/billing/selected_users"
        ],
        copilotMetricsForOrganization: ["GET /orgs/{org}/copilot/metrics"],
        copilotMetricsForTeam: ["GET /orgs/{org}/team/{team_slug}/copilot/metrics"],
        getCopilotOrganizationDetails: ["GET /orgs/{org}/copilot/billing"],
        getCopilotSeatDetailsForUser: [
          "GET /orgs/{org}/members/{username}/copilot"
        ],
        listCopilotSeats: ["GET /orgs/{org}/copilot/billing/seats"]
      },
      credentials: { revoke: ["POST /credentials/revoke"] },
      dependabot: {
        addSelectedRepoToOrgSecret: [
          "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
        ],
        createOrUpdateOrgSecret: [
          "PUT /orgs/{org}/dependabot/secrets/{secret_name}"
        ],
        createOrUpdateRepoSecret: [
          "PUT /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
        ],
        deleteOrgSecret: ["DELETE /orgs/{org}/dependabot/secrets/{secret_name}"],
        deleteRepoSecret: [
          "DELETE /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
        ],
        getAlert: ["GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"],
        getOrgPublicKey: ["GET /orgs/{org}/dependabot/secrets/public-key"],
        getOrgSecret: ["GET /orgs/{org}/dependabot/secrets/{secret_name}"],
        getRepoPublicKey: [
          "GET /repos/{owner}/{repo}/dependabot/secrets/public-key"
        ],
        getRepoSecret: [
          "GET /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
        ],
        listAlertsForEnterprise: [
          "GET /enterprises/{enterprise}/dependabot/alerts"
        ],
        listAlertsForOrg: ["GET /orgs/{org}/dependabot/alerts"],
        listAlertsForRepo: ["GET /repos/{owner}/{repo}/dependabot/alerts"],
        listOrgSecrets: ["GET /orgs/{org}/dependabot/secrets"],
        listRepoSecrets: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
        listSelectedReposForOrgSecret: [
          "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
        ],
        removeSelectedRepoFromOrgSecret: [
          "DELETE /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
        ],
        repositoryAccessForOrg: [
          "GET /organizations/{org}/dependabot/repository-access"
        ],
        setRepositoryAccessDefaultLevel: [
          "PUT /organizations/{org}/dependabot/repository-access/default-level"
        ],
        setSelectedReposForOrgSecret: [
          "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
        ],
        updateAlert: [
          "PATCH /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
        ],
        updateRepositoryAccessForOrg: [
          "PATCH /organizations/{org}/dependabot/repository-access"
        ]
      },
      dependencyGraph: {
        createRepositorySnapshot: [
          "POST /repos/{owner}/{repo}/dependency-graph/snapshots"
        ],
        diffRange: [
          "GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}"
        ],
        exportSbom: ["GET /repos/{owner}/{repo}/dependency-graph/sbom"]
      },
      emojis: { get: ["GET /emojis"] },
      enterpriseTeamMemberships: {
        add: [
          "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
        ],
        bulkAdd: [
          "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add"
        ],
        bulkRemove: [
          "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove"
        ],
        get: [
          "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
        ],
        list: ["GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships"],
        remove: [
          "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
        ]
      },
      enterpriseTeamOrganizations: {
        add: [
          "PUT /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
        ],
        bulkAdd: [
          "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/add"
        ],
        bulkRemove: [
          "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/remove"
        ],
        delete: [
          "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
        ],
        getAssignment: [
          "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
        ],
        getAssignments: [
          "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations"
        ]
      },
      enterpriseTeams: {
        create: ["POST /enterprises/{enterprise}/teams"],
        delete: ["DELETE /enterprises/{enterprise}/teams/{team_slug}"],
        get: ["GET /enterprises/{enterprise}/teams/{team_slug}"],
        list: ["GET /enterprises/{enterprise}/teams"],
        update: ["PATCH /enterprises/{enterprise}/teams/{team_slug}"]
      },
      gists: {
        checkIsStarred: ["GET /gists/{gist_id}/star"],
        create: ["POST /gists"],
        createComment: ["POST /gists/{gist_id}/comments"],
        delete: ["DELETE /gists/{gist_id}"],
        deleteComment: ["DELETE /gists/{gist_id}/comments/{comment_id}"],
        fork: ["POST /gists/{gist_id}/forks"],
        get: ["GET /gists/{gist_id}"],
        getComment: ["GET /gists/{gist_id}/comments/{comment_id}"],
        getRevision: ["GET /gists/{gist_id}/{sha}"],
        list: ["GET /gists"],
        listComments: ["GET /gists/{gist_id}/comments"],
        listCommits: ["GET /gists/{gist_id}/commits"],
        listForUser: ["GET /users/{username}/gists"],
        listForks: ["GET /gists/{gist_id}/forks"],
        listPublic: ["GET /gists/public"],
        listStarred: ["GET /gists/starred"],
        star: ["PUT /gists/{gist_id}/star"],
        unstar: ["DELETE /gists/{gist_id}/star"],
        update: ["PATCH /gists/{gist_id}"],
        updateComment: ["PATCH /gists/{gist_id}/comments/{comment_id}"]
      },
      git: {
        createBlob: ["POST /repos/{owner}/{repo}/git/blobs"],
        createCommit: ["POST /repos/{owner}/{repo}/git/commits"],
        createRef: ["POST /repos/{owner}/{repo}/git/refs"],
        createTag: ["POST /repos/{owner}/{repo}/git/tags"],
        createTree: ["POST /repos/{owner}/{repo}/git/trees"],
        deleteRef: ["DELETE /repos/{owner}/{repo}/git/refs/{ref}"],
        getBlob: ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
        getCommit: ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}"],
        getRef: ["GET /repos/{owner}/{repo}/git/ref/{ref}"],
        getTag: ["GET /repos/{owner}/{repo}/git/tags/{tag_sha}"],
        getTree: ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"],
        listMatchingRefs: ["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"],
        updateRef: ["PATCH /repos/{owner}/{repo}/git/refs/{ref}"]
      },
      gitignore: {
        getAllTemplates: ["GET /gitignore/templates"],
        getTemplate: ["GET /gitignore/templates/{name}"]
      },
      hostedCompute: {
        createNetworkConfigurationForOrg: [
          "POST /orgs/{org}/settings/network-configurations"
        ],
        deleteNetworkConfigurationFromOrg: [
          "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}"
        ],
        getNetworkConfigurationForOrg: [
          "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}"
        ],
        getNetworkSettingsForOrg: [
          "GET /orgs/{org}/settings/network-settings/{network_settings_id}"
        ],
        listNetworkConfigurationsForOrg: [
          "GET /orgs/{org}/settings/network-configurations"
        ],
        updateNetworkConfigurationForOrg: [
          "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}"
        ]
      },
      interactions: {
        getRestrictionsForAuthenticatedUser: ["GET /user/interaction-limits"],
        getRestrictionsForOrg: ["GET /orgs/{org}/interaction-limits"],
        getRestrictionsForRepo: ["GET /repos/{owner}/{repo}/interaction-limits"],
        getRestrictionsForYourPublicRepos: [
          "GET /user/interaction-limits",
          {},
          { renamed: ["interactions", "getRestrictionsForAuthenticatedUser"] }
        ],
        removeRestrictionsForAuthenticatedUser: ["DELETE /user/interaction-limits"],
        removeRestrictionsForOrg: ["DELETE /orgs/{org}/interaction-limits"],
        removeRestrictionsForRepo: [
          "DELETE /repos/{owner}/{repo}/interaction-limits"
        ],
        removeRestrictionsForYourPublicRepos: [
          "DELETE /user/interaction-limits",
          {},
          { renamed: ["interactions", "removeRestrictionsForAuthenticatedUser"] }
        ],
        setRestrictionsForAuthenticatedUser: ["PUT /user/interaction-limits"],
        setRestrictionsForOrg: ["PUT /orgs/{org}/interaction-limits"],
        setRestrictionsForRepo: ["PUT /repos/{owner}/{repo}/interaction-limits"],
        setRestrictionsForYourPublicRepos: [
          "PUT /user/interaction-limits",
          {},
          { renamed: ["interactions", "setRestrictionsForAuthenticatedUser"] }
        ]
      },
      issues: {
        addAssignees: [
          "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees"
        ],
        addBlockedByDependency: [
          "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
        ],
        addLabels: ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
        addSubIssue: [
          "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
        ],
        checkUserCanBeAssigned: ["GET /repos/{owner}/{repo}/assignees/{assignee}"],
        checkUserCanBeAssignedToIssue: [
          "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}"
        ],
        create: ["POST /repos/{owner}/{repo}/issues"],
        createComment: [
          "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
        ],
        createLabel: ["POST /repos/{owner}/{repo}/labels"],
        createMilestone: ["POST /repos/{owner}/{repo}/milestones"],
        deleteComment: [
          "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}"
        ],
        deleteLabel: ["DELETE /repos/{owner}/{repo}/labels/{name}"],
        deleteMilestone: [
          "DELETE /repos/{owner}/{repo}/milestones/{milestone_number}"
        ],
        get: ["GET /repos/{owner}/{repo}/issues/{issue_number}"],
        getComment: ["GET /repos/{owner}/{repo}/issues/comments/{comment_id}"],
        getEvent: ["GET /repos/{owner}/{repo}/issues/events/{event_id}"],
        getLabel: ["GET /repos/{owner}/{repo}/labels/{name}"],
        getMilestone: ["GET /repos/{owner}/{repo}/milestones/{milestone_number}"],
        getParent: ["GET /repos/{owner}/{repo}/issues/{issue_number}/parent"],
        list: ["GET /issues"],
        listAssignees: ["GET /repos/{owner}/{repo}/assignees"],
        listComments: ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"],
        listCommentsForRepo: ["GET /repos/{owner}/{repo}/issues/comments"],
        listDependenciesBlockedBy: [
          "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
        ],
        listDependenciesBlocking: [
          "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking"
        ],
        listEvents: ["GET /repos/{owner}/{repo}/issues/{issue_number}/events"],
        listEventsForRepo: ["GET /repos/{owner}/{repo}/issues/events"],
        listEventsForTimeline: [
          "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline"
        ],
        listForAuthenticatedUser: ["GET /user/issues"],
        listForOrg: ["GET /orgs/{org}/issues"],
        listForRepo: ["GET /repos/{owner}/{repo}/issues"],
        listLabelsForMilestone: [
          "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels"
        ],
        listLabelsForRepo: ["GET /repos/{owner}/{repo}/labels"],
        listLabelsOnIssue: [
          "GET /repos/{owner}/{repo}/issues/{issue_number}/labels"
        ],
        listMilestones: ["GET /repos/{owner}/{repo}/milestones"],
        listSubIssues: [
          "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
        ],
        lock: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/lock"],
        removeAllLabels: [
          "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels"
        ],
        removeAssignees: [
          "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees"
        ],
        removeDependencyBlockedBy: [
          "DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"
        ],
        removeLabel: [
          "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
        ],
        removeSubIssue: [
          "DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue"
        ],
        reprioritizeSubIssue: [
          "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority"
        ],
        setLabels: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/labels"],
        unlock: ["DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock"],
        update: ["PATCH /repos/{owner}/{repo}/issues/{issue_number}"],
        updateComment: ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
        updateLabel: ["PATCH /repos/{owner}/{repo}/labels/{name}"],
        updateMilestone: [
          "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}"
        ]
      },
      licenses: {
        get: ["GET /licenses/{license}"],
        getAllCommonlyUsed: ["GET /licenses"],
        getForRepo: ["GET /repos/{owner}/{repo}/license"]
      },
      markdown: {
        render: ["POST /markdown"],
        renderRaw: [
          "POST /markdown/raw",
          { headers: { "content-type": "text/plain; charset=utf-8" } }
        ]
      },
      meta: {
        get: ["GET /meta"],
        getAllVersions: ["GET /versions"],
        getOctocat: ["GET /octocat"],
        getZen: ["GET /zen"],
        root: ["GET /"]
      },
      migrations: {
        deleteArchiveForAuthenticatedUser: [
          "DELETE /user/migrations/{migration_id}/archive"
        ],
        deleteArchiveForOrg: [
          "DELETE /orgs/{org}/migrations/{migration_id}/archive"
        ],
        downloadArchiveForOrg: [
          "GET /orgs/{org}/migrations/{migration_id}/archive"
        ],
        getArchiveForAuthenticatedUser: [
          "GET /user/migrations/{migration_id}/archive"
        ],
        getStatusForAuthenticatedUser: ["GET /user/migrations/{migration_id}"],
        getStatusForOrg: ["GET /orgs/{org}/migrations/{migration_id}"],
        listForAuthenticatedUser: ["GET /user/migrations"],
        listForOrg: ["GET /orgs/{org}/migrations"],
        listReposForAuthenticatedUser: [
          "GET /user/migrations/{migration_id}/repositories"
        ],
        listReposForOrg: ["GET /orgs/{org}/migrations/{migration_id}/repositories"],
        listReposForUser: [
          "GET /user/migrations/{migration_id}/repositories",
          {},
          { renamed: ["migrations", "listReposForAuthenticatedUser"] }
        ],
        startForAuthenticatedUser: ["POST /user/migrations"],
        startForOrg: ["POST /orgs/{org}/migrations"],
        unlockRepoForAuthenticatedUser: [
          "DELETE /user/migrations/{migration_id}/repos/{repo_name}/lock"
        ],
        unlockRepoForOrg: [
          "DELETE /orgs/{org}/migrations/{migration_id}/repos/{repo_name}/lock"
        ]
      },
      oidc: {
        getOidcCustomSubTemplateForOrg: [
          "GET /orgs/{org}/actions/oidc/customization/sub"
        ],
        updateOidcCustomSubTemplateForOrg: [
          "PUT /orgs/{org}/actions/oidc/customization/sub"
        ]
      },
      orgs: {
        addSecurityManagerTeam: [
          "PUT /orgs/{org}/security-managers/teams/{team_slug}",
          {},
          {
            deprecated: "octokit.rest.orgs.addSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#add-a-security-manager-team"
          }
        ],
        assignTeamToOrgRole: [
          "PUT /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
        ],
        assignUserToOrgRole: [
          "PUT /orgs/{org}/organization-roles/users/{username}/{role_id}"
        ],
        blockUser: ["PUT /orgs/{org}/blocks/{username}"],
        cancelInvitation: ["DELETE /orgs/{org}/invitations/{invitation_id}"],
        checkBlockedUser: ["GET /orgs/{org}/blocks/{username}"],
        checkMembershipForUser: ["GET /orgs/{org}/members/{username}"],
        checkPublicMembershipForUser: ["GET /orgs/{org}/public_members/{username}"],
        convertMemberToOutsideCollaborator: [
          "PUT /orgs/{org}/outside_collaborators/{username}"
        ],
        createArtifactStorageRecord: [
          "POST /orgs/{org}/artifacts/metadata/storage-record"
        ],
        createInvitation: ["POST /orgs/{org}/invitations"],
        createIssueType: ["POST /orgs/{org}/issue-types"],
        createWebhook: ["POST /orgs/{org}/hooks"],
        customPropertiesForOrgsCreateOrUpdateOrganizationValues: [
          "PATCH /organizations/{org}/org-properties/values"
        ],
        customPropertiesForOrgsGetOrganizationValues: [
          "GET /organizations/{org}/org-properties/values"
        ],
        customPropertiesForReposCreateOrUpdateOrganizationDefinition: [
          "PUT /orgs/{org}/properties/schema/{custom_property_name}"
        ],
        customPropertiesForReposCreateOrUpdateOrganizationDefinitions: [
          "PATCH /orgs/{org}/properties/schema"
        ],
        customPropertiesForReposCreateOrUpdateOrganizationValues: [
          "PATCH /orgs/{org}/properties/values"
        ],
        customPropertiesForReposDeleteOrganizationDefinition: [
          "DELETE /orgs/{org}/properties/schema/{custom_property_name}"
        ],
        customPropertiesForReposGetOrganizationDefinition: [
          "GET /orgs/{org}/properties/schema/{custom_property_name}"
        ],
        customPropertiesForReposGetOrganizationDefinitions: [
          "GET /orgs/{org}/properties/schema"
        ],
        customPropertiesForReposGetOrganizationValues: [
          "GET /orgs/{org}/properties/values"
        ],
        delete: ["DELETE /orgs/{org}"],
        deleteAttestationsBulk: ["POST /orgs/{org}/attestations/delete-request"],
        deleteAttestationsById: [
          "DELETE /orgs/{org}/attestations/{attestation_id}"
        ],
        deleteAttestationsBySubjectDigest: [
          "DELETE /orgs/{org}/attestations/digest/{subject_digest}"
        ],
        deleteIssueType: ["DELETE /orgs/{org}/issue-types/{issue_type_id}"],
        deleteWebhook: ["DELETE /orgs/{org}/hooks/{hook_id}"],
        disableSelectedRepositoryImmutableReleasesOrganization: [
          "DELETE /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
        ],
        enableSelectedRepositoryImmutableReleasesOrganization: [
          "PUT /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
        ],
        get: ["GET /orgs/{org}"],
        getImmutableReleasesSettings: [
          "GET /orgs/{org}/settings/immutable-releases"
        ],
        getImmutableReleasesSettingsRepositories: [
          "GET /orgs/{org}/settings/immutable-releases/repositories"
        ],
        getMembershipForAuthenticatedUser: ["GET /user/memberships/orgs/{org}"],
        getMembershipForUser: ["GET /orgs/{org}/memberships/{username}"],
        getOrgRole: ["GET /orgs/{org}/organization-roles/{role_id}"],
        getOrgRulesetHistory: ["GET /orgs/{org}/rulesets/{ruleset_id}/history"],
        getOrgRulesetVersion: [
          "GET /orgs/{org}/rulesets/{ruleset_id}/history/{version_id}"
        ],
        getWebhook: ["GET /orgs/{org}/hooks/{hook_id}"],
        getWebhookConfigForOrg: ["GET /orgs/{org}/hooks/{hook_id}/config"],
        getWebhookDelivery: [
          "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}"
        ],
        list: ["GET /organizations"],
        listAppInstallations: ["GET /orgs/{org}/installations"],
        listArtifactStorageRecords: [
          "GET /orgs/{org}/artifacts/{subject_digest}/metadata/storage-records"
        ],
        listAttestationRepositories: ["GET /orgs/{org}/attestations/repositories"],
        listAttestations: ["GET /orgs/{org}/attestations/{subject_digest}"],
        listAttestationsBulk: [
          "POST /orgs/{org}/attestations/bulk-list{?per_page,before,after}"
        ],
        listBlockedUsers: ["GET /orgs/{org}/blocks"],
        listFailedInvitations: ["GET /orgs/{org}/failed_invitations"],
        listForAuthenticatedUser: ["GET /user/orgs"],
        listForUser: ["GET /users/{username}/orgs"],
        listInvitationTeams: ["GET /orgs/{org}/invitations/{invitation_id}/teams"],
        listIssueTypes: ["GET /orgs/{org}/issue-types"],
        listMembers: ["GET /orgs/{org}/members"],
        listMembershipsForAuthenticatedUser: ["GET /user/memberships/orgs"],
        listOrgRoleTeams: ["GET /orgs/{org}/organization-roles/{role_id}/teams"],
        listOrgRoleUsers: ["GET /orgs/{org}/organization-roles/{role_id}/users"],
        listOrgRoles: ["GET /orgs/{org}/organization-roles"],
        listOrganizationFineGrainedPermissions: [
          "GET /orgs/{org}/organization-fine-grained-permissions"
        ],
        listOutsideCollaborators: ["GET /orgs/{org}/outside_collaborators"],
        listPatGrantRepositories: [
          "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories"
        ],
        listPatGrantRequestRepositories: [
          "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories"
        ],
        listPatGrantRequests: ["GET /orgs/{org}/personal-access-token-requests"],
        listPatGrants: ["GET /orgs/{org}/personal-access-tokens"],
        listPendingInvitations: ["GET /orgs/{org}/invitations"],
        listPublicMembers: ["GET /orgs/{org}/public_members"],
        listSecurityManagerTeams: [
          "GET /orgs/{org}/security-managers",
          {},
          {
            deprecated: "octokit.rest.orgs.listSecurityManagerTeams() is deprecated, see https://docs.github.com/rest/orgs/security-managers#list-security-manager-teams"
          }
        ],
        listWebhookDeliveries: ["GET /orgs/{org}/hooks/{hook_id}/deliveries"],
        listWebhooks: ["GET /orgs/{org}/hooks"],
        pingWebhook: ["POST /orgs/{org}/hooks/{hook_id}/pings"],
        redeliverWebhookDelivery: [
          "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
        ],
        removeMember: ["DELETE /orgs/{org}/members/{username}"],
        removeMembershipForUser: ["DELETE /orgs/{org}/memberships/{username}"],
        removeOutsideCollaborator: [
          "DELETE /orgs/{org}/outside_collaborators/{username}"
        ],
        removePublicMembershipForAuthenticatedUser: [
          "DELETE /orgs/{org}/public_members/{username}"
        ],
        removeSecurityManagerTeam: [
          "DELETE /orgs/{org}/security-managers/teams/{team_slug}",
          {},
          {
            deprecated: "octokit.rest.orgs.removeSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#remove-a-security-manager-team"
          }
        ],
        reviewPatGrantRequest: [
          "POST /orgs/{org}/personal-access-token-requests/{pat_request_id}"
        ],
        reviewPatGrantRequestsInBulk: [
          "POST /orgs/{org}/personal-access-token-requests"
        ],
        revokeAllOrgRolesTeam: [
          "DELETE /orgs/{org}/organization-roles/teams/{team_slug}"
        ],
        revokeAllOrgRolesUser: [
          "DELETE /orgs/{org}/organization-roles/users/{username}"
        ],
        revokeOrgRoleTeam: [
          "DELETE /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
        ],
        revokeOrgRoleUser: [
          "DELETE /orgs/{org}/organization-roles/users/{username}/{role_id}"
        ],
        setImmutableReleasesSettings: [
          "PUT /orgs/{org}/settings/immutable-releases"
        ],
        setImmutableReleasesSettingsRepositories: [
          "PUT /orgs/{org}/settings/immutable-releases/repositories"
        ],
        setMembershipForUser: ["PUT /orgs/{org}/memberships/{username}"],
        setPublicMembershipForAuthenticatedUser: [
          "PUT /orgs/{org}/public_members/{username}"
        ],
        unblockUser: ["DELETE /orgs/{org}/blocks/{username}"],
        update: ["PATCH /orgs/{org}"],
        updateIssueType: ["PUT /orgs/{org}/issue-types/{issue_type_id}"],
        updateMembershipForAuthenticatedUser: [
          "PATCH /user/memberships/orgs/{org}"
        ],
        updatePatAccess: ["POST /orgs/{org}/personal-access-tokens/{pat_id}"],
        updatePatAccesses: ["POST /orgs/{org}/personal-access-tokens"],
        updateWebhook: ["PATCH /orgs/{org}/hooks/{hook_id}"],
        updateWebhookConfigForOrg: ["PATCH /orgs/{org}/hooks/{hook_id}/config"]
      },
      packages: {
        deletePackageForAuthenticatedUser: [
          "DELETE /user/packages/{package_type}/{package_name}"
        ],
        deletePackageForOrg: [
          "DELETE /orgs/{org}/packages/{package_type}/{package_name}"
        ],
        deletePackageForUser: [
          "DELETE /users/{username}/packages/{package_type}/{package_name}"
        ],
        deletePackageVersionForAuthenticatedUser: [
          "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
        ],
        deletePackageVersionForOrg: [
          "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
        ],
        deletePackageVersionForUser: [
          "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
        ],
        getAllPackageVersionsForAPackageOwnedByAnOrg: [
          "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
          {},
          { renamed: ["packages", "getAllPackageVersionsForPackageOwnedByOrg"] }
        ],
        getAllPackageVersionsForAPackageOwnedByTheAuthenticatedUser: [
          "GET /user/packages/{package_type}/{package_name}/versions",
          {},
          {
            renamed: [
              "packages",
              "getAllPackageVersionsForPackageOwnedByAuthenticatedUser"
            ]
          }
        ],
        getAllPackageVersionsForPackageOwnedByAuthenticatedUser: [
          "GET /user/packages/{package_type}/{package_name}/versions"
        ],
        getAllPackageVersionsForPackageOwnedByOrg: [
          "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
        ],
        getAllPackageVersionsForPackageOwnedByUser: [
          "GET /users/{username}/packages/{package_type}/{package_name}/versions"
        ],
        getPackageForAuthenticatedUser: [
          "GET /user/packages/{package_type}/{package_name}"
        ],
        getPackageForOrganization: [
          "GET /orgs/{org}/packages/{package_type}/{package_name}"
        ],
        getPackageForUser: [
          "GET /users/{username}/packages/{package_type}/{package_name}"
        ],
        getPackageVersionForAuthenticatedUser: [
          "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
        ],
        getPackageVersionForOrganization: [
          "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
        ],
        getPackageVersionForUser: [
          "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
        ],
        listDockerMigrationConflictingPackagesForAuthenticatedUser: [
          "GET /user/docker/conflicts"
        ],
        listDockerMigrationConflictingPackagesForOrganization: [
          "GET /orgs/{org}/docker/conflicts"
        ],
        listDockerMigrationConflictingPackagesForUser: [
          "GET /users/{username}/docker/conflicts"
        ],
        listPackagesForAuthenticatedUser: ["GET /user/packages"],
        listPackagesForOrganization: ["GET /orgs/{org}/packages"],
        listPackagesForUser: ["GET /users/{username}/packages"],
        restorePackageForAuthenticatedUser: [
          "POST /user/packages/{package_type}/{package_name}/restore{?token}"
        ],
        restorePackageForOrg: [
          "POST /orgs/{org}/packages/{package_type}/{package_name}/restore{?token}"
        ],
        restorePackageForUser: [
          "POST /users/{username}/packages/{package_type}/{package_name}/restore{?token}"
        ],
        restorePackageVersionForAuthenticatedUser: [
          "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
        ],
        restorePackageVersionForOrg: [
          "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
        ],
        restorePackageVersionForUser: [
          "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
        ]
      },
      privateRegistries: {
        createOrgPrivateRegistry: ["POST /orgs/{org}/private-registries"],
        deleteOrgPrivateRegistry: [
          "DELETE /orgs/{org}/private-registries/{secret_name}"
        ],
        getOrgPrivateRegistry: ["GET /orgs/{org}/private-registries/{secret_name}"],
        getOrgPublicKey: ["GET /orgs/{org}/private-registries/public-key"],
        listOrgPrivateRegistries: ["GET /orgs/{org}/private-registries"],
        updateOrgPrivateRegistry: [
          "PATCH /orgs/{org}/private-registries/{secret_name}"
        ]
      },
      projects: {
        addItemForOrg: ["POST /orgs/{org}/projectsV2/{project_number}/items"],
        addItemForUser: [
          "POST /users/{username}/projectsV2/{project_number}/items"
        ],
        deleteItemForOrg: [
          "DELETE /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
        ],
        deleteItemForUser: [
          "DELETE /users/{username}/projectsV2/{project_number}/items/{item_id}"
        ],
        getFieldForOrg: [
          "GET /orgs/{org}/projectsV2/{project_number}/fields/{field_id}"
        ],
        getFieldForUser: [
          "GET /users/{username}/projectsV2/{project_number}/fields/{field_id}"
        ],
        getForOrg: ["GET /orgs/{org}/projectsV2/{project_number}"],
        getForUser: ["GET /users/{username}/projectsV2/{project_number}"],
        getOrgItem: ["GET /orgs/{org}/projectsV2/{project_number}/items/{item_id}"],
        getUserItem: [
          "GET /users/{username}/projectsV2/{project_number}/items/{item_id}"
        ],
        listFieldsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/fields"],
        listFieldsForUser: [
          "GET /users/{username}/projectsV2/{project_number}/fields"
        ],
        listForOrg: ["GET /orgs/{org}/projectsV2"],
        listForUser: ["GET /users/{username}/projectsV2"],
        listItemsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/items"],
        listItemsForUser: [
          "GET /users/{username}/projectsV2/{project_number}/items"
        ],
        updateItemForOrg: [
          "PATCH /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
        ],
        updateItemForUser: [
          "PATCH /users/{username}/projectsV2/{project_number}/items/{item_id}"
        ]
      },
      pulls: {
        checkIfMerged: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
        create: ["POST /repos/{owner}/{repo}/pulls"],
        createReplyForReviewComment: [
          "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"
        ],
        createReview: ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
        createReviewComment: [
          "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments"
        ],
        deletePendingReview: [
          "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
        ],
        deleteReviewComment: [
          "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}"
        ],
        dismissReview: [
          "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals"
        ],
        get: ["GET /repos/{owner}/{repo}/pulls/{pull_number}"],
        getReview: [
          "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
        ],
        getReviewComment: ["GET /repos/{owner}/{repo}/pulls/comments/{comment_id}"],
        list: ["GET /repos/{owner}/{repo}/pulls"],
        listCommentsForReview: [
          "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"
        ],
        listCommits: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/commits"],
        listFiles: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"],
        listRequestedReviewers: [
          "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
        ],
        listReviewComments: [
          "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
        ],
        listReviewCommentsForRepo: ["GET /repos/{owner}/{repo}/pulls/comments"],
        listReviews: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
        merge: ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
        removeRequestedReviewers: [
          "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
        ],
        requestReviewers: [
          "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
        ],
        submitReview: [
          "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"
        ],
        update: ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
        updateBranch: [
          "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch"
        ],
        updateReview: [
          "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
        ],
        updateReviewComment: [
          "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}"
        ]
      },
      rateLimit: { get: ["GET /rate_limit"] },
      reactions: {
        createForCommitComment: [
          "POST /repos/{owner}/{repo}/comments/{comment_id}/reactions"
        ],
        createForIssue: [
          "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions"
        ],
        createForIssueComment: [
          "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
        ],
        createForPullRequestReviewComment: [
          "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
        ],
        createForRelease: [
          "POST /repos/{owner}/{repo}/releases/{release_id}/reactions"
        ],
        createForTeamDiscussionCommentInOrg: [
          "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
        ],
        createForTeamDiscussionInOrg: [
          "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
        ],
        deleteForCommitComment: [
          "DELETE /repos/{owner}/{repo}/comments/{comment_id}/reactions/{reaction_id}"
        ],
        deleteForIssue: [
          "DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}"
        ],
        deleteForIssueComment: [
          "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}"
        ],
        deleteForPullRequestComment: [
          "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}"
        ],
        deleteForRelease: [
          "DELETE /repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}"
        ],
        deleteForTeamDiscussion: [
          "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions/{reaction_id}"
        ],
        deleteForTeamDiscussionComment: [
          "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions/{reaction_id}"
        ],
        listForCommitComment: [
          "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions"
        ],
        listForIssue: ["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"],
        listForIssueComment: [
          "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
        ],
        listForPullRequestReviewComment: [
          "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
        ],
        listForRelease: [
          "GET /repos/{owner}/{repo}/releases/{release_id}/reactions"
        ],
        listForTeamDiscussionCommentInOrg: [
          "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
        ],
        listForTeamDiscussionInOrg: [
          "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
        ]
      },
      repos: {
        acceptInvitation: [
          "PATCH /user/repository_invitations/{invitation_id}",
          {},
          { renamed: ["repos", "acceptInvitationForAuthenticatedUser"] }
        ],
        acceptInvitationForAuthenticatedUser: [
          "PATCH /user/repository_invitations/{invitation_id}"
        ],
        addAppAccessRestrictions: [
          "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
          {},
          { mapToData: "apps" }
        ],
        addCollaborator: ["PUT /repos/{owner}/{repo}/collaborators/{username}"],
        addStatusCheckContexts: [
          "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
          {},
          { mapToData: "contexts" }
        ],
        addTeamAccessRestrictions: [
          "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
          {},
          { mapToData: "teams" }
        ],
        addUserAccessRestrictions: [
          "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
          {},
          { mapToData: "users" }
        ],
        cancelPagesDeployment: [
          "POST /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}/cancel"
        ],
        checkAutomatedSecurityFixes: [
          "GET /repos/{owner}/{repo}/automated-security-fixes"
        ],
        checkCollaborator: ["GET /repos/{owner}/{repo}/collaborators/{username}"],
        checkImmutableReleases: ["GET /repos/{owner}/{repo}/immutable-releases"],
        checkPrivateVulnerabilityReporting: [
          "GET /repos/{owner}/{repo}/private-vulnerability-reporting"
        ],
        checkVulnerabilityAlerts: [
          "GET /repos/{owner}/{repo}/vulnerability-alerts"
        ],
        codeownersErrors: ["GET /repos/{owner}/{repo}/codeowners/errors"],
        compareCommits: ["GET /repos/{owner}/{repo}/compare/{base}...{head}"],
        compareCommitsWithBasehead: [
          "GET /repos/{owner}/{repo}/compare/{basehead}"
        ],
        createAttestation: ["POST /repos/{owner}/{repo}/attestations"],
        createAutolink: ["POST /repos/{owner}/{repo}/autolinks"],
        createCommitComment: [
          "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments"
        ],
        createCommitSignatureProtection: [
          "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
        ],
        createCommitStatus: ["POST /repos/{owner}/{repo}/statuses/{sha}"],
        createDeployKey: ["POST /repos/{owner}/{repo}/keys"],
        createDeployment: ["POST /repos/{owner}/{repo}/deployments"],
        createDeploymentBranchPolicy: [
          "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
        ],
        createDeploymentProtectionRule: [
          "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
        ],
        createDeploymentStatus: [
          "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
        ],
        createDispatchEvent: ["POST /repos/{owner}/{repo}/dispatches"],
        createForAuthenticatedUser: ["POST /user/repos"],
        createFork: ["POST /repos/{owner}/{repo}/forks"],
        createInOrg: ["POST /orgs/{org}/repos"],
        createOrUpdateEnvironment: [
          "PUT /repos/{owner}/{repo}/environments/{environment_name}"
        ],
        createOrUpdateFileContents: ["PUT /repos/{owner}/{repo}/contents/{path}"],
        createOrgRuleset: ["POST /orgs/{org}/rulesets"],
        createPagesDeployment: ["POST /repos/{owner}/{repo}/pages/deployments"],
        createPagesSite: ["POST /repos/{owner}/{repo}/pages"],
        createRelease: ["POST /repos/{owner}/{repo}/releases"],
        createRepoRuleset: ["POST /repos/{owner}/{repo}/rulesets"],
        createUsingTemplate: [
          "POST /repos/{template_owner}/{template_repo}/generate"
        ],
        createWebhook: ["POST /repos/{owner}/{repo}/hooks"],
        customPropertiesForReposCreateOrUpdateRepositoryValues: [
          "PATCH /repos/{owner}/{repo}/properties/values"
        ],
        customPropertiesForReposGetRepositoryValues: [
          "GET /repos/{owner}/{repo}/properties/values"
        ],
        declineInvitation: [
          "DELETE /user/repository_invitations/{invitation_id}",
          {},
          { renamed: ["repos", "declineInvitationForAuthenticatedUser"] }
        ],
        declineInvitationForAuthenticatedUser: [
          "DELETE /user/repository_invitations/{invitation_id}"
        ],
        delete: ["DELETE /repos/{owner}/{repo}"],
        deleteAccessRestrictions: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
        ],
        deleteAdminBranchProtection: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
        ],
        deleteAnEnvironment: [
          "DELETE /repos/{owner}/{repo}/environments/{environment_name}"
        ],
        deleteAutolink: ["DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}"],
        deleteBranchProtection: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection"
        ],
        deleteCommitComment: ["DELETE /repos/{owner}/{repo}/comments/{comment_id}"],
        deleteCommitSignatureProtection: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
        ],
        deleteDeployKey: ["DELETE /repos/{owner}/{repo}/keys/{key_id}"],
        deleteDeployment: [
          "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}"
        ],
        deleteDeploymentBranchPolicy: [
          "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
        ],
        deleteFile: ["DELETE /repos/{owner}/{repo}/contents/{path}"],
        deleteInvitation: [
          "DELETE /repos/{owner}/{repo}/invitations/{invitation_id}"
        ],
        deleteOrgRuleset: ["DELETE /orgs/{org}/rulesets/{ruleset_id}"],
        deletePagesSite: ["DELETE /repos/{owner}/{repo}/pages"],
        deletePullRequestReviewProtection: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
        ],
        deleteRelease: ["DELETE /repos/{owner}/{repo}/releases/{release_id}"],
        deleteReleaseAsset: [
          "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}"
        ],
        deleteRepoRuleset: ["DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
        deleteWebhook: ["DELETE /repos/{owner}/{repo}/hooks/{hook_id}"],
        disableAutomatedSecurityFixes: [
          "DELETE /repos/{owner}/{repo}/automated-security-fixes"
        ],
        disableDeploymentProtectionRule: [
          "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
        ],
        disableImmutableReleases: [
          "DELETE /repos/{owner}/{repo}/immutable-releases"
        ],
        disablePrivateVulnerabilityReporting: [
          "DELETE /repos/{owner}/{repo}/private-vulnerability-reporting"
        ],
        disableVulnerabilityAlerts: [
          "DELETE /repos/{owner}/{repo}/vulnerability-alerts"
        ],
        downloadArchive: [
          "GET /repos/{owner}/{repo}/zipball/{ref}",
          {},
          { renamed: ["repos", "downloadZipballArchive"] }
        ],
        downloadTarballArchive: ["GET /repos/{owner}/{repo}/tarball/{ref}"],
        downloadZipballArchive: ["GET /repos/{owner}/{repo}/zipball/{ref}"],
        enableAutomatedSecurityFixes: [
          "PUT /repos/{owner}/{repo}/automated-security-fixes"
        ],
        enableImmutableReleases: ["PUT /repos/{owner}/{repo}/immutable-releases"],
        enablePrivateVulnerabilityReporting: [
          "PUT /repos/{owner}/{repo}/private-vulnerability-reporting"
        ],
        enableVulnerabilityAlerts: [
          "PUT /repos/{owner}/{repo}/vulnerability-alerts"
        ],
        generateReleaseNotes: [
          "POST /repos/{owner}/{repo}/releases/generate-notes"
        ],
        get: ["GET /repos/{owner}/{repo}"],
        getAccessRestrictions: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
        ],
        getAdminBranchProtection: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
        ],
        getAllDeploymentProtectionRules: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
        ],
        getAllEnvironments: ["GET /repos/{owner}/{repo}/environments"],
        getAllStatusCheckContexts: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts"
        ],
        getAllTopics: ["GET /repos/{owner}/{repo}/topics"],
        getAppsWithAccessToProtectedBranch: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps"
        ],
        getAutolink: ["GET /repos/{owner}/{repo}/autolinks/{autolink_id}"],
        getBranch: ["GET /repos/{owner}/{repo}/branches/{branch}"],
        getBranchProtection: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection"
        ],
        getBranchRules: ["GET /repos/{owner}/{repo}/rules/branches/{branch}"],
        getClones: ["GET /repos/{owner}/{repo}/traffic/clones"],
        getCodeFrequencyStats: ["GET /repos/{owner}/{repo}/stats/code_frequency"],
        getCollaboratorPermissionLevel: [
          "GET /repos/{owner}/{repo}/collaborators/{username}/permission"
        ],
        getCombinedStatusForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/status"],
        getCommit: ["GET /repos/{owner}/{repo}/commits/{ref}"],
        getCommitActivityStats: ["GET /repos/{owner}/{repo}/stats/commit_activity"],
        getCommitComment: ["GET /repos/{owner}/{repo}/comments/{comment_id}"],
        getCommitSignatureProtection: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
        ],
        getCommunityProfileMetrics: ["GET /repos/{owner}/{repo}/community/profile"],
        getContent: ["GET /repos/{owner}/{repo}/contents/{path}"],
        getContributorsStats: ["GET /repos/{owner}/{repo}/stats/contributors"],
        getCustomDeploymentProtectionRule: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
        ],
        getDeployKey: ["GET /repos/{owner}/{repo}/keys/{key_id}"],
        getDeployment: ["GET /repos/{owner}/{repo}/deployments/{deployment_id}"],
        getDeploymentBranchPolicy: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
        ],
        getDeploymentStatus: [
          "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}"
        ],
        getEnvironment: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}"
        ],
        getLatestPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/latest"],
        getLatestRelease: ["GET /repos/{owner}/{repo}/releases/latest"],
        getOrgRuleSuite: ["GET /orgs/{org}/rulesets/rule-suites/{rule_suite_id}"],
        getOrgRuleSuites: ["GET /orgs/{org}/rulesets/rule-suites"],
        getOrgRuleset: ["GET /orgs/{org}/rulesets/{ruleset_id}"],
        getOrgRulesets: ["GET /orgs/{org}/rulesets"],
        getPages: ["GET /repos/{owner}/{repo}/pages"],
        getPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/{build_id}"],
        getPagesDeployment: [
          "GET /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}"
        ],
        getPagesHealthCheck: ["GET /repos/{owner}/{repo}/pages/health"],
        getParticipationStats: ["GET /repos/{owner}/{repo}/stats/participation"],
        getPullRequestReviewProtection: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
        ],
        getPunchCardStats: ["GET /repos/{owner}/{repo}/stats/punch_card"],
        getReadme: ["GET /repos/{owner}/{repo}/readme"],
        getReadmeInDirectory: ["GET /repos/{owner}/{repo}/readme/{dir}"],
        getRelease: ["GET /repos/{owner}/{repo}/releases/{release_id}"],
        getReleaseAsset: ["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"],
        getReleaseByTag: ["GET /repos/{owner}/{repo}/releases/tags/{tag}"],
        getRepoRuleSuite: [
          "GET /repos/{owner}/{repo}/rulesets/rule-suites/{rule_suite_id}"
        ],
        getRepoRuleSuites: ["GET /repos/{owner}/{repo}/rulesets/rule-suites"],
        getRepoRuleset: ["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
        getRepoRulesetHistory: [
          "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history"
        ],
        getRepoRulesetVersion: [
          "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history/{version_id}"
        ],
        getRepoRulesets: ["GET /repos/{owner}/{repo}/rulesets"],
        getStatusChecksProtection: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
        ],
        getTeamsWithAccessToProtectedBranch: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams"
        ],
        getTopPaths: ["GET /repos/{owner}/{repo}/traffic/popular/paths"],
        getTopReferrers: ["GET /repos/{owner}/{repo}/traffic/popular/referrers"],
        getUsersWithAccessToProtectedBranch: [
          "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users"
        ],
        getViews: ["GET /repos/{owner}/{repo}/traffic/views"],
        getWebhook: ["GET /repos/{owner}/{repo}/hooks/{hook_id}"],
        getWebhookConfigForRepo: [
          "GET /repos/{owner}/{repo}/hooks/{hook_id}/config"
        ],
        getWebhookDelivery: [
          "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"
        ],
        listActivities: ["GET /repos/{owner}/{repo}/activity"],
        listAttestations: [
          "GET /repos/{owner}/{repo}/attestations/{subject_digest}"
        ],
        listAutolinks: ["GET /repos/{owner}/{repo}/autolinks"],
        listBranches: ["GET /repos/{owner}/{repo}/branches"],
        listBranchesForHeadCommit: [
          "GET /repos/{owner}/{repo}/commits/{commit_sha}/branches-where-head"
        ],
        listCollaborators: ["GET /repos/{owner}/{repo}/collaborators"],
        listCommentsForCommit: [
          "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments"
        ],
        listCommitCommentsForRepo: ["GET /repos/{owner}/{repo}/comments"],
        listCommitStatusesForRef: [
          "GET /repos/{owner}/{repo}/commits/{ref}/statuses"
        ],
        listCommits: ["GET /repos/{owner}/{repo}/commits"],
        listContributors: ["GET /repos/{owner}/{repo}/contributors"],
        listCustomDeploymentRuleIntegrations: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps"
        ],
        listDeployKeys: ["GET /repos/{owner}/{repo}/keys"],
        listDeploymentBranchPolicies: [
          "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
        ],
        listDeploymentStatuses: [
          "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
        ],
        listDeployments: ["GET /repos/{owner}/{repo}/deployments"],
        listForAuthenticatedUser: ["GET /user/repos"],
        listForOrg: ["GET /orgs/{org}/repos"],
        listForUser: ["GET /users/{username}/repos"],
        listForks: ["GET /repos/{owner}/{repo}/forks"],
        listInvitations: ["GET /repos/{owner}/{repo}/invitations"],
        listInvitationsForAuthenticatedUser: ["GET /user/repository_invitations"],
        listLanguages: ["GET /repos/{owner}/{repo}/languages"],
        listPagesBuilds: ["GET /repos/{owner}/{repo}/pages/builds"],
        listPublic: ["GET /repositories"],
        listPullRequestsAssociatedWithCommit: [
          "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls"
        ],
        listReleaseAssets: [
          "GET /repos/{owner}/{repo}/releases/{release_id}/assets"
        ],
        listReleases: ["GET /repos/{owner}/{repo}/releases"],
        listTags: ["GET /repos/{owner}/{repo}/tags"],
        listTeams: ["GET /repos/{owner}/{repo}/teams"],
        listWebhookDeliveries: [
          "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
        ],
        listWebhooks: ["GET /repos/{owner}/{repo}/hooks"],
        merge: ["POST /repos/{owner}/{repo}/merges"],
        mergeUpstream: ["POST /repos/{owner}/{repo}/merge-upstream"],
        pingWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/pings"],
        redeliverWebhookDelivery: [
          "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
        ],
        removeAppAccessRestrictions: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
          {},
          { mapToData: "apps" }
        ],
        removeCollaborator: [
          "DELETE /repos/{owner}/{repo}/collaborators/{username}"
        ],
        removeStatusCheckContexts: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
          {},
          { mapToData: "contexts" }
        ],
        removeStatusCheckProtection: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
        ],
        removeTeamAccessRestrictions: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
          {},
          { mapToData: "teams" }
        ],
        removeUserAccessRestrictions: [
          "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
          {},
          { mapToData: "users" }
        ],
        renameBranch: ["POST /repos/{owner}/{repo}/branches/{branch}/rename"],
        replaceAllTopics: ["PUT /repos/{owner}/{repo}/topics"],
        requestPagesBuild: ["POST /repos/{owner}/{repo}/pages/builds"],
        setAdminBranchProtection: [
          "POST /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
        ],
        setAppAccessRestrictions: [
          "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
          {},
          { mapToData: "apps" }
        ],
        setStatusCheckContexts: [
          "PUT /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
          {},
          { mapToData: "contexts" }
        ],
        setTeamAccessRestrictions: [
          "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
          {},
          { mapToData: "teams" }
        ],
        setUserAccessRestrictions: [
          "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
          {},
          { mapToData: "users" }
        ],
        testPushWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/tests"],
        transfer: ["POST /repos/{owner}/{repo}/transfer"],
        update: ["PATCH /repos/{owner}/{repo}"],
        updateBranchProtection: [
          "PUT /repos/{owner}/{repo}/branches/{branch}/protection"
        ],
        updateCommitComment: ["PATCH /repos/{owner}/{repo}/comments/{comment_id}"],
        updateDeploymentBranchPolicy: [
          "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
        ],
        updateInformationAboutPagesSite: ["PUT /repos/{owner}/{repo}/pages"],
        updateInvitation: [
          "PATCH /repos/{owner}/{repo}/invitations/{invitation_id}"
        ],
        updateOrgRuleset: ["PUT /orgs/{org}/rulesets/{ruleset_id}"],
        updatePullRequestReviewProtection: [
          "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
        ],
        updateRelease: ["PATCH /repos/{owner}/{repo}/releases/{release_id}"],
        updateReleaseAsset: [
          "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}"
        ],
        updateRepoRuleset: ["PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
        updateStatusCheckPotection: [
          "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks",
          {},
          { renamed: ["repos", "updateStatusCheckProtection"] }
        ],
        updateStatusCheckProtection: [
          "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
        ],
        updateWebhook: ["PATCH /repos/{owner}/{repo}/hooks/{hook_id}"],
        updateWebhookConfigForRepo: [
          "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config"
        ],
        uploadReleaseAsset: [
          "POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}",
          { baseUrl: "https://uploads.github.com" }
        ]
      },
      search: {
        code: ["GET /search/code"],
        commits: ["GET /search/commits"],
        issuesAndPullRequests: ["GET /search/issues"],
        labels: ["GET /search/labels"],
        repos: ["GET /search/repositories"],
        topics: ["GET /search/topics"],
        users: ["GET /search/users"]
      },
      secretScanning: {
        createPushProtectionBypass: [
          "POST /repos/{owner}/{repo}/secret-scanning/push-protection-bypasses"
        ],
        getAlert: [
          "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
        ],
        getScanHistory: ["GET /repos/{owner}/{repo}/secret-scanning/scan-history"],
        listAlertsForOrg: ["GET /orgs/{org}/secret-scanning/alerts"],
        listAlertsForRepo: ["GET /repos/{owner}/{repo}/secret-scanning/alerts"],
        listLocationsForAlert: [
          "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations"
        ],
        listOrgPatternConfigs: [
          "GET /orgs/{org}/secret-scanning/pattern-configurations"
        ],
        updateAlert: [
          "PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
        ],
        updateOrgPatternConfigs: [
          "PATCH /orgs/{org}/secret-scanning/pattern-configurations"
        ]
      },
      securityAdvisories: {
        createFork: [
          "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks"
        ],
        createPrivateVulnerabilityReport: [
          "POST /repos/{owner}/{repo}/security-advisories/reports"
        ],
        createRepositoryAdvisory: [
          "POST /repos/{owner}/{repo}/security-advisories"
        ],
        createRepositoryAdvisoryCveRequest: [
          "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve"
        ],
        getGlobalAdvisory: ["GET /advisories/{ghsa_id}"],
        getRepositoryAdvisory: [
          "GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
        ],
        listGlobalAdvisories: ["GET /advisories"],
        listOrgRepositoryAdvisories: ["GET /orgs/{org}/security-advisories"],
        listRepositoryAdvisories: ["GET /repos/{owner}/{repo}/security-advisories"],
        updateRepositoryAdvisory: [
          "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
        ]
      },
      teams: {
        addOrUpdateMembershipForUserInOrg: [
          "PUT /orgs/{org}/teams/{team_slug}/memberships/{username}"
        ],
        addOrUpdateRepoPermissionsInOrg: [
          "PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
        ],
        checkPermissionsForRepoInOrg: [
          "GET /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
        ],
        create: ["POST /orgs/{org}/teams"],
        createDiscussionCommentInOrg: [
          "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
        ],
        createDiscussionInOrg: ["POST /orgs/{org}/teams/{team_slug}/discussions"],
        deleteDiscussionCommentInOrg: [
          "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
        ],
        deleteDiscussionInOrg: [
          "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
        ],
        deleteInOrg: ["DELETE /orgs/{org}/teams/{team_slug}"],
        getByName: ["GET /orgs/{org}/teams/{team_slug}"],
        getDiscussionCommentInOrg: [
          "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
        ],
        getDiscussionInOrg: [
          "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
        ],
        getMembershipForUserInOrg: [
          "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
        ],
        list: ["GET /orgs/{org}/teams"],
        listChildInOrg: ["GET /orgs/{org}/teams/{team_slug}/teams"],
        listDiscussionCommentsInOrg: [
          "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
        ],
        listDiscussionsInOrg: ["GET /orgs/{org}/teams/{team_slug}/discussions"],
        listForAuthenticatedUser: ["GET /user/teams"],
        listMembersInOrg: ["GET /orgs/{org}/teams/{team_slug}/members"],
        listPendingInvitationsInOrg: [
          "GET /orgs/{org}/teams/{team_slug}/invitations"
        ],
        listReposInOrg: ["GET /orgs/{org}/teams/{team_slug}/repos"],
        removeMembershipForUserInOrg: [
          "DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}"
        ],
        removeRepoInOrg: [
          "DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
        ],
        updateDiscussionCommentInOrg: [
          "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
        ],
        updateDiscussionInOrg: [
          "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
        ],
        updateInOrg: ["PATCH /orgs/{org}/teams/{team_slug}"]
      },
      users: {
        addEmailForAuthenticated: [
          "POST /user/emails",
          {},
          { renamed: ["users", "addEmailForAuthenticatedUser"] }
        ],
        addEmailForAuthenticatedUser: ["POST /user/emails"],
        addSocialAccountForAuthenticatedUser: ["POST /user/social_accounts"],
        block: ["PUT /user/blocks/{username}"],
        checkBlocked: ["GET /user/blocks/{username}"],
        checkFollowingForUser: ["GET /users/{username}/following/{target_user}"],
        checkPersonIsFollowedByAuthenticated: ["GET /user/following/{username}"],
        createGpgKeyForAuthenticated: [
          "POST /user/gpg_keys",
          {},
          { renamed: ["users", "createGpgKeyForAuthenticatedUser"] }
        ],
        createGpgKeyForAuthenticatedUser: ["POST /user/gpg_keys"],
        createPublicSshKeyForAuthenticated: [
          "POST /user/keys",
          {},
          { renamed: ["users", "createPublicSshKeyForAuthenticatedUser"] }
        ],
        createPublicSshKeyForAuthenticatedUser: ["POST /user/keys"],
        createSshSigningKeyForAuthenticatedUser: ["POST /user/ssh_signing_keys"],
        deleteAttestationsBulk: [
          "POST /users/{username}/attestations/delete-request"
        ],
        deleteAttestationsById: [
          "DELETE /users/{username}/attestations/{attestation_id}"
        ],
        deleteAttestationsBySubjectDigest: [
          "DELETE /users/{username}/attestations/digest/{subject_digest}"
        ],
        deleteEmailForAuthenticated: [
          "DELETE /user/emails",
          {},
          { renamed: ["users", "deleteEmailForAuthenticatedUser"] }
        ],
        deleteEmailForAuthenticatedUser: ["DELETE /user/emails"],
        deleteGpgKeyForAuthenticated: [
          "DELETE /user/gpg_keys/{gpg_key_id}",
          {},
          { renamed: ["users", "deleteGpgKeyForAuthenticatedUser"] }
        ],
        deleteGpgKeyForAuthenticatedUser: ["DELETE /user/gpg_keys/{gpg_key_id}"],
        deletePublicSshKeyForAuthenticated: [
          "DELETE /user/keys/{key_id}",
          {},
          { renamed: ["users", "deletePublicSshKeyForAuthenticatedUser"] }
        ],
        deletePublicSshKeyForAuthenticatedUser: ["DELETE /user/keys/{key_id}"],
        deleteSocialAccountForAuthenticatedUser: ["DELETE /user/social_accounts"],
        deleteSshSigningKeyForAuthenticatedUser: [
          "DELETE /user/ssh_signing_keys/{ssh_signing_key_id}"
        ],
        follow: ["PUT /user/following/{username}"],
        getAuthenticated: ["GET /user"],
        getById: ["GET /user/{account_id}"],
        getByUsername: ["GET /users/{username}"],
        getContextForUser: ["GET /users/{username}/hovercard"],
        getGpgKeyForAuthenticated: [
          "GET /user/gpg_keys/{gpg_key_id}",
          {},
          { renamed: ["users", "getGpgKeyForAuthenticatedUser"] }
        ],
        getGpgKeyForAuthenticatedUser: ["GET /user/gpg_keys/{gpg_key_id}"],
        getPublicSshKeyForAuthenticated: [
          "GET /user/keys/{key_id}",
          {},
          { renamed: ["users", "getPublicSshKeyForAuthenticatedUser"] }
        ],
        getPublicSshKeyForAuthenticatedUser: ["GET /user/keys/{key_id}"],
        getSshSigningKeyForAuthenticatedUser: [
          "GET /user/ssh_signing_keys/{ssh_signing_key_id}"
        ],
        list: ["GET /users"],
        listAttestations: ["GET /users/{username}/attestations/{subject_digest}"],
        listAttestationsBulk: [
          "POST /users/{username}/attestations/bulk-list{?per_page,before,after}"
        ],
        listBlockedByAuthenticated: [
          "GET /user/blocks",
          {},
          { renamed: ["users", "listBlockedByAuthenticatedUser"] }
        ],
        listBlockedByAuthenticatedUser: ["GET /user/blocks"],
        listEmailsForAuthenticated: [
          "GET /user/emails",
          {},
          { renamed: ["users", "listEmailsForAuthenticatedUser"] }
        ],
        listEmailsForAuthenticatedUser: ["GET /user/emails"],
        listFollowedByAuthenticated: [
          "GET /user/following",
          {},
          { renamed: ["users", "listFollowedByAuthenticatedUser"] }
        ],
        listFollowedByAuthenticatedUser: ["GET /user/following"],
        listFollowersForAuthenticatedUser: ["GET /user/followers"],
        listFollowersForUser: ["GET /users/{username}/followers"],
        listFollowingForUser: ["GET /users/{username}/following"],
        listGpgKeysForAuthenticated: [
          "GET /user/gpg_keys",
          {},
          { renamed: ["users", "listGpgKeysForAuthenticatedUser"] }
        ],
        listGpgKeysForAuthenticatedUser: ["GET /user/gpg_keys"],
        listGpgKeysForUser: ["GET /users/{username}/gpg_keys"],
        listPublicEmailsForAuthenticated: [
          "GET /user/public_emails",
          {},
          { renamed: ["users", "listPublicEmailsForAuthenticatedUser"] }
        ],
        listPublicEmailsForAuthenticatedUser: ["GET /user/public_emails"],
        listPublicKeysForUser: ["GET /users/{username}/keys"],
        listPublicSshKeysForAuthenticated: [
          "GET /user/keys",
          {},
          { renamed: ["users", "listPublicSshKeysForAuthenticatedUser"] }
        ],
        listPublicSshKeysForAuthenticatedUser: ["GET /user/keys"],
        listSocialAccountsForAuthenticatedUser: ["GET /user/social_accounts"],
        listSocialAccountsForUser: ["GET /users/{username}/social_accounts"],
        listSshSigningKeysForAuthenticatedUser: ["GET /user/ssh_signing_keys"],
        listSshSigningKeysForUser: ["GET /users/{username}/ssh_signing_keys"],
        setPrimaryEmailVisibilityForAuthenticated: [
          "PATCH /user/email/visibility",
          {},
          { renamed: ["users", "setPrimaryEmailVisibilityForAuthenticatedUser"] }
        ],
        setPrimaryEmailVisibilityForAuthenticatedUser: [
          "PATCH /user/email/visibility"
        ],
        unblock: ["DELETE /user/blocks/{username}"],
        unfollow: ["DELETE /user/following/{username}"],
        updateAuthenticated: ["PATCH /user"]
      }
    };
    endpoints_default = Endpoints;
  }
});

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/endpoints-to-methods.js
function endpointsToMethods(octokit) {
  const newMethods = {};
  for (const scope of endpointMethodsMap.keys()) {
    newMethods[scope] = new Proxy({ octokit, scope, cache: {} }, handler);
  }
  return newMethods;
}
function decorate(octokit, scope, methodName, defaults, decorations) {
  const requestWithDefaults = octokit.request.defaults(defaults);
  function withDecorations(...args) {
    let options = requestWithDefaults.endpoint.merge(...args);
    if (decorations.mapToData) {
      options = Object.assign({}, options, {
        data: options[decorations.mapToData],
        [decorations.mapToData]: void 0
      });
      return requestWithDefaults(options);
    }
    if (decorations.renamed) {
      const [newScope, newMethodName] = decorations.renamed;
      octokit.log.warn(
        `octokit.${scope}.${methodName}() has been renamed to octokit.${newScope}.${newMethodName}()`
      );
    }
    if (decorations.deprecated) {
      octokit.log.warn(decorations.deprecated);
    }
    if (decorations.renamedParameters) {
      const options2 = requestWithDefaults.endpoint.merge(...args);
      for (const [name, alias] of Object.entries(
        decorations.renamedParameters
      )) {
        if (name in options2) {
          octokit.log.warn(
            `"${name}" parameter is deprecated for "octokit.${scope}.${methodName}()". Use "${alias}" instead`
          );
          if (!(alias in options2)) {
            options2[alias] = options2[name];
          }
          delete options2[name];
        }
      }
      return requestWithDefaults(options2);
    }
    return requestWithDefaults(...args);
  }
  return Object.assign(withDecorations, requestWithDefaults);
}
var endpointMethodsMap, handler;
var init_endpoints_to_methods = __esm({
  "node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/endpoints-to-methods.js"() {
    init_endpoints();
    endpointMethodsMap = /* @__PURE__ */ new Map();
    for (const [scope, endpoints] of Object.entries(endpoints_default)) {
      for (const [methodName, endpoint2] of Object.entries(endpoints)) {
        const [route, defaults, decorations] = endpoint2;
        const [method, url] = route.split(/ /);
        const endpointDefaults = Object.assign(
          {
            method,
            url
          },
          defaults
        );
        if (!endpointMethodsMap.has(scope)) {
          endpointMethodsMap.set(scope, /* @__PURE__ */ new Map());
        }
        endpointMethodsMap.get(scope).set(methodName, {
          scope,
          methodName,
          endpointDefaults,
          decorations
        });
      }
    }
    handler = {
      has({ scope }, methodName) {
        return endpointMethodsMap.get(scope).has(methodName);
      },
      getOwnPropertyDescriptor(target, methodName) {
        return {
          value: this.get(target, methodName),
          // ensures method is in the cache
          configurable: true,
          writable: true,
          enumerable: true
        };
      },
      defineProperty(target, methodName, descriptor) {
        Object.defineProperty(target.cache, methodName, descriptor);
        return true;
      },
      deleteProperty(target, methodName) {
        delete target.cache[methodName];
        return true;
      },
      ownKeys({ scope }) {
        return [...endpointMethodsMap.get(scope).keys()];
      },
      set(target, methodName, value) {
        return target.cache[methodName] = value;
      },
      get({ octokit, scope, cache }, methodName) {
        if (cache[methodName]) {
          return cache[methodName];
        }
        const method = endpointMethodsMap.get(scope).get(methodName);
        if (!method) {
          return void 0;
        }
        const { endpointDefaults, decorations } = method;
        if (decorations) {
          cache[methodName] = decorate(
            octokit,
            scope,
            methodName,
            endpointDefaults,
            decorations
          );
        } else {
          cache[methodName] = octokit.request.defaults(endpointDefaults);
        }
        return cache[methodName];
      }
    };
  }
});

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js
function restEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    rest: api
  };
}
function legacyRestEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    ...api,
    rest: api
  };
}
var init_dist_src4 = __esm({
  "node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js"() {
    init_version3();
    init_endpoints_to_methods();
    restEndpointMethods.VERSION = VERSION7;
    legacyRestEndpointMethods.VERSION = VERSION7;
  }
});

// node_modules/@octokit/rest/dist-src/version.js
var VERSION8;
var init_version4 = __esm({
  "node_modules/@octokit/rest/dist-src/version.js"() {
    VERSION8 = "22.0.1";
  }
});

// node_modules/@octokit/rest/dist-src/index.js
var Octokit2;
var init_dist_src5 = __esm({
  "node_modules/@octokit/rest/dist-src/index.js"() {
    init_dist_src2();
    init_dist_src3();
    init_dist_bundle5();
    init_dist_src4();
    init_version4();
    Octokit2 = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
      {
        userAgent: `octokit-rest.js/${VERSION8}`
      }
    );
  }
});

// src/report/send.ts
async function sendCheck(plan2, target, auth2) {
  const quiet = () => void 0;
  const octokit = new Octokit2({
    auth: auth2.token,
    baseUrl: auth2.baseUrl,
    request: { retries: 0 },
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet }
  });
  const created = await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    ...plan2.create
  });
  const id = created.data.id;
  for (const u of plan2.updates) {
    await octokit.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: id, ...u });
  }
  return { id, requests: 1 + plan2.updates.length };
}
var init_send = __esm({
  "src/report/send.ts"() {
    "use strict";
    init_dist_src5();
  }
});

// src/report/summary.ts
function escapeMarkdown(text2) {
  return text2.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_{}[\]()#+\-.!|~])/g, "\\$1").replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
var SUMMARY_LIMIT;
var init_summary = __esm({
  "src/report/summary.ts"() {
    "use strict";
    init_units();
    SUMMARY_LIMIT = 1024 * 1024;
  }
});

// src/verdict/check.ts
function decideCheck(subject, shards, files, required) {
  const reasons = [];
  const byShard = /* @__PURE__ */ new Map();
  for (const f of files) {
    if (!f.read.ok) {
      reasons.push(`${f.name}: invalid result (${f.read.reason}); nothing from it was used`);
      continue;
    }
    const r = f.read.value;
    const { wrong, shard } = placeResult(subject, shards, r);
    if (wrong.length || shard === null) {
      reasons.push(`${f.name}: the result is for ${wrong.join(", ")}`);
      continue;
    }
    const list3 = byShard.get(shard.index) ?? [];
    list3.push({ name: f.name, r });
    byShard.set(shard.index, list3);
  }
  const accepted = onePerShard(byShard, shards, reasons);
  for (const { index, r } of accepted) reasons.push(...shardReasons(`shard ${index}`, r, required));
  const conclusion = reasons.length === 0 && accepted.length === shards ? "success" : "failure";
  return {
    conclusion,
    title: conclusion === "success" ? `passed: ${shards} shard${shards === 1 ? "" : "s"}, judged by ${judgeList(accepted.map((a) => a.r))}` : `failed: ${reasons[0] ?? "no result"}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ""}`,
    summary: summarize(subject, conclusion, reasons, accepted),
    annotations: annotationsOf(accepted.map((a) => a.r)),
    reasons
  };
}
function placeResult(subject, shards, r) {
  const s2 = r.subject;
  const wrong = [];
  if (s2.headSha !== subject.headSha)
    wrong.push(`commit ${s2.headSha ?? "none"}, not the head ${subject.headSha}`);
  if (subject.baseSha !== null && s2.baseSha !== subject.baseSha)
    wrong.push(`base commit ${s2.baseSha ?? "none"}, not ${subject.baseSha}`);
  if (s2.baseRef !== subject.baseRef) wrong.push(`base ${s2.baseRef ?? "none"}, not ${subject.baseRef}`);
  if (s2.repository !== subject.repository)
    wrong.push(`repository ${s2.repository ?? "none"}, not ${subject.repository}`);
  const shard = s2.shard ?? (shards === 1 ? { index: 0, count: 1 } : null);
  if (!shard) wrong.push("no shard index");
  else if (shard.count !== shards)
    wrong.push(`shard ${shard.index} of ${shard.count}, but ${shards} shards are expected`);
  return { wrong, shard };
}
function onePerShard(byShard, shards, reasons) {
  const accepted = [];
  for (let i = 0; i < shards; i++) {
    const got = byShard.get(i) ?? [];
    if (got.length === 0) {
      reasons.push(`shard ${i}: no result (its run died without one, or its artifact was not uploaded)`);
    } else if (got.length > 1) {
      reasons.push(
        `shard ${i}: ${got.length} results (${got.map((g) => g.name).join(", ")}); a shard counts once`
      );
    } else accepted.push({ index: i, r: got[0].r });
  }
  return accepted;
}
function shardReasons(at, r, required) {
  const reasons = [];
  if (r.status !== "succeeded") reasons.push(`${at}: ${r.status}${r.error ? `: ${r.error}` : ""}`);
  const failed2 = r.verdict.judges.filter((j) => !j.advisory && !j.passed);
  for (const j of failed2) reasons.push(`${at}: judge ${j.judge}: ${j.summary}`);
  if (!verdictPasses(r.verdict.judges) && failed2.length === 0)
    reasons.push(`${at}: no judge decided the verdict`);
  for (const need of required) {
    if (!r.verdict.judges.some((j) => j.judge === need && !j.advisory)) {
      reasons.push(`${at}: the ${need} judge this check requires did not run`);
    }
  }
  return reasons;
}
function judgeList(rs) {
  const names = [
    ...new Set(rs.flatMap((r) => r.verdict.judges.filter((j) => !j.advisory).map((j) => j.judge)))
  ];
  return names.join(", ") || "nothing";
}
function annotationsOf(rs) {
  const judged = rs.flatMap((r) => r.verdict.judges.flatMap((j) => j.annotations));
  const logged = rs.flatMap(
    (r) => r.annotations.map((a) => a.title.startsWith(LOG_TITLE) ? a : { ...a, title: `${LOG_TITLE}${a.title}` })
  );
  return [...judged, ...logged].slice(0, MAX_ANNOTATIONS2);
}
function summarize(subject, conclusion, reasons, accepted) {
  const out = [
    `**${conclusion === "success" ? "Passed" : "Failed"}**: commit \`${subject.headSha}\` against \`${escapeMarkdown(subject.baseRef)}\`${subject.pr !== null ? ` (pull request #${subject.pr})` : ""}, judged on the trusted side from evidence the pull request could not write.`,
    ""
  ];
  if (reasons.length)
    out.push("**Why not:**", ...reasons.slice(0, 200).map((r) => `- ${escapeMarkdown(r)}`), "");
  for (const { index, r } of accepted) {
    out.push(
      `**Shard ${index}**: ${r.status} (exit ${r.exitCode}) in ${r.durationMs} ms`,
      "",
      "| judge | result | what it found |",
      "|---|---|---|",
      ...r.verdict.judges.map(
        (j) => `| ${j.judge}${j.advisory ? " (advisory)" : ""} | ${j.passed ? "passed" : "**failed**"} | ${escapeMarkdown(j.summary)} |`
      ),
      ""
    );
    if (r.loosened.length)
      out.push(
        `Loosened: ${r.loosened.map((l) => `\`${escapeMarkdown(l.option)}\` (${escapeMarkdown(l.effect)})`).join(", ")}`,
        ""
      );
  }
  return out.join("\n");
}
var MAX_ANNOTATIONS2, LOG_TITLE;
var init_check = __esm({
  "src/verdict/check.ts"() {
    "use strict";
    init_summary();
    init_schema();
    MAX_ANNOTATIONS2 = 1e4;
    LOG_TITLE = "build log: ";
  }
});

// src/verdict/event.ts
function obj(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : {};
}
function subjectFromEvent(eventName, payload) {
  const e = obj(payload);
  const repository = s(obj(e.repository).full_name);
  if (eventName === "pull_request_target") {
    const pr = obj(e.pull_request);
    const head = obj(pr.head);
    const base = obj(pr.base);
    const subject = {
      event: "pull_request_target",
      repository,
      headSha: s(head.sha),
      baseRef: s(base.ref),
      baseSha: s(base.sha) || null,
      headRepository: s(obj(head.repo).full_name),
      pr: typeof pr.number === "number" ? pr.number : null
    };
    return check(subject);
  }
  if (eventName === "push") {
    const ref = s(e.ref);
    const m = /^refs\/(?:heads|tags)\/(.+)$/.exec(ref);
    return check({
      event: "push",
      repository,
      headSha: s(e.after),
      baseRef: m?.[1] ?? "",
      baseSha: null,
      headRepository: repository,
      pr: null
    });
  }
  if (eventName === "pull_request") {
    return {
      ok: false,
      reason: "the event is pull_request: GitHub runs the pull request's own copy of the workflow files, so its results are the author's claims and make no verdict; run the check on pull_request_target (docs/pr-check.md)"
    };
  }
  return {
    ok: false,
    reason: `the event is ${eventName || "unknown"}: a verdict is made only on pull_request_target (or push), where the workflow definition is not the pull request's (docs/pr-check.md)`
  };
}
function check(x) {
  if (!REPO2.test(x.repository)) return { ok: false, reason: "the event names no repository" };
  if (!HEX403.test(x.headSha)) return { ok: false, reason: "the event names no head commit (40 hex)" };
  if (!BRANCH2.test(x.baseRef)) return { ok: false, reason: "the event names no base branch" };
  if (x.event === "pull_request_target" && !REPO2.test(x.headRepository))
    return { ok: false, reason: "the event names no head repository" };
  return { ok: true, subject: x };
}
function checkName(name, subject) {
  return `${name} (${subject.baseRef})`;
}
var HEX403, REPO2, BRANCH2, s;
var init_event = __esm({
  "src/verdict/event.ts"() {
    "use strict";
    HEX403 = /^[0-9a-f]{40}$/;
    REPO2 = /^[\w.-]{1,100}\/[\w.-]{1,100}$/;
    BRANCH2 = /^[\w./-]{1,255}$/;
    s = (v) => typeof v === "string" ? v : "";
  }
});

// src/cli/report.ts
var report_exports = {};
__export(report_exports, {
  REPORT_TABLE: () => REPORT_TABLE,
  readResultFiles: () => readResultFiles,
  reportCommand: () => reportCommand
});
function readLimited(file) {
  try {
    const st = import_node_fs21.default.lstatSync(file);
    if (!st.isFile()) return { ok: false, reason: `'${file}' is not a regular file` };
    if (st.size > LIMITS.fileBytes)
      return { ok: false, reason: `the file is ${st.size} bytes, above ${LIMITS.fileBytes}` };
    return readResult(import_node_fs21.default.readFileSync(file));
  } catch (err) {
    return { ok: false, reason: `the file cannot be read: ${errorMessage(err)}` };
  }
}
function readResultFiles(fileOrDir) {
  const st = import_node_fs21.default.lstatSync(fileOrDir, { throwIfNoEntry: false });
  if (!st) return [];
  if (!st.isDirectory()) return [{ name: import_node_path29.default.basename(fileOrDir), read: readLimited(fileOrDir) }];
  const out = [];
  if (import_node_fs21.default.existsSync(import_node_path29.default.join(fileOrDir, "result.json")))
    out.push({ name: "result.json", read: readLimited(import_node_path29.default.join(fileOrDir, "result.json")) });
  for (const d of import_node_fs21.default.readdirSync(fileOrDir).sort()) {
    const sub = import_node_path29.default.join(fileOrDir, d);
    if (!import_node_fs21.default.lstatSync(sub).isDirectory()) continue;
    for (const f of import_node_fs21.default.readdirSync(sub).sort()) {
      if (f === "result.json" || /^sandbox-result.*\.json$/.test(f)) {
        out.push({ name: `${d}/${f}`, read: readLimited(import_node_path29.default.join(sub, f)) });
      }
    }
    if (out.length > MAX_FILES) throw new InputError("--result", `more than ${MAX_FILES} result files`);
  }
  return out;
}
function requiredJudges(preset, named) {
  const required = /* @__PURE__ */ new Set();
  if (preset !== void 0) {
    const p = RUN_PRESETS[preset];
    if (!p)
      throw new InputError(
        "--preset",
        `'${preset}' is not a preset; the presets are ${Object.keys(RUN_PRESETS).join(", ")}`
      );
    for (const j of p.requiredJudges) required.add(j);
  }
  for (const j of named) {
    if (!JUDGE_NAMES.includes(j))
      throw new InputError(
        "--require-judge",
        `'${j}' is not a judge; the judges are ${JUDGE_NAMES.join(", ")}`
      );
    required.add(j);
  }
  return [...required];
}
function checkSubject(env, s2) {
  const eventName = env.GITHUB_EVENT_NAME;
  if (!eventName || !env.GITHUB_EVENT_PATH) return { subject: subjectFromFlags(env, s2), refused: null };
  const payload = JSON.parse(import_node_fs21.default.readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
  const r = subjectFromEvent(eventName, payload);
  for (const k of ["head-sha", "base-ref", "repository"]) {
    if (s2(k) !== void 0)
      throw new InputError(`--${k}`, "comes from the event on GitHub; it cannot be given");
  }
  return r.ok ? { subject: r.subject, refused: null } : { subject: null, refused: r.reason };
}
function subjectFromFlags(env, s2) {
  const headSha = s2("head-sha") ?? "";
  const baseRef = s2("base-ref") ?? "";
  const repository = s2("repository") ?? env.GITHUB_REPOSITORY ?? "";
  if (!/^[0-9a-f]{40}$/.test(headSha))
    throw new InputError("--head-sha", "is required without an event (40 hex)");
  if (!/^[\w./-]{1,255}$/.test(baseRef)) throw new InputError("--base-ref", "is required without an event");
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new InputError("--repository", `'${repository}' is not owner/repo`);
  return { event: "push", repository, headSha, baseRef, baseSha: null, headRepository: repository, pr: null };
}
function parse3(argv, env) {
  const { options: o, positionals } = parseCommandLine(argv, REPORT_TABLE);
  if (positionals.length) throw new InputError(positionals[0], "report takes no arguments");
  const s2 = (k) => typeof o[k] === "string" ? o[k] : void 0;
  const file = s2("result") ?? "";
  if (!file) throw new InputError("--result", "is required: the result file or directory of shard results");
  const shardsArg = s2("shards") ?? "1";
  if (!/^\d{1,3}$/.test(shardsArg) || Number(shardsArg) < 1 || Number(shardsArg) > 256)
    throw new InputError("--shards", `'${shardsArg}' is not a number from 1 to 256`);
  const required = requiredJudges(s2("preset"), o["require-judge"] ?? []);
  const { subject, refused } = checkSubject(env, s2);
  if (refused) {
    return {
      subject,
      refused,
      shards: Number(shardsArg),
      required,
      file,
      name: "",
      dryRun: true,
      owner: "",
      repo: ""
    };
  }
  const repository = subject?.repository ?? env.GITHUB_REPOSITORY ?? "";
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(repository);
  if (!m) throw new InputError("GITHUB_REPOSITORY", `'${repository}' is not owner/repo`);
  const dryRun = o["dry-run"] === true;
  if (!dryRun && !env.GITHUB_TOKEN)
    throw new InputError("GITHUB_TOKEN", "is required to create the check (or use --dry-run)");
  return {
    subject,
    refused,
    shards: Number(shardsArg),
    required,
    file,
    name: s2("name") ?? "sandbox / verify",
    dryRun,
    owner: m[1],
    repo: m[2]
  };
}
function reportNoCheck(refused, io, onDone) {
  io.stderr.write(`sandbox-action: no check: ${refused}
`);
  onDone({
    id: null,
    name: "",
    conclusion: "none",
    requests: 0,
    title: "",
    annotations: 0,
    reasons: [refused]
  });
  return FAILED_EXIT;
}
function printDryRun(plan2, target, facts, io, onDone) {
  const base = `/repos/${target.owner}/${target.repo}/check-runs`;
  const requests = [
    { method: "POST", route: base, body: plan2.create },
    ...plan2.updates.map((u) => ({ method: "PATCH", route: `${base}/{check_run_id}`, body: u }))
  ];
  io.stdout.write(`${JSON.stringify(requests, null, 2)}
`);
  onDone({ id: null, requests: requests.length, ...facts });
  return 0;
}
async function reportCommand(argv, env, io, onDone = () => void 0) {
  let p;
  let files;
  try {
    p = parse3(argv, env);
    files = p.subject ? readResultFiles(p.file) : [];
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
    return inputExitCode("plain");
  }
  if (!p.subject) return reportNoCheck(p.refused, io, onDone);
  const decision = decideCheck(p.subject, p.shards, files, p.required);
  const target = {
    owner: p.owner,
    repo: p.repo,
    headSha: p.subject.headSha,
    name: checkName(p.name, p.subject)
  };
  const plan2 = buildCheck(target, decision);
  for (const r of decision.reasons) io.stderr.write(`sandbox-action: ${r}
`);
  const facts = {
    name: target.name,
    conclusion: plan2.conclusion,
    title: plan2.create.output.title,
    annotations: [plan2.create, ...plan2.updates].reduce((n, r) => n + r.output.annotations.length, 0),
    reasons: decision.reasons
  };
  if (p.dryRun) return printDryRun(plan2, target, facts, io, onDone);
  try {
    const sent = await sendCheck(plan2, target, {
      token: env.GITHUB_TOKEN,
      baseUrl: env.GITHUB_API_URL || "https://api.github.com"
    });
    io.stderr.write(
      `sandbox-action: check run ${sent.id} '${target.name}' (${plan2.conclusion}) in ${sent.requests} requests
`
    );
    onDone({ id: sent.id, requests: sent.requests, ...facts });
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: the Checks API refused: ${errorMessage(err)}
`);
    return exitCodeFor("plain", err);
  }
}
var import_node_fs21, import_node_path29, REPORT_TABLE, MAX_FILES;
var init_report2 = __esm({
  "src/cli/report.ts"() {
    "use strict";
    import_node_fs21 = __toESM(require("node:fs"), 1);
    import_node_path29 = __toESM(require("node:path"), 1);
    init_errors();
    init_presets();
    init_checks();
    init_send();
    init_check();
    init_event();
    init_schema();
    init_args();
    REPORT_TABLE = {
      result: {
        kind: "string",
        help: "a result file, or a directory whose */result.json are the shards (required)"
      },
      shards: { kind: "string", help: "how many shards the check expects, each exactly once (default 1)" },
      preset: {
        kind: "string",
        help: "the kind of job: requires its judges (python-tests: junit; lean-proof: …)"
      },
      "require-judge": {
        kind: "strings",
        help: `a judge every shard must have passed (repeatable): ${JUDGE_NAMES.join(", ")}`
      },
      name: {
        kind: "string",
        help: "check name; the base branch is added: 'sandbox / verify (main)' (default 'sandbox / verify')"
      },
      "head-sha": { kind: "string", help: "without an event (local use): the commit to report on" },
      "base-ref": { kind: "string", help: "without an event: the branch it was verified against" },
      repository: { kind: "string", help: "without an event: owner/repo (default $GITHUB_REPOSITORY)" },
      "dry-run": { kind: "boolean", help: "print the requests as JSON instead of sending them" },
      help: { kind: "boolean", help: "this help", short: "h" }
    };
    MAX_FILES = 512;
  }
});

// src/images/build-plan.ts
function parsePlatforms(text2) {
  const out = [];
  for (const p of text2.split(/[\s,]+/).filter(Boolean)) {
    if (!PLATFORM.test(p)) {
      throw new InputError(
        "--platforms",
        `'${p}' is not a platform like linux/amd64, linux/arm64 or linux/arm/v7`
      );
    }
    if (!out.includes(p)) out.push(p);
  }
  if (out.length === 0) throw new InputError("--platforms", "names no platform");
  return out;
}
function parseImages(text2, available) {
  const out = [];
  for (const n of text2.split(/[\s,]+/).filter(Boolean)) {
    if (!available.includes(n)) {
      throw new InputError("--images", `'${n}' is not an image; the images are ${available.join(", ")}`);
    }
    if (!out.includes(n)) out.push(n);
  }
  if (out.length === 0) throw new InputError("--images", "names no image");
  return out;
}
function parseBaseImages(values, platforms) {
  const out = {};
  for (const v of values) {
    const m = /^(linux\/[^=]+)=(.+)$/.exec(v);
    const [platform, ref] = m ? [m[1], m[2]] : [null, v];
    if (!/^[a-zA-Z0-9][a-zA-Z0-9._\-/:@]*$/.test(ref)) {
      throw new InputError("--base-image", `'${v}' is not IMAGE or PLATFORM=IMAGE`);
    }
    if (platform && !platforms.includes(platform)) {
      throw new InputError(
        "--base-image",
        `'${platform}' is not one of the platforms built (${platforms.join(", ")})`
      );
    }
    for (const p of platform ? [platform] : platforms) out[p] = ref;
  }
  return out;
}
function planTargets(o) {
  return o.images.map((src) => {
    const repository = `${o.registry}/${src.name}`;
    const references = o.tags.tags.map((t) => `${repository}:${t}`);
    const primary = o.tags.tags[0] ?? "latest";
    return {
      image: src.name,
      repository,
      references,
      labels: o.labels(src),
      source: src,
      platforms: o.platforms.map((platform) => ({
        platform,
        args: {
          ...src.args,
          ...o.buildArgs,
          ...o.baseImages[platform] ? { BASE_IMAGE: o.baseImages[platform] } : {}
        },
        // Per-platform images are pushed under these tags first; the manifest list then gets the final tags.
        stagingRef: o.platforms.length > 1 ? `${repository}:${primary}-${platformSlug(platform)}` : references[0]
      }))
    };
  });
}
function bakeDefinition(targets, o) {
  const target = {};
  for (const t of targets) {
    const args = t.platforms[0].args;
    const cache = o.github ? { "cache-from": [`type=gha,scope=${t.image}`], "cache-to": [`type=gha,scope=${t.image},mode=max`] } : o.push ? {
      "cache-from": [`type=registry,ref=${t.repository}:buildcache`],
      "cache-to": [`type=registry,ref=${t.repository}:buildcache,mode=max`]
    } : {};
    target[t.image] = {
      context: t.source.contextDir,
      dockerfile: t.source.dockerfile,
      platforms: t.platforms.map((p) => p.platform),
      tags: t.references,
      labels: t.labels,
      args,
      ...cache,
      output: [o.push ? "type=registry" : t.platforms.length === 1 ? "type=docker" : "type=cacheonly"],
      // Images for the sandbox are built without extra entitlements.
      entitlements: [],
      "no-cache": false
    };
  }
  return { group: { default: { targets: targets.map((t) => t.image) } }, target };
}
function manifestList(entries) {
  return {
    schemaVersion: 2,
    mediaType: MEDIA.list,
    manifests: entries.map((e) => {
      const [os5, architecture, variant] = e.platform.split("/");
      return {
        mediaType: e.mediaType,
        digest: e.digest,
        size: e.size,
        platform: { os: os5, architecture, ...variant ? { variant } : {} }
      };
    })
  };
}
function parseChallenge(header) {
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return null;
  const params = {};
  for (const p of m[2].matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[p[1].toLowerCase()] = p[2];
  return { scheme: m[1].toLowerCase(), params };
}
function retryable(status) {
  return status === null || status === 429 || status >= 500 && status <= 599;
}
function backoff(attempt, baseMs, retryAfter) {
  const ra = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1e3 : null;
  return Math.min(ra ?? baseMs * 2 ** (attempt - 1), 6e4);
}
var PLATFORM, platformSlug, MEDIA;
var init_build_plan = __esm({
  "src/images/build-plan.ts"() {
    "use strict";
    init_errors();
    PLATFORM = /^linux\/(amd64|arm64|arm\/v7|arm\/v6|386|ppc64le|s390x|riscv64)$/;
    platformSlug = (p) => p.replace(/\//g, "-");
    MEDIA = {
      manifest: "application/vnd.docker.distribution.manifest.v2+json",
      list: "application/vnd.docker.distribution.manifest.list.v2+json",
      ociManifest: "application/vnd.oci.image.manifest.v1+json",
      ociIndex: "application/vnd.oci.image.index.v1+json"
    };
  }
});

// src/images/registry.ts
function parseReference(text2) {
  const at = text2.indexOf("@");
  let name = text2;
  let ref = "latest";
  if (at >= 0) {
    name = text2.slice(0, at);
    ref = text2.slice(at + 1);
  } else {
    const colon = text2.lastIndexOf(":");
    if (colon > text2.lastIndexOf("/")) {
      name = text2.slice(0, colon);
      ref = text2.slice(colon + 1);
    }
  }
  const [first, ...rest] = name.split("/");
  const isHost = rest.length > 0 && (/[.:]/.test(first) || first === "localhost");
  return isHost ? { host: first, repository: rest.join("/"), ref } : { host: "registry-1.docker.io", repository: name.includes("/") ? name : `library/${name}`, ref };
}
var import_node_crypto9, import_node_http2, import_node_https, isLoopback, RegistryClient;
var init_registry = __esm({
  "src/images/registry.ts"() {
    "use strict";
    init_errors();
    import_node_crypto9 = __toESM(require("node:crypto"), 1);
    import_node_http2 = __toESM(require("node:http"), 1);
    import_node_https = __toESM(require("node:https"), 1);
    init_build_plan();
    isLoopback = (host) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
    RegistryClient = class {
      constructor(host, creds, o = {}) {
        this.host = host;
        this.creds = creds;
        this.o = o;
      }
      host;
      creds;
      o;
      tokens = /* @__PURE__ */ new Map();
      once(method, url, headers, body) {
        const mod = url.protocol === "http:" ? import_node_http2.default : import_node_https.default;
        return new Promise((resolve, reject) => {
          const req = mod.request(url, { method, headers, timeout: 6e4 }, (res) => {
            const chunks2 = [];
            res.on("data", (c) => chunks2.push(c));
            res.on(
              "end",
              () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks2) })
            );
            res.on("error", reject);
          });
          req.on("timeout", () => req.destroy(new RegistryError("timed out", null)));
          req.on("error", reject);
          req.end(body);
        });
      }
      async authorization(challenge, scope) {
        const c = parseChallenge(challenge);
        if (!c) return null;
        if (c.scheme === "basic") {
          return this.creds ? `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString("base64")}` : null;
        }
        if (c.scheme !== "bearer" || !c.params.realm) return null;
        const cached = this.tokens.get(scope);
        if (cached) return `Bearer ${cached}`;
        const url = new URL(c.params.realm);
        if (c.params.service) url.searchParams.set("service", c.params.service);
        url.searchParams.set("scope", c.params.scope ?? scope);
        const headers = {};
        if (this.creds) {
          headers.authorization = `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString("base64")}`;
        }
        const a = await this.once("GET", url, headers);
        if (a.status !== 200)
          throw new RegistryError(`the registry's token service answered ${a.status}`, a.status);
        const j = JSON.parse(a.body.toString());
        const token = j.token ?? j.access_token;
        if (!token) throw new RegistryError("the registry issued no token", null);
        this.tokens.set(scope, token);
        return `Bearer ${token}`;
      }
      /** One request with auth (answering a 401 challenge once) and retries with backoff on 429/5xx/network errors. */
      async request(method, path34, o) {
        const url = new URL(`${isLoopback(this.host) ? "http" : "https"}://${this.host}${path34}`);
        const attempts = this.o.attempts ?? 5;
        const sleep = this.o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
        let auth2 = null;
        for (let attempt = 1; ; attempt++) {
          let a = null;
          let err = null;
          try {
            a = await this.once(
              method,
              url,
              { ...o.headers ?? {}, ...auth2 ? { authorization: auth2 } : {} },
              o.body
            );
            if (a.status === 401 && !auth2 && a.headers["www-authenticate"]) {
              auth2 = await this.authorization(String(a.headers["www-authenticate"]), o.scope);
              if (auth2) {
                a = await this.once(method, url, { ...o.headers ?? {}, authorization: auth2 }, o.body);
              }
            }
          } catch (e) {
            if (e instanceof RegistryError) throw e;
            err = asError(e);
          }
          const status = a ? a.status : null;
          if (a && !retryable(status)) return a;
          if (attempt >= attempts) {
            if (a) return a;
            throw new RegistryError(`${method} ${url.pathname}: ${err?.message ?? "no answer"}`, null);
          }
          await sleep(
            backoff(
              attempt,
              this.o.baseDelayMs ?? 500,
              a ? a.headers["retry-after"] : null
            )
          );
        }
      }
      check(a, what) {
        if (a.status === 401 || a.status === 403) {
          throw new RegistryError(
            `${what}: the registry refused the credentials (${a.status}); check the username and password`,
            a.status
          );
        }
        if (a.status < 200 || a.status > 299) {
          throw new RegistryError(
            `${what}: the registry answered ${a.status}: ${a.body.toString().slice(0, 300)}`,
            a.status
          );
        }
        return a;
      }
      async getManifest(repository, ref, accept) {
        const a = this.check(
          await this.request("GET", `/v2/${repository}/manifests/${ref}`, {
            headers: { accept: accept.join(", ") },
            scope: `repository:${repository}:pull`
          }),
          `read manifest ${repository}:${ref}`
        );
        const digest = String(
          a.headers["docker-content-digest"] ?? `sha256:${import_node_crypto9.default.createHash("sha256").update(a.body).digest("hex")}`
        );
        const mediaType = String(a.headers["content-type"] ?? "").split(";")[0];
        return {
          digest,
          mediaType,
          size: a.body.length,
          body: a.body,
          json: JSON.parse(a.body.toString())
        };
      }
      async putManifest(repository, ref, body, mediaType) {
        const a = this.check(
          await this.request("PUT", `/v2/${repository}/manifests/${ref}`, {
            headers: { "content-type": mediaType },
            body,
            scope: `repository:${repository}:pull,push`
          }),
          `write manifest ${repository}:${ref}`
        );
        return String(a.headers["docker-content-digest"] ?? "");
      }
      async getBlobJson(repository, digest) {
        let a = await this.request("GET", `/v2/${repository}/blobs/${digest}`, {
          scope: `repository:${repository}:pull`
        });
        if (a.status >= 300 && a.status < 400 && a.headers.location) {
          a = await this.once("GET", new URL(String(a.headers.location), `https://${this.host}`), {});
        }
        return JSON.parse(this.check(a, `read blob ${digest}`).body.toString());
      }
      /** Does the registry accept these credentials for pushing to `repository`? */
      async canPush(repository) {
        const a = await this.request("GET", `/v2/`, { scope: `repository:${repository}:pull,push` });
        return a.status === 200;
      }
    };
  }
});

// src/images/builder.ts
function imageSources(root) {
  const dir = import_node_path30.default.join(root, "images");
  const out = [];
  for (const name of import_node_fs22.default.readdirSync(dir).sort()) {
    const dockerfile = import_node_path30.default.join(dir, name, "Dockerfile");
    if (!import_node_fs22.default.existsSync(dockerfile)) continue;
    const text2 = import_node_fs22.default.readFileSync(dockerfile, "utf8");
    const first = /^#\s*(.+)$/m.exec(text2)?.[1] ?? name;
    const args = {};
    const toolchain = import_node_path30.default.join(dir, name, "lean-toolchain");
    if (import_node_fs22.default.existsSync(toolchain)) args.LEAN_TOOLCHAIN = import_node_fs22.default.readFileSync(toolchain, "utf8").trim();
    out.push({
      name,
      contextDir: name === "egress-proxy" ? import_node_path30.default.join(root, "dist") : import_node_path30.default.join(dir, name),
      dockerfile,
      title: `sandbox-action ${name}`,
      description: first.replace(/^[\w-]+:\s*/, "").slice(0, 200),
      args
    });
  }
  return out;
}
function contextTar2(src) {
  const pack = import_tar_stream7.default.pack();
  const opts = { mode: 420, uid: 0, gid: 0, mtime: /* @__PURE__ */ new Date(0) };
  const inside2 = import_node_path30.default.relative(src.contextDir, src.dockerfile);
  const outside = inside2.startsWith("..") || import_node_path30.default.isAbsolute(inside2);
  const walk = (rel) => {
    for (const name of import_node_fs22.default.readdirSync(import_node_path30.default.join(src.contextDir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = import_node_fs22.default.lstatSync(import_node_path30.default.join(src.contextDir, r));
      if (st.isDirectory()) walk(r);
      else if (st.isFile()) {
        pack.entry(
          { name: r, ...opts, mode: st.mode & 493 ? st.mode & 511 : 420 },
          import_node_fs22.default.readFileSync(import_node_path30.default.join(src.contextDir, r))
        );
      }
    }
  };
  walk("");
  if (outside) pack.entry({ name: "Dockerfile", ...opts }, import_node_fs22.default.readFileSync(src.dockerfile));
  pack.finalize();
  return { stream: import_node_stream5.Readable.from(pack), dockerfile: outside ? "Dockerfile" : inside2 };
}
function hasBuildx() {
  const r = (0, import_node_child_process5.spawnSync)("docker", ["buildx", "version"], { stdio: "ignore" });
  return r.status === 0;
}
function credentialsFor(host, given, home = import_node_os4.default.homedir()) {
  if (given) return given;
  try {
    const cfg = JSON.parse(
      import_node_fs22.default.readFileSync(
        import_node_path30.default.join(process.env.DOCKER_CONFIG ?? import_node_path30.default.join(home, ".docker"), "config.json"),
        "utf8"
      )
    );
    const auth2 = cfg.auths?.[host]?.auth ?? cfg.auths?.[`https://${host}`]?.auth;
    if (!auth2) return null;
    const text2 = Buffer.from(auth2, "base64").toString("utf8");
    const i = text2.indexOf(":");
    return i > 0 ? { username: text2.slice(0, i), password: text2.slice(i + 1) } : null;
  } catch {
    return null;
  }
}
async function buildWithEngine(engine, targets, o) {
  const images = [];
  for (const t of targets) {
    const built = await buildTarget(engine, t, o);
    if (o.push) await pushTarget(engine, t, built, o);
    images.push(built);
  }
  return { builder: "engine", images };
}
async function buildTarget(engine, t, o) {
  const built = {
    image: t.image,
    references: t.references,
    digest: null,
    platforms: [],
    pushed: false
  };
  for (const p of t.platforms) {
    const ctx = contextTar2(t.source);
    o.progress(`building ${t.image} for ${p.platform}`);
    await engine.imageBuild(
      ctx.stream,
      {
        tags: [p.stagingRef],
        dockerfile: ctx.dockerfile,
        buildArgs: p.args,
        labels: t.labels,
        platform: p.platform,
        noCache: o.noCache === true
      },
      (l) => o.progress(`  ${t.image} ${p.platform}: ${l}`)
    );
    built.platforms.push({ platform: p.platform, ref: p.stagingRef, digest: null });
  }
  if (t.platforms.length === 1) {
    for (const r of t.references)
      if (r !== t.platforms[0].stagingRef) await engine.imageTag(t.platforms[0].stagingRef, r);
  }
  return built;
}
async function pushTarget(engine, t, built, o) {
  const ref = parseReference(t.references[0]);
  const registry = new RegistryClient(ref.host, o.creds);
  const auth2 = o.creds ? { ...o.creds, serveraddress: ref.host } : null;
  const entries = [];
  for (const p of built.platforms) {
    o.progress(`pushing ${p.ref}`);
    const pushed = await withRetries(() => engine.imagePush(p.ref, auth2), o.progress);
    p.digest = pushed.digest;
    const m = await registry.getManifest(ref.repository, pushed.digest, [MEDIA.manifest, MEDIA.ociManifest]);
    entries.push({
      digest: pushed.digest,
      size: m.size,
      mediaType: m.mediaType || MEDIA.manifest,
      platform: p.platform
    });
  }
  let body;
  let mediaType;
  if (entries.length > 1) {
    body = Buffer.from(JSON.stringify(manifestList(entries), null, 2));
    mediaType = MEDIA.list;
  } else {
    const m = await registry.getManifest(ref.repository, entries[0].digest, [
      MEDIA.manifest,
      MEDIA.ociManifest
    ]);
    body = m.body;
    mediaType = m.mediaType;
  }
  for (const r of t.references) {
    const tag = parseReference(r).ref;
    built.digest = await registry.putManifest(ref.repository, tag, body, mediaType);
    o.progress(`tagged ${r}`);
  }
  built.pushed = true;
}
async function withRetries(fn, progress, attempts = 4) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const msg = errorMessage(err);
      const transient = /\b(429|5\d\d)\b|toomanyrequests|timeout|connection reset|EOF/i.test(msg);
      if (!transient || i >= attempts) throw err;
      const ms = 1e3 * 2 ** (i - 1);
      progress(`retrying in ${ms} ms after: ${msg.slice(0, 200)}`);
      await new Promise((r) => setTimeout(r, ms));
    }
  }
}
async function buildWithBake(targets, o) {
  const def = bakeDefinition(targets, o);
  const file = import_node_path30.default.join(import_node_fs22.default.mkdtempSync(import_node_path30.default.join(import_node_os4.default.tmpdir(), "sa-bake-")), "bake.json");
  import_node_fs22.default.writeFileSync(file, JSON.stringify(def, null, 2));
  const code = await new Promise((resolve) => {
    const child = (0, import_node_child_process5.spawn)("docker", ["buildx", "bake", "-f", file, ...o.push ? ["--push"] : []], {
      stdio: ["ignore", "inherit", "inherit"]
    });
    child.on("close", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new EngineError("docker", "buildx bake", `exited with ${code}`);
  return {
    builder: "buildx",
    images: targets.map((t) => ({
      image: t.image,
      references: t.references,
      digest: null,
      platforms: t.platforms.map((p) => ({ platform: p.platform, ref: t.references[0], digest: null })),
      pushed: o.push
    }))
  };
}
async function checkPushCredentials(reference, creds) {
  const ref = parseReference(reference);
  if (!creds) {
    throw new InputError(
      "--push",
      `no credentials for ${ref.host}: pass --username with --password-stdin (or run docker login ${ref.host})`
    );
  }
  const ok = await new RegistryClient(ref.host, creds, { attempts: 3 }).canPush(ref.repository).catch(() => false);
  if (!ok) {
    throw new InputError(
      "--password-stdin",
      `the registry ${ref.host} refused the credentials of '${creds.username}'`
    );
  }
}
var import_node_child_process5, import_node_fs22, import_node_os4, import_node_path30, import_node_stream5, import_tar_stream7;
var init_builder = __esm({
  "src/images/builder.ts"() {
    "use strict";
    import_node_child_process5 = require("node:child_process");
    import_node_fs22 = __toESM(require("node:fs"), 1);
    import_node_os4 = __toESM(require("node:os"), 1);
    import_node_path30 = __toESM(require("node:path"), 1);
    import_node_stream5 = require("node:stream");
    import_tar_stream7 = __toESM(require_tar_stream(), 1);
    init_errors();
    init_build_plan();
    init_registry();
  }
});

// src/cli/build.ts
var build_exports = {};
__export(build_exports, {
  BUILD_TABLE: () => BUILD_TABLE,
  buildCommand: () => buildCommand,
  executeBuild: () => executeBuild,
  parseBuild: () => parseBuild
});
function git(args, cwd) {
  try {
    return (0, import_node_child_process6.execFileSync)("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || void 0;
  } catch {
    return void 0;
  }
}
function parseBuildArgs(args) {
  const buildArgs = {};
  for (const a of args) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
    if (!m) throw new InputError("--build-arg", `'${a.split("=")[0]}' is not KEY=VALUE`);
    buildArgs[m[1]] = m[2];
  }
  return buildArgs;
}
function buildTags(o, env, registry, cwd) {
  const withGit = { ...o };
  if (!withGit.sha && !env.GITHUB_SHA) withGit.sha = git(["rev-parse", "HEAD"], cwd);
  if (!withGit.ref && !env.GITHUB_REF) {
    const branch = git(["symbolic-ref", "-q", "HEAD"], cwd);
    withGit.ref = branch ?? (withGit.sha ? `refs/heads/detached` : void 0);
  }
  const tags = planTags(tagFactsFrom({ ...withGit, repository: registry }, env));
  if (tags.tags.length === 0) throw new InputError("--tag", "no tag could be made for this commit");
  return tags;
}
function stdinCredentials(user, passwordStdin, readStdin) {
  if (passwordStdin) {
    if (!user) throw new InputError("--password-stdin", "needs --username");
    const password = readStdin().replace(/\r?\n$/, "");
    if (!password) throw new InputError("--password-stdin", "read an empty password from stdin");
    return { username: user, password };
  }
  if (user) {
    throw new InputError(
      "--username",
      "needs --password-stdin (a password is never taken from the command line)"
    );
  }
  return null;
}
function sourceFacts(env, sha, cwd) {
  const sourceUrl = env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_REPOSITORY}` : git(["remote", "get-url", "origin"], cwd) ?? "";
  const created = (env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH) ? new Date(Number(env.SOURCE_DATE_EPOCH) * 1e3).toISOString() : git(["show", "-s", "--format=%cI", sha], cwd)) ?? (/* @__PURE__ */ new Date(0)).toISOString();
  return { sourceUrl, created };
}
function buildRegistry(flag, env) {
  const registryText = flag ?? env.REGISTRY ?? (env.GITHUB_REPOSITORY ? `ghcr.io/${env.GITHUB_REPOSITORY}` : void 0);
  if (!registryText)
    throw new InputError("--registry", "is required outside GitHub Actions (or set REGISTRY)");
  return normalizeRepository(registryText);
}
function imageLabels(sourceUrl, created, tags) {
  return (src) => ociLabels({
    sourceUrl,
    sha: tags.sha,
    version: tags.version,
    created,
    title: src.title,
    description: src.description,
    licenses: "MIT"
  });
}
function parseBuild(argv, env, readStdin) {
  const { options: o, positionals } = parseCommandLine(argv, BUILD_TABLE);
  if (positionals.length) throw new InputError(positionals[0], "build takes no arguments");
  const s2 = (k) => typeof o[k] === "string" ? o[k] : void 0;
  const list3 = (k) => Array.isArray(o[k]) ? o[k] : [];
  const root = import_node_path31.default.resolve(s2("root") ?? installRoot() ?? process.cwd());
  if (!import_node_fs23.default.existsSync(import_node_path31.default.join(root, "images")))
    throw new InputError("--root", `'${root}' has no images/ directory`);
  const sources = imageSources(root);
  const names = sources.map((x) => x.name);
  const images = s2("images") ? parseImages(s2("images"), names) : names;
  const platforms = parsePlatforms(s2("platforms") ?? env.PLATFORMS ?? "linux/amd64");
  const baseImages = parseBaseImages(list3("base-image"), platforms);
  const buildArgs = parseBuildArgs(list3("build-arg"));
  const builder = s2("builder") ?? "auto";
  if (!["auto", "buildx", "engine"].includes(builder)) {
    throw new InputError("--builder", `'${builder}' is not auto, buildx or engine`);
  }
  const registry = buildRegistry(s2("registry"), env);
  const cwd = process.cwd();
  const tags = buildTags(o, env, registry, cwd);
  const push = o.push === true;
  if (push && !tags.push) throw new InputError("--push", tags.pushNote);
  let creds = stdinCredentials(s2("username"), o["password-stdin"] === true, readStdin);
  if (push) creds = credentialsFor(parseReference(`${registry}/x:y`).host, creds);
  const { sourceUrl, created } = sourceFacts(env, tags.sha, cwd);
  const targets = planTargets({
    images: sources.filter((x) => images.includes(x.name)),
    platforms,
    registry,
    tags,
    labels: imageLabels(sourceUrl, created, tags),
    baseImages,
    buildArgs
  });
  return {
    targets,
    tags,
    push,
    builder,
    creds,
    dryRun: o["dry-run"] === true,
    noCache: o["no-cache"] === true,
    json: o.json === true,
    root
  };
}
async function executeBuild(req, engine, progress, env) {
  const useBuildx = req.builder === "buildx" || req.builder === "auto" && hasBuildx();
  if (req.builder === "buildx" && !hasBuildx()) {
    throw new InputError("--builder", "buildx: `docker buildx` is not installed here; use --builder engine");
  }
  if (req.push) await checkPushCredentials(req.targets[0].references[0], req.creds);
  if (useBuildx)
    return buildWithBake(req.targets, {
      push: req.push,
      github: env.GITHUB_ACTIONS === "true",
      root: req.root,
      progress
    });
  return buildWithEngine(await engine(), req.targets, {
    push: req.push,
    creds: req.creds,
    progress,
    noCache: req.noCache
  });
}
async function buildCommand(argv, env, io, engine) {
  let req;
  try {
    req = parseBuild(argv, env, () => import_node_fs23.default.readFileSync(0, "utf8"));
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
    return inputExitCode("plain");
  }
  if (req.dryRun) {
    io.stdout.write(
      `${JSON.stringify({ tags: req.tags, targets: req.targets.map(({ source, ...t }) => ({ ...t, context: source.contextDir, dockerfile: source.dockerfile })) }, null, 2)}
`
    );
    return 0;
  }
  try {
    const run3 = await executeBuild(
      { ...req, push: req.push },
      engine,
      (l) => io.stderr.write(`sandbox-action: ${l}
`),
      env
    );
    if (req.json) io.stdout.write(`${JSON.stringify(run3, null, 2)}
`);
    else {
      for (const i of run3.images) {
        for (const r of i.references) io.stdout.write(`${r}${i.digest ? ` ${i.digest}` : ""}
`);
      }
    }
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
    return exitCodeFor("plain", err);
  }
}
var import_node_child_process6, import_node_fs23, import_node_path31, TAG_OPTIONS, BUILD_TABLE;
var init_build = __esm({
  "src/cli/build.ts"() {
    "use strict";
    import_node_child_process6 = require("node:child_process");
    import_node_fs23 = __toESM(require("node:fs"), 1);
    import_node_path31 = __toESM(require("node:path"), 1);
    init_errors();
    init_install();
    init_build_plan();
    init_builder();
    init_registry();
    init_tags();
    init_args();
    init_tags2();
    TAG_OPTIONS = Object.fromEntries(
      Object.entries(TAGS_TABLE).filter(([k]) => !["image", "json", "repository", "help"].includes(k))
    );
    BUILD_TABLE = {
      images: { kind: "string", help: "comma-separated images to build (default: every image in images/)" },
      platforms: { kind: "string", help: "comma-separated platforms (default $PLATFORMS, else linux/amd64)" },
      push: { kind: "boolean", help: "push to the registry (a manifest list when several platforms)" },
      registry: {
        kind: "string",
        help: "where images go: REGISTRY/IMAGE:TAG (default $REGISTRY, else ghcr.io/OWNER/REPO lowercased)"
      },
      "base-image": {
        kind: "strings",
        help: "BASE_IMAGE build argument, IMAGE or PLATFORM=IMAGE (repeatable; default: each Dockerfile's own)"
      },
      "build-arg": { kind: "strings", help: "KEY=VALUE build argument for every image (repeatable)" },
      username: { kind: "string", help: "registry user (with --password-stdin; default: docker login's)" },
      "password-stdin": {
        kind: "boolean",
        help: "read the registry password from stdin (never from the command line)"
      },
      builder: { kind: "string", help: "auto (default: buildx when present, else the engine), buildx or engine" },
      root: { kind: "string", help: "the directory holding images/ (default: this installation's)" },
      "no-cache": { kind: "boolean", help: "build every step again (engine path)" },
      "dry-run": {
        kind: "boolean",
        help: "print the plan (targets, tags, labels, bake definition) and build nothing"
      },
      json: { kind: "boolean", help: "print the outcome as JSON" },
      ...TAG_OPTIONS,
      help: { kind: "boolean", help: "this help", short: "h" }
    };
  }
});

// src/verdict/shards.ts
function shardTargets(targets, count2, index) {
  if (!Number.isInteger(count2) || count2 < 1 || count2 > 256) throw new InputError("shards", "1 to 256");
  if (!Number.isInteger(index) || index < 0 || index >= count2)
    throw new InputError("shard index", `0 to ${count2 - 1}`);
  const sorted = [...new Set(targets.map((t) => t.trim()).filter(Boolean))].sort();
  return sorted.filter((_, i) => i % count2 === index);
}
var init_shards = __esm({
  "src/verdict/shards.ts"() {
    "use strict";
    init_errors();
  }
});

// src/cli/shard.ts
var shard_exports = {};
__export(shard_exports, {
  SHARD_TABLE: () => SHARD_TABLE,
  shardCommand: () => shardCommand,
  shardable: () => shardable
});
function shardCommand(argv, io) {
  try {
    const { options: o } = parseCommandLine(argv, SHARD_TABLE);
    const num = (k) => {
      const v = typeof o[k] === "string" ? o[k] : "";
      if (!/^\d{1,3}$/.test(v)) throw new InputError(`--${k}`, `'${v}' is not a number`);
      return Number(v);
    };
    const shards = num("shards");
    const index = num("index");
    if (shards < 1 || shards > 256) throw new InputError("--shards", "must be 1 to 256");
    if (index >= shards) throw new InputError("--index", `must be below --shards (${shards})`);
    const targets = shardable(String(o.targets ?? "").split(/[\s,]+/));
    for (const t of shardTargets(targets, shards, index)) io.stdout.write(`${t}
`);
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
    return inputExitCode("plain");
  }
}
function shardable(targets) {
  const out = [];
  for (const t of targets.map((x) => x.trim()).filter(Boolean)) {
    if (t.length > 512 || !TARGET.test(t) || t.split("/").some((p) => p === "." || p === "..")) {
      throw new InputError(
        "--targets",
        `'${t.slice(0, 100)}' is not a Lean name or a repository path (letters, digits, _ . + - and /, no ..)`
      );
    }
    if (!out.includes(t)) out.push(t);
  }
  return out;
}
var SHARD_TABLE, TARGET;
var init_shard = __esm({
  "src/cli/shard.ts"() {
    "use strict";
    init_errors();
    init_shards();
    init_args();
    SHARD_TABLE = {
      targets: {
        kind: "string",
        help: "space- or comma-separated targets: Lean declaration or module names, or repository paths (tests/test_a.py)"
      },
      shards: { kind: "string", help: "number of shards (1 to 256)" },
      index: { kind: "string", help: "this shard, from 0" }
    };
    TARGET = /^(?!-)[\w.+-]+(?:\/[\w.+-]+)*$/;
  }
});

// src/cli/verify.ts
var verify_exports = {};
__export(verify_exports, {
  VERIFY_TABLE: () => VERIFY_TABLE,
  verifyCommand: () => verifyCommand
});
function verifyCommand(argv, env, io) {
  try {
    const { options: o, positionals } = parseCommandLine(argv, VERIFY_TABLE);
    if (positionals.length) throw new InputError(positionals[0], "verify takes no arguments");
    const shardsArg = typeof o.shards === "string" ? o.shards : "1";
    if (!/^\d{1,3}$/.test(shardsArg) || Number(shardsArg) < 1 || Number(shardsArg) > 256)
      throw new InputError("--shards", `'${shardsArg}' is not a number from 1 to 256`);
    const ref = typeof o["action-ref"] === "string" ? o["action-ref"] : "";
    if (!/^[0-9a-f]{40}$/.test(ref)) {
      throw new InputError(
        "--action-ref",
        `'${ref}' is not a 40-hex commit: the privileged half must be pinned, a tag can be moved`
      );
    }
    if (!env.GITHUB_EVENT_NAME || !env.GITHUB_EVENT_PATH)
      throw new InputError("GITHUB_EVENT_PATH", "is needed: verify reads the event of the workflow run");
    const r = subjectFromEvent(
      env.GITHUB_EVENT_NAME,
      JSON.parse(import_node_fs24.default.readFileSync(env.GITHUB_EVENT_PATH, "utf8"))
    );
    if (!r.ok) {
      io.stderr.write(`sandbox-action: no verdict from this run: ${r.reason}
`);
      return FAILED_EXIT;
    }
    const n = Number(shardsArg);
    const s2 = r.subject;
    const facts = {
      "head-sha": s2.headSha,
      "head-repository": s2.headRepository,
      "base-ref": s2.baseRef,
      "base-sha": s2.baseSha ?? s2.headSha,
      repository: s2.repository,
      shards: JSON.stringify(Array.from({ length: n }, (_, i) => i)),
      "shard-count": String(n),
      "check-name": checkName(typeof o.name === "string" ? o.name : "sandbox / verify", s2)
    };
    const lines = Object.entries(facts).map(([k, v]) => `${k}=${v}`);
    if (typeof o["github-output"] === "string")
      import_node_fs24.default.appendFileSync(o["github-output"], `${lines.join("\n")}
`);
    io.stdout.write(`${lines.join("\n")}
`);
    return 0;
  } catch (err) {
    io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
    return inputExitCode("plain");
  }
}
var import_node_fs24, VERIFY_TABLE;
var init_verify = __esm({
  "src/cli/verify.ts"() {
    "use strict";
    import_node_fs24 = __toESM(require("node:fs"), 1);
    init_errors();
    init_event();
    init_args();
    VERIFY_TABLE = {
      shards: { kind: "string", help: "number of shards (1 to 256, default 1)" },
      name: { kind: "string", help: "the check's name before the base branch (default 'sandbox / verify')" },
      "action-ref": {
        kind: "string",
        help: "the commit of sandbox-action the workflow runs (40 hex: a tag can move)"
      },
      "github-output": { kind: "string", help: "write the facts as step outputs to this file ($GITHUB_OUTPUT)" },
      help: { kind: "boolean", help: "this help", short: "h" }
    };
  }
});

// src/comparator/landrun-args.ts
function checkHostPath(flag, p) {
  if (!p.startsWith("/")) throw new InputError(flag, `'${p}' is not an absolute path`);
  if (CONTROL.test(p)) throw new InputError(flag, `${JSON.stringify(p)} has a control character`);
  if (p === "/") throw new InputError(flag, "'/' is never mounted: the step sees the image's own root");
  if (import_node_path32.default.posix.normalize(p) !== p || p.endsWith("/")) {
    throw new InputError(flag, `'${p}' is not a normalised path (write it as '${import_node_path32.default.posix.resolve(p)}')`);
  }
  return p;
}
function parseLandrunArgs(argv) {
  for (let i2 = 0; i2 < FIXED_PREFIX.length; i2++) {
    if (argv[i2] !== FIXED_PREFIX[i2]) {
      throw new InputError(
        `argument ${i2 + 1}`,
        `expected comparator's fixed prefix '${FIXED_PREFIX.join(" ")}', got ${argv[i2] === void 0 ? "the end" : `'${argv[i2]}'`}`
      );
    }
  }
  const req = {
    form: "legacy",
    env: [],
    readOnly: [],
    writable: [],
    executable: [],
    command: "",
    args: []
  };
  const seen = /* @__PURE__ */ new Set();
  let i = FIXED_PREFIX.length;
  for (; i < argv.length; i++) {
    const w = argv[i];
    if (w === "--") {
      req.form = "separator";
      i++;
      break;
    }
    if (!w.startsWith("-")) break;
    if (!isValueFlag(w)) {
      const why = REFUSED[w];
      throw new InputError(
        w,
        why ?? "is not a flag comparator passes to landrun (--env, --ro, --rwx, --rox)"
      );
    }
    const v = argv[i + 1];
    if (v === void 0 || v.startsWith("-")) throw new InputError(w, "needs a value");
    i++;
    const field = VALUE_FLAGS[w];
    if (field === "env") {
      if (!ENV_NAME2.test(v)) throw new InputError(w, `'${v}' is not a variable name`);
      if (!req.env.includes(v)) req.env.push(v);
      continue;
    }
    checkHostPath(w, v);
    if (seen.has(v)) throw new InputError(w, `'${v}' is named twice`);
    seen.add(v);
    req[field].push(v);
  }
  const command = argv[i];
  if (command === void 0 || command === "") throw new InputError("command", "no command after the flags");
  if (command.includes("/")) checkHostPath("command", command);
  if (CONTROL.test(command))
    throw new InputError("command", `${JSON.stringify(command)} has a control character`);
  req.command = command;
  req.args = argv.slice(i + 1);
  return req;
}
var import_node_path32, FIXED_PREFIX, ENV_NAME2, CONTROL, VALUE_FLAGS, isValueFlag, REFUSED;
var init_landrun_args = __esm({
  "src/comparator/landrun-args.ts"() {
    "use strict";
    import_node_path32 = __toESM(require("node:path"), 1);
    init_errors();
    FIXED_PREFIX = ["--best-effort", "--ro", "/", "--rw", "/dev", "-ldd", "-add-exec"];
    ENV_NAME2 = /^[A-Za-z_][A-Za-z0-9_]*$/;
    CONTROL = /[\u0000-\u001f\u007f]/;
    VALUE_FLAGS = {
      "--env": "env",
      "--ro": "readOnly",
      "--rwx": "writable",
      "--rox": "executable"
    };
    isValueFlag = (w) => Object.hasOwn(VALUE_FLAGS, w);
    REFUSED = {
      "--rw": "nothing from the host is writable; the project’s .lake is served by --rwx as a capped volume",
      "--best-effort": "appears only once, in the fixed prefix",
      "--unrestricted-network": "the step never has a network",
      "--unrestricted-filesystem": "the step never sees the host’s filesystem",
      "--bind-tcp": "the step never has a network",
      "--connect-tcp": "the step never has a network"
    };
  }
});

// src/comparator/step-plan.ts
function lakeDirOf(ctx) {
  return import_node_path33.default.posix.join(ctx.projectDir, ".lake");
}
function hostPaths(req, ctx) {
  const lake = lakeDirOf(ctx);
  const out = [...req.readOnly, ...req.executable].filter((p) => p !== lake);
  if (req.command.startsWith("/")) out.push(req.command);
  return [...new Set(out)];
}
function checkBindable(flag, p, facts) {
  const kind = facts.kinds.get(p) ?? "missing";
  if (kind === "missing") throw new InputError(flag, `'${p}' does not exist on this host`);
  if (kind === "other") throw new InputError(flag, `'${p}' is neither a file nor a directory`);
  if (HOST_ONLY.some((d) => within(p, d)))
    throw new InputError(flag, `'${p}' is host state and never mounted`);
  const holds = facts.engineSockets.find((s2) => within(s2, p));
  if (holds) throw new InputError(flag, `'${p}' holds the engine's socket ${holds} and is never mounted`);
}
function planStep(req, ctx, facts) {
  const lakeMode = checkRequest(req, ctx, facts);
  return stepContainer(req, ctx, facts, stepMounts(req, ctx, facts, lakeMode));
}
function checkRequest(req, ctx, facts) {
  const lake = lakeDirOf(ctx);
  const { uid } = ctx.user;
  if (uid === 0) throw new InputError("user", "a step never runs as root");
  if (uid === facts.judgeUid) {
    throw new InputError("user", `the step's uid ${uid} is the judging process's own; it must differ`);
  }
  for (const w of req.writable) {
    if (w !== lake) {
      throw new InputError(
        "--rwx",
        `'${w}': only the project's .lake (${lake}) is writable, and it is a capped volume, never a host directory`
      );
    }
  }
  const lakeMode = req.writable.includes(lake) ? "rw" : req.readOnly.includes(lake) ? "ro" : null;
  for (const p of [...req.readOnly, ...req.executable]) {
    if (p !== lake && within(p, lake)) {
      throw new InputError(
        "--ro",
        `'${p}' is inside .lake, which is the run's volume: only '${lake}' itself is served`
      );
    }
  }
  const projectBound = req.readOnly.includes(ctx.projectDir) || req.executable.includes(ctx.projectDir);
  if (lakeMode && projectBound && facts.lakeOnHost !== "dir") {
    throw new InputError(
      lakeMode === "rw" ? "--rwx" : "--ro",
      facts.lakeOnHost === "symlink" ? `'${lake}' is a symlink on the host; the volume is mounted only on a real directory` : `'${lake}' is not a directory on the host (comparator creates it before the first build)`
    );
  }
  return lakeMode;
}
function stepMounts(req, ctx, facts, lakeMode) {
  const lake = lakeDirOf(ctx);
  const mounts = [];
  for (const p of req.readOnly) {
    if (p === lake) continue;
    checkBindable("--ro", p, facts);
    mounts.push({ type: "bind", source: p, target: p, readOnly: true });
  }
  for (const p of req.executable) {
    checkBindable("--rox", p, facts);
    mounts.push({ type: "bind", source: p, target: p, readOnly: true });
  }
  if (lakeMode)
    mounts.push({ type: "volume", source: ctx.lakeVolume, target: lake, readOnly: lakeMode === "ro" });
  if (req.command.startsWith("/")) {
    const covered = mounts.some((m) => m.type === "bind" && within(req.command, m.target));
    if (!covered) {
      checkBindable("command", req.command, facts);
      if (facts.kinds.get(req.command) !== "file") {
        throw new InputError("command", `'${req.command}' is not a file`);
      }
      mounts.push({ type: "bind", source: req.command, target: req.command, readOnly: true });
    }
  }
  if (!mounts.some((m) => within(facts.cwd, m.target))) {
    throw new InputError("working directory", `'${facts.cwd}' is not one of the paths comparator named`);
  }
  return mounts;
}
function stepContainer(req, ctx, facts, mounts) {
  const { uid, gid } = ctx.user;
  const env = req.env.flatMap((n) => facts.env[n] === void 0 ? [] : [`${n}=${facts.env[n]}`]);
  const labels = runLabels(ctx.runId, new Date(ctx.createdAt));
  const l = ctx.limits;
  return {
    name: `sandbox-action-${ctx.runId}-step-${facts.stepId}`,
    image: ctx.image,
    entrypoint: [req.command],
    cmd: req.args,
    user: `${uid}:${gid}`,
    workingDir: facts.cwd,
    env,
    labels: { ...labels, [LABEL_ROLE]: STEP_ROLE },
    mounts,
    readOnlyRootfs: true,
    capDrop: ["ALL"],
    capAdd: [],
    securityOpt: ["no-new-privileges:true"],
    init: true,
    privileged: false,
    networkMode: "none",
    memoryBytes: l.memoryBytes,
    memorySwapBytes: l.memoryBytes,
    nanoCpus: Math.round(l.cpus * 1e9),
    // Under gVisor the engine's limit counts gVisor's own threads too (see pidsLimitFor in sandbox/plan.ts).
    pidsLimit: ctx.isolation === "runsc" ? Math.max(l.pids * RUNSC_THREADS_PER_PID, RUNSC_MIN_PIDS) : l.pids,
    ulimits: [
      { name: "nofile", soft: l.nofile, hard: l.nofile },
      { name: "fsize", soft: l.fsizeBytes, hard: l.fsizeBytes },
      { name: "core", soft: 0, hard: 0 }
    ],
    ...ctx.isolation === "runsc" ? { runtime: ctx.runtime ?? "runsc" } : {},
    logDriver: { type: "none", config: {} },
    hostname: "sandbox",
    tty: false
  };
}
var import_node_path33, STEP_ROLE, HOST_ONLY, within;
var init_step_plan = __esm({
  "src/comparator/step-plan.ts"() {
    "use strict";
    import_node_path33 = __toESM(require("node:path"), 1);
    init_errors();
    init_plan();
    STEP_ROLE = "comparator-step";
    HOST_ONLY = ["/proc", "/sys", "/dev", "/run", "/var/run"];
    within = (p, dir) => p === dir || p.startsWith(`${dir}/`);
  }
});

// src/comparator/step.ts
async function kindOf(p, follow) {
  const st = await (follow ? import_promises21.default.stat(p) : import_promises21.default.lstat(p)).catch(() => null);
  if (!st) return "missing";
  if (st.isSymbolicLink()) return "symlink";
  return st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
}
function engineSockets(env) {
  const named = [env.DOCKER_HOST, env.CONTAINER_HOST].flatMap(
    (u) => u?.startsWith("unix://") ? [u.slice("unix://".length)] : []
  );
  return [.../* @__PURE__ */ new Set([...named, ...DEFAULT_ENGINE_SOCKETS])];
}
async function runLandrunStep(argv, deps) {
  const req = parseLandrunArgs(argv);
  const ctx = parseContext(deps.env[CONTEXT_ENV]);
  const spec = await planFromHost(req, ctx, deps);
  const engine = await deps.connect();
  if (!engine.info.local) {
    throw new InputError(
      "engine",
      `${engine.info.endpoint} is not on this host: the paths comparator names would be its`
    );
  }
  const aborted = new Promise((_, reject) => {
    const fire = () => reject(new InterruptedError(deps.signal.reason ?? "SIGTERM"));
    if (deps.signal.aborted) fire();
    else deps.signal.addEventListener("abort", fire, { once: true });
  });
  aborted.catch(() => void 0);
  let id = null;
  try {
    id = await engine.createContainer(spec);
    const timedOut = await runAttached(engine, id, ctx, deps, aborted);
    const state = await engine.inspectContainer(id);
    if (timedOut) {
      deps.stderr.write(
        `sandbox-landrun: the step timed out after ${ctx.limits.timeoutMs} ms and was killed
`
      );
      return 124;
    }
    if (state.oomKilled) {
      deps.stderr.write(
        `sandbox-landrun: the step was killed at its memory limit (${ctx.limits.memoryBytes} bytes)
`
      );
      return 137;
    }
    return state.exitCode;
  } finally {
    if (id) await engine.removeContainer(id);
  }
}
async function planFromHost(req, ctx, deps) {
  const kinds = /* @__PURE__ */ new Map();
  await Promise.all(
    hostPaths(req, ctx).map(async (p) => {
      const k = await kindOf(p, true);
      kinds.set(p, k === "symlink" ? "other" : k);
    })
  );
  return planStep(req, ctx, {
    cwd: deps.cwd,
    env: deps.env,
    judgeUid: deps.judgeUid,
    kinds,
    lakeOnHost: await kindOf(lakeDirOf(ctx), false),
    stepId: deps.random(),
    engineSockets: engineSockets(deps.env)
  });
}
async function runAttached(engine, cid, ctx, deps, aborted) {
  let lastErrByte = 10;
  const [attached, watch2] = await Promise.race([
    Promise.all([
      engine.attach(cid, (s2, chunk) => {
        if (s2 === "stdout") deps.stdout.write(chunk);
        else {
          deps.stderr.write(chunk);
          if (chunk.length) lastErrByte = chunk[chunk.length - 1];
        }
      }),
      engine.watchExit(cid)
    ]),
    aborted
  ]);
  if (ctx.fence) deps.stderr.write(fenceLine(ctx.fence, "begin"));
  let timedOut = false;
  let timer;
  try {
    await engine.startContainer(cid);
    const timeout2 = new Promise(
      (r) => timer = setTimeout(() => r("timeout"), ctx.limits.timeoutMs)
    );
    const first = await Promise.race([watch2.exit, timeout2, aborted]);
    if (first === "timeout") {
      timedOut = true;
      await engine.killContainer(cid, "KILL");
      await engine.waitContainer(cid);
    }
    await attached.done;
  } finally {
    clearTimeout(timer);
    attached.close();
    if (ctx.fence) deps.stderr.write(`${lastErrByte === 10 ? "" : "\n"}${fenceLine(ctx.fence, "end")}`);
  }
  return timedOut;
}
var import_promises21, DEFAULT_ENGINE_SOCKETS;
var init_step = __esm({
  "src/comparator/step.ts"() {
    "use strict";
    import_promises21 = __toESM(require("node:fs/promises"), 1);
    init_errors();
    init_context();
    init_landrun_args();
    init_step_plan();
    DEFAULT_ENGINE_SOCKETS = ["/var/run/docker.sock", "/run/docker.sock", "/run/podman/podman.sock"];
  }
});

// src/cli/landrun.ts
var landrun_exports = {};
__export(landrun_exports, {
  landrunCommand: () => landrunCommand
});
async function landrunCommand(argv, io) {
  const ctx = processContext();
  const sig = abortOnSignals();
  const gone = new AbortController();
  const onGone = () => gone.abort("SIGPIPE");
  io.stdout.on("error", onGone);
  io.stderr.on("error", onGone);
  try {
    return await runLandrunStep(argv, {
      connect: () => connect(ctx),
      env: ctx.env,
      cwd: ctx.cwd,
      judgeUid: process.getuid?.() ?? -1,
      stdout: io.stdout,
      stderr: io.stderr,
      signal: AbortSignal.any([sig.signal, gone.signal]),
      random: randomId
    });
  } catch (err) {
    if (err instanceof InterruptedError) {
      io.stderr.write(`sandbox-landrun: interrupted by ${err.signal}; the step's container was removed
`);
      return exitCodeFor("landrun", err);
    }
    io.stderr.write(`sandbox-landrun: ${errorMessage(err)}
`);
    return exitCodeFor("landrun", err);
  } finally {
    sig.dispose();
  }
}
var init_landrun = __esm({
  "src/cli/landrun.ts"() {
    "use strict";
    init_errors();
    init_step();
    init_door();
  }
});

// src/cli/index.ts
init_errors();

// src/cli/main.ts
var import_node_path34 = __toESM(require("node:path"), 1);
init_errors();
init_run_options();

// src/session/warm.ts
var import_promises19 = __toESM(require("node:fs/promises"), 1);
init_errors();

// src/sandbox/execute.ts
var import_node_os = __toESM(require("node:os"), 1);
init_podman();
init_errors();

// src/sandbox/logs.ts
var import_node_crypto = require("node:crypto");
var LogStream = class {
  constructor(out, limitBytes, fenceWorkflowCommands) {
    this.out = out;
    this.limitBytes = limitBytes;
    this.fenceWorkflowCommands = fenceWorkflowCommands;
  }
  out;
  limitBytes;
  fenceWorkflowCommands;
  shown = 0;
  dropped = 0;
  token = null;
  ended = false;
  truncated = false;
  begin() {
    if (!this.fenceWorkflowCommands) return;
    this.token = (0, import_node_crypto.randomBytes)(16).toString("hex");
    this.out.stdout.write(`::stop-commands::${this.token}
`);
  }
  write(stream, chunk) {
    if (this.ended) return;
    const room = this.limitBytes - this.shown;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.shown += part.length;
    (stream === "stderr" && !this.fenceWorkflowCommands ? this.out.stderr : this.out.stdout).write(part);
    if (part.length < chunk.length) {
      this.truncated = true;
      this.dropped += chunk.length - part.length;
      this.out.stderr.write(
        `
[sandbox-action] log cut at ${this.limitBytes} bytes (--log-limit); the build goes on
`
      );
    }
  }
  end() {
    if (this.ended) return { shownBytes: this.shown, droppedBytes: this.dropped };
    this.ended = true;
    if (this.token) {
      this.out.stdout.write(`
::${this.token}::
`);
      this.token = null;
    }
    if (this.dropped > 0)
      this.out.stderr.write(`[sandbox-action] ${this.dropped} log bytes were not shown
`);
    return { shownBytes: this.shown, droppedBytes: this.dropped };
  }
};

// src/sandbox/network.ts
var import_promises = __toESM(require("node:fs/promises"), 1);
var import_semver = __toESM(require_semver2(), 1);
init_errors();
init_config();
init_secret_routes();

// src/egress/image.ts
var import_node_crypto3 = __toESM(require("node:crypto"), 1);
var import_node_fs3 = __toESM(require("node:fs"), 1);
var import_node_path6 = __toESM(require("node:path"), 1);
var import_node_stream3 = require("node:stream");
var import_tar_stream3 = __toESM(require_tar_stream(), 1);
init_errors();
init_install();

// src/egress/host-image.ts
init_errors();
var import_node_child_process = require("node:child_process");
var import_node_crypto2 = __toESM(require("node:crypto"), 1);
var import_node_fs2 = __toESM(require("node:fs"), 1);
var import_node_path5 = __toESM(require("node:path"), 1);
var import_node_stream2 = require("node:stream");
var import_node_util = require("node:util");
var import_tar_stream2 = __toESM(require_tar_stream(), 1);
var run = (0, import_node_util.promisify)(import_node_child_process.execFile);
var HOST_NODE_REPOSITORY = "sandbox-action/egress-proxy";
var NODE_IN_IMAGE = "/usr/local/bin/node";
var BUNDLE_IN_IMAGE = "/opt/egress-proxy/proxy.mjs";
var RECIPE = "host-node-1";
var ENGINE_ARCH = {
  x64: "amd64",
  arm64: "arm64",
  arm: "arm",
  ppc64: "ppc64le",
  s390x: "s390x"
};
function hostNodeUnfit(engineInfo2, platform, arch) {
  if (platform !== "linux") return `this machine runs ${platform}, not Linux`;
  if (engineInfo2.os !== "linux") return `the engine runs ${engineInfo2.os} containers`;
  if (ENGINE_ARCH[arch] !== engineInfo2.arch) return `the engine is ${engineInfo2.arch}, this Node is ${arch}`;
  return null;
}
function hostNodeTag(bundle, nodePath, st, version) {
  const h = import_node_crypto2.default.createHash("sha256");
  for (const part of [RECIPE, bundle, nodePath, String(st.size), String(st.mtimeMs), version]) {
    const b = Buffer.from(part);
    h.update(`${b.length}:`);
    h.update(b);
  }
  return `${HOST_NODE_REPOSITORY}:node-${h.digest("hex").slice(0, 16)}`;
}
function parseLdd(text2) {
  const out = /* @__PURE__ */ new Set();
  for (const line2 of text2.split("\n")) {
    const m = /=>\s+(\/\S+)\s+\(/.exec(line2) ?? /^\s*(\/\S+)\s+\(/.exec(line2);
    if (m) out.add(m[1]);
  }
  return [...out];
}
async function imageFiles(nodePath) {
  let libs = [];
  try {
    libs = parseLdd((await run("ldd", [nodePath])).stdout);
  } catch (err) {
    if (!/not a dynamic executable/.test(String(err.stderr ?? ""))) throw err;
  }
  const libc = libs.find((l) => /\/libc\.so\.6$/.test(l));
  if (libc) {
    const dir = import_node_path5.default.dirname(libc);
    for (const n of ["libnss_dns.so.2", "libnss_files.so.2", "libresolv.so.2"]) {
      if (import_node_fs2.default.existsSync(import_node_path5.default.join(dir, n))) libs.push(import_node_path5.default.join(dir, n));
    }
  }
  return [
    { name: NODE_IN_IMAGE, from: nodePath, mode: 493 },
    ...[...new Set(libs)].map((l) => ({ name: l, from: import_node_fs2.default.realpathSync(l), mode: 493 }))
  ];
}
function rootTar(files, bundle) {
  const pack = import_tar_stream2.default.pack();
  const base = { uid: 0, gid: 0, mtime: /* @__PURE__ */ new Date(0) };
  const dirs = /* @__PURE__ */ new Set(["etc", "tmp"]);
  for (const f of [...files.map((x) => x.name), BUNDLE_IN_IMAGE]) {
    for (let d = import_node_path5.default.posix.dirname(f); d !== "/"; d = import_node_path5.default.posix.dirname(d)) dirs.add(d.slice(1));
  }
  (async () => {
    for (const d of [...dirs].sort()) {
      pack.entry({ ...base, name: `${d}/`, type: "directory", mode: d === "tmp" ? 1023 : 493 });
    }
    for (const f of ["etc/resolv.conf", "etc/hosts", "etc/hostname"])
      pack.entry({ ...base, name: f, mode: 420 }, "");
    pack.entry({ ...base, name: "etc/nsswitch.conf", mode: 420 }, "hosts: files dns\n");
    pack.entry({ ...base, name: BUNDLE_IN_IMAGE.slice(1), mode: 420 }, bundle);
    for (const f of files) {
      const st = import_node_fs2.default.statSync(f.from);
      await new Promise((resolve, reject) => {
        const e = pack.entry(
          { ...base, name: f.name.slice(1), mode: f.mode, size: st.size },
          (err) => err ? reject(err) : resolve()
        );
        import_node_fs2.default.createReadStream(f.from).on("error", reject).pipe(e);
      });
    }
    pack.finalize();
  })().catch((err) => pack.destroy(asError(err)));
  return import_node_stream2.Readable.from(pack);
}
function importChanges() {
  return [
    "USER 65532:65532",
    "WORKDIR /",
    `ENV PATH=${import_node_path5.default.posix.dirname(NODE_IN_IMAGE)}:/usr/bin:/bin`,
    `ENTRYPOINT ["${NODE_IN_IMAGE}", "${BUNDLE_IN_IMAGE}"]`,
    'LABEL org.opencontainers.image.title="sandbox-action egress-proxy (host Node)"'
  ];
}
async function ensureHostNodeImage(engine, bundle, notice, nodePath = process.execPath) {
  const unfit = hostNodeUnfit(engine.info, process.platform, process.arch);
  if (unfit) return { unfit };
  const real = import_node_fs2.default.realpathSync(nodePath);
  const ref = hostNodeTag(bundle, real, import_node_fs2.default.statSync(real), process.version);
  if (await engine.imageInspect(ref)) return { ref };
  notice(
    `making the egress proxy image ${ref} from this machine's Node ${process.version} (once per engine)`
  );
  await engine.imageImport(rootTar(await imageFiles(real), bundle), ref, importChanges());
  return { ref };
}

// src/egress/image.ts
var PROXY_REPOSITORY = "sandbox-action/egress-proxy";
var DEFAULT_PROXY_BASE = "debian:bookworm-slim";
function findProxySources(root = installRoot()) {
  const df = root && import_node_path6.default.join(root, "images", "egress-proxy", "Dockerfile");
  const js = root && import_node_path6.default.join(root, "dist", "egress-proxy.js");
  if (df && js && import_node_fs3.default.existsSync(df) && import_node_fs3.default.existsSync(js)) {
    return { dockerfile: import_node_fs3.default.readFileSync(df), bundle: import_node_fs3.default.readFileSync(js) };
  }
  throw new InputError(
    "--proxy-image",
    "this installation has no proxy sources (images/egress-proxy and dist/egress-proxy.js); name a published image with --proxy-image"
  );
}
function proxyTag(src, baseImage) {
  const h = import_node_crypto3.default.createHash("sha256");
  for (const part of [src.dockerfile, src.bundle, Buffer.from(baseImage)]) {
    h.update(String(part.length));
    h.update(":");
    h.update(part);
  }
  return `${PROXY_REPOSITORY}:src-${h.digest("hex").slice(0, 16)}`;
}
function contextTar(src) {
  const pack = import_tar_stream3.default.pack();
  const opts = { mode: 420, uid: 0, gid: 0, mtime: /* @__PURE__ */ new Date(0) };
  pack.entry({ name: "Dockerfile", ...opts }, src.dockerfile);
  pack.entry({ name: "egress-proxy.js", ...opts }, src.bundle);
  pack.finalize();
  return import_node_stream3.Readable.from(pack);
}
async function ensureProxyImage(engine, egress, pull, notice) {
  if (egress.proxyImage) {
    const ref = egress.proxyImage;
    if (pull !== "always" && await engine.imageInspect(ref)) return ref;
    if (pull === "never") {
      throw new InputError("--proxy-image", `'${ref}' is not on this engine and --pull is never`);
    }
    notice(`pulling the egress proxy image ${ref}`);
    try {
      await engine.imagePull(ref);
    } catch (err) {
      throw new InputError("--proxy-image", `'${ref}' could not be pulled: ${errorMessage(err)}`);
    }
    return ref;
  }
  const src = findProxySources();
  if (egress.proxyBaseImage === null) {
    try {
      const made = await ensureHostNodeImage(engine, src.bundle, notice);
      if ("ref" in made) return made.ref;
      notice(
        `the egress proxy image cannot be made from this machine's Node (${made.unfit}); building it instead`
      );
    } catch (err) {
      notice(
        `the egress proxy image could not be made from this machine's Node (${errorMessage(err)}); building it instead`
      );
    }
  }
  const baseImage = egress.proxyBaseImage ?? DEFAULT_PROXY_BASE;
  const tag = proxyTag(src, baseImage);
  if (await engine.imageInspect(tag)) return tag;
  notice(`building the egress proxy image ${tag} from ${baseImage} (once per engine and version)`);
  try {
    await engine.imageBuild(contextTar(src), {
      tags: [tag],
      buildArgs: { BASE_IMAGE: baseImage },
      labels: { "sandbox-action.proxy-sources": tag.split(":")[1] }
    });
  } catch (err) {
    throw new InputError(
      "--proxy-image",
      `the proxy image could not be built from ${baseImage}: ${errorMessage(err)}; pass --proxy-base-image or --proxy-image`
    );
  }
  return tag;
}

// src/egress/ledger.ts
var import_node_net2 = __toESM(require("node:net"), 1);
var MAX_HOSTS = 500;
var MAX_REFUSALS = 500;
var Ledger = class {
  constructor(mode, allowlist, proxyImage = "", transparent = false) {
    this.mode = mode;
    this.allowlist = allowlist;
    this.proxyImage = proxyImage;
    this.transparent = transparent;
  }
  mode;
  allowlist;
  proxyImage;
  transparent;
  hosts = /* @__PURE__ */ new Map();
  refusals = /* @__PURE__ */ new Map();
  refusedTotal = 0;
  up = 0;
  down = 0;
  truncated = false;
  proxyExit = null;
  /** One line of the proxy's output; lines that are not decisions are ignored. */
  addLine(line2) {
    let r;
    try {
      r = JSON.parse(line2);
    } catch {
      return null;
    }
    if (!isDecision(r)) return null;
    this.add(r);
    return r;
  }
  add(r) {
    this.up += r.bytesUp;
    this.down += r.bytesDown;
    if (r.decision === "allow") {
      let h = this.hosts.get(r.host);
      if (!h) {
        if (this.hosts.size >= MAX_HOSTS) {
          this.truncated = true;
          return;
        }
        h = { host: r.host, ports: [], connections: 0, bytesUp: 0, bytesDown: 0, errors: 0 };
        this.hosts.set(r.host, h);
      }
      h.connections++;
      h.bytesUp += r.bytesUp;
      h.bytesDown += r.bytesDown;
      if (r.error) h.errors++;
      if (!h.ports.includes(r.port)) h.ports.push(r.port);
      return;
    }
    this.refusedTotal++;
    const key = `${r.host}\0${r.port}\0${r.reason}`;
    const f = this.refusals.get(key);
    if (f) f.count++;
    else if (this.refusals.size < MAX_REFUSALS) {
      this.refusals.set(key, {
        host: r.host,
        port: r.port,
        reason: r.reason,
        detail: r.detail ?? "",
        count: 1
      });
    } else this.truncated = true;
  }
  report() {
    const allowed = [...this.hosts.values()].sort((a, b) => a.host.localeCompare(b.host));
    let suggested = null;
    if (this.mode === "audit") {
      const domains = allowed.filter((h) => h.errors < h.connections && import_node_net2.default.isIP(h.host) === 0).map((h) => h.host);
      suggested = {
        domains,
        cli: domains.map((d) => `--allow-domain ${d}`).join(" "),
        actionInput: `allow-domains: ${domains.join(",")}`
      };
    }
    return {
      network: "proxy",
      mode: this.mode,
      transparent: this.transparent,
      proxyImage: this.proxyImage,
      allowlist: this.allowlist,
      allowed,
      refused: [...this.refusals.values()].sort((a, b) => b.count - a.count || a.host.localeCompare(b.host)),
      refusedTotal: this.refusedTotal,
      bytesUp: this.up,
      bytesDown: this.down,
      truncated: this.truncated,
      suggested,
      proxyExit: this.proxyExit
    };
  }
};
function isDecision(r) {
  if (typeof r !== "object" || r === null) return false;
  const o = r;
  return (o.decision === "allow" || o.decision === "deny") && typeof o.host === "string" && typeof o.port === "number" && typeof o.reason === "string" && typeof o.bytesUp === "number" && typeof o.bytesDown === "number";
}

// src/sandbox/network.ts
init_host_guard();
init_egress_network();
init_plan();

// src/sandbox/proxy-process.ts
init_errors();
init_http();
var PROXY_START_TIMEOUT_MS = 3e4;
var PROXY_STOP_GRACE_MS = 5e3;
async function startProxy(engine, spec, internalId, ledger, deps) {
  const id = await engine.createContainer(spec);
  deps.addCleanup("remove the proxy", () => engine.removeContainer(id));
  await engine.connectNetwork(internalId, id);
  const out = await attachProxyOutput(engine, id, ledger);
  const attached = out.attached;
  deps.addCleanup("detach the proxy", async () => attached.close());
  const watch2 = await engine.watchExit(id);
  deps.addCleanup("stop watching the proxy", async () => watch2.cancel());
  await engine.startContainer(id);
  const address = await listeningAddress(engine, out, watch2.exit);
  let stopping = false;
  void watch2.exit.then(
    (code) => {
      if (!stopping) {
        ledger.proxyExit = `the proxy exited with ${code} while the build ran; from then on the build had no egress`;
      }
    },
    () => void 0
    // the wait was cancelled (a session outlives this process)
  );
  return {
    id,
    address,
    async stop() {
      stopping = true;
      try {
        await engine.killContainer(id, "TERM");
        let t;
        const done = await Promise.race([
          watch2.exit.then(() => true),
          new Promise((r) => t = setTimeout(() => r(false), PROXY_STOP_GRACE_MS))
        ]).finally(() => clearTimeout(t));
        if (!done) await engine.killContainer(id, "KILL");
        await Promise.race([attached.done, new Promise((r) => setTimeout(r, 2e3).unref())]);
        const last = out.rest();
        if (last) ledger.addLine(last);
      } catch (err) {
        deps.notes.push(`stopping the proxy: ${errorMessage(err)}`);
      }
    }
  };
}
async function attachProxyOutput(engine, id, ledger) {
  const stdout = new LineBuffer(1024 * 1024);
  let stderr = "";
  let listening = null;
  const ready = new Promise((r) => listening = r);
  const attached = await engine.attach(id, (stream, chunk) => {
    if (stream === "stderr") {
      if (stderr.length < 4096) stderr += chunk.toString("utf8");
      return;
    }
    for (const line2 of stdout.push(chunk.toString("utf8"))) {
      if (line2.startsWith('{"event":"listening"')) {
        try {
          listening?.(JSON.parse(line2).address);
        } catch {
        }
        continue;
      }
      ledger.addLine(line2);
    }
  });
  return { attached, ready, stderr: () => stderr, rest: () => stdout.rest() };
}
async function listeningAddress(engine, out, exit) {
  let timer;
  return Promise.race([
    out.ready,
    exit.then((code) => {
      throw new EngineError(
        engine.info.name,
        "start the egress proxy",
        `it exited with ${code}: ${out.stderr().trim().slice(0, 500) || "no message"}`
      );
    }),
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(
          new EngineError(engine.info.name, "start the egress proxy", "it did not listen within 30 s")
        ),
        PROXY_START_TIMEOUT_MS
      );
    })
  ]).finally(() => clearTimeout(timer));
}

// src/sandbox/network.ts
var DNS_PROBE_NAME = "github.com";
var NONE = {
  network: { mode: "none", env: [], dns: [] },
  ledger: null,
  proxyContainer: null,
  gateways: [],
  stop: async () => void 0
};
function engineAffectedByDnsCve(name, version) {
  if (name !== "docker") return false;
  const v = import_semver.default.coerce(version);
  if (!v) return true;
  if (v.major >= 26) return false;
  if (v.major === 25) return import_semver.default.lt(v, "25.0.4");
  if (v.major === 23) return import_semver.default.lt(v, "23.0.11");
  return true;
}
function resolverOnLoopback(resolvConf) {
  if (resolvConf === null) return null;
  const servers = [...resolvConf.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1]);
  if (servers.length === 0) return true;
  return servers.some((s2) => s2.startsWith("127.") || s2 === "::1");
}
function needsDnsProbe(engineName, version, loopback) {
  return engineAffectedByDnsCve(engineName, version) && loopback !== false;
}
async function hostResolvConf() {
  const main2 = await import_promises.default.readFile("/etc/resolv.conf", "utf8").catch(() => null);
  if (main2 && /nameserver\s+127\.0\.0\.53/.test(main2)) {
    const real = await import_promises.default.readFile("/run/systemd/resolve/resolv.conf", "utf8").catch(() => null);
    return real ?? main2;
  }
  return main2;
}
function proxyContainer(labels, runId, image, egressNetwork, config) {
  const memory = 256 * 1024 * 1024;
  return {
    // Transparent mode listens on 53, 80 and 443 as uid 65532 without capabilities: the low ports are opened
    // in the proxy's own network namespace (Docker's default already; said here so it never depends on it).
    ...config.transparent ? { sysctls: { "net.ipv4.ip_unprivileged_port_start": "0" } } : {},
    name: `sandbox-action-${runId}-proxy`,
    image,
    cmd: [],
    user: "65532:65532",
    workingDir: "/",
    env: [`${CONFIG_ENV}=${JSON.stringify(config)}`],
    labels: { ...labels, [LABEL_ROLE]: "proxy" },
    mounts: [],
    readOnlyRootfs: true,
    capDrop: ["ALL"],
    capAdd: [],
    securityOpt: ["no-new-privileges:true"],
    init: true,
    privileged: false,
    networkMode: egressNetwork,
    memoryBytes: memory,
    memorySwapBytes: memory,
    nanoCpus: 1e9,
    pidsLimit: 64,
    ulimits: [{ name: "nofile", soft: 16384, hard: 16384 }, NPROC_ULIMIT, { name: "core", soft: 0, hard: 0 }],
    logDriver: { type: "none", config: {} },
    hostname: "egress-proxy",
    tty: false
  };
}
async function setupNetwork(spec, deps) {
  if (spec.network === "none") return NONE;
  if (spec.network === "open") return openNetwork(deps);
  const egress = spec.egress;
  const { engine, labels, runId } = deps;
  const routes = await loadRoutes(egress, deps.env ?? {});
  const { image, internalId, internalName, egressNetwork } = await makeNetworks(spec, egress, deps);
  const internal = await engine.inspectNetwork(internalId);
  const subnet = internal?.subnets[0];
  if (!subnet)
    throw new EngineError(engine.info.name, "create network", "the internal network has no IPv4 subnet");
  const config = proxyConfigText(egress, subnet, routes);
  const ledger = new Ledger(egress.mode, egress.domains, image, egress.transparent);
  const proxy = await startProxy(
    engine,
    withoutIpv6(engine, proxyContainer(labels, runId, image, egressNetwork, config)),
    internalId,
    ledger,
    deps
  );
  const address = proxy.address;
  const network = {
    mode: internalName,
    env: [
      ...proxyEnv(address, PROXY_DEFAULTS.port),
      ...routeEnv(egress.routes, address, PROXY_DEFAULTS.port)
    ],
    dns: [address]
  };
  await checkDnsLeak(engine, deps, image, network, address);
  return {
    network,
    ledger,
    proxyContainer: proxy.id,
    gateways: internal?.gateways ?? [],
    stop: proxy.stop
  };
}
async function dnsProbe(engine, labels, runId, proxyImage, network, name = DNS_PROBE_NAME, own = []) {
  const spec = proxyContainer(labels, runId, proxyImage, network.mode, {});
  const id = await engine.createContainer({
    ...spec,
    name: `sandbox-action-${runId}-dnsprobe`,
    labels: { ...labels, [LABEL_ROLE]: "dns-probe" },
    entrypoint: ["node", "-e"],
    cmd: [
      `const own = ${JSON.stringify(own)}; require('dns').lookup(${JSON.stringify(name)}, { all: true }, (e, a) => process.exit(!e && a.some((x) => !own.includes(x.address)) ? 0 : 1)); setTimeout(() => process.exit(1), 8000);`
    ],
    env: [],
    dns: network.dns
  });
  try {
    const watch2 = await engine.watchExit(id);
    await engine.startContainer(id);
    return await watch2.exit === 0;
  } finally {
    await engine.removeContainer(id);
  }
}
async function checkDnsLeak(engine, deps, image, network, address) {
  const resolv = await (deps.readResolvConf ?? (engine.info.local ? hostResolvConf : async () => null))();
  if (!needsDnsProbe(engine.info.name, engine.info.version, resolverOnLoopback(resolv))) return;
  const answered = await dnsProbe(engine, deps.labels, deps.runId, image, network, DNS_PROBE_NAME, [address]);
  if (answered) {
    throw new InputError(
      "--network",
      `proxy: ${engine.info.name} ${engine.info.version} forwards DNS out of internal networks (CVE-2024-29018; a probe on the internal network resolved ${DNS_PROBE_NAME}); upgrade the engine to 26.0.0, 25.0.4 or 23.0.11 or later`
    );
  }
  deps.notes.push(
    `${engine.info.name} ${engine.info.version} is in the CVE-2024-29018 range; a start-up probe showed the internal network resolves no external name`
  );
}
async function loadRoutes(egress, env) {
  const secrets = routeSecrets(egress.routes, env);
  const routes = [];
  for (const r of egress.routes) {
    let ca = null;
    if (r.caFile) {
      ca = await import_promises.default.readFile(r.caFile, "utf8").catch(() => {
        throw new InputError("--secret-route", `'${r.name}': ca=${r.caFile} cannot be read`);
      });
    }
    routes.push({ name: r.name, host: r.host, port: r.port, header: r.header, value: secrets[r.name], ca });
  }
  return routes;
}
async function namedEgressNetwork(engine, name) {
  const n = await engine.inspectNetwork(name);
  if (!n) throw new InputError("--egress-network", `'${name}' is not a network of this engine`);
  if (n.internal) {
    throw new InputError("--egress-network", `'${name}' is internal: the proxy could reach nothing`);
  }
  return n.name;
}
function openNetwork(deps) {
  deps.notice("WARNING: --network open: the build has unrestricted network access (no proxy, no allowlist)");
  deps.notes.push("the run had OPEN network access (--network open): nothing restricted where it connected");
  return { ...NONE, network: { mode: "bridge", env: [], dns: [] } };
}
function proxyConfigText(egress, subnet, routes) {
  return {
    mode: egress.mode,
    domains: egress.domains,
    ports: egress.ports,
    allowCidrs: egress.allowCidrs,
    hosts: egress.hosts,
    dnsServers: egress.dnsServers,
    listenSubnet: subnet,
    transparent: egress.transparent,
    ...PROXY_DEFAULTS,
    maxTotalBytes: egress.maxBytes,
    ...routes.length ? { routes } : {}
  };
}
async function removeNetworks(engine, ids) {
  const failed2 = (await Promise.allSettled(ids.map((id) => engine.removeNetwork(id)))).flatMap(
    (r) => r.status === "rejected" ? [r.reason] : []
  );
  if (failed2.length) throw failed2[0];
}
async function makeNetworks(spec, egress, deps) {
  const { engine, labels, runId } = deps;
  const named = egress.egressNetwork ? await namedEgressNetwork(engine, egress.egressNetwork) : null;
  const internalName = `sandbox-action-${runId}-int`;
  const madeIds = [];
  const runNetwork = async (n) => {
    const id = await engine.createNetwork(n);
    madeIds.push(id);
    return id;
  };
  const made = await Promise.allSettled([
    ensureProxyImage(engine, egress, spec.image.pull, deps.notice),
    runNetwork(internalNetworkSpec(internalName, labels)),
    named ? Promise.resolve(null) : egressNetworkFor(engine, runId, runNetwork, labels)
  ]);
  const [imageMade, internalMade, egressMade] = made;
  if (madeIds.length) deps.addCleanup("remove the proxy's networks", () => removeNetworks(engine, madeIds));
  const failed2 = made.find((m) => m.status === "rejected");
  if (failed2) throw failed2.reason;
  const image = imageMade.value;
  const out = egressMade.value;
  if (out?.note) deps.notes.push(out.note);
  if (out && !await guardEgress(engine, deps, out)) deps.notes.push(HOST_GUARD_NOTE);
  return {
    image,
    internalId: internalMade.value,
    internalName,
    egressNetwork: named ?? out.join
  };
}
function internalNetworkSpec(name, labels) {
  return {
    name,
    internal: true,
    enableIPv6: false,
    // No host address on the bridge: without it a sandbox reaches every host service on 0.0.0.0 via the gateway.
    options: { "com.docker.network.bridge.inhibit_ipv4": "true" },
    labels: { ...labels, [LABEL_ROLE]: "internal" }
  };
}

// src/sandbox/execute.ts
init_plan();

// src/sandbox/result.ts
init_errors();
init_run_options();
init_collect();
init_schema();

// src/verdict/status.ts
function decideStatus(e) {
  if (e.timedOut) return { status: "timed-out", exitCode: 124 };
  if (e.oomKilled) return { status: "oom-killed", exitCode: 137 };
  if (e.verdictPassed) return { status: "succeeded", exitCode: 0 };
  const own = e.commandExitCode;
  return { status: "failed", exitCode: own !== null && own !== 0 && own !== 125 ? own : 1 };
}

// src/sandbox/result.ts
function assembleResult(ctx, x, failure = null) {
  const { spec, deps } = ctx;
  const c = x.plan?.container ?? null;
  const verdict = x.verdict ?? { passed: false, judges: [] };
  const exit = x.exit;
  const { status, exitCode, error } = outcome(x, verdict, failure);
  const startedAt = exit?.startedAt ?? 0;
  const endedAt = exit?.endedAt ?? startedAt;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    runId: ctx.runId,
    status,
    exitCode,
    commandExitCode: exit?.commandExitCode ?? null,
    durationMs: endedAt - startedAt,
    subject: spec.verdict.subject,
    image: { ref: spec.image.ref, id: x.imageId },
    engine: {
      name: deps.engine.info.name,
      version: deps.engine.info.version,
      runtime: c?.runtime ?? "default"
    },
    user: c?.user ?? "",
    network: spec.network,
    egress: x.net?.ledger?.report() ?? null,
    limits: c ? limitsOf(spec, c) : null,
    volumes: x.volumes.map((v) => ({
      mount: v.mount,
      sizeBytes: v.sizeBytes,
      backend: v.backend,
      enforced: v.enforced,
      reserved: v.reserved
    })),
    loosened: loosenedBy(spec),
    notes: ctx.notes,
    sandbox: ctx.sandboxCheck,
    outputs: x.collected?.outputs ?? emptyOutputs(spec.io.outputDir),
    state: x.collected?.state ?? null,
    verdict,
    annotations: x.collected?.annotations ?? [],
    annotationsDropped: x.collected?.annotationsDropped ?? 0,
    audit: x.collected?.audit?.report ?? null,
    timings: {
      prepareMs: startedAt ? startedAt - ctx.t0 : Date.now() - ctx.t0,
      commandMs: endedAt - startedAt,
      collectMs: x.collected?.collectMs ?? 0,
      cleanupMs: x.cleanupMs
    },
    logTruncated: (exit?.log.droppedBytes ?? 0) > 0,
    logBytes: { shown: exit?.log.shownBytes ?? 0, dropped: exit?.log.droppedBytes ?? 0 },
    error,
    ...x.setup ? { setup: x.setup } : {}
  };
}
function outcome(x, verdict, failure) {
  if (failure !== null) {
    return {
      status: "error",
      exitCode: exitCodeFor("mirror", failure),
      error: errorKind(failure) === "internal" ? `internal error in sandbox-action: ${errorMessage(failure)}` : errorMessage(failure)
    };
  }
  const exit = x.exit;
  const d = decideStatus({
    timedOut: exit.timedOut,
    oomKilled: exit.oomKilled,
    commandExitCode: exit.commandExitCode,
    verdictPassed: verdict.passed
  });
  return { ...d, error: null };
}
function limitsOf(spec, c) {
  return {
    timeoutMs: spec.limits.timeoutMs,
    memoryBytes: c.memoryBytes,
    memorySwapBytes: c.memorySwapBytes,
    cpus: c.nanoCpus / 1e9,
    pids: c.pidsLimit,
    nofile: spec.limits.nofile,
    fsizeBytes: spec.limits.fsizeBytes,
    tmpSizeBytes: spec.limits.tmpSizeBytes,
    readOnlyRoot: c.readOnlyRootfs,
    capabilities: c.capAdd,
    noNewPrivileges: c.securityOpt.includes("no-new-privileges:true")
  };
}

// src/sandbox/execute.ts
init_run_context();
init_collect2();

// src/verdict/judges.ts
init_junit();

// src/verdict/expected.ts
var import_node_fs8 = __toESM(require("node:fs"), 1);
var import_node_path10 = __toESM(require("node:path"), 1);
var import_node_util2 = require("node:util");
init_errors();
var EXPECT_MAX_FILES = 1e3;
var EXPECT_MAX_BYTES = 16 * 1024 * 1024;
var SHOWN = 120;
function loadExpected(dir) {
  const st = import_node_fs8.default.lstatSync(dir, { throwIfNoEntry: false });
  if (!st?.isDirectory()) throw new InputError("--expect", `'${dir}' is not a directory`);
  const out = [];
  const walk = (rel) => {
    for (const name of import_node_fs8.default.readdirSync(import_node_path10.default.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const s2 = import_node_fs8.default.lstatSync(import_node_path10.default.join(dir, r));
      if (s2.isDirectory()) walk(r);
      else if (s2.isFile()) {
        if (s2.size > EXPECT_MAX_BYTES)
          throw new InputError("--expect", `'${r}' is ${s2.size} bytes, above ${EXPECT_MAX_BYTES}`);
        out.push({ path: r, hostPath: import_node_path10.default.join(dir, r), mode: r.endsWith(".json") ? "json" : "exact" });
      } else throw new InputError("--expect", `'${r}' is not a regular file or directory`);
      if (out.length > EXPECT_MAX_FILES)
        throw new InputError("--expect", `more than ${EXPECT_MAX_FILES} expected files`);
    }
  };
  walk("");
  if (out.length === 0) throw new InputError("--expect", `'${dir}' holds no file to compare with`);
  return out;
}
function expectedRepoPath(expectDir, sourceDir) {
  const abs = import_node_path10.default.resolve(expectDir);
  if (sourceDir) {
    const src = import_node_path10.default.resolve(sourceDir);
    if (abs === src || abs.startsWith(src + import_node_path10.default.sep)) {
      throw new InputError(
        "--expect",
        `'${expectDir}' is inside --source: the sandbox would read the expected files; keep them outside it`
      );
    }
  }
  for (let dir = import_node_path10.default.dirname(abs); ; dir = import_node_path10.default.dirname(dir)) {
    if (import_node_fs8.default.lstatSync(import_node_path10.default.join(dir, ".git"), { throwIfNoEntry: false }))
      return import_node_path10.default.relative(dir, abs).split(import_node_path10.default.sep).join("/");
    if (import_node_path10.default.dirname(dir) === dir) return null;
  }
}
var show = (s2) => JSON.stringify(s2.length > SHOWN ? `${s2.slice(0, SHOWN)}…` : s2);
function diffExact(expected, actual) {
  if (expected.equals(actual)) return null;
  const dec = new TextDecoder("utf-8", { fatal: true });
  let a;
  let b;
  try {
    a = dec.decode(expected);
    b = dec.decode(actual);
  } catch {
    let i = 0;
    while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
    return {
      detail: `binary contents differ from byte ${i} (expected ${expected.length} bytes, got ${actual.length})`
    };
  }
  const lines = (t) => (t.endsWith("\n") ? t.slice(0, -1) : t).split("\n");
  const la = lines(a);
  const lb = lines(b);
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] === lb[i]) continue;
    const line2 = i + 1;
    if (la[i] === void 0) return { line: line2, detail: `line ${line2}: unexpected extra line ${show(lb[i])}` };
    if (lb[i] === void 0) return { line: line2, detail: `line ${line2}: missing, expected ${show(la[i])}` };
    return { line: line2, detail: `line ${line2}: expected ${show(la[i])}, got ${show(lb[i])}` };
  }
  return {
    detail: a.endsWith("\n") ? "the output has no final newline" : "the output has a final newline the expected file has not"
  };
}
function diffJson(expected, actual, at = "$") {
  if ((0, import_node_util2.isDeepStrictEqual)(expected, actual)) return null;
  const kind = (v) => Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
  if (kind(expected) !== kind(actual) || typeof expected !== "object" || expected === null) {
    return `${at}: expected ${show(JSON.stringify(expected) ?? "undefined")}, got ${show(JSON.stringify(actual) ?? "undefined")}`;
  }
  if (Array.isArray(expected)) {
    const b = actual;
    if (expected.length !== b.length) return `${at}: expected ${expected.length} items, got ${b.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = diffJson(expected[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ea = expected;
  const ab = actual;
  for (const k of Object.keys(ea)) {
    if (!(k in ab)) return `${at}.${k}: missing`;
    const d = diffJson(ea[k], ab[k], `${at}.${k}`);
    if (d) return d;
  }
  const extra = Object.keys(ab).find((k) => !(k in ea));
  return extra === void 0 ? null : `${at}.${extra}: not expected`;
}
async function compareExpected(files, readActual) {
  const out = [];
  for (const f of files) {
    const expected = import_node_fs8.default.readFileSync(f.hostPath);
    const actual = await readActual(f.path, EXPECT_MAX_BYTES);
    if (!actual) {
      out.push({ path: f.path, match: false, detail: `declared output missing: ${f.path}` });
      continue;
    }
    if (f.mode === "json") {
      let want;
      let got;
      try {
        want = JSON.parse(expected.toString("utf8"));
      } catch {
        throw new InputError(
          "--expect",
          `'${f.path}' is not JSON (expected .json files are compared as JSON)`
        );
      }
      try {
        got = JSON.parse(actual.toString("utf8"));
      } catch {
        out.push({ path: f.path, match: false, detail: `${f.path} is not JSON` });
        continue;
      }
      const d = diffJson(want, got);
      out.push({ path: f.path, match: d === null, detail: d ?? "equal as JSON" });
    } else {
      const d = diffExact(expected, actual);
      out.push({
        path: f.path,
        match: d === null,
        detail: d?.detail ?? "identical",
        ...d?.line !== void 0 ? { line: d.line } : {}
      });
    }
  }
  return out;
}

// src/verdict/judges.ts
init_schema();
var outcome2 = (o) => ({
  facts: {},
  annotations: [],
  ...o
});
function judgeExitCode(e) {
  const summary = e.timedOut ? "the command ran past its timeout and was killed" : e.oomKilled ? "the command was killed for exceeding its memory limit" : e.commandExitCode === null ? "the command did not run to an exit" : `the command exited ${e.commandExitCode}`;
  return outcome2({
    judge: "exit-code",
    passed: !e.timedOut && !e.oomKilled && e.commandExitCode === 0,
    advisory: false,
    summary
  });
}
function judgeDeclared(declared) {
  if (declared.length === 0) return null;
  const bad = declared.filter((d) => d.status !== "collected");
  return outcome2({
    judge: "declared-outputs",
    passed: bad.length === 0,
    advisory: false,
    summary: bad.length ? bad.map((d) => `declared output ${d.status === "missing" ? "missing" : d.status}: ${d.path}`).join("; ") : `all ${declared.length} declared output(s) collected`,
    facts: Object.fromEntries(declared.map((d) => [`output-${d.path.replace(/[^\w-]/g, "_")}`, d.status]))
  });
}
var JUNIT_CAP = 16 * 1024 * 1024;
async function judgeJunit(e, cfg, root) {
  const facts = { tests: cfg.trustedTests ? "trusted (from the trusted side)" : "the source's own" };
  const advisory = !cfg.trustedTests;
  const bytes = await e.readCollected(cfg.file, JUNIT_CAP);
  if (!bytes) {
    return outcome2({
      judge: "junit",
      passed: false,
      advisory,
      summary: `declared output missing: ${cfg.file} (the test run wrote no JUnit report)`,
      facts
    });
  }
  const r = parseJunitReport(bytes.toString("utf8"), { root });
  if (!r.valid) {
    return outcome2({
      judge: "junit",
      passed: false,
      advisory: false,
      summary: `${cfg.file} is not JUnit XML`,
      facts
    });
  }
  const { tests, failures, errors, skipped } = r.counts;
  const passed = tests > 0 && failures === 0 && errors === 0 && skipped === 0;
  return outcome2({
    judge: "junit",
    passed,
    advisory,
    summary: tests === 0 ? `${cfg.file} reports no test` : `${tests} tests: ${failures} failed, ${errors} errors, ${skipped} skipped${skipped ? " (a skipped test fails the judge)" : ""}`,
    facts: {
      ...facts,
      tests_run: String(tests),
      failures: String(failures),
      errors: String(errors),
      skipped: String(skipped)
    },
    annotations: r.annotations
  });
}
async function judgeExpectedOutputs(e, cfg) {
  const results = await compareExpected(cfg.files, (rel, cap) => e.readCollected(rel, cap));
  const bad = results.filter((r) => !r.match);
  const annotations = bad.map((r) => ({
    path: r.path,
    startLine: r.line ?? 1,
    endLine: r.line ?? 1,
    level: "failure",
    title: "judge expected-output: mismatch",
    message: r.detail
  }));
  return outcome2({
    judge: "expected-output",
    passed: results.length > 0 && bad.length === 0,
    advisory: false,
    summary: bad.length ? `${bad.length} of ${results.length} output(s) differ from the expected: ${bad.map((r) => r.path).join(", ")}` : `all ${results.length} output(s) match the expected files`,
    annotations
  });
}
function judgeLeanAudit(audit, annotations) {
  const bad = audit.targets.filter((t) => t.status !== "ok");
  return outcome2({
    judge: "lean-audit",
    passed: audit.ok,
    advisory: true,
    summary: audit.ok ? `${audit.targets.length} target(s): only allowed axioms` : [
      ...bad.map((t) => `${t.target}: ${t.status}`),
      ...audit.protectedChanges.map((c) => `${c.path} ${c.name}: ${c.detail}`)
    ].join("; ").slice(0, 4e3),
    annotations
  });
}
function judgeChallenge(l) {
  return outcome2({
    judge: "challenge",
    passed: l.trusted && l.changed.length === 0,
    advisory: !l.trusted,
    summary: !l.trusted ? "the challenge is the source's own (no --challenge): nothing ties it to the base branch" : l.changed.length ? `the pull request changes ${l.changed.join(", ")}, which the base branch owns; they were judged as the base branch has them` : `the challenge (${l.files.length} files: ${l.files.slice(0, 6).join(", ")}${l.files.length > 6 ? ", …" : ""}) is the base branch's`,
    facts: { trusted_files: l.files.join(" ").slice(0, 4e3) },
    annotations: l.changed.map((path34) => ({
      path: path34,
      startLine: 1,
      endLine: 1,
      level: "failure",
      title: "judge challenge: a trusted file changed",
      message: `${path34} belongs to the challenge (the base branch's); the pull request may not change it.`
    }))
  });
}
function judgeComparator(l, o) {
  const challengeFile = `${l.config.challenge_module.split(".").join("/")}.lean`;
  const passed = o !== null && !o.timedOut && o.exitCode === 0 && o.okLine && o.uncaught.length === 0;
  const theorems = l.config.theorem_names.join(", ");
  const summary = o === null ? "comparator did not run (the build ran out of time)" : o.timedOut ? "comparator ran past its time limit and was stopped" : passed ? `comparator accepted ${theorems}: same statements as the challenge, permitted axioms only, replayed by the kernel` : `comparator rejected ${theorems}: ${o.uncaught[0]?.split("\n")[0]?.slice(0, 300) ?? `exit ${o.exitCode}${o.okLine ? "" : ", no ok line"}`}`;
  return outcome2({
    judge: "comparator",
    passed,
    advisory: !l.trusted,
    summary,
    facts: {
      theorems,
      outcome: passed ? "accepted" : "rejected",
      exit_code: String(o?.exitCode ?? "none"),
      ok_line: String(o?.okLine ?? false),
      permitted_axioms: l.config.permitted_axioms.join(", ")
    },
    annotations: (o?.uncaught ?? []).slice(0, 50).map((m) => ({
      path: challengeFile,
      startLine: 1,
      endLine: 1,
      level: "failure",
      title: "judge comparator: rejected",
      message: m.slice(0, 64 * 1024)
    }))
  });
}
async function judgeRun(spec, e, opts) {
  const judges = [judgeExitCode(e)];
  const declared = judgeDeclared(e.declared);
  if (declared) judges.push(declared);
  if (spec.junit) judges.push(await judgeJunit(e, spec.junit, opts.root));
  if (spec.expect) judges.push(await judgeExpectedOutputs(e, spec.expect));
  if (opts.lean)
    judges.push(judgeChallenge(opts.lean.layout), judgeComparator(opts.lean.layout, opts.lean.outcome));
  if (e.audit) judges.push(judgeLeanAudit(e.audit, opts.auditAnnotations));
  return { passed: verdictPasses(judges), judges };
}

// src/sandbox/stages/judge.ts
init_plan();
init_collect2();
function judge(spec, o, exit, collected) {
  return judgeRun(
    {
      declared: spec.verdict.declared,
      junit: spec.verdict.junit ? { file: spec.verdict.junit.file, trustedTests: o.trustedTests } : null,
      expect: o.expected && spec.verdict.expectDir ? { dir: spec.verdict.expectDir, files: o.expected } : null
    },
    {
      commandExitCode: exit.commandExitCode,
      timedOut: exit.timedOut,
      oomKilled: exit.oomKilled,
      outputDir: collected.outputs.collected ? spec.io.outputDir : null,
      declared: collected.outputs.declared,
      audit: collected.audit?.report ?? null,
      readCollected: async (rel, cap) => spec.io.outputDir ? readCollected(spec.io.outputDir, rel, cap) : null
    },
    { root: WORK_DIR, auditAnnotations: collected.audit?.annotations ?? [], lean: o.lean ?? null }
  );
}

// src/sandbox/execute.ts
init_command();

// src/sandbox/stages/prepare.ts
var import_promises10 = __toESM(require("node:fs/promises"), 1);
var import_node_path16 = __toESM(require("node:path"), 1);
init_errors();
init_podman();
init_container_files();

// src/sandbox/disk.ts
init_errors();
init_units();
var GiB2 = 1024 ** 3;
var MiB2 = 1024 ** 2;
var hostReserve = (free) => Math.max(GiB2, Math.floor(free * 0.05));
var MIN_VOLUME_BYTES = 64 * MiB2;
var KEY = {
  work: "workSizeBytes",
  output: "outputSizeBytes",
  state: "stateSizeBytes"
};
var OPTION = {
  workSizeBytes: "--work-size",
  outputSizeBytes: "--output-size",
  stateSizeBytes: "--state-size"
};
function fitVolumes(volumes, defaults, free, dir) {
  const needed = volumes.reduce((n, v) => n + v.sizeBytes, 0);
  if (free === null) {
    return {
      sizes: {},
      notes: [
        `the free space of ${dir} could not be measured; the volumes' space is still reserved when they are made`
      ],
      freeBytes: null,
      neededBytes: needed
    };
  }
  const room = free - hostReserve(free);
  if (needed <= room) return { sizes: {}, notes: [], freeBytes: free, neededBytes: needed };
  const isDefault = (v) => defaults.includes(KEY[v.role]);
  const fixed = volumes.filter((v) => !isDefault(v));
  const flexible = volumes.filter(isDefault);
  const fixedBytes = fixed.reduce((n, v) => n + v.sizeBytes, 0);
  const flexBytes = flexible.reduce((n, v) => n + v.sizeBytes, 0);
  const refuse = (what) => new InputError(
    what,
    `the volumes need ${formatBytes(needed)} in ${dir}, which has ${formatBytes(free)} free (${formatBytes(hostReserve(free))} is kept for the host); lower ${what} or free space`
  );
  const largest = (vs) => OPTION[KEY[[...vs].sort((a, b) => b.sizeBytes - a.sizeBytes)[0].role]];
  if (fixedBytes > room || flexible.length === 0) throw refuse(largest(fixed.length ? fixed : volumes));
  const factor = (room - fixedBytes) / flexBytes;
  const sizes = {};
  const notes = [];
  for (const v of flexible) {
    const size2 = Math.floor(v.sizeBytes * factor / MiB2) * MiB2;
    if (size2 < MIN_VOLUME_BYTES) throw refuse(OPTION[KEY[v.role]]);
    sizes[KEY[v.role]] = size2;
    notes.push(
      `${v.mount} is capped at ${formatBytes(size2)} instead of the default ${formatBytes(v.sizeBytes)}: ${dir} has ${formatBytes(free)} free (${OPTION[KEY[v.role]]} sets it)`
    );
  }
  return { sizes, notes, freeBytes: free, neededBytes: needed };
}

// src/sandbox/stages/prepare.ts
init_plan();
init_gvisor();

// src/sandbox/sandbox-user.ts
var UNPRIVILEGED = { uid: 65534, gid: 65534 };
function decideUser(f) {
  const explicit = f.user !== null;
  const wanted = f.user ?? (f.imageUser || "");
  if (wanted === "") return { ids: UNPRIVILEGED, notes: [] };
  let ids = numericUser(wanted);
  if (!ids) {
    const r = resolveUser(wanted, f.passwd, f.group);
    if ("error" in r) {
      if (explicit) return { error: r.error };
      return {
        ids: UNPRIVILEGED,
        notes: [`the image's user '${wanted}' could not be resolved (${r.error}); running as 65534:65534`]
      };
    }
    ids = r;
  }
  if (ids.uid === 0 && !f.allowRoot) {
    if (explicit)
      return { error: `'${wanted}' is uid 0; pass --allow-root to run as root (not recommended)` };
    return {
      ids: UNPRIVILEGED,
      notes: [
        `the image runs as root ('${wanted}'); the sandbox runs as 65534:65534 instead (--allow-root keeps root)`
      ]
    };
  }
  return { ids, notes: [] };
}
function resolveUser(user, passwd, group) {
  const [u, g] = user.split(":");
  const lookup = (text2, name) => {
    for (const line2 of text2.split("\n")) {
      const f = line2.split(":");
      if (f[0] === name && f.length >= 4) return f;
    }
    return null;
  };
  let uid;
  let gid;
  if (/^\d+$/.test(u)) {
    uid = Number(u);
    const entry = text2entryByUid(passwd, uid);
    gid = entry ? Number(entry[3]) : uid;
  } else {
    const entry = lookup(passwd, u);
    if (!entry) return { error: `user '${u}' is not in the image's /etc/passwd` };
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  }
  if (g !== void 0) {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const entry = lookup(group, g);
      if (!entry) return { error: `group '${g}' is not in the image's /etc/group` };
      gid = Number(entry[2]);
    }
  }
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    return { error: `user '${user}' has a malformed entry` };
  return { uid, gid };
}
function text2entryByUid(passwd, uid) {
  for (const line2 of passwd.split("\n")) {
    const f = line2.split(":");
    if (f.length >= 4 && Number(f[2]) === uid) return f;
  }
  return null;
}
function numericUser(user) {
  const m = /^(\d+)(?::(\d+))?$/.exec(user);
  if (!m) return null;
  return { uid: Number(m[1]), gid: Number(m[2] ?? m[1]) };
}

// src/sandbox/helper-containers.ts
init_plan();
var HOLDER_MEMORY_BYTES = 16 * 1024 * 1024;
function helperContainer(labels, role, o) {
  const memory = o.memoryBytes ?? 64 * 1024 * 1024;
  return {
    name: `sandbox-action-${labels[LABEL_RUN]}-${role}`,
    user: "65534:65534",
    workingDir: "/",
    env: [],
    labels: { ...labels, [LABEL_ROLE]: role },
    mounts: [],
    readOnlyRootfs: true,
    capDrop: ["ALL"],
    capAdd: [],
    securityOpt: ["no-new-privileges:true"],
    init: false,
    privileged: false,
    networkMode: "none",
    nanoCpus: 5e8,
    pidsLimit: 16,
    ulimits: [{ name: "nofile", soft: 1024, hard: 1024 }, NPROC_ULIMIT, { name: "core", soft: 0, hard: 0 }],
    logDriver: { type: "none", config: {} },
    tty: false,
    ...o,
    memoryBytes: memory,
    memorySwapBytes: memory
  };
}
var volumeMounts = (volumes, readOnly) => volumes.map((v) => ({ type: "volume", source: v.name, target: v.mount, readOnly }));
function probeContainer(labels, image) {
  return helperContainer(labels, "probe", {
    image,
    cmd: ["/nonexistent"],
    pidsLimit: 1,
    memoryBytes: HOLDER_MEMORY_BYTES
  });
}
function holderContainer(labels, role, image, owner, volumes) {
  return helperContainer(labels, role, {
    image,
    entrypoint: ["sleep"],
    cmd: ["infinity"],
    user: `${owner.uid}:${owner.gid}`,
    mounts: volumeMounts(volumes, true),
    pidsLimit: 4,
    memoryBytes: HOLDER_MEMORY_BYTES
  });
}
function chownContainer(labels, image, owner, volumes) {
  return helperContainer(labels, "chown", {
    image,
    entrypoint: ["chown"],
    cmd: [`${owner.uid}:${owner.gid}`, ...volumes.map((v) => v.mount)],
    user: "0:0",
    capAdd: ["CHOWN"],
    mounts: volumeMounts(volumes, false)
  });
}

// src/sandbox/lean.ts
var import_node_fs10 = __toESM(require("node:fs"), 1);
var import_node_path12 = __toESM(require("node:path"), 1);
init_errors();

// src/lean/challenge.ts
var import_node_fs9 = __toESM(require("node:fs"), 1);
var import_node_path11 = __toESM(require("node:path"), 1);
init_errors();

// src/lean/header.ts
init_errors();
var ID_START = /[\p{L}_\u2100-\u214f\u1d49-\u1d6a]/u;
var ID_REST = /[\p{L}\p{N}_'!?\u2100-\u214f\u1d49-\u1d6a\u2080-\u209c\u1d62-\u1d6a]/u;
var MODIFIERS = /* @__PURE__ */ new Set(["public", "private", "meta"]);
function moduleComponents(name) {
  const out = [];
  let i = 0;
  for (; ; ) {
    if (name[i] === "«") {
      const end = name.indexOf("»", i + 1);
      if (end === -1) throw new HeaderError(`an unterminated «name» in ${name}`);
      out.push(name.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < name.length && name[j] !== ".") j++;
      out.push(name.slice(i, j));
      i = j;
    }
    if (i >= name.length) return out;
    if (name[i] !== ".") throw new HeaderError(`'${name}' is not a module name`);
    i++;
  }
}
function moduleFile(name) {
  const parts = moduleComponents(name);
  if (parts.some((c) => c === "" || c === "." || c === ".." || /[/\\\0]/.test(c)))
    throw new HeaderError(`'${name}' names no file of the package`);
  return `${parts.join("/")}.lean`;
}
var HeaderLexer = class {
  constructor(text2) {
    this.text = text2;
    this.n = text2.length;
  }
  text;
  i = 0;
  n;
  lineAt(at) {
    return this.text.slice(0, at).split("\n").length;
  }
  /** At a newline (or the end): where a same-line import list stops. */
  atLineEnd() {
    return this.text[this.i] === "\n" || this.i >= this.n;
  }
  /** Skip whitespace and comments; `stopAtNewline`: stop before a newline (same-line lists `import A B`). */
  skip(stopAtNewline = false) {
    const { text: text2, n } = this;
    for (; ; ) {
      const c = text2[this.i];
      if (c === "\n" && stopAtNewline) return;
      if (c !== void 0 && /\s/.test(c)) this.i++;
      else if (text2.startsWith("--", this.i)) {
        const e = text2.indexOf("\n", this.i);
        this.i = e === -1 ? n : e;
      } else if (text2.startsWith("/-", this.i)) this.skipBlockComment();
      else return;
    }
  }
  /** `/- … -/`, nested. */
  skipBlockComment() {
    const { text: text2, n } = this;
    let depth = 1;
    this.i += 2;
    while (this.i < n && depth > 0) {
      if (text2.startsWith("/-", this.i)) {
        depth++;
        this.i += 2;
      } else if (text2.startsWith("-/", this.i)) {
        depth--;
        this.i += 2;
      } else this.i++;
    }
  }
  /** A name at i (components joined by `.`, no space), or null when none starts here. */
  name() {
    const { text: text2, n } = this;
    const start = this.i;
    for (; ; ) {
      if (text2[this.i] === "«") {
        const e = text2.indexOf("»", this.i + 1);
        if (e === -1 || text2.slice(this.i, e).includes("\n"))
          throw new HeaderError(`line ${this.lineAt(this.i)}: an unterminated «name»`);
        this.i = e + 1;
      } else if (text2[this.i] !== void 0 && ID_START.test(text2[this.i])) {
        this.i++;
        while (this.i < n && ID_REST.test(text2[this.i])) this.i++;
      } else {
        if (this.i === start) return null;
        throw new HeaderError(
          `line ${this.lineAt(this.i)}: '${text2.slice(start, this.i + 1)}' is not a module name`
        );
      }
      if (text2[this.i] !== ".") return text2.slice(start, this.i);
      this.i++;
    }
  }
};
function normalName(m) {
  return moduleComponents(m).map((c) => c !== "" && [...c].every((ch, k) => (k ? ID_REST : ID_START).test(ch)) ? c : `«${c}»`).join(".");
}
function headerImports(text2) {
  const lx = new HeaderLexer(text2);
  const out = [];
  const add = (m) => {
    const norm = normalName(m);
    if (!out.includes(norm)) out.push(norm);
  };
  for (; ; ) {
    lx.skip();
    const at = lx.i;
    const word = lx.name();
    if (word === null) break;
    if (word === "module" || word === "prelude") continue;
    let w = word;
    while (w !== null && MODIFIERS.has(w)) {
      lx.skip();
      w = lx.name();
    }
    if (w !== "import") break;
    const m = importedName(lx);
    if (m === null) throw new HeaderError(`line ${lx.lineAt(at)}: import is not followed by a module name`);
    add(m);
    for (; ; ) {
      lx.skip(true);
      if (lx.atLineEnd()) break;
      const more = lx.name();
      if (more === null || more === "import" || MODIFIERS.has(more)) {
        lx.i -= more?.length ?? 0;
        break;
      }
      add(more);
    }
  }
  return out;
}
function importedName(lx) {
  lx.skip();
  const m = lx.name();
  if (m === "all" || m === "runtime") {
    const save = lx.i;
    lx.skip(true);
    const next = lx.name();
    if (next !== null) return next;
    lx.i = save;
  }
  return m;
}

// src/lean/challenge.ts
var PROJECT_FILES = [
  "lakefile.lean",
  "lakefile.toml",
  "lean-toolchain",
  "lake-manifest.json",
  "leanpkg.toml"
];
function projectFilesIn(dir) {
  const out = [];
  const walk = (rel) => {
    for (const name of import_node_fs9.default.readdirSync(import_node_path11.default.join(dir, rel))) {
      if (name === ".git" || name === ".lake") continue;
      const r = rel ? `${rel}/${name}` : name;
      if (PROJECT_FILES.includes(name)) out.push(r);
      else if (import_node_fs9.default.lstatSync(import_node_path11.default.join(dir, r)).isDirectory()) walk(r);
    }
  };
  walk("");
  return out;
}
function addedProjectFiles(baseDir, prDir) {
  const has = (rel) => import_node_fs9.default.lstatSync(import_node_path11.default.join(baseDir, rel), { throwIfNoEntry: false })?.isFile() === true;
  return projectFilesIn(prDir).filter((rel) => !has(rel));
}
var MODULE = /^[A-Za-z_][\w']*(\.[A-Za-z_][\w']*)*$/;
function readConfig(file) {
  let j;
  try {
    j = JSON.parse(import_node_fs9.default.readFileSync(file, "utf8"));
  } catch (err) {
    throw new InputError(
      "--challenge",
      `the comparator config ${file} cannot be read as JSON: ${String(err)}`
    );
  }
  const names = (k) => {
    const v = j[k];
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
      throw new InputError("--challenge", `${file}: ${k} is not a list of names`);
    return v;
  };
  for (const k of ["challenge_module", "solution_module"]) {
    if (typeof j[k] !== "string" || !MODULE.test(j[k]))
      throw new InputError("--challenge", `${file}: ${k} is not a module name`);
  }
  const theorems = names("theorem_names");
  if (theorems.length === 0)
    throw new InputError("--challenge", `${file}: theorem_names is empty: nothing would be judged`);
  return {
    challenge_module: j.challenge_module,
    solution_module: j.solution_module,
    theorem_names: theorems,
    permitted_axioms: names("permitted_axioms")
  };
}
function leanFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const name of import_node_fs9.default.readdirSync(import_node_path11.default.join(dir, rel))) {
      if (name === ".git" || name === ".lake") continue;
      const r = rel ? `${rel}/${name}` : name;
      const st = import_node_fs9.default.lstatSync(import_node_path11.default.join(dir, r));
      if (st.isDirectory()) walk(r);
      else if (st.isFile() && name.endsWith(".lean")) out.push(r);
    }
  };
  walk("");
  return out;
}
var underAnyRoot = (all, rel) => all.filter((f) => f === rel || f.endsWith(`/${rel}`));
function trustedClosure(baseDir, configPath, cfg) {
  const has = (rel) => import_node_fs9.default.lstatSync(import_node_path11.default.join(baseDir, rel), { throwIfNoEntry: false })?.isFile() === true;
  const files = [
    configPath,
    ...projectFilesIn(baseDir).filter((rel) => import_node_fs9.default.lstatSync(import_node_path11.default.join(baseDir, rel)).isFile())
  ];
  const all = leanFiles(baseDir);
  const todo = [{ m: cfg.challenge_module, from: configPath }];
  const seen = /* @__PURE__ */ new Set();
  const modules = [];
  const readable = (from, f) => {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof HeaderError)) throw err;
      throw new InputError("--challenge", `${from}: its header cannot be read: ${err.message}`);
    }
  };
  while (todo.length) {
    const { m, from } = todo.pop();
    if (seen.has(m)) continue;
    seen.add(m);
    const rel = readable(from, () => moduleFile(m));
    modules.push(rel);
    if (m === cfg.challenge_module && !has(rel))
      throw new InputError("--challenge", `the challenge module ${m} (${rel}) is not in ${baseDir}`);
    for (const f of underAnyRoot(all, rel)) {
      if (files.includes(f)) continue;
      files.push(f);
      const text2 = import_node_fs9.default.readFileSync(import_node_path11.default.join(baseDir, f), "utf8");
      todo.push(...readable(f, () => headerImports(text2)).map((i) => ({ m: i, from: f })));
    }
  }
  return { files: [...new Set(files)], modules: [...new Set(modules)] };
}
function addedModules(prDir, c) {
  const all = leanFiles(prDir);
  return [...new Set(c.modules.flatMap((rel) => underAnyRoot(all, rel)))].filter((f) => !c.files.includes(f));
}
function changedByPr(baseDir, prDir, files, added = []) {
  const changed = files.filter((rel) => {
    const theirs = import_node_path11.default.join(prDir, rel);
    const st = import_node_fs9.default.lstatSync(theirs, { throwIfNoEntry: false });
    if (!st?.isFile()) return true;
    return !import_node_fs9.default.readFileSync(theirs).equals(import_node_fs9.default.readFileSync(import_node_path11.default.join(baseDir, rel)));
  });
  return [...changed, ...added.filter((rel) => !changed.includes(rel))];
}
function assembleProject(prDir, baseDir, files, dest) {
  import_node_fs9.default.mkdirSync(dest, { recursive: true, mode: 493 });
  const walk = (rel) => {
    for (const name of import_node_fs9.default.readdirSync(import_node_path11.default.join(prDir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (!rel && (name === ".lake" || name === ".git")) continue;
      if (PROJECT_FILES.includes(name)) continue;
      const st = import_node_fs9.default.lstatSync(import_node_path11.default.join(prDir, r));
      if (st.isDirectory()) {
        import_node_fs9.default.mkdirSync(import_node_path11.default.join(dest, r), { mode: 493 });
        walk(r);
      } else if (st.isFile())
        import_node_fs9.default.writeFileSync(import_node_path11.default.join(dest, r), import_node_fs9.default.readFileSync(import_node_path11.default.join(prDir, r)), { mode: 420 });
    }
  };
  walk("");
  for (const rel of files) {
    import_node_fs9.default.mkdirSync(import_node_path11.default.dirname(import_node_path11.default.join(dest, rel)), { recursive: true, mode: 493 });
    import_node_fs9.default.rmSync(import_node_path11.default.join(dest, rel), { force: true, recursive: true });
    import_node_fs9.default.writeFileSync(import_node_path11.default.join(dest, rel), import_node_fs9.default.readFileSync(import_node_path11.default.join(baseDir, rel)), { mode: 420 });
  }
  import_node_fs9.default.mkdirSync(import_node_path11.default.join(dest, ".lake"), { recursive: true, mode: 493 });
}

// src/sandbox/lean.ts
init_plan();
function findProgram(option, name, searchPath) {
  const candidates2 = name.includes("/") ? [import_node_path12.default.resolve(name)] : searchPath.split(":").filter(Boolean).map((d) => import_node_path12.default.join(d, name));
  for (const c of candidates2) {
    try {
      import_node_fs10.default.accessSync(c, import_node_fs10.default.constants.X_OK);
      if (import_node_fs10.default.statSync(c).isFile()) return c;
    } catch {
    }
  }
  throw new InputError(
    option,
    `'${name}' is not an executable on this host${name.includes("/") ? "" : " (not on PATH)"}; install it or give its path`
  );
}
function resolveLean(lean, sourceDir, searchPath) {
  const cfgFile = import_node_path12.default.join(lean.challengeDir, lean.config);
  if (!import_node_fs10.default.lstatSync(cfgFile, { throwIfNoEntry: false })?.isFile()) {
    throw new InputError("--comparator-config", `'${lean.config}' is not a file in ${lean.challengeDir}`);
  }
  const config = readConfig(cfgFile);
  const closure = trustedClosure(lean.challengeDir, lean.config, config);
  const files = closure.files;
  const absent = lean.trusted ? addedProjectFiles(lean.challengeDir, sourceDir) : [];
  const changed = lean.trusted ? [...changedByPr(lean.challengeDir, sourceDir, files, absent), ...addedModules(sourceDir, closure)] : [];
  const overlays = lean.trusted ? files.map((rel) => ({
    type: "bind",
    source: import_node_path12.default.join(lean.challengeDir, rel),
    target: `${WORK_DIR}/${rel}`,
    readOnly: true
  })) : [];
  return {
    trusted: lean.trusted,
    config,
    files,
    changed,
    overlays,
    exclude: lean.trusted ? [...files, ...absent] : [],
    programs: {
      comparator: findProgram("--comparator", lean.comparator, searchPath),
      lean4export: findProgram("--lean4export", lean.lean4export, searchPath),
      lake: findProgram("--lake", lean.lake, searchPath)
    }
  };
}

// src/sandbox/pytest.ts
var import_node_fs11 = __toESM(require("node:fs"), 1);
var import_promises6 = __toESM(require("node:fs/promises"), 1);
var import_node_path13 = __toESM(require("node:path"), 1);
init_errors();
init_plan();
var PYTEST_CONFIG_DIR = "/sandbox-action/pytest";
var PYTEST_RUNNER = `${PYTEST_CONFIG_DIR}/run.py`;
var RUNNER_SOURCE = `# sandbox-action: the trusted pytest runner (src/sandbox/pytest.ts says what it guarantees).
import ctypes, os, signal, sys, threading, time
ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no ptrace, no /proc/PID/mem or fd by this user
sys.path.append('${PYTEST_CONFIG_DIR}')  # the trusted plugin; xdist hands the worker this path list
import sandbox_action_pytest
sandbox_action_pytest.CONTROLLER = True
import pytest
junit = sys.argv[1]
assert sys.argv[2] == '--'
r, w = os.pipe()
chunks = []
def drain():
    while True:
        b = os.read(r, 65536)
        if not b:
            return
        chunks.append(b)
reader = threading.Thread(target=drain)
reader.start()
# One worker, itself in isolated mode (execnet shell-splits python=): /work is on no path it starts with.
worker = 'popen//python=%s -I -B' % sys.executable
# A worker that dies is not replaced: the session ends, failed (a crash is never retried into a pass).
rc = pytest.main(['-p', 'sandbox_action_pytest', '-p', 'xdist.plugin', '--dist', 'load', '--tx', worker, '--max-worker-restart', '0',
                  '--junitxml=/dev/fd/%d' % w] + sys.argv[3:])
os.close(w)
# Every other process of this user is killed first: one that holds the pipe (or rewrites /output) is gone before
# the report is read to its end and written.
for _ in range(1000):
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        break
    time.sleep(0.005)
else:
    sys.exit(125)
reader.join()
try:
    os.unlink(junit)
except FileNotFoundError:
    pass
except IsADirectoryError:
    import shutil
    shutil.rmtree(junit)
data = b''.join(chunks)
if data:
    fd = os.open(junit, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    os.write(fd, data)
    os.close(fd)
sys.exit(int(rc))
`;
var PYTEST_PLUGIN = `${PYTEST_CONFIG_DIR}/sandbox_action_pytest.py`;
var PLUGIN_SOURCE = `"""sandbox-action: the trusted pytest plugin (src/sandbox/pytest.ts says what it guarantees).

run.py imports it before pytest starts (PYTEST_DONT_REWRITE: no assertion to rewrite, no warning for that)."""
import sys, warnings
import pytest

CONTROLLER = False  # run.py sets it before pytest starts; a worker imports this module afresh
WORK = '/work'

def _off_work():
    sys.path[:] = [p for p in sys.path if p not in ('', '.') and p != WORK and not p.startswith(WORK + '/')]

def _warning_as_text(data):
    # xdist would import the module a worker names for the warning's class: the name is only printed.
    text = '%s.%s: %s' % (data.get('category_module') or '', data.get('category_class_name') or '', data.get('message_str'))
    kwargs = {'message': UserWarning(text), 'category': UserWarning}
    for name in warnings.WarningMessage._WARNING_DETAILS:
        if name not in kwargs:
            kwargs[name] = data.get(name)
    return warnings.WarningMessage(**kwargs)

@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if CONTROLLER:
        early_config.known_args_namespace.noconftest = True
        _off_work()
        import xdist.workermanage
        xdist.workermanage.unserialize_warning_message = _warning_as_text
    elif WORK not in sys.path:
        sys.path.append(WORK)

@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    if CONTROLLER:
        _off_work()
`;
var CONFIGS = [
  ["pytest.ini", null],
  [".pytest.ini", null],
  ["pyproject.toml", /^\[tool\.pytest\.ini_options\]/m],
  ["tox.ini", /^\[pytest\]/m],
  ["setup.cfg", /^\[tool:pytest\]/m]
];
function regularFile(p) {
  return import_node_fs11.default.lstatSync(p, { throwIfNoEntry: false })?.isFile() === true;
}
function isTestFolder(dir) {
  return import_node_fs11.default.readdirSync(dir, { withFileTypes: true }).filter((e) => e.name.endsWith(".py")).every((e) => /^(test_.*|.*_test|conftest|__init__)\.py$/.test(e.name));
}
function findPytestConfig(dir) {
  for (const [name, section] of CONFIGS) {
    const p = import_node_path13.default.join(dir, name);
    if (!regularFile(p)) continue;
    if (section === null || section.test(import_node_fs11.default.readFileSync(p, "utf8"))) return name;
  }
  return null;
}
function ancestors(rel) {
  const parts = rel.split("/");
  return parts.map((_, i) => parts.slice(0, i).join("/")).slice(0, parts.length);
}
async function resolvePytest(tests, scratch) {
  const config = findPytestConfig(tests.dir);
  const testArgs = tests.paths.map((p) => `${WORK_DIR}/${p}`);
  await import_promises6.default.mkdir(scratch, { recursive: true, mode: 493 });
  const runner = import_node_path13.default.join(scratch, "run.py");
  await import_promises6.default.writeFile(runner, RUNNER_SOURCE, { mode: 420 });
  const plugin = import_node_path13.default.join(scratch, "sandbox_action_pytest.py");
  await import_promises6.default.writeFile(plugin, PLUGIN_SOURCE, { mode: 420 });
  const mounts = [
    { type: "bind", source: runner, target: PYTEST_RUNNER, readOnly: true },
    { type: "bind", source: plugin, target: PYTEST_PLUGIN, readOnly: true }
  ];
  const cleanup = () => import_promises6.default.rm(scratch, { recursive: true, force: true });
  if (!tests.trusted) {
    return {
      trusted: false,
      mounts,
      args: ["--rootdir=/work", ...config ? ["-c", `${WORK_DIR}/${config}`] : [], ...testArgs],
      exclude: [],
      config: config ?? "(none)",
      notes: [],
      cleanup
    };
  }
  const { roots, notes } = trustedRoots(tests);
  const exclude = [...new Set(roots)].filter(
    (r, _i, all) => !all.some((o) => o !== r && r.startsWith(`${o}/`))
  );
  for (const r of exclude) {
    mounts.push({
      type: "bind",
      source: import_node_path13.default.join(tests.dir, r),
      target: `${WORK_DIR}/${r}`,
      readOnly: true
    });
  }
  const empty = import_node_path13.default.join(scratch, "empty");
  await import_promises6.default.writeFile(empty, "", { mode: 420 });
  mounts.push(...conftestMounts(tests, exclude, empty));
  const { source, name } = await trustedConfig(tests.dir, config, scratch);
  const target = `${PYTEST_CONFIG_DIR}/${name}`;
  mounts.push({ type: "bind", source, target, readOnly: true });
  return {
    trusted: true,
    mounts,
    args: ["-c", target, "--rootdir=/work", "--confcutdir=/work", ...testArgs],
    exclude,
    config: config ?? "(empty)",
    notes,
    cleanup
  };
}
function trustedRoots(tests) {
  const roots = [];
  const notes = [];
  for (const p of tests.paths) {
    const st = import_node_fs11.default.lstatSync(import_node_path13.default.join(tests.dir, p), { throwIfNoEntry: false });
    if (!st || !(st.isDirectory() || st.isFile())) {
      throw new InputError("--tests-path", `'${p}' is not a directory or file in ${tests.dir}`);
    }
    const dir = import_node_path13.default.posix.dirname(p);
    const folder = st.isFile() && dir !== "." && isTestFolder(import_node_path13.default.join(tests.dir, dir));
    roots.push(folder ? dir : p);
    if (st.isFile() && !folder) {
      notes.push(
        `tests path ${p}: its folder also holds code, so only the file comes from the trusted side; the files beside it are the source's`
      );
    }
  }
  return { roots, notes };
}
function conftestMounts(tests, exclude, empty) {
  const mounts = [];
  for (const a of [...new Set(tests.paths.flatMap(ancestors))]) {
    const rel = a ? `${a}/conftest.py` : "conftest.py";
    if (exclude.some((e) => rel === e || rel.startsWith(`${e}/`))) continue;
    const trusted = import_node_path13.default.join(tests.dir, rel);
    mounts.push({
      type: "bind",
      source: regularFile(trusted) ? trusted : empty,
      target: `${WORK_DIR}/${rel}`,
      readOnly: true
    });
    exclude.push(rel);
  }
  return mounts;
}
async function trustedConfig(dir, config, scratch) {
  if (config) return { source: import_node_path13.default.join(dir, config), name: config };
  const source = import_node_path13.default.join(scratch, "pytest.ini");
  await import_promises6.default.writeFile(source, "[pytest]\n", { mode: 420 });
  return { source, name: "pytest.ini" };
}

// src/sandbox/host-mounts.ts
var import_node_fs12 = __toESM(require("node:fs"), 1);
var import_promises7 = __toESM(require("node:fs/promises"), 1);
init_errors();
init_mounts();
var realOrNull = (p) => import_promises7.default.realpath(p).catch(() => null);
async function sensitivePlaces(env) {
  const homes = [...new Set([env.HOME, "/root"].filter((h) => !!h))];
  const sockets = (await Promise.all(knownSockets(env).map(realOrNull))).filter(
    (s2) => s2 !== null
  );
  const creds = homes.flatMap(credentialDirs);
  const real = (await Promise.all(creds.map(realOrNull))).filter((s2) => s2 !== null);
  return { sockets: [...new Set(sockets)], credentials: [.../* @__PURE__ */ new Set([...creds, ...real])] };
}
async function resolveHostMounts(mounts, allow, env) {
  if (mounts.length === 0) return [];
  const places = await sensitivePlaces(env);
  const allowed = (await Promise.all(allow.map(realOrNull))).filter((s2) => s2 !== null);
  const out = [];
  for (const m of mounts) {
    const real = await realOrNull(m.host);
    const st = real ? await import_promises7.default.stat(real).catch(() => null) : null;
    const why = mountRefusal({ given: m.host, real, isSocket: st?.isSocket() ?? false }, places, allowed);
    if (why) throw new InputError("--mount", why);
    try {
      import_node_fs12.default.accessSync(real, import_node_fs12.default.constants.R_OK);
    } catch {
      throw new InputError("--mount", `'${m.host}' is not readable here`);
    }
    out.push({ type: "bind", source: real, target: m.dest, readOnly: m.readOnly });
  }
  return out;
}

// src/sandbox/persist.ts
var import_promises9 = __toESM(require("node:fs/promises"), 1);
var import_node_path15 = __toESM(require("node:path"), 1);
init_errors();
init_plan();
init_volumes();
var PERSIST_DIR = "/persist";
var PERSIST_IMAGE = "sandbox-persist.img";
async function checkPersist(engine, host, dir) {
  const st = await import_promises9.default.lstat(dir).catch(() => null);
  if (!st?.isDirectory()) {
    throw new InputError(
      "--persist",
      `'${dir}' is not a directory; name an existing directory (it will hold the capped image ${PERSIST_IMAGE})`
    );
  }
  const why = await loopUnavailableReason(engine, host);
  if (why)
    throw new InputError("--persist", `needs capped loop volumes, which this host cannot make: ${why}`);
  const img = await import_promises9.default.lstat(import_node_path15.default.join(dir, PERSIST_IMAGE)).catch(() => null);
  if (img && !img.isFile())
    throw new InputError("--persist", `'${import_node_path15.default.join(dir, PERSIST_IMAGE)}' is not a file`);
}
async function makePersistImage(host, image, sizeBytes, owner) {
  await import_promises9.default.writeFile(image, "", { flag: "wx", mode: 384 });
  try {
    await host.tool("fallocate", ["-l", String(sizeBytes), image]);
    await host.tool("mkfs.ext4", [
      "-q",
      "-F",
      "-m",
      "0",
      "-E",
      `root_owner=${owner.uid}:${owner.gid},nodiscard`,
      image
    ]);
    await host.tool("debugfs", ["-w", "-R", "rmdir lost+found", image]);
  } catch (err) {
    await import_promises9.default.rm(image, { force: true });
    throw new InputError("--persist", `could not make ${image}: ${errorMessage(err).split("\n")[0]}`);
  }
}
async function reusePersistImage(host, image, owner) {
  await host.tool("e2fsck", ["-p", image]).catch((err) => {
    throw new InputError("--persist", `${image} needs repair (e2fsck: ${errorMessage(err).split("\n")[0]})`);
  });
  await host.tool("debugfs", ["-w", "-R", `set_inode_field / uid ${owner.uid}`, image]);
  await host.tool("debugfs", ["-w", "-R", `set_inode_field / gid ${owner.gid}`, image]);
}
async function attachPersist(engine, host, p, owner, labels) {
  const image = import_node_path15.default.join(p.dir, PERSIST_IMAGE);
  let note = null;
  const lock = `${image}.lock`;
  const fh = await import_promises9.default.open(lock, "wx", 384).catch(() => null);
  if (!fh) throw new InputError("--persist", `'${p.dir}' is being attached by another sandbox right now`);
  let device = null;
  let created = false;
  const detach = async () => {
    if (created) await engine.removeVolume(p.name);
    if (device) await host.privileged("losetup", ["-d", device]);
  };
  try {
    await fh.close();
    const inUse = await host.privileged("losetup", ["-j", image]);
    if (inUse.trim()) {
      throw new InputError("--persist", `'${p.dir}' is in use by another sandbox (${inUse.split(":")[0]})`);
    }
    const st = await import_promises9.default.stat(image).catch(() => null);
    if (!st) await makePersistImage(host, image, p.sizeBytes, owner);
    else {
      if (st.size !== p.sizeBytes)
        note = `/persist keeps the size its image was made with (${st.size} bytes)`;
      await reusePersistImage(host, image, owner);
    }
    device = await host.privileged("losetup", ["--find", "--show", image]);
    await engine.createVolume({
      name: p.name,
      driver: "local",
      driverOpts: { type: "ext4", device, o: "nosuid,nodev" },
      labels: { ...labels, [LABEL_ROLE]: "persist", [LABEL_LOOP_DEVICE]: device, [LABEL_LOOP_IMAGE]: image }
    });
    created = true;
  } catch (err) {
    await detach().catch(() => void 0);
    throw err;
  } finally {
    await import_promises9.default.rm(lock, { force: true });
  }
  const size2 = (await import_promises9.default.stat(image)).size;
  return {
    name: p.name,
    role: "persist",
    mount: PERSIST_DIR,
    sizeBytes: size2,
    backend: "loop",
    enforced: true,
    reserved: true,
    remove: detach,
    note
  };
}

// src/sandbox/stages/prepare.ts
init_volumes();
async function prepare(ctx) {
  const { spec, deps } = ctx;
  const { engine } = deps;
  const unfit = podmanLimitsProblem(engine.info);
  if (unfit) throw new InputError("--engine", `${engine.info.endpoint}: ${unfit}`);
  if (spec.security.isolation === "runsc" && engine.info.name === "podman") {
    throw new InputError("--isolation", `runsc: ${PODMAN_NO_RUNSC}`);
  }
  const [image, backend, runtimes, expected, hostMounts] = await ctx.race(
    Promise.all([
      ensureImage(engine, spec, deps.notice),
      chooseBackend(spec.host.volumeBackend, engine, deps.volumeHost),
      spec.security.isolation === "runsc" ? engine.runtimes() : Promise.resolve([]),
      spec.verdict.expectDir ? loadExpected(spec.verdict.expectDir) : null,
      resolveHostMounts(spec.phases.mounts, spec.phases.allowMounts, deps.env ?? {}),
      ...checkRunDirectories(spec),
      spec.phases.persist ? checkPersist(engine, deps.volumeHost, spec.phases.persist.dir) : null
    ])
  );
  if (backend.note) ctx.notes.push(backend.note);
  refuseUnfitRuntimes(spec, runtimes);
  const owner = await sandboxUser(engine, spec, image, ctx.labels, ctx.notes);
  if (spec.io.source?.readOnly) ctx.notes.push(...await readableBy(spec.io.source.dir, owner));
  const fit = await fitDisk(ctx, backend.backend);
  const disk = fit.disk;
  let sized = fit.sized;
  const pytest = await preparePytest(ctx);
  const lean = spec.verdict.lean ? resolveLean(spec.verdict.lean, spec.io.source.dir, deps.env?.PATH ?? "") : null;
  if (expected) {
    const declared = [.../* @__PURE__ */ new Set([...sized.verdict.declared, ...expected.map((e) => e.path)])];
    sized = { ...sized, verdict: { ...sized.verdict, declared } };
  }
  const expectPath = spec.verdict.expectDir ? expectedRepoPath(spec.verdict.expectDir, spec.io.source?.dir ?? null) : null;
  const hide = await hideExpected(ctx, expectPath, [...pytest?.exclude ?? [], ...lean?.exclude ?? []]);
  ctx.check();
  return {
    hide,
    exclude: [...pytest?.exclude ?? [], ...lean?.exclude ?? [], ...expectPath ? [expectPath] : []],
    image,
    backend: backend.backend,
    runtimes,
    lean,
    owner,
    spec: sized,
    disk,
    expected,
    pytest,
    hostMounts
  };
}
async function fitDisk(ctx, backend) {
  const { spec, deps } = ctx;
  if (backend !== "loop") return { sized: spec, disk: null };
  const free = await deps.volumeHost.freeBytes();
  const disk = fitVolumes(
    volumePlans(spec, ctx.runId),
    spec.limits.defaultSizes,
    free,
    deps.volumeHost.stateDir
  );
  ctx.notes.push(...disk.notes);
  return { sized: { ...spec, limits: { ...spec.limits, ...disk.sizes } }, disk };
}
async function preparePytest(ctx) {
  const { spec, deps } = ctx;
  if (spec.verdict.tests?.runner !== "pytest") return null;
  const layout = await resolvePytest(
    spec.verdict.tests,
    import_node_path16.default.join(deps.volumeHost.stateDir, `${ctx.runId}-pytest`)
  );
  ctx.cleanup.add("remove the pytest scratch files", () => layout.cleanup());
  ctx.notes.push(...layout.notes);
  return layout;
}
function refuseUnfitRuntimes(spec, runtimes) {
  gvisorFor(spec, runtimes);
  if (spec.phases.setup) gvisorFor({ ...spec, network: spec.phases.setup.network }, runtimes);
}
async function hideExpected(ctx, expectPath, trustedRoots2) {
  const under = (root, p) => p === root || p.startsWith(`${root}/`);
  if (!expectPath || !trustedRoots2.some((r) => under(r, expectPath))) return [];
  const empty = import_node_path16.default.join(ctx.deps.volumeHost.stateDir, `${ctx.runId}-hidden`);
  await import_promises10.default.mkdir(empty, { recursive: true, mode: 365 });
  ctx.cleanup.add(
    "remove the empty folder over the expected files",
    () => import_promises10.default.rm(empty, { recursive: true, force: true })
  );
  return [{ type: "bind", source: empty, target: `${WORK_DIR}/${expectPath}`, readOnly: true }];
}
function checkRunDirectories(spec) {
  return [
    checkDirectory("--source", spec.io.source?.dir ?? null, "exists"),
    checkDirectory("--output-dir", spec.io.outputDir, "empty-or-absent"),
    checkDirectory("--state-dir", spec.io.stateDir, "directory-or-absent"),
    checkDirectory("--tests", spec.verdict.tests?.trusted ? spec.verdict.tests.dir : null, "exists"),
    checkDirectory(
      "--challenge",
      spec.verdict.lean?.trusted ? spec.verdict.lean.challengeDir : null,
      "exists"
    )
  ];
}
async function checkDirectory(name, dir, rule) {
  if (!dir) return;
  const st = await import_promises10.default.lstat(dir).catch(() => null);
  if (rule === "exists") {
    if (!st?.isDirectory()) throw new InputError(name, `'${dir}' is not a directory`);
    return;
  }
  if (st === null) return;
  if (!st.isDirectory()) throw new InputError(name, `'${dir}' exists and is not a directory`);
  if (rule === "empty-or-absent" && (await import_promises10.default.readdir(dir)).length > 0) {
    throw new InputError(name, `'${dir}' exists and is not empty; name a new or empty directory`);
  }
}
async function readableBy(dir, owner) {
  const st = await import_promises10.default.stat(dir);
  const bits = st.uid === owner.uid ? st.mode >> 6 & 5 : st.gid === owner.gid ? st.mode >> 3 & 5 : st.mode & 5;
  if (bits === 5) return [];
  return [
    `--source-readonly: '${dir}' (owner ${st.uid}, mode ${(st.mode & 511).toString(8)}) is not readable by the sandbox user ${owner.uid}:${owner.gid}; chmod it or pass --user ${st.uid}`
  ];
}
async function ensureImage(engine, spec, notice) {
  let info = spec.image.pull === "always" ? null : await engine.imageInspect(spec.image.ref);
  if (info) return info;
  if (spec.image.pull === "never") {
    throw new InputError(
      "--image",
      `'${spec.image.ref}' is not on this engine and --pull is never; build or pull it first`
    );
  }
  notice(`pulling ${spec.image.ref}`);
  try {
    await engine.imagePull(spec.image.ref);
  } catch (err) {
    throw new InputError(
      "--image",
      `'${spec.image.ref}' is not on this engine and could not be pulled: ${errorMessage(err)}`
    );
  }
  info = await engine.imageInspect(spec.image.ref);
  if (!info) throw new InputError("--image", `'${spec.image.ref}' could not be found after pulling`);
  return info;
}
async function readImageFiles(engine, image, files, labels) {
  const id = await engine.createContainer(probeContainer(labels, image));
  const out = /* @__PURE__ */ new Map();
  try {
    for (const f of files) {
      const text2 = await readContainerFile(engine, id, f);
      if (text2 !== null) out.set(f, text2);
    }
  } finally {
    await engine.removeContainer(id);
  }
  return out;
}
async function sandboxUser(engine, spec, image, labels, notes) {
  const wanted = spec.security.user ?? (image.user || "");
  const files = wanted !== "" && !numericUser(wanted) ? await readImageFiles(engine, spec.image.ref, ["/etc/passwd", "/etc/group"], labels) : null;
  const d = decideUser({
    user: spec.security.user,
    imageUser: image.user,
    allowRoot: spec.security.allowRoot,
    passwd: files?.get("/etc/passwd") ?? "",
    group: files?.get("/etc/group") ?? ""
  });
  if ("error" in d) throw new InputError("--user", d.error);
  notes.push(...d.notes);
  return d.ids;
}

// src/sandbox/stages/lean.ts
init_errors();
var import_node_fs13 = __toESM(require("node:fs"), 1);
var import_promises12 = __toESM(require("node:fs/promises"), 1);
var import_node_path18 = __toESM(require("node:path"), 1);

// src/comparator/run.ts
var import_node_child_process3 = require("node:child_process");
var import_node_crypto6 = require("node:crypto");
var import_promises11 = __toESM(require("node:fs/promises"), 1);
var import_node_path17 = __toESM(require("node:path"), 1);
init_run_options();
init_errors();

// src/sandbox/holder.ts
init_errors();
async function startHolder(engine, spec, made, check2 = () => void 0) {
  const startOne = async (name) => {
    const id = await engine.createContainer({ ...spec, name });
    made(id);
    return engine.startContainer(id).then(
      () => null,
      (err) => err ?? new InternalError("the engine refused the start with no reason")
    );
  };
  const first = await startOne(spec.name);
  if (first === null) return { started: true, retried: null };
  if (!(first instanceof EngineError) || (first.statusCode ?? 0) < 500)
    return { started: false, error: first };
  check2();
  const second = await startOne(`${spec.name}-2`);
  return second === null ? { started: true, retried: first } : { started: false, error: second };
}

// src/comparator/run.ts
init_plan();
init_gvisor();
init_volumes();
init_context();

// src/comparator/outcome.ts
init_context();
var OK_LINE = "Your solution is okay!";
var UNCAUGHT = "uncaught exception: ";
function splitFenced(stderr, token) {
  if (!token) return { judge: stderr, steps: [] };
  const begin = fenceLine(token, "begin");
  const end = fenceLine(token, "end");
  let judge2 = "";
  const steps = [];
  let at = 0;
  for (; ; ) {
    const b = stderr.indexOf(begin, at);
    if (b === -1) {
      judge2 += stderr.slice(at);
      break;
    }
    judge2 += stderr.slice(at, b);
    const e = stderr.indexOf(end, b + begin.length);
    if (e === -1) {
      steps.push(stderr.slice(b + begin.length));
      break;
    }
    steps.push(stderr.slice(b + begin.length, e));
    at = e + end.length;
  }
  return { judge: judge2, steps };
}
function uncaughtMessages(judgeStderr) {
  const out = [];
  let current = null;
  for (const line2 of judgeStderr.split("\n")) {
    if (line2.startsWith(UNCAUGHT)) {
      if (current) out.push(current.join("\n").trimEnd());
      current = [line2.slice(UNCAUGHT.length)];
    } else if (current) current.push(line2);
  }
  if (current) out.push(current.join("\n").trimEnd());
  return out;
}
function lastLineIsOk(stdout) {
  const lines = stdout.split("\n").filter((l) => l.trim() !== "");
  return lines.at(-1) === OK_LINE;
}
function readOutcome(o) {
  const { judge: judge2 } = splitFenced(o.stderr, o.fence);
  return {
    runId: o.runId,
    exitCode: o.exitCode,
    timedOut: o.timedOut,
    okLine: lastLineIsOk(o.stdout),
    uncaught: uncaughtMessages(judge2),
    stdout: o.stdout,
    stderr: o.stderr,
    judgeStderr: judge2,
    truncated: o.truncated
  };
}

// src/comparator/run.ts
var SHIM_PATH = "scripts/sandbox-landrun";
var COMPARATOR_OUTPUT_CAP = 16 * 1024 * 1024;
var STEP_DEFAULTS = {
  timeoutMs: 60 * 6e4,
  memoryBytes: 8 * GiB,
  cpus: 2,
  pids: 512,
  nofile: 8192,
  fsizeBytes: 4 * GiB
};
var Kept = class {
  constructor(cap) {
    this.cap = cap;
  }
  cap;
  chunks = [];
  size = 0;
  cut = false;
  push(c) {
    const part = c.subarray(0, Math.max(0, this.cap - this.size));
    if (part.length < c.length) this.cut = true;
    if (part.length) this.chunks.push(Buffer.from(part));
    this.size += part.length;
  }
  text() {
    return Buffer.concat(this.chunks).toString("utf8");
  }
};
async function prepareProject(dir, notice) {
  const st = await import_promises11.default.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new InputError("projectDir", `'${dir}' is not a directory`);
  if ((st.mode & 5) !== 5) {
    notice(
      `the project '${dir}' (mode ${(st.mode & 511).toString(8)}) may not be readable by the steps' user`
    );
  }
  const lake = import_node_path17.default.join(dir, ".lake");
  const l = await import_promises11.default.lstat(lake).catch(() => null);
  if (!l) {
    await import_promises11.default.mkdir(lake, { mode: 493 });
    return;
  }
  if (l.isSymbolicLink() || !l.isDirectory()) {
    throw new InputError("projectDir", `'${lake}' exists and is not a plain directory; remove it`);
  }
  if ((await import_promises11.default.readdir(lake)).length > 0) {
    notice(`'${lake}' on the host is not empty: the steps never see it (the run's volume is mounted there)`);
  }
}
async function runComparator(o, deps) {
  const { engine } = deps;
  const notice = deps.notice ?? (() => void 0);
  const projectDir = import_node_path17.default.resolve(o.projectDir);
  const user = o.stepUser ?? { uid: 65534, gid: 65534 };
  checkRun(o, user, deps);
  await prepareProject(projectDir, notice);
  const isolation = o.isolation ?? "default";
  const runtime = isolation === "runsc" ? await runscRuntime(engine) : null;
  const backend = await chooseBackend(o.volumeBackend ?? "auto", engine, deps.volumeHost);
  if (backend.note) notice(backend.note);
  const createdAt2 = deps.now();
  const runId = newRunId(createdAt2, deps.random());
  const labels = runLabels(runId, createdAt2);
  const lakeDir = import_node_path17.default.join(projectDir, ".lake");
  let volume = null;
  try {
    volume = await createVolume(
      engine,
      deps.volumeHost,
      backend.backend,
      {
        role: "lake",
        name: `sandbox-action-${runId}-lake`,
        mount: lakeDir,
        sizeBytes: o.lakeSizeBytes ?? 8 * GiB
      },
      user,
      labels
    );
    if (volume.backend === "tmpfs") await holdVolume(engine, o.image, volume.name, user, labels, notice);
    const ctx = {
      version: CONTEXT_VERSION,
      runId,
      createdAt: createdAt2.toISOString(),
      image: o.image,
      projectDir,
      lakeVolume: volume.name,
      user,
      isolation,
      runtime,
      limits: { ...STEP_DEFAULTS, ...o.stepLimits },
      fence: (0, import_node_crypto6.randomBytes)(16).toString("hex")
    };
    const env = {
      ...o.env ?? process.env,
      [CONTEXT_ENV]: encodeContext(ctx),
      COMPARATOR_LANDRUN: o.landrun,
      SANDBOX_LANDRUN_NODE: process.execPath,
      ...o.lean4export ? { COMPARATOR_LEAN4EXPORT: o.lean4export } : {}
    };
    const r = await spawnComparator(o, projectDir, env, deps.signal);
    return readOutcome({ runId, ...r, fence: ctx.fence });
  } finally {
    await sweepRun(engine, runId, volume, notice);
  }
}
function checkRun(o, user, deps) {
  const judgeUid = process.getuid?.() ?? -1;
  if (user.uid === 0 || user.uid === judgeUid) {
    throw new InputError("stepUser", `uid ${user.uid} is root or the judging process's own; pick another`);
  }
  if (!deps.engine.info.local || deps.volumeHost.sharedWithEngine === false) {
    throw new InputError("engine", "comparator's steps mount host paths: the engine must run on this host");
  }
  if (o.lean4export && !import_node_path17.default.isAbsolute(o.lean4export)) {
    throw new InputError("lean4export", `'${o.lean4export}' must be an absolute path`);
  }
}
async function runscRuntime(engine) {
  const r = chooseRunscRuntime(await engine.runtimes(), false);
  if ("error" in r) throw new InputError("isolation", `runsc: ${r.error}`);
  return r.runtime;
}
async function sweepRun(engine, runId, volume, notice) {
  const left = await engine.listLabelled(`${LABEL_RUN}=${runId}`).catch(() => []);
  await Promise.all(
    left.filter((x) => x.kind === "container").map((x) => engine.removeContainer(x.id).catch(() => void 0))
  );
  if (volume) await volume.remove().catch((err) => notice(`cleanup: ${volume.name}: ${errorMessage(err)}`));
}
async function holdVolume(engine, image, volume, user, labels, notice) {
  const h = await startHolder(
    engine,
    holderContainer(labels, "lake-holder", image, user, [{ name: volume, mount: "/lake" }]),
    () => void 0
  );
  if (!h.started) {
    throw new InputError(
      "volumeBackend",
      `a tmpfs .lake needs a holder running \`sleep infinity\` in ${image}, which failed (${errorMessage(h.error)}); use a loop volume`
    );
  }
  if (h.retried !== null) {
    notice(
      `the .lake holder failed to start on the engine's side (${errorMessage(h.retried)}); a second one started`
    );
  }
}
function signalGroup(pid, sig) {
  try {
    if (pid) process.kill(-pid, sig);
  } catch {
  }
}
function exitCodeOf(child, o) {
  return new Promise((resolve, reject) => {
    child.on(
      "error",
      (e) => reject(new InputError("lake", `cannot start '${o.lake ?? "lake"}': ${e.message}`))
    );
    child.on("close", (code) => resolve(code));
  });
}
async function spawnComparator(o, cwd, env, signal) {
  const cap = o.outputCapBytes ?? COMPARATOR_OUTPUT_CAP;
  const out = new Kept(cap);
  const err = new Kept(cap);
  const child = (0, import_node_child_process3.spawn)(o.lake ?? "lake", ["env", o.comparator, o.config], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  });
  child.stdout.on("data", (c) => (out.push(c), o.onOutput?.("stdout", c)));
  child.stderr.on("data", (c) => (err.push(c), o.onOutput?.("stderr", c)));
  let timedOut = false;
  let interrupted = null;
  let hard;
  const stop = () => {
    signalGroup(child.pid, "SIGTERM");
    hard ??= setTimeout(() => signalGroup(child.pid, "SIGKILL"), 1e4);
  };
  const timer = setTimeout(() => (timedOut = true, stop()), o.timeoutMs ?? 2 * 60 * 6e4);
  const onAbort = () => (interrupted = signal?.reason ?? "SIGTERM", stop());
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    const exitCode = await exitCodeOf(child, o);
    if (interrupted) throw new InterruptedError(interrupted);
    return {
      exitCode: timedOut ? null : exitCode,
      timedOut,
      stdout: out.text(),
      stderr: err.text(),
      truncated: out.cut || err.cut
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(hard);
    signal?.removeEventListener("abort", onAbort);
  }
}

// src/sandbox/stages/lean.ts
function packageRoot(from = __dirname) {
  for (let d = from; d !== import_node_path18.default.dirname(d); d = import_node_path18.default.dirname(d)) {
    if (import_node_fs13.default.existsSync(import_node_path18.default.join(d, SHIM_PATH))) return d;
  }
  throw new InternalError(`${SHIM_PATH} is not in any folder above ${from}`);
}
async function runLeanJudge(ctx, spec, lean) {
  const { deps } = ctx;
  const scratch = import_node_path18.default.join(deps.volumeHost.stateDir, `${ctx.runId}-lean`);
  const project = import_node_path18.default.join(scratch, "project");
  try {
    await import_promises12.default.mkdir(scratch, { recursive: true, mode: 493 });
    assembleProject(spec.io.source.dir, spec.verdict.lean.challengeDir, lean.files, project);
    deps.notice(
      `comparator: judging ${lean.config.theorem_names.join(", ")} (every build and export in its own sandbox)`
    );
    return await runComparator(
      {
        projectDir: project,
        comparator: lean.programs.comparator,
        config: spec.verdict.lean.config,
        image: spec.image.ref,
        landrun: import_node_path18.default.join(packageRoot(), SHIM_PATH),
        lake: lean.programs.lake,
        lean4export: lean.programs.lean4export,
        env: {
          PATH: deps.env?.PATH ?? "/usr/local/bin:/usr/bin:/bin",
          HOME: deps.env?.HOME ?? "/nonexistent"
        },
        isolation: spec.security.isolation,
        lakeSizeBytes: Math.min(spec.limits.workSizeBytes, 8 * 1024 ** 3),
        stepLimits: {
          timeoutMs: spec.limits.timeoutMs,
          memoryBytes: spec.limits.memoryBytes,
          cpus: spec.limits.cpus,
          pids: spec.limits.pids
        },
        timeoutMs: spec.limits.timeoutMs
      },
      {
        engine: deps.engine,
        volumeHost: deps.volumeHost,
        now: deps.now,
        random: deps.random,
        signal: deps.signal,
        notice: deps.notice
      }
    );
  } finally {
    await import_promises12.default.rm(scratch, { recursive: true, force: true });
  }
}

// src/sandbox/stages/sandbox.ts
var import_promises14 = __toESM(require("node:fs/promises"), 1);
init_errors();
init_conformance();
init_outside_stop();
init_checked_pipe();
init_log_pipe();
init_plan();

// src/sandbox/source-tar.ts
init_errors();
var import_node_fs15 = __toESM(require("node:fs"), 1);
var import_promises13 = __toESM(require("node:fs/promises"), 1);
var import_node_path20 = __toESM(require("node:path"), 1);
var import_node_stream4 = require("node:stream");
var import_tar_stream6 = __toESM(require_tar_stream(), 1);
function packDirectory(root, owner, exclude = [], only) {
  const skip = new Set(exclude);
  const pack = import_tar_stream6.default.pack();
  const stats = { files: 0, bytes: 0, skipped: [] };
  const common = { uid: owner.uid, gid: owner.gid, uname: "", gname: "" };
  const walk = async (rel) => {
    const abs = rel ? import_node_path20.default.join(root, rel) : root;
    const names = (await import_promises13.default.readdir(abs)).sort();
    for (const name of names) {
      const childRel = rel ? `${rel}/${name}` : name;
      if (skip.has(childRel)) continue;
      const childAbs = import_node_path20.default.join(root, childRel);
      const st = await import_promises13.default.lstat(childAbs);
      const mode = st.mode & 511;
      if (st.isDirectory()) {
        await entry({ ...common, name: childRel, type: "directory", mode, mtime: st.mtime });
        await walk(childRel);
      } else if (only && !only(childRel)) {
        continue;
      } else if (st.isSymbolicLink()) {
        const linkname = await import_promises13.default.readlink(childAbs);
        await entry({ ...common, name: childRel, type: "symlink", linkname, mode: 511, mtime: st.mtime });
      } else if (st.isFile()) {
        const size2 = await packFile(pack, childAbs, { ...common, name: childRel, type: "file", mode });
        stats.files++;
        stats.bytes += size2;
      } else {
        stats.skipped.push(childRel);
      }
    }
  };
  const entry = (h) => new Promise((resolve, reject) => {
    pack.entry(h, (err) => err ? reject(err) : resolve());
  });
  const done = walk("").then(
    () => {
      pack.finalize();
      return stats;
    },
    (err) => {
      pack.destroy(asError(err));
      throw err;
    }
  );
  return { stream: import_node_stream4.Readable.from(pack), done };
}
async function packFile(pack, abs, header) {
  const fh = await import_promises13.default.open(abs, import_node_fs15.default.constants.O_RDONLY | import_node_fs15.default.constants.O_NOFOLLOW);
  let fst;
  try {
    fst = await fh.stat();
  } catch (err) {
    await fh.close();
    throw err;
  }
  await new Promise((resolve, reject) => {
    const w = pack.entry(
      { ...header, size: fst.size, mtime: fst.mtime },
      (err) => err ? reject(err) : resolve()
    );
    const rs = fh.createReadStream();
    rs.on("error", reject);
    rs.pipe(w);
  });
  return fst.size;
}

// src/sandbox/stages/sandbox.ts
var LOG_CAPTURE_CAP = 16 * 1024 * 1024;
async function createSandbox(ctx, p, o) {
  const { spec, deps } = ctx;
  const { engine } = deps;
  const copy = openLogCopy(ctx);
  const id = await engine.createContainer(p.container);
  ctx.cleanup.add("remove container", () => engine.removeContainer(id));
  const stops = new StopWatch();
  const kill = () => {
    stops.ours();
    return engine.killContainer(id, "KILL");
  };
  const check2 = await checkConformance(ctx, p, id);
  const expect = p.selfCheck;
  const capture = spec.verdict.annotate && spec.verdict.annotate.parser !== "junit" ? new Capture(LOG_CAPTURE_CAP) : null;
  const pipe = checkedLogPipe(ctx, o.logs, {
    capture,
    copy,
    expect,
    deadEndGateways: o.deadEndGateways,
    check: check2,
    kill
  });
  const stateDir = !o.filled && spec.io.stateDir && (await import_promises14.default.readdir(spec.io.stateDir).catch(() => [])).length > 0 ? spec.io.stateDir : null;
  ctx.cleanup.add("stop following the engine events", async () => stops.close());
  const [, attached, watch2] = await ctx.race(
    Promise.all([
      fillVolumes(ctx, p, id, { ...o, stateDir }),
      engine.attach(id, pipe.sink),
      engine.watchExit(id),
      stops.start(engine, id)
    ])
  );
  ctx.cleanup.add("detach log", async () => attached.close());
  return { id, attached, watch: watch2, pipe, capture, check: check2, stops, kill };
}
async function checkConformance(ctx, p, id) {
  const mismatches = conformance(p.container, await ctx.deps.engine.inspectCreated(id));
  const check2 = { conformance: { ok: mismatches.length === 0, mismatches }, selfCheck: null };
  ctx.sandboxCheck = check2;
  if (mismatches.length) throw new SandboxError(mismatches.map((m) => `the engine did not honour ${m}`));
  return check2;
}
async function fillVolumes(ctx, p, id, o) {
  const { deps } = ctx;
  const copyIn = async (dir, target, exclude = []) => {
    if (!dir) return;
    const packed = packDirectory(dir, o.owner, exclude);
    await Promise.all([deps.engine.putArchive(id, target, packed.stream), packed.done]);
  };
  await Promise.all([
    copyIn(o.filled ? null : p.copySource, WORK_DIR, o.exclude),
    copyIn(o.stateDir, STATE_DIR)
  ]);
}

// src/sandbox/stages/setup.ts
init_plan();
init_command();
async function runSetup(ctx, prep, main2, o) {
  const setup = prep.spec.phases.setup;
  const { deps } = ctx;
  const t0 = Date.now();
  return ctx.phase("remove the setup phase", async () => {
    const spec = {
      ...prep.spec,
      image: { ...prep.spec.image, entrypoint: null },
      network: setup.network,
      command: ["/bin/sh", "-c", setup.command]
    };
    const net3 = await ctx.race(
      // Its own names (a proxy of the main phase may follow); the run's labels, so gc finds it.
      setupNetwork(spec, ctx.networkDeps(`${ctx.runId}-setup`))
    );
    const p = plan(spec, {
      runId: ctx.runId,
      createdAt: ctx.createdAt,
      uid: prep.owner.uid,
      gid: prep.owner.gid,
      network: net3.network,
      imageEntrypoint: null,
      // The same /work as the main phase: the trusted files over it (the trusted tests, lean's challenge files).
      overlays: [...prep.pytest?.mounts ?? [], ...prep.lean?.overlays ?? []],
      hostMounts: prep.hostMounts,
      runtimes: prep.runtimes
    });
    p.container.name = `${main2.container.name}-setup`;
    p.container.labels = { ...p.container.labels, [LABEL_ROLE]: "setup" };
    deps.notice(`setup phase (network ${setup.network}): ${setup.command}`);
    const logs = new LogStream(deps.log, spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
    const box = await createSandbox(ctx, p, {
      logs,
      owner: prep.owner,
      exclude: [...prep.pytest?.exclude ?? [], ...prep.lean?.exclude ?? []],
      deadEndGateways: o.deadEnd(net3.gateways)
    });
    const exit = await runCommand(ctx, box, net3, logs);
    const egress = net3.ledger?.report() ?? null;
    const report = {
      command: setup.command,
      network: setup.network,
      exitCode: exit.commandExitCode,
      timedOut: exit.timedOut,
      oomKilled: exit.oomKilled,
      durationMs: Date.now() - t0,
      sandbox: box.check,
      egress
    };
    return { report, exit };
  });
}

// src/sandbox/stages/volumes.ts
init_errors();
init_plan();
init_plan();
init_volumes();
var SIZE_KEY = { work: "workSizeBytes", output: "outputSizeBytes", state: "stateSizeBytes" };
async function createVolumes(ctx, prep) {
  const { engine, volumeHost } = ctx.deps;
  const plans = volumePlans(prep.spec, ctx.runId);
  const make = (vs) => ctx.race(
    Promise.allSettled(
      vs.map((v) => createVolume(engine, volumeHost, prep.backend, v, prep.owner, ctx.labels))
    )
  );
  const made = await make(plans);
  const madeVolumes = () => made.flatMap((m) => m.status === "fulfilled" ? [m.value] : []);
  ctx.cleanup.add("remove volumes", async () => {
    const volumes2 = madeVolumes();
    const done = await Promise.allSettled(volumes2.map((v) => v.remove()));
    const bad2 = done.flatMap(
      (d, i) => d.status === "rejected" ? [`${volumes2[i].name}: ${errorMessage(d.reason)}`] : []
    );
    const causes = done.flatMap((d) => d.status === "rejected" ? [d.reason] : []);
    if (bad2.length) throw new CleanupError(bad2, causes);
  });
  const failed2 = made.flatMap((m, i) => m.status === "rejected" ? [i] : []);
  const retry = failed2.length > 0 && failed2.every((i) => {
    const reason = made[i].reason;
    return reason instanceof ReservationError && prep.spec.limits.defaultSizes.includes(SIZE_KEY[plans[i].role]);
  });
  if (retry) {
    const again = failed2.map((i) => plans[i]);
    const keys = again.map((v) => SIZE_KEY[v.role]);
    const fit = fitVolumes(again, keys, await volumeHost.freeBytes(), volumeHost.stateDir);
    ctx.notes.push(...fit.notes);
    const second = await make(
      again.map((v) => ({ ...v, sizeBytes: fit.sizes[SIZE_KEY[v.role]] ?? v.sizeBytes }))
    );
    failed2.forEach((i, k) => made[i] = second[k]);
  }
  const volumes = madeVolumes();
  const bad = made.find((m) => m.status === "rejected");
  if (bad) throw bad.reason;
  if (prep.spec.phases.persist) volumes.push(await persistVolume(ctx, prep, prep.spec.phases.persist));
  if (prep.backend === "unbounded") {
    await chownVolumes(ctx, prep.spec.image.ref, volumes, prep.owner, ctx.labels);
  } else if (ctx.deps.engine.info.name === "podman") {
    await holdVolumes(ctx, prep.spec.image.ref, volumes, prep.owner, ctx.labels);
  }
  ctx.check();
  return volumes;
}
async function persistVolume(ctx, prep, persist) {
  const { engine, volumeHost } = ctx.deps;
  const pending = attachPersist(
    engine,
    volumeHost,
    { ...persist, name: persistVolumeName(ctx.runId) },
    prep.owner,
    ctx.labels
  );
  ctx.cleanup.add("detach /persist", async () => {
    const v = await pending.catch(() => null);
    await v?.remove();
  });
  const p = await ctx.race(pending);
  if (p.note) ctx.notes.push(p.note);
  return { ...p, remove: async () => void 0 };
}
async function holdVolumes(ctx, image, volumes, owner, labels) {
  const { engine } = ctx.deps;
  const spec = holderContainer(labels, "holder", image, owner, volumes);
  const h = await startHolder(
    engine,
    spec,
    (id) => ctx.cleanup.add("remove the volume holder", () => engine.removeContainer(id)),
    () => ctx.check()
  );
  if (!h.started) {
    throw new EngineError(
      engine.info.name,
      "hold the volumes mounted",
      `Podman unmounts a volume when no running container has it, so a holder runs \`sleep infinity\` from ${image}, which failed: ${errorMessage(h.error)}`,
      "use an image with sleep, or --volume-backend unbounded"
    );
  }
  if (h.retried !== null) {
    ctx.notes.push(
      `the volume holder failed to start on the engine's side (${errorMessage(h.retried)}); a second one started`
    );
  }
}
async function chownVolumes(ctx, image, volumes, owner, labels) {
  const { engine } = ctx.deps;
  const id = await engine.createContainer(
    // The one helper that runs as root: it needs CHOWN and nothing else, with no network.
    chownContainer(labels, image, owner, volumes)
  );
  try {
    const watch2 = await engine.watchExit(id);
    await engine.startContainer(id);
    const code = await watch2.exit;
    if (code !== 0) throw new InternalError(`chown of the unbounded volumes exited with ${code}`);
  } finally {
    await engine.removeContainer(id);
  }
}

// src/sandbox/execute.ts
var ENGINE_BACK_WITHIN_MS = 3e4;
async function executeRun(spec, deps) {
  const ctx = new RunContext(spec, deps);
  const afterCleanup = deps.onRunId?.(ctx.runId);
  const logs = new LogStream(deps.log, spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
  const x = {
    imageId: null,
    plan: null,
    net: null,
    volumes: [],
    exit: null,
    collected: null,
    verdict: null,
    cleanupMs: 0,
    setup: null
  };
  let failure = null;
  try {
    deps.onStage?.("prepare");
    const prep = await prepare(ctx);
    x.imageId = prep.image.id;
    const net3 = await networkAndVolumes(ctx, prep, x);
    ctx.check();
    const p = x.plan = planSandbox(ctx, prep, net3);
    ctx.notes.push(...p.notes);
    deps.onPlan?.(p);
    const deadEnd = deadEndFilter(deps);
    const budget = await setupPhase(ctx, prep, p, x, deadEnd);
    deps.onStage?.("command");
    const box = await createSandbox(ctx, p, {
      logs,
      owner: prep.owner,
      exclude: prep.exclude,
      deadEndGateways: deadEnd(net3.gateways),
      filled: prep.spec.phases.setup !== null
    });
    const exit = x.exit = await runCommand(ctx, box, net3, logs, budget);
    if (podmanOomSuspected(deps.engine, exit)) ctx.notes.push(PODMAN_OOM_NOTE);
    deps.onStage?.("collect");
    const collected = x.collected = await collect(ctx, prep.spec, box, p, exit.timedOut);
    const lean = await leanEvidence(ctx, prep, exit);
    x.verdict = await judge(
      prep.spec,
      { expected: prep.expected, trustedTests: prep.pytest?.trusted ?? false, lean },
      exit,
      collected
    );
  } catch (err) {
    if (!(err instanceof SetupFailed)) failure = err;
    logs.end();
  }
  deps.onStage?.("cleanup");
  x.cleanupMs = await cleanUp(ctx, failure);
  afterCleanup?.();
  return finalResult(ctx, x, failure);
}
async function networkAndVolumes(ctx, prep, x) {
  const [netMade, volumesMade] = await Promise.allSettled([
    ctx.race(setupNetwork(prep.spec, ctx.networkDeps())),
    createVolumes(ctx, prep)
  ]);
  if (volumesMade.status === "fulfilled") x.volumes = volumesMade.value;
  if (netMade.status === "fulfilled") x.net = netMade.value;
  if (netMade.status === "rejected") throw netMade.reason;
  if (volumesMade.status === "rejected") throw volumesMade.reason;
  return netMade.value;
}
function planSandbox(ctx, prep, net3) {
  return plan(prep.spec, {
    runId: ctx.runId,
    createdAt: ctx.createdAt,
    plannedAt: ctx.deps.now(),
    uid: prep.owner.uid,
    gid: prep.owner.gid,
    network: net3.network,
    imageEntrypoint: prep.image.entrypoint,
    extraArgs: prep.pytest?.args ?? [],
    overlays: [...prep.pytest?.mounts ?? [], ...prep.lean?.overlays ?? [], ...prep.hide],
    hostMounts: prep.hostMounts,
    runtimes: prep.runtimes,
    engineTmpfs: ctx.deps.engine.info.readOnlyTmpfs
  });
}
function deadEndFilter(deps) {
  const hostAddresses = deps.hostAddresses ?? localAddresses;
  return (gateways) => gateways.filter((g) => deps.engine.info.local && !hostAddresses().includes(g));
}
async function setupPhase(ctx, prep, p, x, deadEnd) {
  const timeout2 = ctx.spec.limits.timeoutMs;
  if (!prep.spec.phases.setup) return timeout2;
  ctx.deps.onStage?.("setup");
  const s2 = await runSetup(ctx, prep, p, { deadEnd });
  x.setup = s2.report;
  if (s2.exit.timedOut || s2.exit.oomKilled || s2.exit.commandExitCode !== 0) {
    ctx.notes.push(
      `the setup command ${s2.exit.timedOut ? "timed out" : s2.exit.oomKilled ? "was OOM-killed" : `exited ${s2.exit.commandExitCode}`}; the command did not run`
    );
    x.exit = s2.exit;
    throw new SetupFailed();
  }
  return Math.max(1e3, timeout2 - s2.report.durationMs);
}
function podmanOomSuspected(engine, exit) {
  return engine.info.name === "podman" && exit.commandExitCode === 137 && !exit.oomKilled && !exit.timedOut;
}
async function leanEvidence(ctx, prep, exit) {
  if (!prep.lean) return null;
  for (const f of await ctx.cleanup.run()) ctx.notes.push(`cleanup: ${f}`);
  return {
    layout: prep.lean,
    outcome: exit.timedOut ? null : await ctx.race(runLeanJudge(ctx, prep.spec, prep.lean))
  };
}
async function cleanUp(ctx, failure) {
  const t = Date.now();
  const retry = {
    ping: () => ctx.deps.engine.ping(),
    withinMs: ctx.engineStopped ? ENGINE_BACK_WITHIN_MS : 0
  };
  for (const f of await ctx.cleanup.run({ retry })) {
    if (failure === null) ctx.notes.push(`cleanup: ${f}`);
    else ctx.deps.notice(`cleanup: ${f}`);
  }
  return Date.now() - t;
}
function finalResult(ctx, x, failure) {
  try {
    return assembleResult(ctx, x, failure);
  } catch (err) {
    return assembleResult(
      ctx,
      { ...x, plan: null, collected: null },
      new InternalError(errorMessage(failure ?? err))
    );
  }
}
var SetupFailed = class extends Error {
};
function localAddresses() {
  return Object.values(import_node_os.default.networkInterfaces()).flat().flatMap((i) => i && i.family === "IPv4" ? [i.address] : []);
}

// src/session/warm.ts
init_log_pipe();
init_plan();
init_run_context();
init_collect2();
init_command2();

// src/session/create.ts
init_errors();
init_config();
init_plan();
init_run_context();

// src/session/network.ts
var import_node_os2 = __toESM(require("node:os"), 1);
init_plan();
init_secret_routes();
function deadEndGateways(deps, gateways) {
  const mine = (deps.hostAddresses ?? localAddresses2)();
  return gateways.filter((g) => deps.engine.info.local && !mine.includes(g));
}
function localAddresses2() {
  return Object.values(import_node_os2.default.networkInterfaces()).flat().flatMap((i) => i && i.family === "IPv4" ? [i.address] : []);
}
async function proxyVariables(engine, r) {
  const n = r.network;
  if (!n.proxyContainer || !n.internalNetwork || !n.proxyPort) return [];
  const addr = (await engine.containerAddresses(n.proxyContainer))[n.internalNetwork];
  return addr ? [...proxyEnv(addr, n.proxyPort), ...routeEnv(r.spec.egress?.routes ?? [], addr, n.proxyPort)] : null;
}
async function followProxy(engine, r) {
  const n = r.network;
  if (!n.proxyContainer || !n.egress) return { ledger: null, stop: async () => void 0 };
  const ledger = new Ledger(n.egress.mode, n.egress.domains, n.egress.image);
  let pending = "";
  const attached = await engine.attach(n.proxyContainer, (stream, chunk) => {
    if (stream !== "stdout") return;
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop();
    if (pending.length > 1024 * 1024) pending = "";
    for (const line2 of lines) if (!line2.startsWith('{"event":"listening"')) ledger.addLine(line2);
  });
  let stopped = false;
  return {
    ledger,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise((res) => setTimeout(res, 100));
      attached.close();
      if (pending) ledger.addLine(pending);
    }
  };
}

// src/session/create.ts
init_plan2();

// src/session/hash.ts
var import_node_crypto7 = require("node:crypto");
var SPEC_FIELDS = {
  preset: "run",
  image: { ref: "plan", entrypoint: "run", pull: "run" },
  command: "run",
  env: "plan",
  io: {
    // A read-only source is a bind mount of the container: its directory is part of the plan (see planFacts).
    source: "run",
    outputDir: "run",
    // The host directory is per run (copied in, collected back); whether /state exists is the plan's (planFacts).
    stateDir: "run",
    logFile: "run",
    resultFile: "run"
  },
  limits: {
    timeoutMs: "plan",
    memoryBytes: "plan",
    cpus: "plan",
    pids: "plan",
    nofile: "plan",
    fsizeBytes: "plan",
    tmpSizeBytes: "plan",
    workSizeBytes: "plan",
    outputSizeBytes: "plan",
    stateSizeBytes: "plan",
    outputCaps: "plan",
    logLimitBytes: "run",
    defaultSizes: "run"
  },
  security: {
    user: "plan",
    allowRoot: "plan",
    writableRoot: "plan",
    tmpExec: "plan",
    capAdd: "plan",
    isolation: "plan",
    allowWeakerGvisor: "plan",
    selfCheck: "plan"
  },
  network: "plan",
  egress: "plan",
  host: {
    // Another engine is another sandbox.
    engine: "plan",
    volumeBackend: "plan",
    // The watchdog guards the process that runs the sandbox, not the sandbox itself.
    watchdog: "run"
  },
  verdict: {
    declared: "run",
    junit: "run",
    expectDir: "run",
    annotate: "run",
    audit: "plan",
    tests: "plan",
    subject: "run",
    lean: "plan"
  },
  phases: {
    mounts: "plan",
    allowMounts: "plan",
    persist: "plan",
    setup: "plan",
    // Whether a run is warm is not part of what it runs in; the idle time is the keeper's business.
    warm: "run"
  }
};
function specFieldParts() {
  return Object.entries(SPEC_FIELDS).flatMap(
    ([k, v]) => typeof v === "string" ? [[k, v]] : Object.entries(v).map(([f, part]) => [`${k}.${f}`, part])
  );
}
function valueAt(spec, key) {
  return key.split(".").reduce((v, k) => v[k], spec);
}
function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v).sort().map((k) => [k, canonical(v[k])])
    );
  }
  return v;
}
function planFacts(spec, imageId) {
  const facts = { imageId };
  for (const [k, part] of specFieldParts()) if (part === "plan") facts[k] = valueAt(spec, k);
  facts.readOnlySource = spec.io.source?.readOnly ? spec.io.source.dir : null;
  facts.hasState = spec.io.stateDir !== null;
  return canonical(facts);
}
function planHash(spec, imageId) {
  return (0, import_node_crypto7.createHash)("sha256").update(JSON.stringify(planFacts(spec, imageId))).digest("hex").slice(0, 32);
}

// src/session/create.ts
init_record();
var KEEPER_START_TIMEOUT_MS = 6e4;
var GVISOR_EXEC = "a session's commands are exec'd into its container, and gVisor (runsc 20221219, measured here) applies the seccomp profile only to the container's first process: an exec'd one has seccomp mode 0";
function sessionRefusal(spec) {
  const no = (input, why) => new InputError(input, why);
  if (spec.security.isolation === "runsc" && !spec.security.allowWeakerGvisor) {
    return no(
      "--isolation",
      `runsc: ${GVISOR_EXEC}; pass --allow-weaker-gvisor to take that (recorded), or use run`
    );
  }
  if (spec.io.outputDir)
    return no("--output-dir", "a session collects with `cp ID:/output/PATH DEST` or `exec --output-dir`");
  if (spec.io.resultFile)
    return no("--result-file", "a session writes results per exec (`exec --result-file`)");
  if (spec.verdict.tests) return no("--tests", "trusted tests are mounted per run: use `run`");
  if (spec.verdict.lean) return no("--challenge", "comparator judges one run: use `run`");
  if (spec.verdict.audit) return no("--audit-target", "the proof audit judges one run: use `run`");
  if (spec.phases.setup) return no("--setup", "a session has one container: run setup commands with exec");
  if (spec.verdict.declared.length || spec.verdict.junit || spec.verdict.expectDir) {
    return no("--output", "a session judges commands by their exit code; declared outputs belong to `run`");
  }
  if (spec.verdict.annotate) return no("--annotate", "annotations belong to `run`");
  return null;
}
async function createSession(spec, deps, o) {
  const ctx = new RunContext(spec, deps);
  let imageId = "";
  try {
    const prep = await prepare(ctx);
    imageId = prep.image.id;
    const hash = planHash(spec, imageId);
    const labels = sessionLabels({ id: ctx.runId, name: o.name, kind: o.kind, planHash: hash });
    Object.assign(ctx.labels, labels);
    const net3 = await sessionNetwork(ctx, prep);
    ctx.check();
    const p = sessionPlan(ctx, prep, net3.network);
    const volumes = await createVolumes(ctx, prep);
    const { box, container, keeper, deadEnd, logs } = await startKeeper(ctx, prep, p, labels, net3.gateways);
    const record = sessionRecord({
      ctx,
      o,
      hash,
      now: deps.now().toISOString(),
      prep,
      boxId: box.id,
      container,
      keeper,
      selfCheck: p.selfCheck,
      net: net3,
      deadEnd,
      volumes
    });
    await writeRecord(sessionsDir(deps.volumeHost.stateDir), record);
    logs.end();
    box.watch.cancel();
    const failures = await ctx.cleanup.runOnly((what) => !/^(remove|detach \/persist)/.test(what));
    return { record, notes: [...ctx.notes, ...failures.map((f) => `cleanup: ${f}`)] };
  } catch (err) {
    for (const f of await ctx.cleanup.run()) deps.notice(`cleanup: ${f}`);
    throw err;
  }
}
async function startKeeper(ctx, prep, p, labels, gateways) {
  const { deps } = ctx;
  const keeper = keeperFor(prep.owner);
  const container = sessionContainer(p, {
    name: p.container.name,
    labels: { ...labels, [LABEL_ROLE]: "sandbox" },
    keeper
  });
  const deadEnd = deadEndGateways(deps, gateways);
  const logs = new LogStream(deps.log, prep.spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
  const box = await createSandbox(
    ctx,
    {
      ...p,
      container,
      selfCheck: p.selfCheck ? { ...p.selfCheck, uid: keeper.uid, gid: keeper.gid } : null
    },
    { logs, owner: prep.owner, exclude: [], deadEndGateways: deadEnd }
  );
  await ctx.race(deps.engine.startContainer(box.id));
  if (p.selfCheck) await waitForCheck(ctx, box.check, box.watch.exit);
  return { box, container, keeper, deadEnd, logs };
}
function sessionNetwork(ctx, prep) {
  return ctx.race(setupNetwork(prep.spec, ctx.networkDeps()));
}
function sessionPlan(ctx, prep, network) {
  return plan(prep.spec, {
    runId: ctx.runId,
    createdAt: ctx.createdAt,
    uid: prep.owner.uid,
    gid: prep.owner.gid,
    network,
    imageEntrypoint: prep.image.entrypoint,
    hostMounts: prep.hostMounts,
    runtimes: prep.runtimes
  });
}
function sessionRecord(x) {
  const { ctx, o, hash, now, prep, boxId, container, keeper, selfCheck, net: net3, deadEnd, volumes } = x;
  return {
    version: RECORD_VERSION,
    id: ctx.runId,
    name: o.name,
    kind: o.kind,
    planHash: hash,
    createdAt: ctx.createdAt.toISOString(),
    lastUsedAt: now,
    stoppedAt: null,
    keep: o.keep,
    idleTtlMs: o.idleTtlMs,
    imageId: prep.image.id,
    spec: prep.spec,
    container: { id: boxId, plan: container },
    keeper,
    user: prep.owner,
    selfCheck,
    imageEntrypoint: prep.image.entrypoint,
    network: {
      proxyContainer: net3.proxyContainer,
      internalNetwork: net3.proxyContainer ? net3.network.mode : null,
      proxyPort: net3.proxyContainer ? PROXY_PORT : null,
      deadEndGateways: deadEnd,
      egress: net3.ledger && prep.spec.egress ? {
        mode: prep.spec.egress.mode,
        domains: prep.spec.egress.domains,
        image: net3.ledger.report().proxyImage
      } : null
    },
    volumes: volumes.map((v) => ({
      name: v.name,
      role: v.role,
      mount: v.mount,
      sizeBytes: v.sizeBytes,
      backend: v.backend,
      enforced: v.enforced,
      reserved: v.reserved
    })),
    notes: [...ctx.notes]
  };
}
async function waitForCheck(ctx, check2, exit) {
  const until = Date.now() + KEEPER_START_TIMEOUT_MS;
  let exited = null;
  exit.then(
    (c) => exited = c,
    () => void 0
  );
  while (check2.selfCheck === null) {
    ctx.check();
    if (exited !== null) {
      throw new SandboxError([`the session's container exited (${exited}) before its self-check reported`]);
    }
    if (Date.now() > until) throw new SandboxError(["the session's self-check did not report within 60 s"]);
    await new Promise((r) => setTimeout(r, 10));
  }
  ctx.check();
  if (!check2.selfCheck.ok) throw new SandboxError(check2.selfCheck.problems);
}

// src/session/exec.ts
init_errors();
init_run_context();
init_collect2();
init_command2();
init_lifecycle();
init_record();
function sessionPieces(r) {
  return {
    imageId: r?.imageId ?? null,
    plan: r ? planOf(r) : null,
    net: null,
    volumes: (r?.volumes ?? []).map((v) => ({
      ...v,
      backend: v.backend,
      remove: async () => void 0
    })),
    exit: null,
    collected: null,
    verdict: null,
    cleanupMs: 0
  };
}
function sessionInfo(r, warm = null) {
  return { id: r.id, name: r.name, kind: r.kind, planHash: r.planHash, warm };
}
async function execInSession(o, deps, base) {
  let r = null;
  let ctx = new RunContext(base, deps);
  const x = sessionPieces(null);
  let failure = null;
  let logs = null;
  let proxy = null;
  try {
    await sweep(deps).catch(() => void 0);
    r = await findSession(dirOf(deps), o.ref);
    if (r.kind === "warm")
      throw new InputError("ID", `'${o.ref}' is a warm sandbox of run --warm; create a session to exec in`);
    const spec = execSpec2(r, o);
    ctx = new RunContext(spec, deps);
    Object.assign(x, sessionPieces(r));
    ctx.notes.push(...r.notes);
    await checkDirectory("--output-dir", spec.io.outputDir, "empty-or-absent");
    await mustRun(deps, r, o.ref);
    await touch(deps, r);
    const check2 = ctx.sandboxCheck = await checkConformance2(ctx, r);
    const vars = await proxyVariables(deps.engine, r);
    if (vars === null)
      throw new SandboxError(["the session's proxy has no address: stop and start the session"]);
    proxy = await followProxy(deps.engine, r);
    logs = new LogStream(deps.log, spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
    const exit = x.exit = await runSessionCommand(ctx, r, o.command, check2, {
      logs,
      timeoutMs: spec.limits.timeoutMs,
      env: [...vars, ...o.env],
      deadEndGateways: r.network.deadEndGateways
    });
    await proxy.stop();
    x.net = netOf(proxy.ledger);
    const collected = x.collected = await collect(
      ctx,
      spec,
      { id: r.container.id, capture: null },
      planOf(r),
      exit.timedOut
    );
    x.verdict = await judgeExec(exit, collected.outputs.collected ? spec.io.outputDir : null);
    await touch(deps, r);
  } catch (err) {
    failure = err;
    logs?.end();
  }
  await proxy?.stop().catch(() => void 0);
  for (const f of await ctx.cleanup.run()) ctx.notes.push(`cleanup: ${f}`);
  try {
    const result = assembleResult(ctx, x, failure);
    return r ? { ...result, session: sessionInfo(r) } : result;
  } catch (err) {
    return assembleResult(ctx, sessionPieces(null), new InternalError(errorMessage(failure ?? err)));
  }
}
async function mustRun(deps, r, ref) {
  const running2 = await isRunning(deps.engine, r.container.id);
  if (running2 === true) return;
  throw new InputError(
    "ID",
    running2 === null ? `'${ref}': its container is gone; remove the session with rm` : `'${ref}' is stopped; start it first (sandbox-action start ${r.name ?? r.id})`
  );
}
function execSpec2(r, o) {
  return {
    ...r.spec,
    command: o.command,
    io: { ...r.spec.io, outputDir: o.outputDir, resultFile: o.resultFile, logFile: null, stateDir: null },
    limits: { ...r.spec.limits, timeoutMs: o.timeoutMs ?? r.spec.limits.timeoutMs },
    verdict: { ...r.spec.verdict, annotate: null, audit: null, declared: [], junit: null, expectDir: null }
  };
}
function judgeExec(exit, outputDir) {
  return judgeRun(
    { declared: [], junit: null, expect: null },
    {
      commandExitCode: exit.commandExitCode,
      timedOut: exit.timedOut,
      oomKilled: exit.oomKilled,
      outputDir,
      declared: [],
      audit: null,
      readCollected: async () => null
    },
    { root: "/work", auditAnnotations: [] }
  );
}
function netOf(ledger) {
  return ledger ? {
    network: { mode: "", env: [], dns: [] },
    ledger,
    proxyContainer: null,
    gateways: [],
    stop: async () => void 0
  } : null;
}

// src/session/warm.ts
init_lifecycle();
init_record();

// src/session/reset.ts
init_errors();
init_command2();
init_lifecycle();

// src/session/procs.ts
var import_promises18 = __toESM(require("node:fs/promises"), 1);
var import_node_path23 = __toESM(require("node:path"), 1);
function cgroupDirs(id) {
  return [
    `/sys/fs/cgroup/pids/docker/${id}`,
    `/sys/fs/cgroup/pids/system.slice/docker-${id}.scope`,
    `/sys/fs/cgroup/system.slice/docker-${id}.scope`,
    `/sys/fs/cgroup/docker/${id}`
  ];
}
function parseStatus(text2) {
  const name = /^Name:\t(.*)$/m.exec(text2);
  const uid = /^Uid:\t(\d+)\t(\d+)\t(\d+)\t(\d+)$/m.exec(text2);
  if (!name || !uid) return null;
  return { name: name[1], uids: uid.slice(1, 5).map(Number) };
}
function processTable(procs, keeperUid) {
  const keeper = procs.some(({ status }) => status?.uids.every((u) => u === keeperUid));
  if (!keeper) return null;
  return {
    titles: ["PID", "UID", "COMMAND"],
    processes: procs.map(
      ({ pid, status }) => status ? [
        String(pid),
        new Set(status.uids).size === 1 ? String(status.uids[0]) : status.uids.join("/"),
        status.name
      ] : [String(pid), "?", "(gone while listed)"]
    )
  };
}
async function cgroupPids(dir) {
  const text2 = await import_promises18.default.readFile(import_node_path23.default.join(dir, "cgroup.procs"), "utf8").catch(() => null);
  if (text2 === null) return null;
  const pids = text2.split("\n").filter(Boolean).map(Number);
  if (pids.some((p) => !Number.isInteger(p) || p <= 0))
    throw new Error(`${dir}/cgroup.procs: not a PID list`);
  for (const e of await import_promises18.default.readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) pids.push(...await cgroupPids(import_node_path23.default.join(dir, e.name)) ?? []);
  }
  return pids;
}
async function hostProcesses(id, keeperUid) {
  if (!/^[0-9a-f]{64}$/.test(id)) return null;
  for (const dir of cgroupDirs(id)) {
    const pids = await cgroupPids(dir);
    if (pids === null) continue;
    const procs = [];
    for (const pid of pids) {
      const text2 = await import_promises18.default.readFile(`/proc/${pid}/status`, "utf8").catch((err) => {
        if (err.code === "ENOENT" || err.code === "ESRCH") return null;
        throw err;
      });
      const status = text2 === null ? null : parseStatus(text2);
      if (text2 !== null && !status) throw new Error(`/proc/${pid}/status: no Name or Uid line`);
      procs.push({ pid, status });
    }
    return processTable(procs, keeperUid);
  }
  return null;
}
async function containerProcesses(engine, id, keeperUid) {
  const local = engine.info.local && engine.info.name === "docker" ? await hostProcesses(id, keeperUid) : null;
  return local ?? engine.top(id, "-o pid,uid,comm");
}

// src/session/reset.ts
init_reset_script();
var SETTLE_TRIES = 40;
var SETTLE_MS = 25;
var gvisor = (r) => r.spec.security.isolation === "runsc";
async function strays(ctx, r) {
  for (let i = 0; ; i++) {
    const table = await containerProcesses(ctx.deps.engine, r.container.id, r.keeper.uid);
    const left = strayProcesses(table, r.keeper.uid);
    if (left === null)
      return ["the engine's process list has no PID and UID columns, so the reset cannot be checked"];
    if (left.length === 0 || i >= SETTLE_TRIES) return left.map((p) => `a process outlived the reset: ${p}`);
    await new Promise((res) => setTimeout(res, SETTLE_MS));
  }
}
async function endRun(ctx, r) {
  const { engine } = ctx.deps;
  try {
    if (gvisor(r)) {
      await engine.killContainer(r.container.id, "KILL");
      await engine.waitContainer(r.container.id);
      return [];
    }
    const k = await trustedExec(ctx, r, KILL_SCRIPT, 1e4);
    const left = await strays(ctx, r);
    if (left.length && k.exitCode !== 0) left.unshift(`the kill step exited ${k.exitCode}`);
    if (left.length) {
      await engine.killContainer(r.container.id, "KILL");
      await engine.waitContainer(r.container.id).catch(() => void 0);
    }
    return left;
  } catch (err) {
    await engine.killContainer(r.container.id, "KILL").catch(() => void 0);
    return [`the reset failed: ${errorMessage(err)}`];
  }
}
async function readyForRun(ctx, r, fresh) {
  const { engine } = ctx.deps;
  try {
    const running2 = await isRunning(engine, r.container.id);
    if (running2 === null) return ["its container is gone"];
    if (!running2) {
      if (!gvisor(r)) return ["it is not running (stopped by someone else)"];
      await startKeeper2(engine, r);
    }
    await checkConformance2(ctx, r);
    if (!gvisor(r)) {
      const left = await strays(ctx, r);
      if (left.length) return left;
    }
    if (fresh) return [];
    const w = await trustedExec(
      ctx,
      r,
      wipeScript(
        wipeTargets({ writableWork: !r.spec.io.source?.readOnly, state: r.spec.io.stateDir !== null })
      ),
      6e4
    );
    if (w.exitCode === 0) return [];
    const found = parseWipeReport(w.stderr);
    return w.exitCode === RESET_UNCLEAN && found.length ? found.map((f) => `the wipe left ${f}`) : [`the wipe exited ${w.exitCode}: ${w.stderr.trim().slice(0, 300)}`];
  } catch (err) {
    return [`it could not be checked: ${errorMessage(err)}`];
  }
}

// src/session/warm-rules.ts
function warmBlocker(spec) {
  if (spec.security.isolation === "runsc" && !spec.security.allowWeakerGvisor) {
    return "--isolation runsc: a warm run's command is exec'd into the warm sandbox, which gets no seccomp filter inside gVisor (runsc 20221219); --allow-weaker-gvisor takes that";
  }
  if (spec.security.writableRoot)
    return "--writable-root: what a run writes to the root filesystem would be seen by the next";
  if (spec.security.allowRoot) {
    return "--allow-root: uid 0 owns /dev and the roots of /tmp and /dev/shm, which the reset does not renew (a file, or a device node replaced, would be seen by the next run)";
  }
  if (spec.security.capAdd.length) {
    return `--cap-add ${spec.security.capAdd.join(",")}: a capability lets a run reach past its own processes`;
  }
  const rw = spec.phases.mounts.find((m) => !m.readOnly);
  if (rw) return `--mount ${rw.host}:${rw.dest}:rw: a writable host mount carries state to the next run`;
  if (spec.phases.persist) return "--persist: /persist is kept between runs by design (use a session)";
  if (spec.phases.setup) return "--setup: the setup phase has a container of its own for each run";
  if (spec.verdict.tests) return "--tests: trusted tests are mounted for one run";
  if (spec.verdict.lean)
    return "--challenge: comparator judges one run on the trusted side, in sandboxes of its own";
  if (spec.verdict.audit) return "--audit-target: the proof audit runs in a fresh sandbox of its own";
  return null;
}

// src/session/warm.ts
async function cold(spec, deps, reason) {
  const r = await executeRun(spec, deps);
  return { ...r, notes: [...r.notes, `warm: a cold sandbox ran the command: ${reason}`] };
}
function runSandboxed(spec, deps) {
  return spec.phases.warm ? runWarm(spec, deps) : executeRun(spec, deps);
}
async function runWarm(spec, deps) {
  const blocker = warmBlocker(spec);
  if (blocker) return cold(spec, deps, blocker);
  deps.onStage?.("prepare");
  const dir = dirOf(deps);
  let claimed = null;
  let coldReason = null;
  try {
    await sweep(deps).catch(() => void 0);
    const image = await deps.engine.imageInspect(spec.image.ref);
    const hash = image ? planHash(spec, image.id) : null;
    const candidates2 = (await listRecords(dir)).filter((r) => r.kind === "warm" && r.planHash === hash);
    for (const c of candidates2) {
      const release = tryLock(dir, c.id);
      if (!release) continue;
      const problems = await readyForRun(new RunContext(c.spec, deps), c, false);
      if (problems.length === 0) {
        claimed = { record: c, release, fresh: false };
        coldReason = null;
        break;
      }
      coldReason = `the warm sandbox ${c.id} could not be reset cleanly (${problems.join("; ")}), so it was removed`;
      await removeSession(deps, c).catch(() => void 0);
      release();
    }
    if (!claimed) {
      coldReason ??= candidates2.length ? "every warm sandbox with this plan was in use" : "no warm sandbox with this plan was ready";
      const { record } = await createSession(forCreate(spec), deps, {
        name: null,
        kind: "warm",
        keep: false,
        idleTtlMs: spec.phases.warm.idleTtlMs
      });
      const release = tryLock(dir, record.id);
      if (!release) return cold(spec, deps, `${coldReason}; the one just made was taken by another run`);
      claimed = { record, release, fresh: true };
      coldReason = `${coldReason}; a fresh sandbox ran the command and is kept for the next run`;
    }
  } catch (err) {
    if (err instanceof InputError) return cold(spec, deps, errorMessage(err));
    return cold(spec, deps, `the warm sandbox could not be made: ${errorMessage(err)}`);
  }
  try {
    return await runInWarm(spec, deps, claimed.record, { reused: !claimed.fresh, coldReason });
  } finally {
    claimed.release();
  }
}
function forCreate(spec) {
  return {
    ...spec,
    io: {
      ...spec.io,
      source: spec.io.source?.readOnly ? spec.io.source : null,
      outputDir: null,
      resultFile: null,
      logFile: null
    },
    verdict: { ...spec.verdict, annotate: null, declared: [], junit: null, expectDir: null }
  };
}
function warmSpec(given, r) {
  return {
    ...given,
    limits: {
      ...given.limits,
      workSizeBytes: r.spec.limits.workSizeBytes,
      outputSizeBytes: r.spec.limits.outputSizeBytes,
      stateSizeBytes: r.spec.limits.stateSizeBytes
    }
  };
}
async function keepOrRemove(ctx, r, warm, failure) {
  const { deps } = ctx;
  const { engine } = deps;
  if (failure !== null && warm.resetProblem === null)
    warm.resetProblem = `the run failed: ${errorMessage(failure)}`;
  if (warm.resetProblem === null && r.spec.security.isolation === "runsc") {
    await startKeeper2(engine, r).catch((err) => {
      warm.resetProblem = `restarting the sandbox failed: ${errorMessage(err)}`;
    });
  }
  if (warm.resetProblem === null) {
    warm.keptForNext = true;
    await touch(deps, r).catch(() => void 0);
  } else {
    ctx.notes.push(`warm: the sandbox was removed after this run: ${warm.resetProblem}`);
    await removeSession(deps, r).catch(
      (err) => ctx.notes.push(`warm: removing it: ${errorMessage(err)}`)
    );
  }
}
async function copyInputs(engine, r, spec) {
  const copyIn = async (dir, target) => {
    if (!dir || (await import_promises19.default.readdir(dir)).length === 0) return;
    const packed = packDirectory(dir, r.user);
    await Promise.all([engine.putArchive(r.container.id, target, packed.stream), packed.done]);
  };
  await Promise.all([
    copyIn(spec.io.source && !spec.io.source.readOnly ? spec.io.source.dir : null, WORK_DIR),
    copyIn(spec.io.stateDir, STATE_DIR)
  ]);
}
function warmArgv(spec, r) {
  return [...spec.image.entrypoint ? [spec.image.entrypoint] : r.imageEntrypoint ?? [], ...spec.command];
}
function declareExpected(spec) {
  const expected = spec.verdict.expectDir ? loadExpected(spec.verdict.expectDir) : null;
  if (expected) {
    spec.verdict = {
      ...spec.verdict,
      declared: [.../* @__PURE__ */ new Set([...spec.verdict.declared, ...expected.map((e) => e.path)])]
    };
  }
  return expected;
}
async function readyWarm(ctx, r, spec) {
  const { engine } = ctx.deps;
  await touch(ctx.deps, r);
  const check2 = ctx.sandboxCheck = await checkConformance2(ctx, r);
  await ctx.race(copyInputs(engine, r, spec));
  const vars = await proxyVariables(engine, r);
  if (vars === null) throw new InputError("--warm", "the warm sandbox's proxy has no address");
  return { check: check2, vars };
}
async function runInWarm(given, deps, r, w) {
  const spec = warmSpec(given, r);
  const ctx = new RunContext(spec, deps);
  const x = sessionPieces(r);
  ctx.notes.push(...r.notes);
  const warm = { ...w, keptForNext: false, resetProblem: null };
  let failure = null;
  let logs = null;
  let proxy = null;
  let ended = false;
  const { engine } = deps;
  const id = r.container.id;
  try {
    deps.onStage?.("prepare");
    await ctx.race(Promise.all(checkRunDirectories(spec)));
    const expected = declareExpected(spec);
    const { check: check2, vars } = await readyWarm(ctx, r, spec);
    proxy = await followProxy(engine, r);
    logs = new LogStream(deps.log, spec.limits.logLimitBytes, deps.fenceWorkflowCommands);
    const capture = spec.verdict.annotate && spec.verdict.annotate.parser !== "junit" ? new Capture(LOG_CAPTURE_CAP) : null;
    deps.onStage?.("command");
    const exit = x.exit = await runSessionCommand(ctx, r, warmArgv(spec, r), check2, {
      logs,
      timeoutMs: spec.limits.timeoutMs,
      env: vars,
      deadEndGateways: r.network.deadEndGateways,
      capture
    });
    deps.onStage?.("collect");
    const problems = await endRun(ctx, r);
    ended = true;
    await proxy.stop();
    x.net = netOf(proxy.ledger);
    if (problems.length) warm.resetProblem = problems.join("; ");
    const collected = x.collected = await collect(ctx, spec, { id, capture }, planOf(r), exit.timedOut);
    x.verdict = await judge(spec, { expected, trustedTests: false }, exit, collected);
  } catch (err) {
    failure = err;
    logs?.end();
  }
  deps.onStage?.("cleanup");
  await proxy?.stop().catch(() => void 0);
  if (!ended) {
    const problems = await endRun(ctx, r);
    if (problems.length) warm.resetProblem = problems.join("; ");
  }
  await keepOrRemove(ctx, r, warm, failure);
  if (w.coldReason) ctx.notes.push(`warm: ${w.coldReason}`);
  return warmResult(ctx, r, x, warm, failure);
}
async function warmResult(ctx, r, x, warm, failure) {
  for (const f of await ctx.cleanup.run()) ctx.notes.push(`cleanup: ${f}`);
  try {
    return { ...assembleResult(ctx, x, failure), session: sessionInfo(r, warm) };
  } catch (err) {
    return assembleResult(ctx, sessionPieces(null), new InternalError(errorMessage(failure ?? err)));
  }
}

// src/cli/main.ts
init_volumes();

// src/sandbox/summary.ts
init_units();
function summaryLine(r) {
  const o = r.outputs;
  const parts = [`${r.status} in ${formatDuration(r.durationMs)} (exit ${r.exitCode})`];
  if (o.collected) {
    parts.push(`outputs: ${o.files} files, ${formatBytes(o.bytes)} in ${o.dir}`);
    if (o.skippedCount) {
      const why = Object.entries(o.skippedByReason).map(([k, v]) => `${k}: ${v}`);
      parts.push(`skipped ${o.skippedCount} (${why.join(", ")})`);
    }
  }
  if (r.network === "open") parts.push("network: OPEN (unrestricted)");
  const e = r.egress;
  if (e) {
    const hosts2 = e.allowed.length;
    parts.push(
      `egress${e.mode === "audit" ? " (AUDIT: not locked down)" : e.transparent ? " (transparent)" : ""}: ${hosts2} host${hosts2 === 1 ? "" : "s"}, ${formatBytes(e.bytesUp + e.bytesDown)}, ${e.refusedTotal} refused`
    );
    if (e.proxyExit) parts.push(e.proxyExit);
  }
  if (r.loosened.length) parts.push(`loosened: ${r.loosened.map((l) => l.option).join(", ")}`);
  return `sandbox-action: ${parts.join("; ")}`;
}
function suggestionLines(r) {
  const s2 = r.egress?.suggested;
  if (!s2) return [];
  if (s2.domains.length === 0) return ["sandbox-action: audit: the build contacted no host through the proxy"];
  return [
    "sandbox-action: audit: the build contacted these hosts; to allow exactly them:",
    `  CLI:    ${s2.cli}`,
    `  action: ${s2.actionInput}`
  ];
}

// src/cli/main.ts
init_args();

// src/cli/session.ts
var import_node_path28 = __toESM(require("node:path"), 1);
init_errors();
init_mounts();
init_run_options();
init_units();
init_lifecycle();
init_record();

// src/session/shell.ts
init_errors();
init_plan();
init_run_context();
init_self_check();
init_command2();
init_lifecycle();
init_plan2();
var SHELL = [
  "/bin/sh",
  "-c",
  "if command -v bash >/dev/null 2>&1; then exec bash -i; fi; exec sh -i"
];
async function shellInSession(deps, r, t) {
  if (await isRunning(deps.engine, r.container.id) !== true) {
    throw new InputError("ID", `'${r.name ?? r.id}' is not running; start it first`);
  }
  const ctx = new RunContext(r.spec, deps);
  await checkConformance2(ctx, r);
  const vars = await proxyVariables(deps.engine, r);
  await touch(deps, r);
  const size2 = () => ({ rows: t.output.rows ?? 24, cols: t.output.columns ?? 80 });
  const x = await deps.engine.execInteractive(
    r.container.id,
    {
      cmd: execArgv(SHELL, r.selfCheck),
      user: `${r.user.uid}:${r.user.gid}`,
      env: [...vars ?? [], ...t.term ? [`TERM=${t.term}`] : []],
      workingDir: WORK_DIR
    },
    size2()
  );
  const onResize = () => void x.resize(size2().rows, size2().cols).catch(() => void 0);
  t.output.on("resize", onResize);
  const raw = t.input.isTTY && t.input.setRawMode;
  let pid = null;
  try {
    if (raw) t.input.setRawMode(true);
    await pump(
      x.stream,
      t,
      r.selfCheck ? (line2) => {
        const facts = parseSelfCheckLine(line2);
        pid = facts?.pid ?? null;
        return judgeSelfCheck(facts, r.selfCheck, r.network.deadEndGateways);
      } : null,
      async (problems) => {
        if (pid)
          await trustedExec(ctx, r, `kill -9 -- -${pid} ${pid} 2>/dev/null; exit 0`).catch(() => void 0);
        throw new SandboxError(problems);
      }
    );
  } finally {
    if (raw) t.input.setRawMode(false);
    t.output.off?.("resize", onResize);
    t.input.pause?.();
  }
  for (let i = 0; i < 100; i++) {
    const s2 = await deps.engine.execInspect(x.id);
    if (!s2.running) {
      await touch(deps, r);
      return s2.exitCode ?? 125;
    }
    await new Promise((res) => setTimeout(res, 20));
  }
  return 125;
}
function pump(stream, t, judge2, refuse) {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    let checked = judge2 === null;
    let refused = false;
    const feed = (chunk) => stream.write(chunk);
    const done = () => {
      t.input.off("data", feed);
      if (!refused) resolve();
    };
    if (checked) t.input.on("data", feed);
    stream.on("data", (chunk) => {
      if (checked) {
        t.output.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const nl = head.indexOf(10);
      if (nl < 0 && head.length <= SELF_CHECK_MAX_LINE) return;
      const line2 = head.subarray(0, nl < 0 ? head.length : nl).toString("utf8").replace(/\r$/, "");
      const rest = nl < 0 ? Buffer.alloc(0) : head.subarray(nl + 1);
      const problems = judge2(line2);
      if (problems.length) {
        refused = true;
        stream.destroy();
        refuse(problems).catch(reject);
        return;
      }
      checked = true;
      if (rest.length) t.output.write(rest);
      t.input.on("data", feed);
    });
    stream.on("end", done);
    stream.on("close", done);
    stream.on("error", done);
  });
}

// src/session/transfer.ts
var import_node_fs17 = __toESM(require("node:fs"), 1);
var import_promises20 = __toESM(require("node:fs/promises"), 1);
var import_node_path24 = __toESM(require("node:path"), 1);
init_errors();
init_collect();
init_plan();
init_run_context();
init_command2();
init_lifecycle();
init_reset_script();

// src/session/sync-plan.ts
function syncPlan(host, sandbox) {
  const want = new Map(host.map((e) => [e.path, e]));
  const have = new Map(sandbox.map((e) => [e.path, e]));
  const remove = [];
  for (const e of [...sandbox].sort((a, b) => a.path < b.path ? -1 : 1)) {
    const h = want.get(e.path);
    if (h && h.type === e.type) continue;
    if (remove.some((r) => e.path.startsWith(`${r}/`))) continue;
    remove.push(e.path);
  }
  const gone = (p) => remove.some((r) => p === r || p.startsWith(`${r}/`));
  const send = /* @__PURE__ */ new Set();
  for (const h of host) {
    if (h.type === "d") continue;
    const s2 = have.get(h.path);
    const same = s2 && !gone(h.path) && s2.type === h.type && (h.type === "l" ? s2.link === h.link : s2.size === h.size && s2.mtime === h.mtime);
    if (!same) send.add(h.path);
  }
  return { remove, send };
}
function parseFindListing(out) {
  const f = out.toString("utf8").split("\0");
  if (f.at(-1) === "") f.pop();
  if (f.length % 5 !== 0) return null;
  const entries = [];
  for (let i = 0; i < f.length; i += 5) {
    const [y, size2, mtime, link, p] = f.slice(i, i + 5);
    if (!p) return null;
    entries.push({
      path: p,
      type: y === "d" ? "d" : y === "l" ? "l" : y === "f" ? "f" : "o",
      size: Number(size2),
      mtime: Math.floor(Number(mtime)),
      link
    });
  }
  return entries;
}
function chunks(paths, max = 64 * 1024) {
  const out = [];
  let cur = [];
  let len = 0;
  for (const p of paths) {
    if (cur.length && len + p.length + 1 > max) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(p);
    len += p.length + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}

// src/session/transfer.ts
var LISTING_CAP = 64 * 1024 * 1024;
var GO_MODE_DIR = 1 << 31;
var GO_MODE_SYMLINK = 1 << 27;
async function running(deps, r, input) {
  const up = await isRunning(deps.engine, r.container.id);
  if (up !== true) {
    throw new InputError(input, `'${r.name ?? r.id}' is ${up === null ? "gone" : "stopped"}; start it first`);
  }
}
async function hostTree(root) {
  const out = [];
  const walk = async (rel) => {
    for (const name of (await import_promises20.default.readdir(rel ? import_node_path24.default.join(root, rel) : root)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = await import_promises20.default.lstat(import_node_path24.default.join(root, r));
      const mtime = Math.floor(st.mtimeMs / 1e3);
      if (st.isDirectory()) {
        out.push({ path: r, type: "d", size: 0, mtime, link: "" });
        await walk(r);
      } else if (st.isFile()) out.push({ path: r, type: "f", size: st.size, mtime, link: "" });
      else if (st.isSymbolicLink()) {
        out.push({ path: r, type: "l", size: 0, mtime, link: await import_promises20.default.readlink(import_node_path24.default.join(root, r)) });
      }
    }
  };
  await walk("");
  return out;
}
async function syncSession(deps, r, dir) {
  const st = await import_promises20.default.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new InputError("DIR", `'${dir}' is not a directory`);
  if (r.spec.io.source?.readOnly)
    throw new InputError("ID", `'${r.name ?? r.id}' has a read-only /work (--source-readonly)`);
  await running(deps, r, "ID");
  const ctx = new RunContext(r.spec, deps);
  await checkConformance2(ctx, r);
  await touch(deps, r);
  const host = await hostTree(dir);
  const listing = await trustedExec(
    ctx,
    r,
    `cd ${WORK_DIR} && find . -mindepth 1 -printf '%y\\0%s\\0%T@\\0%l\\0%P\\0'`,
    12e4,
    { stdoutCap: LISTING_CAP }
  );
  const have = listing.exitCode === 0 ? parseFindListing(listing.stdout) : null;
  let mode = "listed";
  let remove;
  let send;
  if (have) ({ remove, send } = syncPlan(host, have));
  else {
    mode = "whole";
    const w = await trustedExec(ctx, r, wipeScript({ dirs: [WORK_DIR], roots: [] }), 12e4);
    if (w.exitCode !== 0)
      throw new EngineError(deps.engine.info.name, "sync", `emptying /work failed: ${w.stderr.trim()}`);
    remove = [];
    send = null;
  }
  for (const part of chunks(remove)) {
    const d = await trustedExec(ctx, r, `cd ${WORK_DIR} && rm -rf -- "$@"`, 12e4, { args: part });
    if (d.exitCode !== 0)
      throw new EngineError(deps.engine.info.name, "sync", `deleting in /work failed: ${d.stderr.trim()}`);
  }
  const packed = packDirectory(dir, r.user, [], send ? (rel) => send.has(rel) : void 0);
  await Promise.all([deps.engine.putArchive(r.container.id, WORK_DIR, packed.stream), packed.done]);
  const stats = await packed.done;
  await touch(deps, r);
  return { sent: stats.files, bytes: stats.bytes, deleted: remove.length, mode };
}
function parseCpSource(arg) {
  const i = arg.indexOf(":");
  const ref = i > 0 ? arg.slice(0, i) : "";
  const p = i > 0 ? import_node_path24.default.posix.normalize(arg.slice(i + 1)) : "";
  if (!ref || !(p === OUTPUT_DIR || p.startsWith(`${OUTPUT_DIR}/`)) || arg.slice(i + 1).split("/").includes("..")) {
    throw new InputError("SOURCE", `'${arg}' is not ID:/output/PATH (cp copies out of /output only)`);
  }
  return { ref, path: p.replace(/\/+$/, "") };
}
async function cpFromSession(deps, r, src, dest) {
  const { engine } = deps;
  const st = import_node_fs17.default.existsSync(dest) ? await import_promises20.default.lstat(dest) : null;
  if (st && (!st.isDirectory() || (await import_promises20.default.readdir(dest)).length > 0)) {
    throw new InputError("DEST", `'${dest}' exists and is not an empty directory; name a new or empty one`);
  }
  if (await isRunning(engine, r.container.id) === null)
    throw new InputError("ID", `'${r.name ?? r.id}' is gone`);
  const getOrNull = async (abs) => {
    try {
      return await engine.getArchive(r.container.id, abs);
    } catch (err) {
      if (err instanceof EngineError && err.statusCode === 404) return null;
      throw err;
    }
  };
  const stream = await getOrNull(src);
  if (!stream) throw new InputError("SOURCE", `'${src}' does not exist in ${r.name ?? r.id}`);
  await prepareOutputDir(dest, "DEST");
  const caps = r.spec.limits.outputCaps;
  const base = src === OUTPUT_DIR ? "output" : import_node_path24.default.posix.basename(src);
  let report;
  try {
    report = await collectTar(stream, dest, base, caps);
  } finally {
    if (!stream.readableEnded) stream.destroy();
  }
  if (report.files === 0 && report.skipped.some((s2) => s2.path === base && s2.reason === "special-file")) {
    report = await cpOneFile(engine, r, { src, base, dest }, getOrNull, report);
  }
  await touch(deps, r);
  return report;
}
async function cpOneFile(engine, r, where, getOrNull, report) {
  const { src, base, dest } = where;
  for (let dir = import_node_path24.default.posix.dirname(src); dir !== OUTPUT_DIR && dir !== "/"; dir = import_node_path24.default.posix.dirname(dir)) {
    const st = await engine.statPath(r.container.id, dir);
    if (!st || (st.mode & GO_MODE_DIR) === 0 || (st.mode & GO_MODE_SYMLINK) !== 0) {
      throw new InputError(
        "SOURCE",
        `'${dir}' in ${r.name ?? r.id} is not a folder (a link is never followed)`
      );
    }
  }
  const d = await collectFiles(getOrNull, import_node_path24.default.posix.dirname(src), dest, [base], r.spec.limits.outputCaps);
  const one2 = d.declared[0];
  const ok = one2.status === "collected";
  return {
    ...report,
    skipped: ok ? [] : [{ path: base, reason: "special-file", detail: one2.status }],
    skippedCount: ok ? 0 : 1,
    skippedByReason: ok ? {} : { "special-file": 1 },
    files: ok ? 1 : 0,
    bytes: d.bytes,
    written: ok ? [{ path: base, size: one2.size ?? 0 }] : []
  };
}

// src/cli/session.ts
init_args();
init_door();
var COMMON = {
  json: { kind: "boolean", help: "print the outcome as JSON on stdout" },
  quiet: { kind: "boolean", help: "no summary line" },
  help: { kind: "boolean", help: "this help", short: "h" }
};
var omit = (o, keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
var SESSION_RUN_OPTIONS = omit(RUN_OPTIONS, ["warm", "idle-ttl"]);
var CREATE_TABLE = {
  ...SESSION_RUN_OPTIONS,
  name: {
    kind: "string",
    help: "a name for the session (letters, digits, . _ -), usable in place of its id"
  },
  "idle-ttl": {
    kind: "string",
    help: "stop the session after this long idle, remove it after as long stopped (default 15m)"
  },
  keep: { kind: "boolean", help: "never stop or remove it for being idle" },
  ...COMMON
};
var EXEC_TABLE = {
  timeout: { kind: "string", help: "this command's wall-clock limit (default: the session's --timeout)" },
  env: { kind: "strings", help: "KEY=VALUE added for this command (repeatable)" },
  "output-dir": {
    kind: "string",
    help: "collect /output afterwards into this new directory (the safe collector)"
  },
  "result-file": { kind: "string", help: "write the result JSON here, also when it fails" },
  ...COMMON
};
var PLAIN = { ...COMMON };
var SESSION_USAGE = `sessions (a run's locked-down plan kept alive; see docs/sessions.md):
  sandbox-action create [run options] [--name N] [--idle-ttl 15m] [--keep]   (prints the session id)
  sandbox-action start|stop|rm ID
  sandbox-action ls [--json]
  sandbox-action exec ID [--timeout T] [--env K=V] [--output-dir D] [--result-file F] [--json] -- CMD [ARGS...]
  sandbox-action shell ID
  sandbox-action sync ID [DIR]          (the working tree into /work; deletes what is gone)
  sandbox-action cp ID:/output/PATH DEST (through the safe collector, into a new or empty directory)

create options (the run options, and):
${helpFor({ name: CREATE_TABLE.name, "idle-ttl": CREATE_TABLE["idle-ttl"], keep: CREATE_TABLE.keep })}

exec options:
${helpFor(EXEC_TABLE)}`;
function line(io, err) {
  io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
}
async function session(ctx, io, signal) {
  const engine = await connect(ctx);
  const deps = makeRunDeps(ctx, engine, {
    log: { stdout: io.stdout, stderr: io.stderr },
    notice: (l) => io.stderr.write(`sandbox-action: ${l}
`),
    signal,
    // A session outlives this process by design: its idle TTL and gc end it, not a watchdog.
    watchdog: false
  });
  for (const l of await sweep(deps)) io.stderr.write(`sandbox-action: ${l}
`);
  return { engine, deps };
}
async function sessionCommand(sub, argv, io) {
  if (sub === "exec") return execCommand(argv, io);
  const ctx = processContext();
  const sig = abortOnSignals();
  try {
    const table = sub === "create" ? CREATE_TABLE : PLAIN;
    const { options, positionals, rest } = parseCommandLine(argv, table);
    if (options.help) {
      io.stdout.write(`${SESSION_USAGE}
`);
      return 0;
    }
    const json = options.json === true;
    const args = [...positionals, ...rest];
    if (sub === "create") return await create(ctx, io, options, args, sig.signal);
    const open = async () => (await session(ctx, io, sig.signal)).deps;
    if (sub === "ls") {
      wantArgs(sub, args, 0, "no arguments");
      const t = await listTable(await open());
      io.stdout.write(json ? `${JSON.stringify(t.rows)}
` : `${t.text}
`);
      return 0;
    }
    if (sub === "cp") return await cpCommand(ctx, io, args, json, open);
    wantArgs(sub, args, 1, sub === "sync" ? "ID [DIR]" : "ID");
    const deps = await open();
    const r = await findSession(dirOf(deps), args[0]);
    return await onSession(sub, { ctx, io, deps, r, args, json });
  } catch (err) {
    line(io, err);
    return exitCodeFor("plain", err);
  } finally {
    sig.dispose();
  }
}
function wantArgs(sub, args, n, names) {
  if (args.length < n || args.length > n + (sub === "sync" ? 1 : 0)) {
    throw new InputError("arguments", `${sub} takes ${names}`);
  }
}
async function cpCommand(ctx, io, args, json, open) {
  wantArgs("cp", args, 2, "ID:/output/PATH DEST");
  const src = parseCpSource(args[0]);
  const deps = await open();
  const r = await findSession(dirOf(deps), src.ref);
  const report = await cpFromSession(deps, r, src.path, import_node_path28.default.resolve(ctx.cwd, args[1]));
  if (json) io.stdout.write(`${JSON.stringify(report)}
`);
  io.stderr.write(
    `sandbox-action: copied ${report.files} files (${report.bytes} bytes); skipped ${report.skippedCount}
`
  );
  for (const s2 of report.skipped.slice(0, 20))
    io.stderr.write(`sandbox-action:   skipped ${s2.path}: ${s2.reason}
`);
  return 0;
}
async function onSession(sub, o) {
  const { ctx, io, deps, r } = o;
  if (sub === "start") {
    await startSession(deps, r);
    io.stdout.write(`${r.id}
`);
  } else if (sub === "stop") {
    await stopSession(deps, r);
    io.stdout.write(`${r.id}
`);
  } else if (sub === "rm") {
    const rep = await removeSession(deps, r);
    for (const n of rep.notes) io.stderr.write(`sandbox-action: ${n}
`);
    for (const f of rep.failures) io.stderr.write(`sandbox-action: rm: ${f}
`);
    if (rep.failures.length) return FAILED_EXIT;
    io.stdout.write(`${r.id}
`);
  } else if (sub === "sync") {
    const rep = await syncSession(deps, r, import_node_path28.default.resolve(ctx.cwd, o.args[1] ?? "."));
    if (o.json) io.stdout.write(`${JSON.stringify(rep)}
`);
    io.stderr.write(
      `sandbox-action: sync: sent ${rep.sent} files (${rep.bytes} bytes), deleted ${rep.deleted}${rep.mode === "whole" ? " (/work emptied first: the image has no GNU find)" : ""}
`
    );
  } else if (sub === "shell") {
    return await shellInSession(deps, r, {
      input: process.stdin,
      output: process.stdout,
      term: ctx.env.TERM
    });
  }
  return 0;
}
async function create(ctx, io, options, command, signal) {
  if (command.length)
    throw new InputError("command", "create takes no command; run commands with exec ID -- CMD");
  const name = typeof options.name === "string" ? options.name : null;
  if (name !== null && !NAME4.test(name)) {
    throw new InputError(
      "--name",
      `'${name}' is not a name (a letter, then letters, digits, . _ -; at most 63)`
    );
  }
  const ttl = typeof options["idle-ttl"] === "string" ? parseDuration("--idle-ttl", options["idle-ttl"]) : DEFAULT_IDLE_TTL_MS;
  const { keep, json } = options;
  const run3 = Object.fromEntries(
    Object.entries(options).filter(
      ([k]) => !["name", "idle-ttl", "keep", "json", "quiet", "help"].includes(k)
    )
  );
  const spec = parseRunOptions(run3, ["/bin/sh"], {
    cpus: ctx.cpus,
    cwd: ctx.cwd,
    sharedWithEngine: ctx.env.ACT !== "true"
  });
  const refused = sessionRefusal(spec);
  if (refused) throw refused;
  const { deps } = await session(ctx, io, signal);
  if (name !== null && (await listRecords(dirOf(deps))).some((r) => r.name === name)) {
    throw new InputError("--name", `'${name}' is the name of another session`);
  }
  const { record, notes } = await createSession(spec, deps, {
    name,
    kind: "session",
    keep: keep === true,
    idleTtlMs: ttl
  });
  for (const n of notes) io.stderr.write(`sandbox-action: note: ${n}
`);
  io.stdout.write(
    json === true ? `${JSON.stringify({ id: record.id, name: record.name, planHash: record.planHash })}
` : `${record.id}
`
  );
  return 0;
}
async function execCommand(argv, io) {
  const ctx = processContext();
  const how = { json: false, quiet: false, resultFile: null };
  let opts;
  try {
    opts = parseExec(ctx, argv, how);
  } catch (err) {
    return failed(io, err, how.resultFile, how.json);
  }
  if (opts === null) {
    io.stdout.write(`${SESSION_USAGE}
`);
    return 0;
  }
  const { json, quiet, resultFile } = how;
  let engine;
  try {
    engine = await connect(ctx);
  } catch (err) {
    return failed(io, err, resultFile, json);
  }
  const sig = abortOnSignals();
  try {
    const deps = makeRunDeps(ctx, engine, {
      log: json ? { stdout: io.stderr, stderr: io.stderr } : { stdout: io.stdout, stderr: io.stderr },
      notice: (l) => io.stderr.write(`sandbox-action: ${l}
`),
      signal: sig.signal,
      // An exec runs in a session that outlives this process: its TTL and gc end it.
      watchdog: false
    });
    const base = parseRunOptions({ image: "unknown" }, opts.command, { cpus: ctx.cpus, cwd: ctx.cwd });
    const result = await execInSession(opts, deps, { ...base, io: { ...base.io, resultFile } });
    if (resultFile) writeResultFile(resultFile, result);
    if (result.error) io.stderr.write(`sandbox-action: ${result.error}
`);
    if (json) io.stdout.write(`${JSON.stringify(result)}
`);
    if (!quiet) io.stderr.write(`${summaryLine(result)}
`);
    return result.exitCode;
  } finally {
    sig.dispose();
  }
}
function parseExec(ctx, argv, how) {
  const { options, positionals, rest } = parseCommandLine(argv, EXEC_TABLE);
  if (options.help) return null;
  how.json = options.json === true;
  how.quiet = options.quiet === true;
  if (typeof options["result-file"] === "string")
    how.resultFile = import_node_path28.default.resolve(ctx.cwd, options["result-file"]);
  if (positionals.length !== 1) throw new InputError("ID", "exec takes one session: exec ID -- CMD");
  if (rest.length === 0 || rest.every((c) => c.trim() === "")) {
    throw new InputError("command", "is empty: give the command after --, e.g. `exec ID -- make test`");
  }
  const env = Array.isArray(options.env) ? options.env : [];
  for (const e of env) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(e))
      throw new InputError("--env", `'${e.split("=")[0]}' is not KEY=VALUE`);
  }
  return {
    ref: positionals[0],
    command: rest,
    outputDir: typeof options["output-dir"] === "string" ? import_node_path28.default.resolve(ctx.cwd, options["output-dir"]) : null,
    resultFile: how.resultFile,
    timeoutMs: typeof options.timeout === "string" ? parseDuration("--timeout", options.timeout) : null,
    env
  };
}
function failed(io, err, resultFile, json) {
  line(io, err);
  const result = failedBeforeRun(err, null);
  if (resultFile) {
    try {
      writeResultFile(resultFile, result);
    } catch (e) {
      line(io, new InputError("--result-file", errorMessage(e)));
    }
  }
  if (json) io.stdout.write(`${JSON.stringify(result)}
`);
  return exitCodeFor("mirror", err);
}

// src/cli/main.ts
init_door();
var VERSION9 = true ? "0.1.0" : "dev";
var RUN_TABLE = { ...RUN_OPTIONS, ...CLI_ONLY };
async function doorOf(c) {
  return "load" in c ? c.load() : c;
}
var SUBCOMMANDS = {
  run: {
    usage: "run --image IMAGE [options] -- COMMAND [ARGS...]",
    about: "run an untrusted command in a locked-down sandbox, collect its outputs, judge it",
    table: RUN_TABLE,
    run: (rest, io) => runCommand2(rest, io)
  },
  create: {
    usage: "create [run options] [--name N] [--idle-ttl 15m] [--keep]",
    about: "a session: the run plan kept alive (prints its id)",
    run: (rest, io) => sessionCommand("create", rest, io)
  },
  start: {
    usage: "start ID",
    about: "start a stopped session",
    run: (rest, io) => sessionCommand("start", rest, io)
  },
  stop: {
    usage: "stop ID",
    about: "stop a session (its volumes are kept)",
    run: (rest, io) => sessionCommand("stop", rest, io)
  },
  rm: {
    usage: "rm ID",
    about: "remove a session and everything of it",
    run: (rest, io) => sessionCommand("rm", rest, io)
  },
  ls: {
    usage: "ls [--json]",
    about: "the sessions, as a table or JSON",
    run: (rest, io) => sessionCommand("ls", rest, io)
  },
  exec: {
    usage: "exec ID [--timeout T] [--env K=V] [--output-dir D] [--result-file F] [--json] -- CMD [ARGS...]",
    about: "run a command in a session (exit codes as for run)",
    run: (rest, io) => sessionCommand("exec", rest, io)
  },
  shell: {
    usage: "shell ID",
    about: "an interactive shell in a session (a TTY, resize passed on)",
    run: (rest, io) => sessionCommand("shell", rest, io)
  },
  sync: {
    usage: "sync ID [DIR]",
    about: "copy the working tree into /work (deletes what is gone, never follows a link out)",
    run: (rest, io) => sessionCommand("sync", rest, io)
  },
  cp: {
    usage: "cp ID:/output/PATH DEST",
    about: "copy out of /output through the safe collector",
    run: (rest, io) => sessionCommand("cp", rest, io)
  },
  gc: {
    usage: "gc [--older-than 1h] [--run ID]",
    about: "remove what runs left behind (and any sandbox past its deadline)",
    load: async () => {
      const m = await Promise.resolve().then(() => (init_maintenance(), maintenance_exports));
      return { table: m.GC_TABLE, run: (rest, io) => m.gcCommand(rest, io) };
    }
  },
  tags: {
    usage: "tags [--sha S --ref R --event E --pr N --repository REPO] [--json]",
    about: "the image tags for a commit (defaults from the GitHub environment when it is there)",
    load: async () => {
      const m = await Promise.resolve().then(() => (init_tags2(), tags_exports));
      return { table: m.TAGS_TABLE, run: (rest, io) => m.tagsCommand(rest, process.env, io) };
    }
  },
  report: {
    usage: "report --result FILE|DIR [--shards N] [--repository owner/repo --head-sha SHA --base-ref B] [--dry-run]",
    about: "turn run results into one check run (every shard once, for the event's commit)",
    load: async () => {
      const m = await Promise.resolve().then(() => (init_report2(), report_exports));
      return { table: m.REPORT_TABLE, run: (rest, io) => m.reportCommand(rest, process.env, io) };
    }
  },
  build: {
    usage: "build [--images a,b] [--platforms linux/amd64,linux/arm64] [--push] [--registry R] [--tag X]",
    about: "build (and push) the sandbox images for several platforms (tag options as for tags)",
    load: async () => {
      const m = await Promise.resolve().then(() => (init_build(), build_exports));
      return {
        table: m.BUILD_TABLE,
        run: (rest, io) => m.buildCommand(rest, process.env, io, () => connect(processContext()))
      };
    }
  },
  shard: {
    usage: "shard --targets 'A B C' --shards N --index I",
    about: "the targets of one shard, one per line (deterministic, for a workflow matrix)",
    load: async () => {
      const m = await Promise.resolve().then(() => (init_shard(), shard_exports));
      return { table: m.SHARD_TABLE, run: (rest, io) => m.shardCommand(rest, io) };
    }
  },
  verify: {
    usage: "verify --shards N --action-ref SHA [--github-output FILE]",
    about: "the PR check's first job: may this run make a verdict (the commit comes from the event)?",
    load: async () => {
      const m = await Promise.resolve().then(() => (init_verify(), verify_exports));
      return { table: m.VERIFY_TABLE, run: (rest, io) => m.verifyCommand(rest, process.env, io) };
    }
  },
  landrun: {
    usage: "landrun --best-effort --ro / --rw /dev -ldd -add-exec [--env N|--ro P|--rwx P|--rox P]... -- CMD...",
    about: "comparator's sandbox hook (COMPARATOR_LANDRUN=scripts/sandbox-landrun; see docs/comparator.md)",
    load: async () => {
      const m = await Promise.resolve().then(() => (init_landrun(), landrun_exports));
      return { run: (rest, io) => m.landrunCommand(rest, io) };
    }
  },
  watchdog: {
    usage: "watchdog --run ID --parent PID --parent-start TICKS",
    about: "started by every run, detached: removes the run if its CLI dies (not for direct use)",
    load: async () => {
      const m = await Promise.resolve().then(() => (init_maintenance(), maintenance_exports));
      return { table: m.WATCHDOG_TABLE, run: (rest, io) => m.watchdogCommand(rest, io) };
    }
  }
};
function subcommandHelp(c, door) {
  const options = door.table ? `

options:
${helpFor(door.table)}` : "";
  return `usage: sandbox-action ${c.usage}

${c.about}${options}`;
}
var USAGE = () => `sandbox-action ${VERSION9}: run untrusted builds in a locked-down container

usage:
${Object.entries(SUBCOMMANDS).map(([, c]) => `  sandbox-action ${c.usage}
      ${c.about}`).join("\n")}
  sandbox-action --version

${SESSION_USAGE}

exit codes of run: the command's own; 124 timed out; 137 OOM-killed; 125 sandbox-action failed;
130/143 interrupted. landrun: the step's own; 124, 137 as for run; 2 request refused;
125 the step could not be run. Other subcommands: 0 done, 1 failed, 2 bad input.

'sandbox-action COMMAND --help' shows a command's options.`;
function errorLine2(io, err) {
  io.stderr.write(`sandbox-action: ${errorMessage(err)}
`);
}
async function runCommand2(argv, io) {
  const ctx = processContext();
  let json = false;
  let quiet = false;
  let resultFile = null;
  let spec;
  try {
    const { options, positionals, rest } = parseCommandLine(argv, RUN_TABLE);
    json = options.json === true;
    quiet = options.quiet === true;
    if (options.help) {
      io.stdout.write(`${USAGE()}
`);
      return 0;
    }
    if (typeof options["result-file"] === "string")
      resultFile = import_node_path34.default.resolve(ctx.cwd, options["result-file"]);
    spec = parseRunOptions(options, [...positionals, ...rest], {
      cpus: ctx.cpus,
      cwd: ctx.cwd,
      sharedWithEngine: ctx.env.ACT !== "true"
    });
  } catch (err) {
    return failBeforeRun(io, err, null, resultFile, json);
  }
  writeResultOnCrash(spec.io.resultFile, spec.verdict.subject);
  if (spec.host.volumeBackend !== "tmpfs" && spec.host.volumeBackend !== "unbounded" && !spec.phases.warm) {
    void loopToolsReason(volumeHostFor(ctx));
  }
  let engine;
  try {
    engine = await connect(ctx, spec.host.engine);
  } catch (err) {
    return failBeforeRun(io, err, spec, spec.io.resultFile, json);
  }
  const sig = abortOnSignals();
  try {
    const result = await runSandboxed(
      spec,
      makeRunDeps(ctx, engine, {
        log: json ? { stdout: io.stderr, stderr: io.stderr } : { stdout: io.stdout, stderr: io.stderr },
        notice: (l) => io.stderr.write(`sandbox-action: ${l}
`),
        signal: sig.signal,
        watchdog: spec.host.watchdog
      })
    );
    if (spec.io.resultFile) writeResultFile(spec.io.resultFile, result);
    tell(io, result, { json, quiet });
    return result.exitCode;
  } finally {
    sig.dispose();
  }
}
function tell(io, result, o) {
  if (result.error) io.stderr.write(`sandbox-action: ${result.error}
`);
  for (const n of result.notes) io.stderr.write(`sandbox-action: note: ${n}
`);
  if (o.json) io.stdout.write(`${JSON.stringify(result)}
`);
  if (!o.quiet && result.status !== "error") {
    io.stderr.write(`${summaryLine(result)}
`);
    for (const l of suggestionLines(result)) io.stderr.write(`${l}
`);
  }
}
function failBeforeRun(io, err, spec, resultFile, json) {
  errorLine2(io, err);
  const result = failedBeforeRun(err, spec);
  if (resultFile) {
    try {
      writeResultFile(resultFile, result);
    } catch (e) {
      errorLine2(io, new InputError("--result-file", errorMessage(e)));
    }
  }
  if (json) io.stdout.write(`${JSON.stringify(result)}
`);
  if (!(err instanceof InputError) && !(err instanceof EngineError) && process.env.SANDBOX_ACTION_DEBUG) {
    io.stderr.write(`${err instanceof Error ? err.stack : String(err)}
`);
  }
  return exitCodeFor("mirror", err);
}
async function main(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  const [sub, ...rest] = argv;
  const c = sub !== void 0 && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : null;
  if (c) {
    const own = rest.indexOf("--") === -1 ? rest : rest.slice(0, rest.indexOf("--"));
    const door = await doorOf(c);
    if (sub !== "landrun" && (own.includes("--help") || own.includes("-h"))) {
      io.stdout.write(`${subcommandHelp(c, door)}
`);
      return 0;
    }
    return door.run(rest, io);
  }
  switch (sub) {
    case "--version":
    case "version":
      io.stdout.write(`${VERSION9}
`);
      return 0;
    case void 0:
    case "--help":
    case "-h":
    case "help":
      io.stdout.write(`${USAGE()}
`);
      return sub === void 0 ? inputExitCode("plain") : 0;
    default:
      io.stderr.write(
        `sandbox-action: '${sub}' is not a command; use ${Object.keys(SUBCOMMANDS).join(", ")} (see --help)
`
      );
      return inputExitCode("plain");
  }
}

// src/cli/index.ts
var settled = false;
process.on("beforeExit", () => {
  if (!settled) {
    process.stderr.write("sandbox-action: internal error: the run stalled before finishing\n");
    process.exitCode = exitCodeFor("mirror", new InternalError("stalled"));
    settled = true;
  }
});
main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (err) => {
    settled = true;
    process.stderr.write(`sandbox-action: internal error: ${String(err)}
`);
    process.exitCode = exitCodeFor("mirror", err);
  }
);
