/**
 * The members of a string union as an OpenAPI enum. A record keyed by the union makes the
 * compiler refuse a member left out or one that is not in the type.
 */
export const enumOf = <T extends string>(members: Record<T, true>): T[] => Object.keys(members) as T[];
