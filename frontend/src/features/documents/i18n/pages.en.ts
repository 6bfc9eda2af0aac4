// English texts of the documents pages, added to the app's messages (under `documents`) when a documents
// page loads rather than with the app: the punch screen's JavaScript budget is tight. See pages.ts.
// vue-i18n treats { } @ $ | as syntax: write {'@'} for a literal "@".
const documents = {
  title: "Documents",
  tabs: {
    spaces: "Spaces",
    recent: "Recent",
    starred: "Starred",
    shared: "Shared with me",
    mine: "Mine",
    trash: "Trash",
  },
  spaces: {
    empty: "No spaces yet.",
    personal: "My documents",
    kind: {
      personal: "Personal space",
      department: "Department space",
      company: "Company space",
    },
  },
  lists: {
    empty: {
      recent: "Documents you open show up here.",
      starred: "Star a document to find it here.",
      shared: "Nothing has been shared with you yet.",
      mine: "You have not created any documents yet.",
    },
  },
  row: {
    label: "{name} · {time}",
  },
  space: {
    empty: "This folder is empty.",
    newDocument: "New document",
    newFolder: "New folder",
    documentTitle: "Title",
    folderName: "Folder name",
    rename: "Rename",
    renamePrompt: "New name",
    trash: "Trash",
    trashConfirm: "Move it to the trash? It can be restored from the trash.",
    trashed: "Moved to the trash",
  },
  trash: {
    empty: "The trash is empty.",
    restore: "Restore",
    restored: "Restored",
    purge: "Delete",
    purgeConfirm: "Delete for good? This cannot be undone.",
    purged: "Deleted",
  },
  share: {
    title: "Share",
    button: "Share",
    saved: "Saved",
    addPerson: "Add people",
    addDepartment: "Add a department",
    everyone: "Everyone",
  },
  level: {
    none: "No access",
    view: "Can view",
    comment: "Can comment",
    edit: "Can edit",
    manage: "Can manage",
  },
  editor: {
    title: "Document",
    readOnly: "You can read this document but not edit it.",
    storageProblem: "Part of this document's history could not be read; it was opened from the last good copy.",
    renamePrompt: "New title",
    linkPrompt: "Link address (empty to remove the link)",
    imagePrompt: "Image address",
    status: {
      connecting: "Connecting…",
      connected: "Connected",
      disconnected: "Offline: your edits are kept and sent when you are back online.",
      synced: "Saved",
    },
    closed: {
      signedOut: "You were signed out. Sign in again to keep editing.",
      revoked: "Your access to this document was removed.",
      notFound: "This document does not exist or you may not open it.",
      tooLarge: "The document has reached its size limit; the last change was not saved.",
      full: "Too many people have this document open. Try again later.",
      malformed: "The connection sent something the server could not read. Reload the page.",
    },
    tools: {
      bold: "Bold",
      italic: "Italic",
      heading: "Heading",
      bullet: "List",
      ordered: "Numbered",
      task: "Tasks",
      quote: "Quote",
      code: "Code",
      link: "Link",
      image: "Image",
      table: "Table",
    },
  },
};

export default documents;
