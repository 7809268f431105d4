"""Uploads and where they live: one way to keep a file private.

Every file of the default storage (Wagtail's images, their renditions and documents) and every
certification evidence file is stored by `files.storage`. What is private lives under the
"private/" prefix in the private location and is served only by a permission-checked view
(`files.views`, `files.serving`); the rest lives in the public media location. An image's or
document's file follows its collection: private while the collection (or an ancestor) has a
view restriction, public otherwise (`files.relocation`). Imports no other app of ours.
"""
