"""What the admin's mixins are to the type checker. Each mixin is written for a model's
admin and calls the methods after it among the admin's bases; at run time it is a plain
class, so that it adds nothing to the order in which Django's own methods are found.

``ModelAdmin`` and its subclasses take their model in brackets at run time as well
(``SimpleHistoryAdmin[Person]``): django-modeltranslation, an installed app, gives them a
``__class_getitem__`` when it is imported, so django-stubs-ext's monkeypatch is not needed."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib import admin
    from django.contrib.admin.options import BaseModelAdmin
    from django.contrib.admin.options import _FieldsetSpec as FieldsetSpec
    from django.contrib.admin.options import _ListFilterT as ListFilter
    from django.utils.datastructures import _ListOrTuple

    # The model is any model the mixin serves: what it needs of it, it says itself.
    AdminMixin = admin.ModelAdmin[Any]
    # For a mixin that serves inlines as well as admins.
    AnyAdminMixin = BaseModelAdmin[Any]

    # A row of a form's fields: one field's name, or the names of fields side by side.
    FieldRow = str | _ListOrTuple[str]

    __all__ = ["AdminMixin", "AnyAdminMixin", "FieldRow", "FieldsetSpec", "ListFilter"]
else:
    AdminMixin = object
    AnyAdminMixin = object
