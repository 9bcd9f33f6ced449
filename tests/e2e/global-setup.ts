import { ensureClientBuilt } from '../../scripts/client-build.mjs';

export default function setup() {
  ensureClientBuilt();
}
