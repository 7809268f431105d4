"""The default site, its home page and the "About the platform" page, in the six languages."""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Site

from pages.models import HomePage, StandardPage

from .pages import translate_page, update_page, upsert_page

HOME = {
    "title": "Urban SDG Knowledge Platform",
    "intro": (
        "Cities around the world share here the policies and initiatives that bring them closer "
        "to the Sustainable Development Goals. See what has worked, learn from the cities that "
        "did it, and get in touch with them."
    ),
    "heading": "What you will find here",
    "paragraph": (
        "A searchable database of urban initiatives, the profiles of the cities behind them, "
        "events and webinars on urban policy for the goals, and the SDG Cities certification."
    ),
}

HOME_TRANSLATIONS = {
    "ar": {
        "slug": "home-ar",
        "title": "منصة المعرفة الحضرية لأهداف التنمية المستدامة",
        "intro": (
            "تتبادل المدن من جميع أنحاء العالم هنا السياسات والمبادرات التي تقرّبها من تحقيق "
            "أهداف التنمية المستدامة. اطّلع على ما نجح، وتعلّم من المدن التي حققته، وتواصل معها."
        ),
        "heading": "ما الذي ستجده هنا",
        "paragraph": (
            "قاعدة بيانات قابلة للبحث للمبادرات الحضرية، وملفات تعريفية للمدن التي تقف وراءها، "
            "وفعاليات وندوات عبر الإنترنت حول السياسات الحضرية لتحقيق الأهداف، وشهادة مدن أهداف "
            "التنمية المستدامة."
        ),
    },
    "zh-hans": {
        "slug": "home-zh-hans",
        "title": "城市可持续发展目标知识平台",
        "intro": (
            "世界各地的城市在这里分享帮助它们实现可持续发展目标的政策和举措。"
            "了解哪些做法行之有效，向成功的城市学习，并与它们取得联系。"
        ),
        "heading": "您可以在这里找到",
        "paragraph": (
            "可检索的城市举措数据库、推动这些举措的城市简介、关于实现目标的城市政策的活动和网络研讨会，"
            "以及可持续发展目标城市认证。"
        ),
    },
    "fr": {
        "slug": "home-fr",
        "title": "Plateforme de connaissances urbaines sur les ODD",
        "intro": (
            "Des villes du monde entier partagent ici les politiques et les initiatives qui les "
            "rapprochent des objectifs de développement durable. Découvrez ce qui a fonctionné, "
            "apprenez des villes qui l'ont fait et prenez contact avec elles."
        ),
        "heading": "Ce que vous trouverez ici",
        "paragraph": (
            "Une base de données consultable d'initiatives urbaines, les profils des villes qui les "
            "portent, des événements et des webinaires sur les politiques urbaines au service des "
            "objectifs, ainsi que la certification SDG Cities."
        ),
    },
    "ru": {
        "slug": "home-ru",
        "title": "Платформа знаний о городских ЦУР",
        "intro": (
            "Города всего мира делятся здесь политикой и инициативами, которые приближают их к "
            "достижению целей в области устойчивого развития. Узнайте, что уже сработало, "
            "поучитесь у городов, которые этого добились, и свяжитесь с ними."
        ),
        "heading": "Что вы здесь найдёте",
        "paragraph": (
            "Базу данных городских инициатив с поиском, профили городов, которые их реализуют, "
            "мероприятия и вебинары по городской политике для достижения целей, а также "
            "сертификацию SDG Cities."
        ),
    },
    "es": {
        "slug": "home-es",
        "title": "Plataforma de conocimiento urbano sobre los ODS",
        "intro": (
            "Ciudades de todo el mundo comparten aquí las políticas e iniciativas que las acercan a "
            "los Objetivos de Desarrollo Sostenible. Descubra lo que ha funcionado, aprenda de las "
            "ciudades que lo lograron y póngase en contacto con ellas."
        ),
        "heading": "Lo que encontrará aquí",
        "paragraph": (
            "Una base de datos de iniciativas urbanas con buscador, los perfiles de las ciudades que "
            "las impulsan, eventos y seminarios web sobre políticas urbanas para los Objetivos y la "
            "certificación SDG Cities."
        ),
    },
}

ABOUT = {
    "title": "About the platform",
    "intro": (
        "The Urban SDG Knowledge Platform helps cities learn from one another as they put the "
        "2030 Agenda for Sustainable Development into practice."
    ),
    "why_heading": "Why cities",
    "why": (
        "Every one of the seventeen goals has an urban side, and most of their targets cannot be "
        "met without local governments. Cities that have found solutions that work can help "
        "others adapt them and take them further."
    ),
    "how_heading": "How it works",
    "how": (
        "Registered cities upload their policies and initiatives, which moderators review before "
        "they are published. Visitors search them by theme, goal, region or keyword, and members "
        "can comment on them and contact the cities behind them."
    ),
}

