import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Site } from '../../domain/accounts';
import { HELPLINE_LANGUAGE_CODES } from '../../domain/calls';
import { languageName } from '../../domain/languages';
import {
  PROMISE_DUE_PLACEHOLDER,
  PROMISE_TEMPLATE_MAX_LENGTH,
  promiseTemplateProblems,
  promiseTemplatesSchema,
  type PromiseTemplateProblem,
} from '../../domain/promiseTemplates';
import { isInterfaceLanguage } from '../../app/i18n';
import { FormMessage } from '../../ui/FormMessage';
import { TextAreaField } from '../../ui/InputField';
import { api } from '../../sync/apiClient';
import { useAdminForm } from './useAdminForm';

/**
 * One box per language as typed; an empty box is no sentence. What is left is
 * checked by the schema the server applies, and nothing at all clears the site's sentences.
 */
const templatesFormSchema = z
  .record(z.string(), z.string())
  .transform((texts) =>
    Object.fromEntries(
      Object.entries(texts)
        .map(([language, text]) => [language, text.trim()] as const)
        .filter(([, text]) => text !== ''),
    ),
  )
  .pipe(promiseTemplatesSchema)
  .transform((templates) => (Object.keys(templates).length > 0 ? templates : null));

/**
 * The call-back promise in the helpline's languages the interface lacks, one
 * sentence each with {{due}} where the time goes. The agent's screen shows
 * it to say to the caller; an empty box means no sentence for that language.
 */
export function SitePromiseTemplatesForm({ site, onDone }: { site: Site; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const languages = [
    ...new Set([
      ...HELPLINE_LANGUAGE_CODES.filter((code) => !isInterfaceLanguage(code)),
      ...Object.keys(site.promiseTemplates ?? {}),
    ]),
  ];
  const { register, watch, invalid, message, setMessage, submitWith } = useAdminForm(
    templatesFormSchema,
    Object.fromEntries(languages.map((language) => [language, site.promiseTemplates?.[language] ?? ''])),
  );
  const texts = watch();
  const prefix = `site-${site.id}-promise`;

  const describe = (language: string, problem: PromiseTemplateProblem): string => {
    const values = { language: languageName(language, i18n.language), dueMark: PROMISE_DUE_PLACEHOLDER };
    switch (problem.kind) {
      case 'too_long':
        return t('admin.promise.problem.too_long', { ...values, max: problem.max });
      case 'unknown_placeholder':
        return t('admin.promise.problem.unknown_placeholder', {
          ...values,
          placeholder: problem.placeholder,
        });
      default:
        return t(`admin.promise.problem.${problem.kind}`, values);
    }
  };

  /** What is wrong with a box the schema refused, in words (the schema's own rules, with their details). */
  const problemsOf = (language: string): string[] =>
    invalid.has(language)
      ? promiseTemplateProblems(texts[language] ?? '').map((problem) => describe(language, problem))
      : [];

  const onSubmit = submitWith(
    async (promiseTemplates) => {
      await api.admin.updateSite(site.id, { promiseTemplates });
      onDone();
      return t('admin.saved');
    },
    // Each wrong box says why below; this is heard only when the schema refused something no box shows.
    () => setMessage({ ok: false, text: t('admin.error.fixFields') }),
  );
  const problems = languages.flatMap(problemsOf);

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
          <TextAreaField
            key={language}
            id={`${prefix}-${language}`}
            label={languageName(language, i18n.language)}
            error={problemsOf(language).join(' ') || undefined}
            counter={{ length: (texts[language] ?? '').length, max: PROMISE_TEMPLATE_MAX_LENGTH }}
            rows={2}
            lang={language}
            {...register(language)}
          />
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
      ) : (
        <FormMessage message={message} />
      )}
    </form>
  );
}
