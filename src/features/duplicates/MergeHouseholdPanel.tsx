import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import type { Household } from '../../domain/household';
import { FormMessage, successMessage } from '../../ui/FormMessage';
import { useHouseholdSearch } from '../intake';
import { mergeHouseholds } from './mergeOperations';

/**
 * A coordinator merges another registration of this family into this one:
 * the other is marked merged (never deleted) and its people, travel,
 * milestones and notes move here.
 */
export function MergeHouseholdPanel({ household }: { household: Household }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const [query, setQuery] = useState(household.familyName);
  const [chosen, setChosen] = useState<string | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const { results } = useHouseholdSearch(query);
  const others = results.filter((r) => r.id !== household.id);
  const chosenSummary = others.find((r) => r.id === chosen);

  const merge = async () => {
    if (!chosen) return;
    await mergeHouseholds(db, actor, household.id, chosen);
    setChosen(undefined);
    setMessage(t('duplicates.merged'));
  };

  return (
    <details className="merge-panel">
      <summary>{t('duplicates.mergeHeading')}</summary>
      <p>{t('duplicates.mergeIntro', { family: household.familyName })}</p>
      <label htmlFor="merge-search">{t('duplicates.mergeSearch')}</label>
      <input id="merge-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      <fieldset>
        <legend>{t('duplicates.mergeChoose')}</legend>
        {others.map((other) => (
          <label key={other.id} className="merge-panel__choice">
            <input
              type="radio"
              name="merge-other"
              value={other.id}
              checked={chosen === other.id}
              onChange={() => setChosen(other.id)}
            />{' '}
            {t('duplicates.mergeOption', {
              family: other.familyName,
              count: other.memberCount ?? 0,
              date: other.arrivalDate ?? '',
            })}
          </label>
        ))}
      </fieldset>
      {chosenSummary ? (
        <button type="button" className="button button--danger" onClick={() => void merge()}>
          {t('duplicates.mergeConfirm', { other: chosenSummary.familyName, family: household.familyName })}
        </button>
      ) : null}
      <FormMessage message={successMessage(message)} />
    </details>
  );
}
