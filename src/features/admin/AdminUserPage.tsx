import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import {
  PASSWORD_MIN_LENGTH,
  resetPasswordSchema,
  roleSchema,
  updateUserSchema,
  type UpdateUser,
} from '../../domain/accounts';
import { api } from '../../sync/apiClient';
import { FormMessage } from '../../ui/FormMessage';
import { InputField } from '../../ui/InputField';
import { useToast } from '../../ui/toastStore';
import { AccessFields } from './AccessFields';
import { useAdminData } from './useAdminData';
import { useAdminForm } from './useAdminForm';
import { useApiErrorText } from './useApiErrorText';

/** The form's "no unit" (an empty choice) takes the user out of their unit. */
const editUserSchema = z
  .object({
    displayName: z.string(),
    roles: z.array(roleSchema),
    siteIds: z.array(z.string()),
    unitId: z.string(),
  })
  .transform((draft): UpdateUser => ({ ...draft, unitId: draft.unitId || null }))
  .pipe(updateUserSchema);

/** One account: name, roles, sites and unit; enable or disable; a new password. */
export function AdminUserPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const errorText = useApiErrorText();
  const toast = useToast();
  const { users, sites, units, loading, failed, reload } = useAdminData();
  const user = users.find((u) => u.id === id);
  useDocumentTitle(user?.displayName ?? t('admin.users'));
  const edit = useAdminForm(editUserSchema, { displayName: '', roles: [], siteIds: [], unitId: '' });
  const passwordForm = useAdminForm(resetPasswordSchema, { password: '' });
  const { reset } = edit;

  useEffect(() => {
    if (user)
      reset({
        displayName: user.displayName,
        roles: user.roles,
        siteIds: user.siteIds,
        unitId: user.unitId ?? '',
      });
  }, [user, reset]);

  if (!user) {
    return (
      <>
        <h1>{loading ? t('admin.loading') : t('admin.error.notFound')}</h1>
        {failed ? <p role="alert">{t('admin.error.loadFailed')}</p> : null}
        <Link to="/admin">{t('admin.backToUsers')}</Link>
      </>
    );
  }

  const onSave = edit.submitWith(
    async (patch) => {
      await api.admin.updateUser(user.id, patch);
      edit.setMessage({ ok: true, text: t('admin.user.saved') });
      toast.show(t('toast.userSaved'));
      await reload();
      return undefined;
    },
    () => edit.setMessage({ ok: false, text: t('admin.error.fixFields') }),
  );

  const onToggleDisabled = async () => {
    edit.clearErrors();
    try {
      const updated = await api.admin.updateUser(user.id, { disabled: !user.disabled });
      edit.setMessage({
        ok: true,
        text: updated.disabled
          ? t('admin.user.disabledDone', { name: updated.displayName })
          : t('admin.user.enabledDone', { name: updated.displayName }),
      });
      toast.show(t('toast.userSaved'));
      await reload();
    } catch (error) {
      edit.setMessage({ ok: false, text: errorText(error) });
    }
  };

  const onResetPassword = passwordForm.submitWith(async ({ password }) => {
    await api.admin.resetPassword(user.id, password);
    passwordForm.reset();
    toast.show(t('toast.passwordReset'));
    return t('admin.user.passwordReset', { name: user.displayName });
  });

  return (
    <>
      <h1>{user.displayName}</h1>
      <p>
        <Link to="/admin">{t('admin.backToUsers')}</Link>
      </p>
      <p>
        {t('admin.user.username')}: {user.username} ·{' '}
        {user.disabled ? t('admin.user.disabled') : t('admin.user.active')}
      </p>
      <form onSubmit={(event) => void onSave(event)} noValidate aria-labelledby="edit-user-title">
        <h2 id="edit-user-title">{t('admin.user.editTitle')}</h2>
        <InputField
          id="edit-user-name"
          label={t('admin.user.displayName')}
          error={edit.invalid.has('displayName') ? t('admin.invalid.displayName') : undefined}
          {...edit.register('displayName')}
        />
        <AccessFields
          idPrefix="edit-user"
          value={{ roles: edit.watch('roles'), siteIds: edit.watch('siteIds'), unitId: edit.watch('unitId') }}
          onChange={(access) => {
            edit.setValue('roles', access.roles);
            edit.setValue('siteIds', access.siteIds);
            edit.setValue('unitId', access.unitId);
          }}
          sites={sites}
          units={units}
          invalid={edit.invalid}
        />
        <FormMessage message={edit.message} />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t('admin.save')}
          </button>
          <button
            type="button"
            className={user.disabled ? 'button' : 'button button--danger'}
            onClick={() => void onToggleDisabled()}
          >
            {user.disabled ? t('admin.user.enable') : t('admin.user.disable')}
          </button>
        </div>
      </form>
      <form
        onSubmit={(event) => void onResetPassword(event)}
        noValidate
        aria-labelledby="reset-password-title"
      >
        <h2 id="reset-password-title">{t('admin.user.resetPasswordTitle')}</h2>
        <p>{t('admin.user.resetPasswordExplain')}</p>
        <InputField
          id="reset-password"
          label={t('admin.user.newPassword')}
          hint={t('admin.user.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          error={
            passwordForm.invalid.has('password')
              ? t('admin.invalid.password', { min: PASSWORD_MIN_LENGTH })
              : undefined
          }
          type="password"
          autoComplete="new-password"
          {...passwordForm.register('password')}
        />
        <FormMessage message={passwordForm.message} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('admin.user.resetPassword')}
          </button>
        </div>
      </form>
    </>
  );
}
