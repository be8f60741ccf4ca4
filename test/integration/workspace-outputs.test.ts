/** The workspace copy, the hard size caps of writable volumes, and the hostile output volume. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, jest, test } from '@jest/globals';
import { engineOrSkip, run, tmpDir } from '../helpers/engine.js';

jest.setTimeout(180_000);
const { d } = await engineOrSkip();

function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = path.join(rel, name);
      const st = fs.lstatSync(path.join(dir, r));
      h.update(`${r}\0${st.mode}\0${st.size}\0${st.mtimeMs}\0`);
      if (st.isSymbolicLink()) h.update(fs.readlinkSync(path.join(dir, r)));
      else if (st.isFile()) h.update(fs.readFileSync(path.join(dir, r)));
      else if (st.isDirectory()) walk(r);
    }
  };
  walk('');
  return h.digest('hex');
}

function makeSource(): string {
  const src = tmpDir('src');
  fs.mkdirSync(path.join(src, 'pkg/deep'), { recursive: true });
  fs.writeFileSync(path.join(src, 'Makefile'), 'test:\n\ttrue\n');
  fs.writeFileSync(path.join(src, 'pkg/deep/mod.py'), 'print(1)\n');
  fs.writeFileSync(path.join(src, 'run.sh'), '#!/bin/sh\necho run\n', { mode: 0o755 });
  // A link out of the tree: copied as a link (its text), never followed on the host.
  fs.symlinkSync('/etc/hostname', path.join(src, 'host-link'));
  return src;
}

/** Free bytes of the filesystem holding `dir`. */
function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

d('workspace', () => {
  test('a build that rewrites every file in /work leaves the host source unchanged', async () => {
    const src = makeSource();
    const before = treeHash(src);
    const attack =
      'find /work -type f -exec sh -c \'echo pwned > "$1"\' _ {} \\; ; rm -rf /work/pkg; ' +
      'ln -sf /etc/shadow /work/Makefile; echo new > /work/added; readlink /work/host-link; cat /work/run.sh; id -u; ls -ln /work';
    const r = await run(['--source', src], ['sh', '-c', attack]);
    expect(r.result.status).toBe('succeeded');
    expect(r.stderr).toContain('/etc/hostname'); // the link arrived as a link
    expect(r.stderr).toMatch(/ 65534 +65534 /); // files belong to the sandbox user
    expect(treeHash(src)).toBe(before);
    expect(fs.readFileSync(path.join(src, 'Makefile'), 'utf8')).toBe('test:\n\ttrue\n');
  });

  test('--source-readonly mounts the source read-only', async () => {
    const src = makeSource();
    fs.chmodSync(src, 0o755); // as a checkout is: readable by the sandbox user
    const before = treeHash(src);
    const r = await run(
      ['--source', src, '--source-readonly'],
      ['sh', '-c', 'cat Makefile; echo x > /work/Makefile; echo rc=$?'],
    );
    expect(r.stderr).toContain('test:');
    expect(r.stderr).toMatch(/Read-only file system/);
    expect(treeHash(src)).toBe(before);
  });

  test('8 runs in parallel each see only their own workspace', async () => {
    const srcs = Array.from({ length: 8 }, (_, i) => {
      const s = tmpDir(`par${i}`);
      fs.writeFileSync(path.join(s, `marker-${i}`), String(i));
      return s;
    });
    const runs = await Promise.all(
      // Volumes reserve their space on the host's disk: eight runs at the default 22 GiB would not fit here.
      srcs.map((s) =>
        run(
          ['--source', s, '--timeout', '2m', '--work-size', '256m', '--output-size', '64m'],
          ['sh', '-c', 'ls /work; sleep 1; ls /work'],
        ),
      ),
    );
    const ids = new Set(runs.map((r) => r.result.runId));
    expect(ids.size).toBe(8);
    runs.forEach((r, i) => {
      expect([r.result.status, r.result.error]).toEqual(['succeeded', null]);
      const seen = r.stderr.trim().split('\n').sort();
      expect(seen).toEqual([`marker-${i}`, `marker-${i}`]);
    });
  });
});

