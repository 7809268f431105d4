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
