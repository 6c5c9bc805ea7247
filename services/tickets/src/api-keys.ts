// API keys are verified by every service with an authenticated route and managed by the
// CLI, so they live in @omni/service-kit; re-exported here for the ticket service's own modules.
export {
  type ApiKeyInfo,
  type ApiKeyPrincipal,
  ApiKeyVerifier,
  createApiKey,
  ensureBootstrapKey,
  generateApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
  SCOPES,
  type Scope,
} from '@omni/service-kit';
