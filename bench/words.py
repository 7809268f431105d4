"""Title prefixes and word lists of the generated benchmark initiatives, one per language.

Small on purpose: the benchmark needs text in each language that searches and renders like
real text, not meaningful prose. The lists run in the same order in every language, so the
n-th word means the same thing everywhere ("water" is "eau" in French).
"""

TITLE_PREFIXES = {
    "en": "Benchmark initiative",
    "ar": "مبادرة تجريبية",
    "es": "Iniciativa de prueba",
    "fr": "Initiative d'essai",
    "ru": "Тестовая инициатива",
    "zh-hans": "基准测试倡议",
}

WORDS = {
    "en": (
        "water housing transport waste energy health food culture digital governance resilience "
        "climate mobility sanitation parks schools markets jobs youth women heat flood river "
        "budget data planning community cycling buses recycling compost solar trees air"
    ).split(),
    "ar": (
        "مياه إسكان نقل نفايات طاقة صحة غذاء ثقافة رقمي حوكمة صمود مناخ تنقل صرف حدائق مدارس "
        "أسواق وظائف شباب نساء حرارة فيضان نهر ميزانية بيانات تخطيط مجتمع دراجات حافلات تدوير "
        "سماد شمسية أشجار هواء"
    ).split(),
    "es": (
        "agua vivienda transporte residuos energía salud alimentación cultura digital gobernanza "
        "resiliencia clima movilidad saneamiento parques escuelas mercados empleo juventud "
        "mujeres calor inundación río presupuesto datos planificación comunidad bicicleta "
        "autobuses reciclaje compost solar árboles aire"
    ).split(),
    "fr": (
        "eau logement transport déchets énergie santé alimentation culture numérique gouvernance "
        "résilience climat mobilité assainissement parcs écoles marchés emplois jeunesse femmes "
        "chaleur inondation rivière budget données planification communauté vélo autobus "
        "recyclage compost solaire arbres air"
    ).split(),
    "ru": (
        "вода жильё транспорт отходы энергия здоровье питание культура цифровизация управление "
        "устойчивость климат мобильность канализация парки школы рынки работа молодёжь женщины "
        "жара наводнение река бюджет данные планирование сообщество велосипед автобусы "
        "переработка компост солнце деревья воздух"
    ).split(),
    "zh-hans": (
        "水 住房 交通 废物 能源 健康 食品 文化 数字 治理 韧性 气候 出行 卫生 公园 学校 市场 就业 "
        "青年 妇女 高温 洪水 河流 预算 数据 规划 社区 自行车 公交 回收 堆肥 太阳能 树木 空气"
    ).split(),
}

# Chinese is written without spaces between words and ends sentences with a full-width stop.
WORD_SEPARATORS = {"zh-hans": ""}
FULL_STOPS = {"zh-hans": "。"}


def sentence(rng, language_code, words=12):
    chosen = [rng.choice(WORDS[language_code]) for _ in range(words)]
    text = WORD_SEPARATORS.get(language_code, " ").join(chosen)
    return text[:1].upper() + text[1:] + FULL_STOPS.get(language_code, ".")
