"""Accessibility checks run in the browser, on what Chromium itself computes.

Accessible names come from Chromium's accessibility tree (the Chrome DevTools Protocol), so a
control counts as named exactly when a screen reader would announce a name for it.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page

# Roles a person operates or reads as a unit: each needs a name of its own.
NAMED_ROLES = frozenset(
    {
        "button",
        "checkbox",
        "ColorWell",
        "combobox",
        "Date",
        "DateTime",
        "image",
        "InputTime",
        "link",
        "listbox",
        "menuitem",
        "radio",
        "searchbox",
        "slider",
        "spinbutton",
        "switch",
        "tab",
        "textbox",
    }
)


def _describe(cdp: Any, backend_id: int | None) -> str:
    if backend_id is None:
        return "?"
    node = cdp.send("DOM.describeNode", {"backendNodeId": backend_id})["node"]
    values = node.get("attributes", [])
    attributes = dict(zip(values[::2], values[1::2], strict=True))
    shown = " ".join(
        f'{key}="{attributes[key]}"'
        for key in ("id", "name", "type", "src", "href", "class")
        if key in attributes
    )
    return f"<{node.get('localName', '?')} {shown}>"


def unnamed_controls(page: Page) -> list[str]:
    """Every control, link or image of the page that Chromium exposes without a name."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("Accessibility.enable")
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        found = []
        for node in nodes:
            role = node.get("role", {}).get("value")
            name = str(node.get("name", {}).get("value") or "").strip()
            if node.get("ignored") or role not in NAMED_ROLES or name:
                continue
            found.append(f"{role} {_describe(cdp, node.get('backendDOMNodeId'))}")
        return found
    finally:
        cdp.detach()


def images_without_text(page: Page) -> list[str]:
    """Images shown to everyone that have no text alternative (RGAA 1.1)."""
    result: list[str] = page.evaluate(
        """() => Array.from(document.querySelectorAll("img")).filter((img) =>
              !img.closest("[aria-hidden=true]") && img.getAttribute("role") !== "presentation"
              && !(img.getAttribute("alt") || "").trim()
            ).map((img) => img.outerHTML.slice(0, 160))"""
    )
    return result


def broken_descriptions(page: Page) -> list[str]:
    """``aria-describedby`` references to nothing, or to an element with no text: the help or
    error a sighted person reads is then never announced."""
    result: list[str] = page.evaluate(
        """() => {
            const found = [];
            document.querySelectorAll("[aria-describedby]").forEach((element) => {
              if (element.closest("template")) return;
              for (const id of element.getAttribute("aria-describedby").split(/\\s+/)) {
                if (!id) continue;
                const target = document.getElementById(id);
                if (!target || !target.textContent.trim()) {
                  const name = element.getAttribute("name") || element.id || element.tagName;
                  found.push(`${name} -> #${id} ${target ? "is empty" : "does not exist"}`);
                }
              }
            });
            return found;
        }"""
    )
    return result


def badge_images(page: Page) -> list[dict[str, str]]:
    """Every picture of a badge on the page (its URL ends in image.png), with its alt text."""
    result: list[dict[str, str]] = page.evaluate(
        """() => Array.from(document.querySelectorAll("img"))
              .filter((img) => new URL(img.src).pathname.endsWith("/image.png"))
              .map((img) => ({src: img.getAttribute("src"), alt: img.getAttribute("alt") || ""}))"""
    )
    return result


def badge_images_wrongly_described(page: Page, badge: str, issuer: str) -> list[str]:
    """Badge pictures whose alt text does not give the badge's name and its issuer's."""
    return [
        f"{image['src']}: alt={image['alt']!r}"
        for image in badge_images(page)
        if badge not in image["alt"] or issuer not in image["alt"]
    ]


