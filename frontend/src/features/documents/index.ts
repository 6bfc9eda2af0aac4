// Documents (文档): libraries of spaces and folders, sharing, and the co-editing page. The editor
// (Tiptap, Yjs) is loaded only on its own route, never with the app shell.
import { registerRoutes } from "@/app/routes";
import { registerWorkbenchEntry } from "@/app/workbench";

const pages = () => import("./pages");

registerRoutes(
  {
    path: "/documents",
    name: "documents",
    component: () => pages().then((module) => module.DocumentsHomePage),
    meta: { section: "workbench", titleKey: "documents.title" },
  },
  {
    path: "/documents/spaces/:spaceId",
    name: "documents-space",
    component: () => pages().then((module) => module.SpacePage),
    meta: { section: "workbench", titleKey: "documents.title" },
  },
  {
    path: "/documents/:documentId",
    name: "documents-editor",
    component: () => pages().then((module) => module.EditorPage),
    meta: { section: "workbench", titleKey: "documents.editor.title" },
  },
);

registerWorkbenchEntry({
  key: "documents",
  titleKey: "documents.title",
  icon: "notes-o",
  to: "/documents",
  category: "general",
});
