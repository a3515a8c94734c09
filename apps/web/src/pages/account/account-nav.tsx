import { Link } from "../../components/link.tsx";
import { navigate } from "../../router.ts";
import { useAccount } from "./use-account.ts";

/** The logged-in resident's menu: applications, settings, log out. */
export function AccountNav() {
  const { m, api } = useAccount();
  return (
    <nav aria-label={m.nav.label}>
      <ul>
        <li>
          <Link href="/account" data-testid="account-nav-applications">
            {m.nav.applications}
          </Link>
        </li>
        <li>
          <Link href="/account/settings" data-testid="account-nav-settings">
            {m.nav.settings}
          </Link>
        </li>
        <li>
          <button type="button" className="button button--secondary" data-testid="account-logout" onClick={() => void api.logout().then(() => navigate("/account/login"))}>
            {m.nav.logout}
          </button>
        </li>
      </ul>
    </nav>
  );
}
