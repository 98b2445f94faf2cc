import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/toastStore';
import { createUnitSchema, type Site, type Unit } from '../../domain/accounts';
import { CALLBACK_PROMISE_UNITS, callbackPromiseSchema, type CallbackPromiseUnit } from '../../domain/callbackDue';
import { api } from '../../sync/apiClient';
import { useApiErrorText } from './useApiErrorText';
import { invalidFields } from './zodFieldErrors';
import { MessageLine, type Message } from './MessageLine';

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
  const errorText = useApiErrorText();
  const toast = useToast();
  const [name, setName] = useState(unit?.name ?? '');
  const [siteId, setSiteId] = useState(unit?.siteId ?? sites[0]?.id ?? '');
  const [hours, setHours] = useState(unit ? String(unit.callbackHours) : '48');
  const [basis, setBasis] = useState<CallbackPromiseUnit>(unit?.callbackBasis ?? 'working_hours');
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<Message>();
  const prefix = unit ? `unit-${unit.id}` : 'new-unit';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = hours.trim() === '' ? Number.NaN : Number(hours);
    const parsed = createUnitSchema.safeParse({ name, siteId, callbackHours: amount, callbackBasis: basis });
    // Whole working days only, and not more than make sense: the same rule the server applies.
    const promise = callbackPromiseSchema.safeParse({ amount, unit: basis });
    if (!parsed.success || !promise.success) {
      const fields = parsed.success ? new Set<string>() : invalidFields(parsed.error);
      if (!promise.success) fields.add('callbackHours');
      setInvalid(fields);
      return;
    }
    setInvalid(new Set());
    try {
      if (unit) await api.admin.updateUnit(unit.id, parsed.data);
      else await api.admin.createUnit(parsed.data);
      if (!unit) setName('');
      toast.show(unit ? t('toast.unitSaved') : t('toast.unitAdded'));
      onDone();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    }
  };

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="field-grid"
      aria-label={unit ? unit.name : t('admin.unit.addTitle')}
    >
      <Field
        id={`${prefix}-name`}
        label={t('admin.unit.name')}
        error={invalid.has('name') ? t('admin.invalid.name') : undefined}
      >
        {(a11y) => <input {...a11y} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field
        id={`${prefix}-site`}
        label={t('admin.unit.site')}
        error={invalid.has('siteId') ? t('admin.invalid.site') : undefined}
      >
        {(a11y) => (
          <select {...a11y} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${prefix}-hours`}
        label={t('admin.unit.callbackAmount')}
        hint={t('admin.unit.callbackHint')}
        error={invalid.has('callbackHours') ? t('admin.invalid.callbackPromise') : undefined}
      >
        {(a11y) => (
          <input
            {...a11y}
            type="number"
            inputMode="decimal"
            min={0}
            max={720}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${prefix}-basis`} label={t('admin.unit.callbackBasis')}>
        {(a11y) => (
          <select {...a11y} value={basis} onChange={(e) => setBasis(e.target.value as CallbackPromiseUnit)}>
            {CALLBACK_PROMISE_UNITS.map((option) => (
              <option key={option} value={option}>
                {t(`admin.unit.basis.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions form-actions--inline">
        <button type="submit" className="button">
          {unit ? t('admin.save') : t('admin.unit.add')}
        </button>
      </div>
      <MessageLine message={message} />
    </form>
  );
}

