/**
 * Accounts, sites and units: the schemas the server validates requests with
 * and the app builds its sign-in and admin forms from. Passwords appear only
 * in request bodies, never in anything the server sends back.
 */
import { z } from 'zod';
import { ROLES } from './roles';
import { idSchema, isoDateTime } from './common';
import { CALLBACK_PROMISE_UNITS, officeHoursSchema } from './callbackDue';
import { promiseTemplatesSchema } from './promiseTemplates';

export const SITE_KINDS = ['welcome_center', 'helpline_office'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(USERNAME_PATTERN, 'letters, digits, ".", "-" and "_" only');

/** Long passphrases are welcome; the upper bound keeps hashing cheap to refuse. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const roleSchema = z.enum(ROLES);
export const displayNameSchema = z.string().trim().min(1).max(120);
/** The promised call-back time of a unit, in hours (up to 30 days). */
export const callbackHoursSchema = z.number().positive().max(720);

/** A username folded for case-insensitive comparison ("Amina" and "amina" are one account). */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

// --- Sign-in --------------------------------------------------------------

export const loginRequestSchema = z
  .object({
    // Not the strict username rules: a typo must get "wrong username or password", not a hint.
    username: z.string().min(1).max(128),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    deviceId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The name a person gives their device at PIN setup ("Front desk tablet 2"), shown in history and audit. */
export const DEVICE_NAME_MAX_LENGTH = 60;
export const deviceNameSchema = z.string().trim().min(1).max(DEVICE_NAME_MAX_LENGTH);
/** PUT /api/device: names the device of the session that sends it. */
export const deviceNameRequestSchema = z.object({ name: deviceNameSchema }).strict();
export type DeviceNameRequest = z.infer<typeof deviceNameRequestSchema>;

/** Who is signed in, as the app sees it. */
export const sessionUserSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  siteIds: z.array(idSchema),
  unitId: idSchema.optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: isoDateTime,
  user: sessionUserSchema,
  /** Present (true) when someone else chose this password: the person must choose their own before anything else. */
  mustChangePassword: z.literal(true).optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export interface MeResponse {
  user: SessionUser;
  expiresAt: string;
  mustChangePassword?: true;
}

/** A person changing their own password: the current one proves it is them. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    newPassword: newPasswordSchema,
  })
  .strict();
export type ChangePassword = z.infer<typeof changePasswordSchema>;

// --- Sites and units ------------------------------------------------------

export const siteSchema = z.object({
  id: idSchema,
  name: displayNameSchema,
  kind: z.enum(SITE_KINDS),
  /** Absent: the built-in office hours (DEFAULT_OFFICE_HOURS). */
  officeHours: officeHoursSchema.optional(),
  /** Absent: no sentence written for any language the interface lacks. */
  promiseTemplates: promiseTemplatesSchema.optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Site = z.infer<typeof siteSchema>;

export const unitSchema = z.object({
  id: idSchema,
  name: displayNameSchema,
  siteId: idSchema,
  callbackHours: callbackHoursSchema,
  /** How `callbackHours` is read: hours (working or calendar) or working days. Older answers lack it: working hours. */
  callbackBasis: z.enum(CALLBACK_PROMISE_UNITS).default('working_hours'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Unit = z.infer<typeof unitSchema>;

/** A new site: its name and kind, and the id an administrator may choose. */
export const createSiteSchema = siteSchema
  .pick({ name: true, kind: true })
  .extend({ id: siteSchema.shape.id.optional() })
  .strict();
export const updateSiteSchema = siteSchema
  .pick({ name: true, kind: true })
  .partial()
  .extend({
    /** null: back to the built-in office hours. */
    officeHours: siteSchema.shape.officeHours.nullable(),
    /** Replaces all of the site's sentences; null or {}: none. */
    promiseTemplates: siteSchema.shape.promiseTemplates.nullable(),
  })
  .strict();
/** A new unit; its promise is read in working hours unless `callbackBasis` says otherwise. */
export const createUnitSchema = unitSchema
  .pick({ name: true, siteId: true, callbackHours: true })
  .extend({ id: unitSchema.shape.id.optional(), callbackBasis: unitSchema.shape.callbackBasis.unwrap().optional() })
  .strict();
export const updateUnitSchema = createUnitSchema.omit({ id: true }).partial().strict();
export type CreateSite = z.infer<typeof createSiteSchema>;
export type UpdateSite = z.infer<typeof updateSiteSchema>;
export type CreateUnit = z.infer<typeof createUnitSchema>;
export type UpdateUnit = z.infer<typeof updateUnitSchema>;

// --- Users (administration) -----------------------------------------------

/** A user as the admin screens see it: never the password hash. */
export const adminUserSchema = sessionUserSchema.extend({
  disabled: z.boolean(),
  failedLogins: z.number().int().min(0),
  lockedUntil: isoDateTime.optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    password: newPasswordSchema,
    roles: z.array(roleSchema).min(1).max(ROLES.length),
    siteIds: z.array(idSchema).max(200),
    unitId: idSchema.optional(),
  })
  .strict();
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    roles: z.array(roleSchema).min(1).max(ROLES.length).optional(),
    siteIds: z.array(idSchema).max(200).optional(),
    /** null removes the user from their unit. */
    unitId: idSchema.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password: newPasswordSchema }).strict();

// --- Directory (assignment pickers) -----------------------------------------

export interface DirectoryUser {
  id: string;
  displayName: string;
  roles: z.infer<typeof roleSchema>[];
  unitId?: string;
}

export interface DirectoryResponse {
  sites: Site[];
  units: Unit[];
  users: DirectoryUser[];
}

// --- Audit ------------------------------------------------------------------

/** The app reports each opening of a sensitive record's detail; it queues these offline. */
export const readReportSchema = z
  .object({ collection: z.string().min(1).max(40), recordId: idSchema, at: isoDateTime })
  .strict();
export const MAX_READ_REPORTS = 500;
export const readReportsSchema = z.array(readReportSchema).max(MAX_READ_REPORTS);
export type ReadReport = z.infer<typeof readReportSchema>;
