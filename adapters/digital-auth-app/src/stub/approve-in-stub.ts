/**
 * Does what the resident does in the stub's page: opens the authorization URL, presses approve (or
 * cancel), and answers the callback URL the provider redirects to. For tests and the CLI; it talks to
 * whatever URL it is given, so callers pass only the loopback stub's URLs.
 */
export const approveInStub = async (authorizationUrl: string, decision: "approve" | "cancel" = "approve"): Promise<string> => {
  const page = await fetch(authorizationUrl, { redirect: "manual" });
  if (page.status !== 200) {
    const location = page.headers.get("location");
    if (location !== null) return location;
    throw new Error(`the stub's authorization page answered ${page.status}`);
  }
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (action === undefined || request === undefined) throw new Error("the stub's authorization page has no form");
  const decided = await fetch(action.replaceAll("&amp;", "&"), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ request, decision }).toString(),
  });
  const location = decided.headers.get("location");
  if (decided.status !== 302 || location === null) throw new Error(`the stub's decision answered ${decided.status}`);
  return location;
};
