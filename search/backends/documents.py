"""Every backend's index also keeps search.models (search.documents): what Wagtail indexes or
removes, one object at a time or by `update_index`, the site search's documents follow.

search.documents is imported in the methods, not at the top: it imports models, and Wagtail may
load a search backend before the app registry is ready."""


class DocumentsIndexMixin:
    def add_item(self, item):
        from search import documents

        documents.store([item])
        super().add_item(item)

    def add_items(self, model, items):
        from search import documents

        items = list(items)
        documents.store(items)
        super().add_items(model, items)

    def delete_item(self, item):
        from search import documents

        documents.remove(item)
        super().delete_item(item)


_classes = {}


def with_documents(index_class):
    if index_class not in _classes:
        _classes[index_class] = type(
            f"Documents{index_class.__name__}", (DocumentsIndexMixin, index_class), {}
        )
    return _classes[index_class]
