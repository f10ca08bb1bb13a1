import { http } from '#shared/http/http.js';
import { openApiDocument } from '#shared/http/openapi.js';
import { getOpenApi } from '#shared/platform/api.js';
import { system } from '#infra/declaration/index.js';

// Built once per container from the same contracts the routes are made of.
const document = openApiDocument(
  system.functions.flatMap((fn) => fn.routes ?? []),
  { title: 'OCRM HTTP API', version: '1.0.0' },
);

export const handler = http(getOpenApi, async () => ({ status: 200, body: document }));