ABOUT_TRANSLATIONS = {
    "ar": {
        "title": "عن المنصة",
        "intro": (
            "تساعد منصة المعرفة الحضرية لأهداف التنمية المستدامة المدنَ على التعلّم من بعضها "
            "البعض وهي تضع خطة التنمية المستدامة لعام 2030 موضع التنفيذ."
        ),
        "why_heading": "لماذا المدن",
        "why": (
            "لكل هدف من الأهداف السبعة عشر جانب حضري، ولا يمكن بلوغ معظم غاياتها من دون الحكومات "
            "المحلية. ويمكن للمدن التي وجدت حلولًا ناجحة أن تساعد غيرها على تكييفها والمضي بها قدمًا."
        ),
        "how_heading": "كيف تعمل المنصة",
        "how": (
            "تحمّل المدن المسجّلة سياساتها ومبادراتها، ويراجعها المشرفون قبل نشرها. ويبحث الزوار "
            "فيها حسب الموضوع أو الهدف أو المنطقة أو الكلمة المفتاحية، ويمكن للأعضاء التعليق عليها "
            "والتواصل مع المدن التي تقف وراءها."
        ),
    },
    "zh-hans": {
        "title": "关于平台",
        "intro": "城市可持续发展目标知识平台帮助各城市在落实《2030年可持续发展议程》的过程中相互学习。",
        "why_heading": "为什么是城市",
        "why": (
            "十七项目标中的每一项都有城市层面的内容，其中大多数具体目标离不开地方政府的参与。"
            "找到有效解决方案的城市可以帮助其他城市借鉴并加以推广。"
        ),
        "how_heading": "平台如何运作",
        "how": (
            "注册城市上传其政策和举措，经审核员审核后发布。访问者可按主题、目标、区域或关键词进行检索，"
            "会员可以发表评论并与相关城市联系。"
        ),
    },
    "fr": {
        "slug": "a-propos",
        "title": "À propos de la plateforme",
        "intro": (
            "La Plateforme de connaissances urbaines sur les ODD aide les villes à apprendre les "
            "unes des autres dans la mise en œuvre du Programme de développement durable à "
            "l'horizon 2030."
        ),
        "why_heading": "Pourquoi les villes",
        "why": (
            "Chacun des dix-sept objectifs a une dimension urbaine, et la plupart de leurs cibles ne "
            "peuvent être atteintes sans les collectivités locales. Les villes qui ont trouvé des "
            "solutions efficaces peuvent aider les autres à les adapter et à aller plus loin."
        ),
        "how_heading": "Comment cela fonctionne",
        "how": (
            "Les villes inscrites déposent leurs politiques et leurs initiatives, que des modérateurs "
            "examinent avant publication. Les visiteurs les recherchent par thème, objectif, région "
            "ou mot-clé, et les membres peuvent les commenter et contacter les villes qui les portent."
        ),
    },
    "ru": {
        "slug": "o-platforme",
        "title": "О платформе",
        "intro": (
            "Платформа знаний о городских ЦУР помогает городам учиться друг у друга, воплощая в "
            "жизнь Повестку дня в области устойчивого развития на период до 2030 года."
        ),
        "why_heading": "Почему города",
        "why": (
            "У каждой из семнадцати целей есть городское измерение, и большинство их задач "
            "невозможно решить без местных органов власти. Города, нашедшие работающие решения, "
            "могут помочь другим адаптировать их и развить дальше."
        ),
        "how_heading": "Как это работает",
        "how": (
            "Зарегистрированные города загружают свои стратегии и инициативы, которые модераторы "
            "проверяют перед публикацией. Посетители ищут их по теме, цели, региону или ключевому "
            "слову, а участники могут комментировать их и связываться с городами-авторами."
        ),
    },
    "es": {
        "slug": "acerca-de",
        "title": "Acerca de la plataforma",
        "intro": (
            "La Plataforma de conocimiento urbano sobre los ODS ayuda a las ciudades a aprender unas "
            "de otras mientras ponen en práctica la Agenda 2030 para el Desarrollo Sostenible."
        ),
        "why_heading": "Por qué las ciudades",
        "why": (
            "Cada uno de los diecisiete Objetivos tiene una dimensión urbana, y la mayoría de sus "
            "metas no pueden alcanzarse sin los gobiernos locales. Las ciudades que han encontrado "
            "soluciones que funcionan pueden ayudar a otras a adaptarlas y llevarlas más lejos."
        ),
        "how_heading": "Cómo funciona",
        "how": (
            "Las ciudades registradas suben sus políticas e iniciativas, que los moderadores revisan "
            "antes de publicarlas. Los visitantes las buscan por tema, objetivo, región o palabra "
            "clave, y los miembros pueden comentarlas y contactar con las ciudades que las impulsan."
        ),
    },
}


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


def _paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def load(log):
    home = HomePage.objects.get(locale__language_code="en", depth=2)
    home = update_page(
        home,
        {
            "title": HOME["title"],
            "intro": HOME["intro"],
            "body": [_heading(HOME["heading"]), _paragraph(HOME["paragraph"])],
        },
        log,
    )
    translate_page(home, HOME, HOME_TRANSLATIONS, log)

    about = upsert_page(
        home,
        StandardPage,
        "about",
        {
            "title": ABOUT["title"],
            "intro": ABOUT["intro"],
            "body": [
                _heading(ABOUT["why_heading"]),
                _paragraph(ABOUT["why"]),
                _heading(ABOUT["how_heading"]),
                _paragraph(ABOUT["how"]),
            ],
        },
        log,
    )
    translate_page(about, ABOUT, ABOUT_TRANSLATIONS, log)


def configure_default_site(log):
    """Point the default site at the address the demo is served on, so API links work."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
        log(f"Default site: {hostname}:{port}")
