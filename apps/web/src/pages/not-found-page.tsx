import { Link } from "../components/link.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { usePageTitle } from "../hooks/use-document-title.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/** Any unknown path (the server's SPA fallback sends every path to the app). */
export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t.notFound.title);
  return (
    <>
      <PageTitle>{t.notFound.title}</PageTitle>
      <p>{t.notFound.body}</p>
      <p>
        <Link href="/">{t.notFound.back}</Link>
      </p>
    </>
  );
}
