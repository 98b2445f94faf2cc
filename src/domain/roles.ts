/**
 * The roles a user may hold. A module of its own so that the accounts' schemas
 * (which the sign-in screen needs) do not bring the access rules, and with
 * them the person schema and libphonenumber, into the JavaScript loaded before
 * the first screen (bench/README.md, "Cold start").
 */
export const ROLES = [
  'volunteer',
  'driver',
  'caseworker',
  'helpline_agent',
  'case_officer',
  'coordinator',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
