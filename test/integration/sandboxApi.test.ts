import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox';

// Marketo's REST surface as the sandbox serves it, over real HTTP.

let sb: Sandbox;
let token: string;

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  sb.reset();
  token = await newToken();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function identityUrl(clientId = sb.credentials.clientId, clientSecret = sb.credentials.clientSecret): string {
  const q = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  });
  return `${sb.url}/identity/oauth/token?${q}`;
}

async function newToken(): Promise<string> {
  const res = await fetch(identityUrl());
  return ((await res.json()) as Json).access_token as string;
}

async function call(path: string, init: RequestInit & { auth?: string | null } = {}): Promise<Json> {
  const { auth = token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (auth !== null) headers.set('Authorization', `Bearer ${auth}`);
  const res = await fetch(`${sb.url}${path}`, { ...rest, headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

function post(path: string, body: unknown): Promise<Json> {
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const REQUEST_ID = /^[0-9a-f]+#[0-9a-f]+$/;

describe('identity', () => {
  it('issues a bearer token and hands the same one back with its remaining life', async () => {
    const slow = await startSandbox();
    try {
      const q = `grant_type=client_credentials&client_id=sandbox-client&client_secret=${slow.credentials.clientSecret}`;
      const first = await fetch(`${slow.url}/identity/oauth/token?${q}`);
      expect(first.status).toBe(200);
      const body = (await first.json()) as Json;
      expect(body).toEqual({
        access_token: expect.stringMatching(/^[0-9a-f-]{36}:sb$/),
        token_type: 'bearer',
        expires_in: 3599,
        scope: expect.stringContaining('@'),
      });
      // POST with a form body works too, and returns the same live token.
      const second = await fetch(`${slow.url}/identity/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: q,
      });
      const again = (await second.json()) as Json;
      expect(again.access_token).toBe(body.access_token);
      expect(again.expires_in).toBeLessThanOrEqual(3599);
      expect(again.expires_in).toBeGreaterThan(3590);
      expect(slow.stats().identityCalls).toBe(2);
      expect(slow.stats().totalCalls).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('answers bad credentials with HTTP 401 invalid_client', async () => {
    for (const url of [identityUrl('sandbox-client', 'wrong'), identityUrl('someone-else')]) {
      const res = await fetch(url);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: 'invalid_client',
        error_description: 'Bad client credentials',
      });
    }
  });

  it('uses a random secret per start unless one is given', async () => {
    const fixed = await startSandbox({ clientId: 'ci', clientSecret: 's3cret' });
    try {
      expect(fixed.credentials).toEqual({ clientId: 'ci', clientSecret: 's3cret' });
      expect(sb.credentials.clientSecret).toMatch(/^[0-9a-f-]{36}$/);
      const res = await fetch(
        `${fixed.url}/identity/oauth/token?grant_type=client_credentials&client_id=ci&client_secret=s3cret`,
      );
      expect(res.status).toBe(200);
    } finally {
      await fixed.close();
    }
  });

  it('expires tokens: 602 for the old one, a new token from identity', async () => {
    const short = await startSandbox({ tokenTtlSeconds: 0.3 });
    const { clientId, clientSecret } = short.credentials;
    const identity = `${short.url}/identity/oauth/token?grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`;
    const describe2 = (auth: string) =>
      fetch(`${short.url}/rest/v1/leads/describe2.json`, {
        headers: { Authorization: `Bearer ${auth}` },
      }).then((r) => r.json() as Promise<Json>);
    try {
      const old = ((await (await fetch(identity)).json()) as Json).access_token as string;
      expect((await describe2(old)).success).toBe(true);
      await new Promise((r) => setTimeout(r, 350));
      expect(await describe2(old)).toEqual({
        requestId: expect.stringMatching(REQUEST_ID),
        success: false,
        errors: [{ code: '602', message: 'Access token expired' }],
      });
      const fresh = ((await (await fetch(identity)).json()) as Json).access_token as string;
      expect(fresh).not.toBe(old);
      expect((await describe2(fresh)).success).toBe(true);
    } finally {
      await short.close();
    }
  });
});

describe('REST authentication', () => {
  it('refuses a missing, unknown or query-string token', async () => {
    expect((await call('/rest/v1/leads/describe2.json', { auth: null })).errors).toEqual([
      { code: '600', message: 'Empty access token' },
    ]);
    expect((await call('/rest/v1/leads/describe2.json', { auth: 'nope:sb' })).errors).toEqual([
      { code: '601', message: 'Access token invalid' },
    ]);
    const viaQuery = await call(`/rest/v1/leads/describe2.json?access_token=${token}`, { auth: null });
    expect(viaQuery.success).toBe(false);
    expect(viaQuery.errors[0].code).toBe('601');
    expect(viaQuery.errors[0].message).toMatch(/query parameter has been removed.*Authorization: Bearer/);
  });
});

describe('routing', () => {
  it('answers 610 for an unknown path and 605 for a wrong method', async () => {
    expect((await call('/rest/v1/nothing.json')).errors).toEqual([
      { code: '610', message: 'Requested resource not found' },
    ]);
    expect((await call('/rest/v1/activities/external.json')).errors).toEqual([
      { code: '605', message: 'HTTP Method not supported' },
    ]);
  });

  it('answers a URI over 8 KB with HTTP 414 and a body over 1 MB with HTTP 413', async () => {
    const long = await fetch(
      `${sb.url}/rest/v1/leads.json?filterType=email&filterValues=${'a'.repeat(9000)}`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    expect(long.status).toBe(414);
    const big = await fetch(`${sb.url}/rest/v1/leads.json`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: [{ email: 'x@example.com', title: 'x'.repeat(1024 * 1024) }] }),
    });
    expect(big.status).toBe(413);
    expect(sb.leads().some((l) => l.email === 'x@example.com')).toBe(false);
  });
});

describe('lead lookup', () => {
  it('finds leads by email, id, userId and anonymousId with the default fields', async () => {
    const byEmail = await call('/rest/v1/leads.json?filterType=email&filterValues=ada@example.com');
    expect(byEmail).toEqual({
      requestId: expect.stringMatching(REQUEST_ID),
      success: true,
      result: [
        {
          id: 1001,
          email: 'ada@example.com',
          updatedAt: expect.any(String),
          createdAt: expect.any(String),
          firstName: 'Ada',
          lastName: 'Lovelace',
        },
      ],
    });
    const byId = await call('/rest/v1/leads.json?filterType=id&filterValues=1002,1003&fields=email,userId');
    expect(byId.result).toEqual([
      { id: 1002, email: 'grace@example.com', userId: 'user-1002' },
      { id: 1003, email: 'linus@example.com', userId: null },
    ]);
    const byUser = await call('/rest/v1/leads.json?filterType=userId&filterValues=user-1001&fields=id');
    expect(byUser.result).toEqual([{ id: 1001 }]);
    const byAnon = await call(
      '/rest/v1/leads.json?filterType=anonymousId&filterValues=anon-42&fields=id,email',
    );
    expect(byAnon.result).toEqual([{ id: 1004, email: null }]);
  });

  it('returns success with an empty result when nothing matches', async () => {
    const none = await call('/rest/v1/leads.json?filterType=email&filterValues=nobody@example.com');
    expect(none).toMatchObject({ success: true, result: [] });
  });

  it('refuses unsupported filter types, unknown fields and more than 300 values', async () => {
    const first = await call('/rest/v1/leads.json?filterType=firstName&filterValues=Ada');
    expect(first).toMatchObject({
      success: false,
      errors: [{ code: '1011', message: "Field 'firstName' not supported" }],
    });
    const field = await call('/rest/v1/leads.json?filterType=email&filterValues=a@b.co&fields=shoeSize');
    expect(field.errors).toEqual([{ code: '1006', message: "Field 'shoeSize' not found" }]);
    const values = Array.from({ length: 301 }, (_, i) => i + 1).join(',');
    expect((await call(`/rest/v1/leads.json?filterType=id&filterValues=${values}`)).errors[0].code).toBe(
      '1003',
    );
    const ok = Array.from({ length: 300 }, (_, i) => i + 1000).join(',');
    expect((await call(`/rest/v1/leads.json?filterType=id&filterValues=${ok}`)).result).toHaveLength(4);
  });

  it('takes the query as a form body with POST ?_method=GET', async () => {
    const res = await call('/rest/v1/leads.json?_method=GET', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'filterType=email&filterValues=grace@example.com,linus@example.com&fields=id',
    });
    expect(res.result).toEqual([{ id: 1002 }, { id: 1003 }]);
    expect(sb.stats().byRoute['/rest/v1/leads.json GET']).toBe(1);
  });
});

describe('sync leads', () => {
  it('creates then updates by email, results in input order', async () => {
    const res = await post('/rest/v1/leads.json', {
      action: 'createOrUpdate',
      lookupField: 'email',
      input: [
        { email: 'new@example.com', firstName: 'New', userId: 'u-new' },
        { email: 'ada@example.com', title: 'Countess' },
      ],
    });
    expect(res).toEqual({
      requestId: expect.stringMatching(REQUEST_ID),
      success: true,
      result: [
        { id: 1005, status: 'created' },
        { id: 1001, status: 'updated' },
      ],
    });
    expect(sb.leads().find((l) => l.id === 1001)).toMatchObject({ title: 'Countess', firstName: 'Ada' });
    expect(sb.leads().find((l) => l.id === 1005)).toMatchObject({
      email: 'new@example.com',
      userId: 'u-new',
    });
    // The default action and lookupField are createOrUpdate and email.
    expect(
      (await post('/rest/v1/leads.json', { input: [{ email: 'new@example.com', lastName: 'L' }] })).result,
    ).toEqual([{ id: 1005, status: 'updated' }]);
  });

  it('skips records per action and field rules, keeping input order', async () => {
    const res = await post('/rest/v1/leads.json', {
      action: 'createOnly',
      input: [
        { email: 'grace@example.com' },
        { firstName: 'No key' },
        { email: 'z@example.com', Email: 'caps@example.com' },
        { email: 'not-an-email' },
        { email: 'fresh@example.com' },
      ],
    });
    expect(res.result).toEqual([
      { status: 'skipped', reasons: [{ code: '1005', message: 'Lead already exists' }] },
      {
        status: 'skipped',
        reasons: [{ code: '1002', message: "Missing value for required parameter 'email'" }],
      },
      { status: 'skipped', reasons: [{ code: '1006', message: "Field 'Email' not found" }] },
      { status: 'skipped', reasons: [{ code: '1001', message: expect.stringContaining('not-an-email') }] },
      { id: 1005, status: 'created' },
    ]);
    const update = await post('/rest/v1/leads.json', {
      action: 'updateOnly',
      lookupField: 'userId',
      input: [{ userId: 'ghost' }, { userId: 'user-1002', city: 'Arlington' }],
    });
    expect(update.result).toEqual([
      { status: 'skipped', reasons: [{ code: '1004', message: 'Lead not found' }] },
      { id: 1002, status: 'updated' },
    ]);
  });

  it('createDuplicate makes a second lead, and then lookups report 1007', async () => {
    const dup = await post('/rest/v1/leads.json', {
      action: 'createDuplicate',
      input: [{ email: 'ada@example.com' }],
    });
    expect(dup.result).toEqual([{ id: 1005, status: 'created' }]);
    const again = await post('/rest/v1/leads.json', { input: [{ email: 'ada@example.com', title: 'x' }] });
    expect(again.result[0].reasons[0].code).toBe('1007');
    const found = await call('/rest/v1/leads.json?filterType=email&filterValues=ada@example.com&fields=id');
    expect(found.result).toEqual([{ id: 1001 }, { id: 1005 }]);
  });

  it('refuses non-JSON, bad JSON, over 300 records and unsupported lookup fields at the top level', async () => {
    const text = await call('/rest/v1/leads.json', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.errors).toEqual([{ code: '612', message: 'Invalid Content Type' }]);
    const broken = await call('/rest/v1/leads.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"input": [',
    });
    expect(broken.errors).toEqual([{ code: '609', message: 'Invalid JSON' }]);
    const many = Array.from({ length: 301 }, (_, i) => ({ email: `p${i}@example.com` }));
    const tooMany = await post('/rest/v1/leads.json', { input: many });
    expect(tooMany).toMatchObject({ success: false, errors: [{ code: '1003' }] });
    expect(sb.leads()).toHaveLength(4);
    const lookup = await post('/rest/v1/leads.json', {
      lookupField: 'firstName',
      input: [{ firstName: 'A' }],
    });
    expect(lookup.errors[0].code).toBe('1011');
  });
});

describe('custom activities', () => {
  const activity = (extra: Json = {}): Json => ({
    leadId: 1001,
    activityDate: '2026-03-01T10:00:00Z',
    activityTypeId: 100101,
    primaryAttributeValue: 'Intro to Marketo',
    attributes: [
      { apiName: 'seats', value: 3 },
      { name: 'channel', value: 'email' },
    ],
    ...extra,
  });

  it('adds activities and stores them', async () => {
    const res = await post('/rest/v1/activities/external.json', { input: [activity()] });
    expect(res).toEqual({
      requestId: expect.stringMatching(REQUEST_ID),
      success: true,
      result: [{ id: expect.any(Number), marketoGUID: expect.any(String), status: 'added' }],
    });
    expect(sb.activities()).toEqual([
      {
        id: res.result[0].id,
        marketoGUID: res.result[0].marketoGUID,
        leadId: 1001,
        activityTypeId: 100101,
        activityDate: '2026-03-01T10:00:00Z',
        primaryAttributeValue: 'Intro to Marketo',
        attributes: [
          { apiName: 'seats', value: 3 },
          { apiName: 'channel', value: 'email' },
        ],
      },
    ]);
  });

  it('skips bad records with errors[] and keeps input order', async () => {
    const big = 'x'.repeat(70_000);
    const res = await post('/rest/v1/activities/external.json', {
      input: [
        activity({ leadId: 999 }),
        activity({ activityTypeId: 424242 }),
        activity({ activityTypeId: 100104 }), // a draft type: not approved
        activity({ activityDate: 'yesterday' }),
        activity({ primaryAttributeValue: undefined }),
        activity({ attributes: [{ apiName: 'colour', value: 'red' }] }),
        activity({ attributes: Array.from({ length: 21 }, () => ({ apiName: 'seats', value: 1 })) }),
        activity({ attributes: [{ apiName: 'channel', value: big }] }),
        activity({ attributes: [{ apiName: 'seats', value: 'many' }] }),
        activity({ activityTypeId: 100103, primaryAttributeValue: 'https://example.com/', attributes: [] }),
      ],
    });
    const codes = res.result.map((r: Json) => (r.status === 'added' ? 'added' : r.errors[0].code));
    expect(codes).toEqual(['1004', '1013', '1013', '1001', '1002', '1006', '1003', '1049', '1001', 'added']);
    expect(res.result[0]).toEqual({
      status: 'skipped',
      errors: [{ code: '1004', message: 'Lead not found' }],
    });
    expect(sb.activities()).toHaveLength(1);
  });

  it('refuses more than 300 records at the top level', async () => {
    const res = await post('/rest/v1/activities/external.json', {
      input: Array.from({ length: 301 }, () => activity()),
    });
    expect(res).toMatchObject({ success: false, errors: [{ code: '1003' }] });
    expect(sb.activities()).toHaveLength(0);
  });
});

describe('metadata', () => {
  it('lists the seeded activity types and describes lead fields', async () => {
    const types = await call('/rest/v1/activities/external/types.json');
    const webinar = types.result.find((t: Json) => t.id === 100101);
    expect(webinar).toMatchObject({
      name: 'Webinar Registered',
      status: 'approved',
      primaryAttribute: { apiName: 'webinar', dataType: 'string' },
      attributes: [
        { apiName: 'seats', dataType: 'integer' },
        { apiName: 'channel', dataType: 'string' },
      ],
    });
    expect(types.result.map((t: Json) => t.name)).toEqual(
      expect.arrayContaining(['Webinar Registered', 'Trial Started', 'Page Visited']),
    );
    const describe2 = await call('/rest/v1/leads/describe2.json');
    expect(describe2.result[0].name).toBe('API Lead');
    expect(describe2.result[0].searchableFields).toEqual([['email'], ['id'], ['userId'], ['anonymousId']]);
    expect(describe2.result[0].fields.map((f: Json) => f.name)).toEqual([
      'id',
      'email',
      'firstName',
      'lastName',
      'userId',
      'anonymousId',
      'company',
      'phone',
      'title',
      'city',
      'country',
      'postalCode',
      'createdAt',
      'updatedAt',
    ]);
    expect(describe2.result[0].fields[1]).toEqual({
      name: 'email',
      displayName: 'Email Address',
      dataType: 'email',
      length: 255,
      updateable: true,
      crmManaged: false,
    });
  });

  it('describes one activity type by its apiName, and refuses an unknown one', async () => {
    const described = await call('/rest/v1/activities/external/type/trialStarted_c/describe.json');
    expect(described.result).toEqual([
      expect.objectContaining({
        id: 100102,
        apiName: 'trialStarted_c',
        primaryAttribute: expect.objectContaining({ apiName: 'plan', dataType: 'string' }),
        attributes: [
          expect.objectContaining({ apiName: 'seats', dataType: 'integer' }),
          expect.objectContaining({ apiName: 'source', dataType: 'string' }),
        ],
      }),
    ]);
    const draft = await call('/rest/v1/activities/external/type/surveyCompleted_c/describe.json?draft=true');
    expect(draft.result[0]).toMatchObject({ id: 100104, status: 'draft' });
    expect((await call('/rest/v1/activities/external/type/nope_c/describe.json')).errors).toEqual([
      { code: '1013', message: "Activity type 'nope_c' not found" },
    ]);
    expect((await call('/rest/v1/activities/external/type/%E0%A4%A/describe.json')).errors).toEqual([
      { code: '610', message: 'Requested resource not found' },
    ]);
  });

  it('lists types without attributes, as the docs example, when started so', async () => {
    const brief = await startSandbox({ typesWithoutAttributes: true });
    try {
      const q = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: brief.credentials.clientId,
        client_secret: brief.credentials.clientSecret,
      });
      const auth = ((await (await fetch(`${brief.url}/identity/oauth/token?${q}`)).json()) as Json)
        .access_token as string;
      const get = (path: string) =>
        fetch(`${brief.url}${path}`, { headers: { Authorization: `Bearer ${auth}` } }).then(
          (r) => r.json() as Promise<Json>,
        );
      const types = await get('/rest/v1/activities/external/types.json');
      expect(types.result).toHaveLength(4);
      for (const type of types.result) {
        expect(type).toHaveProperty('apiName');
        expect(type).not.toHaveProperty('attributes');
        expect(type).not.toHaveProperty('primaryAttribute');
      }
      const described = await get('/rest/v1/activities/external/type/webinarRegistered_c/describe.json');
      expect(described.result[0].attributes.map((a: Json) => a.apiName)).toEqual(['seats', 'channel']);
    } finally {
      await brief.close();
    }
  });

  it('ships settings that map the seeded types', () => {
    const s = sb.settings;
    expect(s.activities['Webinar Registered']).toEqual({
      activityTypeId: 100101,
      primaryProperty: 'webinar',
      attributes: { seats: 'seats', channel: 'channel' },
    });
    expect(s.activities['Trial Started']?.activityTypeId).toBe(100102);
    expect(s.page).toMatchObject({ activityTypeId: 100103, primaryProperty: 'url' });
    expect(s.leadFields['address.city']).toBe('city');
    expect(s.trackAnonymous).toBe(false);
  });
});
