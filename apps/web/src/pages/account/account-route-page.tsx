import type { AccountPage } from "../../router.ts";
import { AccountSettingsPage } from "./account-settings-page.tsx";
import { EmailLinkPage } from "./email-link-page.tsx";
import { JpkiCallbackPage } from "./jpki-callback-page.tsx";
import { LoginPage } from "./login-page.tsx";
import { MyApplicationsPage } from "./my-applications-page.tsx";
import { RegisterPage } from "./register-page.tsx";
import { ResetPasswordPage } from "./reset-password-page.tsx";

/** The page of an `/account…` path. */
export function AccountRoutePage({ page }: { readonly page: AccountPage }) {
  switch (page) {
    case "applications":
      return <MyApplicationsPage />;
    case "register":
      return <RegisterPage />;
    case "verify":
      return <EmailLinkPage kind="verify" />;
    case "confirmEmail":
      return <EmailLinkPage kind="confirmEmail" />;
    case "unlock":
      return <EmailLinkPage kind="unlock" />;
    case "login":
      return <LoginPage />;
    case "reset":
      return <ResetPasswordPage />;
    case "settings":
      return <AccountSettingsPage />;
    case "jpkiCallback":
      return <JpkiCallbackPage />;
  }
}
