import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isFullHousehold, type HouseholdRecord } from '../../domain/household';
import type { Person } from '../../domain/person';
import { TravelLegsSection } from '../travel';
import { MilestonesSection, CaseNotesSection } from '../cases';
import { FamilyTasksSection } from '../tasks';
import { MergeHouseholdPanel } from '../duplicates';
import { FamilyMessagesSection } from '../messages';
import { useMayUseWelcomeCenter } from './access';

/**
 * What the welcome center adds to a family's page: travel, case milestones, notes, and a coordinator's merge.
 * A reduced record (a driver's) gets only what its role works with: the legs.
 */
export function HouseholdWelcomeSections({ household, members }: { household: HouseholdRecord; members: readonly Person[] }) {
  const travelView = useMayUseWelcomeCenter('travelView');
  const itinerary = useMayUseWelcomeCenter('itinerary');
  const travelEdit = useMayUseWelcomeCenter('travelEdit');
  const milestones = useMayUseWelcomeCenter('milestones');
  const milestonesEdit = useMayUseWelcomeCenter('milestonesEdit');
  const notes = useMayUseWelcomeCenter('notes');
  const notesWrite = useMayUseWelcomeCenter('notesWrite');
  const merge = useMayUseWelcomeCenter('merge');
  const tasks = useMayUseWelcomeCenter('tasks');
  const tasksWrite = useMayUseWelcomeCenter('tasksWrite');
  const { t } = useTranslation();
  return (
    <>
      {household.status === 'merged' && household.mergedInto ? (
        <p className="form-message" role="note">
          {t('duplicates.mergedInto')} <Link to={`/households/${household.mergedInto}`}>{t('duplicates.openSurvivor')}</Link>
        </p>
      ) : null}
      {travelView ? (
        <TravelLegsSection householdId={household.id} memberCount={members.length} canEdit={travelEdit} canPrint={itinerary} />
      ) : null}
      {milestones && isFullHousehold(household) ? (
        <MilestonesSection household={household} members={members} canEdit={milestonesEdit} />
      ) : null}
      {milestones && isFullHousehold(household) ? (
        <FamilyMessagesSection
          household={household}
          members={members}
          canEdit={milestonesEdit && household.status !== 'merged'}
        />
      ) : null}
      {tasks ? <FamilyTasksSection household={household} canWrite={tasksWrite && household.status !== 'merged'} /> : null}
      {notes ? <CaseNotesSection householdId={household.id} canWrite={notesWrite} /> : null}
      {merge && isFullHousehold(household) && household.status !== 'merged' ? <MergeHouseholdPanel household={household} /> : null}
    </>
  );
}
