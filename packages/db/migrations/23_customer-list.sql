-- The customer list (issue 25): `GET /v1/customers` pages the customers newest first, and no
-- index had that order, so every page, the first included, sorted every customer. Its `q` (a
-- substring of a name or of an identity's value: an address, a phone, a handle) read every
-- customer and every identity. The list index holds only the customers the list shows.
CREATE INDEX customers_listed ON customers (created_at DESC, id DESC)
  WHERE merged_into IS NULL AND erased_at IS NULL;
CREATE INDEX customers_display_name_trgm ON customers USING gin (display_name gin_trgm_ops);
CREATE INDEX identities_value_trgm ON identities USING gin (value gin_trgm_ops);
