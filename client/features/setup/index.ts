/** What other features use of the setup's: the new-password fields (typed twice, with the rule). */
export { PasswordFields, type NewPassword } from './PasswordFields';
