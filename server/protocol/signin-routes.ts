/** The unit page's sign-in contracts (spread into ROUTES): an admin makes a one-time link; the page exchanges its code for a unit session. */
import { z } from 'zod';
import { instant } from './api-schemas.js';
import type { RouteSpec } from './routes.js';

const spec = <S extends RouteSpec>(s: S): S => s;
const WRITE = [400, 401, 403, 413, 415, 429, 503] as const;

export const signinLinkRequestSchema = z.strictObject({ unit: z.string().min(1).max(200) });
export const signinExchangeSchema = z.strictObject({ code: z.string().min(10).max(200) });

export const SIGNIN_ROUTES = {
  signinLink: spec({
    summary: "Make a one-time sign-in link for a unit's page (admin); the code is in the URL's fragment, which browsers never send",
    tags: ['admin'],
    auth: 'admin',
    body: signinLinkRequestSchema,
    status: 201,
    reply: z.object({ url: z.string(), unit: z.string(), expiresAt: instant }),
    errors: WRITE,
  }),
  signinExchange: spec({
    summary: 'Exchange a sign-in code (once, before it expires) for a unit session token',
    tags: ['write'],
    auth: 'none',
    body: signinExchangeSchema,
    reply: z.object({ token: z.string(), unit: z.string(), expiresAt: instant }),
    errors: WRITE,
  }),
  whoami: spec({
    summary: 'Who the bearer token is: its role and, for a unit token, its unit (the unit page opens on it)',
    tags: ['read'],
    auth: 'read',
    reply: z.object({ id: z.string(), role: z.enum(['admin', 'unit', 'display']), unit: z.string().nullable() }),
    errors: [400, 401, 403, 429],
  }),
} as const;
