from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from alerts.urls import urlpatterns as alerts_urlpatterns
from awards.urls import urlpatterns as awards_urlpatterns
from certification.urls import urlpatterns as certification_urlpatterns
from cms import health, link_chooser, openapi, personal_data_views, serve, views
from cms.api import api_router
from cms.two_factor.urls import urlpatterns as two_factor_urlpatterns
from exchanges.partner_urls import urlpatterns as partners_area_urlpatterns
from exchanges.urls import urlpatterns as exchanges_urlpatterns
from files import urls as files_urls
from knowledge.community.urls import urlpatterns as interaction_urlpatterns
from knowledge.opendata.urls import urlpatterns as opendata_urlpatterns
from knowledge.urls import account_urlpatterns
from knowledge.urls import urlpatterns as my_city_urlpatterns
from pages.feeds import FEEDS, atom
from pages.sitemaps import MultilingualSitemap
from search import views as search_views

handler500 = "cms.views.server_error"

# Language-independent routes: the admin, documents and private media, the API, open data
# and health checks.
urlpatterns = [
    # Before Wagtail's own route of the same name (see cms.link_chooser).
    path(
        "admin/choose-external-link/",
        link_chooser.external_link_chooser,
        name="wagtailadmin_choose_page_external_link",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Documents under their titles, and private ones only to those allowed (files.views);
    # Wagtail's document URLs after them.
    path("documents/", include(files_urls.document_urlpatterns)),
    path("documents/", include(wagtaildocs_urls)),
    # Private images, renditions and documents, to those allowed.
    path("media-private/", include(files_urls.urlpatterns)),
    path("api/v2/schema/", openapi.schema_view, name="api_schema"),
    path("api/v2/docs/", openapi.docs_view, name="api_docs"),
    path("api/v2/", api_router.urls),
    path("opendata/", include(opendata_urlpatterns)),
    path("healthz/", health.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.root_icon, {"name": "favicon.ico"}, name="favicon"),
    path("apple-touch-icon.png", views.root_icon, {"name": "apple-touch-icon.png"}),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public routes carry the language: /en/…, /ar/…, /zh-hans/…
feeds = []
for kind, feed in FEEDS.items():
    feeds.append(path(f"feeds/{kind}.rss", feed(), name=f"feed_{kind}_rss"))
    feeds.append(path(f"feeds/{kind}.atom", atom(feed)(), name=f"feed_{kind}_atom"))

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    # A member's own data (cms.personal_data): download and account deletion.
    path("my-city/data/", personal_data_views.download, name="personal_data_download"),
    path("my-city/delete/", personal_data_views.delete_account, name="delete_account"),
    path("my-city/exchanges/", include((exchanges_urlpatterns, "exchanges"))),
    path("my-city/", include((my_city_urlpatterns, "my_city"))),
    path("partners-area/exchanges/", include((partners_area_urlpatterns, "partners_area"))),
    path("accounts/saved-searches/", include((alerts_urlpatterns, "alerts"))),
    path("accounts/", include(account_urlpatterns)),
    path("accounts/two-factor/", include(two_factor_urlpatterns)),
    path("certification/", include((certification_urlpatterns, "certification"))),
    path("awards/", include((awards_urlpatterns, "awards"))),
    path("interact/", include((interaction_urlpatterns, "interaction"))),
    *feeds,
    # Wagtail's form for a page's password, before page serving, which would take its address.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Page serving comes last: it matches every remaining path. Ours falls back to another
    # language when the page is not translated; Wagtail's routes follow for its other views.
    re_path(serve_pattern, serve.serve, name="serve_page"),
    path("", include(wagtail_urls)),
)
