import type en from "./en";

const zhCN: typeof en = {
  title: "审批代理",
  newTitle: "请同事代我审批",
  delegate: "代理人",
  choose: "请选择",
  template: "代理范围",
  allTemplates: "全部审批",
  startsAt: "开始时间",
  endsAt: "结束时间",
  save: "设置代理",
  incomplete: "请选择代理人和代理时间。",
  created: "代理期间，你的审批将交给{name}。",
  ended: "代理已结束。",
  end: "提前结束",
  given: "我设置的代理",
  received: "委托我代理的",
  none: "暂无",
  to: "交给 {name}",
  from: "来自 {name}",
  state: { scheduled: "未开始", active: "代理中", ended: "已过期", revoked: "已提前结束" },
};

export default zhCN;
