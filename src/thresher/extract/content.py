"""Main-content selection on the Box/Line tree.

The cascade, in order:

1. teaser rails are marked: runs of at least three alike sibling cards (a link title,
   or an excerpt cut short with an ellipsis under a title or a link, and little else)
   weigh nothing while the article is looked for, so a rail next to the article cannot
   pull the selection up; so do comments (one comment's markup, walked by `blocks`),
   unless they dwarf everything else on the page (a forum thread: its content);
2. every line gets a weight: its non-link text counts for it, its link text and a fixed
   per-line cost count against it, sentence punctuation (of every script) adds to it;
   so prose is positive and menus, tag clouds, share bars and one-word chrome are
   negative. Sizes are prose units (`units.prose_units`), the same amount of text in
   every script;
3. the article is where the weight concentrates: descending from <body>, the selection
   moves toward the child that holds the page's best box (then the heaviest) while that
   child holds about two thirds of its parent's weight (never into a lone paragraph);
   semantic containers (<article>, <main>, role=main, itemprop=articleBody) weigh a
   quarter more, not a blank cheque; an <aside> kept for its prose lends its parent
   neither weight nor direction;
4. page types without one dense article: a weak article next to a much larger grid of
   alike items (product cards, posts, result rows; not a menu of bare links) makes the
   page a listing, selected as the grid with its heading and intro (not a grid of
   mostly links that weighs below zero beside a prose article: a blogroll, an
   archive, a list of notes); a weak article
   inside a page's <main> (product and service pages) widens to that <main> when it is
   not much larger; a short post marked up as one (`_marked_post`) stays an article;
5. the article takes back the prose blocks the descent left beside it: a lede or a
   summary right next to it, a second half split off by an ad;
6. inside the selection, pruning removes what shares the article's markup: marked
   rails and the short heading that labels them, link-dense blocks in a prose
   container (not a sentence whose words are mostly links), a comment thread after its
   heading ("Comments", "12 Responses to ..."), interface chrome lines ("Load more",
   "End of content"), and in an
   article its headline (it is metadata), datelines, bylines, photo credits, calls to
   subscribe and teaser lines ("Also on ..."), in the languages `vocab` knows.

`favour` ("precision", "balanced", "recall") moves the borderline cuts (`Tuning`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from thresher.extract import vocab
from thresher.extract.tree import CARD_TITLE_CHARS, Box, Line
from thresher.extract.units import WIDE_MARKS, dense, word_count

#: Fixed cost per line: fragmentation into many short lines is what menus look like.
LINE_COST: Final = 20.0
#: Fixed cost per line without links.
PLAIN_LINE_COST: Final = 8.0
#: Fixed cost per table cell (a row of data is many short cells, not a menu).
CELL_COST: Final = 3.0
#: How much a character of link text counts against a line.
LINK_PENALTY: Final = 1.25
#: Bonus per sentence-ending or comma punctuation mark in a line.
PUNCT_BONUS: Final = 6.0
#: The selection stays at a parent when its other children add this share of weight.
CLIMB_SHARE: Final = 0.5
#: Bonus factor of a semantic main container's score.
MAIN_HINT_BONUS: Final = 0.25
#: A block in a prose container is dropped above this link density.
MAX_LINK_DENSITY: Final = 0.5
#: A paragraph this long, this much of it plain text, ending with a sentence mark, is a
#: sentence with links, not a link block (`_linked_sentence`).
SENTENCE_CHARS: Final = 80
SENTENCE_PLAIN: Final = 0.2
_SENTENCE_END: Final = frozenset(".!?:\u3002\uff01\uff1f\u061f\u0964")
#: A single link this short in a prose container is a name (poster, author), kept.
MAX_NAME_CHARS: Final = 25
#: Minimum number of sibling cards that make a rail.
MIN_RAIL_CARDS: Final = 3
#: A card holds at most this many characters.
MAX_CARD_CHARS: Final = 600
MAX_CARD_LINES: Final = 6
#: A page is a listing when its largest rail is this many times larger than the best
#: non-card container.
LISTING_RATIO: Final = 2.75
#: A line this short that starts like a teaser ("Also on ...") points elsewhere.
TEASER_MAX_CHARS: Final = 200
#: An <h1> before this much prose is a headline.
HEADLINE_PROSE: Final = 400
#: Comments this many times the size of the best box besides them are the page's content
#: (a thread), not an article's comments.
THREAD_RATIO: Final = 4.0
#: A comment thread's heading is at most this long, and follows this much article text.
COMMENTS_HEADING_CHARS: Final = 120
COMMENTS_AFTER: Final = 400
#: A container with more such headings is a thread of posts, each with its comments.
MAX_COMMENT_HEADINGS: Final = 2
#: A thread shows a short dated line (a comment's date) within this many lines after its
#: heading.
THREAD_LOOKAHEAD: Final = 40
THREAD_DATE_CHARS: Final = 150
#: Headings that may name a document's section as well as a thread (`_dated_after`).
_BARE_THREAD: Final = frozenset({"comments", "comment", "responses", "response"})
_BARE_STRIP: Final = " :.\u00a0"
#: ... and sits at most this many boxes below the container (the heading's own box).
COMMENTS_HEADING_DEPTH: Final = 4
#: An article has at most this many datelines (a thread has one per post).
MAX_DATELINES: Final = 3
#: A grid has at least this many alike items of at least this many characters.
MIN_GRID_ITEMS: Final = 4
MIN_GRID_ITEM_CHARS: Final = 25
#: A grid's region grows to ancestors at most this much larger than it.
GRID_FRAME: Final = 1.3
GRID_FRAME_CHARS: Final = 300
#: Link text counts this much in a grid's mass.
GRID_LINK_WEIGHT: Final = 1.0

#: A grid whose items are at least this much link text is a menu or a link list: it
#: does not overrule an article beside it (it still makes a page without one a listing).
MENU_LINK_SHARE: Final = 0.9

#: A grid whose items are at least this much link text, and whose region weighs below
#: zero, does not overrule a box of prose (`_links_beside_prose`).
LINKY_GRID_SHARE: Final = 0.5

#: ... and a grid overrules a short marked post (`_marked_post`) only when its items are
#: under this much link text (an archive list with its post counts is a menu here).
POST_LINK_SHARE: Final = 0.5

#: The chosen box is a listing when a grid inside it holds this share of its text and
#: this share of the grid's items have a link title.
GRID_SHARE: Final = 0.75
TITLED_SHARE: Final = 0.5

#: A sibling block joins the article when it weighs this share of it (and this much),
#: has a long line and little link text.
SIBLING_SHARE: Final = 0.2
MIN_SIBLING_SCORE: Final = 100.0
SIBLING_LINK_DENSITY: Final = 0.3
#: Siblings this small (an image's caption, a spacer) do not break the run of prose
#: blocks next to the article.
TINY_SIBLING_CHARS: Final = 30
#: A page's <main> replaces a weak selection inside it up to this size ratio.
MAIN_FRAME: Final = 3.0
#: Above this score an article is not overruled by a larger grid (a teaser rail).
STRONG_ARTICLE_SCORE: Final = 1500.0
#: Below this best score the page has no article: it is scored as a listing.
MIN_ARTICLE_SCORE: Final = 200.0
#: Semantic containers, and the classes of a post's markup (`vocab.CONTENT_CLASSES`).
_SEMANTIC: Final = frozenset({"article", "main"})
_POST_CLASSES: Final = frozenset(vocab.CONTENT_CLASSES)
#: A post's mark (role or itemprop of the article body, a post's class) counts this many
#: wrappers below the chosen box.
POST_MARK_DEPTH: Final = 4
#: Fixed cost per line on a listing page.
LISTING_LINE_COST: Final = 15.0

_TEXT_BLOCKS: Final = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "td", "th", "dd", "dt", "blockquote"}
)
#: Sentence-ending and clause marks of ASCII; those of other scripts are in `WIDE_MARKS`.
_PUNCT: Final = tuple(".,;:!?")
#: The marks of other scripts in one pass (one regex scan beats a substring search each).
_WIDE_MARKS: Final = re.compile(f"[{WIDE_MARKS}]")


@dataclass(frozen=True, slots=True)
class Tuning:
    """What `favour` changes: how much borderline material is kept.

    precision: link-dense blocks go earlier and a weak page is not widened to its
    <main>; recall: link-dense blocks must be denser to go, and datelines, bylines
    and teaser lines are kept.
    """

    max_link_density: float = MAX_LINK_DENSITY
    widen_to_main: bool = True
    drop_metalines: bool = True


TUNINGS: Final = {
    "balanced": Tuning(),
    "precision": Tuning(max_link_density=0.35, widen_to_main=False),
    "recall": Tuning(max_link_density=0.7, drop_metalines=False),
}


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen container and what to leave out when rendering it."""

    root: Box
    dropped: frozenset[int]
    extra: tuple[Box, ...] = ()


