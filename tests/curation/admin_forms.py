"""What a browser would post back from an admin change page, unchanged: for tests that edit
one field of it."""


def _posted(value):
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [getattr(v, "pk", v) for v in value]
    return getattr(value, "pk", value)


def _form_data(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = _posted(value)
    return data


def change_form_data(response) -> dict:
    """The change form of ``response`` (a GET of an admin change page) as it would be sent."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data
