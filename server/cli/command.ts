/** What a command of the `relais` CLI is: a name, a line of help, its options, and what it does. */
import type { Database } from '../db/sequelize';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
}

export interface OptionSpec {
  name: string;
  /** Shown in help: "EMAIL". */
  value?: string;
  description: string;
  required?: boolean;
}

export interface Command {
  name: string;
  summary: string;
  options: OptionSpec[];
  /** More help, after the options. */
  details?: string;
  /** Opens (and migrates) the configured database for `run`. */
  needsDatabase: boolean;
  run(ctx: { options: Record<string, string>; io: Io; db: Database | null }): Promise<number>;
}

/** A refusal the CLI prints as it is and exits with 1 (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
