// A product's code rule and the fields a writer gives: pure, no imports, so the web app's product
// form checks the code as the contract does and names the same fields.
export const PRODUCT_CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

/** The fields a writer gives (everything but the id and the bookkeeping). */
export const PRODUCT_CONTENT_FIELDS = [
  'name',
  'category',
  'riskLevel',
  'termDays',
  'weightBp',
  'saleStart',
  'saleEnd',
  'tags',
  'description',
] as const;
