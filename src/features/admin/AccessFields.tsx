import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../domain/access';
import type { Site, Unit } from '../../domain/accounts';
import { SelectField } from '../../ui/InputField';

interface AccessValue {
  roles: Role[];
  siteIds: string[];
  unitId: string;
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

/** Roles, sites and unit of a user: checkboxes and a select, each with its error. */
export function AccessFields({
  idPrefix,
  value,
  onChange,
  sites,
  units,
  invalid,
}: {
  idPrefix: string;
  value: AccessValue;
  onChange: (next: AccessValue) => void;
  sites: Site[];
  units: Unit[];
  invalid: Set<string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset
        className="form-section"
        aria-describedby={invalid.has('roles') ? `${idPrefix}-roles-error` : undefined}
      >
        <legend>{t('admin.user.roles')}</legend>
        <div className="checkbox-grid">
          {ROLES.map((role) => (
            <label key={role} className="checkbox">
              <input
                type="checkbox"
                checked={value.roles.includes(role)}
                onChange={(event) =>
                  onChange({ ...value, roles: toggle(value.roles, role, event.target.checked) })
                }
              />
              {t(`role.${role}`)}
            </label>
          ))}
        </div>
        {invalid.has('roles') ? (
          <p className="field__error" id={`${idPrefix}-roles-error`}>
            {t('admin.invalid.roles')}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('admin.user.sites')}</legend>
        {sites.length === 0 ? <p>{t('admin.site.none')}</p> : null}
        <div className="checkbox-grid">
          {sites.map((site) => (
            <label key={site.id} className="checkbox">
              <input
                type="checkbox"
                checked={value.siteIds.includes(site.id)}
                onChange={(event) =>
                  onChange({ ...value, siteIds: toggle(value.siteIds, site.id, event.target.checked) })
                }
              />
              {site.name}
            </label>
          ))}
        </div>
      </fieldset>
      <SelectField
        id={`${idPrefix}-unit`}
        label={t('admin.user.unit')}
        value={value.unitId}
        onChange={(event) => onChange({ ...value, unitId: event.target.value })}
      >
        <option value="">{t('admin.user.noUnit')}</option>
        {units.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unit.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}
