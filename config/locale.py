"""Django's LocaleMiddleware, for a site whose every page also answers without a prefix.

``config.urls`` serves each page at /en/…, /es/… and at its old unprefixed address, which
speaks the language of the cookie, then Accept-Language, then English. Django's middleware
would turn a 404 at an unprefixed address (an unknown person) into a redirect to /en/…;
here the unprefixed page's own 404 stands, so an old link or a script gets the same status
it always did. Unprefixed responses vary by Accept-Language and Cookie, which choose them.
"""

from django.middleware import locale
from django.urls import get_urlconf, is_valid_path
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_path


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_response(self, request, response):
        if get_language_from_path(request.path_info):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        if response.status_code == 404 and is_valid_path(request.path_info, get_urlconf()):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
