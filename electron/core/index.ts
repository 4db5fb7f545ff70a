/**
 * The public entry of core: what the CLI, the Electron main process and the tests use.
 */
export {
  createDeliveryEngine,
  type DeliverOptions,
  type DeliveryEngine,
  type DeliveryEngineOptions,
  type HelperResult,
  type MarketoTarget,
} from './delivery/engine';
export {
  planDelivery,
  LEAD_ID_PLACEHOLDER,
  type Plan,
  type PlanCaches,
  type RejectCode,
} from './delivery/plan';
export { MarketoClient, normalizeEndpoint, type CallResult, type CallFailure } from './marketo/client';
export { checkEndpoint, isLoopbackHost, type EndpointCheck } from './marketo/endpoint';
export { classify, describeCode, lookupCode, ERROR_CATALOG, type CatalogEntry } from './marketo/errorCatalog';
export { Governor, type GovernorLimits } from './marketo/governor';
export { REDACTED, redactBody, redactHeaders, redactText, redactUrl } from './redact';
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox';
export { createSendService, type SendRequest, type SendService } from './send/sendService';
export { openHistory, type OpenedHistory } from './history';
export { defaultDataDir } from './store';
export {
  createTargetRegistry,
  sandboxTarget,
  targetFromEnvironment,
  ENV_TARGET_ID,
  SANDBOX_TARGET_ID,
  type Target,
  type TargetRegistry,
} from './targets';
