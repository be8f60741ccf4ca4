/**
 * Stage 1: everything that can reject bad input, before anything is created. The image (pulled if allowed), the
 * volume backend, the gVisor runtime, the sandbox user from the image's own files, the source, output and state
 * directories, the disk (the volume caps must fit the host's free space), the expected files, the trusted tests.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { InputError, errorMessage } from '../../config/errors.js';
import type { RunSpec } from '../../config/run-options.js';
import { PODMAN_NO_RUNSC, podmanLimitsProblem } from '../../engine/podman.js';
import type { Engine, ImageInfo, Labels, Mount, RuntimeInfo } from '../../engine/types.js';
import { expectedRepoPath, loadExpected, type ExpectedFile } from '../../verdict/expected.js';
import { readContainerFile } from '../container-files.js';
import { fitVolumes, type DiskFit } from '../disk.js';
import { volumePlans, WORK_DIR } from '../plan.js';
import { gvisorFor } from '../gvisor.js';
import { numericUser } from '../sandbox-user.js';
import { probeContainer } from '../helper-containers.js';
import { resolveLean, type LeanLayout } from '../lean.js';
import { decideUser } from '../sandbox-user.js';
import { resolvePytest, type PytestLayout } from '../pytest.js';
import type { RunContext } from '../run-context.js';
import { resolveHostMounts } from '../host-mounts.js';
import { checkPersist } from '../persist.js';
import { chooseBackend, type ConcreteBackend } from '../volumes.js';

export interface Prepared {
  image: ImageInfo;
  backend: ConcreteBackend;
  /** The engine's registered runtimes (read under --isolation runsc; plan() picks gVisor's for each phase). */
  runtimes: RuntimeInfo[];
  owner: { uid: number; gid: number };
  /** The spec with volume sizes that fit the disk (defaults may have shrunk, with a note). */
  spec: RunSpec;
  disk: DiskFit | null;
  expected: ExpectedFile[] | null;
  /** Repository paths of the source not copied into /work: mounted over (tests, challenge) or secret (expected). */
  exclude: string[];
  pytest: PytestLayout | null;
  /** --mount, checked: bind mounts of real host paths. */
  hostMounts: Mount[];
  /** Empty read-only folders over trusted mounts' copies of the expected files. */
  hide: Mount[];
  lean: LeanLayout | null;
}

export async function prepare(ctx: RunContext): Promise<Prepared> {
  const { spec, deps } = ctx;
  const { engine } = deps;
  const unfit = podmanLimitsProblem(engine.info);
  if (unfit) throw new InputError('--engine', `${engine.info.endpoint}: ${unfit}`);
  if (spec.security.isolation === 'runsc' && engine.info.name === 'podman') {
    throw new InputError('--isolation', `runsc: ${PODMAN_NO_RUNSC}`);
  }
  const [image, backend, runtimes, expected, hostMounts] = await ctx.race(
    Promise.all([
      ensureImage(engine, spec, deps.notice),
      chooseBackend(spec.host.volumeBackend, engine, deps.volumeHost),
      spec.security.isolation === 'runsc' ? engine.runtimes() : Promise.resolve([] as RuntimeInfo[]),
      spec.verdict.expectDir ? loadExpected(spec.verdict.expectDir) : null,
      resolveHostMounts(spec.phases.mounts, spec.phases.allowMounts, deps.env ?? {}),
      ...checkRunDirectories(spec),
      spec.phases.persist ? checkPersist(engine, deps.volumeHost, spec.phases.persist.dir) : null,
    ]),
  );
  if (backend.note) ctx.notes.push(backend.note);
  refuseUnfitRuntimes(spec, runtimes);
  const owner = await sandboxUser(engine, spec, image, ctx.labels, ctx.notes);
  if (spec.io.source?.readOnly) ctx.notes.push(...(await readableBy(spec.io.source.dir, owner)));
  const fit = await fitDisk(ctx, backend.backend);
  const disk = fit.disk;
  let sized = fit.sized;
  const pytest = await preparePytest(ctx);
  const lean = spec.verdict.lean
    ? resolveLean(spec.verdict.lean, spec.io.source!.dir, deps.env?.PATH ?? '')
    : null;
  if (expected) {
    // Every expected file is evidence the verdict needs: declared, so it is collected first and its fate listed.
    const declared = [...new Set([...sized.verdict.declared, ...expected.map((e) => e.path)])];
    sized = { ...sized, verdict: { ...sized.verdict, declared } };
  }
  const expectPath = spec.verdict.expectDir
    ? expectedRepoPath(spec.verdict.expectDir, spec.io.source?.dir ?? null)
    : null;
  const hide = await hideExpected(ctx, expectPath, [...(pytest?.exclude ?? []), ...(lean?.exclude ?? [])]);
  ctx.check();
  return {
    hide,
    exclude: [...(pytest?.exclude ?? []), ...(lean?.exclude ?? []), ...(expectPath ? [expectPath] : [])],
    image,
    backend: backend.backend,
    runtimes,
    lean,
    owner,
    spec: sized,
    disk,
    expected,
    pytest,
    hostMounts,
  };
}

