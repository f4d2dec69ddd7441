import { html } from './html';
import { layout } from './layout';

/** One page per way an invite or request can fail; wording differs so the person knows what to do. */
export type ProblemKind =
  | 'unknown'
  | 'expired'
  | 'used'
  | 'csrf'
  | 'already_linked'
  | 'account_closing'
  | 'unavailable'
  | 'busy'
  | 'bad_request'
  | 'method'
  | 'too_large'
  | 'internal';

const PROBLEMS: Record<ProblemKind, { status: number; title: string; text: string }> = {
  method: {
    status: 405,
    title: 'This page does not do that',
    text: 'Open the link from the partner again and use the buttons on the page.',
  },
  unknown: {
    status: 404,
    title: 'This link is not valid',
    text: 'We could not find this link. Check that you opened the whole address, or ask the partner for a new invite.',
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    text: 'The invite is no longer valid and nothing was linked. Ask the partner to send you a new invite.',
  },
  used: {
    status: 410,
    title: 'This link has already been used',
    text: 'This invite was already confirmed or declined, so it cannot be used again. If that was not you, ask the partner for a new invite.',
  },
  csrf: {
    status: 403,
    title: 'Please try again',
    text: 'This form was out of date or did not come from this page, so nothing was done. Open the link again and retry.',
  },
  already_linked: {
    status: 409,
    title: 'Already linked',
    text: 'Your MIR account is already linked to this partner, or this partner account is linked to another MIR account. Nothing was changed.',
  },
  account_closing: {
    status: 409,
    title: 'Your account is being erased',
    text: 'You asked for your MIR account to be erased, so it cannot be linked. Log in again to cancel the erasure, then open this link again.',
  },
  unavailable: {
    status: 503,
    title: 'Linking is unavailable right now',
    text: 'Nothing was changed. Please try again in a minute.',
  },
  busy: {
    status: 503,
    title: 'MIR cannot answer right now',
    text: 'Please try again in a minute.',
  },
  bad_request: {
    status: 400,
    title: 'Something was wrong with that request',
    text: 'Nothing was done. Open the link again and retry.',
  },
  too_large: {
    status: 413,
    title: 'That form was too large',
    text: 'Nothing was done. Open the link again and retry.',
  },
  internal: {
    status: 500,
    title: 'Something went wrong',
    text: 'Nothing was changed on our side that you need to undo. Please try again later.',
  },
};

export function problemPage(kind: ProblemKind, backTo?: string): { status: number; html: string } {
  const problem = PROBLEMS[kind];
  return {
    status: problem.status,
    html: layout(
      problem.title,
      html`<section class="card">
        <h1>${problem.title}</h1>
        <p>${problem.text}</p>
        ${backTo ? html`<p><a class="button" href="${backTo}">Back to the invite</a></p>` : ''}
      </section>`,
    ),
  };
}
