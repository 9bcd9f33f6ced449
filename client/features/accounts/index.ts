/** What other features use of the accounts': the project picker a mentor's profile is edited with. */
export { ProjectPicker } from './ProjectPicker';
