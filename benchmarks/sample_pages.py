"""The texts of the bundled sample crawl: original articles, a forum thread, a product page...

All prose here was written for thresher; none is copied from the web. Each
entry is the *main content* of a page; :mod:`make_sample` wraps it in site
chrome (navigation, cookie banners, sidebars, teaser rails, footers).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """The main content of one page."""

    slug: str
    lang: str
    title: str
    byline: str
    date: str
    paragraphs: tuple[str, ...]
    extra: dict[str, str] = field(default_factory=dict)


SAILBOAT = Article(
    slug="restoring-a-1974-sloop",
    lang="en",
    title="Three winters in a shed: restoring a 1974 sloop",
    byline="Maren Holt",
    date="2026-02-11",
    paragraphs=(
        "When Dana Okafor bought the Petrel for the price of a used bicycle, the previous owner "
        "warned her that the boat had not touched water since the late nineties. The hull was "
        "sound, he said, but everything attached to it was a question mark. Three winters later, "
        "the little sloop is back on its mooring at the end of the harbour, and Okafor can list "
        "from memory every bolt she has replaced.",
        "The first winter went almost entirely into the deck. Water had found its way past the "
        "old chainplates and soaked the plywood core, which crumbled like wet cake when she cut "
        "the first inspection hole. She removed the rotten core from below, working upside down "
        "with a headlamp, and laid new foam board in epoxy. \"It is the least glamorous job in "
        "boatbuilding,\" she says, \"and the only one that decides whether the boat lasts.\"",
        "The second winter was for the rig. The original aluminium mast was straight, but the "
        "standing rigging had hardened at every swage fitting, and two of the spreader brackets "
        "showed hairline cracks. A rigger in the next town replaced the wire and built new "
        "brackets from a drawing Okafor made of the old ones, which she still keeps pinned above "
        "her workbench.",
        "By the third winter the work turned cosmetic: varnish for the teak handrails, new "
        "cushions sewn on a borrowed machine, and a coat of pale grey paint for the topsides. "
        "The engine, a single-cylinder diesel older than its owner, needed only a new raw-water "
        "pump and a great deal of patience.",
        "Asked what she would tell someone eyeing a cheap old boat, Okafor laughs. Buy the one "
        "with the dry deck, she says, even if it costs three times as much. Then she looks out "
        "at the Petrel swinging on its mooring and admits she would do it all again.",
    ),
)

BIKE_LANES = Article(
    slug="council-approves-riverside-bike-lanes",
    lang="en",
    title="Council approves protected bike lanes along Riverside Avenue",
    byline="Tomas Reyes",
    date="2026-03-04",
    paragraphs=(
        "The city council voted seven to four on Tuesday night to build a protected bike lane "
        "along the full length of Riverside Avenue, ending a debate that has filled public "
        "meetings since last spring.",
        "The plan removes one lane of car traffic in each direction between the old grain "
        "terminal and the university bridge and replaces it with a raised cycle track separated "
        "from the road by a planted curb. Parking on the river side of the avenue will be kept, "
        "but the spaces will move outward so that parked cars shield the lane from traffic.",
        "Supporters pointed to the eleven crashes involving cyclists on the avenue in the past "
        "three years, two of them serious. Several shop owners spoke against the plan, saying "
        "deliveries would become harder and that customers already struggle to find parking. "
        "The council added an amendment requiring loading zones on every block with a business "
        "entrance.",
        "Construction is expected to begin in late summer and to take about fourteen months. "
        "The city's transport office estimates the cost at 6.8 million, two thirds of which will "
        "come from a regional grant for safer streets.",
        "Councillor Ines Varga, who proposed the project, said after the vote that the avenue "
        "had been designed for a city that no longer exists. \"Half of the people on this road "
        "at rush hour are students on bicycles,\" she said. \"Tonight we decided to build a street "
        "for them as well.\"",
    ),
)

# A syndicated copy of BIKE_LANES on another site: same story, one paragraph reworded,
# a closing line added (a near duplicate).
BIKE_LANES_SYNDICATED = Article(
    slug="riverside-avenue-bike-lanes-approved",
    lang="en",
    title="Council approves protected bike lanes along Riverside Avenue",
    byline="Tomas Reyes, Regional News Service",
    date="2026-03-05",
    paragraphs=(
        *BIKE_LANES.paragraphs[:3],
        "Construction should begin in late summer and is expected to take roughly fourteen "
        "months. The city's transport office puts the cost at 6.8 million, two thirds of it "
        "covered by a regional grant for safer streets.",
        BIKE_LANES.paragraphs[4],
        "This story was distributed by the Regional News Service.",
    ),
)

BIBLIOTHEK = Article(
    slug="neue-stadtbibliothek-eroeffnet",
    lang="de",
    title="Die neue Stadtbibliothek öffnet im alten Güterbahnhof",
    byline="Katrin Albers",
    date="2026-01-23",
    paragraphs=(
        "Nach vier Jahren Umbau hat die Stadtbibliothek am Samstag ihre Türen im ehemaligen "
        "Güterbahnhof geöffnet. Schon eine Stunde vor der Eröffnung standen Familien, "
        "Studierende und Rentner in einer langen Schlange vor dem Backsteingebäude.",
        "Die Architekten haben die alte Lagerhalle weitgehend erhalten. Die eisernen Dachträger "
        "sind sichtbar geblieben, und zwischen den Regalen verlaufen noch die Schienen, auf denen "
        "früher Güterwagen beladen wurden. Im Obergeschoss gibt es Lesesäle mit Blick über die "
        "Gleise, im Erdgeschoss eine Kinderabteilung mit einer kleinen Bühne für Vorlesestunden.",
        "Neu ist auch das Konzept: Die Bibliothek ist künftig an sieben Tagen in der Woche "
        "geöffnet, sonntags und abends ohne Personal. Wer einen Bibliotheksausweis besitzt, "
        "kommt mit der Karte ins Gebäude und kann Bücher an Automaten selbst ausleihen und "
        "zurückgeben.",
        "Bibliotheksleiterin Sevgi Brandt sieht das Haus als Treffpunkt für die ganze Stadt. "
        "„Wir wollen ein Ort sein, an dem man sich aufhalten darf, ohne etwas kaufen zu müssen“, "
        "sagte sie bei der Eröffnung. Der Umbau hat rund 31 Millionen Euro gekostet.",
    ),
)

LEVAIN = Article(
    slug="pain-au-levain-pas-a-pas",
    lang="fr",
    title="Le pain au levain, pas à pas, sans machine ni stress",
    byline="Claire Fontaine",
    date="2025-11-30",
    paragraphs=(
        "Faire son pain au levain a la réputation d'être compliqué. Pourtant, la méthode tient "
        "en quelques gestes simples, à condition d'accepter que la pâte ait son propre rythme. "
        "Le plus difficile reste de ne pas s'impatienter.",
        "Tout commence la veille au soir. On rafraîchit le levain avec un poids égal de farine et "
        "d'eau tiède, puis on le laisse à température ambiante. Le lendemain matin, il doit avoir "
        "doublé de volume et sentir légèrement la pomme acide. S'il sent le vinaigre ou "
        "l'acétone, il a faim : on recommence le rafraîchi.",
        "On mélange ensuite 500 grammes de farine de blé, 350 grammes d'eau et 100 grammes de "
        "levain, puis on laisse reposer une demi-heure avant d'ajouter le sel. Pendant les trois "
        "heures suivantes, on rabat la pâte sur elle-même toutes les quarante minutes, sans la "
        "pétrir : elle devient peu à peu lisse et élastique.",
        "Après le façonnage, le pâton passe la nuit au réfrigérateur dans un panier fariné. Cette "
        "longue fermentation au froid développe les arômes et rend la cuisson plus facile. On "
        "enfourne le matin dans une cocotte en fonte préchauffée à 250 degrés, vingt minutes "
        "couvert puis vingt-cinq minutes à découvert.",
        "Le résultat : une croûte qui chante en refroidissant et une mie alvéolée, légèrement "
        "acidulée. Le premier pain est rarement parfait, mais le troisième l'est presque toujours.",
    ),
)

HUERTOS = Article(
    slug="huertos-urbanos-valencia",
    lang="es",
    title="Los huertos urbanos vuelven a los barrios de Valencia",
    byline="Lucía Ferrer",
    date="2026-02-27",
    paragraphs=(
        "En un solar que durante quince años solo acumuló escombros, entre dos bloques de "
        "viviendas del barrio de Benimaclet, crecen ahora tomates, acelgas y habas. El huerto "
        "lo cultivan cuarenta vecinos que se reparten las parcelas por sorteo cada otoño.",
        "La iniciativa forma parte de un programa municipal que cede terrenos sin uso a "
        "asociaciones vecinales durante diez años. El ayuntamiento aporta el agua y una caseta "
        "para las herramientas; los vecinos se comprometen a cultivar sin pesticidas químicos y "
        "a abrir el huerto a los colegios del barrio una mañana por semana.",
        "Para muchos participantes, la cosecha es lo de menos. «Aquí he conocido a más gente en "
        "un año que en veinte viviendo en el mismo portal», cuenta Amparo Soler, jubilada y "
        "responsable de la parcela de hierbas aromáticas. Los sábados, el huerto se llena de "
        "niños que riegan con regaderas más grandes que ellos.",
        "La ciudad cuenta ya con treinta y dos huertos de este tipo y la lista de espera supera "
        "las seiscientas personas. El próximo año se abrirán otros seis en antiguos solares de "
        "los barrios del norte.",
    ),
)

EKI = Article(
    slug="mujin-eki-toshokan",
    lang="ja",
    title="無人駅が小さな図書館に生まれ変わる",
    byline="佐藤 美咲",
    date="2026-02-02",
    paragraphs=(
        "山あいを走るローカル線の小さな駅が、この春から町の図書館として使われることになった。"
        "駅員がいなくなって十年以上、待合室は冬になると閉め切られたままだったが、"
        "地元の高校生たちの提案で新しい役割を得た。",
        "待合室の壁には手作りの本棚が並び、住民から寄贈された約二千冊の本が置かれている。"
        "貸し出しの手続きはなく、読みたい本を持ち帰り、読み終えたら戻すだけという仕組みだ。"
        "列車を待つ間に読める短編集や写真集のコーナーも設けられた。",
        "発案した高校三年生の山本さんは「通学で毎日使う駅が寂しいままなのは嫌だった」と話す。"
        "本棚の組み立てには地域の大工さんが協力し、古いベンチも磨き直された。",
        "町は来年度、ほかの二つの無人駅でも同じ取り組みを始める予定だ。"
        "駅が人の集まる場所に戻ることで、路線の利用者が少しでも増えることが期待されている。",
    ),
)

YEPAO = Article(
    slug="chengshi-yepao",
    lang="zh",
    title="城市夜跑：下班后的另一种生活",
    byline="林晓",
    date="2026-01-09",
    paragraphs=(
        "晚上八点，江边步道上的路灯刚刚亮起，三三两两的跑者已经开始热身。"
        "过去两年，这座城市的夜跑团从不到十个增加到六十多个，成员大多是附近写字楼里的上班族。",
        "“白天根本没有时间运动，晚上跑一个小时，整个人都放松了。”在一家设计公司工作的陈女士说。"
        "她所在的跑团每周二和周四集合，按照配速分成三组，最慢的一组每公里七分钟，新手也能跟上。",
        "为了方便夜跑，市政部门去年在江边增加了照明和饮水点，并在主要路段设置了距离标识。"
        "不过也有居民反映，人多的时候跑者和散步的老人容易发生碰撞，希望能划分专门的跑步区域。",
        "体育专家提醒，夜跑前不要吃得太饱，最好穿着带有反光条的衣服，并选择熟悉、明亮的路线。"
        "对于刚开始跑步的人来说，循序渐进比追求速度更重要。",
    ),
)

FORUM_POSTS: tuple[tuple[str, str, str], ...] = (
    ("crumb_and_co", "2026-02-14 21:07",
     "My starter is three weeks old and it suddenly smells like nail polish remover. It was "
     "fine last week, bubbly and doubling in about six hours. I feed it once a day with equal "
     "weights of rye and water and keep it on the kitchen counter. Did I kill it?"),
    ("oldmillbaker", "2026-02-14 21:40",
     "You did not kill it, it is hungry. That acetone smell shows up when the yeast and "
     "bacteria have run out of food. Try feeding twice a day for a few days, and use a "
     "bigger ratio, like one part starter to five parts flour and five parts water."),
    ("crumb_and_co", "2026-02-15 08:12",
     "Thanks! Does it matter that my kitchen is warm? The radiator is right under that counter."),
    ("Pita_Pan", "2026-02-15 09:55",
     "Warmth speeds everything up, so it burns through its food faster. Move it somewhere "
     "around 22 degrees if you can. Mine lives on top of the fridge in winter and in the "
     "pantry in summer."),
    ("crumb_and_co", "2026-02-17 19:30",
     "Update: two days of twice-a-day feeding away from the radiator and it smells like "
     "yoghurt again. Baked my first loaf this morning. Not pretty, but very tasty."),
)

@dataclass(frozen=True)
class Product:
    """A shop's product page content."""

    name: str
    price: str
    description: tuple[str, ...]
    specs: tuple[tuple[str, str], ...]
    reviews: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class DocsPage:
    """A documentation page: text, a code example, more text."""

    title: str
    intro: tuple[str, ...]
    code: str
    after: tuple[str, ...]


