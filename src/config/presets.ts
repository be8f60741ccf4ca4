/**
 * Run presets (presets/*.json, bundled): image, entrypoint, command, network, allowlist, parser and limits for a
 * kind of job. `--preset NAME` fills what the user did not give; anything given explicitly wins.
 */
import agent from '../../presets/agent.json' with { type: 'json' };
import leanProof from '../../presets/lean-proof.json' with { type: 'json' };
import lean4 from '../../presets/lean4.json' with { type: 'json' };
import pythonTests from '../../presets/python-tests.json' with { type: 'json' };
import { InputError } from './errors.js';
import { RUN_OPTIONS, type RunOptionName } from './option-table.js';
import type { RawOptions } from './run-spec.js';

export interface RunPreset {
  name: string;
  description: string;
  /** The image's short name: resolved against the images registry (`--images-registry`). */
  image: string;
  entrypoint?: string;
  command: string[];
  network: 'none' | 'proxy' | 'open';
  allowPresets: string[];
  annotate: string | null;
  /** Files of /output the verdict needs (declared outputs). */
  outputs: string[];
  /** A JUnit file of /output to judge by. */
  junit?: string;
  /**
   * The preset runs pytest: the trusted arguments (`-c CONFIG --rootdir=/work --confcutdir=/work TESTS…`) are added to
   * its command when the run is prepared, from --tests (trusted) or from the source's own files.
   */
  tests?: { runner: 'pytest'; paths: string[] };
  audit?: { allowAxioms: string[] };
  /** The Lean judge: comparator, with the config at this path of the trusted checkout. */
  lean?: { judge: 'comparator'; config: string };
  /** The judges a PR check of this kind requires (`report --preset`): a result without one of them fails. */
  requiredJudges: string[];
  /**
   * A first phase with its own network (the main command then runs in a fresh container with the preset's network).
   * Without a command, the network a caller's `--setup` gets (e.g. pip install through the proxy, the pypi allowlist).
   */
  setup?: { command?: string; network: 'none' | 'proxy' };
  /** Environment the preset always sets, after the user's --env (so a caller cannot drop it). */
  env?: string[];
  options: Record<string, string | string[]>;
  /**
   * The loosening options the preset sets on purpose (the agent preset's secret route), by name: each is reviewed
   * here and still recorded in the result's loosened list. Any other loosening in a preset is refused.
   */
  loosens?: string[];
}

export const RUN_PRESETS: Record<string, RunPreset> = Object.fromEntries(
  [pythonTests, leanProof, lean4, agent].map((p) => [p.name, p as RunPreset]),
);

/** Where the presets' images are pulled from unless --image names one. */
export const DEFAULT_IMAGES_REGISTRY = 'ghcr.io/org/sandbox-action';

/**
 * What a preset would loosen without saying so: the options it sets whose table entry loosens something, and an
 * open network, less those its `loosens` list names. The sources of a run's options, by trust: the caller's own
 * (argv, or the action's inputs written in the workflow of the default branch) are trusted and may loosen, each
 * loosening recorded; a preset is a lower-trust source: it only fills in what the caller left unset (it never
 * overrides), and may loosen only what it declares, so a preset with an undeclared loosening is refused. What the
 * run builds (the PR's files) sets no option at all.
 */
export function presetLoosenings(p: RunPreset): string[] {
  const out = Object.keys(p.options)
    .filter((k) => k in RUN_OPTIONS && RUN_OPTIONS[k as RunOptionName].loosens !== null)
    .map((k) => `--${k}`);
  if (p.network === 'open') out.unshift('--network open');
  return out.filter((o) => !(p.loosens ?? []).includes(o));
}

/** The options and command with the preset's defaults filled in (pure). */
export function applyPreset(
  raw: RawOptions,
  command: string[],
): { raw: RawOptions; command: string[]; preset: RunPreset | null; commandFromPreset: boolean } {
  const name = raw.preset;
  if (name === undefined || name === false) return { raw, command, preset: null, commandFromPreset: false };
  if (typeof name !== 'string' || !RUN_PRESETS[name]) {
    throw new InputError(
      '--preset',
      `'${String(name)}' is not a preset; the presets are ${Object.keys(RUN_PRESETS).join(', ')}`,
    );
  }
  const p = RUN_PRESETS[name];
  const loosens = presetLoosenings(p);
  if (loosens.length)
    throw new InputError(
      '--preset',
      `'${name}' sets ${loosens.join(', ')}, which loosens; a preset may only tighten`,
    );
  const registry =
    typeof raw['images-registry'] === 'string' ? raw['images-registry'] : DEFAULT_IMAGES_REGISTRY;
  const out: RawOptions = { ...raw };
  const fill = (k: string, v: string | string[] | undefined) => {
    if (v === undefined) return;
    const cur = out[k];
    if (cur === undefined || cur === false || (Array.isArray(cur) && cur.length === 0)) out[k] = v;
  };
  fill('image', `${registry}/${p.image}:latest`);
  fill('entrypoint', p.entrypoint);
  fill('network', p.network === 'none' ? undefined : p.network);
  const setupOnline =
    p.setup?.network === 'proxy' && (p.setup.command !== undefined || typeof raw.setup === 'string');
  if (p.network === 'proxy' || setupOnline) fill('allow-preset', p.allowPresets);
  fill('annotate', p.annotate ?? undefined);
  fill('output', p.outputs.length ? p.outputs : undefined);
  fill('junit', p.junit);
  for (const [k, v] of Object.entries(p.options)) fill(k, v);
  return {
    raw: out,
    command: command.length ? command : [...p.command],
    preset: p,
    commandFromPreset: command.length === 0,
  };
}
