'use strict';
// Runs one of our CLIs. In a checkout it runs from the sources through tsx, so it is never older
// than they are; where only the build is (a production image), from dist/.
const path = require('node:path');
const root = path.resolve(__dirname, '..');

function load(source, built) {
  try {
    require(require.resolve('tsx/cjs/api', { paths: [root] })).register();
    return require(path.join(root, source));
  } catch (error) {
    if (error && error.code !== 'MODULE_NOT_FOUND') throw error;
    return require(path.join(root, built));
  }
}

/** Loads the CLI module, runs its entry with the arguments, and exits with the code it resolves to (2 when it throws). */
module.exports = function runCli(source, built, entry) {
  const cli = load(source, built);
  cli[entry](process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
};
