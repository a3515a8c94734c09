/**
 * The EICAR anti-virus test file (eicar.org): harmless, and detected by every scanner as if it were malware, so that
 * a deployment can prove its scanning works (`madoguchi malware-scan check`, the malware-scanner contract). Built from
 * parts so that no source file holding it is itself flagged.
 */
export const EICAR_TEST_FILE: Uint8Array = new TextEncoder().encode(["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join(""));
