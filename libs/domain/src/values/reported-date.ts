/**
 * A date as precise as a source gave it: a year ("2027"), a quarter ("2027-Q3"), a month
 * ("2027-09") or a day ("2027-09-15"). The measure's precision says which form to expect.
 */
export const DATE_WITH_PRECISION = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
