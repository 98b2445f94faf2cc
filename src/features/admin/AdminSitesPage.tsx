import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import {
  createSiteSchema,
  createUnitSchema,
  SITE_KINDS,
  type Site,
  type SiteKind,
  type Unit,
} from '../../domain/accounts';
import { CALLBACK_PROMISE_UNITS, callbackPromiseSchema, type CallbackPromiseUnit } from '../../domain/callbackDue';
import { adminApi } from './adminApi';
import { AdminNav } from './AdminNav';
import { SiteOfficeHoursForm } from './SiteOfficeHoursForm';
import { SitePromiseTemplatesForm } from './SitePromiseTemplatesForm';
import { useAdminData } from './useAdminData';
import { useApiErrorText } from './useApiErrorText';
import { invalidFields } from './zodFieldErrors';

type Message = { ok: boolean; text: string } | undefined;

function MessageLine({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p
      className={`form-message ${message.ok ? 'form-message--success' : 'form-message--error'}`}
      role={message.ok ? 'status' : 'alert'}
    >
      {message.text}
    </p>
  );
}

/** Adds a site or renames an existing one (when `site` is given). */
function SiteForm({ site, onDone }: { site?: Site; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
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
      if (site) await adminApi.updateSite(site.id, parsed.data);
      else await adminApi.createSite(parsed.data);
      if (!site) setName('');
      setMessage({ ok: true, text: t('admin.saved') });
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
      <div className="form-actions">
        <button type="submit" className="button">
          {site ? t('admin.save') : t('admin.site.add')}
        </button>
      </div>
      <MessageLine message={message} />
    </form>
  );
}

/** Adds a unit or changes one (when `unit` is given): name, site, its call-back promise and how it is counted. */
function UnitForm({ unit, sites, onDone }: { unit?: Unit; sites: Site[]; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const [name, setName] = useState(unit?.name ?? '');
  const [siteId, setSiteId] = useState(unit?.siteId ?? sites[0]?.id ?? '');
  const [hours, setHours] = useState(unit ? String(unit.callbackHours) : '48');
  const [basis, setBasis] = useState<CallbackPromiseUnit>(unit?.callbackBasis ?? 'working_hours');
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<Message>();
  const prefix = unit ? `unit-${unit.id}` : 'new-unit';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = hours.trim() === '' ? Number.NaN : Number(hours);
    const parsed = createUnitSchema.safeParse({ name, siteId, callbackHours: amount, callbackBasis: basis });
    // Whole working days only, and not more than make sense: the same rule the server applies.
    const promise = callbackPromiseSchema.safeParse({ amount, unit: basis });
    if (!parsed.success || !promise.success) {
      const fields = parsed.success ? new Set<string>() : invalidFields(parsed.error);
      if (!promise.success) fields.add('callbackHours');
      setInvalid(fields);
      return;
    }
    setInvalid(new Set());
    try {
      if (unit) await adminApi.updateUnit(unit.id, parsed.data);
      else await adminApi.createUnit(parsed.data);
      if (!unit) setName('');
      setMessage({ ok: true, text: t('admin.saved') });
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
      aria-label={unit ? unit.name : t('admin.unit.addTitle')}
    >
      <Field
        id={`${prefix}-name`}
        label={t('admin.unit.name')}
        error={invalid.has('name') ? t('admin.invalid.name') : undefined}
      >
        {(a11y) => <input {...a11y} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field
        id={`${prefix}-site`}
        label={t('admin.unit.site')}
        error={invalid.has('siteId') ? t('admin.invalid.site') : undefined}
      >
        {(a11y) => (
          <select {...a11y} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${prefix}-hours`}
        label={t('admin.unit.callbackAmount')}
        hint={t('admin.unit.callbackHint')}
        error={invalid.has('callbackHours') ? t('admin.invalid.callbackPromise') : undefined}
      >
        {(a11y) => (
          <input
            {...a11y}
            type="number"
            inputMode="decimal"
            min={0}
            max={720}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${prefix}-basis`} label={t('admin.unit.callbackBasis')}>
        {(a11y) => (
          <select {...a11y} value={basis} onChange={(e) => setBasis(e.target.value as CallbackPromiseUnit)}>
            {CALLBACK_PROMISE_UNITS.map((option) => (
              <option key={option} value={option}>
                {t(`admin.unit.basis.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button">
          {unit ? t('admin.save') : t('admin.unit.add')}
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
        {units.map((unit) => (
          <UnitForm key={`${unit.id}-${unit.updatedAt}`} unit={unit} sites={sites} onDone={refresh} />
        ))}
        {sites.length > 0 ? (
          <>
            <h3>{t('admin.unit.addTitle')}</h3>
            <UnitForm key={sites.length} sites={sites} onDone={refresh} />
          </>
        ) : (
          <p>{t('admin.unit.needSite')}</p>
        )}
      </section>
    </>
  );
}
