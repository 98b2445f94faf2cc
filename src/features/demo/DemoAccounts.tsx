import { useTranslation } from 'react-i18next';
import { demoStore } from './demoMode';

/** The demo's accounts on the sign-in screen (only a demo server lists any): one tap fills the form. */
export function DemoAccounts({ onPick }: { onPick: (username: string, password: string) => void }) {
  const { t } = useTranslation();
  const accounts = demoStore((state) => state.accounts);
  if (accounts.length === 0) return null;
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">{t('demo.accounts.title')}</h2>
      <p>{t('demo.accounts.intro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('demo.accounts.role')}</th>
            <th scope="col">{t('demo.accounts.username')}</th>
            <th scope="col">{t('demo.accounts.password')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('demo.accounts.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => {
            const role = t(`role.${account.role}`, { defaultValue: account.role });
            return (
              <tr key={account.username}>
                <td>
                  {role}
                  <br />
                  <small>{account.displayName}</small>
                </td>
                <td>
                  <code>{account.username}</code>
                </td>
                <td>
                  <code>{account.password}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => onPick(account.username, account.password)}
                  >
                    {t('demo.accounts.use', { role })}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
