import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CatalogPage } from '../../client/features/catalog/CatalogPage';
import { sortedProjects } from '../../client/features/catalog/catalogOrder';
import { baseHandlers, catalog, manager, mentor } from './cardFixtures';
import { Refusal, renderWithApi } from './fakeApi';

const withRetired = {
  ...catalog,
  projects: [
    { id: 11, pathId: 1, position: 2, code: 'DW-P3', title: 'Dynamisez une page web', color: '#7c3aed', retired: true },
    { id: 10, pathId: 1, position: 1, code: 'DW-P2', title: 'Transformez une maquette en site web', color: '#2563eb', retired: false },
  ],
};

function renderPage(me: typeof manager | typeof mentor, extra: Record<string, (input: any) => unknown> = {}) {
  return renderWithApi(<CatalogPage user={me as never} />, { handlers: { ...baseHandlers(me), 'catalog.get': () => withRetired, ...extra }, route: '/catalog' });
}

describe('paths and projects', () => {
  it('orders a path’s projects by position', () => {
    expect(sortedProjects(withRetired.projects, 1).map((p) => p.code)).toEqual(['DW-P2', 'DW-P3']);
  });

  it('is for managers only', async () => {
    renderPage(mentor);
    expect(await screen.findByText('Only mentorship managers manage paths and projects.')).toBeInTheDocument();
  });

  it('creates a path, and shows a taken code', async () => {
    const created: unknown[] = [];
    let first = true;
    renderPage(manager, {
      'catalog.createPath': (input) => {
        created.push(input);
        if (first) {
          first = false;
          throw new Refusal('PRECONDITION_FAILED', 'The code DW is taken.', { rule: 'code_taken' });
        }
        return { id: 2, ...input };
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'New path' }));
    await userEvent.type(screen.getByLabelText('Code'), 'DW');
    await userEvent.type(screen.getByLabelText('Name'), 'Data analyst');
    await userEvent.click(screen.getByRole('button', { name: 'Create the path' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The code DW is taken.');
    await userEvent.clear(screen.getByLabelText('Code'));
    await userEvent.type(screen.getByLabelText('Code'), 'DA');
    await userEvent.click(screen.getByRole('button', { name: 'Create the path' }));
    await waitFor(() => expect(created).toEqual([{ code: 'DW', name: 'Data analyst' }, { code: 'DA', name: 'Data analyst' }]));
  });

  it('creates a project, moves one and retires or brings one back', async () => {
    const calls: unknown[] = [];
    renderPage(manager, {
      'catalog.createProject': (input) => {
        calls.push(['create', input]);
        return { id: 12, position: 3, retired: false, ...input };
      },
      'catalog.updateProject': (input) => {
        calls.push(['update', input]);
        return { id: input.projectId };
      },
    });
    const panel = await screen.findByRole('region', { name: /Développeur web/ });
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.catalog-code')?.textContent)).toEqual(['DW-P2', 'DW-P3']);
    expect(within(items[1]!).getByText('Retired')).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Move DW-P2 up' })).toBeDisabled();
    await userEvent.click(within(panel).getByRole('button', { name: 'Move DW-P2 down' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Retire DW-P2' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Bring back DW-P3' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'New project in Développeur web' }));
    const form = within(panel).getByRole('form', { name: 'New project in Développeur web' });
    await userEvent.type(within(form).getByLabelText('Code'), 'DW-P4');
    await userEvent.type(within(form).getByLabelText('Title'), 'Créez une API');
    await userEvent.click(within(form).getByRole('button', { name: 'Create the project' }));
    await waitFor(() =>
      expect(calls).toEqual([
        ['update', { projectId: 10, position: 2 }],
        ['update', { projectId: 10, retired: true }],
        ['update', { projectId: 11, retired: false }],
        ['create', { pathId: 1, code: 'DW-P4', title: 'Créez une API', color: '#2563eb' }],
      ]),
    );
  });
});
