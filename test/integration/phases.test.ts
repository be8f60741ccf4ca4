/**
 * Network per phase, host mounts and /persist against the real engine, by attack with controls:
 *  - the setup phase reaches its allowed host through the proxy; the main phase, in a fresh container, has no route
 *    (control: the same probe with the main phase on the proxy reaches it), and nothing the setup started survives;
 *  - a mount is read-only unless rw (rw is a recorded loosening); a link inside HOST never leads out to the host
 *    (control: the linked directory mounted itself is readable); each refused host path, a link to one, a socket
 *    (control: --allow-mount mounts it) and a DEST with `..` or over the sandbox's places: one line, exit 125;
 *  - /persist is a capped image kept between runs, never a raw bind of the host directory.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { BASE, engineOrSkip, labelled, run, tmpDir } from '../helpers/engine.js';
import { SMALL } from '../helpers/sessions.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

jest.setTimeout(300_000);
const { engine, d } = await engineOrSkip();
const isolations = (process.env.SANDBOX_TEST_ISOLATIONS ?? 'default,runsc').split(',');

d.each(isolations)(
  'network per phase: --setup with --setup-network proxy, then the command with none (isolation %s)',
  (isolation) => {
    const ISO = ['--isolation', isolation];
    let up: Upstream;
    beforeAll(async () => {
      up = await startUpstream(engine!, `phases${process.pid}`);
    }, 300_000);
    afterAll(() => up?.close());

    const MAIN = [
      'cat /work/fetched',
      'echo "routes=$(tail -n +2 /proc/net/route | wc -l)"',
      'curl -sS --max-time 5 http://up.test:8080/from-main >/dev/null 2>&1; echo "main-rc=$?"',
      'for p in /proc/[0-9]*; do tr "\\0" " " < $p/cmdline 2>/dev/null; echo; done | grep -q "sl[e]ep 1000" && echo SETUP-SURVIVED',
      'true',
    ].join('; ');
    const SETUP = 'curl -sS --max-time 10 http://up.test:8080/from-setup > /work/fetched; (sleep 1000 &)';

    test('the setup reached its allowed host; the main phase has no route and nothing of the setup is left', async () => {
      const r = await run(
        [...SMALL, ...ISO, '--setup', SETUP, ...up.reach('--setup-network')],
        ['sh', '-c', MAIN],
        {
          image: up.client,
        },
      );
      expect(r.result.status).toBe('succeeded');
      expect(r.stderr).toContain('hello from up.test');
      expect(r.stderr).toMatch(/^routes=0$/m);
      expect(r.stderr).toMatch(/^main-rc=[1-9]\d*$/m);
      expect(r.stderr).not.toContain('SETUP-SURVIVED');
      const hits = up.hits().join('\n');
      expect(hits).toContain('/from-setup');
      expect(hits).not.toContain('/from-main');
      expect(r.result.network).toBe('none');
      expect(r.result.setup).toMatchObject({ network: 'proxy', exitCode: 0, timedOut: false });
      expect(r.result.setup!.egress!.allowed.map((h) => h.host)).toEqual(['up.test']);
      expect(r.result.setup!.sandbox.conformance.ok).toBe(true);
      expect(r.result.engine.runtime).toMatch(isolation === 'runsc' ? /^runsc-seccomp$/ : /^default$/);
      expect(await labelled(engine!, r.result.runId)).toEqual([]);
    });

    test('control: the same probe with the main phase on the proxy does reach the host', async () => {
      const r = await run(
        [...SMALL, ...ISO, ...up.reach()],
        ['sh', '-c', 'echo x > /work/fetched; ' + MAIN],
        {
          image: up.client,
        },
      );
      expect(r.stderr).toMatch(/^main-rc=0$/m);
      expect(up.hits().join('\n')).toContain('/from-main');
    });

    test('a failing setup stops the run with its exit code; the command does not run', async () => {
      const r = await run([...SMALL, ...ISO, '--setup', 'exit 7'], ['sh', '-c', 'echo MAIN-RAN']);
      expect(r.result.status).toBe('failed');
      expect(r.result.commandExitCode).toBe(7);
      expect(r.stderr).not.toContain('MAIN-RAN');
      expect(r.result.notes.join('\n')).toContain('the setup command exited 7; the command did not run');
    });
  },
);

d('--mount', () => {
  const home = tmpDir('home');
  let oldHome: string | undefined;
  let sock: net.Server;
  const sockPath = path.join(tmpDir('sock'), 'engine.sock');
  beforeAll(async () => {
    oldHome = process.env.HOME;
    process.env.HOME = home;
    for (const c of ['.ssh', '.aws', '.config/gcloud', '.docker', '.kube'])
      fs.mkdirSync(path.join(home, c), { recursive: true });
    sock = net.createServer();
    await new Promise<void>((r) => sock.listen(sockPath, () => r()));
  });
  afterAll(() => {
    process.env.HOME = oldHome;
    sock?.close();
  });

  test('read-only unless rw; rw is a recorded loosening and writes reach the host', async () => {
    const data = tmpDir('mnt');
    fs.writeFileSync(path.join(data, 'in.txt'), 'from host\n');
    fs.chmodSync(data, 0o777);
    const ro = await run(
      [...SMALL, '--mount', `${data}:/data`],
      // One stream, in order: dash writes its error's newline apart, so stdout's w= could land before it.
      ['sh', '-c', 'exec 2>&1; cat /data/in.txt; echo x > /data/w; echo "w=$?"'],
    );
    expect(ro.stderr).toContain('from host');
    expect(ro.stderr).toMatch(/^w=[1-9]/m);
    expect(fs.existsSync(path.join(data, 'w'))).toBe(false);
    expect(ro.result.loosened).toEqual([]);
    const rw = await run([...SMALL, '--mount', `${data}:/data:rw`], ['sh', '-c', 'echo written > /data/w']);
    expect(rw.result.status).toBe('succeeded');
    expect(fs.readFileSync(path.join(data, 'w'), 'utf8')).toBe('written\n');
    expect(rw.result.loosened.map((l) => l.option)).toEqual([`--mount ${data}:/data:rw`]);
  });

  test('attack: a link inside HOST never leads to the host (control: the linked directory itself is readable)', async () => {
    const secret = tmpDir('secret');
    fs.writeFileSync(path.join(secret, 'key'), 'HOST-SECRET\n');
    fs.chmodSync(secret, 0o755);
    fs.chmodSync(path.join(secret, 'key'), 0o644);
    const data = tmpDir('mnt-link');
    fs.symlinkSync(path.join(secret, 'key'), path.join(data, 'leak'));
    fs.symlinkSync(secret, path.join(data, 'leakdir'));
    fs.chmodSync(data, 0o755);
    const probe = 'cat /data/leak /data/leakdir/key 2>&1; true';
    const r = await run([...SMALL, '--mount', `${data}:/data`], ['sh', '-c', probe]);
    expect(r.stderr).not.toContain('HOST-SECRET');
    const c = await run([...SMALL, '--mount', `${secret}:/data`], ['sh', '-c', 'cat /data/key']);
    expect(c.stderr).toContain('HOST-SECRET');
  });

  const refused: [string, string[], RegExp][] = [
    ['/', ['/:/data'], /^--mount: '\/' is the host's root/],
    ['/etc', ['/etc:/data'], /^--mount: '\/etc' is \/etc of the host/],
    ['/proc', ['/proc:/data'], /^--mount: '\/proc' is \/proc of the host/],
    ['/sys', ['/sys/fs:/data'], /^--mount: '\/sys\/fs' is \/sys of the host/],
    ['/dev', ['/dev:/data'], /^--mount: '\/dev' is \/dev of the host/],
    [
      'the docker socket',
      ['/var/run/docker.sock:/d.sock'],
      /^--mount: '\/var\/run\/docker.sock' \(it is a link to \/run\/docker.sock\) is (a socket|the engine socket)/,
    ],
    ['a socket', [`${sockPath}:/s.sock`], /is a socket; --allow-mount/],
    ['~/.ssh', [`${home}/.ssh:/data`], /is in the credentials in .*\/\.ssh/],
    ['~/.aws', [`${home}/.aws:/data`], /credentials in .*\/\.aws/],
    ['~/.config/gcloud', [`${home}/.config/gcloud:/data`], /credentials in .*\/\.config\/gcloud/],
    ['~/.docker', [`${home}/.docker:/data`], /credentials in .*\/\.docker/],
    ['~/.kube', [`${home}/.kube:/data`], /credentials in .*\/\.kube/],
    ['the home holding them', [`${home}:/data`], /holds the credentials in/],
    ['a link to /etc', ['LINK:/data'], /\(it is a link to \/etc\) is \/etc of the host/],
    ['.. in DEST', ['DIR:/data/../work'], /DEST '\/data\/..\/work' must not contain '..'/],
    ['DEST over /work', ['DIR:/work'], /would shadow \/work/],
    ['DEST inside /tmp', ['DIR:/tmp/x'], /is inside \/tmp, which the sandbox owns/],
    ['DEST over /output', ['DIR:/'], /DEST must not be \//],
  ];
  test.each(refused)('attack: %s is refused with one line, exit 125, nothing made', async (_n, [m], why) => {
    const link = path.join(tmpDir('lnk'), 'etc');
    fs.symlinkSync('/etc', link);
    const arg = m!.replace('LINK', link).replace('DIR', tmpDir('d'));
    const r = await run([...SMALL, '--mount', arg], ['true']);
    expect(r.code).toBe(125);
    expect(r.result.error).toMatch(why);
    expect(r.result.error!.split('\n')).toHaveLength(1);
    expect(await labelled(engine!, r.result.runId)).toEqual([]);
  });

  test('control: --allow-mount names the socket, and it is mounted (a recorded loosening)', async () => {
    const r = await run(
      [...SMALL, '--mount', `${sockPath}:/s.sock`, '--allow-mount', sockPath],
      ['sh', '-c', 'test -S /s.sock && echo SOCKET-THERE'],
    );
    expect(r.stderr).toContain('SOCKET-THERE');
    expect(r.result.loosened.map((l) => l.option)).toContain(`--allow-mount ${sockPath}`);
  });
});

d('--persist', () => {
  test('a capped image kept between runs; the host directory holds the image only', async () => {
    const dir = tmpDir('persist');
    const a = await run(
      [...SMALL, '--persist', dir, '--persist-size', '16m'],
      ['sh', '-c', 'echo kept > /persist/f; df -k /persist | tail -1'],
    );
    expect(a.result.status).toBe('succeeded');
    const b = await run(
      [...SMALL, '--persist', dir, '--persist-size', '16m'],
      ['sh', '-c', 'cat /persist/f; { head -c 32m /dev/zero > /persist/big; } 2>&1; echo "big=$?"'],
    );
    expect(b.stderr).toContain('kept');
    expect(b.stderr).toMatch(/No space left on device/);
    expect(b.stderr).toMatch(/^big=[1-9]/m);
    expect(fs.readdirSync(dir)).toEqual(['sandbox-persist.img']);
    expect(fs.statSync(path.join(dir, 'sandbox-persist.img')).size).toBe(16 * 1024 ** 2);
    expect(b.result.volumes.find((v) => v.mount === '/persist')).toMatchObject({
      enforced: true,
      sizeBytes: 16 * 1024 ** 2,
    });
    expect(await labelled(engine!, b.result.runId)).toEqual([]);
  });

  test('--persist on a path that is not a directory: one line, exit 125, nothing made', async () => {
    const f = path.join(tmpDir('pf'), 'file');
    fs.writeFileSync(f, 'x');
    const r = await run([...SMALL, '--persist', f], ['true']);
    expect(r.code).toBe(125);
    expect(r.result.error).toMatch(/^--persist: '.*\/file' is not a directory/);
    expect(fs.readdirSync(path.dirname(f))).toEqual(['file']);
  });
});

void BASE;