/** Loop volumes reserve their space: volumes of default size shrink to what the disk has free (with a note). */
async function fitDisk(
  ctx: RunContext,
  backend: Prepared['backend'],
): Promise<{ sized: RunSpec; disk: DiskFit | null }> {
  const { spec, deps } = ctx;
  if (backend !== 'loop') return { sized: spec, disk: null };
  const free = await deps.volumeHost.freeBytes();
  const disk = fitVolumes(
    volumePlans(spec, ctx.runId),
    spec.limits.defaultSizes,
    free,
    deps.volumeHost.stateDir,
  );
  ctx.notes.push(...disk.notes);
  return { sized: { ...spec, limits: { ...spec.limits, ...disk.sizes } }, disk };
}

/** --tests pytest: the trusted test files and their layout, in scratch space removed with the run. */
async function preparePytest(ctx: RunContext): Promise<PytestLayout | null> {
  const { spec, deps } = ctx;
  if (spec.verdict.tests?.runner !== 'pytest') return null;
  const layout = await resolvePytest(
    spec.verdict.tests,
    path.join(deps.volumeHost.stateDir, `${ctx.runId}-pytest`),
  );
  ctx.cleanup.add('remove the pytest scratch files', () => layout.cleanup());
  ctx.notes.push(...layout.notes);
  return layout;
}

/**
 * An engine with no gVisor runtime that fits a phase's network is refused before anything is created. plan() makes
 * the choice itself, with the same pure function (gvisor.ts), for the main phase and for the setup phase.
 */
function refuseUnfitRuntimes(spec: RunSpec, runtimes: RuntimeInfo[]): void {
  gvisorFor(spec, runtimes);
  if (spec.phases.setup) gvisorFor({ ...spec, network: spec.phases.setup.network }, runtimes);
}

/**
 * A trusted mount (the base's tests folder, a folder of tests, the challenge) may hold the expected files too: an
 * empty read-only folder is mounted over them (deeper mounts come after shallower ones), so /work never has them.
 */
async function hideExpected(
  ctx: RunContext,
  expectPath: string | null,
  trustedRoots: string[],
): Promise<Mount[]> {
  const under = (root: string, p: string) => p === root || p.startsWith(`${root}/`);
  if (!expectPath || !trustedRoots.some((r) => under(r, expectPath))) return [];
  const empty = path.join(ctx.deps.volumeHost.stateDir, `${ctx.runId}-hidden`);
  await fsp.mkdir(empty, { recursive: true, mode: 0o555 });
  ctx.cleanup.add('remove the empty folder over the expected files', () =>
    fsp.rm(empty, { recursive: true, force: true }),
  );
  return [{ type: 'bind', source: empty, target: `${WORK_DIR}/${expectPath}`, readOnly: true }];
}

