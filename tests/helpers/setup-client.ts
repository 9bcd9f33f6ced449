import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import '../../client/i18n';
import { useUi } from '../../client/stores/ui';

// Every client test starts from the UI store as the app does: no dialog, toast, drag or highlight.
beforeEach(() => useUi.setState(useUi.getInitialState(), true));
afterEach(() => cleanup());
