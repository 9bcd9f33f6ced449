/**
 * `npm run relais -- <command> [--option value…]`: the command line of Relais, for what a
 * server without a browser needs. One entry, one command per file in ./commands, each
 * listed in COMMANDS (help lists them). A command that needs the database gets the one the
 * server would open (DATABASE_URL, else RELAIS_DB), migrated. Exit codes: 0 done, 1 refused
 * (the message says why), 2 a mistake in the command line.
 */
import { CliError, type Command, type Io } from './command';
import { createManager } from './commands/createManager';
import { openConfiguredDatabase } from './database';

/** Every command; the import, export and backup commands of later work are added here. */
export const COMMANDS: Command[] = [createManager];

function usage(command: Command): string {
  const options = command.options.map((o) => (o.required ? `--${o.name} ${o.value ?? ''}`.trim() : `[--${o.name}${o.value ? ` ${o.value}` : ''}]`));
  return `npm run relais -- ${[command.name, ...options].join(' ')}`;
}

function help(io: Io, name?: string): number {
  if (name) {
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new CliError(`No command "${name}". Run \`npm run relais -- help\` for the list.`, 2);
    io.out(`${command.summary}\n\n  ${usage(command)}\n`);
    for (const o of command.options) io.out(`  --${o.name}${o.value ? ` ${o.value}` : ''}`.padEnd(24) + `${o.description}${o.required ? '' : ' (optional)'}`);
    if (command.details) io.out(`\n${command.details}`);
    return 0;
  }
  io.out('Relais on the command line.\n\nUsage: npm run relais -- <command> [options]\n\nCommands:');
  io.out(`  ${'help [COMMAND]'.padEnd(20)}this list, or how to use one command`);
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(20)}${c.summary}`);
  io.out('\nThe database is the one the server uses: DATABASE_URL (PostgreSQL), else RELAIS_DB (SQLite, default data/relais.sqlite).');
  return 0;
}

/** `--name value` and `--name=value` pairs. */
export function parseOptions(args: string[], command: Command): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new CliError(`Unexpected "${arg}". Usage: ${usage(command)}`, 2);
    const name = match[1]!;
    if (!command.options.some((o) => o.name === name)) throw new CliError(`${command.name} has no option --${name}. Usage: ${usage(command)}`, 2);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new CliError(`--${name} needs a value. Usage: ${usage(command)}`, 2);
    options[name] = value;
  }
  for (const o of command.options) {
    if (o.required && !options[o.name]?.trim()) throw new CliError(`--${o.name} is required. Usage: ${usage(command)}`, 2);
  }
  return options;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') return help(io, name === 'help' ? rest[0] : undefined);
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new CliError(`No command "${name}". Run \`npm run relais -- help\` for the list.`, 2);
    if (rest.includes('--help')) return help(io, command.name);
    const options = parseOptions(rest, command);
    const opened = command.needsDatabase ? await openConfiguredDatabase(io.env) : null;
    try {
      return await command.run({ options, io, db: opened?.db ?? null });
    } finally {
      await opened?.db.close();
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`relais ${name ?? ''}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

// Run as a program (not imported by a test).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env, stdin: process.stdin }).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
