/**
 * Every place MIR relies on Express beyond its documented API, in one module so an upgrade has one
 * file to check. express is pinned to an exact version in package.json; each export here has a
 * canary in test/unit/library-canaries.test.ts that fails loudly when a release changes what it
 * relies on. Why these exist: docs/adr/0002-fast-dispatch.md.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, Request, Response } from 'express';

/**
 * The classes the server builds each request and response from, born with Express's prototypes
 * behind their own, which then become the app's: Express's app.handle re-points the prototype of
 * each request and response to the app's, and re-pointing an object to another prototype throws
 * away V8's optimised shapes for it (a third of the CPU of a resolve); to the same one it is free.
 */
export function expressClasses(app: Express) {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as Request;
  app.response = AppResponse.prototype as unknown as Response;
  // Node types ServerResponse as generic over its request; these are the plain, non-generic case.
  return { IncomingMessage: AppRequest, ServerResponse: AppResponse as typeof ServerResponse };
}

/**
 * What Express's app.handle and router set up on a request they route, done by hand for a request
 * fast dispatch serves, so every later stage sees an Express request. `route` is what the router
 * would put in req.route (the request metrics label by its path).
 */
export function adoptAsExpress(
  app: Express,
  request: IncomingMessage,
  response: ServerResponse,
  route: { path: string },
): { req: Request; res: Response } {
  // Free for the objects expressClasses builds; only a server made without them pays here.
  const req = Object.setPrototypeOf(request, app.request) as Request;
  const res = Object.setPrototypeOf(response, app.response) as Response;
  Object.assign(req, { res, originalUrl: request.url ?? '/', baseUrl: '', params: {}, route });
  Object.assign(res, { req, locals: Object.create(null) as Record<string, unknown> });
  return { req, res };
}

/** The app as a server calls it, without a callback: Express's own final handler stays last. */
export function asListener(app: Express): (req: IncomingMessage, res: ServerResponse) => void {
  return app as unknown as (req: IncomingMessage, res: ServerResponse) => void;
}
