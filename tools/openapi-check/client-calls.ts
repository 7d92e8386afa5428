// Every call the README's API section describes, written as a client generated from /openapi/v1.json makes them
// (openapi-typescript types, openapi-fetch client). Never run: OpenApiContractTests generates generated/api.d.ts
// from the app's document and type-checks this file (tsc --noEmit, strict). It must hold no cast (`as`, `any`):
// where the document says less than the server does, this file does not compile.
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/api';

type Problem = components['schemas']['ProblemDetails'];

/** What a caller reads from a refusal: the rule code (R3, R19...) and the sentence. */
function refusal(error: Problem | components['schemas']['ValidationProblemDetails']): string {
  return `${error.ruleCode ?? ''} ${error.detail ?? error.title ?? ''}`;
}

export async function readmeCalls(baseUrl: string, apiKey: string): Promise<string[]> {
  const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });
  const said: string[] = [];

  // Customers: list (filters, page size, keyset cursor), read, create (idempotent), assign a plan (a new purchase).
  const customers = await api.GET('/api/v1/customers', { params: { query: { status: 'ExpiringSoon', sort: 'Created', descending: true, pageSize: 50 } } });
  if (customers.error) return [refusal(customers.error)];
  const nextCursor = customers.data.nextCursor;
  if (nextCursor !== null) {
    await api.GET('/api/v1/customers', { params: { query: { after: nextCursor, pageSize: 50 } } });
  }
  const worst: components['schemas']['LicenseStatus'] | null = customers.data.items[0]?.worstStatus ?? null;
  said.push(`worst status ${worst ?? 'none (no licenses)'}`);

  const created = await api.POST('/api/v1/customers', {
    params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
    body: { name: 'Example Dental', country: 'US', contactEmail: 'it@example-dental.example' },
  });
  if (created.error) return [`HTTP ${created.response.status}: ${refusal(created.error)}`];
  said.push(`created at ${created.response.headers.get('Location') ?? ''}, replayed: ${created.response.headers.get('Idempotent-Replayed') === 'true'}`);
  const customerId = created.data.id;
  const assignable = created.data.assignablePlans.find((p) => p.refusal === null);
  if (assignable) {
    const assigned = await api.POST('/api/v1/customers/{customerId}/licenses', {
      params: { path: { customerId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: { servicePlanId: assignable.id },
    });
    said.push(assigned.error ? `refused ${refusal(assigned.error)}` : `${assigned.data.licenses.length} licenses`);
  }
  const detail = await api.GET('/api/v1/customers/{customerId}', { params: { path: { customerId } } });
  const licenseId = detail.data?.licenses[0]?.id;
  if (licenseId === undefined) return said;

  // A license: read (ETag), modify now, schedule on a date, cancel the pending change, convert a trial.
  const path = { customerId, licenseId };
  const license = await api.GET('/api/v1/customers/{customerId}/licenses/{licenseId}', { params: { path } });
  if (!license.data) return said;
  const etag = license.response.headers.get('ETag') ?? '';
  const s = license.data.settings;
  const settings = {
    units: s.units + 1,
    expiresOn: s.expiresOn,
    autoRenew: s.autoRenew,
    autoRenewMonths: s.autoRenewMonths,
    notifyDaysBefore: s.notifyDaysBefore,
    managedByRemoteManager: s.managedByRemoteManager,
    addOnEnabled: s.addOnEnabled,
  };
  const modified = await api.PUT('/api/v1/customers/{customerId}/licenses/{licenseId}', { params: { path, header: { 'If-Match': etag } }, body: settings });
  if (modified.response.status === 412 || modified.response.status === 428) said.push('read it again and retry');
  const scheduled = await api.PUT('/api/v1/customers/{customerId}/licenses/{licenseId}', {
    params: { path, header: { 'If-Match': modified.response.headers.get('ETag') ?? etag } },
    body: { ...settings, units: s.units + 2, applyOn: '2027-01-31', pendingValues: 'Keep', servicePlanId: license.data.serviceLevelPlans[0]?.id ?? null },
  });
  said.push(`pending on ${scheduled.data?.pendingChange?.applyOn ?? 'nothing'}`);
  await api.DELETE('/api/v1/customers/{customerId}/licenses/{licenseId}/pending-change', { params: { path } });
  const conversion = license.data.conversionPlans.find((p) => p.refusal === null);
  if (license.data.licenseType === 'Trial' && conversion) {
    await api.POST('/api/v1/customers/{customerId}/licenses/{licenseId}/convert', { params: { path, header: { 'If-Match': etag } }, body: { servicePlanId: conversion.id } });
  }
  if (license.data.modificationRefusal) said.push(license.data.modificationRefusal.ruleCode);

  // Partners (provider keys).
  const partners = await api.GET('/api/v1/partners', { params: { query: { status: 'Active', type: 'Msp', sort: 'CustomersDesc', page: 1, pageSize: 100 } } });
  const partnerId = partners.data?.items[0]?.id;
  if (partnerId) {
    const partner = await api.GET('/api/v1/partners/{partnerId}', { params: { path: { partnerId } } });
    said.push(`${partner.data?.pools.length ?? 0} pools, ${partners.data?.pageCount ?? 0} pages`);
  }

  // Service plans: list, read (ETag), create (idempotent), change (If-Match); suite composition change approvals.
  const plans = await api.GET('/api/v1/service-plans', { params: { query: { lifecycle: 'Active', licenseType: 'Full', locked: false } } });
  const planId = plans.data?.[0]?.id;
  if (planId) {
    const plan = await api.GET('/api/v1/service-plans/{planId}', { params: { path: { planId } } });
    if (plan.data) {
      const body: components['schemas']['ServicePlanRequest'] = {
        name: `${plan.data.plan.name} (copy)`, productId: plan.data.productId, serviceLevelId: plan.data.serviceLevelId, periodLength: 24, periodUnit: 'Months',
      };
      const copy = await api.POST('/api/v1/service-plans', { params: { header: { 'Idempotency-Key': crypto.randomUUID() } }, body });
      if (copy.data) {
        await api.PUT('/api/v1/service-plans/{planId}', {
          params: { path: { planId: copy.data.plan.id }, header: { 'If-Match': copy.response.headers.get('ETag') ?? '' } },
          body: { ...body, name: `${plan.data.plan.name} (two years)` },
        });
      }
    }
  }
  const approvals = await api.GET('/api/v1/suite-change-approvals');
  const changeId = approvals.data?.pending[0]?.id;
  if (changeId) {
    const approved = await api.POST('/api/v1/suite-change-approvals/{changeId}/approve', { params: { path: { changeId } } });
    said.push(approved.data?.message ?? '');
  }

  // Transactions, keyset-paged on time.
  const transactions = await api.GET('/api/v1/transactions', { params: { query: { type: 'LicenseChange', from: '2026-01-01', pageSize: 200 } } });
  const before = transactions.data?.nextBefore;
  if (before) await api.GET('/api/v1/transactions', { params: { query: { before } } });

  // The license pool warning (partners).
  const warning = await api.GET('/api/v1/pool-warning');
  await api.PUT('/api/v1/pool-warning', { params: { header: { 'If-Match': warning.response.headers.get('ETag') ?? '' } }, body: { percent: warning.data?.percent === null ? 10 : null } });

  // Bulk license changes: JSON and CSV, previewed then applied.
  const change = { licenseIds: [licenseId], autoRenew: false, notifyDaysBefore: 30 };
  const preview = await api.POST('/api/v1/bulk/license-changes/preview', { body: change });
  said.push(`${preview.data?.refused ?? 0} refused`);
  await api.POST('/api/v1/bulk/license-changes', { params: { header: { 'Idempotency-Key': crypto.randomUUID() } }, body: change });
  const csv = `License ID,Units\r\n${licenseId},12\r\n`;
  const csvOptions = { body: csv, bodySerializer: (text: string) => text, headers: { 'Content-Type': 'text/csv' } };
  await api.POST('/api/v1/bulk/license-changes/csv/preview', csvOptions);
  await api.POST('/api/v1/bulk/license-changes/csv', { ...csvOptions, params: { header: { 'Idempotency-Key': crypto.randomUUID() } } });

  // Webhooks: register (the secret, once), list, read (ETag), change (If-Match), disable, enable, test, log, send again, rotate, delete.
  const endpoint = await api.POST('/api/v1/webhooks', { body: { url: 'https://hooks.example.com/licensing', events: ['license.changed', 'license.expiring'] } });
  if (!endpoint.data) return said;
  const endpointId = endpoint.data.endpoint.id;
  said.push(endpoint.data.secret);
  await api.GET('/api/v1/webhooks');
  const read = await api.GET('/api/v1/webhooks/{endpointId}', { params: { path: { endpointId } } });
  await api.PUT('/api/v1/webhooks/{endpointId}', {
    params: { path: { endpointId }, header: { 'If-Match': read.response.headers.get('ETag') ?? '' } },
    body: { url: 'https://hooks.example.com/licensing/v2', events: ['license.renewed'], description: 'Billing' },
  });
  await api.POST('/api/v1/webhooks/{endpointId}/disable', { params: { path: { endpointId } } });
  await api.POST('/api/v1/webhooks/{endpointId}/enable', { params: { path: { endpointId } } });
  await api.POST('/api/v1/webhooks/{endpointId}/ping', { params: { path: { endpointId } } });
  const log = await api.GET('/api/v1/webhooks/{endpointId}/deliveries', { params: { path: { endpointId }, query: { page: 1, pageSize: 10 } } });
  const deliveryId = log.data?.items[0]?.id;
  if (deliveryId) {
    await api.POST('/api/v1/webhooks/{endpointId}/deliveries/{deliveryId}/send-again', { params: { path: { endpointId, deliveryId } } });
  }
  const rotated = await api.POST('/api/v1/webhooks/{endpointId}/rotate-secret', { params: { path: { endpointId } } });
  said.push(rotated.data?.secret ?? '');
  await api.DELETE('/api/v1/webhooks/{endpointId}', { params: { path: { endpointId } } });

  // Statements (R24): a month's list, one statement (ETag), a line adjusted and the review (If-Match), a file, this month's estimate, many decided at once.
  const statements = await api.GET('/api/v1/statements', { params: { query: { month: '2026-11-01', state: 'Preparing', search: 'Contoso', page: 1 } } });
  const statementId = statements.data?.items[0]?.id;
  if (statementId) {
    const statement = await api.GET('/api/v1/statements/{statementId}', { params: { path: { statementId } } });
    let tag = statement.response.headers.get('ETag') ?? '';
    const lineId = statement.data?.customers[0]?.lines[0]?.id;
    if (lineId) {
      const adjusted = await api.POST('/api/v1/statements/{statementId}/lines/{lineId}/adjustment', {
        params: { path: { statementId, lineId }, header: { 'If-Match': tag } },
        body: { chargeable: 4, comment: 'One seat was never handed out' },
      });
      if (adjusted.error) said.push(refusal(adjusted.error));
      tag = adjusted.response.headers.get('ETag') ?? tag;
    }
    const submitted = await api.POST('/api/v1/statements/{statementId}/submit', { params: { path: { statementId }, header: { 'If-Match': tag } } });
    said.push(`${submitted.data?.state ?? 'not submitted'}: ${submitted.data?.total ?? 0} ${submitted.data?.currency ?? ''}`);
    tag = submitted.response.headers.get('ETag') ?? tag;
    const rejected = await api.POST('/api/v1/statements/{statementId}/reject', { params: { path: { statementId }, header: { 'If-Match': tag } }, body: { reason: 'Three seats were handed out on the 20th' } });
    said.push(rejected.data?.rejectionReason ?? '');
    await api.POST('/api/v1/statements/{statementId}/approve', { params: { path: { statementId }, header: { 'If-Match': tag } } });
    await api.POST('/api/v1/statements/{statementId}/complete', { params: { path: { statementId }, header: { 'If-Match': tag } } });
    const pdf = await api.GET('/api/v1/statements/{statementId}/export/{format}', { params: { path: { statementId, format: 'pdf' } }, parseAs: 'blob' });
    said.push(pdf.response.headers.get('Content-Disposition') ?? '');
    const companyId = statement.data?.companyId;
    if (companyId) {
      const estimate = await api.GET('/api/v1/statements/estimate/{companyId}', { params: { path: { companyId } } });
      said.push(`${estimate.data?.month ?? ''}: ${estimate.data?.total ?? 0} so far`);
      await api.GET('/api/v1/statements/estimate/{companyId}/export/{format}', { params: { path: { companyId, format: 'xlsx' } }, parseAs: 'blob' });
    }
    const decision: components['schemas']['DecideStatementsInput'] = { statementIds: [statementId], decision: 'Approve' };
    const decided = await api.POST('/api/v1/statements/decisions/preview', { body: decision });
    said.push(`${decided.data?.refused ?? 0} refused`);
    await api.POST('/api/v1/statements/decisions', { params: { header: { 'Idempotency-Key': crypto.randomUUID() } }, body: decision });
  }

  // Too many requests: how long to wait.
  const busy = await api.GET('/api/v1/customers');
  if (busy.response.status === 429) said.push(`retry after ${busy.response.headers.get('Retry-After') ?? '60'} s`);
  return said;
}
