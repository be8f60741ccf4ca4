/**
 * Allowlist presets: data files in src/egress/presets/ (bundled), expanded into domain rules. A preset may include
 * others; the expansion is checked (every name valid, no unknown include, no cycle) by the unit tests.
 */
import { InputError, InternalError } from '../config/errors.js';
import debian from './presets/debian.json' with { type: 'json' };
import github from './presets/github.json' with { type: 'json' };
import lean from './presets/lean.json' with { type: 'json' };
import pypi from './presets/pypi.json' with { type: 'json' };

export interface Preset {
  name: string;
  description: string;
  domains: string[];
  includes: string[];
}

export const PRESETS: Record<string, Preset> = Object.fromEntries(
  [github, lean, pypi, debian].map((p) => [p.name, p as Preset]),
);

/** Every domain of the named presets (includes expanded), in order, without repeats. */
export function expandPresets(names: string[]): string[] {
  const out: string[] = [];
  const visit = (name: string, path: string[]) => {
    const p = PRESETS[name];
    if (!p) {
      throw new InputError(
        '--allow-preset',
        `'${name}' is not a preset; the presets are ${Object.keys(PRESETS).join(', ')}`,
      );
    }
    if (path.includes(name)) throw new InternalError(`preset cycle: ${[...path, name].join(' → ')}`);
    for (const inc of p.includes) visit(inc, [...path, name]);
    for (const d of p.domains) if (!out.includes(d)) out.push(d);
  };
  for (const n of names) visit(n, []);
  return out;
}
