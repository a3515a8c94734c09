// The page Stripe's EMV 3-D Secure frame is sent to once the issuer is done (the PaymentIntent's return_url;
// Stripe's "3D Secure in an iframe"; docs/adr/0028-real-payment-gateway.md). Our payment page framed it:
// tell that page, on our own origin only, to send the same submission again — the server then reads the
// outcome from Stripe. Nothing of the address (Stripe adds the PaymentIntent's id and client secret) is
// read or sent anywhere.
if (window.parent !== window) {
  window.parent.postMessage({ type: "madoguchi-stripe:3ds-complete" }, window.location.origin);
}