d('hard size caps on writable volumes', () => {
  test('writing past the /work and /output caps fails with ENOSPC, and the host disk stays within the caps', async () => {
    const stateDir = process.env.SANDBOX_ACTION_STATE_DIR ?? '/tmp/sandbox-action';
    fs.mkdirSync(stateDir, { recursive: true });
    const start = freeBytes(stateDir);
    let lowest = start;
    const poll = setInterval(() => (lowest = Math.min(lowest, freeBytes(stateDir))), 50);
    const fill = (p: string) => `dd if=/dev/urandom of=${p} bs=1M count=300 2>&1; echo "${p} rc=$?"`;
    const r = await run(
      ['--work-size', '64m', '--output-size', '32m'],
      ['sh', '-c', `${fill('/work/fill')}; ${fill('/output/fill')}; ls -l /work/fill /output/fill; sync`],
    );
    clearInterval(poll);
    expect(r.stderr.match(/No space left on device/g)?.length).toBe(2);
    const sizes = Object.fromEntries(
      [...r.stderr.matchAll(/ (\d+) \w+ +\d+ [\d:]+ \/(work|output)\/fill/g)].map((m) => [
        m[2],
        Number(m[1]),
      ]),
    );
    expect(sizes.work).toBeGreaterThan(32 * 1024 ** 2);
    expect(sizes.work).toBeLessThanOrEqual(64 * 1024 ** 2);
    expect(sizes.output).toBeGreaterThan(16 * 1024 ** 2);
    expect(sizes.output).toBeLessThanOrEqual(32 * 1024 ** 2);
    expect(start - lowest).toBeLessThan((64 + 32 + 16) * 1024 ** 2);
    expect(r.result.volumes.map((v) => [v.mount, v.enforced])).toEqual([
      ['/work', true],
      ['/output', true],
    ]);
  });

  test('control: without a cap (--volume-backend unbounded) the same write goes through', async () => {
    const r = await run(
      ['--volume-backend', 'unbounded'],
      ['sh', '-c', 'dd if=/dev/zero of=/work/fill bs=1M count=100 2>&1; echo rc=$?'],
    );
    expect(r.stderr).not.toMatch(/No space left/);
    expect(r.stderr).toMatch(/104857600 bytes/);
    expect(r.result.loosened.map((l) => l.option)).toContain('--volume-backend unbounded');
  });

  test('the tmpfs backend enforces its cap too', async () => {
    const r = await run(
      ['--volume-backend', 'tmpfs', '--output-size', '16m'],
      ['sh', '-c', 'dd if=/dev/zero of=/output/fill bs=1M count=40 2>&1'],
    );
    expect(r.stderr).toMatch(/No space left on device/);
    expect(r.result.volumes.every((v) => v.backend === 'tmpfs' && v.enforced)).toBe(true);
  });
});

