import { z } from 'zod';
import {
  createMirUser,
  createSession,
  findMirUserByEmail,
  revokeSession,
  useEmailToken,
} from '../../db/queries/accounts';
import { publicUrl } from '../../config';
import { newId } from '../../domain/ids';
import { hashSecret } from '../../domain/keys';
import {
  EMAIL_TOKEN_TTL_MS,
  SESSION_TTL_MS,
  assertLoginAllowed,
  hashPassword,
  newOpaqueToken,
  passwordMatches,
  recordLoginFailure,
} from '../accounts';
import { SESSION_COOKIE, setCookie } from '../cookies';
import { ApiError } from '../errors';
import { defineRoute } from '../route';

const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
const credentials = z.strictObject({ email, password: z.string().min(10).max(200) });
const account = z.object({ id: z.string(), email: z.string(), emailVerified: z.boolean() });

export const userRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/users/signup',
    summary: 'Create a MIR account (a person, not a partner); a verification email follows',
    tags: ['Accounts'],
    auth: 'none',
    body: credentials,
    responses: { 201: { description: 'Created; verify the email to complete it', schema: account } },
    handler: async ({ body, deps }) => {
      const verification = newOpaqueToken('mir_ev_');
      const passwordHash = await hashPassword(body.password);
      const user = await createMirUser(deps.database.db, {
        email: body.email,
        passwordHash,
        tokenHash: verification.hash,
        tokenTtlMs: EMAIL_TOKEN_TTL_MS,
      });
      const base = publicUrl(deps.config);
      if (!user) {
        // The same answer as a new account: signup must not tell anyone which emails have accounts.
        await deps.mailer.send({
          to: body.email,
          subject: 'Someone tried to sign up with your email',
          text: `You already have a MIR account. Log in at ${base}/link or ignore this message.`,
        });
        return { status: 201, body: { id: newId('acct'), email: body.email, emailVerified: false } };
      }
      await deps.mailer.send({
        to: user.email,
        subject: 'Verify your MIR email address',
        text: `Confirm your address: POST ${base}/v1/users/verify-email with {"token":"${verification.token}"}\nToken: ${verification.token}`,
      });
      return { status: 201, body: { id: user.id, email: user.email, emailVerified: false } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/verify-email',
    summary: 'Verify an email address with the single-use token from the verification email',
    tags: ['Accounts'],
    auth: 'none',
    body: z.strictObject({ token: z.string().min(1).max(200) }),
    responses: { 200: { description: 'Verified', schema: account } },
    handler: async ({ body, deps }) => {
      const user = await useEmailToken(deps.database.db, hashSecret(body.token));
      if (!user) throw new ApiError('invalid_token', 'This verification token is unknown, used or expired');
      return { status: 200, body: { id: user.id, email: user.email, emailVerified: true } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/login',
    summary: 'Log in; answers an opaque session token and sets it as an HttpOnly cookie',
    tags: ['Accounts'],
    auth: 'none',
    body: credentials.extend({ password: z.string().min(1).max(200) }),
    responses: {
      200: { description: 'Logged in', schema: z.object({ token: z.string(), expiresAt: z.iso.datetime() }) },
    },
    handler: async ({ body, req, res, deps }) => {
      const db = deps.database.db;
      const ip = req.ip ?? 'unknown';
      await assertLoginAllowed(db, body.email, ip);
      const user = await findMirUserByEmail(db, body.email);
      if (!(await passwordMatches(user?.passwordHash ?? null, body.password)) || !user) {
        await recordLoginFailure(db, body.email, ip);
        throw new ApiError('invalid_credentials', 'Email or password is wrong');
      }
      const session = newOpaqueToken('mir_sess_');
      const expiresAt = await createSession(db, { tokenHash: session.hash, mirUserId: user.id, ttlMs: SESSION_TTL_MS });
      setCookie(res, SESSION_COOKIE, session.token, {
        maxAgeSeconds: SESSION_TTL_MS / 1000,
        secure: publicUrl(deps.config).startsWith('https:'),
      });
      return { status: 200, body: { token: session.token, expiresAt: expiresAt.toISOString() } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/logout',
    summary: 'End this session; the token stops working at once',
    tags: ['Accounts'],
    auth: 'user',
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
