import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { createSiteSchema, SITE_KINDS, type Site, type SiteKind } from '../../domain/accounts';
import { useToast } from '../../ui/toastStore';
import { MessageLine, type Message } from './MessageLine';
import { UnitsTable } from './UnitsTable';
import { api } from '../../sync/apiClient';
import { AdminNav } from './AdminNav';
import { SiteOfficeHoursForm } from './SiteOfficeHoursForm';
import { SitePromiseTemplatesForm } from './SitePromiseTemplatesForm';
import { useAdminData } from './useAdminData';
import { useApiErrorText } from './useApiErrorText';
import { invalidFields } from './zodFieldErrors';

/** Adds a site or renames an existing one (when `site` is given). */
function SiteForm({ site, onDone }: { site?: Site; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const toast = useToast();
  const [name, setName] = useState(site?.name ?? '');
  const [kind, setKind] = useState<SiteKind>(site?.kind ?? 'welcome_center');
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<Message>();
  const prefix = site ? `site-${site.id}` : 'new-site';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = createSiteSchema.safeParse({ name, kind });
    if (!parsed.success) {
      setInvalid(invalidFields(parsed.error));
      return;
    }
    setInvalid(new Set());
    try {
      if (site) await api.admin.updateSite(site.id, parsed.data);
      else await api.admin.createSite(parsed.data);
      if (!site) setName('');
      setMessage({ ok: true, text: t('admin.saved') });
      toast.show(t('toast.siteSaved'));
      onDone();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    }
  };

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="field-grid"
      aria-label={site ? site.name : t('admin.site.addTitle')}
    >
      <Field
        id={`${prefix}-name`}
        label={t('admin.site.name')}
        error={invalid.has('name') ? t('admin.invalid.name') : undefined}
      >
        {(a11y) => <input {...a11y} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id={`${prefix}-kind`} label={t('admin.site.kind')}>
        {(a11y) => (
          <select {...a11y} value={kind} onChange={(e) => setKind(e.target.value as SiteKind)}>
            {SITE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`siteKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions form-actions--inline">
        <button type="submit" className="button">
          {site ? t('admin.save') : t('admin.site.add')}
        </button>
      </div>
      <MessageLine message={message} />
    </form>
  );
}

/** Sites (welcome centers, helpline offices) and the protection units with their call-back promise. */
export function AdminSitesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.sitesAndUnits'));
  const { sites, units, loading, failed, reload } = useAdminData();
  const refresh = () => void reload();

  return (
    <>
      <h1>{t('admin.sitesAndUnits')}</h1>
      <AdminNav />
      {loading ? <p role="status">{t('admin.loading')}</p> : null}
      {failed ? (
        <p className="form-message form-message--error" role="alert">
          {t('admin.error.loadFailed')}
        </p>
      ) : null}
      <section aria-labelledby="sites-title" className="form-section">
        <h2 id="sites-title">{t('admin.site.title')}</h2>
        {sites.map((site) => (
          <div key={`${site.id}-${site.updatedAt}`} className="admin-site">
            <SiteForm site={site} onDone={refresh} />
            <SiteOfficeHoursForm site={site} onDone={refresh} />
            {site.kind === 'helpline_office' || site.promiseTemplates ? (
              <SitePromiseTemplatesForm site={site} onDone={refresh} />
            ) : null}
          </div>
        ))}
        <h3>{t('admin.site.addTitle')}</h3>
        <SiteForm onDone={refresh} />
      </section>
      <section aria-labelledby="units-title" className="form-section">
        <h2 id="units-title">{t('admin.unit.title')}</h2>
        <UnitsTable units={units} sites={sites} onDone={refresh} />
      </section>
    </>
  );
}
