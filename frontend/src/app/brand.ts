// The logo is the public favicon (precached by the service worker), not a bundled copy.
export const LOGO_URL = `${import.meta.env.BASE_URL}favicon.svg`;
