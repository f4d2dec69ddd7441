import { z } from 'zod';
import type { Request } from 'express';
import { revokeSession } from '../../db/queries/accounts';
import { hashSecret } from '../../domain/keys';
import { emailField, logInPerson, newPasswordField, signUpPerson } from '../../services/account-actions';
import { SESSION_COOKIE, setCookie, setSessionCookie } from '../cookies';
import { resendVerification, verifyEmail } from '../../services/email-verification';
import { ApiError } from '../../domain/errors';
import { sessionTokenOf } from '../middleware/user-auth';
import { defineRoute } from '../route';

/** The session a request carries, if any (a malformed cookie is none). */
function currentSessionHash(req: Request): string | null {
  try {
    const token = sessionTokenOf(req);
    return token ? hashSecret(token) : null;
  } catch {
    return null;
  }
}

const credentials = z.strictObject({ email: emailField, password: newPasswordField });
const account = z.object({ id: z.string(), email: z.string(), emailVerified: z.boolean() });

export const userRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/users/signup',
    operationId: 'signUp',
    summary: 'Create a MIR account (a person, not a partner); a verification email follows',
    tags: ['Accounts'],
    auth: 'none',
    ownTransactions: true,
    body: credentials,
    errors: ['too_many_attempts'],
    responses: { 201: { description: 'Created; verify the email to complete it', schema: account } },
    handler: async ({ body, req, deps }) => ({ status: 201, body: await signUpPerson(deps, { ...body, ip: req.ip }) }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/verify-email',
    operationId: 'verifyEmail',
    summary:
      "Verify an email address with the token from the mail and the account's password (or a session); ends its other sessions",
    tags: ['Accounts'],
    auth: 'none',
    ownTransactions: true,
    body: z.strictObject({
      token: z.string().min(1).max(200),
      password: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe("The account's password; not needed when the request carries a session of that account"),
    }),
    errors: ['invalid_token', 'invalid_credentials', 'too_many_attempts'],
    responses: { 200: { description: 'Verified', schema: account } },
    handler: async ({ body, req, deps }) => {
      const proof = { sessionHash: currentSessionHash(req), password: body.password, ip: req.ip };
      const user = await verifyEmail(deps, body.token, proof);
      if (!user) throw new ApiError('invalid_token', 'This verification token is unknown, used or expired');
      return { status: 200, body: { id: user.id, email: user.email, emailVerified: true } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/verify-email/resend',
    operationId: 'resendVerificationEmail',
    summary: 'Mail a new verification token to the logged-in person (once every 5 minutes)',
    tags: ['Accounts'],
    auth: 'user',
    ownTransactions: true,
    errors: ['too_many_attempts', 'invalid_state'],
    responses: { 202: { description: 'Mailed', schema: z.object({ sent: z.literal(true) }) } },
    handler: async ({ principal, deps }) => {
      await resendVerification(deps, principal);
      return { status: 202, body: { sent: true } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/login',
    operationId: 'logIn',
    summary: 'Log in; answers an opaque session token and sets it as an HttpOnly cookie',
    tags: ['Accounts'],
    auth: 'none',
    ownTransactions: true,
    secretFields: ['token'],
    body: credentials.extend({ password: z.string().min(1).max(200) }),
    errors: ['invalid_credentials', 'too_many_attempts'],
    responses: {
      200: { description: 'Logged in', schema: z.object({ token: z.string(), expiresAt: z.iso.datetime() }) },
    },
    handler: async ({ body, req, res, deps }) => {
      const session = await logInPerson(deps, { ...body, ip: req.ip });
      setSessionCookie(res, deps.config, session.token);
      return { status: 200, body: { token: session.token, expiresAt: session.expiresAt.toISOString() } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/logout',
    operationId: 'logOut',
    summary: 'End this session; the token stops working at once',
    tags: ['Accounts'],
    auth: 'user',
    ownTransactions: true,
    responses: { 200: { description: 'Logged out', schema: z.object({ loggedOut: z.literal(true) }) } },
    handler: async ({ principal, res, deps }) => {
      await revokeSession(deps.database.db, principal.sessionHash);
      setCookie(res, SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: false });
      return { status: 200, body: { loggedOut: true } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me',
    operationId: 'getMe',
    summary: 'The logged-in MIR account',
    tags: ['Accounts'],
    auth: 'user',
    responses: { 200: { description: 'The account', schema: account } },
    handler: async ({ principal }) => ({
      status: 200,
      body: { id: principal.userId, email: principal.email, emailVerified: principal.emailVerified },
    }),
  }),
];
