#!/usr/bin/env node
// The installed command runs the bundled CLI (`npm run build:cli` makes it; `npm pack` runs that first).
import { main } from '../dist/cli.mjs';

main();
