import { useCallback, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { fromLocalInput, toLocalInput } from '../../app/dateTime';
import { TRAVEL_MODES, type TravelLeg, type TravelMode } from '../../domain/travel';
import { InvalidRecordError } from '../../db/recordWrites';
import { useEditSave } from '../../app/useEditSave';
import { Field } from '../../ui/Field';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { useErrorText } from '../intake';
import { LEG_FORM_FIELDS, saveLeg } from './operations';
import { knownKey } from '../../app/translationKeys';
import { peopleWithRole, useDirectory } from '../../sync/useDirectory';

interface LegFormValues {
  mode: TravelMode;
  carrier: string;
  departureAt: string;
  departurePlace: string;
  arrivalAt: string;
  arrivalPlace: string;
  bookingReference: string;
  seats: number;
  driverId: string;
  pickupAt: string;
  pickupPlace: string;
}

/** The fields the form shows are the ones the save writes. */
const FIELDS: readonly (keyof LegFormValues)[] = LEG_FORM_FIELDS;

function isFormField(name: unknown): name is keyof LegFormValues {
  return (FIELDS as readonly unknown[]).includes(name);
}

function defaults(leg: TravelLeg | undefined, seats: number): LegFormValues {
  return {
    mode: leg?.mode ?? 'bus',
    carrier: leg?.carrier ?? '',
    departureAt: toLocalInput(leg?.departureAt),
    departurePlace: leg?.departurePlace ?? '',
    arrivalAt: toLocalInput(leg?.arrivalAt),
    arrivalPlace: leg?.arrivalPlace ?? '',
    bookingReference: leg?.bookingReference ?? '',
    seats: leg?.seats ?? seats,
    driverId: leg?.driverId ?? '',
    pickupAt: toLocalInput(leg?.pickupAt),
    pickupPlace: leg?.pickupPlace ?? '',
  };
}

interface LegFormProps {
  householdId: string;
  /** The leg being edited; absent to add one. */
  leg?: TravelLeg;
  /** Seats to offer for a new leg: the family's size. */
  defaultSeats: number;
  onDone: () => void;
}

/** Adds or edits one leg of a family's journey. Times are entered in the device's time zone. */
export function LegForm({ householdId, leg, defaultSeats, onDone }: LegFormProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const db = useDatabase();
  const actor = useActor();
  const directory = useDirectory();
  const drivers = useMemo(() => peopleWithRole(directory, 'driver'), [directory]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LegFormValues>({ defaultValues: defaults(leg, defaultSeats) });
  const idBase = `leg-${leg?.id ?? 'new'}`;
  const fieldError = (name: keyof LegFormValues) => {
    const error = errors[name];
    const key = error?.message ? knownKey(`travel.errors.${error.message}`) : undefined;
    if (key) return t(key);
    return errorText(error);
  };

  // The leg as the form first showed it: the person's changes are what differs from it, whatever syncs in meanwhile.
  const [loaded] = useState(leg);
  const showInvalidFields = useCallback(
    (failure: unknown) => {
      if (!(failure instanceof InvalidRecordError)) return false;
      for (const issue of failure.issues) {
        const name = issue.path[0];
        if (isFormField(name)) setError(name, { type: 'validate', message: issue.message });
      }
      return true;
    },
    [setError],
  );
  // A failed save (a full device, a clash) keeps what was typed, for a retry.
  const {
    save,
    error: saveError,
    panel,
  } = useEditSave<unknown>({
    failureKey: 'travel.saveFailed',
    onSaved: onDone,
    onFailure: showInvalidFields,
  });

  const onSubmit = handleSubmit((values) =>
    save((choices) =>
      saveLeg(
        db,
        actor,
        {
          ...(leg ? { id: leg.id } : {}),
          householdId,
          mode: values.mode,
          carrier: values.carrier,
          // An unparsable time is sent as typed, so validation names the field.
          departureAt: fromLocalInput(values.departureAt) ?? values.departureAt,
          departurePlace: values.departurePlace,
          arrivalAt: fromLocalInput(values.arrivalAt),
          arrivalPlace: values.arrivalPlace,
          bookingReference: values.bookingReference,
          seats: Number(values.seats),
          driverId: values.driverId.trim() || undefined,
          pickupAt: fromLocalInput(values.pickupAt),
          pickupPlace: values.pickupPlace.trim() || undefined,
        },
        { base: loaded, choices },
      ),
    ),
  );

  return (
    <form className="leg-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className="field-grid">
        <Field id={`${idBase}-mode`} label={t('travel.mode')} error={fieldError('mode')}>
          {(a11y) => (
            <select {...a11y} {...register('mode')}>
              {TRAVEL_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`travel.modes.${mode}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${idBase}-carrier`} label={t('travel.carrier')} error={fieldError('carrier')}>
          {(a11y) => <input {...a11y} type="text" {...register('carrier')} />}
        </Field>
        <Field id={`${idBase}-departureAt`} label={t('travel.departureAt')} error={fieldError('departureAt')}>
          {(a11y) => (
            <input {...a11y} type="datetime-local" {...register('departureAt', { required: 'required' })} />
          )}
        </Field>
        <Field
          id={`${idBase}-departurePlace`}
          label={t('travel.departurePlace')}
          error={fieldError('departurePlace')}
        >
          {(a11y) => <input {...a11y} type="text" {...register('departurePlace')} />}
        </Field>
        <Field id={`${idBase}-arrivalAt`} label={t('travel.arrivalAt')} error={fieldError('arrivalAt')}>
          {(a11y) => <input {...a11y} type="datetime-local" {...register('arrivalAt')} />}
        </Field>
        <Field
          id={`${idBase}-arrivalPlace`}
          label={t('travel.arrivalPlace')}
          error={fieldError('arrivalPlace')}
        >
          {(a11y) => <input {...a11y} type="text" {...register('arrivalPlace')} />}
        </Field>
        <Field
          id={`${idBase}-bookingReference`}
          label={t('travel.bookingReference')}
          error={fieldError('bookingReference')}
        >
          {(a11y) => <input {...a11y} type="text" autoComplete="off" {...register('bookingReference')} />}
        </Field>
        <Field id={`${idBase}-seats`} label={t('travel.seats')} error={fieldError('seats')}>
          {(a11y) => (
            <input {...a11y} type="number" inputMode="numeric" min={1} max={60} {...register('seats')} />
          )}
        </Field>
        <Field id={`${idBase}-driverId`} label={t('travel.driver')} error={fieldError('driverId')}>
          {(a11y) =>
            drivers ? (
              <select {...a11y} {...register('driverId')}>
                <option value="">{t('travel.noDriver')}</option>
                {drivers.map((driver) => (
                  <option key={driver.id} value={driver.id}>
                    {driver.displayName}
                  </option>
                ))}
                {leg?.driverId && !drivers.some((d) => d.id === leg.driverId) ? (
                  <option value={leg.driverId}>{leg.driverId}</option>
                ) : null}
              </select>
            ) : (
              <input {...a11y} type="text" autoComplete="off" {...register('driverId')} />
            )
          }
        </Field>
        <Field id={`${idBase}-pickupAt`} label={t('travel.pickupAt')} error={fieldError('pickupAt')}>
          {(a11y) => <input {...a11y} type="datetime-local" {...register('pickupAt')} />}
        </Field>
        <Field id={`${idBase}-pickupPlace`} label={t('travel.pickupPlace')} error={fieldError('pickupPlace')}>
          {(a11y) => <input {...a11y} type="text" {...register('pickupPlace')} />}
        </Field>
      </div>
      <div className="form-actions">
        <FormMessage message={failureMessage(saveError)} />
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {t('travel.saveLeg')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('travel.cancel')}
        </button>
      </div>
      {panel}
    </form>
  );
}
