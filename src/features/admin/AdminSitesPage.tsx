import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { createSiteSchema, SITE_KINDS, type Site } from '../../domain/accounts';
import { FormMessage } from '../../ui/FormMessage';
import { InputField, SelectField } from '../../ui/InputField';
import { useToast } from '../../ui/toastStore';
import { UnitsTable } from './UnitsTable';
import { api } from '../../sync/apiClient';
import { AdminDataPageHead } from './AdminNav';
import { SiteOfficeHoursForm } from './SiteOfficeHoursForm';
import { SitePromiseTemplatesForm } from './SitePromiseTemplatesForm';
import { useAdminData } from './useAdminData';
import { useAdminForm } from './useAdminForm';

/** Adds a site or renames an existing one (when `site` is given). */
function SiteForm({ site, onDone }: { site?: Site; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { register, resetField, invalid, message, submitWith } = useAdminForm(createSiteSchema, {
    name: site?.name ?? '',
    kind: site?.kind ?? 'welcome_center',
  });
  const prefix = site ? `site-${site.id}` : 'new-site';

  const onSubmit = submitWith(async (values) => {
    if (site) await api.admin.updateSite(site.id, values);
    else await api.admin.createSite(values);
    if (!site) resetField('name');
    toast.show(t('toast.siteSaved'));
    onDone();
    return t('admin.saved');
  });

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="field-grid"
      aria-label={site ? site.name : t('admin.site.addTitle')}
    >
      <InputField
        id={`${prefix}-name`}
        label={t('admin.site.name')}
        error={invalid.has('name') ? t('admin.invalid.name') : undefined}
        {...register('name')}
      />
      <SelectField id={`${prefix}-kind`} label={t('admin.site.kind')} {...register('kind')}>
        {SITE_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`siteKind.${k}`)}
          </option>
        ))}
      </SelectField>
      <div className="form-actions form-actions--inline">
        <button type="submit" className="button">
          {site ? t('admin.save') : t('admin.site.add')}
        </button>
      </div>
      <FormMessage message={message} />
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
      <AdminDataPageHead title={t('admin.sitesAndUnits')} loading={loading} failed={failed} />
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
