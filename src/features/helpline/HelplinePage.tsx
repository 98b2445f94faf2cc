import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { HelplineProvider } from './HelplineProvider';
import { NewCallPage } from './NewCallPage';
import { useShortcuts } from './useShortcuts';

/** The call desk: a fresh call screen each time (Alt+N, or after saving). */
export function HelplinePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  useShortcuts({ N: () => void navigate('/helpline', { state: { fresh: Date.now() } }) });
  return (
    <HelplineProvider>
      {saved ? (
        <p className="form-message form-message--success" role="status">
          {t('helpline.saved')}
        </p>
      ) : null}
      <NewCallPage key={location.key} />
    </HelplineProvider>
  );
}