d('hostile output volume', () => {
  test('links, devices, FIFOs, a sparse giant, 20,000 files and bad names yield only allowed files', async () => {
    const out = path.join(tmpDir('out'), 'collected');
    // A file only the host has, with words no output holds: a link to it that the collector followed on the host
    // would bring them into a collected file.
    const canaryDir = tmpDir('canary');
    const canary = `host-canary-${createHash('sha256').update(canaryDir).digest('hex')}`;
    fs.writeFileSync(path.join(canaryDir, 'secret'), `${canary}\n`);
    const build = [
      'cd /output',
      'echo ok > good.txt',
      'mkdir -p sub/dir && echo nested > sub/dir/n.txt',
      `ln -s ${canaryDir}/secret link-to-host-canary`,
      'ln -s / link-to-root',
      'ln -s ../../../../etc/passwd sub/up-link',
      'echo hard > h1 && ln h1 h2',
      'mkfifo fifo',
      'truncate -s 2G sparse.bin',
      "printf 'x' > \"$(printf 'new\\nline')\"",
      "echo c > 'co:lon'",
      'mkdir many && cd many && seq 1 20000 | xargs touch && cd ..',
      'echo done',
    ].join(' && ');
    const r = await run(['--output-dir', out, '--timeout', '5m'], ['bash', '-c', build]);
    expect(r.result.status).toBe('succeeded');
    const o = r.result.outputs;
    expect(o.collected).toBe(true);
    expect(o.files).toBe(10_000);
    expect(o.skippedByReason).toMatchObject({
      symlink: 3,
      hardlink: 1,
      fifo: 1,
      'file-too-large': 1,
      'unsafe-name': 2,
      'file-count-cap': 20_000 + 3 - 10_000,
    });
    // What was written: regular files and directories only, nothing that points anywhere.
    let files = 0;
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        const st = fs.lstatSync(p);
        expect(st.isFile() || st.isDirectory()).toBe(true);
        if (st.isDirectory()) walk(p);
        else {
          files++;
          expect(st.mode & 0o7000).toBe(0);
          expect(st.size).toBeLessThan(1024);
          expect(fs.readFileSync(p, 'utf8')).not.toContain(canary);
        }
      }
    };
    walk(out);
    expect(files).toBe(10_000);
    expect(fs.existsSync(path.join(out, 'sparse.bin'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'link-to-root'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'fifo'))).toBe(false);
    expect(o.skipped.find((s) => s.reason === 'unsafe-name' && s.path.includes('\\x0a'))).toBeDefined();
    fs.rmSync(canaryDir, { recursive: true, force: true });
  });

  test('the caps hold: total bytes and single file size', async () => {
    const out = path.join(tmpDir('cap'), 'o');
    const r = await run(
      ['--output-dir', out, '--max-output-bytes', '3m', '--max-output-file-size', '2m'],
      [
        'sh',
        '-c',
        'cd /output; head -c 1500000 /dev/zero > a; head -c 1500000 /dev/zero > b; head -c 3000000 /dev/zero > big; echo x > c',
      ],
    );
    const o = r.result.outputs;
    expect(o.bytes).toBeLessThanOrEqual(3 * 1024 ** 2);
    expect(o.skippedByReason['file-too-large']).toBe(1);
    expect(o.skipped.map((s) => s.path)).toContain('big');
    expect(o.files).toBe(3);
    // On the host, not through the run's own account: what landed, and how big.
    const landed = Object.fromEntries(
      fs.readdirSync(out).map((n) => [n, fs.lstatSync(path.join(out, n)).size]),
    );
    expect(landed).toEqual({ a: 1_500_000, b: 1_500_000, c: 2 });
    expect(Object.values(landed).every((n) => n <= 2 * 1024 ** 2)).toBe(true);
    expect(Object.values(landed).reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(3 * 1024 ** 2);
  });

  test('an output dir that exists and is not empty is refused before anything runs', async () => {
    const out = tmpDir('full');
    fs.writeFileSync(path.join(out, 'keep'), 'mine');
    const r = await run(['--output-dir', out], ['sh', '-c', 'echo should-not-run']);
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(/--output-dir: .* is not empty/);
    expect(r.stderr).not.toContain('should-not-run');
    expect(fs.readdirSync(out)).toEqual(['keep']);
  });
});

d('/state between runs', () => {
  test('kept across runs, collected back safely, capped by its own filesystem', async () => {
    const state = path.join(tmpDir('state'), 's');
    const step = [
      'n=$(cat /state/n 2>/dev/null || echo 0); echo $((n+1)) > /state/n',
      'mkdir -p /state/cache && echo c > /state/cache/f',
      'ln -sf /etc/hostname /state/evil',
      'dd if=/dev/zero of=/state/big bs=1M count=64 2>&1 | grep -c "No space" ; rm -f /state/big',
    ].join('; ');
    for (const expected of ['1', '2', '3']) {
      const r = await run(['--state-dir', state, '--state-size', '16m'], ['sh', '-c', step]);
      expect(r.result.status).toBe('succeeded');
      expect(r.stderr).toMatch(/^1$/m); // ENOSPC at the 16 MiB cap
      expect(fs.readFileSync(path.join(state, 'n'), 'utf8')).toBe(`${expected}\n`);
      expect(r.result.state).toMatchObject({ dir: state, files: 2, skippedByReason: { symlink: 1 } });
    }
    expect(fs.existsSync(path.join(state, 'evil'))).toBe(false);
    expect(fs.readdirSync(path.dirname(state))).toEqual(['s']); // no temporary sibling left
  });
});
