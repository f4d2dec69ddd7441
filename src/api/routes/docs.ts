import express, { Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { buildOpenApi } from '../openapi';
import type { RouteSpec } from '../route';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MIR API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

/** Both products' documents, chosen in the top bar: MIR's (3.1) and Mira's (3.0, under /api/v1). */
const INIT = `window.ui = SwaggerUIBundle({
  urls: [{ url: '/openapi.json', name: 'MIR API' }, { url: '/api/v1/openapi.json', name: 'Mira REST API' }],
  dom_id: '#ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});`;

/** What the docs router serves, for the 405 answer on its paths. */
export const DOCS_PATHS = [
  { path: '/openapi.json', methods: ['get'] },
  { path: '/docs', methods: ['get'] },
  { path: '/docs/init.js', methods: ['get'] },
  { path: '/docs/assets/:file', methods: ['get'] },
];

/** Served from node_modules, not a CDN, so the docs work on an offline machine too. */
export function docsRouter(routes: RouteSpec[], serverUrl: string): Router {
  const document = buildOpenApi(routes, serverUrl);
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  // Falls through to the app's 405 and 404, in the error envelope, rather than serve-static's own answers.
  router.use('/docs/assets', express.static(getAbsoluteFSPath(), { index: false, fallthrough: true }));
  return router;
}
