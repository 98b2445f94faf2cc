import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Conflict, ConflictSide } from '../../domain/conflict';
import { decodeConflictValue, encodeConflictValue, parseTypedValue } from '../../domain/conflictResolution';
import { fieldLabel, valueText } from './conflictValueText';
import { useRecordLabel } from './useOpenConflicts';
import { formatDateTime } from '../../ui/dates';
import { InputField } from '../../ui/InputField';

interface ConflictCardProps {
  conflict: Conflict;
  names: Map<string, string>;
  busy: boolean;
  onResolve: (conflict: Conflict, valueJson: string) => void;
}

/** One clash, under its row in the review table: the kept and the rejected value side by side, who wrote each, and the choice. */
export function ConflictCard({ conflict, names, busy, onResolve }: ConflictCardProps) {
  const { t, i18n } = useTranslation();
  const otherId = useId();
  const { register, handleSubmit, formState } = useForm<{ other: string }>({ defaultValues: { other: '' } });
  const recordName = useRecordLabel(conflict.recordCollection, conflict.recordId);
  const field = fieldLabel(t, conflict.recordCollection, conflict.field);
  const when = (at: string) => formatDateTime(at, i18n.language);
  const record = recordName || conflict.recordId;

  /** A value typed for this field, read the way the field's values are (a date as a date, a number as a number). */
  const parseOther = (text: string) => {
    let example: unknown;
    try {
      example =
        decodeConflictValue(conflict.kept.valueJson) ?? decodeConflictValue(conflict.rejected.valueJson);
    } catch {
      example = '';
    }
    return parseTypedValue(text, example);
  };
  const submitOther = handleSubmit(({ other }) => {
    const parsed = parseOther(other);
    if (parsed.ok) onResolve(conflict, encodeConflictValue(parsed.value));
  });

  const side = (label: string, value: ConflictSide, kind: 'kept' | 'rejected') => (
    <div className={`conflict-side conflict-side--${kind}`}>
      <h3>{label}</h3>
      <p className="conflict-side__value">
        <bdi>{valueText(t, value.valueJson)}</bdi>
      </p>
      <p className="conflict-side__who">
        {t('review.by', {
          name: names.get(value.userId) ?? value.userId,
          device: value.deviceId,
          when: when(value.at),
        })}
      </p>
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => onResolve(conflict, value.valueJson)}
        aria-label={t('review.chooseFor', { value: valueText(t, value.valueJson), field, record })}
      >
        {t('review.choose')}
      </button>
    </div>
  );

  return (
    <div className="conflict-card">
      {conflict.baseJson ? (
        <p className="conflict-card__meta">
          {t('review.before', { value: valueText(t, conflict.baseJson) })}
        </p>
      ) : null}
      <div className="conflict-sides">
        {side(t('review.kept'), conflict.kept, 'kept')}
        {side(t('review.rejected'), conflict.rejected, 'rejected')}
      </div>
      <form className="conflict-other" onSubmit={submitOther} noValidate>
        <InputField
          id={otherId}
          label={t('review.otherLabel')}
          error={formState.errors.other ? t('review.otherInvalid') : undefined}
          {...register('other', { validate: (text) => parseOther(text).ok })}
        />
        <button type="submit" className="button" disabled={busy}>
          {t('review.useOther')}
        </button>
      </form>
    </div>
  );
}
