#!/usr/bin/env node
'use strict';
// The auditors' CLI (src/audit/cli/main.ts).
require('./run-cli')('src/audit/cli/main.ts', 'dist/audit/cli/main.js', 'runAudit');
