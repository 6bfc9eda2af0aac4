// 应用外壳需要的文档文案（工作台入口）；页面自己的文案随页面加载（见 pages.ts）。
import type documentsEn from "./en";

const documents: typeof documentsEn = {
  title: "文档",
};

export default documents;
