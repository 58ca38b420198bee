import { Validator } from '@seriousme/openapi-schema-validator';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../server/protocol/errors.js';
import { startServer, type TestServer } from '../helpers/server.js';

type Operation = OpenAPIV3_1.OperationObject;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('GET /api/openapi.json', () => {
  let srv: TestServer;
  let doc: OpenAPIV3_1.Document;
  beforeAll(async () => {
    srv = await startServer();
    const res = await fetch(`${srv.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenAPIV3_1.Document;
  });
  afterAll(async () => srv.stop());

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every route the server registered (method and path), whoever added it', () => {
    const documented = new Set(
      Object.entries(doc.paths ?? {}).flatMap(([path, item]) => METHODS.filter((m) => item?.[m]).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    // HEAD routes mirror their GET; hidden ones (static files) are not API.
    const registered = srv.app.http.apiRoutes.filter((r) => r.method !== 'HEAD' && !r.hidden).map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThanOrEqual(20);
    expect(registered.filter((r) => !documented.has(r))).toEqual([]);
    expect(registered).toContain('GET /api/openapi.json');
    expect(registered).toContain('GET /metrics');
  });

  it('gives every operation a summary, its answer, its error codes and, for writes, its body', () => {
    const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) => METHODS.flatMap((m) => (item?.[m] ? [[`${m} ${path}`, item[m], m] as const] : [])));
    for (const [name, op, method] of ops as (readonly [string, Operation, string])[]) {
      expect(op.summary, name).toBeTruthy();
      const responses = op.responses ?? {};
      const ok = Object.keys(responses).find((s) => s.startsWith('2'));
      expect(ok, `${name}: a 2xx answer`).toBeDefined();
      expect((responses[ok!] as OpenAPIV3_1.ResponseObject).content, `${name}: the answer's content`).toBeDefined();
      expect(responses['500'], `${name}: 500`).toBeDefined();
      if (method === 'post') expect(op.requestBody, `${name}: body`).toBeDefined();
    }
    // Refusals name their code from the closed set.
    const refused = doc.paths!['/api/readings']!.post!.responses!['400'] as OpenAPIV3_1.ResponseObject;
    const schema = refused.content!['application/json']!.schema as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(schema.properties.error.properties.code.enum).toEqual([...ERROR_CODES]);
  });

  it('describes bodies, queries and params from the zod schemas the routes validate with', () => {
    const readings = doc.paths!['/api/readings']!.post!;
    const body = (readings.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']!.schema as {
      properties: { readings: { items: { required: string[] } } };
    };
    expect(body.properties.readings.items.required).toEqual(['unit', 'indicator', 'value', 'at']);
    expect(readings.security).toEqual([{ bearer: [] }]);
    const audit = doc.paths!['/api/audit']!.get!.parameters as OpenAPIV3_1.ParameterObject[];
    expect(audit.map((p) => `${p.in}:${p.name}`)).toEqual(['query:limit', 'query:before']);
    const unit = doc.paths!['/api/units/{id}']!.get!.parameters as OpenAPIV3_1.ParameterObject[];
    expect(unit.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['path:id', 'query:asOf']);
    const briefing = doc.paths!['/api/export/briefing.{format}']!.get!.responses!['200'] as OpenAPIV3_1.ResponseObject;
    expect(Object.keys(briefing.content!)).toEqual(['image/png', 'application/pdf']);
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
