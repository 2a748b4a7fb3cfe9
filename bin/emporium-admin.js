#!/usr/bin/env node
'use strict';
// The operators' CLI (src/admin/cli.ts).
require('./run-cli')('src/admin/cli.ts', 'dist/admin/cli.js', 'runAdmin');
