// Bundles the CLI and the action entry into dist/ (ESM, Node 24 target). Deterministic: same input, same bytes.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  legalComments: 'none',
  sourcemap: false,
  charset: 'utf8',
  define: { SANDBOX_ACTION_VERSION: JSON.stringify(pkg.version) },
  // Some bundled CommonJS dependencies call require(); give ESM output one.
  banner: {
    js: "import { createRequire as __sa_cr } from 'node:module'; const require = __sa_cr(import.meta.url);",
  },
  logLevel: 'warning',
};
const entries = [
  // dist/cli.js only starts dist/cli-main.cjs with its compiled code cached (src/cli/launch.ts).
  { in: 'src/cli/launch-main.ts', out: 'dist/cli.js' },
  // comparator's own test projects through the shim, for .github/workflows/lean-comparator.yml.
  { in: 'src/comparator/projects-main.ts', out: 'dist/comparator-projects.js' },
];
try {
  readFileSync(new URL('../src/action/index.ts', import.meta.url));
  entries.push({ in: 'src/action/index.ts', out: 'dist/index.js' });
} catch {
  /* the action entry arrives with the action */
}
for (const e of entries) {
  // The CLI entry's own `#!/usr/bin/env node` line is kept first by esbuild.
  await build({ ...common, entryPoints: [e.in], outfile: e.out });
}
// The CLI as CommonJS: Node 20 can cache the compiled code of a script (vm.Script), not of an ES module.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/index.ts'],
  outfile: 'dist/cli-main.cjs',
  define: {
    ...common.define,
    'import.meta.url': '__sa_import_meta_url',
    'import.meta.dirname': '__dirname',
  },
  banner: { js: "const __sa_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});
// The egress proxy runs in images/egress-proxy on Debian bookworm's Node 18: Node's own modules and one bundled
// dependency, dns-packet (CommonJS: it require()s Node's `buffer`, hence the same banner as the CLI).
await build({
  ...common,
  target: 'node18',
  entryPoints: ['src/egress/main.ts'],
  outfile: 'dist/egress-proxy.js',
});
