"""Settings for the detainee-release browser.

Everything that differs between a laptop and production comes from the environment,
read through the small helpers below, which fail loudly on a value they cannot parse
rather than silently falling back to a default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use one of 1/0, true/false.")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", default=False)

# Anyone who knows the key can forge sessions (an admin login among them), so with DEBUG off
# (the default, as in production) there must be one of our own. Only under DEBUG, as
# `make run` sets, does a fresh clone start with a public development key.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set, and DEBUG is off. Set SECRET_KEY to a long random value "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set DEBUG=1 "
        "for local development."
    )
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-key-not-secret"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with a field per language.
    "modeltranslation",
    # Before the admin, whose search box it gives a translated alt text
    # (curation/templates/admin/search_form.html), and before simple_history, whose history
    # table template it replaces.
    "curation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_htmx",
    "django_tasks_db",
    "simple_history",
    "axes",
    "sources",
    "releases",
    "web",
]

MIDDLEWARE = [
    # First, so that every response carries the framing headers and the policy, including
    # the 400 for a Host not in ALLOWED_HOSTS, which the middleware below raise.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (whose slash redirects use the language).
    "config.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.admin_guard.AdminInputGuardMiddleware",
    "config.unavailable.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

# Admin login is protected against password guessing: after AXES_FAILURE_LIMIT failures
# for one username from one address, that pair is locked out for a fixed cool-off period
# from the last counted failure. Attempts during the lockout (even with the right password)
# are refused without being counted, so they cannot extend it; a successful login after it
# ends clears the count. Keyed on username *and* address, a stranger can only lock a name
# out for their own address, not for a curator elsewhere (see config/client_ip.py for how
# the address is found behind the TLS proxy).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"

# The only login is the admin's: after it, and when the page asked for (`next`) is refused
# as unsafe, go to the admin's index rather than Django's default /accounts/profile/.
LOGIN_REDIRECT_URL = "admin:index"

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Every template lives under the app that renders it (web/templates/web/…,
        # curation/templates/curation/…), found by APP_DIRS in INSTALLED_APPS order.
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "web.context_processors.languages",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the zero-setup default; DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Write-ahead log: readers never wait for a writer (an import), nor it for them.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        # A write transaction takes the write lock when it begins, so two writers queue on
        # the busy timeout instead of one failing at once when it upgrades a read lock.
        "transaction_mode": "IMMEDIATE",
        # Seconds a writer waits for the lock before "database is locked".
        "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
    }
    # Django probes SQLite's JSON support with a query in a transaction, which in
    # IMMEDIATE mode waits for the write lock: while another process imports, the probe
    # fails and the check reports "SQLite does not support JSONFields" (every SQLite that
    # Python 3.12 ships has JSON built in). The JSON fields work; the probe is what fails.
    SILENCED_SYSTEM_CHECKS = ["fields.E180"]
else:
    # No parallel workers for a page's queries (PG_PARALLEL_WORKERS per query, default 0):
    # every query a page runs is indexed and takes milliseconds, and on a loaded server
    # starting workers costs more than they save.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} "
        f"-c max_parallel_workers_per_gather={envint('PG_PARALLEL_WORKERS', 0)}"
    ).strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Whole public pages are cached, keyed on the data version every write bumps (web.caching).
# Redis when REDIS_URL (or CACHE_URL) names one, shared by every worker; otherwise each
# process keeps its own in local memory, which is as correct, only colder.
_CACHE_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL")
if _CACHE_URL and not _CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL/CACHE_URL={_CACHE_URL!r} is not a redis:// URL.")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
    if _CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# The page cache's own bound (web.caching): at most this many pages, each at most this
# large (a larger page is served, not stored). Redis bounds itself too: see the README.
PAGE_CACHE_ENTRIES = envint("PAGE_CACHE_ENTRIES", 10_000)
PAGE_CACHE_MAX_BYTES = envint("PAGE_CACHE_MAX_BYTES", 500_000)

# Heavy work after a curator's write (re-running suggestions) runs in the background: queued
# in the database and run by `manage.py db_worker` (django-tasks-db), which `make run`
# starts beside the server and production runs as a service of its own (README).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The known names the suggestions match, kept on disk per version of the names so that a
# new server or worker process loads them instead of rebuilding them (curation.known_names);
# empty keeps them in memory only.
KNOWN_NAMES_DIR = os.environ.get("KNOWN_NAMES_DIR", str(BASE_DIR / ".cache" / "known-names"))

# Curators' links are fetched only from public internet addresses (curation.fetching); the
# tests serve their own pages on 127.0.0.1 and turn this on, nothing else should.
INGEST_ALLOW_LOOPBACK = envbool("INGEST_ALLOW_LOOPBACK", default=False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface in English and Spanish: /en/… and /es/… name the language; the unprefixed
# addresses (older links, scripts) answer in the language of the cookie, then of the
# browser's Accept-Language, then English (config.urls, config.locale). Data (names,
# quotes, articles) is shown as written. Regenerate the catalogue with
# `manage.py makemessages -l es` and `manage.py compilemessages` (see the README).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Curators' own words (event titles, role titles, notes …) are kept in both languages by
# django-modeltranslation (releases/translation.py): a missing one falls back to the other,
# and the pages mark it ("(in English)", web.templatetags.translated).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "es"), "en": ("es",), "es": ("en",)}
# Dates as journalists write them: "9 January 2026", "9 de enero de 2026" (config/formats).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain storage under DEBUG and in tests,
        # where no collectstatic has run.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and envbool("MANIFEST_STATIC", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Security headers. HTTPS-only settings default to on when DEBUG is off; a deployment
# behind a TLS-terminating proxy sets SECURE_PROXY_SSL_HEADER via the environment flag.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Exactly one proxy in front, which sets X-Forwarded-Proto and appends the client's
# address to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for, Caddy by default).
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
