/** `--role <name>` or `--role=<name>` on the command line, which stands for EMPORIUM_ROLE. */
export function roleArgument(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === '--role' || arg.startsWith('--role='));
  if (index === -1) return undefined;
  return argv[index]!.includes('=') ? argv[index]!.slice('--role='.length) : argv[index + 1];
}
