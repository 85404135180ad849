/**
 * Compile-time checks that a request class names the same members as the domain shape it
 * becomes. The domain type is the shape's one definition; a request class restates it only
 * to carry class-validator's and OpenAPI's decorators, and the compiler holds the two
 * together: a member added to (or renamed in) one and not the other fails the build with
 * `{ membersDiffer: … }` naming it.
 */

/** Every member name of T, across the alternatives of a union. */
type MembersOf<T> = T extends unknown ? keyof T : never;

type Difference<R, Members> = [Exclude<keyof R, Members>, Exclude<Members, keyof R>];

export type MembersMatch<R, Members> = Difference<R, Members> extends [never, never]
  ? unknown
  : { membersDiffer: { onlyInRequest: Difference<R, Members>[0]; onlyInDomain: Difference<R, Members>[1] } };

/** `true` when R names exactly the members of the domain type D (of any alternative, for a union). */
export type SameMembers<R, D> = Difference<R, MembersOf<D>> extends [never, never] ? true : Difference<R, MembersOf<D>>;

/** Holds when its argument is `true`; anything else is a compile error showing the difference. */
export type Holds<Check extends true> = Check;
