import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '../../domain/accounts';
import { HELPLINE_LANGUAGE_CODES } from '../../domain/calls';
import { languageName } from '../../domain/languages';
import {
  PROMISE_DUE_PLACEHOLDER,
  PROMISE_TEMPLATE_MAX_LENGTH,
  promiseTemplateProblems,
  type PromiseTemplateProblem,
  type PromiseTemplates,
} from '../../domain/promiseTemplates';
import { isInterfaceLanguage } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { FormMessage, successMessage } from '../../ui/FormMessage';
import { api } from '../../sync/apiClient';
import { useApiErrorText } from './useApiErrorText';

/**
 * The call-back promise in the helpline's languages the interface lacks, one
 * sentence each with {{due}} where the time goes. The agent's screen shows
 * it to say to the caller; an empty box means no sentence for that language.
 */
export function SitePromiseTemplatesForm({ site, onDone }: { site: Site; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useApiErrorText();
  const languages = [
    ...new Set([
      ...HELPLINE_LANGUAGE_CODES.filter((code) => !isInterfaceLanguage(code)),
      ...Object.keys(site.promiseTemplates ?? {}),
    ]),
  ];
  const [texts, setTexts] = useState<Record<string, string>>(() => ({ ...site.promiseTemplates }));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const prefix = `site-${site.id}-promise`;

  const describe = (language: string, problem: PromiseTemplateProblem): string => {
    const values = { language: languageName(language, i18n.language), dueMark: PROMISE_DUE_PLACEHOLDER };
    switch (problem.kind) {
      case 'too_long':
        return t('admin.promise.problem.too_long', { ...values, max: problem.max });
      case 'unknown_placeholder':
        return t('admin.promise.problem.unknown_placeholder', { ...values, placeholder: problem.placeholder });
      default:
        return t(`admin.promise.problem.${problem.kind}`, values);
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const templates: PromiseTemplates = {};
    const found: string[] = [];
    for (const language of languages) {
      const text = (texts[language] ?? '').trim();
      if (text === '') continue;
      const wrong = promiseTemplateProblems(text);
      if (wrong.length > 0) found.push(...wrong.map((problem) => describe(language, problem)));
      else templates[language] = text;
    }
    setProblems(found);
    if (found.length > 0) return;
    try {
      await api.admin.updateSite(site.id, { promiseTemplates: Object.keys(templates).length > 0 ? templates : null });
      setSaved(true);
      onDone();
    } catch (error) {
      setProblems([errorText(error)]);
    }
  };

  return (
    <form
      className="promise-templates"
      aria-label={t('admin.promise.formLabel', { site: site.name })}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <h3>{t('admin.promise.title')}</h3>
      <p className="field__hint">{t('admin.promise.hint', { dueMark: PROMISE_DUE_PLACEHOLDER })}</p>
      <div className="field-grid">
        {languages.map((language) => (
          <Field
            key={language}
            id={`${prefix}-${language}`}
            label={languageName(language, i18n.language)}
            counter={{ length: (texts[language] ?? '').length, max: PROMISE_TEMPLATE_MAX_LENGTH }}
          >
            {(a11y) => (
              <textarea
                {...a11y}
                rows={2}
                lang={language}
                value={texts[language] ?? ''}
                onChange={(e) => setTexts((all) => ({ ...all, [language]: e.target.value }))}
              />
            )}
          </Field>
        ))}
      </div>
      <button type="submit" className="button">
        {t('admin.promise.save')}
      </button>
      {problems.length > 0 ? (
        <div className="form-message form-message--error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      ) : null}
      <FormMessage message={successMessage(saved ? t('admin.saved') : undefined)} />
    </form>
  );
}
