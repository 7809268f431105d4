"""Form fields linked to their help and error text, for assistive technologies."""

from django import template

register = template.Library()


@register.filter
def described_field(field):
    """The field's widget with aria-describedby naming its help text and its errors.

    Django links only the help text (as `<id>_helptext`, and not for fieldsets); errors must be
    read out with the field too, so both ids are set here, and form_fields.html renders elements
    with these same ids.
    """
    described_by = field_description_ids(field)
    attrs = {"aria-describedby": described_by} if described_by else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def field_description_ids(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    ids.extend(f"{field.auto_id}_error{index}" for index in range(1, len(field.errors) + 1))
    return " ".join(ids)
