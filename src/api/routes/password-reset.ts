import { z } from 'zod';
import { emailField, newPasswordField } from '../../services/account-actions';
import { confirmPasswordReset, requestPasswordReset } from '../../services/password-reset';
import { defineRoute } from '../route';

export const passwordResetRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/users/password-reset/request',
    operationId: 'requestPasswordReset',
    summary: 'Mail a single-use link (1 hour) to set a new password; the same answer for every address',
    tags: ['Accounts'],
    auth: 'none',
    ownTransactions: true,
    body: z.strictObject({ email: emailField }),
    errors: ['too_many_attempts'],
    responses: {
      202: {
        description: 'Accepted: if the address has an account, a mail follows',
        schema: z.object({ accepted: z.literal(true) }),
      },
    },
    handler: async ({ body, req, deps }) => {
      await requestPasswordReset(deps, body.email, req.ip);
      return { status: 202, body: { accepted: true } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users/password-reset/confirm',
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with the token from the mail; ends every session of the account',
    tags: ['Accounts'],
    auth: 'none',
    ownTransactions: true,
    body: z.strictObject({ token: z.string().min(1).max(200), password: newPasswordField }),
    errors: ['invalid_token', 'too_many_attempts'],
    responses: {
      200: { description: 'Password set; log in again', schema: z.object({ passwordReset: z.literal(true) }) },
    },
    handler: async ({ body, deps }) => {
      await confirmPasswordReset(deps, body.token, body.password);
      return { status: 200, body: { passwordReset: true } };
    },
  }),
];
