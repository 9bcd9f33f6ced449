import { DomainError } from '../../errors';
import { createManagerAccount } from '../../services/setup';
import { emailAddress } from '../../../shared/schemas/common';
import { setupInput } from '../../../shared/schemas/accounts';
import { CliError, type Command } from '../command';
import { readSecret } from '../prompt';

/** create-manager: a mentorship manager's account, for a server without a browser (or a school that lost its managers' passwords). */
export const createManager: Command = {
  name: 'create-manager',
  summary: 'Create a mentorship manager who can sign in at once.',
  options: [
    { name: 'email', value: 'EMAIL', description: 'their email, which they sign in with', required: true },
    { name: 'name', value: 'NAME', description: 'their name, as Relais shows it', required: true },
  ],
  details:
    'The password is read from RELAIS_PASSWORD, else typed at a hidden prompt (twice), else the first line of standard input. ' +
    'At least 10 characters, and not one of the most common passwords. An email that already has an account is refused.',
  needsDatabase: true,
  async run({ options, io, db }) {
    const email = emailAddress.safeParse(options.email);
    if (!email.success) throw new CliError(`"${options.email}" is not an email address.`, 2);
    let password = io.env.RELAIS_PASSWORD;
    if (password === undefined || password === '') {
      password = await readSecret(io.stdin, 'Password: ', (s) => process.stderr.write(s));
      if (io.stdin.isTTY) {
        const again = await readSecret(io.stdin, 'Password again: ', (s) => process.stderr.write(s));
        if (again !== password) throw new CliError('The two passwords differ. Nothing was created.');
      }
    }
    if (!password) throw new CliError('No password given: set RELAIS_PASSWORD, or run the command in a terminal to type it.', 2);
    const input = setupInput.safeParse({ name: options.name, email: email.data, password });
    if (!input.success) throw new CliError(input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'), 2);
    try {
      const user = await createManagerAccount(db!, input.data);
      io.out(`Created the manager ${user.name} <${user.email}> (account ${user.id}). They can sign in now.`);
      return 0;
    } catch (error) {
      if (error instanceof DomainError) throw new CliError(error.message);
      throw error;
    }
  },
};
