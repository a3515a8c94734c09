/**
 * @madoguchi/adapter-payment-sandbox — a local card-payment sandbox: a separate HTTP service with
 * hosted fields and test cards (`startSandboxGateway`), the `PaymentGateway` client the madoguchi
 * server uses (`createSandboxPaymentGateway`), and `findLuhnValidPans` to prove no card number ever
 * reaches the madoguchi side.
 */
export { startSandboxGateway, type SandboxGateway } from "./service/start-sandbox-gateway.ts";
export { SandboxGatewayOptions } from "./service/sandbox-gateway.options.ts";
export { API_ERRORS, type ApiErrorCode } from "./service/sandbox-api-error.ts";
export { createSandboxPaymentGateway } from "./client/create-sandbox-payment-gateway.ts";
export { SandboxClientOptions } from "./client/sandbox-client.options.ts";
export { sandboxClientConfig, type SandboxBrowserConfig } from "./client/sandbox-client-config.ts";
export { findLuhnValidPans, isLuhnValid } from "./cards/luhn.ts";
export { detectBrand, CARD_BRANDS, DEFAULT_ACCEPTED_BRANDS, type CardBrand } from "./cards/card-brand.ts";
export { TEST_CARDS, type CardOutcome, type DeclineCode } from "./cards/test-cards.ts";
