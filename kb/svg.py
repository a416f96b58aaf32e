"""A small, deterministic SVG builder for the site's figures (sources in figures/, output in docs/assets/figures/).

Why our own and not a plotting library: the figures are diagrams with a few data plots; text must stay real text
in the page's language, the output must be byte-identical on every machine (CI regenerates and diffs it), and
nothing may be fetched at read time. Pure functions and one small class; no I/O here (scripts/gen_figures.py writes
the files).

Conventions (checked by tests/test_figures.py):
- a figure is at most MAX_WIDTH user units wide, and its smallest text renders at >= MIN_PX pixels on a 390 px
  phone (about PHONE_WIDTH px of content width, where the figure is scaled down to fit);
- colours are light fills with dark strokes and text on a transparent background; the site inverts figures in dark
  mode (extra.css), which keeps them legible on both schemes;
- every figure has an accessible title (the SVG <title>); the page supplies alt text and a caption.
"""
from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field

MAX_WIDTH = 640
PHONE_WIDTH = 358  # content width of a 390 px phone screen in Material's layout
MIN_PX = 8.9       # e.g. a 640-wide figure needs text >= 16 units, a 480-wide one >= 12
FONT = ("'PingFang SC','Hiragino Sans GB','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',"
        "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif")
MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace"

TEXT = "#1a1a1a"
STROKE = "#37474f"
MUTED = "#5f6b73"
# Light fills (readable under dark text; after the dark-mode inversion they become dark fills under light text).
FILL = {
    "blue": "#dce6ff", "green": "#d8f0e0", "orange": "#ffe3c7", "red": "#ffd9d9", "purple": "#e8ddff",
    "gray": "#ececec", "yellow": "#fff2bf", "teal": "#d3f0f0", "white": "#ffffff", "none": "none",
}
# Saturated colours for lines, arrows and emphasis.
INK = {
    "blue": "#2f55c4", "green": "#1f7a43", "orange": "#b45a00", "red": "#c62828", "purple": "#6a3fc1",
    "gray": "#5f6b73", "teal": "#00766f", "black": TEXT, "stroke": STROKE,
}


def min_font(width: float) -> float:
    """Smallest font size (user units) that renders at >= MIN_PX on a phone, for a figure this wide."""
    return MIN_PX * max(width, PHONE_WIDTH) / PHONE_WIDTH


def fits(label: str, size: float, width: float, pad: float = 12, mono: bool = False, height: float | None = None) -> str:
    """The label, after checking that each of its lines fits in a box `width` wide with `pad` units of padding in
    all (and, given `height`, that its lines fit in that height): figure sources use it so that a label that would
    spill out of its box fails `make figures` with its text, instead of overlapping in the picture."""
    lines = str(label).split("\n")
    widest = max(text_width(line, size, mono=mono) for line in lines)
    if widest + pad > width:
        raise ValueError(f"label {label!r} is {widest:.0f} wide; the box is {width} (with {pad} of padding) — widen "
                         f"the box, shorten the label or break it into lines")
    if height is not None and len(lines) * size * 1.25 + 6 > height:
        raise ValueError(f"label {label!r} has {len(lines)} lines; the box is {height} high")
    return label


def tr(lang: str, zh: str, en: str) -> str:
    """The label in the figure's language."""
    return zh if lang == "zh" else en


def _fmt(v: float) -> str:
    """Numbers as short, stable strings (no float noise in the output)."""
    r = round(float(v), 2)
    return str(int(r)) if r == int(r) else f"{r:.2f}".rstrip("0").rstrip(".")


def text_width(s: str, size: float, mono: bool = False) -> float:
    """Approximate rendered width of a one-line string: CJK and full-width characters are 1 em, Latin ~0.55 em."""
    w = 0.0
    for ch in s:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            w += 1.0
        elif mono:
            w += 0.6
        elif ch in "il.,:;'|!()[] ":
            w += 0.3
        elif ch.isupper() or ch in "mwMW@%":
            w += 0.68
        else:
            w += 0.55
    return w * size


