// English texts of documents that the app shell needs (the workbench entry); the pages' own texts
// load with the pages (pages.ts).
const documents = {
  title: "Documents",
};

export default documents;