/** The run's own directories on the host, checked before anything is made (a warm run checks them too). */
export function checkRunDirectories(spec: RunSpec): Promise<void>[] {
  return [
    checkDirectory('--source', spec.io.source?.dir ?? null, 'exists'),
    checkDirectory('--output-dir', spec.io.outputDir, 'empty-or-absent'),
    checkDirectory('--state-dir', spec.io.stateDir, 'directory-or-absent'),
    checkDirectory('--tests', spec.verdict.tests?.trusted ? spec.verdict.tests.dir : null, 'exists'),
    checkDirectory(
      '--challenge',
      spec.verdict.lean?.trusted ? spec.verdict.lean.challengeDir : null,
      'exists',
    ),
  ];
}

export async function checkDirectory(
  name: string,
  dir: string | null,
  rule: 'exists' | 'empty-or-absent' | 'directory-or-absent',
): Promise<void> {
  if (!dir) return;
  const st = await fsp.lstat(dir).catch(() => null);
  if (rule === 'exists') {
    if (!st?.isDirectory()) throw new InputError(name, `'${dir}' is not a directory`);
    return;
  }
  if (st === null) return;
  if (!st.isDirectory()) throw new InputError(name, `'${dir}' exists and is not a directory`);
  if (rule === 'empty-or-absent' && (await fsp.readdir(dir)).length > 0) {
    throw new InputError(name, `'${dir}' exists and is not empty; name a new or empty directory`);
  }
}

/** A read-only source is seen with the host's permissions: say so when the sandbox user cannot read it. */
async function readableBy(dir: string, owner: { uid: number; gid: number }): Promise<string[]> {
  const st = await fsp.stat(dir);
  const bits =
    st.uid === owner.uid ? (st.mode >> 6) & 5 : st.gid === owner.gid ? (st.mode >> 3) & 5 : st.mode & 5;
  if (bits === 5) return [];
  return [
    `--source-readonly: '${dir}' (owner ${st.uid}, mode ${(st.mode & 0o777).toString(8)}) is not readable by the sandbox user ${owner.uid}:${owner.gid}; chmod it or pass --user ${st.uid}`,
  ];
}

async function ensureImage(engine: Engine, spec: RunSpec, notice: (l: string) => void): Promise<ImageInfo> {
  let info = spec.image.pull === 'always' ? null : await engine.imageInspect(spec.image.ref);
  if (info) return info;
  if (spec.image.pull === 'never') {
    throw new InputError(
      '--image',
      `'${spec.image.ref}' is not on this engine and --pull is never; build or pull it first`,
    );
  }
  notice(`pulling ${spec.image.ref}`);
  try {
    await engine.imagePull(spec.image.ref);
  } catch (err) {
    throw new InputError(
      '--image',
      `'${spec.image.ref}' is not on this engine and could not be pulled: ${errorMessage(err)}`,
    );
  }
  info = await engine.imageInspect(spec.image.ref);
  if (!info) throw new InputError('--image', `'${spec.image.ref}' could not be found after pulling`);
  return info;
}

/** Read small text files from an image through a throwaway container that never starts. */
async function readImageFiles(
  engine: Engine,
  image: string,
  files: string[],
  labels: Labels,
): Promise<Map<string, string>> {
  const id = await engine.createContainer(probeContainer(labels, image));
  const out = new Map<string, string>();
  try {
    for (const f of files) {
      const text = await readContainerFile(engine, id, f);
      if (text !== null) out.set(f, text);
    }
  } finally {
    await engine.removeContainer(id);
  }
  return out;
}

/** The sandbox user (decideUser, pure); the image's passwd and group are read here only when a name needs them. */
async function sandboxUser(
  engine: Engine,
  spec: RunSpec,
  image: ImageInfo,
  labels: Labels,
  notes: string[],
): Promise<{ uid: number; gid: number }> {
  const wanted = spec.security.user ?? (image.user || '');
  const files =
    wanted !== '' && !numericUser(wanted)
      ? await readImageFiles(engine, spec.image.ref, ['/etc/passwd', '/etc/group'], labels)
      : null;
  const d = decideUser({
    user: spec.security.user,
    imageUser: image.user,
    allowRoot: spec.security.allowRoot,
    passwd: files?.get('/etc/passwd') ?? '',
    group: files?.get('/etc/group') ?? '',
  });
  if ('error' in d) throw new InputError('--user', d.error);
  notes.push(...d.notes);
  return d.ids;
}
