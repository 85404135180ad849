import type { Route } from '../router.js';

/** A page on screen. `update` lets a page take a new route in place (keeping focus). */
export interface View {
  element: HTMLElement;
  title: string;
  /** True when the page handled the route itself; otherwise a new page is built. */
  update?(route: Route): boolean;
  dispose?(): void;
}
