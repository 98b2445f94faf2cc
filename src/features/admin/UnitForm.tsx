import { useTranslation } from 'react-i18next';
import { useToast } from '../../ui/toastStore';
import { FormMessage } from '../../ui/FormMessage';
import { InputField, SelectField } from '../../ui/InputField';
import { createUnitSchema, type Site, type Unit } from '../../domain/accounts';
import { CALLBACK_PROMISE_UNITS, callbackPromiseSchema } from '../../domain/callbackDue';
import { api } from '../../sync/apiClient';
import { useAdminForm } from './useAdminForm';

/** A unit as saved, and its call-back promise checked by the rule the server applies too. */
const unitFormSchema = createUnitSchema.superRefine((unit, context) => {
  // Whole working days only, and not more than make sense.
  const promise = { amount: unit.callbackHours, unit: unit.callbackBasis ?? 'working_hours' };
  if (!callbackPromiseSchema.safeParse(promise).success) {
    context.addIssue({ code: 'custom', path: ['callbackHours'], message: 'callbackPromise' });
  }
});

/** An empty amount is no amount, not zero. */
function amountFromInput(value: unknown): number {
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
}

/** Adds a unit or changes one (when `unit` is given): name, site, its call-back promise and how it is counted. */
export function UnitForm({
  unit,
  sites,
  onDone,
}: {
  unit?: Unit;
  sites: Site[];
  /** Called after a save: the dialog closes and the list reloads. */
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const { register, resetField, invalid, message, submitWith } = useAdminForm(unitFormSchema, {
    name: unit?.name ?? '',
    siteId: unit?.siteId ?? sites[0]?.id ?? '',
    callbackHours: unit?.callbackHours ?? 48,
    callbackBasis: unit?.callbackBasis ?? 'working_hours',
  });
  const prefix = unit ? `unit-${unit.id}` : 'new-unit';

  const onSubmit = submitWith(async (values) => {
    if (unit) await api.admin.updateUnit(unit.id, values);
    else await api.admin.createUnit(values);
    if (!unit) resetField('name');
    toast.show(unit ? t('toast.unitSaved') : t('toast.unitAdded'));
    onDone();
    return undefined;
  });

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="field-grid"
      aria-label={unit ? unit.name : t('admin.unit.addTitle')}
    >
      <InputField
        id={`${prefix}-name`}
        label={t('admin.unit.name')}
        error={invalid.has('name') ? t('admin.invalid.name') : undefined}
        {...register('name')}
      />
      <SelectField
        id={`${prefix}-site`}
        label={t('admin.unit.site')}
        error={invalid.has('siteId') ? t('admin.invalid.site') : undefined}
        {...register('siteId')}
      >
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <InputField
        id={`${prefix}-hours`}
        label={t('admin.unit.callbackAmount')}
        hint={t('admin.unit.callbackHint')}
        error={invalid.has('callbackHours') ? t('admin.invalid.callbackPromise') : undefined}
        type="number"
        inputMode="decimal"
        min={0}
        max={720}
        {...register('callbackHours', { setValueAs: amountFromInput })}
      />
      <SelectField
        id={`${prefix}-basis`}
        label={t('admin.unit.callbackBasis')}
        {...register('callbackBasis')}
      >
        {CALLBACK_PROMISE_UNITS.map((option) => (
          <option key={option} value={option}>
            {t(`admin.unit.basis.${option}`)}
          </option>
        ))}
      </SelectField>
      <div className="form-actions form-actions--inline">
        <button type="submit" className="button">
          {unit ? t('admin.save') : t('admin.unit.add')}
        </button>
      </div>
      <FormMessage message={message} />
    </form>
  );
}
