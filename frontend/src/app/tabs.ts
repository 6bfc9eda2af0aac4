// The four main sections: the phone's bottom tab bar and the desktop's side navigation show these.

export type Section = "messages" | "workbench" | "contacts" | "me";

export interface MainTab {
  key: Section;
  to: string;
  icon: string;
  titleKey: string;
}

export const MAIN_TABS: readonly MainTab[] = [
  { key: "messages", to: "/messages", icon: "chat-o", titleKey: "nav.messages" },
  { key: "workbench", to: "/workbench", icon: "apps-o", titleKey: "nav.workbench" },
  { key: "contacts", to: "/contacts", icon: "friends-o", titleKey: "nav.contacts" },
  { key: "me", to: "/me", icon: "user-o", titleKey: "nav.me" },
];
