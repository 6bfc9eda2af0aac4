// The documents pages in one chunk, loaded by one call (the app shell lists a lazy chunk's files once
// per call site, and the punch screen's budget is tight). The editor itself loads separately.
export { default as DocumentsHomePage } from "./DocumentsHomePage.vue";
export { default as EditorPage } from "./EditorPage.vue";
export { default as SpacePage } from "./SpacePage.vue";
