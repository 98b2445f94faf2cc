import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { createUserSchema, PASSWORD_MIN_LENGTH, type Site, type Unit } from '../../domain/accounts';
import type { Role } from '../../domain/access';
import { api } from '../../sync/apiClient';
import { FormMessage } from '../../ui/FormMessage';
import { InputField } from '../../ui/InputField';
import { useToast } from '../../ui/toastStore';
import type { TranslationKey } from '../../app/translationKeys';
import { AccessFields } from './AccessFields';
import { useAdminForm } from './useAdminForm';

const EMPTY = {
  username: '',
  displayName: '',
  password: '',
  roles: [] as Role[],
  siteIds: [] as string[],
  unitId: '',
};

/** The form's "no unit" (an empty choice) is a user without one. */
const addUserSchema = createUserSchema
  .extend({ unitId: z.string() })
  .transform(({ unitId, ...user }) => (unitId ? { ...user, unitId } : user))
  .pipe(createUserSchema);

/** A new account: validated by the same schema the server uses before anything is sent. */
export function AddUserForm({
  sites,
  units,
  onAdded,
}: {
  sites: Site[];
  units: Unit[];
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const {
    register,
    watch,
    setValue,
    reset,
    invalid,
    message,
    setMessage,
    submitWith,
    formState: { isSubmitting },
  } = useAdminForm(addUserSchema, EMPTY);

  const onSubmit = submitWith(
    async (values) => {
      const user = await api.admin.createUser(values);
      reset(EMPTY);
      toast.show(t('toast.userAdded'));
      onAdded();
      return t('admin.user.added', { name: user.displayName });
    },
    () => setMessage({ ok: false, text: t('admin.error.fixFields') }),
  );

  const text = (field: string, key: TranslationKey) =>
    invalid.has(field) ? t(key, { min: PASSWORD_MIN_LENGTH }) : undefined;

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="add-user-title">
      <h2 id="add-user-title">{t('admin.user.addTitle')}</h2>
      <div className="field-grid">
        <InputField
          id="new-user-username"
          label={t('admin.user.username')}
          error={text('username', 'admin.invalid.username')}
          autoComplete="off"
          autoCapitalize="none"
          {...register('username')}
        />
        <InputField
          id="new-user-name"
          label={t('admin.user.displayName')}
          error={text('displayName', 'admin.invalid.displayName')}
          {...register('displayName')}
        />
        <InputField
          id="new-user-password"
          label={t('admin.user.initialPassword')}
          hint={t('admin.user.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          error={text('password', 'admin.invalid.password')}
          type="password"
          autoComplete="new-password"
          {...register('password')}
        />
      </div>
      <AccessFields
        idPrefix="new-user"
        value={{ roles: watch('roles'), siteIds: watch('siteIds'), unitId: watch('unitId') }}
        onChange={(access) => {
          setValue('roles', access.roles);
          setValue('siteIds', access.siteIds);
          setValue('unitId', access.unitId);
        }}
        sites={sites}
        units={units}
        invalid={invalid}
      />
      <FormMessage message={message} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {t('admin.user.add')}
        </button>
      </div>
    </form>
  );
}
