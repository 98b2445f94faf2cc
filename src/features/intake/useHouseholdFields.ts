import { get, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { useErrorText } from './useErrorText';

/**
 * What every part of the household form needs from the form around it: its
 * controls and, for a field's path, the sentence its error reads as.
 */
export function useHouseholdFields() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const {
    control,
    register,
    formState: { errors },
  } = useFormContext<HouseholdDraftInput>();
  const errorAt = (path: string) => errorText(get(errors, path));
  return { t, errorText, errorAt, control, register };
}
