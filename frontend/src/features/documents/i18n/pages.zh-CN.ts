// 文档页面的中文文案（`documents`），随页面加载。见 pages.ts。
import type documentsEn from "./pages.en";

const documents: typeof documentsEn = {
  title: "文档",
  tabs: {
    spaces: "空间",
    recent: "最近",
    starred: "星标",
    shared: "与我共享",
    mine: "我创建的",
    trash: "回收站",
  },
  spaces: {
    empty: "还没有空间。",
    personal: "我的文档",
    kind: {
      personal: "个人空间",
      department: "部门空间",
      company: "公司空间",
    },
  },
  lists: {
    empty: {
      recent: "打开过的文档会显示在这里。",
      starred: "给文档加星标后可在这里找到。",
      shared: "还没有人与你共享文档。",
      mine: "你还没有创建文档。",
    },
  },
  row: {
    label: "{name} · {time}",
  },
  space: {
    empty: "这个文件夹是空的。",
    newDocument: "新建文档",
    newFolder: "新建文件夹",
    documentTitle: "标题",
    folderName: "文件夹名称",
    rename: "重命名",
    renamePrompt: "新名称",
    trash: "删除",
    trashConfirm: "移到回收站？可以从回收站恢复。",
    trashed: "已移到回收站",
  },
  trash: {
    empty: "回收站是空的。",
    restore: "恢复",
    restored: "已恢复",
    purge: "彻底删除",
    purgeConfirm: "彻底删除？此操作无法撤销。",
    purged: "已彻底删除",
  },
  share: {
    title: "共享",
    button: "共享",
    saved: "已保存",
    addPerson: "添加人员",
    addDepartment: "添加部门",
    everyone: "所有人",
  },
  level: {
    none: "无权限",
    view: "可查看",
    comment: "可评论",
    edit: "可编辑",
    manage: "可管理",
  },
  editor: {
    title: "文档",
    readOnly: "你可以阅读此文档，但不能编辑。",
    storageProblem: "此文档的部分历史无法读取，已从最近一份完好的副本打开。",
    renamePrompt: "新标题",
    linkPrompt: "链接地址（留空则移除链接）",
    imagePrompt: "图片地址",
    status: {
      connecting: "连接中…",
      connected: "已连接",
      disconnected: "离线：你的修改已保留，联网后自动同步。",
      synced: "已保存",
    },
    closed: {
      signedOut: "你已退出登录，请重新登录后继续编辑。",
      revoked: "你对此文档的权限已被移除。",
      notFound: "文档不存在或你无权打开。",
      tooLarge: "文档已达到大小上限，最后的修改未保存。",
      full: "打开此文档的人数过多，请稍后再试。",
      malformed: "连接发送了服务器无法识别的内容，请刷新页面。",
    },
    tools: {
      bold: "加粗",
      italic: "斜体",
      heading: "标题",
      bullet: "列表",
      ordered: "编号",
      task: "待办",
      quote: "引用",
      code: "代码",
      link: "链接",
      image: "图片",
      table: "表格",
    },
  },
};

export default documents;
