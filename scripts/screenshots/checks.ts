// The checks a person would make by eye, made on the real rendering in Chromium. `pageChecks` runs inside the
// page (page.evaluate serialises it, so it uses nothing from outside its own body); the thresholds and where
// they come from:
//
// - cut       Text cut off (clipped by a box that hides overflow, an ellipsis, a line clamp) or spilling out of its
//             box or off the screen, and a label wrapping onto a second line (a button's, or any text of six
//             characters or fewer: a step's name, a cell's note), or a heading broken with one character left on
//             its last line.
//             WeChat's 小程序适老化设计指南 and WeChat Pay's 适老化字体规范 (信息溢出、重叠、遮挡; 内容过多时换行,
//             避免信息被截断) — text must wrap, not be cut, when it grows.
// - bars      Content under WeChat's navigation bar, the tab bar or the home indicator: at the top of the page, and
//             scrolled to the end (the last button must clear the home indicator: env(safe-area-inset-bottom)).
//             WeChat Pay's 适老化字体规范 4.3 (页面滚动, 保证信息不被按钮或其他元素遮挡).
// - target    Tap targets at least 44×44 px, 60×60 px in large-text mode.
//             MIIT 《移动互联网应用（APP）适老化通用设计规范》(2021) 2.1 组件焦点大小: 适老版界面 60×60 dp/pt,
//             其他页面 44×44 dp/pt. Links inside a sentence are exempt (WCAG 2.2 SC 2.5.8, the inline exception):
//             a line of text cannot be 44 px high.
// - size      In large-text mode, text under 18 px.
//             MIIT 适老化通用设计规范 1.1: 适老版界面的主要文字信息不小于 18 dp/pt. (WeChat's 关怀模式 is 23.8 px on a
//             375 px screen: 小程序适老化设计指南 2.1.) Every text on the page counts as main text here.
// - contrast  Text against what is behind it at least 4.5:1, 3:1 above 18 px.
//             MIIT 适老化通用设计规范 1.3 对比度 (字号大于 18 dp/pt 时 3:1). Disabled controls are exempt (WCAG 1.4.3).
// - drawn     What the page's data says is shown is drawn: content given to a slot is on the page, template
//             bindings are resolved, icons exist, elements the screen expects are visible with a size, and a chosen
//             option looks different from one not chosen.

export type CheckId = 'cut' | 'bars' | 'target' | 'size' | 'contrast' | 'drawn';

export const CHECKS: Array<{ id: CheckId; title: string; source: string }> = [
  { id: 'cut', title: '文字截断/溢出', source: '微信小程序适老化设计指南；微信支付适老化字体规范 4.2' },
  { id: 'bars', title: '被导航栏/标签栏/横条遮挡', source: '微信支付适老化字体规范 4.3' },
  { id: 'target', title: '点击区域 ≥44（大字 ≥60）', source: '工信部 APP 适老化通用设计规范 2.1' },
  { id: 'size', title: '大字模式字号 ≥18px', source: '工信部 APP 适老化通用设计规范 1.1' },
  { id: 'contrast', title: '对比度 ≥4.5:1（>18px 3:1）', source: '工信部 APP 适老化通用设计规范 1.3' },
  { id: 'drawn', title: '数据要显示的都画出来了', source: 'issue #15' },
];

export const THRESHOLDS = {
  target: 44,
  targetLarge: 60,
  largeTextMin: 18,
  contrast: 4.5,
  contrastLarge: 3,
  /** Text above this many px counts as large for contrast. */
  largeFontPx: 18,
  /** A text this short is a label: it should not break over lines. */
  shortLabel: 6,
} as const;

export interface Finding {
  check: CheckId;
  where: string;
  detail: string;
}

export interface CheckInput {
  phase: 'top' | 'end';
  largeText: boolean;
  tabPage: boolean;
  bars: { navBottom: number; tabTop: number | null; homeTop: number; window: { top: number; height: number } };
  screen: { width: number; height: number };
  thresholds: typeof THRESHOLDS;
  shows: string[];
  distinct: Array<[string, string, string]>;
}

