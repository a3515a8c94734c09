/** The procedure requires a JPKI signature (R5, R13) and none was sent. */
export interface SignatureRequired {
  readonly _tag: "SignatureRequired";
  readonly code: "signature.required";
}
