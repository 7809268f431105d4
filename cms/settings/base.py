"""Settings shared by every environment. Everything that varies comes from environment variables."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

from .env import env_bool, env_float, env_int, env_int_list, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First, so that a serialized copy of the database (the tests' serialized_rollback) restores
    # the content types before the pages whose constructors look theirs up: a lookup that found
    # no row would create one, with another id than the copy's.
    "django.contrib.contenttypes",
    # Our apps first so their templates override Wagtail's.
    "cms",
    "pages",
    "knowledge",
    "library",
    "certification",
    "awards",
    "alerts",
    "network",
    "exchanges",
    "search",
    "syndication",
    "mailqueue",
    "files",
    # Tooling: the demo content and the benchmark data (their management commands).
    "demo",
    "bench",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django.contrib.syndication",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "corsheaders",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses what every layer below wrote (anonymous responses only, see cms.compression).
    "cms.compression.PublicGZipMiddleware",
    # Outside everything that answers, error pages and cached responses included (cms.security).
    "cms.security.ContentSecurityPolicyMiddleware",
    "cms.security.PermissionsPolicyMiddleware",
    # The client's address (through TRUSTED_PROXIES) for the log records of the request.
    "cms.client.ClientAddressMiddleware",
    # Errors as JSON under /api/ and as pages elsewhere, whatever inner layer produced them.
    "cms.middleware.ErrorBodyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Wagtail site of the request, from the sites each process keeps (cms.sites).
    "cms.sites.SiteMiddleware",
    # Before anything reads a parameter: NUL characters would fail PostgreSQL queries.
    "cms.middleware.RejectNulCharactersMiddleware",
    # Partner origins may read the API from browsers (before anything that answers early).
    "corsheaders.middleware.CorsMiddleware",
    "cms.ratelimit.RateLimitMiddleware",
    # Outside the cache: a cached response is answered 304 as well when the ETag matches.
    "django.middleware.http.ConditionalGetMiddleware",
    "cms.caching.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Idle and absolute session limits, before anything reads the user.
    "cms.security.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session entered its second factor, and holding staff at it until then.
    "django_otp.middleware.OTPMiddleware",
    "cms.two_factor.policy.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The admin's refusals in the user's admin language, as the admin's own pages are.
    "cms.middleware.AdminLanguageMiddleware",
    # Translators edit snippets of their languages only, in wagtail-localize's editor too;
    # the explorer does not show drafts to those who may not edit them.
    "knowledge.languages.admin_access.AdminPermissionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite next to the code unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the task worker share the file: write-ahead logging lets them read
    # while the other writes, and IMMEDIATE transactions wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, so that several app processes share it. Redis is a cache,
# not a dependency: when it does not answer within the socket timeouts, each process uses its
# own memory until Redis answers again (cms.cache_backend), trying again every RETRY_SECONDS.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache_backend.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "usdg"),
            "RETRY_SECONDS": env_float("REDIS_RETRY_SECONDS", 5.0),
            # The longest any key lives; "for ever" (timeout=None) means this long.
            "MAX_TIMEOUT": env_int("CACHE_MAX_TIMEOUT", 7 * 24 * 3600),
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_CONNECT_TIMEOUT", 0.5),
                "socket_timeout": env_float("REDIS_TIMEOUT", 1.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous responses (cms.caching): how long browsers (max-age) and front caches such as
# Varnish (s-maxage) keep them; front caches are also purged when content changes. With
# RESPONSE_CACHE_SECONDS the app processes keep them in the cache above too; off by default
# without Redis, since a per-process memory cache would not see another process's changes.
CACHE_MAX_AGE = env_int("CACHE_MAX_AGE", 60)
CACHE_SHARED_MAX_AGE = env_int("CACHE_SHARED_MAX_AGE", 600)
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", 600 if REDIS_URL else 0)
# Costly parts of responses that change rarely (knowledge.base.cache_tags.fragment), dropped by the
# same purges; shared by the processes only through Redis, so off without it.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 600 if REDIS_URL else 0)
CACHE_EXCLUDED_PATHS = (
    "/admin/",
    "/documents/",
    "/media-private/",
    "/healthz/",
    "/api/v2/preview/",
)
# A request carrying one of these cookies is personal: never answered from a cache. Other cookies
# are not part of the cache key. One address keeps at most this many query strings cached.
CACHE_BYPASS_COOKIES = ("sessionid", "messages", "csrftoken")
RESPONSE_CACHE_VARIANTS = env_int("RESPONSE_CACHE_VARIANTS", 100)

# Varnish servers in front (comma-separated base URLs, e.g. http://127.0.0.1:6081), banned by tag
# when content changes (cms.invalidation), from the app processes and the workers alike.
VARNISH_URLS = env_list("VARNISH_URLS")
VARNISH_TIMEOUT = env_int("VARNISH_TIMEOUT", 2)

# Browsers on partner sites may read the API and open data (django-cors-headers).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(api|opendata)/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified")
CORS_PREFLIGHT_MAX_AGE = 86400

# Proxies, rate limits, sign-in, sessions, personal data, second factor, CSP: cms.settings.access.
from .access import *  # noqa: E402, F403

# Languages: the six official UN languages, English as the source.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese (Simplified)")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# /admin/snippets/ lists every snippet type the user may open, those with menus of their own
# (Knowledge base, Certification…) included; without it, it lists none and sends users away.
WAGTAILSNIPPETS_MENU_SHOW_ALL = True
# Routes outside i18n_patterns (see cms/urls.py): never redirected to a /<lang>/ prefix.
LANGUAGE_INDEPENDENT_PATHS = (
    "/admin/",
    "/api/",
    "/documents/",
    "/media-private/",
    "/opendata/",
    "/healthz/",
    "/static/",
    "/media/",
    "/sitemap.xml",
    "/robots.txt",
)
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_TZ = True

# Translating a live page must not publish the translation by itself (wagtail-localize #266).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Approving a translation's review publishes it although its reviewer holds no publish
# permission (knowledge.languages.review); other workflows publish as Wagtail does.
WAGTAIL_FINISH_WORKFLOW_ACTION = "knowledge.languages.workflow_finish.finish_workflow"

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Every upload goes through files.storage: names under "private/" (uploads of unpublished
# submissions, anything in a collection with a view restriction, certification evidence) live
# in the private location and are served only by the permission-checked view at
# /media-private/; everything else in the public one (MEDIA_ROOT served at MEDIA_URL, or the
# bucket). See the README, "Privacy and files".
STORAGES = {
    "default": {"BACKEND": "files.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "evidence": {"BACKEND": "files.storage.EvidenceStorage"},
}
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
# The web server sends private files itself when the app answers with a header naming them:
# nginx's X-Accel-Redirect (an `internal` location mapped to PRIVATE_MEDIA_ROOT) or X-Sendfile
# (Apache's mod_xsendfile, lighttpd). Otherwise the app streams them.
PRIVATE_MEDIA_ACCEL_PREFIX = env_str("PRIVATE_MEDIA_ACCEL_PREFIX")
PRIVATE_MEDIA_X_SENDFILE = env_bool("PRIVATE_MEDIA_X_SENDFILE", False)
# Seconds a signed URL to a private object in the bucket works (the view redirects to one).
PRIVATE_MEDIA_URL_EXPIRY = env_int("PRIVATE_MEDIA_URL_EXPIRY", 60)

# S3-compatible object storage for media, when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
    # Objects get the bucket's default ACL (private); public media URLs are signed unless
    # AWS_QUERYSTRING_AUTH is off (then the bucket policy must allow reading all but the
    # private prefix).
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    # Signature version 4: what AWS requires, and signed URLs that carry their lifetime.
    AWS_S3_SIGNATURE_VERSION = env_str("AWS_S3_SIGNATURE_VERSION", "s3v4")
    AWS_S3_FILE_OVERWRITE = False
# The key prefix of private objects in the bucket: never public-read, never under a custom
# domain, reached only through a signed URL the permission-checked view redirects to.
PRIVATE_MEDIA_S3_PREFIX = env_str("PRIVATE_MEDIA_S3_PREFIX", "private").strip("/")
if not PRIVATE_MEDIA_S3_PREFIX:
    raise ImproperlyConfigured("PRIVATE_MEDIA_S3_PREFIX must not be empty.")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# Mail, background jobs, periodic tasks, certification deadlines: cms.settings.jobs.
from .jobs import *  # noqa: E402, F403

# Backups (cms.backup): `manage.py backup` without a path and the scheduled job write into
# BACKUP_DIR (outside MEDIA_ROOT; copy it off the machine) and keep the newest BACKUP_KEEP.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)

# Webhooks to partner sites (syndication): seconds to wait for a receiver's answer, and the
# seconds before each retry of a failed delivery (after the last one it has failed for good).
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10)
WEBHOOK_RETRY_DELAYS = env_int_list("WEBHOOK_RETRY_DELAYS", [60, 300, 1800, 7200, 43200])

# Search: the database backend by default; Elasticsearch or OpenSearch when configured.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
OPENSEARCH_URL = env_str("OPENSEARCH_URL")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "usdg_")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's backend with an analyser per language (search/backends).
            "BACKEND": "search.backends.elasticsearch" + env_str("ELASTICSEARCH_VERSION", "9"),
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": env_int("SEARCH_TIMEOUT", 10),
        }
    }
elif OPENSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.opensearch" + env_str("OPENSEARCH_VERSION", "3"),
            "URLS": env_list("OPENSEARCH_URL"),
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": env_int("SEARCH_TIMEOUT", 10),
        }
    }
else:
    # Wagtail's, with queries cut to a bounded number of words (search.backends.database).
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

# Wagtail
WAGTAIL_SITE_NAME = "Urban SDG Knowledge Platform"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
# Every API error is {"message": "…"}, DRF's own included.
REST_FRAMEWORK = {"EXCEPTION_HANDLER": "cms.api.exception_handler"}
# Rich text as HTML for partner sites (Wagtail's default is its internal database format).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# The admin calls no third party: no Gravatar images (staff addresses' hashes would leave the
# site) and no check for new Wagtail releases; the Content-Security-Policy allows neither.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Headless preview: how long a preview token works, and the partner front end's preview address
# ({token}, {page_id}, {locale} are filled in); without one the admin shows the token.
HEADLESS_PREVIEW_MAX_AGE = env_int("HEADLESS_PREVIEW_MAX_AGE", 3600)
HEADLESS_PREVIEW_URL = env_str("HEADLESS_PREVIEW_URL")

# Certification: evidence uploads, and how many days before a clarification deadline the city
# is reminded.
EVIDENCE_EXTENSIONS = ["csv", "docx", "jpg", "jpeg", "odt", "pdf", "png", "pptx", "xlsx", "zip"]
EVIDENCE_MAX_UPLOAD_SIZE = env_int("EVIDENCE_MAX_UPLOAD_SIZE", 25 * 1024 * 1024)
CLARIFICATION_REMINDER_DAYS = env_int("CLARIFICATION_REMINDER_DAYS", 3)
# Certificates: how long they are valid, and how many days before expiry the city is reminded.
CERTIFICATE_VALIDITY_YEARS = env_int("CERTIFICATE_VALIDITY_YEARS", 3)
CERTIFICATE_REMINDER_DAYS = env_int("CERTIFICATE_REMINDER_DAYS", 60)
SPOT_CHECK_SHARE = env_str("SPOT_CHECK_SHARE", "0.25")
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Images with more pixels are refused on upload (Wagtail's image field, in the admin and in My
# City): decoding one for renditions takes about four bytes per pixel. A 40-megapixel photograph
# passes; Wagtail's default (128 million) lets a PNG of a few kilobytes take half a gigabyte of
# a worker's memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
# Counted from the file's header before Wagtail decodes the image (knowledge.uploads.images).
WAGTAILIMAGES_IMAGE_FORM_BASE = "knowledge.uploads.image_forms.LibraryImageForm"

# City maps: a tile server URL template such as https://tile.example.org/{z}/{x}/{y}.png and the
# attribution its licence requires. Without one, pages show coordinates as text.
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION")

# Error reports and logs: cms.settings.reporting.
from .reporting import *  # noqa: E402, F403

# Seconds a client is asked to wait (Retry-After) when the database cannot be reached.
DATABASE_RETRY_AFTER = env_int("DATABASE_RETRY_AFTER", 30)
