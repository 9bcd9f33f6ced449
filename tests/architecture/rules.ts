/**
 * The layers Relais keeps (docs/architecture.md), as dependency-cruiser rules: the
 * architecture test fails on any of them.
 */
import type { IForbiddenRuleType } from 'dependency-cruiser';

export const FORBIDDEN: IForbiddenRuleType[] = [
  {
    name: 'no-cycles',
    comment: 'An import cycle in server/ or shared/: each module must sit above or below another, never both.',
    severity: 'error',
    from: { path: '^(server|shared)/' },
    to: { circular: true },
  },
  {
    name: 'shared-stands-alone',
    comment: 'shared/ is pure code both sides import: it never imports the client or the server.',
    severity: 'error',
    from: { path: '^shared/' },
    to: { path: '^(client|server)/' },
  },
  {
    name: 'client-takes-server-types-only',
    comment: 'The client may import the server’s types (the router’s type), never a value.',
    severity: 'error',
    from: { path: '^client/' },
    to: { path: '^server/', dependencyTypesNot: ['type-only'] },
  },
  {
    name: 'features-meet-through-their-index',
    comment:
      'A client feature imports another only through its index.ts, what it exports on purpose; what several features use lives in client/components or client/lib. ' +
      'Not yet held: the shell and auth features (being changed by other work; they still reach into notifications/ and shell/), and the card and people ' +
      'stylesheets the people pages share (moving their rules would change the cascade).',
    severity: 'error',
    from: { path: '^client/features/([^/]+)/', pathNot: '^client/features/(shell|auth)/' },
    to: {
      path: '^client/features/',
      pathNot: ['^client/features/$1/', '^client/features/[^/]+/index\\.ts$', '^client/features/(card/card|learner/people)\\.css$'],
    },
  },
  {
    name: 'services-know-no-transport',
    comment: 'Services throw domain errors and return plain data: tRPC is the routers’ business.',
    severity: 'error',
    from: { path: '^server/services/' },
    to: { path: '@trpc/' },
  },
  {
    name: 'services-take-their-own-context',
    comment: 'Services use server/services/context.ts, never the request context (server/context.ts).',
    severity: 'error',
    from: { path: '^server/services/' },
    to: { path: '^server/context\\.ts$' },
  },
];