def skip_link_problem(page: Page) -> str | None:
    """None when the first Tab reaches "skip to content" and Enter moves focus to <main>."""
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => ({tag: document.activeElement.tagName, text: document.activeElement.textContent,"
        " href: document.activeElement.getAttribute('href')})"
    )
    if first["tag"] != "A" or not str(first["href"] or "").startswith("#"):
        return f"the first Tab stop is not a skip link: {first}"
    page.keyboard.press("Enter")
    focused = page.evaluate(
        "() => ({tag: document.activeElement.tagName, id: document.activeElement.id})"
    )
    target = str(first["href"])[1:]
    if focused["tag"] != "MAIN" or focused["id"] != target:
        return f"the skip link {first['text']!r} leaves the focus on {focused}, not on <main>"
    return None


def page_problems(page: Page, *, language: str = "fr", skip_link: bool = True) -> list[str]:
    """Problems any page of the platform must not have. The skip link is tried from a page
    where nothing has the focus yet (``skip_link=False`` when a script has moved it)."""
    problems: list[str] = []
    lang = page.locator("html").get_attribute("lang")
    if lang != language:
        problems.append(f'<html lang="{lang}">, expected "{language}"')
    if not page.title().strip():
        problems.append("the page has no title")
    headings = page.locator("h1").all_inner_texts()
    if len(headings) != 1:
        problems.append(f"{len(headings)} <h1> instead of exactly one: {headings}")
    problems += [f"no accessible name: {item}" for item in unnamed_controls(page)]
    problems += [f"no alt text: {item}" for item in images_without_text(page)]
    problems += [f"broken aria-describedby: {item}" for item in broken_descriptions(page)]
    problems += [f"low contrast: {item}" for item in low_contrast_text(page)]
    skip = skip_link_problem(page) if skip_link else None
    if skip:
        problems.append(skip)
    return problems


FRENCH_WORDS = re.compile(
    r"\b(le|la|les|des|du|une|et|vous|votre|vos|pour|avec|sur|aucun|aucune|est|sont|cette|"
    r"dans|par|qui|que|ou|au|aux|ce|ces|sans|depuis|niveau|niveaux|badges? délivrés?)\b"
    r"|[éèêëàâîïôûùçœ«»]"
    r"|\w[ \u00a0\u202f][:;!?](?=\s|$)",  # French typography: a space before : ; ! ?
    re.IGNORECASE,
)


def french_left(page: Page, user_content: list[str]) -> list[str]:
    """Text of the page, outside elements marked ``lang="fr"`` and once ``user_content`` is
    removed, that looks French: each line with what gave it away."""
    texts: list[str] = page.evaluate(
        """() => {
            const copy = document.documentElement.cloneNode(true);
            copy.querySelectorAll("script, style, template, [lang^=fr]").forEach((e) => {
              if (e !== copy) { e.remove(); }
            });
            const found = [document.title];
            copy.querySelectorAll("body *").forEach((element) => {
              for (const name of ["alt", "aria-label", "title", "placeholder", "value"]) {
                const value = element.getAttribute(name);
                if (value && !(name === "value" && element.type === "hidden")) found.push(value);
              }
            });
            const body = copy.querySelector("body");
            body.querySelectorAll("select, input, textarea").forEach((e) => e.remove());
            return found.concat(body.textContent.split("\\n"));
        }"""
    )
    leftovers = []
    for text in texts:
        line = " ".join(text.split())
        for content in sorted(user_content, key=len, reverse=True):
            line = line.replace(content, " ")
        match = FRENCH_WORDS.search(line)
        if match:
            leftovers.append(f"{match.group(0)!r} in {' '.join(line.split())!r}")
    return leftovers


_CONTRAST_SCRIPT = """() => {
  const parse = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  };
  const luminance = (c) => {
    const channel = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const blend = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  });
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== "none") return null;  // cannot tell: not judged
      const colour = parse(style.backgroundColor);
      if (colour && colour.a > 0) { layers.push(colour); if (colour.a >= 1) break; }
    }
    let result = {r: 255, g: 255, b: 255, a: 1};
    for (const layer of layers.reverse()) result = blend(layer, result);
    return result;
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || seen.has(element)) continue;
    seen.add(element);
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!rect.width || !rect.height || style.visibility === "hidden") continue;
    const unseen = "[hidden], [aria-hidden=true], .visually-hidden, option, select, noscript";
    if (element.closest(unseen)) continue;
    if (rect.width <= 2 || rect.height <= 2) continue;  // visually hidden text
    const back = background(element);
    const front = parse(style.color);
    if (!back || !front) continue;
    const text = blend(front, back);
    const [l1, l2] = [luminance(text), luminance(back)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const needed = large ? 3 : 4.5;
    if (ratio < needed) {
      found.push(`${ratio.toFixed(2)}:1 < ${needed}:1 for ${element.tagName.toLowerCase()}`
        + `.${element.className} ${JSON.stringify(node.textContent.trim().slice(0, 60))}`
        + ` (${style.color} on rgb(${[back.r, back.g, back.b].map(Math.round).join(", ")}))`);
    }
  }
  return found;
}"""


def low_contrast_text(page: Page) -> list[str]:
    """Visible text below the WCAG AA contrast ratio (4.5:1, or 3:1 for large text)."""
    result: list[str] = page.evaluate(_CONTRAST_SCRIPT)
    return result
