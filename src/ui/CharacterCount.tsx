import { useTranslation } from 'react-i18next';

interface CharacterCountProps {
  /** Referenced by the text box's aria-describedby. */
  id: string;
  length: number;
  max: number;
}

/**
 * Under a long text box: how much is written of how much is allowed. Text
 * over the limit is never cut (a pasted report keeps every word); the counter
 * turns into a warning and the form refuses it with the limit in the message.
 * Only crossing the limit is announced, not every keystroke.
 */
export function CharacterCount({ id, length, max }: CharacterCountProps) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const over = length > max;
  const values = { length: number.format(length), max: number.format(max), over: number.format(length - max) };
  return (
    <p id={id} className={over ? 'character-count character-count--over' : 'character-count'}>
      <span aria-hidden={over}>{t('text.count', values)}</span>
      <span aria-live="polite">{over ? t('text.over', values) : ''}</span>
    </p>
  );
}
