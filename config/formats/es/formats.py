"""Spanish dates: "9 de enero de 2026", "enero de 2026" (Django's own, stated here so that
both languages are read from one place)."""

DATE_FORMAT = r"j \d\e F \d\e Y"
YEAR_MONTH_FORMAT = r"F \d\e Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
