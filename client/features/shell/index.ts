/** What other features use of the shell's. */
export { LanguageSwitch } from './LanguageSwitch';
