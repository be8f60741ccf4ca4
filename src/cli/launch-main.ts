#!/usr/bin/env node
// dist/cli.js: the CLI through its code cache (src/cli/launch.ts); the CLI itself is dist/cli-main.cjs.
import { launch } from './launch.js';

launch();
