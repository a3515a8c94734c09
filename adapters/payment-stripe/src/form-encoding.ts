/**
 * Stripe's request bodies are `application/x-www-form-urlencoded` with bracketed keys for nested
 * objects (`metadata[key]=value`) and arrays (`expand[]=latest_charge`). Only what we send is
 * supported: strings, numbers, booleans, flat objects of strings and arrays of strings.
 */
export type FormValue = string | number | boolean | readonly string[] | Readonly<Record<string, string>> | undefined;

/** Encodes `params` the way Stripe's API reference shows (`-d "metadata[k]=v"`). Undefined values are left out. */
export const encodeForm = (params: Readonly<Record<string, FormValue>>): string => {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) form.append(`${name}[]`, item);
    else if (typeof value === "object") for (const [key, item] of Object.entries(value as Record<string, string>)) form.append(`${name}[${key}]`, item);
    else form.append(name, String(value));
  }
  return form.toString();
};