def line_weight(line: Line) -> float:
    """Content evidence of one line: positive for prose, negative for chrome."""
    chars = line.chars
    links = line.link_chars
    plain = chars - links
    # Links inside sentences (a long, mostly plain line) are content; short, mostly-link
    # lines are menus.
    penalty = LINK_PENALTY if chars < 80 or plain < 0.4 * chars else LINK_PENALTY / 3
    weight = plain - penalty * links - _line_cost(line)
    if plain >= 40:
        text = line.text
        marks = _punctuation(text, line.wide)
        weight += PUNCT_BONUS * min(marks, plain // 25)
    if line.kind.startswith("h") and line.kind != "h1":
        weight = max(weight, -5.0)
    if line.chrome:
        weight -= 40.0
    return weight


def _punctuation(text: str, wide: bool = True) -> int:
    """How many sentence marks `text` holds (a C search per ASCII mark beats one regex
    pass); the marks of other scripts only when `wide` (`units.special`) allows them."""
    count = 0
    for mark in _PUNCT:
        if mark in text:
            count += text.count(mark)
    if wide and not text.isascii():
        count += len(_WIDE_MARKS.findall(text))
    return count


def _line_cost(line: Line) -> float:
    """Menus are runs of short link lines; plain short lines and code cost less."""
    if line.kind == "cell" or line.kind == "pre":
        return CELL_COST
    return LINE_COST if line.link_chars else PLAIN_LINE_COST


def listing_weight(line: Line) -> float:
    """Weight of a line on a listing page, where link titles are content too."""
    chars = line.chars
    weight = chars - 0.5 * line.link_chars
    weight -= CELL_COST if line.kind == "cell" else LISTING_LINE_COST
    if line.chrome:
        weight -= 40.0
    return weight


def score(box: Box, out: list[Box], cards_count: bool) -> float:
    """Set `box.score` bottom-up (post-order) and collect every box into `out`.

    Teaser cards weigh nothing unless `cards_count` (listing mode): a rail next to an
    article must not pull the selection up to the page's body.
    """
    total = 0.0
    peak = 0.0
    weigh = listing_weight if cards_count else line_weight
    start = len(out)
    for item in box.items:
        if isinstance(item, Line):
            total += weigh(item)
        elif item.tag == "aside":
            # a sidebar kept for its prose (`blocks._protected`): neither its weight nor its
            # best box makes its parent the article's way
            weight = score(item, out, cards_count)
            if weight < 0:
                total += weight
        else:
            total += score(item, out, cards_count)
            if item.peak > peak:
                peak = item.peak
    if box.card and not cards_count:
        total = 0.0
        del out[start:]  # nothing inside a rail is the article
    box.score = total
    value = total * (1.0 + MAIN_HINT_BONUS) if box.main_hint and total > 0 else total
    box.peak = value if value > peak else peak  # `_value(box)`, inline: once per box
    out.append(box)
    return total


def best_box(top: Box, cards_count: bool) -> Box:
    """The box where the page's content concentrates.

    Descend from the top while one child holds nearly all of the current box's
    weight: climbing back up only pays when the siblings add a real share of content
    (a second half of the article), not a rail of teasers or a comment box.
    Semantic containers (<article>, <main>) weigh a little more.
    """
    boxes: list[Box] = []
    score(top, boxes, cards_count)
    best = max(boxes, key=_value)
    node = top
    while True:
        children = node.kids
        if not children:
            break
        child = max(children, key=_peak)
        if _value(child) * (1.0 + CLIMB_SHARE) < _value(node) or _value(child) <= 0:
            break
        if child.tag in _TEXT_BLOCKS and not child.kids:
            break  # a lone paragraph is never a page's whole content (a layout cell may be)
        node = child
    return node if _value(node) > 0 else best


def _peak(box: Box) -> tuple[float, float]:
    """Where the descent goes: toward the best container below, then the heaviest box.

    A child's own weight can be dragged under zero by a menu next to the article inside
    it, while a sibling with no article (a pop-up form, a rail) weighs more: the child
    that holds the page's densest box is the way to the article.
    """
    return box.peak, _value(box)


def _value(box: Box) -> float:
    value = box.score
    if box.main_hint and value > 0:
        value *= 1.0 + MAIN_HINT_BONUS
    return value


def mark_rails(top: Box) -> int:
    """Flag runs of sibling teaser cards (`Box.card`); return the largest run's chars."""
    largest = 0
    stack = [top] if _may_hold_rail(top) else []
    while stack:
        box = stack.pop()
        children = [child for child in box.kids if child.chars]
        if len(children) >= MIN_RAIL_CARDS:
            largest = max(largest, _mark_runs(children))
        stack.extend(child for child in children if not child.card and _may_hold_rail(child))
    return largest


def _may_hold_rail(box: Box) -> bool:
    """Every card has a title line or an ellipsis (`is_card`): a box with fewer of them
    than a rail has cards holds no rail, and is not searched."""
    return box.titles + box.ellipses >= MIN_RAIL_CARDS


def _mark_runs(children: list[Box]) -> int:
    largest = 0
    run: list[Box] = []
    for child in [*children, None]:
        card = child is not None and is_card(child)
        if child is not None and card and (not run or _alike(run[-1], child)):
            run.append(child)
            continue
        if len(run) >= MIN_RAIL_CARDS:
            for member in run:
                member.card = True
            largest = max(largest, sum(member.chars for member in run))
        run = [child] if child is not None and card else []
    return largest


def _alike(first: Box, second: Box) -> bool:
    """Sibling cards share their tag and their first class token."""
    return first.tag == second.tag and first.tokens.split()[:1] == second.tokens.split()[:1]


def choose(
    top: Box, tuning: Tuning = TUNINGS["balanced"], keep_comments: bool = False
) -> tuple[Box, bool]:
    """The main container, and whether the page is a listing (its content is a grid).

    Comments (`_set_aside`) weigh nothing unless `keep_comments`, or unless they are many
    times the best box besides them and no grid is as large (a thread: they are the
    page's content, as on a forum)."""
    mark_rails(top)
    comments = [] if keep_comments else _set_aside(top)
    best = best_box(top, cards_count=False)
    thread = sum(box.chars for box in comments)
    if thread > THREAD_RATIO * best.chars:
        grid = listing_region(top)
        if grid is None or grid.mass < thread:
            for box in comments:  # they outweigh all else: a thread, its comments are content
                box.card = False
            best = best_box(top, cards_count=False)
    # A strong article is overruled only by a grid inside it (`_is_the_grid`): the
    # search for one stays inside it.
    if best.score < STRONG_ARTICLE_SCORE:
        grid = listing_region(top)
    else:
        grid = listing_region(best, int(GRID_SHARE * best.chars))
    marked = best.score < MIN_ARTICLE_SCORE and _marked_post(best)
    weak = best.score < MIN_ARTICLE_SCORE and not marked
    if grid is not None and (
        weak
        or _is_the_grid(best, grid)
        or (
            grid.mass > LISTING_RATIO * max(best.chars, 1)
            and best.score < STRONG_ARTICLE_SCORE
            and grid.link_share < (POST_LINK_SHARE if marked else MENU_LINK_SHARE)
            and not _links_beside_prose(best, grid)
        )
    ):
        return _main_frame(grid.region), True
    if best.score < STRONG_ARTICLE_SCORE and tuning.widen_to_main:
        framed = _main_frame(best)
        if framed is not best:
            return framed, False
    if weak:
        return best_box(top, cards_count=True), True
    return best, False


def _set_aside(top: Box) -> list[Box]:
    """Flag the outermost comment boxes (`Box.comment`: one comment's markup, walked by
    `blocks`) as rails: they weigh nothing while the article is looked for, and the
    pruning leaves them out. Returns the boxes flagged."""
    found: list[Box] = []
    stack = [top]
    while stack:
        box = stack.pop()
        if box.comment and box.chars:
            if not box.card:
                box.card = True
                found.append(box)
            continue
        stack.extend(box.kids)
    return found


def _aside_comment(box: Box) -> bool:
    """A comment set aside (`_set_aside`): no grid of a listing either."""
    return box.comment and box.card


def _inside_card(box: Box) -> bool:
    """`box` is a rail card or inside one."""
    node: Box | None = box
    while node is not None:
        if node.card:
            return True
        node = node.parent
    return False


def _is_the_grid(best: Box, grid: Grid) -> bool:
    """The box where the weight concentrates is a grid itself (a blog index, a list of
    posts): its items are the content, however strong, not rails around an article."""
    return (
        grid.item_tag not in _TEXT_BLOCKS  # paragraphs and items are an article's own
        and grid.titled >= TITLED_SHARE  # posts and products have link titles; sections not
        and _contains(best, grid.core)
        and grid.mass >= GRID_SHARE * best.chars
        and grid.link_share < MENU_LINK_SHARE
    )


def _links_beside_prose(best: Box, grid: Grid) -> bool:
    """A grid of mostly link text (`LINKY_GRID_SHARE`) whose region weighs below zero
    (more menu than text by line weights: a blogroll, an archive, a list of notes) and
    is a part of the page, not its whole body, next to a box of prose (a long line,
    little link text): the article is the content, however short, not the link list
    that outsizes it."""
    return (
        grid.region.parent is not None  # a grid that frames the whole page is its content
        and grid.link_share >= LINKY_GRID_SHARE
        and grid.region.score < 0
        and best.long_lines > 0
        and link_density(best) < SIBLING_LINK_DENSITY
    )


def _marked_post(box: Box) -> bool:
    """A short post marked up as one (itemprop articleBody or blogPost, role=main, the
    post-body, entry-content or hentry class): not a weak page, whatever its length,
    unless a real grid (not a menu) outweighs it. The mark may sit a few wrappers below
    the chosen box (its heaviest child, and so on); a bare <article> is no mark (a
    listing's cards are <article>s too)."""
    node = box
    for _ in range(POST_MARK_DEPTH):
        if node.score <= 0:
            return False
        if node.tag not in _SEMANTIC and (
            node.main_hint or not _POST_CLASSES.isdisjoint(node.tokens.split())
        ):
            return True  # not a bare <article>: cards of a listing are <article>s too
        if not node.kids:
            return False
        node = max(node.kids, key=_value)
    return False


@dataclass(frozen=True, slots=True)
class Grid:
    """A grid of alike siblings: its box, the region around it, the items' weight."""

    core: Box
    region: Box
    mass: float
    #: Share of the items' text that is link text.
    link_share: float
    #: The items' tag.
    item_tag: str = ""
    #: Share of the items that open with a link title (`_titled`).
    titled: float = 0.0


def listing_region(top: Box, least_chars: int = 0) -> Grid | None:
    """The largest grid of alike siblings (product cards, posts, rows), with its frame.

    A grid's mass is the text of its alike items, link text counting less (a menu of
    links is not a listing); the region grows from the grid's box to ancestors that
    add little besides it (the listing's heading and intro). Only boxes of at least
    `least_chars` are searched (a grid that must hold that much lies in one of them).
    """
    best: Box | None = None
    best_mass = 0.0
    best_links = 0.0
    best_items: list[Box] = []
    stack = [top]
    while stack:
        box = stack.pop()
        stack.extend(
            kid
            for kid in box.kids
            if kid.chars > least_chars and kid.tag != "aside" and not _aside_comment(kid)
        )  # not a sidebar's grid, nor a thread of comments set aside
        if len(box.kids) < MIN_GRID_ITEMS:
            continue  # most boxes: no list, no groups
        found = _grid_of(box)
        if found is not None and found[0] > best_mass:
            best, (best_mass, best_links, best_items) = box, found
    if best is None:
        return None
    node = best
    while node.parent is not None and node.parent.chars <= max(
        GRID_FRAME * node.chars, node.chars + GRID_FRAME_CHARS
    ):
        node = node.parent
    titled = sum(1 for item in best_items if _titled(item)) / len(best_items)
    return Grid(best, node, best_mass, best_links, best_items[0].tag, titled)


def _grid_of(box: Box) -> tuple[float, float, list[Box]] | None:
    """The heaviest group of alike children of `box` (same tag and first class name, at
    least `MIN_GRID_ITEMS` of `MIN_GRID_ITEM_CHARS` on average): mass, link share, items."""
    children = [child for child in box.kids if child.chars and not _aside_comment(child)]
    if len(children) < MIN_GRID_ITEMS:
        return None
    groups: dict[tuple[str, str], list[Box]] = {}
    for child in children:
        key = (child.tag, child.tokens.split()[0] if child.tokens.strip() else "")
        groups.setdefault(key, []).append(child)
    best: tuple[float, float, list[Box]] | None = None
    for items in groups.values():
        if len(items) < MIN_GRID_ITEMS:
            continue
        chars = sum(item.chars for item in items)
        links = sum(item.link_chars for item in items)
        mass = chars - (1.0 - GRID_LINK_WEIGHT) * links
        if chars / len(items) >= MIN_GRID_ITEM_CHARS and (best is None or mass > best[0]):
            best = (mass, links / chars, items)
    return best


def _titled(item: Box) -> bool:
    """A grid item that opens with a link title (a post's or a product's name) within
    its first two lines; a forum post opens with its author's name and a date."""
    if not item.titles:
        return False
    return any(
        line.chars >= CARD_TITLE_CHARS and line.link_chars >= 0.6 * line.chars
        for line in iter_lines(item, 2)
    )


def _contains(outer: Box, inner: Box) -> bool:
    """`inner` is `outer` or one of its descendants."""
    node: Box | None = inner
    while node is not None:
        if node is outer:
            return True
        node = node.parent
    return False


def _main_frame(best: Box) -> Box:
    """On a page without a strong article, the page's <main> is the content.

    Product and service pages spread their content over short blocks (title, price,
    options, bullets, specs) around the densest one; <main> frames them when it is not
    much larger than the densest box and holds more content than chrome.
    """
    node = best.parent
    while node is not None:
        if node.landmark:
            break
        node = node.parent
    if node is None or node.score <= 0:
        return best
    if node.chars > MAIN_FRAME * best.chars:
        return best
    return node


def link_density(box: Box) -> float:
    """Share of a box's text that is link text."""
    return box.link_chars / box.chars if box.chars else 0.0


def is_card(box: Box) -> bool:
    """A teaser card: short, titled by a link (or an excerpt cut short with an ellipsis).

    An excerpt is more than its one line: a lone paragraph that ends with an ellipsis
    and links nowhere is a writer's trailing thought, not a teaser.
    """
    if box.chars == 0 or box.chars > MAX_CARD_CHARS or box.n_lines > MAX_CARD_LINES:
        return False
    if box.long_lines > 1:
        return False
    return box.titles > 0 or (box.ellipses > 0 and (box.link_chars > 0 or box.n_lines > 1))


def iter_lines(box: Box, limit: int = -1) -> list[Line]:
    """All lines of a box in document order (the first `limit` only, when given)."""
    out: list[Line] = []
    stack: list[Box | Line] = [box]
    while stack and len(out) != limit:
        item = stack.pop()
        if isinstance(item, Line):
            out.append(item)
        else:
            stack.extend(reversed(item.items))
    return out


class _Pruner:
    """Collects the ids of boxes and lines to leave out of the chosen container."""

    def __init__(
        self,
        root: Box,
        listing: bool,
        tuning: Tuning,
        skipped: set[int],
        keep_comments: bool = False,
    ) -> None:
        self.root = root
        self.listing = listing
        self.tuning = tuning
        self.dropped: set[int] = set(skipped)
        self.prose = link_density(root) < 0.3 and not listing
        #: The article's text seen so far, and whether a comment thread's heading
        #: ended it (`comments_start`): what follows is the thread, left out.
        self.seen = 0
        self.lines: list[Line] = []
        self.ended = keep_comments or listing
        self.thread = False

    def run(self) -> frozenset[int]:
        lines = iter_lines(self.root)  # one traversal for every pass
        if not self.ended and _threads(lines) > MAX_COMMENT_HEADINGS:
            self.ended = True  # a heading per post: a Q&A page's threads are its content
        self.lines = lines
        self.visit(self.root, 0)
        if not self.listing:
            self.drop_headline(lines)
            if self.tuning.drop_metalines:
                self.drop_metalines(lines)
        return frozenset(self.dropped)

    def drop_metalines(self, lines: list[Line]) -> None:
        """Drop datelines, bylines and photo credits of an article.

        A page with many datelines is a thread or a list (each post has a date): its
        datelines are content and stay.
        """
        datelines: list[Line] = []
        for line in lines:
            if id(line) in self.dropped or line.chars > 250 or line.kind in ("cell", "quote"):
                continue
            text = line.text
            if text.startswith(("\u2014", "-", "\u2013")):
                continue  # an attribution ("— Name (@handle) date") of a quote
            lowered = text.lower()
            if _is_metaline(line, lowered):
                self.dropped.add(id(line))
            elif line.chars <= 120 and vocab.has_date(text, lowered) and _mostly_date(text):
                datelines.append(line)
        if len(datelines) <= MAX_DATELINES:
            self.dropped.update(id(line) for line in datelines)

    def visit(self, box: Box, depth: int) -> None:
        previous: Box | Line | None = None
        for item in box.items:
            if self.thread:
                self.dropped.add(id(item))
                continue
            if isinstance(item, Line):
                if item.chrome:
                    self.dropped.add(id(item))
                else:
                    self.seen += item.chars
                previous = item
                continue
            if item.chars == 0:
                continue
            if not self.ended and depth < COMMENTS_HEADING_DEPTH and self.comments_start(item):
                self.thread = True
                self.dropped.add(id(item))
                continue
            if item.card and not self.listing:
                self.dropped.add(id(item))
                if previous is not None and not (isinstance(previous, Box) and previous.card):
                    self.drop_label(previous)
            elif self.prose and _link_block(item, self.tuning.max_link_density):
                self.dropped.add(id(item))
            elif all_cards(item) and not self.listing:
                self.dropped.add(id(item))
                if previous is not None:
                    self.drop_label(previous)
            else:
                self.visit(item, depth + 1)
            previous = item

    def comments_start(self, box: Box) -> bool:
        """A heading that opens a comment thread (`vocab.is_comments_heading`) after the
        article's text: the thread that follows in the container is not the article
        (templates that put the comments in the post's own box, unmarked). Only near the
        container's top (`COMMENTS_HEADING_DEPTH`): deep inside, it is one post's comments
        on a Q&A page, whose posts are the content."""
        if box.n_lines != 1 or box.chars > COMMENTS_HEADING_CHARS or self.seen < COMMENTS_AFTER:
            return False
        line = iter_lines(box, 1)[0]
        if not line.kind.startswith("h") or line.link_chars * 2 > line.chars:
            return False
        lowered = line.text.lower()
        if not vocab.is_comments_heading(lowered):
            return False
        # a bare "Comments" or "Responses" can name a document's section (a language's
        # comment syntax, an API's responses): a thread must show its comments' dates
        return lowered.strip(_BARE_STRIP) not in _BARE_THREAD or _dated_after(self.lines, line)

    def drop_label(self, target: Box | Line) -> None:
        """Drop the short heading that labels a rail ("News", "Related posts")."""
        lines = [target] if isinstance(target, Line) else iter_lines(target)
        if len(lines) != 1:
            return
        line = lines[0]
        if (line.kind.startswith("h") and line.chars <= 60) or line.chars <= 30:
            self.dropped.add(id(target))

    def drop_headline(self, lines: list[Line]) -> None:
        """An article's leading <h1> is its title: metadata, not body text."""
        lines = [line for line in lines if id(line) not in self.dropped]
        prose = sum(line.chars for line in lines if line.kind == "p" and line.chars >= 80)
        if prose < HEADLINE_PROSE:
            return
        for line in lines[:6]:
            if line.kind == "h1":
                self.dropped.add(id(line))
                return
            if line.kind == "p" and line.chars >= 80:
                return


def _dated_after(lines: list[Line], heading: Line) -> bool:
    """A comment thread follows `heading`: a short line with a date (a comment's "Posted
    by ... | Apr 6, 2007", "... says: May 2 at 3:12 pm") within the next lines, or no line
    at all (a reply form). A section of a document named "Comments" has no dates."""
    at = next(i for i, line in enumerate(lines) if line is heading)
    after = lines[at + 1 : at + 1 + THREAD_LOOKAHEAD]
    return not after or any(
        line.chars <= THREAD_DATE_CHARS and vocab.has_date(line.text) for line in after
    )


def _threads(lines: list[Line]) -> int:
    """How many headings open a comment thread (`vocab.is_comments_heading`)."""
    return sum(
        1
        for line in lines
        if line.kind.startswith("h")
        and line.chars <= COMMENTS_HEADING_CHARS
        and vocab.is_comments_heading(line.text.lower())
    )


def _is_metaline(line: Line, lowered: str) -> bool:
    """A byline, photo credit, call to subscribe, reporting credit or teaser line.

    `lowered` is the line's text, lowercased.
    """
    text = line.text
    chars = line.chars
    if " " not in text and not dense(text):
        return vocab.BARE_LINK.match(text) is not None  # one word: only a bare address
    if chars <= 80 and vocab.is_credit(text, lowered):
        return True
    if chars <= vocab.PROMO_MAX_CHARS and vocab.is_promo(text, lowered):
        return True
    if chars <= TEASER_MAX_CHARS and vocab.is_teaser(lowered):
        return True
    if "by" not in lowered and "contributed" not in lowered:
        return False
    return vocab.is_reporting(lowered)


def _mostly_date(text: str) -> bool:
    """At most a few words besides the date, time and dateline vocabulary (a character
    of an unspaced script counts as a word)."""
    words = word_count(text)
    rest = word_count(vocab.DATE_PART.sub("", text))
    return rest <= max(3, words // 3)


def _link_block(box: Box, max_density: float) -> bool:
    """Mostly link text, and more than a short name (a poster's, an author's); not a
    sentence whose words are mostly links (`_linked_sentence`)."""
    if link_density(box) <= max_density:
        return False
    if box.n_lines == 1 and box.chars >= SENTENCE_CHARS and not box.kids:
        return not _linked_sentence(box)
    return box.n_lines >= 2 or box.chars > MAX_NAME_CHARS


def _linked_sentence(box: Box) -> bool:
    """A paragraph that is one sentence or more with links in it: plain words between the
    links (`SENTENCE_PLAIN` of its text) and a sentence mark at its end, as a list of
    link titles or a menu has not."""
    line = iter_lines(box, 1)[0]
    text = line.text.rstrip(" \"'\u201d\u2019)")
    if not text or text[-1] not in _SENTENCE_END:
        return False
    return line.chars - line.link_chars >= SENTENCE_PLAIN * line.chars


def all_cards(box: Box) -> bool:
    """A box whose content is only a rail (and maybe its label)."""
    if not (box.titles or box.ellipses):
        return False  # no card inside (see `_may_hold_rail`)
    children = [child for child in box.kids if child.chars]
    cards = sum(child.chars for child in children if child.card)
    return cards > 0 and cards >= 0.8 * box.chars


def select(top: Box, favour: str = "balanced", include_comments: bool = False) -> Selection:
    """Choose the main container of a page and what to prune inside it.

    `favour` is "balanced", "precision" or "recall" (see `Tuning`). With
    `include_comments`, comment sections outside the container follow it.
    """
    tuning = TUNINGS.get(favour, TUNINGS["balanced"])
    root, listing = choose(top, tuning, include_comments)
    skipped: set[int] = set()
    if not listing:
        root, skipped = _with_prose_siblings(root)
    dropped = _Pruner(root, listing, tuning, skipped, include_comments).run()
    extra = tuple(_comment_sections(top, root)) if include_comments else ()
    return Selection(root, dropped, extra)


def _with_prose_siblings(best: Box) -> tuple[Box, set[int]]:
    """Add the sibling blocks of prose that the descent left behind.

    An article body split by an ad or a promo into several sibling blocks, or a lede
    or summary kept apart from the body (a "read more" split), is taken whole: the
    parent becomes the container and its other children (share bars, ads, rails) are
    left out. A sibling next to the article (nothing but tiny blocks between) joins
    when it is prose; one further away must also weigh a share of the article.
    """
    parent = best.parent
    if parent is None or best.score <= 0:
        return best, set()
    floor = max(SIBLING_SHARE * best.score, MIN_SIBLING_SCORE)
    kids = parent.kids
    good = [kid for kid in kids if kid is not best and kid.score >= floor and _prose(kid)]
    at = kids.index(best)
    for side in (kids[at - 1 :: -1] if at else [], kids[at + 1 :]):
        for kid in side:
            if kid.chars < TINY_SIBLING_CHARS:
                continue
            if kid.score < MIN_SIBLING_SCORE or not _prose(kid):
                break
            good.append(kid)
    if not good:
        return best, set()
    keep = {id(best), *(id(kid) for kid in good)}
    return parent, {id(item) for item in parent.items if id(item) not in keep}


def _prose(box: Box) -> bool:
    """Not a card, with a long line and little link text."""
    return not box.card and box.long_lines > 0 and link_density(box) < SIBLING_LINK_DENSITY


def _comment_sections(top: Box, root: Box) -> list[Box]:
    """Outermost comment sections that are not inside (or around) the container."""
    found: list[Box] = []
    stack = [top]
    while stack:
        box = stack.pop()
        if box is root:
            continue
        if box.comment and box.chars and not _contains(box, root):
            found.append(box)
            continue
        stack.extend(reversed(box.kids))
    return found