@dataclass
class Figure:
    """An SVG canvas. Coordinates are user units; the viewBox is (0, 0, width, height)."""
    width: float
    height: float
    title: str
    parts: list[str] = field(default_factory=list)
    fonts: list[float] = field(default_factory=list)

    # --- shapes -------------------------------------------------------------------------------------------------
    def rect(self, x, y, w, h, fill="blue", stroke=STROKE, rx=6, dash=False, sw=1.5, opacity=None) -> "Figure":
        a = [f'x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(h)}"']
        if rx:
            a.append(f'rx="{_fmt(rx)}"')
        a.append(f'fill="{FILL.get(fill, fill)}"')
        if stroke:
            a.append(f'stroke="{INK.get(stroke, stroke)}" stroke-width="{_fmt(sw)}"')
        if dash:
            a.append('stroke-dasharray="5 4"')
        if opacity is not None:
            a.append(f'fill-opacity="{_fmt(opacity)}"')
        self.parts.append(f"<rect {' '.join(a)}/>")
        return self

    def box(self, x, y, w, h, label="", fill="blue", size=16, stroke=STROKE, dash=False, weight=None,
            color=TEXT, rx=6) -> "Figure":
        """A rectangle with a (possibly multi-line) centred label."""
        self.rect(x, y, w, h, fill=fill, stroke=stroke, dash=dash, rx=rx)
        if label:
            self.text(x + w / 2, y + h / 2, label, size=size, weight=weight, color=color, middle=True)
        return self

    def fit_box(self, x, y, w, h, label="", pad=12, check_height=True, **kw) -> "Figure":
        """box(), after checking with fits() that the label fits inside it."""
        fits(label, kw.get("size", 16), w, pad, mono=False, height=h if check_height else None)
        return self.box(x, y, w, h, label, **kw)

    def circle(self, cx, cy, r, fill="blue", stroke=STROKE, sw=1.5) -> "Figure":
        self.parts.append(f'<circle cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="{_fmt(r)}" fill="{FILL.get(fill, fill)}" '
                          f'stroke="{INK.get(stroke, stroke)}" stroke-width="{_fmt(sw)}"/>')
        return self

    def line(self, x1, y1, x2, y2, color="stroke", sw=1.5, dash=False, arrow=False, both=False) -> "Figure":
        a = (f'x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" stroke="{INK.get(color, color)}" '
             f'stroke-width="{_fmt(sw)}"')
        if dash:
            a += ' stroke-dasharray="5 4"'
        if arrow or both:
            a += f' marker-end="url(#{self._marker(color)})"'
        if both:
            a += f' marker-start="url(#{self._marker(color)})"'
        self.parts.append(f"<line {a}/>")
        return self

    def arrow(self, x1, y1, x2, y2, color="stroke", sw=1.5, dash=False) -> "Figure":
        return self.line(x1, y1, x2, y2, color=color, sw=sw, dash=dash, arrow=True)

    def path(self, d: str, color="stroke", sw=1.5, fill="none", dash=False, arrow=False) -> "Figure":
        a = f'd="{d}" fill="{FILL.get(fill, fill)}" stroke="{INK.get(color, color)}" stroke-width="{_fmt(sw)}"'
        if dash:
            a += ' stroke-dasharray="5 4"'
        if arrow:
            a += f' marker-end="url(#{self._marker(color)})"'
        self.parts.append(f"<path {a}/>")
        return self

    def polyline(self, points, color="blue", sw=2, dash=False) -> "Figure":
        pts = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
        a = f'points="{pts}" fill="none" stroke="{INK.get(color, color)}" stroke-width="{_fmt(sw)}"'
        if dash:
            a += ' stroke-dasharray="6 4"'
        self.parts.append(f"<polyline {a} stroke-linejoin=\"round\"/>")
        return self

    def polygon(self, points, fill="blue", stroke="stroke", sw=1.5) -> "Figure":
        pts = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
        self.parts.append(f'<polygon points="{pts}" fill="{FILL.get(fill, fill)}" stroke="{INK.get(stroke, stroke)}" '
                          f'stroke-width="{_fmt(sw)}"/>')
        return self

    # --- text ---------------------------------------------------------------------------------------------------
    def text(self, x, y, s: str, size=16, anchor="middle", weight=None, color=TEXT, middle=False, mono=False,
             italic=False, line_gap=1.25) -> "Figure":
        """Text at (x, y): y is the baseline of the first line, or the vertical centre of the block if middle."""
        lines = str(s).split("\n")
        self.fonts.append(size)
        if middle:
            y = y - (len(lines) - 1) * size * line_gap / 2 + size * 0.35
        a = [f'x="{_fmt(x)}" y="{_fmt(y)}" font-size="{_fmt(size)}"']
        if anchor != "start":
            a.append(f'text-anchor="{anchor}"')
        if weight:
            a.append(f'font-weight="{weight}"')
        a.append(f'fill="{INK.get(color, color)}"')
        if mono:
            a.append('class="mono"')  # a font-family attribute would lose to the <style> rule
        if italic:
            a.append('font-style="italic"')
        if len(lines) == 1:
            self.parts.append(f"<text {' '.join(a)}>{html.escape(lines[0], quote=False)}</text>")
        else:
            spans = "".join(f'<tspan x="{_fmt(x)}" dy="{_fmt(0 if i == 0 else size * line_gap)}">'
                            f"{html.escape(t, quote=False)}</tspan>" for i, t in enumerate(lines))
            self.parts.append(f"<text {' '.join(a)}>{spans}</text>")
        return self

    def group(self, transform: str, build) -> "Figure":
        """Draw what `build(fig)` adds inside <g transform=…> (e.g. 'translate(10 20)')."""
        before = len(self.parts)
        build(self)
        inner = self.parts[before:]
        del self.parts[before:]
        self.parts.append(f'<g transform="{transform}">' + "".join(inner) + "</g>")
        return self

    # --- output -------------------------------------------------------------------------------------------------
    _markers: dict = None  # type: ignore[assignment]

    def _marker(self, color: str) -> str:
        if self._markers is None:
            self._markers = {}
        name = f"arrow-{color}"
        self._markers[name] = INK.get(color, color)
        return name

    def svg(self) -> str:
        if self.width > MAX_WIDTH:
            raise ValueError(f"figure '{self.title}' is {self.width} wide; the maximum is {MAX_WIDTH} (phones)")
        need = min_font(self.width)
        if self.fonts and min(self.fonts) < need:
            raise ValueError(f"figure '{self.title}' uses font size {min(self.fonts)}; at width {self.width} the "
                             f"minimum is {need:.1f} (legible on a 390 px phone) — enlarge the text or narrow the figure")
        defs = "".join(
            f'<marker id="{n}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
            for n, c in sorted((self._markers or {}).items()))
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(self.width)} {_fmt(self.height)}" '
                f'width="{_fmt(self.width)}" height="{_fmt(self.height)}" role="img" aria-labelledby="title">'
                f'<title id="title">{html.escape(self.title, quote=False)}</title>'
                f'<style>text{{font-family:{FONT}}}text.mono{{font-family:{MONO}}}</style>')
        body = (f"<defs>{defs}</defs>" if defs else "") + "\n".join(self.parts)
        return head + "\n" + body + "\n</svg>\n"


def heat_color(v: float, lo: float = -1.0, hi: float = 1.0) -> str:
    """A diverging blue–white–orange colour for v in [lo, hi] (used by heatmaps)."""
    t = 0.0 if hi == lo else max(0.0, min(1.0, (v - lo) / (hi - lo)))
    a, mid, b = (47, 85, 196), (247, 247, 247), (214, 110, 0)
    if t < 0.5:
        u = t / 0.5
        c = [round(a[i] + (mid[i] - a[i]) * u) for i in range(3)]
    else:
        u = (t - 0.5) / 0.5
        c = [round(mid[i] + (b[i] - mid[i]) * u) for i in range(3)]
    return "#%02x%02x%02x" % tuple(c)
