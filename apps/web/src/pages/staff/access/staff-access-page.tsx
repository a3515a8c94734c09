import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type { ApiResult } from "../../../api-result.ts";
import { Alert } from "../../../components/alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { RadioGroup } from "../../../components/radio-group.tsx";
import { SelectField } from "../../../components/select-field.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { createAccessApi, type GroupScope, type HolderInput } from "./staff-access-api.ts";
import { accessMessages } from "./staff-access-messages.ts";
import { accessRows, scopeSummary, staffLabel } from "./staff-access-view.ts";

type ScopeKind = GroupScope["kind"];

/**
 * `/staff/access` — groups and roles for administrators (`staff.manage`): create or replace a group
 * with its scope (all, procedures, or 区役所・支所), add and remove members by login ID, give and take
 * back roles to staff members or groups. The server records every change in the audit log.
 */
export function StaffAccessPage() {
  const { locale } = useI18n();
  const m = accessMessages[locale];
  const api = useMemo(() => createAccessApi(locale), [locale]);
  const { csrfToken, signedOut } = useSignedInStaff();
  usePageTitle(m.title);
  const config = useLoad((signal) => api.load(signal), "access");
  const expired = config.state.kind === "error" && config.state.error.status === 401;
  useEffect(() => {
    if (expired) signedOut("expired");
  }, [expired, signedOut]);

  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  /** Runs one change, shows its outcome and reloads the configuration. */
  const run = async (change: () => Promise<ApiResult<{ changed?: boolean } | object>>): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setNotice(null);
    setError(null);
    const result = await change();
    busy.current = false;
    if (!result.ok) {
      if (result.error.status === 401) signedOut("expired");
      setError(result.error.message ?? m.forbidden);
      return false;
    }
    setNotice("changed" in result.data && result.data.changed === false ? m.unchanged : m.saved);
    config.reload();
    return true;
  };

  const [groupId, setGroupId] = useState("");
  const [groupName, setGroupName] = useState("");
  const [scopeKind, setScopeKind] = useState<ScopeKind>("all");
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [memberGroup, setMemberGroup] = useState("");
  const [memberLogin, setMemberLogin] = useState("");
  const [roleId, setRoleId] = useState("viewer");
  const [holderKind, setHolderKind] = useState<"staff" | "group">("staff");
  const [holderLogin, setHolderLogin] = useState("");
  const [holderGroup, setHolderGroup] = useState("");

  if (config.state.kind === "loading") return <Loading />;
  if (config.state.kind === "error") {
    return (
      <>
        <StaffNav current="access" />
        <PageTitle>{m.title}</PageTitle>
        <Alert kind="error">
          <p>{config.state.error.status === 403 ? m.forbidden : (config.state.error.message ?? m.forbidden)}</p>
        </Alert>
      </>
    );
  }
  const data = config.state.data;
  const rows = accessRows(data, locale);
  const scopeChoices = scopeKind === "procedures" ? data.procedures : scopeKind === "offices" ? data.offices : [];
  const scope = (): GroupScope =>
    scopeKind === "all" ? { kind: "all" } : scopeKind === "procedures" ? { kind: "procedures", procedureIds: chosen } : { kind: "offices", officeIds: chosen };
  const groupOptions = data.groups.map((g) => ({ value: g.id, label: `${g.name}（${g.id}）` }));
  const holder = (): HolderInput => (holderKind === "staff" ? { kind: "staff", loginId: holderLogin.trim() } : { kind: "group", groupId: holderGroup });

  const saveGroup = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.saveGroup(groupId.trim(), { name: groupName.trim(), scope: scope() }, csrfToken))) {
      setGroupId("");
      setGroupName("");
      setChosen([]);
    }
  };
  const addMember = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.addMember(memberGroup, memberLogin.trim(), csrfToken))) setMemberLogin("");
  };
  const giveRole = (revoke: boolean) => async (e: FormEvent) => {
    e.preventDefault();
    await run(() => (revoke ? api.revokeRole(roleId, holder(), csrfToken) : api.assignRole(roleId, holder(), csrfToken)));
  };

  return (
    <>
      <StaffNav current="access" />
      <PageTitle>{m.title}</PageTitle>
      <p>{m.intro}</p>
      <div aria-live="polite">
        {notice !== null && (
          <Alert kind="success">
            <p data-testid="access-notice">{notice}</p>
          </Alert>
        )}
        {error !== null && (
          <Alert kind="error">
            <p data-testid="access-error">{error}</p>
          </Alert>
        )}
      </div>

      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">{m.groupsHeading}</h2>
        {rows.groups.length === 0 ? (
          <p>{m.noGroups}</p>
        ) : (
          <table className="table" data-testid="access-groups">
            <thead>
              <tr>
                <th scope="col">{m.groupName}</th>
                <th scope="col">{m.scope}</th>
                <th scope="col">{m.members}</th>
                <th scope="col">{m.groupRoles}</th>
                <th scope="col">{m.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.groups.map(({ group, members, roles }) => (
                <tr key={group.id} data-testid={`access-group-${group.id}`}>
                  <th scope="row">
                    {group.name}
                    <br />
                    <code>{group.id}</code>
                  </th>
                  <td>{scopeSummary(group.scope, data, locale, m.scopeAll)}</td>
                  <td>
                    {members.length === 0 ? (
                      m.noMembers
                    ) : (
                      <ul className="plain-list">
                        {members.map((staffId) => (
                          <li key={staffId}>
                            {staffLabel(data, staffId)}{" "}
                            <button type="button" className="button button--ghost button--small" onClick={() => void run(() => api.removeMember(group.id, staffId, csrfToken))}>
                              {m.remove}
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{roles.map((r) => r.name).join("、")}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        if (window.confirm(m.confirmDelete(group.name))) void run(() => api.deleteGroup(group.id, csrfToken));
                      }}
                    >
                      {m.deleteGroup}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <form onSubmit={(e) => void saveGroup(e)} aria-labelledby="group-form-heading" data-testid="access-group-form">
          <h3 id="group-form-heading">{m.saveGroup}</h3>
          <TextField id="access-group-id" label={m.groupId} help={m.groupIdHelp} value={groupId} onChange={setGroupId} size="medium" spellCheck={false} />
          <TextField id="access-group-name" label={m.groupName} help={m.groupNameHelp} value={groupName} onChange={setGroupName} size="long" />
          <RadioGroup
            name="access-scope"
            legend={m.scope}
            value={scopeKind}
            onChange={(v) => {
              setScopeKind(v as ScopeKind);
              setChosen([]);
            }}
            options={[
              { value: "all", label: m.scopeAll },
              { value: "procedures", label: m.scopeProcedures },
              { value: "offices", label: m.scopeOffices },
            ]}
          />
          {scopeKind !== "all" && (
            <fieldset className="field checkboxes">
              <legend className="field__label">{scopeKind === "procedures" ? m.scopeProcedures : m.scopeOffices}</legend>
              {scopeChoices.length === 0 && <p>{m.noOffices}</p>}
              {scopeChoices.map((c) => (
                <label key={c.id} className="checkbox">
                  <input
                    type="checkbox"
                    name="access-scope-ids"
                    value={c.id}
                    checked={chosen.includes(c.id)}
                    onChange={(e) => setChosen((xs) => (e.target.checked ? [...xs, c.id] : xs.filter((x) => x !== c.id)))}
                  />{" "}
                  {c.name[locale]}
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" className="button" data-testid="access-save-group">
            {m.saveGroup}
          </button>
        </form>

        {data.groups.length > 0 && (
          <form onSubmit={(e) => void addMember(e)} aria-labelledby="member-form-heading" data-testid="access-member-form">
            <h3 id="member-form-heading">{m.addMember}</h3>
            <SelectField id="access-member-group" label={m.holderGroup} value={memberGroup} onChange={setMemberGroup} options={groupOptions} placeholder="—" />
            <TextField id="access-member-login" label={m.loginId} value={memberLogin} onChange={setMemberLogin} size="medium" spellCheck={false} />
            <button type="submit" className="button">
              {m.addMember}
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{m.rolesHeading}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{m.role}</th>
              <th scope="col">{m.permissions}</th>
            </tr>
          </thead>
          <tbody>
            {data.roles.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name[locale]}</th>
                <td>
                  <code>{r.permissions.join(", ")}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form onSubmit={(e) => void giveRole(false)(e)} aria-labelledby="role-form-heading" data-testid="access-role-form">
          <h3 id="role-form-heading">{m.rolesHeading}</h3>
          <SelectField id="access-role" label={m.role} value={roleId} onChange={setRoleId} options={data.roles.map((r) => ({ value: r.id, label: r.name[locale] }))} placeholder={null} />
          <RadioGroup
            name="access-holder-kind"
            legend={m.holder}
            value={holderKind}
            onChange={(v) => setHolderKind(v === "group" ? "group" : "staff")}
            options={[
              { value: "staff", label: m.holderStaff },
              { value: "group", label: m.holderGroup },
            ]}
          />
          {holderKind === "staff" ? (
            <TextField id="access-holder-login" label={m.loginId} value={holderLogin} onChange={setHolderLogin} size="medium" spellCheck={false} />
          ) : (
            <SelectField id="access-holder-group" label={m.holderGroup} value={holderGroup} onChange={setHolderGroup} options={groupOptions} placeholder="—" />
          )}
          <div className="button-row">
            <button type="submit" className="button" data-testid="access-assign">
              {m.assign}
            </button>
            <button type="button" className="button button--secondary" onClick={(e) => void giveRole(true)(e)}>
              {m.revoke}
            </button>
          </div>
        </form>

        <h3>{m.directRoles}</h3>
        {rows.direct.length === 0 ? (
          <p>{m.noDirectRoles}</p>
        ) : (
          <table className="table" data-testid="access-direct-roles">
            <thead>
              <tr>
                <th scope="col">{m.staffIdColumn}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.direct.map((d) => (
                <tr key={`${d.staffId}-${d.roleId}`}>
                  <td>
                    {staffLabel(data, d.staffId)}
                  </td>
                  <td>{d.roleName}</td>
                  <td>
                    <button type="button" className="button button--ghost button--small" onClick={() => void run(() => api.revokeRole(d.roleId, { kind: "staff", staffId: d.staffId }, csrfToken))}>
                      {m.revoke}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
