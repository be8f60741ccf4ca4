#!/usr/bin/env node
import { createRequire as __sa_cr } from 'node:module'; const require = __sa_cr(import.meta.url);

// src/cli/launch.ts
import crypto from "node:crypto";
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
var main = fileURLToPath(new URL("./cli-main.cjs", import.meta.url));
function cacheDir(env = process.env) {
  if (env.SANDBOX_ACTION_CODE_CACHE === "0") return null;
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, ".cache") : null);
  if (!base || !path.isAbsolute(base)) return null;
  const dir = path.join(base, "sandbox-action", "code-cache");
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 448 });
    return ownDirectory(dir) ? dir : null;
  } catch {
    return null;
  }
}
function ownDirectory(dir) {
  const st = fs.lstatSync(dir);
  const uid = process.getuid?.();
  return st.isDirectory() && (uid === void 0 || st.uid === uid) && (st.mode & 18) === 0;
}
function readOwn(file) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return void 0;
  }
  try {
    const st = fs.fstatSync(fd);
    const uid = process.getuid?.();
    if (!st.isFile() || uid !== void 0 && st.uid !== uid || (st.mode & 18) !== 0) return void 0;
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 384, flag: "wx" });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
function pruneOthers(dir, key) {
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^cli-([0-9a-f]{32})-[a-z]+\.v8cache$/.exec(name);
    if (!m || m[1] === key) continue;
    try {
      const file = path.join(dir, name);
      if (fs.lstatSync(file).isFile()) fs.unlinkSync(file);
    } catch {
    }
  }
}
function runWithCodeCache(file, dir) {
  const bytes = fs.readFileSync(file);
  const source = bytes.toString("utf8").replace(/^#!/, "//");
  const key = crypto.createHash("sha256").update(bytes).update(`\0${process.version}\0${process.arch}`).digest("hex").slice(0, 32);
  const at = (kind) => dir ? path.join(dir, `cli-${key}-${kind}.v8cache`) : null;
  const isRun = process.argv[2] === "run";
  const runCache = at("run");
  const anyCache = at("any");
  const found = runCache ? readOwn(runCache) : void 0;
  const cachedData = found ?? (anyCache ? readOwn(anyCache) : void 0);
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...cachedData ? { cachedData } : {}
  });
  const target = isRun && !found ? runCache : !cachedData || script.cachedDataRejected ? anyCache : null;
  if (target) {
    process.once("exit", () => {
      writeAtomically(target, script.createCachedData());
      if (dir) pruneOthers(dir, key);
    });
  }
  const wrapper = script.runInThisContext();
  const m = { exports: {} };
  wrapper.call(m.exports, m.exports, createRequire(file), m, file, path.dirname(file));
}
function launch() {
  const dir = cacheDir();
  const enable = Module.enableCompileCache;
  if (typeof enable === "function") {
    if (dir) enable(dir);
    createRequire(import.meta.url)(main);
    return;
  }
  runWithCodeCache(main, dir);
}

// src/cli/launch-main.ts
launch();
