/** The wordmark of the `/docs` page (top bar and favicon), instead of the framework's. */
export const DOCS_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" rx="8" fill="#1f3a5f"/><text x="60" y="27" font-family="sans-serif" font-size="20" font-weight="700" fill="#ffffff" text-anchor="middle">omni</text></svg>`;
