// 紧急: how an urgent case is marked on every page and list, one look everywhere (a red light tag).
Component({
  options: { virtualHost: true },
  properties: {},
});
