import { action, ACTORS } from './authorization-expect';
import type { RouteEntry } from './authorization-expect';

/**
 * The workflow's door, generic and per action, on the settled case A. The body is empty: the
 * answers come before the input is read (visibility, then the table).
 */
export const ACTION_ROUTES: Record<string, RouteEntry> = {
  'POST /cases/{id}/actions/{action}': {
    path: (o) => `/cases/${o.settled}/actions/withdraw`,
    body: () => ({}),
    expect: action(ACTORS.withdraw),
  },
  ...Object.fromEntries(
    Object.entries(ACTORS).map(([name, actors]) => [
      `POST /cases/{id}/actions/${name}`,
      {
        path: (o) => `/cases/${o.settled}/actions/${name}`,
        body: () => ({}),
        expect: action(actors),
      } satisfies RouteEntry,
    ]),
  ),
};
