import type { ProcedureCatalog } from "@madoguchi/core";

/** The product's name in mail subjects and password checks, after the municipality's (N7: the service name per city). */
export const PRODUCT_NAME = "madoguchi";

/** The service's name as residents and staff see it in mail: the municipality's name, then the product's. */
export const serviceNameOf = (catalog: ProcedureCatalog): string => `${catalog.municipality.name.ja} ${PRODUCT_NAME}`;
