import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  ['N', 'newCall'],
  ['R', 'resolve'],
  ['E', 'escalate'],
  ['V', 'voicemail'],
  ['S', 'save'],
] as const;

/** The agent's keyboard shortcuts, always visible on the call screen. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  return (
    <details className="shortcut-help">
      <summary>{t('helpline.shortcuts.title')}</summary>
      <ul className="plain-list">
        {SHORTCUTS.map(([key, action]) => (
          <li key={key}>
            <kbd>Alt</kbd>+<kbd>{key}</kbd> {t(`helpline.shortcuts.${action}`)}
          </li>
        ))}
      </ul>
    </details>
  );
}
