/** Any JSON value (a field's value, a database cell): text, a number, a flag, an object, a list or null. */
export const ANY_JSON = {
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }],
  nullable: true,
};
