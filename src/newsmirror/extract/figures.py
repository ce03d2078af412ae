"""Images and their captions: "image + nearby caption" layouts become ``<figure>``s."""

from __future__ import annotations

import lxml.html

from newsmirror.extract.dom import SPACE_RUN, is_detached, remove, replace_keeping_tail, text_content, text_of
from newsmirror.model import Image


def _caption_like(element: lxml.html.HtmlElement, alt: str) -> bool:
    if element.tag in {"figcaption"}:
        return True
    classes = (element.get("class") or "").lower()
    if "caption" in classes:
        return True
    text = text_of(element)
    if not text or len(text) > 300 or element.find(".//img") is not None:
        return False
    children = [child for child in element if isinstance(child.tag, str)]
    if element.tag in {"div", "p", "span"} and len(children) == 1 and children[0].tag == "small" \
            and not (element.text or "").strip():
        return True
    return bool(alt) and text == alt


def _next_element(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    sibling = element.getnext()
    while sibling is not None and (sibling.tag == "br" or not isinstance(sibling.tag, str)):
        if (sibling.tail or "").strip():
            return None
        sibling = sibling.getnext()
    if (element.tail or "").strip():
        return None
    return sibling


def attach_captions(root: lxml.html.HtmlElement) -> None:
    """Turn "image + nearby caption element" layouts into ``<figure><img><figcaption>``."""
    for img in list(root.iter("img")):
        if is_detached(img, root):
            continue
        figure = next((a for a in img.iterancestors("figure")), None)
        if figure is not None and figure.find(".//figcaption") is not None:
            continue
        alt = SPACE_RUN.sub(" ", img.get("alt") or "").strip()
        anchor = figure if figure is not None else img
        caption_element = None
        inline_caption = ""
        for _ in range(4):
            candidate = _next_element(anchor)
            if candidate is not None and _caption_like(candidate, alt):
                caption_element = candidate
                break
            parent = anchor.getparent()
            if parent is None or parent is root:
                break
            siblings = [child for child in parent if isinstance(child.tag, str) and child is not anchor]
            if parent.tag == "p" and all(child.tag in {"br", "span"} for child in siblings):
                # "<p><img><br>caption text</p>": the rest of the paragraph is the caption
                rest = "".join(part for child in [anchor, *siblings]
                               for part in ((child.tail or ""), *(
                                   () if child is anchor else (text_content(child),))))
                rest = SPACE_RUN.sub(" ", rest).strip()
                if rest and len(rest) <= 300 and not (parent.text or "").strip():
                    inline_caption = rest
                    anchor = parent
                    break
            if siblings and any(text_of(child) or child.find(".//img") is not None for child in siblings):
                break
            if (parent.text or "").strip():
                break
            anchor = parent
        caption = inline_caption or (text_of(caption_element) if caption_element is not None else "")
        if not caption:
            continue
        new_figure = lxml.html.Element("figure")
        new_img = lxml.html.Element("img", src=img.get("src") or "")
        if alt:
            new_img.set("alt", alt)
        new_figure.append(new_img)
        figcaption = lxml.html.Element("figcaption")
        figcaption.text = caption
        new_figure.append(figcaption)
        if caption_element is not None:
            remove(caption_element)
        target = figure if figure is not None else anchor
        replace_keeping_tail(target, new_figure)


def images_of(root: lxml.html.HtmlElement) -> list[Image]:
    images: list[Image] = []
    seen: set[str] = set()
    for img in root.iter("img"):
        src = (img.get("src") or "").strip()
        if not src or src in seen:
            continue
        seen.add(src)
        caption = ""
        figure = next(img.iterancestors("figure"), None)
        if figure is not None:
            figcaption = figure.find(".//figcaption")
            if figcaption is not None:
                caption = text_of(figcaption)
        images.append(Image(url=src, caption=caption))
    return images
