// API keys are verified by every service with an authenticated route, so they live in
// @omni/service-kit; re-exported here for the ticket service's own modules.
export {
  type ApiKeyPrincipal,
  ApiKeyVerifier,
  createApiKey,
  ensureBootstrapKey,
  generateApiKey,
  hashApiKey,
  SCOPES,
  type Scope,
} from '@omni/service-kit';
