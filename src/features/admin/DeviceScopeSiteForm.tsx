import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ROLES, type Role } from '../../domain/access';
import { keepDaysSchema, type DeviceScopeSettings, type KeepDays } from '../../domain/deviceScope';
import { api } from '../../sync/apiClient';
import { FormMessage } from '../../ui/FormMessage';
import { InputField } from '../../ui/InputField';
import { useAdminForm } from './useAdminForm';

type Draft = Record<Role, string>;

function draftOf(keepDays: Readonly<Record<Role, KeepDays>>): Draft {
  return Object.fromEntries(
    ROLES.map((role) => [role, keepDays[role] === null ? '' : String(keepDays[role])]),
  ) as Draft;
}

/** A box's text: empty keeps everything, otherwise whole days as the schema allows them. */
const keepDaysText = z
  .string()
  .transform((text) => {
    const trimmed = text.trim();
    return trimmed === '' ? null : /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  })
  .pipe(keepDaysSchema);

const scopeFormSchema = z.object(
  Object.fromEntries(ROLES.map((role) => [role, keepDaysText])) as Record<Role, typeof keepDaysText>,
);

/** One site's days per role; an empty box keeps everything. */
export function DeviceScopeSiteForm({
  siteId,
  siteName,
  keepDays,
  onSaved,
}: {
  siteId: string;
  siteName: string;
  keepDays: Readonly<Record<Role, KeepDays>>;
  onSaved: (settings: DeviceScopeSettings) => void;
}) {
  const { t } = useTranslation();
  const { register, invalid, message, setMessage, submitWith } = useAdminForm(
    scopeFormSchema,
    draftOf(keepDays),
  );
  const [saved, setSaved] = useState(false);

  const onSubmit = submitWith(
    async (values) => {
      setSaved(false);
      const settings = await api.deviceScope.write({ siteId, keepDays: values });
      setMessage(undefined);
      setSaved(true);
      onSaved(settings);
      return undefined;
    },
    () => {
      setSaved(false);
      setMessage({ ok: false, text: t('admin.error.fixFields') });
    },
  );

  return (
    <form
      className="device-scope"
      noValidate
      aria-label={t('admin.scope.siteTitle', { site: siteName })}
      onSubmit={(event) => void onSubmit(event)}
    >
      <h2>{t('admin.scope.siteTitle', { site: siteName })}</h2>
      {ROLES.map((role) => {
        const id = `scope-${siteId}-${role}`;
        return (
          <InputField
            key={role}
            id={id}
            label={t('admin.scope.roleDays', { role: t(`role.${role}`) })}
            hint={t('admin.scope.emptyKeepsAll')}
            error={invalid.has(role) ? t('admin.scope.invalidDays') : undefined}
            inputMode="numeric"
            {...register(role)}
          />
        );
      })}
      <FormMessage message={message} />
      {saved ? <p role="status">{t('admin.saved')}</p> : null}
      <button type="submit" className="button button--primary">
        {t('admin.save')}
      </button>
    </form>
  );
}
