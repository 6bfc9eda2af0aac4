// What our routes may say about themselves in `meta`.
import "vue-router";

import type { Section } from "./tabs";

declare module "vue-router" {
  interface RouteMeta {
    /** Reachable without a session (the login page). */
    public?: boolean;
    /** One of the four main tabs: shows the tab bar on phones. */
    tab?: boolean;
    /** The main section the page belongs to: its tab or side-nav item is highlighted. */
    section?: Section;
    /** i18n key of the page title (document.title). */
    titleKey?: string;
    /** A permission code from `me.permissions` that the page needs. */
    permission?: string;
  }
}