PRODUCT = Product(
    name="Trailhead 28 Daypack",
    price="89.00",
    description=(
        "The Trailhead 28 is built for long day hikes when the weather cannot make up its mind. "
        "Its main compartment opens wide like a suitcase, so the rain jacket at the bottom is "
        "as easy to reach as the sandwich on top. A ventilated back panel keeps a gap between "
        "you and the load, and the hip belt tucks away when you only need the pack for the "
        "commute.",
        "The body is made of recycled ripstop with a water-repellent finish, and the seams "
        "around the zip are taped. Two stretch side pockets take a one-litre bottle each, and "
        "a hydration sleeve fits a three-litre reservoir.",
    ),
    specs=(("Volume", "28 litres"), ("Weight", "980 g"), ("Back length", "45-52 cm"),
           ("Material", "Recycled polyamide ripstop"), ("Colours", "Moss, Slate, Rust")),
    reviews=(
        ("Jonas", "5", "Used it for a week in the hills. Comfortable even when fully packed."),
        ("Priya", "4", "Great pack, but the hip belt pockets could be a little larger."),
    ),
)

DOCS = DocsPage(
    title="Configuring the retry policy",
    intro=(
        "Every client keeps a retry policy that decides what happens when a request fails. "
        "By default a request that fails with a connection error or a 503 response is tried "
        "again up to three times, waiting a little longer before each attempt.",
        "You can change the policy for a whole client or for a single call. A policy set on a "
        "call always takes precedence over the client's policy.",
    ),
    code=(
        "from quayside import Client, RetryPolicy\n\n"
        "policy = RetryPolicy(max_attempts=5, backoff_s=0.5, retry_on={502, 503, 504})\n"
        "client = Client(\"https://api.example.net\", retry=policy)"
    ),
    after=(
        "The waiting time doubles after every failed attempt, starting at backoff_s seconds, "
        "and a random jitter of up to ten percent is added so that many clients do not retry "
        "at the same moment. Set max_attempts to 1 to disable retries entirely.",
        "Requests that are not idempotent, such as POST, are never retried unless you pass "
        "retry_unsafe=True. Retrying them can create duplicate orders or messages on the "
        "server, so enable it only if the endpoint accepts an idempotency key.",
    ),
)

LISTING_TEASERS: tuple[tuple[str, str], ...] = (
    ("Three winters in a shed: restoring a 1974 sloop",
     "A cheap old boat, a rotten deck and a lot of epoxy."),
    ("Council approves protected bike lanes along Riverside Avenue",
     "Construction of the raised cycle track starts in late summer."),
    ("Night markets return to the harbour", "Forty stalls, one rule: everything under ten."),
    ("How the tide tables are made", "A visit to the office that predicts the sea."),
    ("Letters: on parking, pigeons and the new bridge", "Our readers write back."),
    ("Weekend weather: showers, then sun", "Bring a jacket on Saturday."),
)
