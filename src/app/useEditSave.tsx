/**
 * Saving an edit screen through the one write path (db/recordEdits.ts): a
 * save that meets a change made meanwhile on another device or tab shows
 * both values (ChangedElsewherePanel) instead of failing or overwriting, and
 * the person's choices are saved as an ordinary edit. Every edit screen uses
 * this, so none can forget the guarantee.
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { DELETED_PATH, StaleEditError, type ClashChoice, type EditClash } from '../db/recordEdits';
import { isPlainObject } from '../domain/merge';
import { ChangedElsewherePanel, type ChangedField } from '../ui/ChangedElsewherePanel';
import { fieldLabel, readableValue } from '../ui/fieldText';
import { formatDateTime } from './dateTime';
import { useSaveFailureText } from './useSaveFailureText';
import type { TranslationKey } from './translationKeys';

type Attempt<R> = (choices: readonly ClashChoice[]) => Promise<R>;

export interface EditSaveOptions<R> {
  /** The screen's own message for a failed save. */
  failureKey: TranslationKey;
  onSaved: (result: R) => void;
  /** How the screen names a record of a clash ("Chidi Okafor"); defaults to the kind of record. */
  recordName?: (clash: EditClash) => string | undefined;
  /** A failure the screen shows itself (e.g. invalid fields beside them): return true when handled. */
  onFailure?: (failure: unknown) => boolean;
}

function keyOf(clash: EditClash): string {
  return `${clash.collection}:${clash.recordId}:${clash.path}`;
}

function changesText(t: TFunction, clash: EditClash, changes: unknown): string {
  if (changes === true) return t('changedElsewhere.removed');
  if (!isPlainObject(changes)) return readableValue(t, changes);
  return Object.entries(changes)
    .map(([field, value]) => `${fieldLabel(t, clash.collection, field)}: ${readableValue(t, value)}`)
    .join('; ');
}

function describe(t: TFunction, language: string, clash: EditClash, recordName: string): ChangedField {
  const theirsNote = clash.theirsAt
    ? t('changedElsewhere.when', { when: formatDateTime(clash.theirsAt, language) })
    : undefined;
  if (clash.path === DELETED_PATH) {
    const removing = clash.mine === true;
    return {
      key: keyOf(clash),
      label: removing
        ? t('changedElsewhere.removeChanged', { record: recordName })
        : t('changedElsewhere.removedMeanwhile', { record: recordName }),
      mine: removing ? t('changedElsewhere.remove') : changesText(t, clash, clash.mine),
      theirs: changesText(t, clash, clash.theirs),
      theirsNote,
    };
  }
  return {
    key: keyOf(clash),
    label: `${recordName} — ${fieldLabel(t, clash.collection, clash.path)}`,
    mine: readableValue(t, clash.mine),
    theirs: readableValue(t, clash.theirs),
    theirsNote,
  };
}

export function useEditSave<R>({ failureKey, onSaved, recordName, onFailure }: EditSaveOptions<R>) {
  const { t, i18n } = useTranslation();
  const failureText = useSaveFailureText();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [clashes, setClashes] = useState<readonly EditClash[]>([]);
  const attemptRef = useRef<Attempt<R> | undefined>(undefined);

  const runAttempt = useCallback(
    async (attempt: Attempt<R>, choices: readonly ClashChoice[]) => {
      attemptRef.current = attempt;
      setSubmitting(true);
      setError(undefined);
      try {
        const result = await attempt(choices);
        setClashes([]);
        onSaved(result);
      } catch (failure) {
        if (failure instanceof StaleEditError) {
          setClashes(failure.clashes);
        } else if (onFailure?.(failure)) {
          setClashes([]);
        } else {
          console.error('saving failed', failure);
          setError(failureText(failure, failureKey));
        }
      } finally {
        setSubmitting(false);
      }
    },
    [failureKey, failureText, onSaved, onFailure],
  );

  /** Saves with `attempt`, which receives the person's choices when a clash was shown. */
  const save = useCallback((attempt: Attempt<R>) => runAttempt(attempt, []), [runAttempt]);

  const saveWithChoices = useCallback(
    (keepMine: ReadonlySet<string>) => {
      const attempt = attemptRef.current;
      if (!attempt) return;
      const choices = clashes.map((clash): ClashChoice => ({
        collection: clash.collection,
        recordId: clash.recordId,
        path: clash.path,
        keep: keepMine.has(keyOf(clash)) ? 'mine' : 'theirs',
        theirs: clash.theirs,
      }));
      void runAttempt(attempt, choices);
    },
    [clashes, runAttempt],
  );

  const panel: ReactNode =
    clashes.length > 0 ? (
      <ChangedElsewherePanel
        // A new set of clashes (changed again meanwhile) starts with no choices made.
        key={clashes.map(keyOf).join('|') + clashes.map((c) => JSON.stringify(c.theirs)).join('|')}
        fields={clashes.map((clash) =>
          describe(
            t,
            i18n.language,
            clash,
            recordName?.(clash) ?? t(`review.collections.${clash.collection}`),
          ),
        )}
        saving={submitting}
        onSave={saveWithChoices}
        onCancel={() => setClashes([])}
      />
    ) : null;

  return { save, submitting, error, panel, hasClashes: clashes.length > 0 };
}