/** Runs in the page. Answers what fails. */
export function pageChecks(input: CheckInput): Finding[] {
  const out: Finding[] = [];
  const root = document.getElementById('mp-scroll')!;
  const T = input.thresholds;
  const seen = new Set<string>();
  const add = (check: CheckId, where: string, detail: string) => {
    const key = `${check}|${where}|${detail}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ check, where, detail });
  };

  type Rect = { left: number; top: number; right: number; bottom: number };
  const area = (r: Rect) => Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top);
  const intersect = (a: Rect, b: Rect): Rect => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const style = (el: Element) => getComputedStyle(el);

  const hidden = (el: Element): boolean => {
    for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
      const s = style(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return true;
    }
    return false;
  };
  const clips = (s: CSSStyleDeclaration) => ({ x: s.overflowX !== 'visible', y: s.overflowY !== 'visible' });
  const scrolls = (s: CSSStyleDeclaration) => ({ x: s.overflowX === 'auto' || s.overflowX === 'scroll', y: s.overflowY === 'auto' || s.overflowY === 'scroll' });

  /** The part of `r` not clipped away by the ancestors of `el`: up to the web view, or only inside the page. */
  const visibleRect = (el: Element, r: Rect, insidePage = false): Rect => {
    let v = r;
    for (let e: Element | null = el.parentElement; e; e = e.parentElement) {
      if (insidePage && e === root) break;
      const s = style(e);
      const c = clips(s);
      if (c.x || c.y) {
        const b = e.getBoundingClientRect();
        v = intersect(v, { left: c.x ? b.left : -1e9, right: c.x ? b.right : 1e9, top: c.y ? b.top : -1e9, bottom: c.y ? b.bottom : 1e9 });
      }
      if (e.id === 'mp-window') break;
    }
    return v;
  };

  const label = (el: Element): string => {
    let id = '';
    for (let e: Element | null = el; e && e !== root && !id; e = e.parentElement) id = e.getAttribute('data-mp-id') ?? '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 18);
    const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/)[0]?.replace(/^[a-z-]+--/, '') ?? '';
    return [id ? `#${id}` : cls ? `.${cls}` : el.tagName.toLowerCase(), text ? `“${text}”` : ''].filter(Boolean).join(' ');
  };

  const disabled = (el: Element): boolean => {
    for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
      if (e.hasAttribute('data-mp-disabled') || e.hasAttribute('disabled')) return true;
      if (/--disabled\b/.test(e.getAttribute('class') ?? '')) return true;
    }
    return false;
  };

  // ---- text ----
  interface TextItem { node: Text; el: Element; rects: Rect[] }
  const texts: TextItem[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (!(t.textContent ?? '').trim()) continue;
    const el = t.parentElement!;
    if (hidden(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    if (rects.length) texts.push({ node: t, el, rects });
  }
  // Form fields show text too (their value), drawn by the browser inside the field.
  const fields = Array.from(root.querySelectorAll('input, textarea')).filter((f) => !hidden(f));

  if (input.phase === 'top') {
    for (const t of texts) {
      const where = label(t.el);
      for (const r of t.rects) {
        // Clipped by a box that hides its overflow (overflow: hidden, ellipsis, line clamp)?
        for (let e: Element | null = t.el; e && e !== root; e = e.parentElement) {
          const s = style(e);
          const c = clips(s);
          const sc = scrolls(s);
          if (!c.x && !c.y) continue;
          const b = e.getBoundingClientRect();
          const outX = c.x && !sc.x && (r.left < b.left - 1 || r.right > b.right + 1);
          const outY = c.y && !sc.y && (r.top < b.top - 1 || r.bottom > b.bottom + 1);
          if (outX || outY) {
            add('cut', where, `文字被截断（${Math.round(r.right - r.left)}×${Math.round(r.bottom - r.top)} 的文字超出 ${Math.round(b.width)}×${Math.round(b.height)} 的框）`);
            break;
          }
        }
        if (r.left < -1 || r.right > input.screen.width + 1) add('cut', where, `文字超出屏幕宽度（${Math.round(r.left)}–${Math.round(r.right)}px）`);
      }
      // Spilling out of the nearest box that is drawn (a background or a border).
      for (let e: Element | null = t.el; e && e !== root; e = e.parentElement) {
        const s = style(e);
        const boxed = s.backgroundColor !== 'rgba(0, 0, 0, 0)' || parseFloat(s.borderTopWidth) > 0 || parseFloat(s.borderLeftWidth) > 0;
        if (!boxed) continue;
        const b = e.getBoundingClientRect();
        if (t.rects.some((r) => r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)) {
          add('cut', where, `文字超出所在的框（${label(e)}）`);
        }
        break;
      }
      // A label on two lines: a button's, or any short one (a step's name, a cell's note) broken mid-word.
      const lines = new Set(t.rects.map((r) => Math.round(r.top))).size;
      if (lines > 1) {
        const button = t.el.closest('wx-button');
        // The label is the whole text of the block it is in (a text node may be the end of a longer line).
        let block: Element = t.el;
        while (block !== root && block.parentElement && style(block).display.startsWith('inline')) block = block.parentElement;
        const chars = [...(block.textContent ?? '').replace(/\s+/g, '')].length;
        if (button && root.contains(button)) add('cut', where, '按钮文字折成两行');
        else if (chars <= T.shortLabel) add('cut', where, `${chars} 个字的标签折成了 ${lines} 行`);
      }
    }
    // A heading (bold) whose last line holds a single character: a word broken for one character.
    const headings = new Set(texts.map((t) => t.el).filter((el) => Number(style(el).fontWeight) >= 600));
    for (const h of headings) {
      let block: Element = h;
      while (block !== root && block.parentElement && style(block).display.startsWith('inline')) block = block.parentElement;
      const chars: Array<{ ch: string; top: number }> = [];
      const w = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const text = n.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (!text[i].trim()) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          const rect = r.getBoundingClientRect();
          if (rect.width) chars.push({ ch: text[i], top: Math.round(rect.top) });
        }
      }
      if (chars.length < 2 || chars.length > 40) continue;
      const lastTop = Math.max(...chars.map((c) => c.top));
      const onLast = chars.filter((c) => c.top === lastTop);
      if (onLast.length === 1 && chars.some((c) => c.top !== lastTop)) add('cut', label(block), `标题折行后最后一行只剩“${onLast[0].ch}”一个字`);
    }
    for (const f of fields) {
      const el = f as HTMLInputElement | HTMLTextAreaElement;
      if (el.tagName === 'TEXTAREA' ? el.scrollHeight > el.clientHeight + 2 : el.scrollWidth > el.clientWidth + 2) {
        add('cut', label(el), '输入框里的文字显示不全');
      }
    }
  }

  // ---- bars ----
  const painted: Array<{ el: Element; r: Rect }> = [];
  for (const t of texts) for (const r of t.rects) painted.push({ el: t.el, r: visibleRect(t.el, r) });
  for (const el of Array.from(root.querySelectorAll('[data-mp-tap], input, textarea, wx-image'))) {
    if (hidden(el)) continue;
    const b = el.getBoundingClientRect();
    if (b.width && b.height) painted.push({ el, r: visibleRect(el, b) });
  }
  for (const { el, r } of painted) {
    if (area(r) <= 0) continue;
    if (input.phase === 'top' && r.top < input.bars.navBottom - 0.5) add('bars', label(el), `在导航栏下面（上边 ${Math.round(r.top)}px < ${input.bars.navBottom}px）`);
    if (input.phase === 'top') continue; // below the fold is not under a bar: it scrolls into view
    const { tabTop, homeTop } = input.bars;
    if (tabTop !== null && r.bottom > tabTop + 0.5) add('bars', label(el), `滚到底时在标签栏下面（下边 ${Math.round(r.bottom)}px > ${tabTop}px）`);
    else if (tabTop === null && r.bottom > homeTop + 0.5) add('bars', label(el), `滚到底时在底部横条（home indicator）下面（下边 ${Math.round(r.bottom)}px > ${homeTop}px）`);
  }

  if (input.phase === 'end') return out;

  // ---- tap targets ----
  const min = input.largeText ? T.targetLarge : T.target;
  const targets = Array.from(root.querySelectorAll('[data-mp-tap]')).filter((el) => !hidden(el));
  for (const el of targets) {
    if (el.parentElement?.closest('[data-mp-tap]')) continue; // the outer target takes the tap
    const s = style(el);
    if (s.display === 'inline') continue; // a link inside a sentence (WCAG 2.5.8 inline exception)
    const b = el.getBoundingClientRect();
    if (!b.width || !b.height) continue;
    if (b.width < min - 0.5 || b.height < min - 0.5) add('target', label(el), `点击区域 ${Math.round(b.width)}×${Math.round(b.height)}px，小于 ${min}×${min}`);
  }

  // ---- text size (large-text mode) ----
  if (input.largeText) {
    for (const t of texts) {
      const px = parseFloat(style(t.el).fontSize);
      if (px < T.largeTextMin - 0.05) add('size', label(t.el), `字号 ${px}px`);
    }
    for (const f of fields) {
      const px = parseFloat(style(f).fontSize);
      if (px < T.largeTextMin - 0.05) add('size', label(f), `输入框字号 ${px}px`);
    }
  }

  // ---- contrast ----
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top: RGBA, bottom: RGBA): RGBA => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const lum = (c: RGBA) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
  };
  const backgroundOf = (el: Element): RGBA => {
    const layers: RGBA[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const bg = parse(style(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let c: RGBA = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
    return c;
  };
  const opacityOf = (el: Element) => {
    let o = 1;
    for (let e: Element | null = el; e; e = e.parentElement) o *= Number(style(e).opacity);
    return o;
  };
  const contrastOf = (el: Element): number => {
    const fg = parse(style(el).color);
    fg[3] *= opacityOf(el);
    const bg = backgroundOf(el);
    const f = over(fg, bg);
    const [l1, l2] = [lum(f), lum(bg)].sort((a, b) => b - a);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const checked = new Set<Element>();
  for (const t of [...texts.map((x) => x.el), ...fields]) {
    if (checked.has(t)) continue;
    checked.add(t);
    if (disabled(t)) continue;
    const px = parseFloat(style(t).fontSize);
    const need = px > T.largeFontPx ? T.contrastLarge : T.contrast;
    const ratio = contrastOf(t);
    if (ratio < need - 0.005) add('contrast', label(t), `对比度 ${ratio.toFixed(2)}:1，需要 ${need}:1（${style(t).color} / ${px}px）`);
  }

  // ---- drawn ----
  const byId = (id: string) => root.querySelector(`[data-mp-id="${CSS.escape(id)}"]`);
  for (const id of input.shows) {
    const el = byId(id);
    if (!el) {
      add('drawn', `#${id}`, '数据要求显示，但页面上没有');
      continue;
    }
    const b = el.getBoundingClientRect();
    const v = visibleRect(el, { left: b.left, top: b.top, right: b.right, bottom: b.bottom }, true);
    if (hidden(el) || !b.width || !b.height) add('drawn', `#${id}`, '数据要求显示，但没有画出来（隐藏或大小为 0）');
    else if (b.right > input.screen.width + 1 || b.left < -1) add('drawn', `#${id}`, '数据要求显示，但超出了屏幕');
    else if (area(v) < area(b) * 0.5) add('drawn', `#${id}`, '数据要求显示，但大部分被遮住/裁掉');
  }
  for (const [a, b, what] of input.distinct) {
    const ea = byId(a);
    const eb = byId(b);
    if (!ea || !eb) {
      add('drawn', `#${a}`, `${what}：元素不存在`);
      continue;
    }
    const look = (e: Element) => {
      const s = style(e);
      return [s.backgroundColor, s.color, s.borderTopColor, s.boxShadow, s.fontWeight].join('|');
    };
    if (look(ea) === look(eb)) add('drawn', `#${a}`, `${what}：看起来一样，选中状态没有显示出来`);
  }
  return out;
}
