"""sitemap.xml with every language's pages (Wagtail's own covers the site root's tree only)."""

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap


class MultilingualSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        in_a_language = Q()
        for root in roots:
            in_a_language |= Q(path__startswith=root.path)
        from wagtail.models import Page

        return (
            Page.objects.live()
            .public()
            .filter(in_a_language)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        """Wagtail's entries, each listing the same page in every language it is live in
        (hreflang alternates, rendered by Django's sitemap template), found with one query."""
        from wagtail.models import Page

        items = list(self.paginator.page(page).object_list)
        versions = {}
        translations = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .order_by("path")
        )
        for translation in translations:
            versions.setdefault(translation.translation_key, []).append(
                {
                    "lang_code": translation.locale.language_code,
                    "location": translation.get_full_url(self.request),
                }
            )
        urls = []
        for item in items:
            alternates = versions.get(item.translation_key, [])
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info = {**url_info, "alternates": alternates}
                urls.append(url_info)
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
