import type { Stripe, StripeConstructor } from "@stripe/stripe-js";

/**
 * Stripe.js, loaded from the deployment's configured URL (https://js.stripe.com/v3/ — Stripe requires
 * it to come from there, never bundled or self-hosted — or a loopback imitation in tests). Only the
 * payment pages load it, once per URL; a failed load is tried again at the next mount. Only its types
 * come from `@stripe/stripe-js`: that package's loader cannot be pointed anywhere but js.stripe.com.
 */
const loads = new Map<string, Promise<StripeConstructor>>();

export function loadStripeJs(url: string): Promise<StripeConstructor> {
  const known = loads.get(url);
  if (known !== undefined) return known;
  const loading = new Promise<StripeConstructor>((resolve, reject) => {
    if (window.Stripe !== undefined) {
      resolve(window.Stripe);
      return;
    }
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.addEventListener("load", () => (window.Stripe === undefined ? reject(new Error("Stripe.js did not define Stripe")) : resolve(window.Stripe)));
    script.addEventListener("error", () => {
      script.remove();
      reject(new Error("Stripe.js could not be loaded"));
    });
    document.head.appendChild(script);
  });
  loads.set(url, loading);
  loading.catch(() => loads.delete(url));
  return loading;
}

/** Stripe asks for one Stripe object per publishable key, shared by the page. */
const instances = new Map<string, Stripe>();

export function stripeFor(factory: StripeConstructor, publishableKey: string): Stripe {
  const known = instances.get(publishableKey);
  if (known !== undefined) return known;
  const stripe = factory(publishableKey);
  instances.set(publishableKey, stripe);
  return stripe;
}
