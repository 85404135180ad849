/** Any JSON value (a field's value, a database cell): text, a number, a flag, an object, a list or null. */
export const ANY_JSON = {
  // Null as a nullable member of the one-of (OpenAPI 3.0 has no null type).
  oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }],
};
